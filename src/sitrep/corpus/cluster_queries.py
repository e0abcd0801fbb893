"""Event clusters read from the store (``sitrep.store.clusters_sql`` keeps them): filtered, ordered and
paged in SQL over the ``clusters`` table, with the mentions of only the clusters asked for."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitrep.corpus.clusters import Cluster, cluster, load_mentions

if TYPE_CHECKING:
    from sitrep.corpus.queries import EventFilter
    from sitrep.store.db import Database, Row

#: corpus.clusters.cluster's order (first day, undated first; type; sides), as the listing index has it
_ORDER = "first_day{n}, type, sides{c}, id"
_LATEST = "first_day DESC{l}, type DESC, sides{c} DESC, id DESC"  # _ORDER backwards
_NEWEST = "last_day DESC{l}, id"
_LATE_FIRST = "first_day DESC{l}, type, sides{c}, id"


def _where(flt: EventFilter | _ById | None) -> tuple[str, list[Any]]:
    """The SQL of ``EventFilter``: the same matches as ``EventFilter.matches`` on a ``Cluster``."""
    if flt is None:
        return "", []
    if isinstance(flt, _ById):
        return " WHERE id = ?", [flt.ident]
    clauses: list[str] = []
    params: list[Any] = []
    if flt.type:
        clauses.append("type = ?")
        params.append(flt.type.upper())
    if flt.actor:
        clauses.append("actors LIKE ?")
        params.append(f'%"{flt.actor.upper()}"%')
    if flt.place:
        clauses.append("LOWER(COALESCE(place, '')) LIKE ?")
        params.append(f"%{flt.place.casefold()}%")
    if flt.since:
        clauses.append("last_day >= ?")
        params.append(flt.since.isoformat())
    if flt.until:
        clauses.append("first_day <= ?")
        params.append(flt.until.isoformat())
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _type_only(flt: EventFilter | None) -> bool:
    """Whether a filter asks for one type at most (what ``cluster_months`` counts)."""
    return flt is None or not (flt.actor or flt.place or flt.since or flt.until)


def count_clusters(db: Database, flt: EventFilter | None = None) -> int:
    if flt is None or (not flt.type and _type_only(flt)):  # all of them: counted as they change
        from sitrep.store.counts import counts

        return counts(db)["clusters"]
    if _type_only(flt) and flt.type:
        return int(db.scalar("SELECT SUM(n) FROM cluster_months WHERE type = ?", (flt.type.upper(),)) or 0)
    where, params = _where(flt)
    return int(db.scalar(f"SELECT COUNT(*) FROM clusters{where}", params) or 0)


def select_clusters(
    db: Database,
    flt: EventFilter | None = None,
    limit: int | None = None,
    offset: int = 0,
    newest: bool = False,
    late_first: bool = False,
) -> list[Cluster]:
    """The clusters matching ``flt``, by first day (``newest``: latest day first; ``late_first``: first day
    latest first), one page when ``limit``."""
    where, params = _where(flt)
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    order = _order(db, _NEWEST if newest else _LATE_FIRST if late_first else _ORDER)
    rows = db.query(
        f"SELECT id FROM clusters{where} ORDER BY {order}{page}",
        [*params, limit, offset] if limit is not None else params,
    )
    return _with_mentions(db, [str(r["id"]) for r in rows])


def summary_rows(
    db: Database,
    flt: EventFilter | _ById | None = None,
    limit: int | None = None,
    offset: int = 0,
    newest: bool = False,
    late_first: bool = False,
) -> list[dict[str, Any]]:
    """``cluster_row`` of each matching cluster, read from the clusters table alone (no mentions loaded):
    by first day, or by latest day (``newest``) or first day (``late_first``) latest first."""
    where, params = _where(flt)
    order = _order(db, _NEWEST if newest else _LATE_FIRST if late_first else _ORDER)
    if limit is not None:  # the page's ids first: the rows skipped are read from the listing index only
        where = f" WHERE id IN (SELECT id FROM clusters{where} ORDER BY {order} LIMIT ? OFFSET ?)"
        params = [*params, limit, offset]
    rows = db.query(f"SELECT {_SUMMARY} FROM clusters{where} ORDER BY {order}", params)
    return [_summary(r) for r in rows]


def stream_summary_rows(
    db: Database, flt: EventFilter | None = None, late_first: bool = False
) -> Iterator[dict[str, Any]]:
    """``summary_rows`` of every matching cluster, read as they are written out (``Database.stream``)."""
    where, params = _where(flt)
    order = _order(db, _LATE_FIRST if late_first else _ORDER)
    return (_summary(r) for r in db.stream(f"SELECT {_SUMMARY} FROM clusters{where} ORDER BY {order}", params))


def stream_clusters(
    db: Database, flt: EventFilter | None = None, late_first: bool = False, chunk: int = 200
) -> Iterator[Cluster]:
    """Every matching cluster with its mentions, ``chunk`` clusters' mentions read at a time."""
    where, params = _where(flt)
    order = _order(db, _LATE_FIRST if late_first else _ORDER)
    ids: list[str] = []
    for row in db.stream(f"SELECT id FROM clusters{where} ORDER BY {order}", params, size=chunk):
        ids.append(str(row["id"]))
        if len(ids) == chunk:
            yield from _with_mentions(db, ids)
            ids = []
    yield from _with_mentions(db, ids)


def late_first_listing(db: Database, flt: EventFilter | None = None) -> tuple[str, list[Any], str]:
    """The WHERE clause, its parameters and the ORDER BY of matching clusters, first day latest first
    (undated last), as the listing indexes have them: for lists that read other columns of ``clusters``."""
    where, params = _where(flt)
    return where, params, _order(db, _LATE_FIRST)


def _with_mentions(db: Database, ids: list[str]) -> list[Cluster]:
    found = {c.id: c for c in cluster(load_mentions(db, clusters=ids))} if ids else {}
    return [found[i] for i in ids if i in found]


_SUMMARY = (
    "id, type, phase, first_phase, actors, place, first_day, last_day, articles, independent, sources, first_report"
)


def _summary(r: Row) -> dict[str, Any]:
    return {
        "cluster": r["id"],
        "type": r["type"],
        "phase": r["phase"] or r["first_phase"],
        "actors": json.loads(r["actors"]),
        "place": r["place"],
        "first_day": r["first_day"],
        "last_day": r["last_day"],
        "articles": int(r["articles"]),
        "independent_sources": int(r["independent"]),
        "sources": json.loads(r["sources"]),
        "first_report": r["first_report"],
    }


def place_rows(db: Database) -> tuple[list[dict[str, Any]], int]:
    """Per place named by clusters: how many (``events``), how many attacks (``strikes``) and the latest in
    first-day order (``latest``: id as ``cluster``, type, first day); and how many clusters name no place."""
    rows = db.query("SELECT place, events, strikes FROM cluster_places WHERE events > 0")
    latest = "SELECT id AS cluster, type, first_day FROM clusters WHERE place = ? AND {day}"
    latest += f" ORDER BY {_order(db, _LATEST)} LIMIT 1"
    for row in rows:  # the latest first day of the place (index), then the last of that day's clusters
        day = db.scalar("SELECT MAX(first_day) FROM clusters WHERE place = ?", (row["place"],))
        on_day = "first_day = ?" if day is not None else "first_day IS NULL"
        row["latest"] = db.query(latest.format(day=on_day), (row["place"], day) if day else (row["place"],))[0]
    placed = sum(int(r["events"]) for r in rows)
    return sorted(rows, key=lambda r: str(r["place"])), count_clusters(db) - placed


def event_page(db: Database, ident: str, limit: int, offset: int = 0) -> dict[str, Any]:
    """``cluster_row(detail=True)`` of one cluster (aliases resolved) with ``limit`` of its mentions from
    ``offset`` only; ``articles_mentions`` counts them all. ``NotFound`` if there is no such cluster."""
    from sitrep.errors import NotFound
    from sitrep.store.clusters_sql import resolve

    live = resolve(db, ident)
    rows = summary_rows(db, _ById(live)) if live else []
    if not rows:
        raise NotFound(ident, "no event with this id")
    row = rows[0]
    from sitrep.corpus.cluster_pages import page_order

    page = load_mentions(db, clusters=[str(live)], first=limit, offset=offset)
    mentions = sorted(page, key=lambda m: page_order(m.day, m.article_id, m.idx))
    kept = db.query("SELECT value_usd, area_km2, mentions FROM clusters WHERE id = ?", (live,))[0]
    row["value_usd"] = kept["value_usd"]
    row["area_km2"] = kept["area_km2"]
    row["mentions"] = [
        {"doc": m.doc, "published": m.published, "source": m.source, "sentence": m.sentence, "quote": m.quote}
        for m in mentions
    ]
    row["articles_mentions"] = int(kept["mentions"] or 0)
    return row


def count_tied(db: Database, ident: str) -> int:
    """How many figures are tied to the events of one cluster (kept with the cluster)."""
    return int(db.scalar("SELECT tied FROM clusters WHERE id = ?", (ident,)) or 0)


@dataclass(frozen=True)
class _ById:
    """A filter of one cluster id, for ``summary_rows``."""

    ident: str


def _order(db: Database, order: str = _ORDER) -> str:
    """Sides compared byte by byte, as Python compares them (PostgreSQL's locale collation would not)."""
    if db.dialect == "postgresql":  # NULL first when ascending, last when descending: as SQLite sorts
        return order.format(c=' COLLATE "C"', n=" NULLS FIRST", l=" NULLS LAST")
    return order.format(c="", n="", l="")


def month_counts(db: Database, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    """How many matching clusters of each type began in each month ("undated" for those with no day)."""
    if _type_only(flt):  # counted as clusters change
        kind = flt.type.upper() if flt and flt.type else None
        by_type = " AND type = ?" if kind else ""
        return db.query(f"SELECT month, type, n FROM cluster_months WHERE n > 0{by_type}", [kind] if kind else [])
    where, params = _where(flt)
    return db.query(
        f"SELECT COALESCE(SUBSTR(first_day, 1, 7), 'undated') AS month, type, COUNT(*) AS n FROM clusters{where}"
        " GROUP BY COALESCE(SUBSTR(first_day, 1, 7), 'undated'), type",
        params,
    )


def get_cluster(db: Database, ident: str) -> Cluster | None:
    """The cluster with this id, or the one it was merged into since; None if there is none."""
    from sitrep.store.clusters_sql import resolve

    live = resolve(db, ident)
    if live is None:
        return None
    found = cluster(load_mentions(db, clusters=[live]))
    return found[0] if found else None


def by_first_day(clusters: list[Cluster]) -> list[Cluster]:
    """Clusters in the order of ``corpus.clusters.cluster``: first day, type, sides."""
    return sorted(clusters, key=lambda c: (c.first_day or dt.date.min, c.type, c.actors))
