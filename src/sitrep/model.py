"""Frozen dataclasses that carry an article and everything Sitrep finds in it.

``Report.facts()`` renders the flat fact view defined by ``shared/spec/facts.md``:
the contract with gold files and scorers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """One input document, cleaned to plain text.

    ``text`` is what the pipeline reads; every offset in a ``Report`` points into it.
    ``published`` comes from metadata or the caller; ``published_inferred`` is true
    when it was guessed from a date found in the text.
    """

    text: str
    doc: str = "<text>"
    title: str | None = None
    published: dt.date | None = None
    published_inferred: bool = False
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    fmt: str = "txt"
    language: str = "en"


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: ``text == article.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A named thing: a state, institution, person, place, weapon system or date."""

    text: str
    label: str
    start: int
    end: int
    sentence: int
    code: str | None = None
    category: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A counted weapon, piece of equipment or group of people, tied to an event."""

    value: float
    qualifier: str
    category: str
    event: str
    measure: str
    text: str
    start: int
    end: int
    sentence: int
    actor: str | None = None


@dataclass(frozen=True)
class Event:
    """An event of a type of ``sitrep.eventtypes`` (aid, attack, meeting, agreement, sanction,
    territory taken), merged over its mentions."""

    type: str
    phase: str | None
    actors: tuple[str, ...]
    sentence: int
    anchor: str
    persons: tuple[str, ...] = ()
    place: str | None = None
    date: str | None = None
    items: tuple[str, ...] = ()
    value_usd: float | None = None
    mentions: tuple[int, ...] = ()
    area_km2: float | None = None


@dataclass(frozen=True)
class Attribution:
    """Who says a claim: ``source`` as named, its kind, and the outlet relaying it."""

    source: str
    source_kind: str
    sentence: int
    cue: str
    via: str | None = None


@dataclass(frozen=True)
class Signal:
    """A warning for a careful reader: opinion, filler, unverifiable tags, embeds, headings."""

    signal: str
    sentence: int
    text: str
    start: int
    end: int
    note: str = ""


@dataclass(frozen=True)
class Report:
    """Everything Sitrep found in one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    events: tuple[Event, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    signals: tuple[Signal, ...] = ()
    pipeline_version: str = ""
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def facts(self) -> list[dict[str, Any]]:
        """The flat fact view of ``spec/facts.md``, one dict per fact."""
        from sitrep.facts import report_facts

        return report_facts(self)
