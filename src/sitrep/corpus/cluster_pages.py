"""One page of a cluster's rows (its mentions, its figures) in the order the event page shows them:
by day (a cluster is dated or undated as a whole), then by article id and index.

A big cluster holds thousands of mentions; sorting all of them for each page would cost as much as the
cluster is large. The index of a cluster's mentions (``events_cluster_day``: cluster, day, article, index)
holds them in this order, so a page reads the keys it skips from the index alone and the rows of the page
only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

#: The order of the page: the listing index's, a key for the mentions of the page and for their figures.
ORDER = "e.day, e.article_id, e.idx"


def mention_keys(ident: str, offset: int, limit: int) -> tuple[str, list[Any]]:
    """A subquery of the (article id, index) of the page ``offset``..``offset + limit`` of the cluster's
    mentions, and its parameters."""
    sql = f"SELECT e.article_id, e.idx FROM events e WHERE e.cluster_id = ? ORDER BY {ORDER} LIMIT ? OFFSET ?"
    return sql, [ident, limit, offset]


def figure_keys(ident: str, offset: int, limit: int) -> tuple[str, list[Any]]:
    """The same for the figures tied to the cluster's mentions (each mention's in their own order)."""
    sql = (
        "SELECT q.article_id, q.idx FROM events e JOIN quantities q ON q.article_id = e.article_id"
        f" AND q.event_idx = e.idx WHERE e.cluster_id = ? ORDER BY {ORDER}, q.idx LIMIT ? OFFSET ?"
    )
    return sql, [ident, limit, offset]


def page_order(day: dt.date | str | None, article_id: str, idx: int) -> tuple[str, str, int]:
    """The page's order as a sort key (undated first: a cluster never mixes them)."""
    return (str(day) if day else "", article_id, idx)
