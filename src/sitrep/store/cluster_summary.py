"""What event lists show of a cluster, kept in its row so a list never loads mentions.

The same as ``corpus.queries.cluster_row`` works out from the mentions: the earliest published
report and its phase, how many articles, the sources, and the independent ones (not counting
a near-duplicate copy of an article in the same cluster).
"""

from __future__ import annotations

import json

from sitrep.store.db import Database

_FIRST = (
    "SELECT a.doc, e.phase FROM events e JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = ?"
    " ORDER BY COALESCE(a.published, '9999'){c}, a.doc{c}, e.idx LIMIT 1"
)
_SOURCES = "SELECT DISTINCT a.source FROM events e JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = ?"
_INDEPENDENT = (
    "SELECT COUNT(DISTINCT a.source) FROM events e JOIN articles a ON a.id = e.article_id"
    " LEFT JOIN duplicates d ON d.article_id = e.article_id WHERE e.cluster_id = ?"
    " AND (d.duplicate_of IS NULL OR d.duplicate_of NOT IN (SELECT article_id FROM events WHERE cluster_id = ?))"
)


def summarize(db: Database, ident: str) -> None:
    """Write the list columns of one cluster from its mentions."""
    collate = ' COLLATE "C"' if db.dialect == "postgresql" else ""
    first = db.query(_FIRST.format(c=collate), (ident,))
    sources = sorted(str(r["source"]) for r in db.query(_SOURCES, (ident,)) if r["source"] is not None)
    db.execute(
        "UPDATE clusters SET first_report = ?, first_phase = ?, articles = ?, independent = ?, sources = ?"
        " WHERE id = ?",
        (
            first[0]["doc"] if first else None,
            first[0]["phase"] if first else None,
            int(db.scalar("SELECT COUNT(DISTINCT article_id) FROM events WHERE cluster_id = ?", (ident,)) or 0),
            int(db.scalar(_INDEPENDENT, (ident, ident)) or 0),
            json.dumps(sources),
            ident,
        ),
    )


def summarize_article(db: Database, article_id: str) -> None:
    """Write again the list columns of the clusters an article's events are in (after a link to it changed)."""
    rows = db.query(
        "SELECT DISTINCT cluster_id FROM events WHERE article_id = ? AND cluster_id IS NOT NULL", (article_id,)
    )
    for row in rows:
        summarize(db, str(row["cluster_id"]))
