"""Event component: aid decisions, attacks, meetings, agreements and sanctions.

Each trigger (see ``triggers.py``) in a sentence becomes an ``EventMention`` with
its sides, people, place and date; ``merge.py`` then folds the mentions of one
event into one. Sides come from the syntax around the trigger (subject, "to X",
"Russian attacks"), and a mention that names none ("this pause", "the talks")
takes them from the last mention of its kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitrep.nlp.actors import ActorIndex, is_location
from sitrep.nlp.categories import MUNITIONS, PEOPLE
from sitrep.nlp.eventsyntax import (
    EventContext,
    about,
    after_to,
    city_of,
    clause_text,
    coordinated_money,
    givers_of,
    governed_by,
    has_agent,
    is_anaphoric,
    is_incident,
    is_negated,
    is_nominal,
    money_in,
    place_of,
    prep_code,
    recipient_of,
    subject_of,
    unnamed_giver,
)
from sitrep.nlp.lexicon import Lexicons, load_lexicons
from sitrep.nlp.mentions import EventMention, findings, sentence_index
from sitrep.nlp.triggers import Trigger, is_completed, is_future, is_progressive, trigger_index

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DAY = re.compile(rf"\b(?:(?:{MONTHS})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTHS}))\b")


MODALS = {"can", "could", "may", "might", "should", "would", "must"}


class EventExtractor:
    """Build event mentions from triggers and the entities around them."""

    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        self.index = trigger_index(lex)
        self.aid_objects = set(lex.cue_list("aid_objects"))
        self.aid_weak = set(lex.cue_list("aid_weak"))
        self.attack_strong = set(lex.cue_list("attack_strong"))
        self.more_words = set(lex.cue_list("more_words"))
        self.planned = set(lex.cue_list("consult_planned"))
        kinds = lex.cues.get("consult_kinds", {})
        self.consult_kind = {w: k for k, words in kinds.items() for w in words}
        self.sites: dict[str, str] = lex.cues.get("sites", {})
        self.agree_objects = set(lex.cue_list("agree_objects"))
        self.hypothetical = set(lex.cue_list("hypothetical_heads"))
        self.aid_context = set(lex.cue_list("aid_context"))
        self.aid_modifiers = set(lex.cue_list("aid_modifiers"))
        self.aid_modified = set(lex.cue_list("aid_modified"))
        self.aid_explicit = set(lex.cue_list("aid_explicit_labels"))
        self.arrivals = set(lex.cue_list("aid_arrivals"))
        self.consult_nouns = set(lex.cue_list("consult")) | {"conference", "forum"}
        planned = sorted(lex.cue_list("consult_planned"), key=len, reverse=True)
        self.planned_re = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in planned) + r")\b")
        self.group_subjects = set(lex.cue_list("group_subjects"))
        self.munitions = MUNITIONS
        self.hostile = set(lex.cue_list("hostile_refs"))
        self.unreal = set(lex.cue_list("hypothetical_heads")) | set(lex.cue_list("sanction_unreal"))

    def __call__(self, doc: Doc) -> Doc:
        found = findings(doc)
        actors = ActorIndex(doc, found)
        found.home = actors.home
        found.triggers = self.index.find(doc, {i for m in found.items for i in range(m.start, m.end)})
        sent_of = sentence_index(doc)
        found.sent_of = sent_of
        ctx = EventContext(doc, found, actors, list(doc.sents), sent_of)
        for trig in self._select(ctx, found.triggers):
            for mention in self._mentions(ctx, trig):
                found.events.append(mention)
                found.by_trigger.setdefault(trig.start, mention)
        return doc

    def _select(self, ctx: EventContext, triggers: list[Trigger]) -> list[Trigger]:
        """Drop triggers that another trigger of the same sentence governs or outranks."""
        doc, sent_of = ctx.doc, ctx.sent_of
        by_sent: dict[int, list[Trigger]] = {}
        seen: set[tuple[int, str]] = set()
        for trig in triggers:
            if trig.family == "loss" or (trig.start, trig.family) in seen or is_negated(trig.head(doc)):
                continue
            if ctx.sentence(trig).text.rstrip().endswith("?"):
                continue
            seen.add((trig.start, trig.family))
            by_sent.setdefault(sent_of[trig.start], []).append(trig)
        keep: list[Trigger] = []
        for group in by_sent.values():
            aid = [t for t in group if t.family == "aid"]
            strong = [t for t in aid if doc[t.start].lemma_.lower() not in self.aid_weak]
            for trig in group:
                if trig.family == "aid" and strong and trig not in strong:
                    continue
                if trig.family == "aid" and governed_by(doc, trig, strong) and not has_agent(doc[trig.start]):
                    continue  # "announcing that we are providing": one decision; "donated by Italy" is its own
                keep.append(trig)
        return keep

    def _mentions(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        builder = {
            "aid": self._aid,
            "attack": self._attack,
            "consult": self._consult,
            "agree": self._agree,
            "sanction": self._sanction,
        }[trig.family]
        yield from builder(ctx, trig)

    # --- AID -------------------------------------------------------------
    def _aid(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        head = trig.head(ctx.doc)
        if head.dep_ == "amod" and head.head.pos_ == "NOUN":
            head = head.head
        anaphoric = is_anaphoric(head)
        if not (self._aid_relevant(ctx, head, trig.label) or (anaphoric and ctx.last("AID"))):
            return
        phase = self._governing_phase(ctx, head) or self._aid_phase(trig, head)
        if phase == "announced" and self._is_more(head) and ctx.last("AID", "paused"):
            phase = "resumed"
        givers, recipient = self._aid_sides(ctx, head)
        items = self._items(ctx, head)
        money = money_in(ctx.sentence(trig).text)
        if ctx.doc[trig.start].lemma_.lower() in self.aid_weak:
            aid_money = money is not None and self._aid_words(ctx.sentence(trig))
            if not (items or recipient or aid_money):
                return  # "all Pentagon shipments", "a $2.25 trillion infrastructure package"
        explicit = bool(givers)
        if not givers:
            if unnamed_giver(ctx, head, self.aid_objects):
                return  # "At least 30 countries have provided", "support provided by other Allies"
            prev = ctx.last("AID", phase) or ctx.last("AID")
            givers = [g for g in (prev.actors[:1] if prev else []) if g != recipient]
            recipient = recipient or (prev.actors[1] if prev and len(prev.actors) > 1 else None)
        if not givers:
            return
        recipient = recipient or ctx.first_other(givers)
        sums = [(money, items), *((extra, []) for extra in coordinated_money(ctx, ctx.sentence(trig)))]
        for giver in givers:
            actors = [giver] + ([recipient] if recipient and recipient != giver else [])
            for value, things in sums:
                yield ctx.mention(
                    "AID", phase, actors, trig, items=things, anaphoric=anaphoric, explicit=explicit, value_usd=value
                )

    def _aid_words(self, sent: Span) -> bool:
        """The sentence speaks of aid or of military matters, not just of money."""
        return any(t.lemma_.lower() in self.aid_context for t in sent)

    def _aid_relevant(self, ctx: EventContext, head: Token, label: str | None) -> bool:
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
        if label in self.aid_explicit:  # "halted the Russian tanks" is no pause of aid
            return any(not ctx.actors.codes_in(ctx.doc[max(0, m.start - 2) : m.start]) for m in things)
        return bool(things)

    def _aid_word(self, token: Token) -> bool:
        """An aid noun, or a modifier like "military" or "humanitarian" on one ("military support")."""
        forms = {token.lower_, token.lemma_.lower()}
        if forms & self.aid_objects:
            return True
        if token.i > 0 and f"{token.doc[token.i - 1].lower_} {token.lower_}" in self.aid_objects:
            return True  # "air defense"
        head = token.head
        modifies = token.dep_ in ("amod", "compound", "conj") and head.i != token.i
        return bool(forms & self.aid_modifiers) and modifies and head.lemma_.lower() in self.aid_modified

    def _aid_phase(self, trig: Trigger, head: Token) -> str:
        label = trig.label or "delivered"
        if head.lemma_.lower() in self.arrivals:
            return "delivered"  # "Abrams tanks will arrive next week": the delivery, dated
        if label in ("tensed", "delivered") and head.pos_ in ("VERB", "AUX"):
            thanked_for = head.tag_ == "VBG" and head.dep_ == "pcomp" and head.head.lower_ == "for"
            if is_future(head) or is_progressive(head) or head.tag_ == "VB" or thanked_for:
                return "announced"
            return "delivered" if (is_completed(head) or head.tag_ in ("VBG", "VBZ", "VBP", "VBN")) else "announced"
        if label in ("tensed", "delivered") and is_future(head):
            return "announced"  # "will play a role in the provision of", "planned deliveries"
        return "delivered" if label == "tensed" else label

    def _governing_phase(self, ctx: EventContext, head: Token) -> str | None:
        """ "batteries donated by Germany" inside "we are announcing ...": the announcement's phase."""
        if not (head.dep_ == "acl" and head.tag_ == "VBN"):
            return None
        for node in head.ancestors:
            mention = ctx.found.by_trigger.get(node.i)
            if mention is not None and mention.type == "AID":
                return mention.phase
        return None

    def _is_more(self, head: Token) -> bool:
        """ "more weapons", "additional aid" (not "more than 1,000")."""
        doc = head.doc
        return any(
            t.lower_ in self.more_words and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "than")
            for t in head.subtree
        )

    def _aid_sides(self, ctx: EventContext, head: Token) -> tuple[list[str], str | None]:
        recipient = recipient_of(ctx, head)
        if head.lemma_ == "receive":
            giver = prep_code(ctx, head, ("from",))
            subj = subject_of(head)
            return ([giver] if giver else []), (ctx.actors.first_code(subj.subtree) if subj else recipient)
        givers = [g for g in givers_of(ctx, head) if g != recipient]
        return givers, recipient

    def _items(self, ctx: EventContext, head: Token) -> list[str]:
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

    # --- ATTACK ----------------------------------------------------------
    def _attack(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        head = trig.head(ctx.doc)
        if trig.label == "battle":
            yield from self._battle(ctx, trig, head)
            return
        lemma = head.lemma_.lower()
        subtree_items = ctx.items.between(head.left_edge.i, head.right_edge.i + 1)
        has_munition = any(m.category in self.munitions for m in subtree_items)
        if lemma not in self.attack_strong and trig.label != "launched" and not has_munition:
            return
        if trig.label == "launched" and lemma not in self.attack_strong and not has_munition:
            return
        if lemma == "launch" and not (has_munition or self._launches_weapon(ctx, head)):
            return  # "launched the Contact Group", "launch production"
        attacker = self._attacker(ctx, head, trig)
        if attacker is None and trig.label not in ("killed", "injured"):  # not "lives taken by the occupiers"
            attacker = self._hostile(ctx, head)
        anaphoric = is_anaphoric(head)
        if attacker is None:
            prev = ctx.last("ATTACK")
            if not (anaphoric and prev):
                return
            attacker = prev.actors[0]
        target = prep_code(ctx, head, ("on", "at", "against", "across", "in", "of"), allow_place=True)
        if target is None or target == attacker:
            objects = [c for c in head.children if c.dep_ == "dobj"]
            target = next((c for o in objects for c in ctx.actors.codes_in(o.subtree, allow_place=True)), None)
        target = target if target and target != attacker else ctx.default_other(attacker)
        actors = [attacker] + ([target] if target else [])
        yield ctx.mention(
            "ATTACK",
            "held",
            actors,
            trig,
            anaphoric=anaphoric,
            place=city_of(ctx, trig),
            distinct=self._one_off(ctx, trig),
        )

    @staticmethod
    def _one_off(ctx: EventContext, trig: Trigger) -> bool:
        """One incident: told as one ("a Russian strike", "fired at a house") or dated to a day."""
        sent = ctx.sentence(trig)
        days = [e for e in sent.ents if e.label_ == "DATE" and DAY.search(e.text)]
        return is_incident(trig.head(ctx.doc)) or bool(days)

    def _hostile(self, ctx: EventContext, head: Token) -> str | None:
        """ "enemy missile attack", "the occupiers hit": the side that attacked last in the text."""
        subj = subject_of(head) if not is_nominal(head) else None
        words = [t for t in head.subtree if t.i < head.i] if is_nominal(head) else list(subj.subtree if subj else [])
        if not any(t.lemma_.lower() in self.hostile for t in words):
            return None
        return ctx.log.attacker_besides("")  # the latest attacker: the enemy of the story

    def _launches_weapon(self, ctx: EventContext, head: Token) -> bool:
        """ "launched strikes", "the drones that Russia launched" (not "launched the Contact Group")."""
        if any(t.lemma_.lower() in self.attack_strong for t in head.subtree if t.i != head.i):
            return True
        modified = head.head if head.dep_ in ("relcl", "acl") else None
        return modified is not None and any(m.category in self.munitions for m in ctx.items_at.get(modified.i, ()))

    def _battle(self, ctx: EventContext, trig: Trigger, head: Token) -> Iterator[EventMention]:
        """ "the battle of Kyiv", "fighting in and around Bakhmut": one attack per place named."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return
        named = ctx.places.between(head.i + 1, head.right_edge.i + 1)
        places = [p for p in named if is_location(ctx.doc[p.end - 1])]
        places += [p for p in named if ctx.doc[p.end - 1].dep_ in ("pobj", "conj") and p not in places]
        for place in places:
            actors = self._battle_sides(ctx, head, trig, place.country)
            if actors:
                yield ctx.mention("ATTACK", "held", actors, trig, place=place.name, distinct=True)

    def _battle_sides(self, ctx: EventContext, head: Token, trig: Trigger, country: str | None) -> list[str]:
        """Attacker first: named, or the place's own side for a counteroffensive, else its enemy."""
        if country is None:
            return []
        named = ctx.actors.codes_in([t for t in head.subtree if t.i < head.i])
        attacker = named[0] if named else prep_code(ctx, head, ("by",))
        if attacker is None:
            attacker = country if head.lemma_.lower().startswith("counter") else ctx.enemy_of(country)
        target = country if country != attacker else ctx.default_other(attacker)
        return [a for a in (attacker, target) if a]

    def _attacker(self, ctx: EventContext, head: Token, trig: Trigger) -> str | None:
        if trig.label == "intercepted":
            for m in ctx.items.between(head.left_edge.i, head.right_edge.i + 1):
                if m.category in self.munitions:
                    code = ctx.actors.codes_in(ctx.doc[max(0, m.start - 3) : m.end])
                    if code:
                        return code[0]
            return None
        if is_nominal(head):
            lead = [t for t in head.subtree if t.i < head.i]
            if head.dep_ == "conj":  # "Russian missile and drone attack": modifiers shared with the first noun
                lead += [t for t in head.head.subtree if t.i < head.head.i]
            code = ctx.actors.codes_in(lead)
            if code:
                return code[0]
            by = prep_code(ctx, head, ("by", "from"))
            if by:
                return by
        if head.tag_ == "VBN" and not any(c.lemma_ == "have" for c in head.children):
            return prep_code(ctx, head, ("by",))  # "30,000 Russian soldiers killed", "a school damaged": the victim
        subj = subject_of(head)
        if subj is not None:
            codes = ctx.actors.codes_in(subj.subtree)
            return codes[0] if codes else None
        return prep_code(ctx, head, ("by",))

    # --- CONSULT, AGREE, SANCTION ----------------------------------------
    def _consult(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        head = trig.head(ctx.doc)
        sent = ctx.sentence(trig)
        if trig.label == "with" and not (head.pos_ == "VERB" and self._talks_with(ctx, head)):
            return
        governor = head.head.head if head.head.pos_ == "ADP" else head.head  # "open to talks"
        modal = [c for c in head.children if c.dep_ in ("acl", "relcl")] + [governor]
        if head.pos_ == "NOUN" and any(t.lemma_.lower() in self.hypothetical for t in modal):
            return  # "open to talks", "called for negotiations", "the talks needed to": no meeting yet
        if head.dep_ == "compound" and head.head.lemma_.lower() not in self.consult_nouns:
            return  # "the negotiation process", "the negotiation track": no one meeting
        if ctx.log.in_sentence("CONSULT", ctx.sent_of[trig.start]):
            return
        own = ctx.actors.codes_in(t for t in head.subtree if t.i < head.i) if head.pos_ in ("NOUN", "PROPN") else []
        actors = own if len(own) > 1 else ctx.actors.codes_in(sent)  # "the U.S.-Russia Summit"
        if ctx.actors.home and any(t.dep_ == "nsubj" and t.lower_ in ("i", "we") for t in sent):
            actors = [ctx.actors.home, *[a for a in actors if a != ctx.actors.home]]
        anaphoric = is_anaphoric(head) and not ctx.actors.codes_in(head.subtree)
        explicit = bool(actors) and not anaphoric
        kind = self.consult_kind.get(head.lemma_.lower(), self.consult_kind.get(head.lower_, "meeting"))
        if not explicit:
            prev = ctx.log.last_of_kind("CONSULT", kind) or ctx.last("CONSULT")
            if prev is None:
                return
            actors = list(prev.actors)
        elif len(actors) < 2 or (subject_of(head) is None and any(c.lower_ == "with" for c in head.children)):
            other = ctx.actors.home if ctx.actors.home not in actors else ctx.first_other(actors)
            actors += [other] if other else []
        phase = "planned" if self._planned(head, sent) else "held"
        persons = [p.name for p in ctx.persons.between(sent.start, sent.end)]
        yield ctx.mention(
            "CONSULT",
            phase,
            actors,
            trig,
            persons=persons,
            anaphoric=anaphoric,
            explicit=explicit,
            place=place_of(ctx, trig, states=True),
            kind=kind,
        )

    def _planned(self, head: Token, sent: Span) -> bool:
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        if is_completed(verb) and not is_future(head):
            return False
        return is_future(head) or bool(self.planned_re.search(clause_text(head, sent)))

    def _talks_with(self, ctx: EventContext, head: Token) -> bool:
        """ "spoke with X", "called Chancellor Scholz", "spoke by phone": a conversation with someone named."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("with", "by"):
                pobj = [g for g in child.children if g.dep_ == "pobj"]
                if any(ctx.actors.codes_in(p.subtree) or p.lower_ in ("phone", "telephone", "video") for p in pobj):
                    return True
            named = child.i in ctx.actors.person_at or ctx.actors.codes_in([child])
            if child.dep_ in ("dobj", "oprd") and head.lemma_ in ("call", "welcome", "host") and named:
                return True
            if child.dep_ == "dobj" and head.lemma_ == "host" and child.lemma_.lower() in self.consult_nouns:
                return True
        return False

    def _agree(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        sent = ctx.sentence(trig)
        token = ctx.doc[trig.start]
        if any(c.dep_ == "prt" or (c.dep_ == "aux" and c.lower_ in MODALS) for c in token.children):
            return  # "agree with", "the teams can agree on": no agreement yet
        if token.lemma_ == "sign" and not any(t.lower_ in self.agree_objects for t in token.subtree):
            return
        if self._unreal(token):
            return  # "his willingness to adopt a full ceasefire", "the possibility of a deal"
        if ctx.log.in_sentence("AGREE", ctx.sent_of[trig.start]):
            return
        actors = ctx.actors.codes_in(sent)
        group = self._group_subject(ctx, ctx.doc[trig.start])
        if group or not actors:
            held = ctx.last("CONSULT", "held") or ctx.last("CONSULT")
            prev = held if group else (ctx.found.events[-1] if ctx.found.events else None)
            actors = list(prev.actors) if prev else actors
        if not actors:
            return
        dates = [d for d in ctx.dates.between(sent.start, sent.end) if len(d.value) >= 7 and "W" not in d.value]
        values: list[str | None] = [d.value for d in dates]
        for value in values or [None]:
            yield ctx.mention("AGREE", None, actors, trig, date=value, kind=self._agreed_on(token))

    @staticmethod
    def _agreed_on(token: Token) -> str:
        """What was agreed, as a word: "agreed to continue contacts" and "agreed on a ceasefire" are
        two decisions ("continue", "ceasefire"); a noun ("the agreement") names none."""
        if token.pos_ != "VERB":
            return ""
        for child in token.children:
            if child.dep_ == "xcomp":
                return child.lemma_.lower()
            if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
                return next((g.lemma_.lower() for g in child.children if g.dep_ == "pobj"), "")
        return ""

    def _group_subject(self, ctx: EventContext, token: Token) -> bool:
        """ "The leaders agreed", "They agreed": the subject is the last meeting's participants."""
        subj = next((c for c in token.children if c.dep_ == "nsubj"), None) if token.pos_ == "VERB" else None
        return subj is not None and subj.lower_ in self.group_subjects and not ctx.actors.codes_in(subj.subtree)

    def _unreal(self, token: Token) -> bool:
        """ "the possibility of imposing sanctions", "the next package of sanctions": none imposed yet."""
        chain = [token, *list(token.ancestors)[:4]]
        near = chain + [c for t in chain if t.pos_ == "NOUN" for c in t.children if c.dep_ == "amod"]
        return any(t.lemma_.lower() in self.unreal for t in near)

    def _sanction(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        sent = ctx.sentence(trig)
        if ctx.log.in_sentence("SANCTION", ctx.sent_of[trig.start]) or self._unreal(ctx.doc[trig.start]):
            return
        actors = ctx.actors.codes_in(sent)
        home = ctx.actors.home
        if len(actors) == 1 and home and home not in actors and subject_of(ctx.doc[trig.start]) is None:
            actors.insert(0, home)  # "Today's sanctions ...": imposed by the publisher's side
        if actors:
            yield ctx.mention("SANCTION", None, actors, trig)


@Language.factory(
    "sitrep_events", requires=["doc._.sitrep"], assigns=["doc._.sitrep"], default_config={"lexicon_dir": None}
)
def make_events(nlp: Language, name: str, lexicon_dir: str | None) -> EventExtractor:
    """Factory of the event component."""
    return EventExtractor(load_lexicons(lexicon_dir))
