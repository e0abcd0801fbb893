"""Cross-article queries over the store: events, claims, conflicts and the aid and strike trackers.

Each query returns rows (plain dicts) ready for a terminal table, CSV or JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sitrep.corpus.clusters import Cluster
from sitrep.store.db import Database, Row


@dataclass(frozen=True)
class EventFilter:
    """``sitrep events`` filters; each one left None matches everything."""

    type: str | None = None
    actor: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None

    def matches(self, c: Cluster) -> bool:
        if self.actor and self.actor.upper() not in c.actors:
            return False
        if self.place and self.place.casefold() not in (c.place or "").casefold():
            return False
        if self.since and (c.last_day is None or c.last_day < self.since):
            return False
        return not (self.until and (c.first_day is None or c.first_day > self.until))


def event_clusters(
    db: Database, flt: EventFilter | None = None, limit: int | None = None, offset: int = 0
) -> list[Cluster]:
    """The stored clusters matching ``flt``, by first day; one page of them when ``limit`` is given."""
    from sitrep.corpus.cluster_queries import select_clusters

    return select_clusters(db, flt or EventFilter(), limit, offset)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def cluster_row(c: Cluster, detail: bool = False) -> dict[str, Any]:
    first = c.first_report
    row: dict[str, Any] = {
        "cluster": c.id,
        "type": c.type,
        "phase": c.phase or first.phase,
        "actors": list(c.actors),
        "place": c.place,
        "first_day": _iso(c.first_day),
        "last_day": _iso(c.last_day),
        "articles": c.articles,
        "independent_sources": c.independent,
        "sources": c.sources,
        "first_report": first.doc,
    }
    if detail:
        row["value_usd"] = c.value_usd
        row["area_km2"] = c.area_km2
        row["mentions"] = [
            {"doc": m.doc, "published": m.published, "source": m.source, "sentence": m.sentence, "quote": m.quote}
            for m in c.mentions
        ]
    return row


def claims(
    db: Database, source: str | None = None, limit: int | None = None, offset: int = 0, key: str | None = None
) -> list[Row]:
    """Per source (every spelling of it grouped), how many claims in how many articles and when published;
    with ``source`` (contained in a name) or ``key`` (one source), each claim and its sentence."""
    from sitrep.corpus.claims import ClaimFilter, claims_of, sources

    flt = ClaimFilter(source, key)
    return claims_of(db, flt, limit, offset) if flt.any else sources(db, flt, limit, offset)


def conflicts(
    db: Database, cluster: str | None = None, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """The conflicts (``find_conflicts``) kept in the store as figures are stored: all of them, or those of
    one ``cluster``, by day, event and category; one page when ``limit`` is given."""
    from sitrep.store import conflicts_sql

    return conflicts_sql.conflicts(db, cluster, limit, offset)


def aid_tracker(db: Database, unknown_donors: bool = False) -> list[dict[str, Any]]:
    """Donor × category × phase per month: each event counted once (its largest reported figure).

    Aid goes from a donor to another side: figures with no recipient other than their giver (a state
    equipping its own forces) and totals over a span of time ("we have sent 3,000 vehicles since the
    invasion began") are left out, unless the event states the week or month they cover; figures of no
    known giver are left out too unless ``unknown_donors``, then under donor "?".
    """
    from sitrep.store import aid_sql

    return aid_sql.tracker(db, unknown_donors)


def strikes_tracker(db: Database) -> list[dict[str, Any]]:
    """Per day, attacker and category: the most launched and intercepted any report gives.

    A figure counts under its day, or under the week or month its event states ("2025-W27"), never as a
    running total (``_when``: "since February 24, 2,275 missiles" does not count), and only
    with a known attacker: the side of the launch (not the side attacked), or the attacking side of the
    event an interception is tied to.
    """
    from sitrep.store import strikes_sql

    return strikes_sql.tracker(db)


__all__ = [
    "EventFilter",
    "aid_tracker",
    "claims",
    "cluster_row",
    "conflicts",
    "event_clusters",
    "strikes_tracker",
]
