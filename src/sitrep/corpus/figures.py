"""Figures across articles: each quantity as its article reports it, and the conflicts among them.

Kept apart from ``sitrep.corpus.queries`` so that the store's kept conflicts (``sitrep.store.conflicts_sql``)
can use what a conflict is without importing the query layer that reads them back.
"""

from __future__ import annotations

import heapq
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sitrep.eventtypes import EventType
from sitrep.store.db import Database, Row


@dataclass(frozen=True)
class QuantityReport:
    """One quantity as one article reports it, placed in an event cluster (or a day).

    ``event_actors`` and ``event_date`` are those of the article's event the quantity is tied to
    (empty and None when the article has none, and ``cluster`` is then the type and day only);
    ``period`` is true when the figure covers a span of time rather than one event (see ``covers_period``).
    """

    event: str
    measure: str
    category: str
    actor: str | None
    value: float
    qualifier: str
    text: str
    doc: str
    sentence: int
    quote: str
    day: str | None
    cluster: str
    article_id: str
    event_actor: str | None = None
    event_actors: tuple[str, ...] = ()
    event_date: str | None = None
    period: bool = False

    @property
    def placed(self) -> bool:
        """Whether the quantity is tied to an event of its article (not only to a publication day)."""
        return bool(self.event_actors) or self.event_actor is not None

    @property
    def side(self) -> str | None:
        """The side that gives, attacks or loses: the quantity's own, unless that is the receiving or
        targeted side of its event ("113 cruise missiles" tagged UKR in an attack on Ukraine), then the
        event's first side."""
        first, others = (self.event_actors[0], self.event_actors[1:]) if self.event_actors else (None, ())
        if self.actor in others and first is not None and self.event != EventType.LOSS:
            return first
        return self.actor


_QUANTITIES = (
    "SELECT q.*, a.doc, a.published, s.text AS quote, e.day AS e_day, e.date AS e_date, e.actors AS e_actors,"
    " e.actor1 AS e_actor1, e.cluster_id AS e_cluster FROM quantities q"
    " JOIN articles a ON a.id = q.article_id"
    " LEFT JOIN sentences s ON s.article_id = q.article_id AND s.idx = q.sentence"
    " LEFT JOIN events e ON e.article_id = q.article_id AND e.idx = q.event_idx"
)


def quantity_reports(
    db: Database,
    event: str | None = None,
    cluster: str | None = None,
    only: list[tuple[str, int]] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[QuantityReport]:
    """Stored quantities (of one event type; tied to one stored ``cluster``; ``only`` those given by article id
    and index; ``limit`` of them from ``offset``), each tied to the stored cluster of its event (``corpus.ties``)."""
    clauses, params = ["1 = 1"], []
    if event:
        clauses.append("q.event = ?")
        params.append(event)
    if only is None and cluster and limit is not None and not event:  # one page, in the event page's order
        from sitrep.corpus.cluster_pages import ORDER, figure_keys

        page, more = figure_keys(cluster, offset, limit)
        rows = db.query(
            _QUANTITIES
            + " WHERE "
            + " AND ".join([*clauses, f"(q.article_id, q.idx) IN ({page})"])
            + f" ORDER BY {ORDER}, q.idx",
            [*params, *more],
        )
        return [_report(row) for row in rows]
    if cluster:
        clauses.append("e.cluster_id = ?")
        params.append(cluster)
    if only is None:
        page = f" ORDER BY e.day, a.doc, q.idx LIMIT {int(limit)}" if limit is not None else ""
        return [_report(row) for row in db.query(_QUANTITIES + " WHERE " + " AND ".join(clauses) + page, params)]
    rows = []
    for start in range(0, len(only), 400):
        part = only[start : start + 400]
        pairs = " OR ".join(["(q.article_id = ? AND q.idx = ?)"] * len(part))
        rows += db.query(_QUANTITIES + f" WHERE ({pairs})", [v for pair in part for v in pair])
    return [_report(row) for row in rows]


def _report(row: Row) -> QuantityReport:
    near = row["event_idx"] is not None
    if near:
        day, key = row["e_day"], row["e_cluster"] or f"{row['article_id'][:10]}-{row['event_idx']}"
    else:
        day, key = row["published"], f"{row['event']}@{row['published'] or row['article_id'][:10]}"
    return QuantityReport(
        event=row["event"],
        measure=row["measure"],
        category=row["category"],
        actor=row["actor"] or (row["e_actor1"] if near else None),
        value=float(row["value"]),
        qualifier=row["qualifier"],
        text=row["text"],
        doc=row["doc"],
        sentence=int(row["sentence"]),
        quote=row["quote"] or row["text"],
        day=day,
        cluster=key,
        article_id=row["article_id"],
        event_actor=row["e_actor1"] if near else None,
        event_actors=tuple(json.loads(row["e_actors"])) if near else (),
        event_date=row["e_date"] if near else None,
        period=bool(row["period"]),
    )


#: Reports of one count whose values differ by this factor or more count different things ("9 killed"
#: in one strike and "298 killed" since the war began), not one thing disputed.
MAGNITUDE = 10.0
#: How far either way an "about" figure reaches: "about 1,000" agrees with 950 and with 1,050.
APPROX = 0.1


def find_conflicts(
    db: Database, cluster: str | None = None, kinds: list[tuple[str, str, str]] | None = None
) -> list[dict[str, Any]]:
    """The same quantity of the same event reported with values that cannot all be true.

    Only figures tied to an event of their article are compared, never totals over a span of time;
    within a group, values an order of magnitude apart (``MAGNITUDE``) count different things and are
    not compared, and two reports conflict only when their ranges are disjoint ("more than 20" agrees
    with 25, "about 100" with 97). ``kinds``: only figures of these (event, measure, category).
    """
    groups: dict[tuple[str, str, str, str, str | None], list[QuantityReport]] = defaultdict(list)
    from sitrep.corpus.trackers_sql import conflict_candidates

    for r in quantity_reports(db, only=conflict_candidates(db, cluster, kinds)):
        if r.placed and not r.period:
            groups[(r.cluster, r.event, r.measure, r.category, r.side)].append(r)
    out = []
    for (key, event, measure, category, actor), reports in groups.items():
        for band in _bands(reports):
            if _disagree(band):
                out.append(
                    {
                        "cluster": key,
                        "day": min((r.day for r in band if r.day), default=None),
                        "event": event,
                        "measure": measure,
                        "category": category,
                        "actor": actor,
                        "values": sorted({r.value for r in band}),
                        "reports": [f"{_num(r.value)} ({r.qualifier}): {r.doc} §{r.sentence}" for r in band],
                        "quotes": [r.quote for r in band],
                    }
                )
    return sorted(out, key=conflict_order)


def conflict_order(c: dict[str, Any]) -> tuple[Any, ...]:
    """Conflicts by day, event and category, then measure, side, values and reports: a total order, so a
    cluster's conflicts kept a kind at a time are numbered as when all are found at once."""
    return (c["day"] or "", c["event"], c["category"], c["measure"], c["actor"] or "", c["values"], c["reports"])


def _bands(reports: list[QuantityReport]) -> list[list[QuantityReport]]:
    """Reports split, by value, into runs within ``MAGNITUDE`` of the run's smallest value; in each run by
    value, then document and sentence, whatever order the store read them in."""
    bands: list[list[QuantityReport]] = []
    for r in sorted(reports, key=lambda r: (r.value, r.doc, r.sentence, r.article_id, r.text)):  # a total order
        if bands and r.value < bands[-1][0].value * MAGNITUDE:
            bands[-1].append(r)
        else:
            bands.append([r])
    return bands


def _range(r: QuantityReport) -> tuple[float, float]:
    """The values a report allows: "about 100" 90-110, "more than 20" 20 and up, "up to 5" 0-5."""
    if r.qualifier == "approx":
        return r.value * (1 - APPROX), r.value * (1 + APPROX)
    if r.qualifier in ("at_least", "more_than"):
        return r.value, float("inf")
    if r.qualifier == "up_to":
        return 0.0, r.value
    return r.value, r.value


def _disagree(reports: list[QuantityReport]) -> bool:
    """Whether two reports of different articles give ranges with no value in common.

    Such a pair exists exactly when one article's lowest high end lies below another's highest low end, and
    then it does for one of the two articles of lowest high ends and one of the two of highest low ends:
    linear in the reports (a big cluster's band holds thousands)."""
    lows: dict[str, float] = {}
    highs: dict[str, float] = {}
    for r in reports:
        low, high = _range(r)
        lows[r.article_id] = max(low, lows.get(r.article_id, low))
        highs[r.article_id] = min(high, highs.get(r.article_id, high))
    top = heapq.nlargest(2, lows.items(), key=lambda kv: kv[1])
    bottom = heapq.nsmallest(2, highs.items(), key=lambda kv: kv[1])
    return any(a != b and high < low for a, high in bottom for b, low in top)


def _num(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
