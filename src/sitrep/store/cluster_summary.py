"""What event lists and pages show of a cluster, kept in its row so that no page loads its mentions.

The same as ``corpus.queries.cluster_row`` works out from the mentions: the earliest published
report and its phase, how many articles, the sources, and the independent ones (not counting a
near-duplicate copy of an article in the same cluster); and the largest sum, counted aid sum and
area, and how many figures are tied to it. ``summarize`` writes them from all the mentions;
``extend`` adds a new article's mentions to them without reading the others.
"""

from __future__ import annotations

import json
from typing import Any

# Submodules by their full name: `from sitrep.store import x` would run the package's __init__ (the writer) first.
import sitrep.store.aid_sql as aid_sql  # noqa: PLR0402
from sitrep.eventtypes import EventType
from sitrep.store.db import Database, Row

_FIRST = (
    "SELECT a.doc, a.published, e.idx, e.phase FROM events e JOIN articles a ON a.id = e.article_id"
    " WHERE e.cluster_id = ? ORDER BY COALESCE(a.published, '9999'){c}, a.doc{c}, e.idx LIMIT 1"
)
_SOURCES = "SELECT DISTINCT a.source FROM events e JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = ?"
_COUNTED = (
    "SELECT DISTINCT a.source FROM events e JOIN articles a ON a.id = e.article_id"
    " LEFT JOIN duplicates d ON d.article_id = e.article_id WHERE e.cluster_id = ?"
    " AND (d.duplicate_of IS NULL OR d.duplicate_of NOT IN (SELECT article_id FROM events WHERE cluster_id = ?))"
)
_LARGEST = (
    "SELECT MAX(CASE WHEN value_usd > 0 THEN value_usd END) AS value_usd,"
    f" MAX(CASE WHEN type = '{EventType.AID}' AND usd_counted > 0 THEN usd_counted END) AS usd,"
    " MAX(CASE WHEN area_km2 > 0 THEN area_km2 END) AS area_km2 FROM events WHERE cluster_id = ?"
)
_TIED = "SELECT COUNT(*) FROM quantities q JOIN events e ON e.article_id = q.article_id AND e.idx = q.event_idx"
_ROW = "SELECT * FROM clusters WHERE id = ?"


def _names(rows: list[Row]) -> list[str]:
    return sorted(str(r["source"]) for r in rows if r["source"] is not None)


def summarize(db: Database, ident: str, before: Row | None = None, money: bool = True) -> None:
    """Write the list columns of one cluster from all its mentions (``before``: its row before the change,
    whose aid sum cell is written again with the new one's; none with ``money`` false)."""
    collate = ' COLLATE "C"' if db.dialect == "postgresql" else ""
    first = db.query(_FIRST.format(c=collate), (ident,))
    counted = _names(db.query(_COUNTED, (ident, ident)))
    largest = db.query(_LARGEST, (ident,))[0]
    db.execute(
        "UPDATE clusters SET first_report = ?, first_phase = ?, first_published = ?, first_report_idx = ?,"
        " articles = ?, independent = ?, sources = ?, counted = ?, value_usd = ?, usd = ?, area_km2 = ?, tied = ?"
        " WHERE id = ?",
        (
            first[0]["doc"] if first else None,
            first[0]["phase"] if first else None,
            first[0]["published"] if first else None,
            int(first[0]["idx"]) if first else None,
            int(db.scalar("SELECT COUNT(DISTINCT article_id) FROM events WHERE cluster_id = ?", (ident,)) or 0),
            len(counted),
            json.dumps(_names(db.query(_SOURCES, (ident,)))),
            json.dumps(counted),
            largest["value_usd"],
            largest["usd"],
            largest["area_km2"],
            int(db.scalar(_TIED + " WHERE e.cluster_id = ?", (ident,)) or 0),
            ident,
        ),
    )
    if money:
        cells = {aid_sql.money_cell(before), aid_sql.money_cell(row_of(db, ident))}
        aid_sql.money_refresh(db, [c for c in cells if c is not None])


def row_of(db: Database, ident: str) -> Row | None:
    found = db.query(_ROW, (ident,))
    return found[0] if found else None


def extend(db: Database, ident: str, article_id: str, before: Row) -> None:
    """Add a newly stored article's mentions to the list columns of a cluster they joined (no other
    mention of the cluster moved; ``before``: its row before the change): read the article's rows only
    (by its key: a cluster's index would read the whole cluster)."""
    article = db.query("SELECT doc, published, source FROM articles WHERE id = ?", (article_id,))[0]
    mine = [r for r in db.query(_MINE, (article_id,)) if r["cluster_id"] == ident]
    changes: dict[str, Any] = {"articles": int(before["articles"]) + 1}
    stored = (before["first_published"] or "9999", before["first_report"] or "", before["first_report_idx"] or 0)
    if before["first_report"] is None or (article["published"] or "9999", article["doc"], mine[0]["idx"]) < stored:
        changes |= {
            "first_report": article["doc"],
            "first_phase": mine[0]["phase"],
            "first_published": article["published"],
            "first_report_idx": int(mine[0]["idx"]),
        }
    if article["source"] is not None:
        changes |= _sources(db, ident, article_id, str(article["source"]), before)
    for name, column in (("value_usd", "value_usd"), ("usd", "usd_counted"), ("area_km2", "area_km2")):
        aid_only = name == "usd"  # the counted sum of aid events only
        values = [float(r[column]) for r in mine if r[column] and (not aid_only or r["type"] == EventType.AID)]
        values = [v for v in values if v > 0] + ([float(before[name])] if before[name] is not None else [])
        changes[name] = max(values) if values else None
    idxs = {int(r["idx"]) for r in mine}
    figures = db.query("SELECT event_idx FROM quantities WHERE article_id = ?", (article_id,))
    changes["tied"] = int(before["tied"]) + sum(1 for q in figures if q["event_idx"] in idxs)
    names = sorted(changes)
    db.execute(
        f"UPDATE clusters SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?", [*map(changes.get, names), ident]
    )
    _money(db, before, {**before, **changes}, article_id)


_MINE = (
    "SELECT idx, phase, type, cluster_id, value_usd, usd_counted, area_km2 FROM events WHERE article_id = ?"
    " ORDER BY idx"
)


def _sources(db: Database, ident: str, article_id: str, source: str, before: Row) -> dict[str, Any]:
    """The sources and the independent ones with a new article's source (not independent when the article
    is a copy of one in the cluster)."""
    sources, counted = set(json.loads(before["sources"])), set(json.loads(before["counted"]))
    sources.add(source)
    copy_of = db.scalar("SELECT duplicate_of FROM duplicates WHERE article_id = ?", (article_id,))
    homes = db.query("SELECT cluster_id FROM events WHERE article_id = ?", (copy_of,)) if copy_of else []
    if not any(r["cluster_id"] == ident for r in homes):
        counted.add(source)
    return {"sources": json.dumps(sorted(sources)), "counted": json.dumps(sorted(counted)), "independent": len(counted)}


def _money(db: Database, before: Row, after: Row, article_id: str) -> None:
    old, new = aid_sql.money_cell(before), aid_sql.money_cell(after)
    if old == new and new is not None:
        aid_sql.money_refresh(db, [new], {new: {article_id}})
    elif old != new:
        aid_sql.money_refresh(db, [c for c in (old, new) if c is not None])


def summarize_article(db: Database, article_id: str) -> None:
    """A stored article just linked as a near-duplicate copy of another: in each cluster both are in, its
    source no longer counts as independent unless another article of that source in the cluster does
    (read by the cluster's mentions: a cluster spans two weeks at most, a source's articles are without end)."""
    copy_of = db.scalar("SELECT duplicate_of FROM duplicates WHERE article_id = ?", (article_id,))
    source = db.scalar("SELECT source FROM articles WHERE id = ?", (article_id,))
    if copy_of is None or source is None:
        return
    both = _clusters_of(db, str(article_id)) & _clusters_of(db, str(copy_of))
    for ident in sorted(both):
        row = row_of(db, ident)
        counted = set(json.loads(row["counted"])) if row else set()
        if source not in counted or db.scalar(_STILL, (ident, source, article_id, ident)) is not None:
            continue
        counted.discard(source)
        db.execute(
            "UPDATE clusters SET counted = ?, independent = ? WHERE id = ?",
            (json.dumps(sorted(counted)), len(counted), ident),
        )


def _clusters_of(db: Database, article_id: str) -> set[str]:
    rows = db.query("SELECT cluster_id FROM events WHERE article_id = ?", (article_id,))
    return {str(r["cluster_id"]) for r in rows if r["cluster_id"]}


#: Another article of the source in the cluster that is no copy of one in it, read by the cluster's mentions and
#: each one's article by its key (CROSS JOIN keeps SQLite's order; COALESCE reads the copy's events by its key).
_STILL = (
    "SELECT 1 FROM events e CROSS JOIN articles a LEFT JOIN duplicates d ON d.article_id = a.id"
    " WHERE e.cluster_id = ? AND a.id = e.article_id AND a.source = ? AND a.id <> ?"
    " AND (d.duplicate_of IS NULL OR NOT EXISTS (SELECT 1 FROM events x WHERE x.article_id = d.duplicate_of"
    " AND COALESCE(x.cluster_id, '') = ?)) LIMIT 1"
)
