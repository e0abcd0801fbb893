"""AID: military aid given, paused, resumed, requested or cancelled.

Sides are the giver first and the recipient second: named before an aid noun ("U.S.
assistance"), "from/by X", a thanked party, else the subject; the recipient "to X".
A mention that names no giver ("the delivery") takes the last aid mention's sides.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitrep.eventtypes import EventType
from sitrep.nlp.categories import PEOPLE
from sitrep.nlp.cuesets import cueset, load_cues
from sitrep.nlp.eventcontext import EventContext
from sitrep.nlp.eventsyntax import (
    about,
    after_to,
    coordinated_money,
    givers_of,
    governed_by,
    has_agent,
    is_anaphoric,
    money_in,
    prep_code,
    recipient_of,
    subject_of,
    unnamed_giver,
)
from sitrep.nlp.families.base import Family, family
from sitrep.nlp.lexicon import Lexicons
from sitrep.nlp.mentions import EventMention
from sitrep.nlp.triggers import Trigger, is_completed, is_future, is_progressive


@cueset("events")
@dataclass(frozen=True)
class AidCues:
    """The cue lists of the aid family."""

    aid_objects: frozenset[str]  # nouns that name aid: "weapons", "assistance"
    aid_weak: frozenset[str]  # triggers that name aid only with a thing, a recipient or aid words: "delivery"
    more_words: frozenset[str]  # "more weapons": a resumption after a pause
    aid_context: frozenset[str]  # words that make a sum of money military aid
    aid_modifiers: frozenset[str]  # "military" in "military support"
    aid_modified: frozenset[str]  # "support" in "military support"
    aid_explicit_labels: frozenset[str]  # labels that are aid only with a thing given: "halted"
    aid_arrivals: frozenset[str]  # "arrive": a delivery
    aid_verbs_only: frozenset[str]  # "fund": aid as a verb only ("frozen funds" is none)
    aid_info_objects: frozenset[str]  # "received allegations", "sent a note": word passed on, no aid
    aid_civil_only: frozenset[str]  # "deploy": aid only of civil equipment ("deploying generators", not Patriots)
    aid_credit_objects: frozenset[str]  # "contributed to this report": a credit line, no aid
    aid_request_verbs: frozenset[str]  # "urged allies to deliver": aid asked of the object
    aid_aggressor_heads: frozenset[str]  # "Russia's invasion", "the Russian tanks": a side named as the aggressor


@family(EventType.AID)
class AidFamily(Family):
    """Aid decisions and deliveries, one mention per giver and sum."""

    def __init__(self, lex: Lexicons) -> None:
        super().__init__(lex)
        self.cues = load_cues(AidCues, lex)

    def keeps(self, ctx: EventContext, trig: Trigger, group: list[Trigger]) -> bool:
        """A weak trigger ("delivery") yields to a strong one in its sentence; a trigger governed by a
        strong one is part of that decision ("announcing that we are providing"), unless it names its
        own doer ("donated by Italy")."""
        doc = ctx.doc
        strong = [
            t for t in group if t.family is EventType.AID and doc[t.start].lemma_.lower() not in self.cues.aid_weak
        ]
        if strong and trig not in strong:
            return False
        return not (governed_by(doc, trig, strong) and not has_agent(doc[trig.start]))

    def mentions(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        head = trig.head(ctx.doc)
        if head.dep_ == "amod" and head.head.pos_ == "NOUN":
            head = head.head
        anaphoric = is_anaphoric(head)
        if not (self._relevant(ctx, head, trig.label) or (anaphoric and ctx.last(EventType.AID))):
            return
        if _announces_a_seizure(ctx, head) or self._no_aid(head):
            return
        request = self._request(ctx, head)
        phase = "requested" if request else (self._governing_phase(ctx, head) or self._phase(trig, head))
        if phase == "announced" and self._is_more(head) and ctx.last(EventType.AID, "paused"):
            phase = "resumed"
        givers, recipient = request or self._sides(ctx, head)
        givers = _accused(ctx, head) or givers or self._speaker(ctx, head)
        items = self._items(ctx, head)
        if head.lemma_.lower() in self.cues.aid_civil_only and (not items or set(items) != {"equipment"}):
            return  # "deployed a Patriot battery to Slovakia", "deploying troops": its own forces moved, no aid
        money = money_in(ctx.sentence(trig).text)
        if ctx.doc[trig.start].lemma_.lower() in self.cues.aid_weak:
            aid_money = money is not None and self._aid_words(ctx.sentence(trig))
            if not (items or recipient or aid_money or self._gives_aid_word(head)):
                return  # "all Pentagon shipments", "a $2.25 trillion infrastructure package"
        explicit = bool(givers)
        if not givers:
            if unnamed_giver(ctx, head, set(self.cues.aid_objects)):
                return  # "At least 30 countries have provided", "support provided by other Allies"
            prev = ctx.last(EventType.AID, phase) or ctx.last(EventType.AID)
            givers = [g for g in (prev.actors[:1] if prev else []) if g != recipient]
            recipient = recipient or (prev.actors[1] if prev and len(prev.actors) > 1 else None)
        if not givers:
            return
        recipient = recipient or self._backed_side(givers)
        recipient = recipient or self._warring_side_named(ctx, trig, givers) or _attacked(ctx, givers)
        recipient = recipient or ctx.first_other(givers)
        place = self._delivery_place(ctx, head) if phase == "delivered" else None
        sums = [(money, items), *((extra, []) for extra in coordinated_money(ctx, ctx.sentence(trig)))]
        for giver in givers:
            actors = [giver] + ([recipient] if recipient and recipient != giver else [])
            for value, things in sums:
                yield ctx.mention(
                    EventType.AID,
                    phase,
                    actors,
                    trig,
                    items=things,
                    anaphoric=anaphoric,
                    explicit=explicit,
                    value_usd=value,
                    place=place,
                )

    def _no_aid(self, head: Token) -> bool:
        """ "frozen funds" (a verb-only trigger as a noun), "X and Y contributed to this report" (a credit line),
        "received allegations", "sent a note" (word passed on)."""
        if head.pos_ != "VERB" and head.lemma_.lower() in self.cues.aid_verbs_only:
            return True
        passed = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(o.lemma_.lower() in self.cues.aid_info_objects for o in passed):
            return True  # "received credible allegations that ... munitions", "the note was sent"
        credits = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children]
        return any(g.dep_ == "pobj" and g.lemma_.lower() in self.cues.aid_credit_objects for g in credits)

    def _request(self, ctx: EventContext, head: Token) -> tuple[list[str], str | None] | None:
        """ "Zelenskyy urged NATO allies to deliver more missiles": aid requested of the urged, for the urger."""
        verb = head.head
        if head.dep_ != "xcomp" or verb.i == head.i or verb.lemma_.lower() not in self.cues.aid_request_verbs:
            return None
        asked = [c for c in verb.children if c.dep_ == "dobj"]
        asked += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children]
        givers = ctx.actors.codes_in([t for a in asked for t in a.subtree])[:1]
        subj = subject_of(verb)
        asker = ctx.actors.first_code(subj.subtree) if subj is not None else None
        return givers, (recipient_of(ctx, head) or asker)

    @staticmethod
    def _speaker(ctx: EventContext, head: Token) -> list[str]:
        """ "Spain said it would send": "it" is the speaker."""
        subj = subject_of(head)
        if subj is None or subj.lower_ not in ("it", "they"):
            return []
        for verb in [t for t in head.ancestors if t.pos_ == "VERB"][:2]:  # "X said (that) it would send"
            speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            codes = ctx.actors.codes_in(speaker.subtree) if speaker is not None else []
            if codes:
                return codes[:1]
        return []

    def _gives_aid_word(self, head: Token) -> bool:
        """ "Iran supplies weapons": a weak trigger whose object names aid."""
        objects = [c for c in head.children if c.dep_ == "dobj"] if head.pos_ == "VERB" else []
        return any(self._aid_word(t) for o in objects for t in o.subtree)

    def _backed_side(self, givers: list[str]) -> str | None:
        """No recipient said: the side at war that the giver is known to back ("Iran supplies drones": Russia;
        ``backers`` in ``conflicts.jsonl``), before any side the sentence names ("In Ukraine, Iran supplies ...")."""
        sides = {self.lex.backed[g] for g in givers if g in self.lex.backed}
        return next(iter(sides)) if len(sides) == 1 else None

    def _warring_side_named(self, ctx: EventContext, trig: Trigger, givers: list[str]) -> str | None:
        """No recipient said: a side at war that the sentence names ("told Ukraine's president that the
        Netherlands would send"), else the one enemy of a side it names as the aggressor ("since Russia's
        invasion"), before the story's most named side (which may be the enemy)."""
        sent = ctx.sentence(trig)
        named = ctx.actors.codes_in(t for t in sent if not self._as_aggressor(t))
        found = next((c for c in named if c not in givers and c in self.lex.opponents), None)
        if found:
            return found
        aggressors = ctx.actors.codes_in(t for t in sent if self._as_aggressor(t))
        enemies = {e for c in aggressors for e in self.lex.opponents.get(c, ())} - set(givers)
        return next(iter(enemies)) if len(enemies) == 1 else None  # "since Russia's invasion": Ukraine

    def _as_aggressor(self, token: Token) -> bool:
        """ "Since Russia's invasion", "the Javelins that halted the Russian tanks": a side named as the one
        attacking or as the enemy's forces is not who receives the aid."""
        return token.dep_ in ("poss", "amod", "compound", "nmod") and (
            token.head.lemma_.lower() in self.cues.aid_aggressor_heads
        )

    @staticmethod
    def _delivery_place(ctx: EventContext, head: Token) -> str | None:
        """ "delivered an air defense system to Belgrade": the city it was delivered to (not a country)."""
        for tok in head.children:
            if tok.dep_ != "prep" or tok.lower_ != "to":
                continue
            for place in ctx.places.between(tok.i + 1, tok.right_edge.i + 1):
                actor = ctx.actors.actor_at.get(place.start)
                if actor is None or actor.kind != "state":
                    return place.name
        return None

    def _aid_words(self, sent: Span) -> bool:
        """The sentence speaks of aid or of military matters, not just of money."""
        return any(t.lemma_.lower() in self.cues.aid_context for t in sent)

    def _relevant(self, ctx: EventContext, head: Token, label: str | None) -> bool:
        """The trigger's phrase names aid ("weapons", "security assistance") or, for a
        giving verb, a counted thing other than people ("restore this building" is not aid)."""
        tokens = [t for t in head.subtree if not (after_to(t) or about(t, head))]
        if head.dep_ == "acl":  # "Patriot batteries donated by Germany": the thing given is the noun modified
            tokens += list(head.doc[head.head.left_edge.i : head.head.i + 1])
        if any(self._aid_word(t) for t in tokens):
            return True
        span = {t.i for t in tokens}
        nearby = ctx.items.between(min(span), max(span) + 1) if span else []
        things = [m for m in nearby if m.start in span and m.category not in PEOPLE]
        if label in self.cues.aid_explicit_labels:  # "halted the Russian tanks" is no pause of aid
            return any(not ctx.actors.codes_in(ctx.doc[max(0, m.start - 2) : m.start]) for m in things)
        return bool(things)

    def _aid_word(self, token: Token) -> bool:
        """An aid noun, or a modifier like "military" or "humanitarian" on one ("military support")."""
        forms = {token.lower_, token.lemma_.lower()}
        if forms & self.cues.aid_objects:
            return True
        if token.i > 0 and f"{token.doc[token.i - 1].lower_} {token.lower_}" in self.cues.aid_objects:
            return True  # "air defense"
        head = token.head
        modifies = token.dep_ in ("amod", "compound", "conj") and head.i != token.i
        return bool(forms & self.cues.aid_modifiers) and modifies and head.lemma_.lower() in self.cues.aid_modified

    def _phase(self, trig: Trigger, head: Token) -> str:
        label = trig.label or "delivered"
        if head.lemma_.lower() in self.cues.aid_arrivals:
            return "delivered"  # "Abrams tanks will arrive next week": the delivery, dated
        if label in ("tensed", "delivered") and head.pos_ in ("VERB", "AUX"):
            thanked_for = head.tag_ == "VBG" and head.dep_ == "pcomp" and head.head.lower_ == "for"
            if is_future(head) or is_progressive(head) or head.tag_ == "VB" or thanked_for:
                return "announced"
            return "delivered" if (is_completed(head) or head.tag_ in ("VBG", "VBZ", "VBP", "VBN")) else "announced"
        if label in ("tensed", "delivered") and is_future(head):
            return "announced"  # "will play a role in the provision of", "planned deliveries"
        return "delivered" if label == "tensed" else label

    @staticmethod
    def _governing_phase(ctx: EventContext, head: Token) -> str | None:
        """ "batteries donated by Germany" inside "we are announcing ...": the announcement's phase."""
        if not (head.dep_ == "acl" and head.tag_ == "VBN"):
            return None
        for node in head.ancestors:
            mention = ctx.found.by_trigger.get(node.i)
            if mention is not None and mention.type == EventType.AID:
                return mention.phase
        return None

    def _is_more(self, head: Token) -> bool:
        """ "more weapons", "additional aid" (not "more than 1,000")."""
        doc = head.doc
        return any(
            t.lower_ in self.cues.more_words and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "than")
            for t in head.subtree
        )

    @staticmethod
    def _sides(ctx: EventContext, head: Token) -> tuple[list[str], str | None]:
        recipient = recipient_of(ctx, head)
        if head.lemma_ == "receive":
            giver = prep_code(ctx, head, ("from",))
            subj = subject_of(head)
            return ([giver] if giver else []), (ctx.actors.first_code(subj.subtree) if subj else recipient)
        givers = [g for g in givers_of(ctx, head) if g != recipient]
        return givers, recipient

    @staticmethod
    def _items(ctx: EventContext, head: Token) -> list[str]:
        """Categories of what is given: the object of a verb, the subtree of a noun."""
        if head.pos_ == "NOUN" and head.dep_ in ("nsubj", "nsubjpass"):
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            parts = [
                c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative", "xcomp", "ccomp")
            ]
            parts += [c for c in head.children if c.dep_ == "nsubj" and not ctx.actors.codes_in(c.subtree)]
            spans = [range(c.left_edge.i, c.right_edge.i + 1) for c in parts]
            if head.dep_ == "acl":  # "Patriot batteries donated by Germany"
                spans.append(range(head.head.left_edge.i, head.head.i + 1))
        else:
            spans = [range(head.left_edge.i, head.right_edge.i + 1)]
        inside = sorted({n for span in spans for n in ctx.items.positions_between(span.start, span.stop)})
        cats: list[str] = []
        for m in (ctx.found.items[n] for n in inside):
            if m.category not in cats and m.category not in PEOPLE:
                cats.append(m.category)
        return cats


def _attacked(ctx: EventContext, givers: list[str]) -> str | None:
    """No recipient named: the side the story's last attack struck ("Russian strikes cut power across Ukraine.
    The EU said it was deploying generators"), not the most named side, which may be the attacker."""
    attack = ctx.last(EventType.ATTACK)
    if attack is None or len(attack.actors) < 2 or attack.actors[0] in givers:
        return None
    return attack.actors[1] if attack.actors[1] not in givers else None


def _accused(ctx: EventContext, head: Token) -> list[str]:
    """ "accused France and others of supplying Ukraine": the accused is the giver, not the accuser."""
    if head.dep_ != "pcomp" or head.head.lower_ != "of":
        return []
    verb = next((a for a in head.head.ancestors if a.pos_ == "VERB"), None)
    accused = [c for c in verb.children if c.dep_ == "dobj"] if verb is not None else []
    return ctx.actors.codes_in(accused[0].subtree)[:1] if accused else []


def _announces_a_seizure(ctx: EventContext, head: Token) -> bool:
    """ "announced the seizure of a tanker", "stop tankers and seize their oil": what is told is a
    seizure (its trigger is the object or a conjunct of the aid word), not aid."""
    seizures = {t.start for t in ctx.found.triggers if t.family is EventType.SEIZE}
    return any(c.dep_ in ("dobj", "conj") and c.i in seizures for c in head.children)
