"""Token-level mentions that Sitrep's components leave on a ``Doc``.

Components write only to ``doc._.sitrep`` (a ``Findings``); ``sitrep.report`` is
the only reader that turns them into the public ``Report``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from sitrep.model import Attribution, Quantity, Signal


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

    type: str
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
    text: str = ""
    cache: dict[str, Any] = field(default_factory=dict)
    triggers: list[Any] = field(default_factory=list)
    sent_of: list[int] = field(default_factory=list)
    by_trigger: dict[int, EventMention] = field(default_factory=dict)


if not Doc.has_extension("sitrep"):
    Doc.set_extension("sitrep", default=None)


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
