"""Token-level mentions that Sitrep's components leave on a ``Doc``.

Components write only to ``doc._.sitrep`` (a ``Findings``); ``sitrep.report`` is
the only reader that turns them into the public ``Report``.

Data flow: ``FLOW`` declares, per component, the ``Findings`` fields it reads and
writes, as spaCy ``requires``/``assigns`` over one read-only extension per field
(``doc._.sitrep_events`` is ``doc._.sitrep.events``). The factories pass them to
spaCy, ``nlp.analyze_pipes`` checks their order, and tests/nlp/test_dataflow.py checks
that each component's modules touch no field it does not declare.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter
from typing import TYPE_CHECKING, Generic, TypeVar

from spacy.tokens import Doc

from sitrep.eventtypes import EventType
from sitrep.model import Attribution, Quantity, Signal

if TYPE_CHECKING:
    from sitrep.nlp.triggers import Trigger


@dataclass(frozen=True)
class ActorMention:
    """A state, demonym, institution, alliance or outlet at tokens [start, end)."""

    start: int
    end: int
    code: str | None
    kind: str
    source_kind: str | None
    text: str


@dataclass(frozen=True)
class PersonMention:
    """A person at tokens [start, end), linked to a canonical name."""

    start: int
    end: int
    name: str
    code: str | None
    roles: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class PlaceMention:
    """A named place (city, region, or a state named as a location)."""

    start: int
    end: int
    name: str
    country: str | None


@dataclass(frozen=True)
class ItemMention:
    """A countable thing: weapon name or generic noun, with its category."""

    start: int
    end: int
    category: str
    kind: str
    system: str | None
    munition: str | None = None


@dataclass(frozen=True)
class DateMention:
    """A date expression resolved against the publication date."""

    start: int
    end: int
    value: str
    text: str


@dataclass
class EventMention:
    """One mention of an event in one sentence, before merging."""

    type: EventType
    phase: str | None
    actors: list[str]
    sentence: int
    start: int
    end: int
    persons: list[str] = field(default_factory=list)
    place: str | None = None
    date: str | None = None
    items: list[str] = field(default_factory=list)
    value_usd: float | None = None
    area_km2: float | None = None
    anaphoric: bool = False
    explicit_actors: bool = True
    kind: str = ""
    distinct: bool = False


@dataclass
class Findings:
    """Everything the components found in one ``Doc``."""

    published: dt.date | None = None
    published_inferred: bool = False
    home: str | None = None
    actors: list[ActorMention] = field(default_factory=list)
    persons: list[PersonMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    items: list[ItemMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    quoted: list[tuple[int, int]] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    sent_of: list[int] = field(default_factory=list)
    by_trigger: dict[int, EventMention] = field(default_factory=dict)
    # Memos of the doc's text, filled by the first component that asks (``text_of``, ``counts.line_start``,
    # ``signals._bounds``); each is a pure function of the text, so no component depends on another's.
    text: str = ""
    newlines: list[int] | None = None
    signal_bounds: tuple[int, int, int] | None = None


#: The fields that are memos of the text, not findings: any component may fill them.
MEMOS = frozenset({"text", "newlines", "signal_bounds"})
#: The fields the caller sets before the pipeline runs (``service._findings``).
INPUTS = frozenset({"published", "published_inferred", "home"})


@dataclass(frozen=True)
class Flow:
    """What one component reads and writes, as spaCy attribute names (``doc._.sitrep_<field>``)."""

    reads: tuple[str, ...]
    writes: tuple[str, ...]

    @property
    def requires(self) -> list[str]:
        """What an earlier component must assign (the caller's ``INPUTS`` are set before any runs)."""
        return [f"doc._.sitrep_{name}" for name in self.reads if name not in INPUTS]

    @property
    def assigns(self) -> list[str]:
        return [f"doc._.sitrep_{name}" for name in self.writes]


FLOW: dict[str, Flow] = {
    "sitrep_entities": Flow(reads=("published", "home"), writes=("actors", "persons", "places", "items", "dates")),
    "sitrep_events": Flow(
        reads=("actors", "persons", "places", "items", "dates", "home"),
        writes=("home", "triggers", "sent_of", "events", "by_trigger"),
    ),
    "sitrep_quantities": Flow(
        reads=("actors", "persons", "places", "items", "dates", "home", "triggers", "sent_of", "events", "by_trigger"),
        writes=("quantities",),
    ),
    "sitrep_attribution": Flow(reads=("actors", "persons", "places", "home"), writes=("attributions", "quoted")),
    "sitrep_signals": Flow(
        reads=("items", "sent_of", "events", "quantities", "attributions", "quoted"), writes=("signals",)
    ),
    "sitrep_relevance": Flow(reads=("persons", "events"), writes=("events",)),
}


if not Doc.has_extension("sitrep"):
    Doc.set_extension("sitrep", default=None)
for _name in Findings.__dataclass_fields__:
    if not Doc.has_extension(f"sitrep_{_name}"):
        Doc.set_extension(f"sitrep_{_name}", getter=attrgetter(f"_.sitrep.{_name}"))


def findings(doc: Doc) -> Findings:
    """The doc's ``Findings``, created on first use."""
    found = doc._.sitrep
    if not isinstance(found, Findings):
        found = Findings()
        doc._.sitrep = found
    return found


def text_of(doc: Doc) -> str:
    """The doc's text, built once (``Doc.text`` joins every token on each access)."""
    found = findings(doc)
    if not found.text:
        found.text = doc.text
    return found.text


def sentence_index(doc: Doc) -> list[int]:
    """For every token, the index of its sentence."""
    index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index


M = TypeVar("M")


class ByStart(Generic[M]):
    """Mentions indexed by their start token, for range queries in logarithmic time.

    Every query answers exactly as a scan of the original list would, in the list's
    order, whether or not the list is sorted. The index is a snapshot: build it again
    after the list changes.
    """

    def __init__(self, items: Iterable[M], start: Callable[[M], int] = attrgetter("start")) -> None:
        self.items = list(items)
        self._order = sorted(range(len(self.items)), key=lambda n: (start(self.items[n]), n))
        self._starts = [start(self.items[n]) for n in self._order]
        self._max_upto = list(accumulate(self._order, max))  # latest list position among the first k+1
        self._min_from = list(accumulate(reversed(self._order), min))[::-1]  # earliest among the rest

    def between(self, lo: int, hi: int) -> list[M]:
        """Mentions with ``lo <= start < hi``, in list order."""
        first, last = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
        return [self.items[n] for n in sorted(self._order[first:last])]

    def positions_between(self, lo: int, hi: int) -> list[int]:
        """List positions of the mentions with ``lo <= start < hi``, ascending."""
        first, last = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
        return sorted(self._order[first:last])

    def last_before(self, hi: int) -> M | None:
        """The latest mention in list order with ``start < hi``."""
        count = bisect_left(self._starts, hi)
        return self.items[self._max_upto[count - 1]] if count else None

    def first_from(self, lo: int) -> M | None:
        """The earliest mention in list order with ``start >= lo``."""
        first = bisect_left(self._starts, lo)
        return self.items[self._min_from[first]] if first < len(self._starts) else None


class CharRanges:
    """Non-overlapping character ranges ``[start, end)`` (quotations, lines), for point queries."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        self.ranges = sorted(set(ranges))
        self._starts = [start for start, _ in self.ranges]

    def holds(self, char: int) -> bool:
        """Whether a range has ``start <= char < end``."""
        index = bisect_right(self._starts, char) - 1
        return index >= 0 and char < self.ranges[index][1]

    def holds_inside(self, char: int) -> bool:
        """Whether a range has ``start < char < end`` (strictly inside)."""
        index = bisect_left(self._starts, char) - 1
        return index >= 0 and char < self.ranges[index][1]
