"""Cross-article queries over the store: events, claims, conflicts and the aid and strike trackers.

Each query returns rows (plain dicts) ready for a terminal table, CSV or JSON.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sitrep.corpus.clusters import Cluster, cluster, load_mentions, mention_index, source_of
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


def event_clusters(db: Database, flt: EventFilter | None = None) -> list[Cluster]:
    flt = flt or EventFilter()
    found = cluster(load_mentions(db, flt.type.upper() if flt.type else None))
    return [c for c in found if flt.matches(c)]


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
        row["mentions"] = [
            {"doc": m.doc, "published": m.published, "source": m.source, "sentence": m.sentence, "quote": m.quote}
            for m in c.mentions
        ]
    return row


def claims(db: Database, source: str | None = None) -> list[Row]:
    """Per source, how many claims in how many articles; with ``source``, each claim and its sentence."""
    if source is None:
        return db.query(
            "SELECT t.source, t.source_kind AS kind, COUNT(*) AS claims, COUNT(DISTINCT t.article_id) AS articles,"
            " MIN(a.published) AS first_seen, MAX(a.published) AS last_seen"
            " FROM attributions t JOIN articles a ON a.id = t.article_id"
            " GROUP BY t.source, t.source_kind ORDER BY COUNT(*) DESC, t.source"
        )
    return db.query(
        "SELECT t.source, t.source_kind AS kind, t.via, a.published, a.doc, t.sentence, s.text AS quote"
        " FROM attributions t JOIN articles a ON a.id = t.article_id"
        " JOIN sentences s ON s.article_id = t.article_id AND s.idx = t.sentence"
        " WHERE LOWER(t.source) LIKE ? ORDER BY a.published, a.doc, t.sentence",
        (f"%{source.lower()}%",),
    )


@dataclass(frozen=True)
class QuantityReport:
    """One quantity as one article reports it, placed in an event cluster (or a day)."""

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


def quantity_reports(db: Database, event: str | None = None) -> list[QuantityReport]:
    """Every stored quantity, tied to the cluster of its article's nearest event of the same type."""
    clusters = cluster(load_mentions(db))
    index = mention_index(clusters)
    events: dict[str, list[Row]] = defaultdict(list)
    for row in db.query("SELECT article_id, idx, type, sentence, day, actor1 FROM events"):
        events[row["article_id"]].append(row)
    sql = (
        "SELECT q.*, a.doc, a.published, s.text AS quote FROM quantities q JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN sentences s ON s.article_id = q.article_id AND s.idx = q.sentence"
    )
    rows = db.query(sql + " WHERE q.event = ?", (event,)) if event else db.query(sql)
    return [_report(row, events[row["article_id"]], index) for row in rows]


def _report(row: Row, events: list[Row], index: dict[tuple[str, int], Cluster]) -> QuantityReport:
    same = [e for e in events if e["type"] == row["event"]]
    if row["measure"] == "intercepted":  # the interceptor is the quantity's actor; the attack is the other side's
        same = [e for e in same if e["actor1"] != row["actor"]] or same
    near = min(same, key=lambda e: abs(int(e["sentence"]) - int(row["sentence"])), default=None)
    if near is not None:
        found = index.get((near["article_id"], int(near["idx"])))
        day, key = near["day"], found.id if found else f"{row['article_id'][:10]}-{near['idx']}"
    else:
        day, key = row["published"], f"{row['event']}@{row['published'] or row['article_id'][:10]}"
    return QuantityReport(
        event=row["event"],
        measure=row["measure"],
        category=row["category"],
        actor=row["actor"] or (near["actor1"] if near is not None else None),
        value=float(row["value"]),
        qualifier=row["qualifier"],
        text=row["text"],
        doc=row["doc"],
        sentence=int(row["sentence"]),
        quote=row["quote"] or row["text"],
        day=day,
        cluster=key,
        article_id=row["article_id"],
        event_actor=near["actor1"] if near is not None else None,
    )


def conflicts(db: Database) -> list[dict[str, Any]]:
    """The same quantity of the same event reported with different values by different articles."""
    groups: dict[tuple[str, str, str, str, str | None], list[QuantityReport]] = defaultdict(list)
    for r in quantity_reports(db):
        groups[(r.cluster, r.event, r.measure, r.category, r.actor)].append(r)
    out = []
    for (key, event, measure, category, actor), reports in groups.items():
        values = {r.value for r in reports}
        if len(values) < 2 or len({r.article_id for r in reports}) < 2:
            continue
        out.append(
            {
                "cluster": key,
                "day": min((r.day for r in reports if r.day), default=None),
                "event": event,
                "measure": measure,
                "category": category,
                "actor": actor,
                "values": sorted(values),
                "reports": [f"{_num(r.value)} ({r.qualifier}): {r.doc} §{r.sentence}" for r in reports],
                "quotes": [r.quote for r in reports],
            }
        )
    return sorted(out, key=lambda c: (c["day"] or "", c["event"], c["category"]))


def _num(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _max_per_cluster(
    reports: Iterable[QuantityReport],
) -> dict[tuple[str, str, str, str | None], tuple[float, set[str]]]:
    """Per (cluster, measure, category, actor): the largest value reported and the articles reporting it."""
    best: dict[tuple[str, str, str, str | None], tuple[float, set[str]]] = {}
    for r in reports:
        key = (r.cluster, r.measure, r.category, r.actor)
        value, docs = best.get(key, (0.0, set()))
        best[key] = (max(value, r.value), docs | {r.article_id})
    return best


def aid_tracker(db: Database) -> list[dict[str, Any]]:
    """Donor × category × phase per month: each event counted once (its largest reported figure)."""
    reports = quantity_reports(db, "AID")
    day_of = {r.cluster: r.day for r in reports}
    table: dict[tuple[str, str, str, str], list[Any]] = {}
    for (key, measure, category, actor), (value, docs) in _max_per_cluster(reports).items():
        month = (day_of.get(key) or "")[:7] or "unknown"
        cell = table.setdefault((month, actor or "?", category, measure), [0.0, 0, set()])
        cell[0] += value
        cell[1] += 1
        cell[2] |= docs
    for c in event_clusters(db, EventFilter(type="AID")):
        if c.value_usd:
            month = (_iso(c.first_day) or "")[:7] or "unknown"
            donor = c.actors[0] if c.actors else "?"
            cell = table.setdefault((month, donor, "usd", c.phase or "announced"), [0.0, 0, set()])
            cell[0] += c.value_usd
            cell[1] += 1
            cell[2] |= {m.article_id for m in c.mentions}
    return [
        {
            "month": k[0],
            "donor": k[1],
            "category": k[2],
            "phase": k[3],
            "total": v[0],
            "events": v[1],
            "articles": len(v[2]),
        }
        for k, v in sorted(table.items())
    ]


def strikes_tracker(db: Database) -> list[dict[str, Any]]:
    """Per day, attacker and category: the most launched and intercepted any report gives."""
    table: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in quantity_reports(db, "ATTACK"):
        if r.measure not in ("launched", "intercepted"):
            continue
        attacker = r.event_actor if r.measure == "intercepted" else r.actor
        key = (r.day or "unknown", attacker or r.actor or "?", r.category)
        cell = table.setdefault(key, {"launched": None, "intercepted": None, "docs": set()})
        cell[r.measure] = max(cell[r.measure] or 0.0, r.value)
        cell["docs"].add(r.article_id)
    return [
        {
            "day": k[0],
            "attacker": k[1],
            "category": k[2],
            "launched": v["launched"],
            "intercepted": v["intercepted"],
            "articles": len(v["docs"]),
        }
        for k, v in sorted(table.items())
    ]


__all__ = [
    "EventFilter",
    "aid_tracker",
    "claims",
    "cluster_row",
    "conflicts",
    "event_clusters",
    "quantity_reports",
    "source_of",
    "strikes_tracker",
]
