"""The front line from SEIZE events: ``sitrep tracker territory`` and the dashboard's Frontline page.

A *taking* is one SEIZE event cluster (``corpus/clusters.py``; SEIZE clusters by place): the side
that took control (the event's first side), the side that lost it (its second side, when named),
the place, the first day it was reported for, the largest area any report gives, the sources
that report it and who the reports say claims it (the attributions of its sentences: "the defence
ministry in Moscow said"), since each side's claims are often all there is.

The *front line* as of a day is, per named place, the side that last took it by then. When
different sides are reported taking the same place on that latest day (a claim and a
counter-claim), the place is *contested* and no side is given: Sitrep does not pick a winner.
Takings without a day or a place have no position on the front line; they are still tracked.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitrep.corpus.clusters import Cluster
from sitrep.corpus.queries import EventFilter, event_clusters
from sitrep.eventtypes import EventType
from sitrep.store.db import Database, Row


@dataclass(frozen=True)
class Taking:
    """One place (or area) taken: a SEIZE event cluster."""

    cluster: str
    day: dt.date | None
    place: str | None
    taken_by: str | None
    lost_by: str | None
    area_km2: float | None
    articles: int
    independent_sources: int
    sources: tuple[str, ...]
    claimed_by: tuple[str, ...] = ()
    point: tuple[float, float] | None = None  # (lat, lon) resolved at ingest, when asked for


@dataclass(frozen=True)
class Holding:
    """A place on the front line: who took it last (None when contested) and when."""

    place: str
    side: str | None
    claimants: tuple[str, ...]
    day: dt.date
    lost_by: str | None
    times_taken: int
    cluster: str
    lat: float | None = None
    lon: float | None = None

    @property
    def contested(self) -> bool:
        return self.side is None


Point = tuple[float, float]


def _taking(c: Cluster, located: dict[tuple[str, int], Point], claims: dict[tuple[str, int], set[str]]) -> Taking:
    point = next((located[(m.article_id, m.idx)] for m in c.mentions if (m.article_id, m.idx) in located), None)
    claimed = {source for m in c.mentions for source in claims.get((m.article_id, m.sentence), ())}
    return Taking(
        cluster=c.id,
        day=c.first_day,
        place=c.place,
        taken_by=c.actors[0] if c.actors else None,
        lost_by=c.actors[1] if len(c.actors) > 1 else None,
        area_km2=c.area_km2,
        articles=c.articles,
        independent_sources=c.independent,
        sources=tuple(c.sources),
        claimed_by=tuple(sorted(claimed)),
        point=point,
    )


def takings(
    db: Database, since: dt.date | None = None, until: dt.date | None = None, located: bool = False
) -> list[Taking]:
    """Every SEIZE cluster with a day in [since, until] (both ends optional), by day then place.

    ``located``: also read the coordinates resolved at ingest (``Taking.point``).
    """
    found = event_clusters(db, EventFilter(type=EventType.SEIZE, since=since, until=until))
    points = _stored_points(db) if located else {}
    claims = _claims(db)
    return sorted(
        (_taking(c, points, claims) for c in found),
        key=lambda t: (t.day or dt.date.min, (t.place or "").casefold(), t.taken_by or ""),
    )


def _claims(db: Database) -> dict[tuple[str, int], set[str]]:
    """The sources attributed in each sentence (article id, index) that holds a SEIZE event."""
    rows = db.query(
        "SELECT DISTINCT t.article_id, t.sentence, t.source FROM attributions t"
        " JOIN events e ON e.article_id = t.article_id AND e.sentence = t.sentence WHERE e.type = ?",
        (EventType.SEIZE.value,),
    )
    found: dict[tuple[str, int], set[str]] = defaultdict(set)
    for r in rows:
        found[(r["article_id"], int(r["sentence"]))].add(r["source"])
    return found


def _stored_points(db: Database) -> dict[tuple[str, int], Point]:
    """The coordinates resolved at ingest of each placed SEIZE mention (article id, index)."""
    rows = db.query(
        "SELECT article_id, idx, lat, lon FROM events WHERE type = ? AND lat IS NOT NULL AND lon IS NOT NULL",
        (EventType.SEIZE.value,),
    )
    return {(r["article_id"], int(r["idx"])): (float(r["lat"]), float(r["lon"])) for r in rows}


def territory_tracker(db: Database, since: dt.date | None = None, until: dt.date | None = None) -> list[dict[str, Any]]:
    """Per day and place: who took it, who lost it, the area, who claims it and the sources that report it."""
    return [
        {
            "day": t.day.isoformat() if t.day else None,
            "place": t.place,
            "taken_by": t.taken_by,
            "lost_by": t.lost_by,
            "area_km2": t.area_km2,
            "claimed_by": list(t.claimed_by),
            "articles": t.articles,
            "independent_sources": t.independent_sources,
            "sources": list(t.sources),
            "cluster": t.cluster,
        }
        for t in takings(db, since, until)
    ]


_SEIZE_COLUMNS = "id, actors, place, first_day, area_km2, articles, independent, sources"


def _seize_listing(db: Database, since: dt.date | None, until: dt.date | None) -> tuple[str, list[Any]]:
    """The SQL of the takings in [since, until], latest first (undated last), as the events list orders them."""
    from sitrep.corpus.cluster_queries import late_first_listing

    where, params, order = late_first_listing(db, EventFilter(type=EventType.SEIZE, since=since, until=until))
    return f"SELECT {_SEIZE_COLUMNS} FROM clusters{where} ORDER BY {order}", params


def count_takings(db: Database, since: dt.date | None = None, until: dt.date | None = None) -> int:
    """How many takings ``territory_page`` pages through."""
    from sitrep.corpus.cluster_queries import count_clusters

    return count_clusters(db, EventFilter(type=EventType.SEIZE, since=since, until=until))


def territory_page(
    db: Database, since: dt.date | None = None, until: dt.date | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """``territory_tracker``'s rows of one page of takings, latest first, read in SQL from the kept clusters
    (and the sources attributed in the page's sentences), never from every SEIZE mention."""
    sql, params = _seize_listing(db, since, until)
    return _territory_rows(db, db.query(sql + " LIMIT ? OFFSET ?", [*params, limit, offset]))


def stream_territory(
    db: Database, since: dt.date | None = None, until: dt.date | None = None, chunk: int = 500
) -> Iterator[dict[str, Any]]:
    """``territory_page`` of every taking, read as they are written out (``Database.stream``)."""
    sql, params = _seize_listing(db, since, until)
    rows: list[Row] = []
    for row in db.stream(sql, params, size=chunk):
        rows.append(row)
        if len(rows) == chunk:
            yield from _territory_rows(db, rows)
            rows = []
    yield from _territory_rows(db, rows)


def _territory_rows(db: Database, rows: list[Row]) -> list[dict[str, Any]]:
    claimed = _claimed_by(db, [str(r["id"]) for r in rows])
    out = []
    for r in rows:
        actors = json.loads(r["actors"])
        area = r["area_km2"]
        out.append(
            {
                "day": r["first_day"],
                "place": r["place"],
                "taken_by": actors[0] if actors else None,
                "lost_by": actors[1] if len(actors) > 1 else None,
                "area_km2": float(area) if area is not None else None,
                "claimed_by": sorted(claimed.get(str(r["id"]), ())),
                "articles": int(r["articles"]),
                "independent_sources": int(r["independent"]),
                "sources": json.loads(r["sources"]),
                "cluster": r["id"],
            }
        )
    return out


def _claimed_by(db: Database, ids: list[str]) -> dict[str, set[str]]:
    """Per cluster, the sources attributed in the sentences of its mentions."""
    found: dict[str, set[str]] = defaultdict(set)
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ", ".join("?" * len(part))
        for r in db.query(
            "SELECT DISTINCT e.cluster_id, t.source FROM events e JOIN attributions t"
            f" ON t.article_id = e.article_id AND t.sentence = e.sentence WHERE e.cluster_id IN ({marks})",
            part,
        ):
            found[str(r["cluster_id"])].add(str(r["source"]))
    return found


def front_line(db: Database, since: dt.date | None = None, until: dt.date | None = None) -> list[Holding]:
    """Per named place taken by ``until``, the side that last took it, if that was on or after ``since``.

    Places are ordered by the day they last changed hands, latest first. ``lat``/``lon`` are the
    coordinates the store resolved for the place at ingest (None when it could not).
    """
    by_place: dict[str, list[Taking]] = defaultdict(list)
    for t in takings(db, until=until, located=True):
        if t.place and t.day:
            by_place[t.place.casefold()].append(t)
    holdings = [_holding(history) for history in by_place.values()]
    found = [h for h in holdings if not since or h.day >= since]
    return sorted(found, key=lambda h: (h.day, h.place.casefold()), reverse=True)


def _holding(history: list[Taking]) -> Holding:
    """The state of one place after its takings (in day order, each with a day and a place)."""
    last_day = max(t.day for t in history if t.day)
    latest = [t for t in history if t.day == last_day]
    claimants = tuple(sorted({t.taken_by for t in latest if t.taken_by}))
    single = len(claimants) == 1
    first = latest[0]
    point = next((t.point for t in reversed(history) if t.point), None)
    return Holding(
        place=first.place or "",
        side=claimants[0] if single else None,
        claimants=claimants,
        day=last_day,
        lost_by=first.lost_by if single else None,
        times_taken=len(history),
        cluster=first.cluster,
        lat=point[0] if point else None,
        lon=point[1] if point else None,
    )
