"""Claims per source, kept in ``source_claims`` as articles are stored (in the article's transaction)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sitrep.model import Report
from sitrep.store.db import Database

_ADD = (
    "INSERT INTO source_claims (source, kind, claims, articles, first_seen, last_seen) VALUES (?, ?, ?, 1, ?, ?)"
    " ON CONFLICT (source, kind) DO UPDATE SET claims = source_claims.claims + excluded.claims,"
    " articles = source_claims.articles + 1,"
    " first_seen = CASE WHEN source_claims.first_seen IS NULL OR excluded.first_seen < source_claims.first_seen"
    " THEN COALESCE(excluded.first_seen, source_claims.first_seen) ELSE source_claims.first_seen END,"
    " last_seen = CASE WHEN source_claims.last_seen IS NULL OR excluded.last_seen > source_claims.last_seen"
    " THEN COALESCE(excluded.last_seen, source_claims.last_seen) ELSE source_claims.last_seen END"
)


def count_claims(db: Database, report: Report) -> None:
    """Add a newly stored article's claims to its sources' counts."""
    published = report.article.published.isoformat() if report.article.published else None
    per_source = Counter((a.source, a.source_kind) for a in report.attributions)
    db.executemany(_ADD, [(s, k, n, published, published) for (s, k), n in sorted(per_source.items())])


def sources_of(db: Database, article_id: str) -> set[tuple[str, str]]:
    rows = db.query("SELECT DISTINCT source, source_kind FROM attributions WHERE article_id = ?", (article_id,))
    return {(str(r["source"]), str(r["source_kind"])) for r in rows}


def rebuild(db: Database) -> int:
    """Count every source's claims again from the attributions (after a bulk load of facts); how many sources."""
    with db.transaction():
        db.execute("DELETE FROM source_claims")
        db.execute(
            "INSERT INTO source_claims (source, kind, claims, articles, first_seen, last_seen)"
            " SELECT t.source, t.source_kind, COUNT(*), COUNT(DISTINCT t.article_id), MIN(a.published),"
            " MAX(a.published) FROM attributions t JOIN articles a ON a.id = t.article_id"
            " GROUP BY t.source, t.source_kind"
        )
        return int(db.scalar("SELECT COUNT(*) FROM source_claims") or 0)


def recount(db: Database, pairs: Iterable[tuple[str, str]]) -> None:
    """Count the claims of these sources again from the attributions (after an article was re-analyzed)."""
    for source, kind in sorted(set(pairs)):
        db.execute("DELETE FROM source_claims WHERE source = ? AND kind = ?", (source, kind))
        db.execute(
            "INSERT INTO source_claims (source, kind, claims, articles, first_seen, last_seen)"
            " SELECT t.source, t.source_kind, COUNT(*), COUNT(DISTINCT t.article_id), MIN(a.published),"
            " MAX(a.published) FROM attributions t JOIN articles a ON a.id = t.article_id"
            " WHERE t.source = ? AND t.source_kind = ? GROUP BY t.source, t.source_kind",
            (source, kind),
        )
