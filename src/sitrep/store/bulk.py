"""Facts loaded in bulk (a synthetic store, an import): rows copied in fast, then every mention that has
no cluster yet clustered in one pass per group and the page tables filled set-wise.

``cluster_new`` gives the clusters of ``sitrep recluster`` (the similarity rule over each group's mentions
in day, document, index order) without replaying the store row by row; it is for mentions of a store
that has no clusters yet (a cluster's id is new, as ``clusters_sql`` would give it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# Submodules by their full name: `from sitrep.store import x` would run the package's __init__ (the writer) first.
import sitrep.store.counts as counts  # noqa: PLR0402
import sitrep.store.page_tables as page_tables  # noqa: PLR0402
from sitrep.corpus.clusters import WINDOW_DAYS, joins
from sitrep.store.db import Database

log = logging.getLogger(__name__)


def insert_rows(db: Database, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert many rows: COPY on PostgreSQL, one prepared statement on SQLite."""
    if not rows:
        return
    if db.dialect == "postgresql":
        with db._conn.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)


@dataclass
class _Open:
    first: tuple[dt.date, str, int]
    article_id: str
    idx: int
    last: dt.date | None = None
    place: str | None = None
    place_day: dt.date | None = None
    members: list[tuple[str, int]] = field(default_factory=list)


def _cluster_group(mentions: list[dict[str, Any]]) -> list[_Open]:
    """One group's mentions (all dated or all undated) in the similarity rule's order, into clusters."""
    made: list[_Open] = []
    live: list[_Open] = []  # those a later mention may still join (within the window of their latest day)
    for m in sorted(mentions, key=lambda r: r["pos"]):
        day = m["pos"][0] if m["day"] else None
        if day is not None:
            live = [c for c in live if c.last is None or (day - c.last).days <= WINDOW_DAYS]
        home = next(
            (c for c in reversed(live) if joins(c.last, c.place, day, m["place"], first=c.first[0] if day else None)),
            None,
        )
        if home is None:
            home = _Open(m["pos"], m["article_id"], int(m["idx"]))
            made.append(home)
            live.append(home)
        home.last = day
        if not home.place and m["place"]:
            home.place, home.place_day = m["place"], day
        home.members.append((m["article_id"], int(m["idx"])))
    return made


def _ident(key: str, c: _Open, taken: set[str]) -> str:
    for salt in range(1000):
        ident = hashlib.sha256(f"{key}|{c.article_id}|{c.idx}|{salt}".encode()).hexdigest()[:12]
        if ident not in taken:
            taken.add(ident)
            return ident
    raise RuntimeError(f"no free cluster id for {key}")  # pragma: no cover - 1000 collisions of a 48-bit hash


def _row(key: str, ident: str, c: _Open) -> tuple[Any, ...]:
    from sitrep.store.clusters_sql import _giver

    kind, phase, sides = key.split("|")[:3]
    actors = sides.split(",") if sides else []
    first = c.first[0] if c.last else None
    return (
        ident,
        key,
        kind,
        phase or None,
        json.dumps(actors),
        sides,
        _giver(actors),
        first.isoformat() if first else None,
        c.last.isoformat() if c.last else None,
        c.place,
        c.place_day.isoformat() if c.place_day else None,
        c.first[1],
        c.first[2],
        len(c.members),
    )


_CLUSTER_COLUMNS = [
    "id",
    "group_key",
    "type",
    "phase",
    "actors",
    "sides",
    "giver",
    "first_day",
    "last_day",
    "place",
    "place_day",
    "first_doc",
    "first_idx",
    "mentions",
]


def cluster_new(db: Database) -> int:
    """Cluster every mention with no cluster (in a store with none yet) and fill the page tables, in one
    transaction; the number of clusters made."""
    from sitrep.store.clusters_sql import _fill_groups

    with db.transaction():
        _fill_groups(db)
        rows = db.query(
            "SELECT e.article_id, e.idx, e.day, e.place, e.group_key, a.doc FROM events e"
            " JOIN articles a ON a.id = e.article_id WHERE e.cluster_id IS NULL"
        )
        groups: dict[tuple[str, bool], list[dict[str, Any]]] = {}
        for r in rows:
            r["pos"] = (dt.date.fromisoformat(r["day"]) if r["day"] else dt.date.min, r["doc"], int(r["idx"]))
            groups.setdefault((r["group_key"], r["day"] is not None), []).append(r)
        del rows
        taken = {str(r["id"]) for r in db.query("SELECT id FROM clusters UNION SELECT alias FROM cluster_aliases")}
        clusters, assigned = [], []
        for (key, _dated), mentions in sorted(groups.items()):
            for c in _cluster_group(mentions):
                ident = _ident(key, c, taken)
                clusters.append(_row(key, ident, c))
                assigned += [(article_id, idx, ident) for article_id, idx in c.members]
        insert_rows(db, "clusters", _CLUSTER_COLUMNS, clusters)
        _assign(db, assigned)
        page_tables.fill(db)
        log.info("clustered %d mentions into %d clusters", len(assigned), len(clusters))
        return len(clusters)


def _assign(db: Database, assigned: list[tuple[str, int, str]]) -> None:
    db.execute("CREATE TEMP TABLE bulk_assign (article_id TEXT, idx INTEGER, cluster_id TEXT)")
    insert_rows(db, "bulk_assign", ("article_id", "idx", "cluster_id"), assigned)
    db.execute("CREATE INDEX bulk_assign_key ON bulk_assign (article_id, idx)")
    db.execute(
        "UPDATE events SET cluster_id = t.cluster_id FROM bulk_assign t"
        " WHERE events.article_id = t.article_id AND events.idx = t.idx"
    )
    db.execute("DROP TABLE bulk_assign")


def without_counts(db: Database) -> None:
    """Drop the triggers that count rows (a bulk load); ``cluster_new`` counts and makes them again."""
    on = " ON clusters" if db.dialect == "postgresql" else ""
    for name in ("clusters_pages", "clusters_pages_insert", "clusters_pages_delete", "clusters_pages_update"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}{on}")
    for table in counts.COUNTED:
        for op in ("insert", "delete"):
            on = f" ON {table}" if db.dialect == "postgresql" else ""
            db.execute(f"DROP TRIGGER IF EXISTS {table}_count_{op}{on}")
