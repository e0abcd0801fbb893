"""The per-document state the event families share: lookups over the doc's mentions and the
mentions found so far.

``EventContext`` is built once per doc by the event component and handed to every family
module (``nlp/families/``); ``EventContext.mention`` is the one way a family makes an
``EventMention``, with every optional field an explicit keyword argument.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from sitrep.eventtypes import EventType
from sitrep.nlp.actors import ActorIndex
from sitrep.nlp.eventsyntax import nearest_date
from sitrep.nlp.mentions import (
    ActorMention,
    ByStart,
    DateMention,
    EventMention,
    Findings,
    ItemMention,
    PersonMention,
    PlaceMention,
)
from sitrep.nlp.triggers import Trigger


class EventLog:
    """Lookups over the event mentions found so far, brought up to date with the list as it grows.

    Answers as a backward scan of the list would, as long as mentions are only appended.
    """

    def __init__(self, events: list[EventMention]) -> None:
        self.events = events
        self._seen = 0
        self._last: dict[tuple[str, str | None], EventMention] = {}  # by type and phase
        self._last_any: dict[str, EventMention] = {}  # by type, any phase
        self._last_kind: dict[tuple[str, str], EventMention] = {}  # by type and kind of meeting
        self._sentences: set[tuple[str, int]] = set()
        self._attacker: str | None = None  # first side of the latest attack
        self._other_attacker: str | None = None  # first side of the latest attack with another first side

    def _sync(self) -> None:
        for mention in self.events[self._seen :]:
            self._last[(mention.type, mention.phase)] = mention
            self._last_any[mention.type] = mention
            self._last_kind[(mention.type, mention.kind)] = mention
            self._sentences.add((mention.type, mention.sentence))
            if mention.type == EventType.ATTACK and mention.actors and mention.actors[0] != self._attacker:
                self._attacker, self._other_attacker = mention.actors[0], self._attacker
        self._seen = len(self.events)

    def last(self, type_: EventType, phase: str | None = None) -> EventMention | None:
        """The latest mention of ``type_`` (and of ``phase`` when given)."""
        self._sync()
        return self._last_any.get(type_) if phase is None else self._last.get((type_, phase))

    def last_of_kind(self, type_: EventType, kind: str) -> EventMention | None:
        """The latest mention of ``type_`` of this kind ("the conversation": the last call)."""
        self._sync()
        return self._last_kind.get((type_, kind))

    def in_sentence(self, type_: EventType, sentence: int) -> bool:
        """Whether a mention of ``type_`` was found in ``sentence``."""
        self._sync()
        return (type_, sentence) in self._sentences

    def attacker_besides(self, code: str) -> str | None:
        """The first side of the latest attack whose first side is not ``code``."""
        self._sync()
        return self._attacker if self._attacker != code else self._other_attacker


@dataclass
class EventContext:
    """Per-doc state shared by the event families, with the doc's mentions indexed by start token."""

    doc: Doc
    found: Findings
    actors: ActorIndex
    sents: list[Span]
    sent_of: list[int]
    ranked: list[str]  # the doc's sides, most named first
    items: ByStart[ItemMention]
    places: ByStart[PlaceMention]
    actor_mentions: ByStart[ActorMention]
    persons: ByStart[PersonMention]
    dates: ByStart[DateMention]
    items_at: dict[int, list[ItemMention]]  # the item mentions covering each token
    log: EventLog

    @classmethod
    def of(cls, doc: Doc, found: Findings, actors: ActorIndex, sent_of: list[int]) -> EventContext:
        """The lookups of ``doc`` after the entity component has run."""
        counts: Counter[str] = Counter(a.code for a in found.actors if a.code and a.kind in ("state", "demonym"))
        counts.update(code for code in (actors.person_codes.get(p.name) for p in found.persons) if code)
        items_at: dict[int, list[ItemMention]] = {}
        for item in found.items:
            for i in range(item.start, item.end):
                items_at.setdefault(i, []).append(item)
        return cls(
            doc=doc,
            found=found,
            actors=actors,
            sents=list(doc.sents),
            sent_of=sent_of,
            ranked=[code for code, _ in counts.most_common()],
            items=ByStart(found.items),
            places=ByStart(found.places),
            actor_mentions=ByStart(found.actors),
            persons=ByStart(found.persons),
            dates=ByStart(found.dates),
            items_at=items_at,
            log=EventLog(found.events),
        )

    def sentence(self, trig: Trigger) -> Span:
        return self.sents[self.sent_of[trig.start]]

    def last(self, type_: EventType, phase: str | None = None) -> EventMention | None:
        return self.log.last(type_, phase)

    def default_other(self, code: str) -> str | None:
        return next((c for c in self.ranked if c != code), None)

    def enemy_of(self, code: str) -> str | None:
        """The side fighting ``code``: an attacker seen earlier, else the most named side besides the publisher."""
        attacker = self.log.attacker_besides(code)
        if attacker is not None:
            return attacker
        home = self.actors.home
        return next((c for c in self.ranked if c not in (code, home)), None) or self.default_other(code)

    def first_other(self, codes: list[str]) -> str | None:
        return next((c for c in self.ranked if c not in codes), None)

    def mention(
        self,
        type_: EventType,
        phase: str | None,
        actors: list[str],
        trig: Trigger,
        *,
        date: str | None = None,
        persons: list[str] | None = None,
        place: str | None = None,
        items: list[str] | None = None,
        anaphoric: bool = False,
        explicit: bool = True,
        value_usd: float | None = None,
        area_km2: float | None = None,
        kind: str = "",
        distinct: bool = False,
        undated: bool = False,
    ) -> EventMention:
        """A mention of ``type_`` at ``trig``, dated by ``date`` or else (unless ``undated``) by the date nearest
        it in its sentence."""
        return EventMention(
            type_,
            phase,
            list(actors),
            self.sent_of[trig.start],
            trig.start,
            trig.end,
            persons=list(persons or []),
            place=place,
            date=date or (None if undated else nearest_date(self, trig, self.sentence(trig))),
            items=list(items or []),
            value_usd=value_usd,
            area_km2=area_km2,
            anaphoric=anaphoric,
            explicit_actors=explicit,
            kind=kind,
            distinct=distinct,
        )
