"""Quantity component: every counted weapon, piece of equipment and group of people.

A number ("8,400", "five", "three dozen", "1.5 thousand", "8,000 [800]") is tied to
the counted thing that follows it (or, for "80 others" and "including 500", the
thing counted just before), given the category of that thing, a qualifier from
the words before it, and the event and measure of the trigger that governs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitrep.model import Quantity
from sitrep.nlp.actors import ActorIndex
from sitrep.nlp.categories import MUNITIONS, PEOPLE
from sitrep.nlp.lexicon import Lexicons, load_lexicons
from sitrep.nlp.mentions import EventMention, Findings, ItemMention, findings, sentence_index, text_of
from sitrep.nlp.triggers import Trigger

RUN_STOP_POS = {"VERB", "AUX", "ADP", "PUNCT", "CCONJ", "PRON", "DET", "SCONJ", "PART", "SPACE", "NUM", "X", "SYM"}
UNIT_WORDS = {
    "mm",
    "-mm",
    "millimeter",
    "millimetre",
    "%",
    "percent",
    "per",
    "km",
    "kilometers",
    "kilometres",
    "miles",
    "meters",
    "metres",
    "hours",
    "days",
    "years",
    "months",
    "weeks",
    "p.m.",
    "a.m.",
    "kg",
    "tons",
    "tonnes",
}
LIST_MARK = re.compile(r"^\s*(?:[-*+•●▪◦–]|\d{1,2}[.)])\s")
ELLIPSIS_LEAD = {"including", "incl.", "which", "them", "among"}


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: float


class QuantityExtractor:
    """Find numbers, tie each to what it counts and to its event."""

    def __init__(self, lex: Lexicons) -> None:
        self.words: dict[str, float] = {k: float(v) for k, v in lex.cues["number_words"].items()}
        self.mult: dict[str, float] = {k: float(v) for k, v in lex.cues["multipliers"].items()}
        self.qualifiers = sorted(
            ((p.split(), q) for q, ps in lex.cues["qualifiers"].items() for p in ps), key=lambda e: -len(e[0])
        )
        self.heads = dict(lex.heads) or {w: "system" for w in lex.cue_list("system_heads")}
        self.elliptic = sorted((p.split() for p in lex.cue_list("elliptic_heads")), key=len, reverse=True)
        self.people_verbs = {w: m for m, ws in lex.cues.get("people_verbs", {}).items() for w in ws}
        self.victim_verbs = set(lex.cues.get("victim_verbs", []))
        self.uncounted = set(lex.cues.get("uncounted_heads", []))
        self.anaphoric = set(lex.cues.get("anaphoric_determiners", []))
        self.age_units = set(lex.cues.get("age_units", []))
        self.in_action = [p.split() for p in lex.cues.get("in_action", [])]

    def __call__(self, doc: Doc) -> Doc:
        found = findings(doc)
        actors = ActorIndex(doc, found)
        sent_of = sentence_index(doc)
        sents = list(doc.sents)
        date_tokens = {i for d in found.dates for i in range(d.start, d.end)}
        item_tokens = {i: m for m in found.items for i in range(m.start, m.end)}
        for number in self._numbers(doc, date_tokens, item_tokens):
            sent = sents[sent_of[number.start]]
            quantity = self._quantity(doc, found, actors, number, sent, sents, sent_of)
            if quantity is not None:
                found.quantities.append(quantity)
        return doc

    # --- numbers -----------------------------------------------------------
    def _numbers(self, doc: Doc, date_tokens: set[int], item_tokens: dict[int, ItemMention]) -> Iterator[_Number]:
        i = 0
        while i < len(doc):
            number = self._number_at(doc, i)
            if number is None:
                i += 1
                continue
            if not self._skip(doc, number, date_tokens, item_tokens):
                yield number
            i = number.end

    def _value(self, token: Token) -> float | None:
        text = token.lower_.replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            return float(text)
        return self.words.get(token.lower_)

    def _number_at(self, doc: Doc, i: int) -> _Number | None:
        start = i
        if (  # "[4,500] killed": a correction whose struck-through original the reader removed
            doc[i].text == "["
            and i + 2 < len(doc)
            and doc[i + 1].like_num
            and doc[i + 2].text == "]"
            and (i == 0 or not doc[i - 1].like_num)
        ):
            value = self._value(doc[i + 1])
            return _Number(i, i + 3, value) if value is not None else None
        if doc[i].lower_ == "a" and i + 1 < len(doc) and doc[i + 1].lower_ in ("dozen", "hundred", "thousand"):
            i += 1
        value = self._value(doc[i])
        if value is None or (doc[i].lower_ in ("dozen", "hundred", "thousand", "million", "billion") and start == i):
            return None
        end = i + 1
        if end + 1 < len(doc) and doc[end].text == "-" and self._value(doc[end + 1]) is not None and value >= 20:
            value += self._value(doc[end + 1]) or 0
            end += 2
        while (
            end < len(doc)
            and (doc[end].lower_ in self.mult or doc[end].lower_ in ("hundred", "thousand"))
            and not doc[end].is_title
        ):
            value *= self.mult.get(doc[end].lower_, 100.0 if doc[end].lower_ == "hundred" else 1000.0)
            end += 1
        if (
            end + 2 < len(doc)
            and doc[end].text in ("[", "(")
            and self._value(doc[end + 1]) is not None
            and doc[end + 2].text in ("]", ")")
            and doc[end + 1].like_num
        ):
            value = self._value(doc[end + 1]) or value
            end += 3
        return _Number(start, end, value)

    def _skip(self, doc: Doc, number: _Number, date_tokens: set[int], item_tokens: dict[int, ItemMention]) -> bool:
        first = doc[number.start]
        if number.start in date_tokens or number.start in item_tokens or ":" in first.text:
            return True
        prev = doc[number.start - 1] if number.start > 0 else None
        nxt = doc[number.end] if number.end < len(doc) else None
        if prev is not None and (
            prev.text in ("$", "€", "£", "#", "No.", "no.")
            or (prev.text == "-" and not prev.whitespace_ and number.start > 1 and doc[number.start - 2].is_alpha)
        ):
            return True
        if (
            prev is not None
            and (prev.i in item_tokens and item_tokens[prev.i].kind == "name")
            and prev.whitespace_ != ""
        ):
            return first.like_num and number.value < 1000 and "," not in first.text
        if nxt is not None and (
            nxt.lower_ in UNIT_WORDS or nxt.lower_.startswith("mm") or nxt.lower_ in ("dollars", "euros", "usd")
        ):
            return True
        if self._hyphen_unit(doc, number.end):
            return True  # "a three-month-old baby", "a 10-km stretch"
        return (
            first.text.isdigit()
            and len(first.text) == 4
            and 1900 <= number.value <= 2100
            and (nxt is None or (nxt.i not in item_tokens))
        )

    # --- the counted thing -------------------------------------------------
    def _quantity(
        self,
        doc: Doc,
        found: Findings,
        actors: ActorIndex,
        number: _Number,
        sent: Span,
        sents: list[Span],
        sent_of: list[int],
    ) -> Quantity | None:
        counted = self._counted(doc, found, number, sent, sents, sent_of)
        if counted is None:
            return None
        category, end = counted
        event = self._people_event(doc, found, number, end, category, sent) if category in PEOPLE else None
        event = event or self._event(doc, found, number, category, sent, sents, sent_of)
        if event is None:
            return None
        (ev, measure), mention = event
        if category == "military" and measure == "killed":
            ev = "LOSS"  # soldiers killed are a loss of their own side
        q_start, qualifier = self._qualifier(doc, number, sent)
        start_char = doc[q_start].idx
        end_char = doc[end - 1].idx + len(doc[end - 1].text)
        actor = self._actor(doc, actors, ev, measure, mention, number, end)
        return Quantity(
            value=number.value,
            qualifier=qualifier,
            category=category,
            event=ev,
            measure=measure,
            text=text_of(doc)[start_char:end_char],
            start=start_char,
            end=end_char,
            sentence=sent_of[number.start],
            actor=actor,
        )

    def _hyphen_unit(self, doc: Doc, end: int) -> bool:
        if end + 1 >= len(doc) or doc[end].text != "-" or doc[end - 1].whitespace_:
            return False
        unit = doc[end + 1].lower_
        return unit in self.age_units or unit.rstrip("s") in self.age_units

    def _counted(
        self, doc: Doc, found: Findings, number: _Number, sent: Span, sents: list[Span], sent_of: list[int]
    ) -> tuple[str, int] | None:
        bare = self._bare_people(doc, found, number, sent, sent_of)
        if bare is not None:
            return bare
        stop = number.end
        while stop < sent.end and stop - number.end < 8:
            tok = doc[stop]
            if tok.pos_ in RUN_STOP_POS and not (
                (tok.text == "-" and not tok.whitespace_) or tok.like_num or (tok.pos_ == "VERB" and tok.dep_ == "amod")
            ):
                break  # "200 downed aircraft": a participle before the noun stays in the run
            stop += 1
        elliptic = self._elliptic_len(doc, number.end, sent.end)
        inside = [m for m in found.items if number.end <= m.start < max(stop, number.end + 1) and m.start < sent.end]
        if elliptic and any(number.end + elliptic <= m.start <= number.end + elliptic + 2 for m in inside):
            elliptic = 0  # "two more NASAMS systems": "more" qualifies a named thing
        heads = [i for i in range(number.end, stop) if doc[i].pos_ in ("NOUN", "PROPN")]
        head_word = doc[heads[-1]].lower_ if heads else None
        if inside and heads and not any(m.start <= heads[-1] < m.end for m in inside):
            if head_word not in self.heads or not any(m.kind == "name" for m in inside):
                return None  # "two tank battalions": the count is of battalions
            return self._category(doc, inside, head_word), heads[-1] + 1  # "two NASAMS systems"
        if inside and not elliptic:
            inside = self._shared_head(doc, found, number, inside, sent)
            end = max(m.end for m in inside)
            return None if doc[end - 1].lower_ in self.uncounted else (self._category(doc, inside), end)
        lead = {t.lower_ for t in doc[max(sent.start, number.start - 4) : number.start]}
        if elliptic or lead & ELLIPSIS_LEAD:
            before = [m for m in found.items if sent.start <= m.start < number.start]
            if not before and elliptic and sent_of[sent.start] > 0:
                previous = sents[sent_of[sent.start] - 1]  # "... 8,100 troops. Over 4,000 of them ..."
                before = [m for m in found.items if previous.start <= m.start < previous.end]
            if before:
                return before[-1].category, number.end + elliptic
        return None

    def _shared_head(
        self, doc: Doc, found: Findings, number: _Number, inside: list[ItemMention], sent: Span
    ) -> list[ItemMention]:
        """ "1 million grenade, mortar, and artillery rounds": a singular noun before a comma or
        "and" modifies the plural head at the end of the list, which decides the category."""
        last = max(inside, key=lambda m: m.end)
        if number.value <= 1 or last.kind == "name" or last.end - last.start > 1 or doc[last.start].tag_ != "NN":
            return inside
        if last.end >= sent.end or doc[last.end].lower_ not in (",", "and", "or"):
            return inside
        for m in found.items:
            if last.end < m.start < min(sent.end, last.end + 8) and doc[m.end - 1].tag_ == "NNS":
                between = doc[last.end : m.start]
                if all(t.pos_ in ("PUNCT", "CCONJ", "NOUN", "SPACE") for t in between):
                    return [m]
        return inside

    def _elliptic_len(self, doc: Doc, end: int, limit: int) -> int:
        """Length of an elliptic head ("others", "of them") right after the number, else 0."""
        for words in self.elliptic:
            if end + len(words) <= limit and [t.lower_ for t in doc[end : end + len(words)]] == words:
                return len(words)
        return 0

    def _verb_after(self, doc: Doc, end: int, limit: int) -> Token | None:
        """The first word after ``end`` that is not an auxiliary or adverb ("have been", "also")."""
        i = end
        while i < limit and i - end < 4 and doc[i].pos_ in ("AUX", "PART", "ADV"):
            i += 1
        return doc[i] if i < limit else None

    def _bare_people(
        self, doc: Doc, found: Findings, number: _Number, sent: Span, sent_of: list[int]
    ) -> tuple[str, int] | None:
        """A count of people with no noun: "9,000 killed in action", "1,478 have surrendered"."""
        verb = self._verb_after(doc, number.end, sent.end)
        if verb is None or verb.pos_ not in ("VERB", "ADJ") or verb.lemma_.lower() not in self.people_verbs:
            return None
        after = [t.lower_ for t in doc[verb.i + 1 : verb.i + 3]]
        if any(after[: len(words)] == words for words in self.in_action):
            return "military", verb.i + 1
        here = sent_of[number.start]
        earlier = [q for q in found.quantities if q.category in PEOPLE and here - 4 <= q.sentence <= here]
        return (earlier[-1].category if earlier else "person"), verb.i + 1

    def _category(self, doc: Doc, inside: list[ItemMention], head_word: str | None = None) -> str:
        names = [m for m in inside if m.kind == "name"]
        nouns = [m for m in inside if m.kind != "name"]
        last = max(inside, key=lambda m: m.end)
        head_word = head_word or doc[last.end - 1].lower_
        if names:
            name = names[0]
            role = self.heads.get(head_word)
            if role == "system" and name.system:
                return name.system
            if role == "munition" and name.munition:
                return name.munition
            if last.kind != "name" and last.category in PEOPLE:
                return last.category
            return name.category
        return max(nouns, key=lambda m: (m.end, m.end - m.start)).category

    def _qualifier(self, doc: Doc, number: _Number, sent: Span) -> tuple[int, str]:
        for words, qualifier in self.qualifiers:
            begin = number.start - len(words)
            if begin >= sent.start and [t.lower_ for t in doc[begin : number.start]] == words:
                return begin, qualifier
        return number.start, "exact"

    # --- the event and side ------------------------------------------------
    def _people_event(
        self, doc: Doc, found: Findings, number: _Number, end: int, category: str, sent: Span
    ) -> tuple[tuple[str, str], EventMention | None] | None:
        """The measure a predicate of the counted people gives: "died", "surrendered", "became victims"."""
        measure = None
        for verb in (doc[end - 1], self._verb_after(doc, end, sent.end), _predicate(doc[end - 1])):
            if verb is None or verb.pos_ not in ("VERB", "ADJ", "AUX"):
                continue
            lemma = verb.lemma_.lower()
            if lemma in self.victim_verbs and any(c.lemma_.lower() == "victim" for c in verb.children):
                measure = "killed"
            measure = measure or self.people_verbs.get(lemma)
            if measure:
                break
        if measure is None:
            return None
        ev = "LOSS" if measure == "captured" or category == "military" else "ATTACK"
        same = [m for m in found.events if m.type == ev and m.sentence == found.sent_of[number.start]]
        return (ev, measure), (same[0] if same else None)

    def _event(
        self,
        doc: Doc,
        found: Findings,
        number: _Number,
        category: str,
        sent: Span,
        sents: list[Span],
        sent_of: list[int],
    ) -> tuple[tuple[str, str], EventMention | None] | None:
        triggers = [t for t in found.triggers if sent.start <= t.start < sent.end]
        best = self._best_trigger(doc, found, triggers, number, category)
        index = sent_of[number.start]
        if best is None and _is_list_item(doc, sent):
            lead = _lead_in(doc, sents, index)
            if lead is not None:
                triggers = [t for t in found.triggers if lead.start <= t.start < lead.end]
                best = self._best_trigger(doc, found, triggers, number, category, far=True)
        if best is None and (_is_fragment(sent) or self._anaphoric(doc, found, number, category, sents, index)):
            best = self._previous_trigger(doc, found, number, category, sents, index)
        return best

    def _anaphoric(
        self, doc: Doc, found: Findings, number: _Number, category: str, sents: list[Span], index: int
    ) -> bool:
        """ "These five strategic air defense systems", after a sentence that names such systems."""
        if number.start == 0 or doc[number.start - 1].lower_ not in self.anaphoric or index == 0:
            return False
        previous = sents[index - 1]
        return any(previous.start <= m.start < previous.end and m.category == category for m in found.items)

    def _previous_trigger(
        self, doc: Doc, found: Findings, number: _Number, category: str, sents: list[Span], index: int
    ) -> tuple[tuple[str, str], EventMention | None] | None:
        """The trigger of the sentence before, past a run of verbless counts ("More than 360 tanks.")."""
        for back in range(index - 1, max(-1, index - 5), -1):
            sent = sents[back]
            triggers = [t for t in found.triggers if sent.start <= t.start < sent.end]
            best = self._best_trigger(doc, found, triggers, number, category, far=True)
            if best is not None or not _is_fragment(sent):
                return best
        return None

    def _best_trigger(
        self, doc: Doc, found: Findings, triggers: list[Trigger], number: _Number, category: str, far: bool = False
    ) -> tuple[tuple[str, str], EventMention | None] | None:
        ancestors = {t.i: depth for depth, t in enumerate(doc[number.start].ancestors)}
        scored = []
        for trig in triggers:
            label = self._measure(doc, found, trig, category)
            if label is None:
                continue
            distance = (
                ancestors[trig.start] * 0.1
                if trig.start in ancestors
                else abs(trig.start - number.start) * (1.0 if trig.start < number.start else 1.5)
            )
            if trig.start not in found.by_trigger:
                distance += 50
            scored.append((0 if far else distance, trig.start, label, trig))
        if not scored:
            return None
        _, _, label, trig = min(scored, key=lambda s: (s[0], s[1]))
        return label, _mention_for(found, trig, label[0])

    def _measure(self, doc: Doc, found: Findings, trig: Trigger, category: str) -> tuple[str, str] | None:
        lemma = doc[trig.start].lemma_.lower()
        people = category in PEOPLE
        if trig.family == "aid":
            if people:
                return None
            mention = _mention_for(found, trig, "AID")
            if mention is None and trig.label in ("paused", "resumed", "cancelled"):
                return None  # "39 ships are blocked in the ports": "block", "stop" are aid words only in an aid event
            phase = (
                mention.phase if mention and mention.phase else ("delivered" if trig.label == "tensed" else trig.label)
            )
            return ("AID", phase or "delivered")
        if trig.family == "attack":
            return _attack_measure(trig.label or "launched", lemma, category, people)
        if trig.family == "loss":
            if people:
                return (
                    ("LOSS", "captured")
                    if trig.label == "captured"
                    else ("LOSS", "killed")
                    if lemma in ("lose", "loss", "losses", "eliminate")
                    else None
                )
            return None if category in MUNITIONS else ("LOSS", trig.label or "destroyed")
        return None

    def _actor(
        self,
        doc: Doc,
        actors: ActorIndex,
        ev: str,
        measure: str,
        mention: EventMention | None,
        number: _Number,
        end: int,
    ) -> str | None:
        begin = max(0, number.start - 3)
        verbs = [t.i for t in doc[begin : number.start] if t.pos_ in ("VERB", "AUX")]
        begin = verbs[-1] + 1 if verbs else begin  # "Ukrainian forces destroyed four tanks": not the destroyer
        near = actors.codes_in(doc[number.start : end]) or actors.codes_in(doc[begin : number.start])
        if not near and end < len(doc) and doc[end].lower_ == "of":  # "four tanks of the Russian Federation"
            near = actors.codes_in(doc[end : min(len(doc), end + 5)])
        if near and (ev == "LOSS" or (ev == "ATTACK" and measure == "intercepted")):
            return near[0]
        if ev == "LOSS":
            return self._loser(doc, actors, number)
        if mention is not None and mention.actors:
            return mention.actors[0]
        if near and ev != "AID":
            return near[0]
        return self._last_attacker(actors) if ev == "ATTACK" else None

    def _loser(self, doc: Doc, actors: ActorIndex, number: _Number) -> str | None:
        """ "Russia had lost 1,000 troops": the subject of the verb governing the count."""
        verb = next((t for t in doc[number.start].ancestors if t.pos_ in ("VERB", "AUX")), None)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        codes = actors.codes_in(subj.subtree) if subj is not None else []
        return codes[0] if codes else None

    def _last_attacker(self, actors: ActorIndex) -> str | None:
        """Counts with no side of their own ("shot down 277 drones") belong to the article's attack."""
        attacks = [m for m in actors.found.events if m.type == "ATTACK" and m.actors]
        return attacks[-1].actors[0] if attacks else None


def _attack_measure(label: str, lemma: str, category: str, people: bool) -> tuple[str, str] | None:
    if label == "battle":
        return None
    if label in ("killed", "injured"):
        return ("ATTACK", label) if people else None
    if people:
        return None
    if label == "intercepted":
        if category in MUNITIONS or category == "air_defense_missile":
            return ("ATTACK", "intercepted")
        return ("LOSS", "destroyed") if lemma in ("destroy", "down") else None
    if label == "hit":
        return ("ATTACK", "hit") if category not in MUNITIONS else ("ATTACK", "launched")
    return ("ATTACK", "launched") if category in MUNITIONS else None


def _mention_for(found: Findings, trig: Trigger, type_: str) -> EventMention | None:
    """The event mention built from ``trig``, else the nearest one of that type in its sentence."""
    mention = found.by_trigger.get(trig.start)
    if mention is not None and mention.type == type_:
        return mention
    sentence = found.sent_of[trig.start] if trig.start < len(found.sent_of) else None
    same = [m for m in found.events if m.type == type_ and m.sentence == sentence]
    return min(same, key=lambda m: abs(m.start - trig.start)) if same else None


def _is_list_item(doc: Doc, sent: Span) -> bool:
    """Whether ``sent`` stands in a bulleted or numbered line (its marker may be a sentence of its own)."""
    text = text_of(doc)
    line_start = text.rfind("\n", 0, sent.start_char) + 1
    return bool(LIST_MARK.match(text[line_start : sent.start_char] + sent.text))


def _is_marker(sent: Span) -> bool:
    return bool(re.fullmatch(r"\s*(?:[-*+•●▪◦–]|\d{1,2}[.)])\s*", sent.text))


def _is_fragment(sent: Span) -> bool:
    """A short verbless sentence: "8 missiles.", "More than 360 tanks." """
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    return 0 < len(words) <= 10 and not any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in words)


def _predicate(token: Token) -> Token | None:
    """The verb whose subject or object ``token`` (or the noun it counts) is."""
    while token.dep_ in ("nummod", "compound", "amod", "quantmod", "pobj", "prep") and token.head is not token:
        token = token.head
    return token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") else None


def _lead_in(doc: Doc, sents: list[Span], index: int) -> Span | None:
    for back in range(index - 1, max(-1, index - 40), -1):
        if not (_is_list_item(doc, sents[back]) or _is_marker(sents[back])):
            return sents[back]
    return None


@Language.factory(
    "sitrep_quantities", requires=["doc._.sitrep"], assigns=["doc._.sitrep"], default_config={"lexicon_dir": None}
)
def make_quantities(nlp: Language, name: str, lexicon_dir: str | None) -> QuantityExtractor:
    """Factory of the quantity component."""
    return QuantityExtractor(load_lexicons(lexicon_dir))
