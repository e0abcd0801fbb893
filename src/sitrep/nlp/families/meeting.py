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
        anaphoric = is_anaphoric(head) and not ctx.actors.codes_in(head.subtree)
        explicit = bool(actors) and not anaphoric
        kind = self.kind_of.get(head.lemma_.lower(), self.kind_of.get(head.lower_, "meeting"))
        if not explicit:
            prev = ctx.log.last_of_kind(EventType.CONSULT, kind) or ctx.last(EventType.CONSULT)
            if prev is None:
                return
            actors = list(prev.actors)
        elif len(actors) < 2 or (subject_of(head) is None and any(c.lower_ == "with" for c in head.children)):
            other = ctx.actors.home if ctx.actors.home not in actors else ctx.first_other(actors)
            actors += [other] if other else []
        people = ctx.persons.between(sent.start, sent.end)
        if explicit:  # "Trump, who met Zelenskyy", "after meeting Zelenskyy, the president said": their sides
            actors += [code for code in dict.fromkeys(p.code for p in people if p.code) if code not in actors]
        yield ctx.mention(
            EventType.CONSULT,
            "planned" if self._planned(head, sent) else "held",
            actors,
            trig,
            persons=[p.name for p in people],
            anaphoric=anaphoric,
            explicit=explicit,
            place=own_place or place_of(ctx, trig, states=True),
            kind=kind,
        )

    @staticmethod
    def _own_place(ctx: EventContext, head: Token) -> str | None:
        """ "a meeting in Moscow", "talks in Abu Dhabi": the place of a meeting noun's own phrase."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        for child in head.children:  # "the Geneva talks"
            named = [p for p in ctx.places.between(child.i, child.i + 1)]
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
        if head.dep_ == "compound" and head.head.lemma_.lower() not in self.nouns:
            return False  # "the negotiation process", "the negotiation track": no one meeting
        if not ctx.log.in_sentence(EventType.CONSULT, ctx.sent_of[trig.start]):
            return True
        last = ctx.last(EventType.CONSULT)  # "the talks in Abu Dhabi followed a meeting in Moscow": two meetings
        return own_place is not None and last is not None and last.place is not None and last.place != own_place

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
