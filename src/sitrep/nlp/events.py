"""Event component: aid decisions, attacks, meetings, agreements and sanctions.

Each trigger (see ``triggers.py``) in a sentence becomes an ``EventMention`` with
its sides, people, place and date; ``merge.py`` then folds the mentions of one
event into one. Sides come from the syntax around the trigger (subject, "to X",
"Russian attacks"), and a mention that names none ("this pause", "the talks")
takes them from the last mention of its kind.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitrep.nlp.actors import ActorIndex, is_location
from sitrep.nlp.lexicon import Lexicons, load_lexicons
from sitrep.nlp.mentions import EventMention, Findings, findings, sentence_index
from sitrep.nlp.triggers import Trigger, is_completed, is_future, is_progressive, trigger_index

ANAPHORIC_DETS = {"the", "this", "these", "that", "those", "such"}
MONEY = re.compile(
    r"(?:(?:US)?\$|USD|US\s?dollars)\s?(\d[\d,]*(?:\.\d+)?)\s*(million|billion|bn|mln|m|trillion)?\b"
    r"|(\d[\d,]*(?:\.\d+)?)\s*(million|billion|trillion)?\s*(?:US\s)?dollars\b", re.I)
SCALE = {"million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}


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
        self.consult_nouns = set(lex.cue_list("consult")) | {"conference", "forum"}
        planned = sorted(lex.cue_list("consult_planned"), key=len, reverse=True)
        self.planned_re = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in planned) + r")\b")
        self.group_subjects = set(lex.cue_list("group_subjects"))
        self.munitions = {
            "drone",
            "missile",
            "cruise_missile",
            "ballistic_missile",
            "glide_bomb",
            "bomb",
            "rocket",
            "guided_rocket",
            "air_to_surface_missile",
            "anti_ship_missile",
        }

    def __call__(self, doc: Doc) -> Doc:
        found = findings(doc)
        actors = ActorIndex(doc, found)
        found.home = actors.home
        found.triggers = self.index.find(doc, {i for m in found.items for i in range(m.start, m.end)})
        sent_of = sentence_index(doc)
        found.sent_of = sent_of
        sents = list(doc.sents)
        ctx = _Context(doc, found, actors, sents, sent_of)
        for trig in self._select(doc, found.triggers, sent_of):
            for mention in self._mentions(ctx, trig):
                found.events.append(mention)
                found.by_trigger.setdefault(trig.start, mention)
        return doc

    def _select(self, doc: Doc, triggers: list[Trigger], sent_of: list[int]) -> list[Trigger]:
        """Drop triggers that another trigger of the same sentence governs or outranks."""
        by_sent: dict[int, list[Trigger]] = {}
        seen: set[tuple[int, str]] = set()
        for trig in triggers:
            if trig.family == "loss" or (trig.start, trig.family) in seen or _negated(trig.head(doc)):
                continue
            if doc[trig.start].sent.text.rstrip().endswith("?"):
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
                if trig.family == "aid" and _governed_by(doc, trig, strong):
                    continue
                keep.append(trig)
        return keep

    def _mentions(self, ctx: _Context, trig: Trigger) -> Iterator[EventMention]:
        builder = {
            "aid": self._aid,
            "attack": self._attack,
            "consult": self._consult,
            "agree": self._agree,
            "sanction": self._sanction,
        }[trig.family]
        yield from builder(ctx, trig)

    # --- AID -------------------------------------------------------------
    def _aid(self, ctx: _Context, trig: Trigger) -> Iterator[EventMention]:
        head = trig.head(ctx.doc)
        if head.dep_ == "amod" and head.head.pos_ == "NOUN":
            head = head.head
        anaphoric = _is_anaphoric(head)
        if not (self._aid_relevant(ctx, head) or (anaphoric and ctx.last("AID"))):
            return
        phase = self._aid_phase(trig, head)
        if phase == "announced" and self._is_more(head) and ctx.last("AID", "paused"):
            phase = "resumed"
        givers, recipient = self._aid_sides(ctx, head)
        items = self._items(ctx, head)
        money = _money(ctx.sentence(trig).text)
        if ctx.doc[trig.start].lemma_.lower() in self.aid_weak and not (items or recipient or money):
            return
        explicit = bool(givers)
        if not givers:
            prev = ctx.last("AID", phase) or ctx.last("AID")
            givers = prev.actors[:1] if prev else []
            recipient = recipient or (prev.actors[1] if prev and len(prev.actors) > 1 else None)
        if not givers:
            return
        recipient = recipient or ctx.default_other(givers[0])
        for giver in givers:
            actors = [giver] + ([recipient] if recipient and recipient != giver else [])
            yield ctx.mention(
                "AID",
                phase,
                actors,
                trig,
                items=items,
                anaphoric=anaphoric,
                explicit=explicit,
                value_usd=money,
            )

    def _aid_relevant(self, ctx: _Context, head: Token) -> bool:
        words = {t.lower_ for t in head.subtree} | {t.lemma_.lower() for t in head.subtree}
        if words & self.aid_objects:
            return True
        span = range(head.left_edge.i, head.right_edge.i + 1)
        return any(m.start in span for m in ctx.found.items)

    def _aid_phase(self, trig: Trigger, head: Token) -> str:
        label = trig.label or "delivered"
        if label in ("tensed", "delivered") and head.pos_ in ("VERB", "AUX"):
            thanked_for = head.tag_ == "VBG" and head.dep_ == "pcomp" and head.head.lower_ == "for"
            if is_future(head) or is_progressive(head) or head.tag_ == "VB" or thanked_for:
                return "announced"
            return "delivered" if (is_completed(head) or head.tag_ in ("VBG", "VBZ", "VBP", "VBN")) else "announced"
        return "delivered" if label == "tensed" else label

    def _is_more(self, head: Token) -> bool:
        """"more weapons", "additional aid" (not "more than 1,000")."""
        doc = head.doc
        return any(t.lower_ in self.more_words and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "than")
                   for t in head.subtree)

    def _aid_sides(self, ctx: _Context, head: Token) -> tuple[list[str], str | None]:
        recipient = _recipient(ctx, head)
        if head.lemma_ == "receive":
            giver = _prep_code(ctx, head, ("from",))
            subj = _subject(head)
            return ([giver] if giver else []), (ctx.actors.first_code(subj.subtree) if subj else recipient)
        givers = [g for g in _givers(ctx, head) if g != recipient]
        return givers, recipient

    def _items(self, ctx: _Context, head: Token) -> list[str]:
        """Categories of what is given: the object of a verb, the subtree of a noun."""
        if head.pos_ == "NOUN" and head.dep_ in ("nsubj", "nsubjpass"):
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            parts = [
                c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative", "xcomp", "ccomp")
            ]
            parts += [c for c in head.children if c.dep_ == "nsubj" and not ctx.actors.codes_in(c.subtree)]
            spans = [range(c.left_edge.i, c.right_edge.i + 1) for c in parts]
        else:
            spans = [range(head.left_edge.i, head.right_edge.i + 1)]
        cats: list[str] = []
        for m in ctx.found.items:
            inside = any(m.start in span for span in spans)
            if inside and m.category not in cats and m.category not in ("civilian", "child", "military", "person"):
                cats.append(m.category)
        return cats

    # --- ATTACK ----------------------------------------------------------
    def _attack(self, ctx: _Context, trig: Trigger) -> Iterator[EventMention]:
        head = trig.head(ctx.doc)
        if trig.label == "battle":
            yield from self._battle(ctx, trig, head)
            return
        lemma = head.lemma_.lower()
        subtree_items = [m for m in ctx.found.items if head.left_edge.i <= m.start <= head.right_edge.i]
        has_munition = any(m.category in self.munitions for m in subtree_items)
        if lemma not in self.attack_strong and trig.label != "launched" and not has_munition:
            return
        if trig.label == "launched" and lemma not in self.attack_strong and not has_munition:
            return
        attacker = self._attacker(ctx, head, trig)
        anaphoric = _is_anaphoric(head)
        if attacker is None:
            prev = ctx.last("ATTACK")
            if not (anaphoric and prev):
                return
            attacker = prev.actors[0]
        target = _prep_code(ctx, head, ("on", "at", "against", "across", "in", "of"), allow_place=True)
        target = target if target and target != attacker else ctx.default_other(attacker)
        actors = [attacker] + ([target] if target else [])
        yield ctx.mention("ATTACK", "held", actors, trig, anaphoric=anaphoric, place=_city(ctx, trig),
                          distinct=_is_incident(head))

    def _battle(self, ctx: _Context, trig: Trigger, head: Token) -> Iterator[EventMention]:
        """"the battle of Kyiv", "fighting in and around Bakhmut": one attack per place named."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return
        places = [p for p in ctx.found.places if head.i < p.start <= head.right_edge.i and is_location(ctx.doc[p.end - 1])]
        places += [p for p in ctx.found.places if head.i < p.start <= head.right_edge.i and
                   ctx.doc[p.end - 1].dep_ in ("pobj", "conj") and p not in places]
        for place in places:
            actors = self._battle_sides(ctx, head, trig, place.country)
            if actors:
                yield ctx.mention("ATTACK", "held", actors, trig, place=place.name, distinct=True)

    def _battle_sides(self, ctx: _Context, head: Token, trig: Trigger, country: str | None) -> list[str]:
        """Attacker first: named, or the place's own side for a counteroffensive, else its enemy."""
        if country is None:
            return []
        named = ctx.actors.codes_in([t for t in head.subtree if t.i < head.i]) or [_prep_code(ctx, head, ("by",))]
        attacker = named[0]
        if attacker is None:
            attacker = country if head.lemma_.lower().startswith("counter") else ctx.default_other(country)
        target = country if country != attacker else ctx.default_other(attacker)
        return [a for a in (attacker, target) if a]

    def _attacker(self, ctx: _Context, head: Token, trig: Trigger) -> str | None:
        if trig.label == "intercepted":
            for m in ctx.found.items:
                if head.left_edge.i <= m.start <= head.right_edge.i and m.category in self.munitions:
                    code = ctx.actors.codes_in(ctx.doc[max(0, m.start - 3) : m.end])
                    if code:
                        return code[0]
            return None
        if head.pos_ == "NOUN":
            code = ctx.actors.codes_in([t for t in head.subtree if t.i < head.i])
            if code:
                return code[0]
            by = _prep_code(ctx, head, ("by", "from"))
            if by:
                return by
        subj = _subject(head)
        if subj is not None:
            codes = ctx.actors.codes_in(subj.subtree)
            return codes[0] if codes else None
        return _prep_code(ctx, head, ("by",))

    # --- CONSULT, AGREE, SANCTION ----------------------------------------
    def _consult(self, ctx: _Context, trig: Trigger) -> Iterator[EventMention]:
        head = trig.head(ctx.doc)
        sent = ctx.sentence(trig)
        if trig.label == "with" and not (head.pos_ == "VERB" and self._talks_with(ctx, head)):
            return
        if any(e.type == "CONSULT" and e.sentence == ctx.sent_of[trig.start] for e in ctx.found.events):
            return
        actors = ctx.actors.codes_in(sent)
        if ctx.actors.home and any(t.dep_ == "nsubj" and t.lower_ in ("i", "we") for t in sent):
            actors = [ctx.actors.home, *[a for a in actors if a != ctx.actors.home]]
        anaphoric = _is_anaphoric(head) and not ctx.actors.codes_in(head.subtree)
        explicit = bool(actors) and not anaphoric
        if not explicit:
            prev = ctx.last("CONSULT")
            if prev is None:
                return
            actors = list(prev.actors)
        elif len(actors) < 2 or (_subject(head) is None and any(c.lower_ == "with" for c in head.children)):
            other = ctx.actors.home if ctx.actors.home not in actors else ctx.first_other(actors)
            actors += [other] if other else []
        phase = "planned" if self._planned(head, sent) else "held"
        persons = [p.name for p in ctx.found.persons if sent.start <= p.start < sent.end]
        kind = self.consult_kind.get(head.lemma_.lower(), self.consult_kind.get(head.lower_, "meeting"))
        yield ctx.mention(
            "CONSULT",
            phase,
            actors,
            trig,
            persons=persons,
            anaphoric=anaphoric,
            explicit=explicit,
            place=_place(ctx, trig, states=True),
            kind=kind,
        )

    def _planned(self, head: Token, sent: Span) -> bool:
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        if is_completed(verb) and not is_future(head):
            return False
        return is_future(head) or bool(self.planned_re.search(sent.text.lower()))

    def _talks_with(self, ctx: _Context, head: Token) -> bool:
        """"spoke with X", "called Chancellor Scholz", "spoke by phone": a conversation with someone named."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("with", "by"):
                pobj = [g for g in child.children if g.dep_ == "pobj"]
                if any(ctx.actors.codes_in(p.subtree) or p.lower_ in ("phone", "telephone", "video") for p in pobj):
                    return True
            named = any(p.start <= child.i < p.end for p in ctx.found.persons) or ctx.actors.codes_in([child])
            if child.dep_ == "dobj" and head.lemma_ in ("call", "welcome", "host") and named:
                return True
            if child.dep_ == "dobj" and head.lemma_ == "host" and child.lemma_.lower() in self.consult_nouns:
                return True
        return False

    def _agree(self, ctx: _Context, trig: Trigger) -> Iterator[EventMention]:
        sent = ctx.sentence(trig)
        token = ctx.doc[trig.start]
        if any(c.dep_ == "prt" for c in token.children):
            return
        if token.lemma_ == "sign" and not any(t.lower_ in self.agree_objects for t in token.subtree):
            return
        if any(e.type == "AGREE" and e.sentence == ctx.sent_of[trig.start] for e in ctx.found.events):
            return
        actors = ctx.actors.codes_in(sent)
        group = self._group_subject(ctx, ctx.doc[trig.start])
        if group or not actors:
            prev = ctx.last("CONSULT") if group else (ctx.found.events[-1] if ctx.found.events else None)
            actors = list(prev.actors) if prev else actors
        if not actors:
            return
        dates = [
            d for d in ctx.found.dates if sent.start <= d.start < sent.end and len(d.value) >= 7 and "W" not in d.value
        ]
        values: list[str | None] = [d.value for d in dates]
        for value in values or [None]:
            yield ctx.mention("AGREE", None, actors, trig, date=value)

    def _group_subject(self, ctx: _Context, token: Token) -> bool:
        """"The leaders agreed", "They agreed": the subject is the last meeting's participants."""
        subj = next((c for c in token.children if c.dep_ == "nsubj"), None) if token.pos_ == "VERB" else None
        return subj is not None and subj.lower_ in self.group_subjects and not ctx.actors.codes_in(subj.subtree)

    def _sanction(self, ctx: _Context, trig: Trigger) -> Iterator[EventMention]:
        sent = ctx.sentence(trig)
        if any(e.type == "SANCTION" and e.sentence == ctx.sent_of[trig.start] for e in ctx.found.events):
            return
        actors = ctx.actors.codes_in(sent)
        if actors:
            yield ctx.mention("SANCTION", None, actors, trig)


class _Context:
    """Per-doc state shared by the event builders."""

    def __init__(self, doc: Doc, found: Findings, actors: ActorIndex, sents: list[Span], sent_of: list[int]) -> None:
        self.doc, self.found, self.actors, self.sents, self.sent_of = doc, found, actors, sents, sent_of
        counts: Counter[str] = Counter(a.code for a in found.actors if a.code and a.kind in ("state", "demonym"))
        counts.update(code for code in (actors.person_codes.get(p.name) for p in found.persons) if code)
        self.ranked = [code for code, _ in counts.most_common()]

    def sentence(self, trig: Trigger) -> Span:
        return self.sents[self.sent_of[trig.start]]

    def last(self, type_: str, phase: str | None = None) -> EventMention | None:
        for mention in reversed(self.found.events):
            if mention.type == type_ and (phase is None or mention.phase == phase):
                return mention
        return None

    def default_other(self, code: str) -> str | None:
        return next((c for c in self.ranked if c != code), None)

    def first_other(self, codes: list[str]) -> str | None:
        return next((c for c in self.ranked if c not in codes), None)

    def mention(self, type_: str, phase: str | None, actors: list[str], trig: Trigger, **kw: object) -> EventMention:
        sent = self.sentence(trig)
        date = kw.pop("date", None) or _nearest_date(self, trig, sent)
        mention = EventMention(
            type_,
            phase,
            list(actors),
            self.sent_of[trig.start],
            trig.start,
            trig.end,
            date=date if isinstance(date, str) else None,
        )
        mention.persons = list(kw.get("persons") or [])  # type: ignore[call-overload]
        mention.place = kw.get("place") if isinstance(kw.get("place"), str) else None  # type: ignore[assignment]
        mention.items = list(kw.get("items") or [])  # type: ignore[call-overload]
        mention.anaphoric = bool(kw.get("anaphoric"))
        mention.explicit_actors = bool(kw.get("explicit", True))
        value = kw.get("value_usd")
        mention.value_usd = float(value) if isinstance(value, (int, float)) else None
        mention.kind = str(kw.get("kind") or "")
        mention.distinct = bool(kw.get("distinct"))
        return mention


def _negated(token: Token) -> bool:
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    return any(c.dep_ == "neg" for c in (*token.children, *verb.children))


def _governed_by(doc: Doc, trig: Trigger, others: list[Trigger]) -> bool:
    heads = {o.start for o in others if o is not trig}
    node = doc[trig.start]
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i in heads:
            return True
    return False


def _is_incident(head: Token) -> bool:
    """"a Russian missile strike", "A Russian tank fired": one specific incident, not the campaign."""
    subj = _subject(head) if head.pos_ in ("VERB", "AUX") else None
    for token in (head, subj):
        if token is not None and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
            return True
    return False


def _is_anaphoric(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in head.children) and head.pos_ == "NOUN"


def _subject(head: Token) -> Token | None:
    node = head
    for _ in range(6):
        for child in node.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if node.head.i == node.i or node.dep_ not in (
            "xcomp",
            "ccomp",
            "advcl",
            "conj",
            "pcomp",
            "prep",
            "relcl",
            "acomp",
            "pobj",
            "dobj",
            "attr",
        ):
            return None
        node = node.head
    return None


def _givers(ctx: _Context, head: Token) -> list[str]:
    if head.pos_ == "NOUN":
        codes = ctx.actors.codes_in([t for t in head.subtree if t.i < head.i or t.dep_ in ("poss", "amod", "compound")])
        codes = codes or ctx.actors.codes_in(t for t in head.subtree if not _after_to(t))
        if codes:
            return codes[:1]
    subj = _subject(head)
    if subj is None:
        return []
    if subj.lower_ in ("he", "she"):
        person = ctx.found.persons and [p for p in ctx.found.persons if p.start < subj.i]
        code = ctx.actors.person_codes.get(person[-1].name) if person else None
        return [code] if code is not None else []
    group = _coordinated(subj)
    each = [ctx.actors.code_of_token(t) or ctx.actors.first_code(t.lefts) for t in group]
    found = [c for c in each if c is not None]
    return list(dict.fromkeys(found)) if found else ctx.actors.codes_in(subj.subtree)[:1]


def _coordinated(token: Token) -> list[Token]:
    """``token`` and the names listed with it ("France, Canada, the UK and Norway")."""
    group, todo = [token], [token]
    while todo:
        for child in todo.pop().children:
            if child.dep_ in ("conj", "appos") and child.pos_ in ("PROPN", "NOUN"):
                group.append(child)
                todo.append(child)
    return sorted(group, key=lambda t: t.i)


def _after_to(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in ("to", "for", "into")


def _recipient(ctx: _Context, head: Token) -> str | None:
    code = _prep_code(ctx, head, ("to", "for", "into"), allow_place=True)
    if code:
        return code
    for child in head.children:
        if child.dep_ in ("dative", "iobj"):
            return ctx.actors.first_code(child.subtree, allow_place=True)
    objs = [c for c in head.children if c.dep_ == "dobj"]
    if len(objs) > 1 or (objs and ctx.actors.code_of_token(objs[0]) and objs[0].pos_ == "PROPN"):
        return ctx.actors.code_of_token(objs[0], allow_place=True)
    return None


def _prep_code(ctx: _Context, head: Token, preps: tuple[str, ...], allow_place: bool = False) -> str | None:
    for tok in head.subtree:
        if tok.dep_ == "pobj" and tok.head.lower_ in preps:
            own = [t for t in tok.subtree if t.i <= tok.i or t.dep_ in ("appos",)]
            code = ctx.actors.first_code(own, allow_place=allow_place)
            if code:
                return code
    return None


def _place(ctx: _Context, trig: Trigger, states: bool) -> str | None:
    sent = ctx.sentence(trig)
    found: list[tuple[int, str]] = []
    for place in ctx.found.places:
        if sent.start <= place.start < sent.end and is_location(ctx.doc[place.end - 1]):
            found.append((place.start, place.name))
    if states:
        for actor in ctx.found.actors:
            kind_ok = actor.kind in ("state", "institution")
            if sent.start <= actor.start < sent.end and kind_ok and is_location(ctx.doc[actor.end - 1]):
                found.append((actor.start, re.sub(r"^the\s+", "", actor.text, flags=re.I)))
    found.sort()
    if not found:
        return None
    coordinated = len(found) > 1 and any(ctx.doc[i].dep_ == "conj" for i, _ in found)
    return None if coordinated else min(found, key=lambda f: abs(f[0] - trig.start))[1]


def _city(ctx: _Context, trig: Trigger) -> str | None:
    return _place(ctx, trig, states=False)


def _nearest_date(ctx: _Context, trig: Trigger, sent: Span) -> str | None:
    inside = [d for d in ctx.found.dates if sent.start <= d.start < sent.end]
    if not inside:
        return None
    return min(inside, key=lambda d: abs(d.start - trig.start)).value


def _money(text: str) -> float | None:
    match = MONEY.search(text)
    if not match:
        return None
    number, scale = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    return float(number.replace(",", "")) * SCALE.get((scale or "").lower(), 1.0)


@Language.factory(
    "sitrep_events", requires=["doc._.sitrep"], assigns=["doc._.sitrep"], default_config={"lexicon_dir": None}
)
def make_events(nlp: Language, name: str, lexicon_dir: str | None) -> EventExtractor:
    """Factory of the event component."""
    return EventExtractor(load_lexicons(lexicon_dir))
