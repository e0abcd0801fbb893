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
from sitrep.nlp.mentions import EventMention, PlaceMention
from sitrep.nlp.triggers import Trigger, is_completed, is_future

# Closed-class grammar words: prepositions of what a meeting is about ("talks on the war with Russia": the
# war's sides are no sides of the talks), and determiners that point back to a meeting told before.
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
DEFINITE = frozenset({"the", "these", "those", "this", "that"})
# Dependencies from a meeting word up to the clause whose subject takes part in it.
CLAUSE_CLIMB = frozenset({"pcomp", "prep", "pobj", "advcl", "xcomp", "acl", "advmod", "conj", "dobj", "attr"})
# Closed-class grammar words: the preposition "next to" (a place, not "the next meeting").
NEXT_TO = re.compile(r"\bnext to\b")
LOOKBACK_SENTENCES = 3  # how far back a pronoun or a title subject ("the president") is looked up


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
    consult_unreal_modifiers: frozenset[str]  # "any future negotiations": none told as held or arranged
    consult_meet_objects: frozenset[str]  # "to meet NATO commitments", "meet the demands": no meeting
    consult_count_nouns: frozenset[str]  # "other meetings", "their conversations": several, no one meeting
    consult_addressed: frozenset[str]  # "told Zelenskyy that": word passed to a leader of another side
    consult_domestic_heads: frozenset[str]  # "chaired a meeting on farming": a side's own meeting, no counterpart


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
        if ctx.log.in_sentence(EventType.CONSULT, ctx.sent_of[trig.start]):
            yield from self._another(ctx, trig, head, own_place)
            return
        own = ctx.actors.codes_in(t for t in head.subtree if t.i < head.i) if head.pos_ in ("NOUN", "PROPN") else []
        others = self._other_meetings(ctx, head, sent)
        topic = _topic_words(head) | others
        actors = own if len(own) > 1 else ctx.actors.codes_in(t for t in sent if t.i not in topic)
        party = _with_codes(ctx, head) if head.pos_ == "VERB" else []
        subject = _subject_side(ctx, head, sent, party) if party else None
        if subject:  # "Trump said he had spoken with Putin ahead of the Zelenskyy meeting": Trump and Putin
            actors = [subject, *party]
        held_by = _holders(ctx, head)
        if len(held_by) > 1:  # "Representatives of the U.S. and Russia held talks in Davos, where ..."
            actors = held_by
        if ctx.actors.home and any(t.dep_ == "nsubj" and t.lower_ in ("i", "we") for t in sent):
            actors = [ctx.actors.home, *[a for a in actors if a != ctx.actors.home]]
        named = ctx.actors.codes_in(_own_phrase(_nominal(head)))
        anaphoric = not named and (is_anaphoric(head) or self._told_again(ctx, head, sent, own_place))
        continued = not named and self._continued(head)
        explicit = bool(actors) and not anaphoric and not continued
        kind = self.kind_of.get(head.lemma_.lower(), self.kind_of.get(head.lower_, "meeting"))
        prev = None
        if not explicit:
            prev = _same_place(ctx, own_place) if anaphoric else None  # "the Florida talks"
            prev = prev or (_same_noun(ctx, head) if continued or anaphoric else None)  # "a second round of talks"
            prev = prev or ctx.log.last_of_kind(EventType.CONSULT, kind) or ctx.last(EventType.CONSULT)
            if prev is None and not (continued and actors):
                return
            actors = list(prev.actors) if prev is not None else actors
        elif len(actors) < 2 or (subject_of(head) is None and any(c.lower_ == "with" for c in head.children)):
            completed = self._other_side(ctx, head, sent, actors, kind, own_place)
            if completed is None:
                return
            actors, own_place = completed
        phase = "planned" if self._planned(head, sent) else "held"
        if anaphoric and prev is not None and own_place is None and prev.phase == phase:
            own_place = prev.place  # "the talks" were where the meeting they refer to was
        people = ctx.persons.between(sent.start, sent.end)
        if explicit:  # "Trump, who met Zelenskyy", "after meeting Zelenskyy, the president said": their sides
            codes = dict.fromkeys(p.code for p in people if p.code and p.start not in others)
            actors += [code for code in codes if code not in actors]
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
            date=_own_date(ctx, trig, sent, others),
            undated=bool(others),
        )

    def _other_side(
        self, ctx: EventContext, head: Token, sent: Span, actors: list[str], kind: str, own_place: str | None
    ) -> tuple[list[str], str | None] | None:
        """The sides (and place) of a meeting told with fewer than two sides, or with a "with" phrase and no
        subject: its clause's subject, the host of a visited place, else the article's home side or first other
        side. None for a meeting at home, which has no counterpart to guess."""
        other = _subject_side(ctx, head, sent, actors)
        if other is None and len(actors) == 1 and self._domestic(ctx, head, kind, actors):
            return None
        visited = _visited(ctx, head, actors) if kind == "visit" else None
        if other is None and visited is not None:  # "Macron visited Kyiv": the host is the place's side
            other, own_place = visited.country, own_place or visited.name
        other = other or (ctx.actors.home if ctx.actors.home not in actors else ctx.first_other(actors))
        return [*actors, *([other] if other else [])], own_place

    def _another(self, ctx: EventContext, trig: Trigger, head: Token, own_place: str | None) -> Iterator[EventMention]:
        """A second meeting of a sentence, with the party of its own "with" phrase and its clause's subject
        ("he had had a good conversation with Witkoff", "who met X and later spoke by phone with Y")."""
        sent = ctx.sentence(trig)
        actors = _party(ctx, head)
        if own_place is not None and not actors:  # "the talks in Abu Dhabi followed a meeting in Moscow"
            actors = ctx.actors.codes_in(_own_phrase(head)) or ctx.actors.codes_in(sent)
        subject = _subject_side(ctx, head, sent, actors)
        actors += [subject] if subject else []
        kind = self.kind_of.get(head.lemma_.lower(), self.kind_of.get(head.lower_, "meeting"))
        phase = "planned" if self._planned(head, sent) else "held"
        place = own_place or (None if kind == "call" else place_of(ctx, trig, states=True, own_clause=True))
        people = [p.name for p in ctx.persons.between(sent.start, sent.end)]
        yield ctx.mention(EventType.CONSULT, phase, actors, trig, persons=people, place=place, kind=kind)

    def _other_meetings(self, ctx: EventContext, head: Token, sent: Span) -> set[int]:
        """The words of another meeting's clause in the sentence ("the call came after the EU official visited
        Zelenskyy in Kyiv"): a meeting verb of a clause that does not hold ``head``, with a party of its own."""
        skip: set[int] = set()
        for trig in ctx.found.triggers:
            other = ctx.doc[trig.start]
            if trig.family is not EventType.CONSULT or not sent.start <= trig.start < sent.end:
                continue
            clause = other.pos_ == "VERB" and other.dep_ in ("advcl", "relcl") and head not in other.subtree
            if clause and _party(ctx, other):
                skip |= {t.i for t in other.subtree}
        return skip

    def _domestic(self, ctx: EventContext, head: Token, kind: str, actors: list[str]) -> bool:
        """A side's own meeting, with no counterpart to guess: one it chairs ("Putin chaired a meeting on the
        harvest"), or a visit to somewhere of its own ("a visit to a plant east of Moscow", "visited troops")."""
        governor = head.head.head if head.dep_ == "pobj" and head.head.dep_ == "prep" else head.head
        if head.dep_ in ("dobj", "pobj") and governor.lemma_.lower() in self.cues.consult_domestic_heads:
            return True
        if kind != "visit":
            return False
        goals = _goals(head)
        if not goals or any(g.i in ctx.actors.person_at for g in goals):
            return False
        sides = {code for g in goals for code in ctx.actors.codes_in(g.subtree, allow_place=True)}
        return sides <= set(actors)

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
        if self._speculated(head) or self._not_one_meeting(ctx, head, own_place):
            return False
        if head.dep_ == "compound" and head.head.lemma_.lower() not in self.nouns:
            return False  # "the negotiation process", "the negotiation track": no one meeting
        if not ctx.log.in_sentence(EventType.CONSULT, ctx.sent_of[trig.start]):
            return True
        last = ctx.last(EventType.CONSULT)
        kind = self.kind_of.get(head.lemma_.lower(), "meeting")
        party = _party(ctx, head)
        if last is not None and party and (last.anaphoric or last.kind != kind or set(party) - set(last.actors)):
            return True  # "met with X in Florida and later spoke by phone with Y": two conversations
        # "the talks in Abu Dhabi followed a meeting in Moscow": two meetings
        return own_place is not None and last is not None and last.place is not None and last.place != own_place

    def _not_one_meeting(self, ctx: EventContext, head: Token, own_place: str | None) -> bool:
        """ "at the center of discussions", "weeks of negotiations", "holding up negotiations": the talks as a
        topic or a process; "he talks nice", "they engage in talks": a habit, no one meeting."""
        governor = head.head
        if head.tag_ == "VBG" and head.dep_ in ("amod", "compound"):
            return True  # "their negotiating stance", "the negotiating team"
        if head.dep_ == "pobj" and governor.lower_ == "of" and governor.head.i != governor.i:
            owner = governor.head
            if owner.lemma_.lower() in self.cues.consult_topic_heads:
                return True
            if owner.lemma_.lower() in self.cues.consult_long_spans:
                return True  # "weeks of negotiations", "a year of talks"
        if head.dep_ == "dobj":
            particle = next((c.lower_ for c in governor.children if c.dep_ == "prt"), "")
            lemma = governor.lemma_.lower()
            if lemma in self.cues.consult_process_verbs or f"{lemma} {particle}" in self.cues.consult_process_verbs:
                return True
        modifiers = ("det", "amod", "advmod")
        if any(c.lower_ in self.cues.consult_unreal_modifiers for c in head.children if c.dep_ in modifiers):
            return True  # "any future negotiations", "possible talks", "perhaps speak with him"
        if head.lemma_ == "meet" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in self.cues.consult_meet_objects for c in head.children
        ):
            return True  # "to meet NATO commitments", "met the deadline"
        nominal = _nominal(head)
        said_of = nominal.head.children if nominal.dep_ == "nsubj" else iter(())
        if any(c.dep_ == "acomp" and c.lower_ in self.cues.consult_unreal_modifiers for c in said_of):
            return True  # "when the next round of negotiations will be possible": only possible
        if self._several(ctx, head, own_place) or _met_both(head):
            return True
        verb = head if head.pos_ == "VERB" else governor.head if governor.dep_ == "prep" else governor
        habitual = verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() in ("talk", "engage")
        return habitual and not any(c.dep_ == "prep" and c.lower_ in ("with", "to") for c in verb.children)

    def _several(self, ctx: EventContext, head: Token, own_place: str | None) -> bool:
        """ "other meetings", "a number of meetings", "their recent conversations": several meetings, none
        told as one (no definite determiner, not "some of the meetings", no place or date in the sentence)."""
        if head.tag_ != "NNS" or head.lemma_.lower() not in self.cues.consult_count_nouns:
            return False
        if any(c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children) or _partitive(head):
            return False
        sent = ctx.sents[ctx.sent_of[head.i]]
        dated = bool(ctx.dates.between(sent.start, sent.end))
        return not dated and own_place is None

    def _speculated(self, head: Token) -> bool:
        """ "talks could test red lines", "negotiations might pave the way": the subject of what talks
        could do, not a meeting (but "talks could begin", "a meeting may take place" are one)."""
        verb = head.head
        if head.pos_ not in ("NOUN", "PROPN") or head.dep_ not in ("nsubj", "nsubjpass") or verb.i == head.i:
            return False
        modal = any(c.dep_ == "aux" and c.lower_ in self.cues.consult_speculative for c in verb.children)
        return modal and verb.lemma_.lower() not in self.cues.consult_occurring

    def _planned(self, head: Token, sent: Span) -> bool:
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ == "ahead":
            return True  # "ahead of a meeting with Trump on Sunday": still to come
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        if is_completed(verb) and not is_future(head):
            return False
        clause = NEXT_TO.sub(" ", clause_text(head, sent))  # "stands next to X during a visit": where, not when
        return is_future(head) or bool(self.planned_re.search(clause))

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
            if child.dep_ == "dobj" and head.lemma_ in self.cues.consult_addressed and _other_side(ctx, head, child):
                return True  # "the Dutch prime minister told Ukrainian President Zelenskyy on Tuesday that ..."
        return False


def _other_side(ctx: EventContext, head: Token, addressee: Token) -> bool:
    """A person or body of one side named as subject, and a person or an international body of another side
    told something (not "told the Ukrainian army", "told Russian officials")."""
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in head.children):
        return False  # "As Biden told Putin directly, ...": word said before, recalled
    subject = subject_of(head)
    body = ctx.actors.actor_at.get(addressee.i)
    if subject is None or (addressee.i not in ctx.actors.person_at and getattr(body, "kind", None) != "alliance"):
        return False
    speaker = set(ctx.actors.codes_in(subject.subtree))
    told = set(ctx.actors.codes_in(addressee.subtree))
    return bool(speaker) and bool(told) and not speaker & told


def _own_date(ctx: EventContext, trig: Trigger, sent: Span, others: set[int]) -> str | None:
    """The date nearest a meeting word outside another meeting's clause ("the call came after X visited Y on
    Wednesday": Wednesday is the visit's)."""
    dates = [d for d in ctx.dates.between(sent.start, sent.end) if d.start not in others]
    return min(dates, key=lambda d: abs(d.start - trig.start)).value if others and dates else None


def _goals(head: Token) -> list[Token]:
    """Where a visit goes: its "to" object ("a visit to Kyiv") or its object ("visited troops")."""
    to = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children]
    return [g for g in to if g.dep_ == "pobj"] + [c for c in head.children if c.dep_ == "dobj"]


def _visited(ctx: EventContext, head: Token, actors: list[str]) -> PlaceMention | None:
    """The place of another side that a visit goes to ("visited Kyiv", "a trip to Warsaw")."""
    for goal in _goals(head):
        for place in ctx.places.between(goal.left_edge.i, goal.i + 1):
            if place.country and place.country not in actors and place.end - 1 == goal.i:
                return place
    return None


def _nominal(head: Token) -> Token:
    """The phrase a meeting noun heads, or "round" in "a second round of talks"."""
    of = head.head
    if head.dep_ == "pobj" and of.lower_ == "of" and of.head.i != of.i and of.head.lemma_.lower() == "round":
        return of.head
    return head


def _own_phrase(head: Token) -> list[Token]:
    """The words of a meeting noun's phrase, less its relative clauses and sources ("the talks, which were
    hosted by the UAE", "a summary of the meeting from the Kremlin": no side of the talks named)."""
    skip = {t.i for c in head.children if c.dep_ in ("relcl", "acl") or c.lower_ == "from" for t in c.subtree}
    return [t for t in head.subtree if t.i not in skip]


def _topic_words(head: Token) -> set[int]:
    """The words of what a meeting is about ("meeting with Trump on negotiations over the war with Russia")."""
    owners = [head, head.head] if head.dep_ in ("dobj", "pobj") else [head]
    return {t.i for o in owners for c in o.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS for t in c.subtree}


def _met_both(head: Token) -> bool:
    """ "Trump has met with both Zelenskyy and Putin": meetings told as a record, none as one event."""
    if head.tag_ != "VBN" or not any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children):
        return False
    objects = [g for c in head.children if c.lower_ == "with" for g in c.children] + list(head.children)
    return any(c.dep_ == "preconj" and c.lower_ == "both" for o in objects for c in o.children)


def _same_noun(ctx: EventContext, head: Token) -> EventMention | None:
    """The last meeting told with the same noun ("talks" for "a second round of talks")."""
    lemma = head.lemma_.lower()
    for mention in reversed(ctx.found.events[-20:]):
        if mention.type == EventType.CONSULT and ctx.doc[mention.start].lemma_.lower() == lemma:
            return mention
    return None


def _clause_subject(head: Token) -> Token | None:
    """The subject of the clause a meeting word sits in ("after meeting Zelenskyy, the president said")."""
    node = head
    for _ in range(5):
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ in ("who", "that") and node.dep_ == "relcl":
            return node.head  # "Trump, who met with Zelenskyy"
        if subject is not None:
            return subject
        if node.head.i == node.i or node.dep_ not in CLAUSE_CLIMB:
            return None
        node = node.head
    return None


def _subject_side(ctx: EventContext, head: Token, sent: Span, actors: list[str]) -> str | None:
    """The other side of a meeting from its clause's subject: a side it names, or for "he" or a title ("the
    president") the last person of another side named just before the sentence (with that title)."""
    subject = _clause_subject(head)
    if subject is None or subject.i in ctx.found.by_trigger:  # "the Abu Dhabi talks followed a meeting"
        return None
    left = [t for t in subject.subtree if t.i <= subject.i]  # not its relative clause
    named = ctx.actors.codes_in(left, allow_place=True) + [
        p.code for p in ctx.persons.between(left[0].i, subject.i + 1) if p.code
    ]
    if named:
        return next((c for c in named if c not in actors), None)
    titled = subject.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
    if not titled and subject.lower_ not in ("he", "she"):
        return None
    number = ctx.sent_of[sent.start]
    before = subject.i if subject.pos_ == "PRON" else sent.start  # "Zelenskyy said he had met X"
    earlier = ctx.persons.between(ctx.sents[max(0, number - LOOKBACK_SENTENCES)].start, before)
    for person in reversed(earlier):
        roles = {r.lower() for r in person.roles}
        if person.code and person.code not in actors and (not titled or subject.lemma_.lower() in roles):
            return person.code
    return None


def _partitive(head: Token) -> bool:
    """ "some of the G-20 meetings", "one of the calls": meetings counted out of a known set."""
    of = head.head
    return of.lower_ == "of" and of.head.i != of.i and of.head.pos_ in ("PRON", "DET", "NUM")


def _same_place(ctx: EventContext, place: str | None) -> EventMention | None:
    """The last meeting told at ``place`` ("the Florida talks": the meeting in Florida)."""
    if place is None:
        return None
    for mention in reversed(ctx.found.events[-20:]):
        if mention.type == EventType.CONSULT and mention.place == place:
            return mention
    return None


def _with_codes(ctx: EventContext, head: Token) -> list[str]:
    """The sides of a meeting word's own "with" phrase ("a good conversation with U.S. envoy Witkoff")."""
    return [
        code
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for code in ctx.actors.codes_in(prep.subtree)
    ]


def _party(ctx: EventContext, head: Token) -> list[str]:
    """The sides a meeting verb is held with: its "with" phrase, or its object ("visited Zelenskyy")."""
    objects = [c for c in head.children if c.dep_ == "dobj"] if head.pos_ == "VERB" else []
    return list(dict.fromkeys(_with_codes(ctx, head) + ctx.actors.codes_in(t for o in objects for t in o.subtree)))


def _holders(ctx: EventContext, head: Token) -> list[str]:
    """The sides of the subject that holds a meeting ("X and Y held talks"), with its "with" party."""
    if head.pos_ != "NOUN" or head.dep_ != "dobj":
        return []
    subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return []
    named = ctx.actors.codes_in(subject.subtree)
    return list(dict.fromkeys(named + _with_codes(ctx, head)))
