"""CONSULT: meetings, talks, calls and visits, planned or held.

Sides are every side the sentence names (the speaker's own side first for "we met"),
or, for "the talks", those of the last meeting of the same kind. A meeting only
wished for ("open to talks", "called for negotiations") is none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitrep.eventtypes import EventType
from sitrep.nlp.cuesets import cueset, load_cues
from sitrep.nlp.eventcontext import EventContext
from sitrep.nlp.eventsyntax import clause_text, is_anaphoric, place_of, subject_of
from sitrep.nlp.families.base import Family, family
from sitrep.nlp.lexicon import Lexicons
from sitrep.nlp.mentions import EventMention
from sitrep.nlp.triggers import Trigger, is_completed, is_future


@cueset("events")
@dataclass(frozen=True)
class MeetingCues:
    """The cue lists of the meeting family."""

    consult: frozenset[str]  # the meeting nouns (also triggers): "talks", "meeting"
    consult_gatherings: frozenset[str]  # nouns of gatherings that head a meeting noun: "conference"
    consult_planned: tuple[str, ...]  # words of a clause that make a meeting planned: "will", "next"
    consult_kinds: dict[str, tuple[str, ...]]  # kinds of meeting ("call", "visit") by their words
    hypothetical_heads: frozenset[str]  # "open to talks", "called for negotiations": none yet
    consult_speculative: frozenset[str]  # "talks could test red lines": what talks might do, no meeting
    consult_occurring: frozenset[str]  # "talks could begin", "a meeting may take place": still a meeting
    consult_continued: frozenset[str]  # "a second round of talks", "further talks": the last meeting's sides
    consult_topic_heads: frozenset[str]  # "at the center of discussions": what talks are about, no meeting
    consult_process_verbs: frozenset[str]  # "holding up negotiations", "stalled the talks": the process
    consult_long_spans: frozenset[str]  # "weeks of negotiations": a process, no one meeting


@family(EventType.CONSULT)
class MeetingFamily(Family):
    """Meetings and calls."""

    def __init__(self, lex: Lexicons) -> None:
        super().__init__(lex)
        self.cues = load_cues(MeetingCues, lex)
        self.kind_of = {w: k for k, words in self.cues.consult_kinds.items() for w in words}
        self.nouns = self.cues.consult | self.cues.consult_gatherings
        planned = sorted(self.cues.consult_planned, key=len, reverse=True)
        self.planned_re = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in planned) + r")\b")

    def mentions(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        head = trig.head(ctx.doc)
        own_place = self._own_place(ctx, head)
        if not self._names_a_meeting(ctx, head, trig, own_place):
            return
        sent = ctx.sentence(trig)
        own = ctx.actors.codes_in(t for t in head.subtree if t.i < head.i) if head.pos_ in ("NOUN", "PROPN") else []
        actors = own if len(own) > 1 else ctx.actors.codes_in(sent)  # "the U.S.-Russia Summit"
        if ctx.actors.home and any(t.dep_ == "nsubj" and t.lower_ in ("i", "we") for t in sent):
            actors = [ctx.actors.home, *[a for a in actors if a != ctx.actors.home]]
        named = ctx.actors.codes_in(_own_phrase(_nominal(head)))
        anaphoric = not named and (is_anaphoric(head) or self._told_again(ctx, head, sent, own_place))
        continued = not named and self._continued(head)
        explicit = bool(actors) and not anaphoric and not continued
        kind = self.kind_of.get(head.lemma_.lower(), self.kind_of.get(head.lower_, "meeting"))
        prev = None
        if not explicit:
            prev = ctx.log.last_of_kind(EventType.CONSULT, kind) or ctx.last(EventType.CONSULT)
            if prev is None and not (continued and actors):
                return
            actors = list(prev.actors) if prev is not None else actors
        elif len(actors) < 2 or (subject_of(head) is None and any(c.lower_ == "with" for c in head.children)):
            other = ctx.actors.home if ctx.actors.home not in actors else ctx.first_other(actors)
            actors += [other] if other else []
        phase = "planned" if self._planned(head, sent) else "held"
        if anaphoric and prev is not None and own_place is None and prev.phase == phase:
            own_place = prev.place  # "the talks" were where the meeting they refer to was
        people = ctx.persons.between(sent.start, sent.end)
        if explicit:  # "Trump, who met Zelenskyy", "after meeting Zelenskyy, the president said": their sides
            actors += [code for code in dict.fromkeys(p.code for p in people if p.code) if code not in actors]
        yield ctx.mention(
            EventType.CONSULT,
            phase,
            actors,
            trig,
            persons=[p.name for p in people],
            anaphoric=anaphoric,
            explicit=explicit,
            place=own_place or place_of(ctx, trig, states=True, own_clause=True),
            kind=kind,
        )

    @staticmethod
    def _told_again(ctx: EventContext, head: Token, sent: Span, own_place: str | None) -> bool:
        """ "Officials said negotiations examined the issues" after talks were told: a bare plural subject
        with no place or date of its own is the talks told before (the sentence's sides are its sources)."""
        bare = head.tag_ == "NNS" and head.dep_ in ("nsubj", "nsubjpass")
        bare = bare and not any(c.dep_ in ("det", "poss", "amod", "compound") for c in head.children)
        new = own_place is not None or bool(ctx.dates.between(sent.start, sent.end))
        return bare and not new and ctx.last(EventType.CONSULT) is not None

    def _continued(self, head: Token) -> bool:
        """ "a second round of talks", "another round of negotiations", "further talks", "the next meeting"."""
        return any(
            c.dep_ in ("amod", "det") and c.lower_ in self.cues.consult_continued for c in _nominal(head).children
        )

    @staticmethod
    def _own_place(ctx: EventContext, head: Token) -> str | None:
        """ "a meeting in Moscow", "talks in Abu Dhabi": the place of a meeting noun's own phrase."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        for child in head.children:  # "the Geneva talks"
            named = [p for p in ctx.places.between(child.left_edge.i, child.i + 1)]  # "the Abu Dhabi talks"
            if child.dep_ == "compound" and named:
                return named[0].name
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                for obj in prep.children:
                    places = [p for p in ctx.places.between(obj.left_edge.i, obj.i + 1) if p.end - 1 <= obj.i]
                    if obj.dep_ == "pobj" and places:
                        return places[-1].name
        return None

    def _names_a_meeting(self, ctx: EventContext, head: Token, trig: Trigger, own_place: str | None) -> bool:
        """Not "open to talks", "the negotiation process", nor a second meeting word of one sentence."""
        if trig.label == "with" and not (head.pos_ == "VERB" and self._talks_with(ctx, head)):
            return False
        governor = head.head.head if head.head.pos_ == "ADP" else head.head  # "open to talks"
        modal = [c for c in head.children if c.dep_ in ("acl", "relcl")] + [governor]
        if head.pos_ == "NOUN" and any(t.lemma_.lower() in self.cues.hypothetical_heads for t in modal):
            return False  # "open to talks", "called for negotiations", "the talks needed to": no meeting yet
        if self._speculated(head) or self._not_one_meeting(head):
            return False
        if head.dep_ == "compound" and head.head.lemma_.lower() not in self.nouns:
            return False  # "the negotiation process", "the negotiation track": no one meeting
        if not ctx.log.in_sentence(EventType.CONSULT, ctx.sent_of[trig.start]):
            return True
        last = ctx.last(EventType.CONSULT)  # "the talks in Abu Dhabi followed a meeting in Moscow": two meetings
        return own_place is not None and last is not None and last.place is not None and last.place != own_place

    def _not_one_meeting(self, head: Token) -> bool:
        """ "at the center of discussions", "weeks of negotiations", "holding up negotiations": the talks as a
        topic or a process; "he talks nice", "they engage in talks": a habit, no one meeting."""
        governor = head.head
        if head.dep_ == "pobj" and governor.lower_ == "of" and governor.head.i != governor.i:
            owner = governor.head
            if owner.lemma_.lower() in self.cues.consult_topic_heads:
                return True
            if owner.lemma_.lower() in self.cues.consult_long_spans and owner.tag_ == "NNS":
                return True
        if head.dep_ == "dobj":
            particle = next((c.lower_ for c in governor.children if c.dep_ == "prt"), "")
            lemma = governor.lemma_.lower()
            if lemma in self.cues.consult_process_verbs or f"{lemma} {particle}" in self.cues.consult_process_verbs:
                return True
        verb = head if head.pos_ == "VERB" else governor.head if governor.dep_ == "prep" else governor
        habitual = verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() in ("talk", "engage")
        return habitual and not any(c.dep_ == "prep" and c.lower_ in ("with", "to") for c in verb.children)

    def _speculated(self, head: Token) -> bool:
        """ "talks could test red lines", "negotiations might pave the way": the subject of what talks
        could do, not a meeting (but "talks could begin", "a meeting may take place" are one)."""
        verb = head.head
        if head.pos_ not in ("NOUN", "PROPN") or head.dep_ not in ("nsubj", "nsubjpass") or verb.i == head.i:
            return False
        modal = any(c.dep_ == "aux" and c.lower_ in self.cues.consult_speculative for c in verb.children)
        return modal and verb.lemma_.lower() not in self.cues.consult_occurring

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
            if child.dep_ == "dobj" and head.lemma_ == "host" and child.lemma_.lower() in self.nouns:
                return True
        return False


def _nominal(head: Token) -> Token:
    """The phrase a meeting noun heads, or "round" in "a second round of talks"."""
    of = head.head
    if head.dep_ == "pobj" and of.lower_ == "of" and of.head.i != of.i and of.head.lemma_.lower() == "round":
        return of.head
    return head


def _own_phrase(head: Token) -> list[Token]:
    """The words of a meeting noun's phrase, less its relative clauses ("the talks, which were hosted by
    the UAE": the host is not named as a side of the talks)."""
    skip = {t.i for c in head.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    return [t for t in head.subtree if t.i not in skip]
