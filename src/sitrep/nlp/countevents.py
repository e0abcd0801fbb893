"""The event, measure and side of a count: "destroyed four tanks" is a LOSS, destroyed.

A count takes the measure of the trigger that governs it in its sentence, else of
the lead-in of its list ("The package includes: - 5 boats"), else of the sentence
before when it is a fragment ("More than 360 tanks.") or refers back ("These five
systems"). Counts of people may take theirs from their own predicate ("9,000 died").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitrep.eventtypes import EventType
from sitrep.nlp.categories import MUNITIONS, PEOPLE
from sitrep.nlp.counts import CountContext, line_start
from sitrep.nlp.cuesets import cueset, load_cues
from sitrep.nlp.lexicon import Lexicons
from sitrep.nlp.mentions import EventMention, Findings, text_of
from sitrep.nlp.numbers import Number
from sitrep.nlp.triggers import Trigger

# A list marker at the start of a line, after any white space: "- ", "* ", "1. ", "2) ".
LIST_MARK = re.compile(r"\s*(?:[-*+•●▪◦–]|\d{1,2}[.)])\s")
# Dependencies of a word that only modifies a noun ("a defence research institute", "attack helicopters").
MODIFIERS = frozenset({"compound", "amod", "nmod"})
#: The event type and measure of a count, and the event mention it belongs to.
Measured = tuple[tuple[EventType, str], EventMention | None]


@cueset("quantities")
@dataclass(frozen=True)
class CountEventCues:
    """The cue lists that tie counts of people to their event, in cues/quantities.json."""

    people_verbs: dict[str, tuple[str, ...]]  # "killed": ("die", ...)
    victim_verbs: frozenset[str]  # "became victims"
    anaphoric_determiners: frozenset[str]  # "these five systems"
    dead_heads: frozenset[str]  # "900 bodies of civilians were found": a count of the killed
    accident_causes: frozenset[str]  # "17 people were killed after a huge fire broke out": no attack
    moved_verbs: frozenset[str]  # "5 million people have fled", "200 people stayed": moved or sheltered, no casualty
    refuge_objects: frozenset[str]  # "200 people took shelter"


class CountEvents:
    """Tie a count to the event its trigger (or its predicate) names, and to a side."""

    def __init__(self, lex: Lexicons) -> None:
        cues = load_cues(CountEventCues, lex)
        self.people_verbs = {w: m for m, ws in cues.people_verbs.items() for w in ws}
        self.victim_verbs = set(cues.victim_verbs)
        self.anaphoric = set(cues.anaphoric_determiners)
        self.dead_heads = cues.dead_heads
        self.accident_causes = cues.accident_causes
        self.moved_verbs = cues.moved_verbs
        self.refuge_objects = cues.refuge_objects

    def people_event(self, ctx: CountContext, number: Number, end: int, category: str, sent: Span) -> Measured | None:
        """The measure a predicate of the counted people gives: "died", "surrendered", "became victims"."""
        doc = ctx.doc
        measure = None
        for verb in (doc[end - 1], verb_after(doc, end, sent.end), _predicate(doc[end - 1])):
            if verb is None or verb.pos_ not in ("VERB", "ADJ", "AUX"):
                continue
            lemma = verb.lemma_.lower()
            if lemma in self.victim_verbs and any(c.lemma_.lower() == "victim" for c in verb.children):
                measure = "killed"
            measure = measure or self.people_verbs.get(lemma)
            if measure:
                break
        if measure is None and doc[end - 1].lemma_.lower() in self.dead_heads:
            measure = "killed"  # "900 bodies of civilians were found"
        if measure is None:
            return None
        ev = EventType.LOSS if measure == "captured" or category == "military" else EventType.ATTACK
        same = ctx.events_in(ev, ctx.found.sent_of[number.start])
        return (ev, measure), (same[0] if same else None)

    def accidental(self, ctx: CountContext, sent: Span) -> bool:
        """ "17 people were killed after a huge fire broke out at an institute": people killed by an accident
        (a fire, a crash) in a sentence that tells of no attack are no attack's casualties."""
        causes = {t.i for t in sent if self._accident_word(t)}
        attacks = [
            t
            for t in ctx.triggers_in(sent)
            if t.family is EventType.ATTACK and t.start not in causes and ctx.doc[t.start].dep_ not in MODIFIERS
        ]
        if any(t.label not in ("killed", "injured") for t in attacks):
            return False
        return bool(causes)

    def _accident_word(self, token: Token) -> bool:
        """ "a fire broke out", "killed in a crash", "a bus crashed" (not "opened fire")."""
        if token.lemma_.lower() not in self.accident_causes:
            return False
        return token.pos_ == "VERB" or (token.pos_ == "NOUN" and token.dep_ in ("nsubj", "pobj"))

    def moved(self, ctx: CountContext, end: int, sent: Span) -> bool:
        """ "more than 5 million people have fled", "some 200 people took shelter": people who moved or
        sheltered are no casualty count, whatever casualty word the sentence also has."""
        doc = ctx.doc
        for verb in (verb_after(doc, end, sent.end), _predicate(doc[end - 1])):
            if verb is None or verb.pos_ != "VERB":
                continue
            if verb.lemma_.lower() in self.moved_verbs:
                return True
            objects = [c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"]
            if verb.lemma_.lower() in ("take", "seek", "find") and set(objects) & self.refuge_objects:
                return True
        return False

    def event(self, ctx: CountContext, number: Number, category: str, sent: Span) -> Measured | None:
        """The measure of the trigger that governs the count, here, in its list's lead-in or just before."""
        best = self._best_trigger(ctx, ctx.triggers_in(sent), number, category)
        index = ctx.sent_of[number.start]
        if best is None and is_list_item(ctx.doc, sent):
            lead = lead_in(ctx.doc, ctx.sents, index)
            if lead is not None:
                best = self._best_trigger(ctx, ctx.triggers_in(lead), number, category, far=True)
        back = _is_fragment(sent) or self._anaphoric(ctx, number, category, index)
        if best is None and (back or self._listed_by_pronoun(ctx.doc[number.start])):
            best = self._previous_trigger(ctx, number, category, index)
        return best

    def _listed_by_pronoun(self, token: Token) -> bool:
        """ "These include Mi-17 helicopters and 300 drones": the items of what the sentence before named."""
        for _ in range(6):
            if token.dep_ not in ("nummod", "compound", "amod", "quantmod", "conj", "appos") or token.head is token:
                break
            token = token.head
        verb = token.head
        if token.dep_ != "dobj" or verb.lemma_.lower() not in ("include", "comprise"):
            return False
        return any(c.dep_ == "nsubj" and c.lower_ in self.anaphoric for c in verb.children)

    def _anaphoric(self, ctx: CountContext, number: Number, category: str, index: int) -> bool:
        """ "These five strategic air defense systems", after a sentence that names such systems."""
        if number.start == 0 or ctx.doc[number.start - 1].lower_ not in self.anaphoric or index == 0:
            return False
        return any(m.category == category for m in ctx.items_in(ctx.sents[index - 1]))

    def _previous_trigger(self, ctx: CountContext, number: Number, category: str, index: int) -> Measured | None:
        """The trigger of the sentence before, past a run of verbless counts ("More than 360 tanks.")."""
        for back in range(index - 1, max(-1, index - 5), -1):
            sent = ctx.sents[back]
            best = self._best_trigger(ctx, ctx.triggers_in(sent), number, category, far=True)
            if best is not None or not _is_fragment(sent):
                return best
        return None

    def _best_trigger(
        self, ctx: CountContext, triggers: list[Trigger], number: Number, category: str, far: bool = False
    ) -> Measured | None:
        doc, found = ctx.doc, ctx.found
        ancestors = {t.i: depth for depth, t in enumerate(doc[number.start].ancestors)}
        scored = []
        for trig in triggers:
            label = self._measure(ctx, trig, category)
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
        return label, _mention_for(ctx, trig, label[0])

    def _measure(self, ctx: CountContext, trig: Trigger, category: str) -> tuple[EventType, str] | None:
        lemma = ctx.doc[trig.start].lemma_.lower()
        people = category in PEOPLE
        if trig.family is EventType.AID:
            return None if people else _aid_measure(ctx, trig)
        if trig.family is EventType.ATTACK:
            return _attack_measure(trig.label or "launched", lemma, category, people)
        if trig.family is EventType.LOSS:
            if people:
                return (
                    (EventType.LOSS, "captured")
                    if trig.label == "captured"
                    else (EventType.LOSS, "killed")
                    if lemma in ("lose", "loss", "losses", "eliminate")
                    else None
                )
            return None if category in MUNITIONS else (EventType.LOSS, trig.label or "destroyed")
        return None

    def actor(
        self, ctx: CountContext, ev: str, measure: str, mention: EventMention | None, number: Number, end: int
    ) -> str | None:
        """The side the count belongs to: the one that lost it, sent it or launched it."""
        doc, actors = ctx.doc, ctx.actors
        begin = max(0, number.start - 3)
        verbs = [t.i for t in doc[begin : number.start] if t.pos_ in ("VERB", "AUX")]
        begin = verbs[-1] + 1 if verbs else begin  # "Ukrainian forces destroyed four tanks": not the destroyer
        near = actors.codes_in(doc[number.start : end]) or actors.codes_in(doc[begin : number.start])
        if not near and end < len(doc) and doc[end].lower_ == "of":  # "four tanks of the Russian Federation"
            near = actors.codes_in(doc[end : min(len(doc), end + 5)])
        if near and (ev == EventType.LOSS or (ev == EventType.ATTACK and measure == "intercepted")):
            return near[0]
        if ev == EventType.LOSS:
            return _loser(ctx, number)
        if mention is not None and mention.actors:
            return mention.actors[0]
        if near and ev != EventType.AID:
            return near[0]
        if ev != EventType.ATTACK:
            return None
        # Counts with no side of their own ("shot down 277 drones") belong to the article's attack.
        return ctx.last_attack.actors[0] if ctx.last_attack else None


def _aid_measure(ctx: CountContext, trig: Trigger) -> tuple[EventType, str] | None:
    mention = _mention_for(ctx, trig, EventType.AID)
    if mention is None and trig.label in ("paused", "resumed", "cancelled"):
        return None  # "39 ships are blocked in the ports": "block", "stop" are aid words only in an aid event
    phase = mention.phase if mention and mention.phase else ("delivered" if trig.label == "tensed" else trig.label)
    return (EventType.AID, phase or "delivered")


def _loser(ctx: CountContext, number: Number) -> str | None:
    """ "Russia had lost 1,000 troops": the subject of the verb governing the count."""
    verb = next((t for t in ctx.doc[number.start].ancestors if t.pos_ in ("VERB", "AUX")), None)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    codes = ctx.actors.codes_in(subj.subtree) if subj is not None else []
    return codes[0] if codes else None


def _attack_measure(label: str, lemma: str, category: str, people: bool) -> tuple[EventType, str] | None:
    if label == "battle":
        return None
    if label in ("killed", "injured"):
        return (EventType.ATTACK, label) if people else None
    if people:
        return None
    if label == "intercepted":
        if category in MUNITIONS or category == "air_defense_missile":
            return (EventType.ATTACK, "intercepted")
        return (EventType.LOSS, "destroyed") if lemma in ("destroy", "down") else None
    if label == "hit":
        return (EventType.ATTACK, "hit") if category not in MUNITIONS else (EventType.ATTACK, "launched")
    return (EventType.ATTACK, "launched") if category in MUNITIONS else None


def _mention_for(ctx: CountContext, trig: Trigger, type_: str) -> EventMention | None:
    """The event mention built from ``trig``, else the nearest one of that type in its sentence."""
    found: Findings = ctx.found
    mention = found.by_trigger.get(trig.start)
    if mention is not None and mention.type == type_:
        return mention
    sentence = found.sent_of[trig.start] if trig.start < len(found.sent_of) else None
    same = ctx.events_in(type_, sentence)
    return min(same, key=lambda m: abs(m.start - trig.start)) if same else None


def verb_after(doc: Doc, end: int, limit: int) -> Token | None:
    """The first word after ``end`` that is not an auxiliary or adverb ("have been", "also")."""
    i = end
    while i < limit and i - end < 4 and doc[i].pos_ in ("AUX", "PART", "ADV"):
        i += 1
    return doc[i] if i < limit else None


def is_list_item(doc: Doc, sent: Span) -> bool:
    """Whether ``sent`` stands in a bulleted or numbered line (its marker may be a sentence of its own)."""
    return bool(LIST_MARK.match(text_of(doc), line_start(doc, sent.start_char), sent.end_char))


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


def lead_in(doc: Doc, sents: list[Span], index: int) -> Span | None:
    """The sentence that introduces the list holding sentence ``index`` ("The package includes:")."""
    for back in range(index - 1, max(-1, index - 40), -1):
        if not (is_list_item(doc, sents[back]) or _is_marker(sents[back])):
            return sents[back]
    return None
