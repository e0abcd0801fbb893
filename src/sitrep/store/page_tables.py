"""What the pages read, filled for a whole store at once (migration 0011, a bulk load, ``recluster``):
the clusters' list columns computed set-wise, then the conflicts, the aid tracker and the row counts.

Ingest keeps them after that, one article at a time (``store.clusters_sql``, ``store.cluster_summary``).
"""

from __future__ import annotations

import json
from collections import defaultdict

# Submodules by their full name: `from sitrep.store import x` would run the package's __init__ (the writer) first.
import sitrep.store.aid_sql as aid_sql  # noqa: PLR0402
import sitrep.store.conflicts_sql as conflicts_sql  # noqa: PLR0402
import sitrep.store.counts as counts  # noqa: PLR0402
import sitrep.store.strikes_sql as strikes_sql  # noqa: PLR0402
from sitrep.eventtypes import EventType
from sitrep.store.db import Database

_FIRST = (
    "UPDATE clusters SET first_report = x.doc, first_phase = x.phase, first_published = x.published,"
    " first_report_idx = x.idx FROM (SELECT cluster_id, doc, phase, published, idx FROM (SELECT e.cluster_id,"
    " a.doc, e.phase, a.published, e.idx, ROW_NUMBER() OVER (PARTITION BY e.cluster_id"
    " ORDER BY COALESCE(a.published, '9999'){c}, a.doc{c}, e.idx) AS nth FROM events e"
    " JOIN articles a ON a.id = e.article_id WHERE e.cluster_id IS NOT NULL) r WHERE nth = 1) x"
    " WHERE x.cluster_id = clusters.id"
)
_LARGEST = (
    "UPDATE clusters SET articles = x.n, value_usd = x.v, usd = x.u, area_km2 = x.ar FROM (SELECT cluster_id,"
    " COUNT(DISTINCT article_id) AS n, MAX(CASE WHEN value_usd > 0 THEN value_usd END) AS v,"
    f" MAX(CASE WHEN type = '{EventType.AID}' AND usd_counted > 0 THEN usd_counted END) AS u,"
    " MAX(CASE WHEN area_km2 > 0 THEN area_km2 END) AS ar FROM events WHERE cluster_id IS NOT NULL"
    " GROUP BY cluster_id) x WHERE x.cluster_id = clusters.id"
)
_TIED = (
    "UPDATE clusters SET tied = x.n FROM (SELECT e.cluster_id, COUNT(*) AS n FROM quantities q JOIN events e"
    " ON e.article_id = q.article_id AND e.idx = q.event_idx WHERE e.cluster_id IS NOT NULL GROUP BY e.cluster_id) x"
    " WHERE x.cluster_id = clusters.id"
)
_SOURCES = (
    "SELECT DISTINCT e.cluster_id, a.source, CASE WHEN d.duplicate_of IS NULL OR NOT EXISTS (SELECT 1 FROM events c"
    " WHERE c.article_id = d.duplicate_of AND c.cluster_id = e.cluster_id) THEN 1 ELSE 0 END AS counted"
    " FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN duplicates d ON d.article_id = e.article_id"
    " WHERE e.cluster_id IS NOT NULL AND a.source IS NOT NULL"
)


def summarize_all(db: Database) -> None:
    """The list columns of every cluster (``cluster_summary.summarize``), set-wise."""
    db.execute("UPDATE clusters SET tied = 0")
    db.execute(_FIRST.format(c=' COLLATE "C"' if db.dialect == "postgresql" else ""))
    db.execute(_LARGEST)
    db.execute(_TIED)
    sources: dict[str, set[str]] = defaultdict(set)
    counted: dict[str, set[str]] = defaultdict(set)
    for row in db.query(_SOURCES):
        sources[row["cluster_id"]].add(row["source"])
        if row["counted"]:
            counted[row["cluster_id"]].add(row["source"])
    db.executemany(
        "UPDATE clusters SET sources = ?, counted = ?, independent = ? WHERE id = ?",
        [
            (json.dumps(sorted(names)), json.dumps(sorted(counted[ident])), len(counted[ident]), ident)
            for ident, names in sources.items()
        ],
    )


def fill(db: Database) -> None:
    """Every page table of the store, from its stored rows (in the caller's transaction)."""
    summarize_all(db)
    conflicts_sql.rebuild(db)
    aid_sql.rebuild(db)
    strikes_sql.rebuild(db)
    counts.install(db)


#: PostgreSQL sorts NULL last and text by the locale unless told: the lists' orders (``cluster_queries``) need
#: indexes of their own there (SQLite's of 0006 serve them, but for the timeline's: first day latest first,
#: then type and sides in order).
SQLITE_INDEXES = ("CREATE INDEX IF NOT EXISTS clusters_late_first ON clusters (first_day DESC, type, sides, id)",)
PG_INDEXES = (
    'CREATE INDEX IF NOT EXISTS clusters_listing_pg ON clusters (first_day NULLS FIRST, type, sides COLLATE "C", id)',
    "CREATE INDEX IF NOT EXISTS clusters_latest_pg ON clusters (last_day DESC NULLS LAST, id)",
    # the articles list's page of ids read from the index alone (the rows are wide: their text)
    "CREATE INDEX IF NOT EXISTS articles_listing_pg ON articles (published DESC, doc, id)",
    "CREATE INDEX IF NOT EXISTS clusters_late_first_pg ON clusters"
    ' (first_day DESC NULLS LAST, type, sides COLLATE "C", id)',
)


def list_indexes(db: Database) -> None:
    for sql in PG_INDEXES if db.dialect == "postgresql" else SQLITE_INDEXES:
        db.execute(sql)
