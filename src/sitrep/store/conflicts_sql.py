"""The conflicts of each cluster, kept in ``cluster_conflicts``: written again (in the transaction of the
change) when the cluster's figures change, read a page at a time.

What a conflict is stays ``sitrep.corpus.figures.find_conflicts``'; this module only keeps its rows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sitrep.store.db import Database, Row

_COLUMNS = "cluster_id, n, day, event, measure, category, actor, vals, reports, quotes"
_ORDER = "day, event, category, cluster_id, n"
_LATEST = "day DESC, event DESC, category DESC, cluster_id DESC, n DESC"  # the listing index backwards


def refresh(db: Database, ident: str, article_id: str | None = None) -> None:
    """Write the conflicts of one cluster again from its figures; with ``article_id`` (an article whose
    mentions joined the cluster, no stored one moving) only those of the kinds of figure (event, measure,
    category) the article gives there: no other figure can conflict differently, so a big cluster's other
    figures are not read."""
    from sitrep.corpus.figures import conflict_order, find_conflicts

    if article_id is None:
        db.execute("DELETE FROM cluster_conflicts WHERE cluster_id = ?", (ident,))
        _write(db, find_conflicts(db, cluster=ident))
        return
    kinds = {(r["event"], r["measure"], r["category"]) for r in db.query(_KINDS, (article_id, ident))}
    if not kinds:
        return
    kept = [c for c in conflicts(db, cluster=ident) if (c["event"], c["measure"], c["category"]) not in kinds]
    found = find_conflicts(db, cluster=ident, kinds=sorted(kinds))
    db.execute("DELETE FROM cluster_conflicts WHERE cluster_id = ?", (ident,))
    _write(db, sorted(kept + found, key=conflict_order))


#: The kinds of figure an article gives in a cluster that may conflict (tied to its event there, no total).
_KINDS = (
    "SELECT DISTINCT q.event, q.measure, q.category FROM quantities q JOIN events e ON e.article_id = q.article_id"
    " AND e.idx = q.event_idx WHERE q.article_id = ? AND q.period = 0 AND e.cluster_id = ?"
)


def rebuild(db: Database) -> None:
    """Write the conflicts of every cluster (an upgrade, a bulk load, ``recluster``)."""
    from sitrep.corpus.figures import find_conflicts

    db.execute("DELETE FROM cluster_conflicts")
    _write(db, find_conflicts(db))


def _write(db: Database, found: list[dict[str, Any]]) -> None:
    numbered: dict[str, int] = defaultdict(int)
    rows = []
    for c in found:
        n = numbered[c["cluster"]] = numbered[c["cluster"]] + 1
        rows.append(
            (
                c["cluster"],
                n,
                c["day"] or "",
                c["event"],
                c["measure"],
                c["category"],
                c["actor"],
                json.dumps(c["values"]),
                json.dumps(c["reports"]),
                json.dumps(c["quotes"]),
            )
        )
    db.executemany(f"INSERT INTO cluster_conflicts ({_COLUMNS}) VALUES ({', '.join('?' * 10)})", rows)


def conflicts(
    db: Database, cluster: str | None = None, limit: int | None = None, offset: int = 0, latest: bool = False
) -> list[Row]:
    """The stored conflicts (of one cluster), by day, event and category (``latest``: latest day first, the
    order backwards); one page when ``limit`` is given."""
    sql, params = _conflicts_sql(cluster, latest)
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    return [_conflict(r) for r in db.query(sql + page, [*params, limit, offset] if limit is not None else params)]


def stream(db: Database, latest: bool = False) -> Iterator[Row]:
    """Every stored conflict, read as they are written out."""
    sql, params = _conflicts_sql(None, latest)
    return (_conflict(r) for r in db.stream(sql, params))


def _conflicts_sql(cluster: str | None, latest: bool) -> tuple[str, list[Any]]:
    where, params = (" WHERE cluster_id = ?", [cluster]) if cluster is not None else ("", [])
    order = _LATEST if latest else _ORDER
    return f"SELECT {_COLUMNS} FROM cluster_conflicts{where} ORDER BY {order}", params


def _conflict(r: Row) -> Row:
    return {
        "cluster": r["cluster_id"],
        "day": r["day"] or None,
        "event": r["event"],
        "measure": r["measure"],
        "category": r["category"],
        "actor": r["actor"],
        "values": json.loads(r["vals"]),
        "reports": json.loads(r["reports"]),
        "quotes": json.loads(r["quotes"]),
    }


def count(db: Database) -> int:
    return int(db.scalar("SELECT COUNT(*) FROM cluster_conflicts") or 0)
