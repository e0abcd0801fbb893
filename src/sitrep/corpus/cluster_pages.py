"""One page of a cluster's rows (its mentions, its figures) in the order the event page shows them:
undated first, then by day, read from the days of that page only.

A big cluster holds thousands of mentions; sorting all of them for each page would cost as much as the
cluster is large. ``window`` finds the days the page spans by walking the cluster's day index (an
index-only count and offset), so the rows sorted are those of the page's days alone.
"""

from __future__ import annotations

from typing import Any

from sitrep.store.db import Database

#: The cluster's mentions; with figures, each figure of them (``q``) instead.
MENTIONS = "events e"
FIGURES = "events e JOIN quantities q ON q.article_id = e.article_id AND q.event_idx = e.idx"


def window(db: Database, rows: str, ident: str, offset: int, limit: int) -> tuple[str, list[Any], int]:
    """A clause on ``e.day`` keeping the page ``offset``..``offset + limit`` of the cluster's ``rows``
    ordered by ``COALESCE(e.day, '')`` first, its parameters, and the rows of those days to skip."""
    where = f"FROM {rows} WHERE e.cluster_id = ?"
    undated = 0  # a cluster is dated or not as a whole (the similarity rule): count only when it is not
    if db.scalar("SELECT 1 FROM events e WHERE e.cluster_id = ? AND e.day IS NULL LIMIT 1", (ident,)) is not None:
        undated = int(db.scalar(f"SELECT COUNT(*) {where} AND e.day IS NULL", (ident,)) or 0)
    last = offset + limit - 1 - undated  # the page's last row among the dated ones
    if last < 0:
        return " AND e.day IS NULL", [], offset
    nth = f"SELECT e.day {where} AND e.day IS NOT NULL ORDER BY e.day LIMIT 1 OFFSET ?"
    high = db.scalar(nth, (ident, last))
    upto, up_params = (" AND e.day <= ?", [high]) if high is not None else ("", [])
    if offset < undated:
        return (f" AND (e.day IS NULL OR e.day IS NOT NULL{upto})", up_params, offset)
    low = db.scalar(nth, (ident, offset - undated))
    if low is None:  # past the end
        return " AND 1 = 0", [], 0
    before = int(db.scalar(f"SELECT COUNT(*) {where} AND e.day < ?", (ident, low)) or 0)
    return f" AND e.day >= ?{upto}", [low, *up_params], offset - undated - before
