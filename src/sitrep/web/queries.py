"""Read-only store queries the corpus package does not offer: article listing and detail, counts.

Everything cross-article (event clusters, claims, trackers, conflicts) comes from
``sitrep.corpus.queries``; this module only reads single tables.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sitrep.corpus.clusters import Cluster
from sitrep.errors import NotFound
from sitrep.store.db import Database, Row

ARTICLE_COLUMNS = "id, doc, title, url, outlet, author, published, published_inferred, fmt, n_sentences, ingested_at"
_CHILDREN = {
    "sentences": 'idx AS "index", start_char AS "start", end_char AS "end", text',
    "quantities": 'idx AS "index", event, measure, category, value, qualifier, actor, text,'
    ' start_char AS "start", end_char AS "end", sentence',
    "events": 'idx AS "index", type, phase, actors, persons, place, date, day, items, value_usd, sentence, anchor',
    "attributions": 'idx AS "index", source, source_kind, via, cue, sentence',
    "signals": 'idx AS "index", signal, text, note, start_char AS "start", end_char AS "end", sentence',
}


@dataclass(frozen=True)
class ArticleFilter:
    """``GET /articles`` filters: text in the title or name, outlet, publication days."""

    q: str | None = None
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if self.q:
            clauses.append("(LOWER(COALESCE(title, '')) LIKE ? OR LOWER(doc) LIKE ?)")
            params += [f"%{self.q.lower()}%"] * 2
        if self.outlet:
            clauses.append("LOWER(COALESCE(outlet, '')) LIKE ?")
            params.append(f"%{self.outlet.lower()}%")
        if self.since:
            clauses.append("published >= ?")
            params.append(self.since.isoformat())
        if self.until:
            clauses.append("published <= ?")
            params.append(self.until.isoformat())
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def articles(db: Database, flt: ArticleFilter, limit: int, offset: int) -> tuple[int, list[Row]]:
    """(total matching, one page of articles), newest first."""
    where, params = flt.where()
    if where:
        total = int(db.scalar(f"SELECT COUNT(*) FROM articles{where}", params) or 0)
    else:  # counted as articles are stored
        from sitrep.store.counts import counts as kept

        total = kept(db)["articles"]
    key = "rowid" if db.dialect == "sqlite" else "id"  # what the listing index holds of each row
    rows = db.query(  # the page's keys first: the rows skipped are read from the listing index only
        f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE {key} IN (SELECT {key} FROM articles{where}"
        " ORDER BY published DESC, doc LIMIT ? OFFSET ?) ORDER BY published DESC, doc",
        [*params, limit, offset],
    )
    return total, [_article(r) for r in rows]


def _article(row: Row) -> Row:
    return {**row, "published_inferred": bool(row["published_inferred"])}


def article(db: Database, ident: str, with_text: bool = True) -> Row:
    """One stored article with its text, sentences and facts; ``NotFound`` if there is none."""
    rows = db.query(f"SELECT {ARTICLE_COLUMNS}, text FROM articles WHERE id = ?", (ident,))
    if not rows:
        raise NotFound(ident, "no article with this id")
    found = _article(rows[0])
    if not with_text:
        found.pop("text")
    for table, columns in _CHILDREN.items():
        found[table] = [
            _decoded(r) for r in db.query(f"SELECT {columns} FROM {table} WHERE article_id = ? ORDER BY idx", (ident,))
        ]
    return found


def _decoded(row: Row) -> Row:
    return {
        k: json.loads(v) if k in ("actors", "persons", "items") and isinstance(v, str) else v for k, v in row.items()
    }


def counts(db: Database) -> dict[str, int]:
    """How many articles, stored facts of each kind, rejects and near-duplicates (kept as rows change)."""
    from sitrep.store.counts import counts as kept

    found = kept(db)
    tables = ("articles", "events", "quantities", "attributions", "signals", "rejects", "duplicates")
    return {t: found[t] for t in tables}


def find_cluster(db: Database, ident: str) -> Cluster:
    """The event cluster with this id (or merged into it since: old links keep working); ``NotFound`` if none."""
    from sitrep.corpus.cluster_queries import get_cluster

    found = get_cluster(db, ident)
    if found is None:
        raise NotFound(ident, "no event with this id")
    return found
