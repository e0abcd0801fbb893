"""How an article's figures are tied to its events, decided once when the article is stored.

All of it depends on the article alone, so the trackers and conflicts read it from indexed
columns instead of working it out again on every query:

- a quantity's event: the article's nearest event of the same type (by sentence; for an
  interception, one whose attacker is not the interceptor);
- its side: its own actor (else its event's first side), unless that is the receiving or
  targeted side of its event, then the event's first side ("113 cruise missiles" tagged UKR
  in an attack on Ukraine);
- whether it is a running total over a span of time (``corpus.periods.covers_period``);
- an event's sum that counts: its ``value_usd`` unless a running total of no stated week or month.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitrep.corpus.periods import covers_period
from sitrep.eventtypes import EventType


@dataclass(frozen=True)
class EventFacts:
    idx: int
    type: str
    actors: tuple[str, ...]
    sentence: int
    date: str | None
    value_usd: float | None
    anchor: str


@dataclass(frozen=True)
class QuantityFacts:
    event: str
    measure: str
    actor: str | None
    sentence: int
    text: str


@dataclass(frozen=True)
class Tie:
    """``event_idx`` of the quantity's event (None: none of its type), its ``side``, ``period``, and ``donor``."""

    event_idx: int | None
    side: str | None
    period: bool
    donor: str | None


def nearest(q: QuantityFacts, events: Sequence[EventFacts]) -> EventFacts | None:
    same = [e for e in events if e.type == q.event]
    if q.measure == "intercepted":  # the interceptor is the quantity's actor; the attack is the other side's
        same = [e for e in same if (e.actors[0] if e.actors else None) != q.actor] or same
    return min(same, key=lambda e: abs(e.sentence - q.sentence), default=None)


def side_of(q: QuantityFacts, event: EventFacts | None) -> str | None:
    actors = event.actors if event else ()
    actor = q.actor or (actors[0] if actors else None)
    first, others = (actors[0], actors[1:]) if actors else (None, ())
    if actor in others and first is not None and q.event != EventType.LOSS:
        return first
    return actor


def tie(q: QuantityFacts, events: Sequence[EventFacts], texts: Mapping[int, str]) -> Tie:
    event = nearest(q, events)
    quote = texts.get(q.sentence) or q.text
    side = side_of(q, event)
    period = covers_period(quote, texts.get(q.sentence - 1))
    return Tie(event.idx if event else None, side, period, giver(side, event.actors if event else ()))


def giver(side: str | None, actors: tuple[str, ...]) -> str | None:
    """The giver of aid when it gives to another side: ``side`` if ``actors`` name another one; "?" for no
    known side; None when it goes to no one else (a country equipping its own forces is not aid)."""
    if side is None:
        return "?"
    return side if any(a != side for a in actors) else None


def spanned(date: str | None) -> bool:
    """Whether a stated date is a week or a month ("2025-W27", "2025-06"), not a day."""
    return bool(date) and len(date or "") != 10


def counted_usd(e: EventFacts, texts: Mapping[int, str]) -> float | None:
    """The event's sum, unless it is a running total ("$2 billion since the invasion began")."""
    if not e.value_usd:
        return None
    quote = texts.get(e.sentence) or e.anchor
    return e.value_usd if spanned(e.date) or not covers_period(quote) else None
