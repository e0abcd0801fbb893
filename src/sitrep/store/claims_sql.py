"""Claims per source, kept in ``source_claims`` as articles are stored (in the article's transaction).

A source is a source key (``corpus.sourcekeys``, stored with each attribution): every spelling of one
source counts together. First and last seen are the publication dates the articles state (``STATED``):
a date inferred from an article's text (a birth year, an anniversary) is no publication date.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitrep.model import Report
from sitrep.store.db import Database

#: An article's publication date when its input states one (never one inferred from its text).
STATED = "CASE WHEN a.published_inferred = 0 THEN a.published END"

_ADD = (
    "INSERT INTO source_claims (source_key, claims, articles, first_seen, last_seen) VALUES (?, ?, 1, ?, ?)"
    " ON CONFLICT (source_key) DO UPDATE SET claims = source_claims.claims + excluded.claims,"
    " articles = source_claims.articles + 1,"
    " first_seen = CASE WHEN source_claims.first_seen IS NULL OR excluded.first_seen < source_claims.first_seen"
    " THEN COALESCE(excluded.first_seen, source_claims.first_seen) ELSE source_claims.first_seen END,"
    " last_seen = CASE WHEN source_claims.last_seen IS NULL OR excluded.last_seen > source_claims.last_seen"
    " THEN COALESCE(excluded.last_seen, source_claims.last_seen) ELSE source_claims.last_seen END"
)
_COUNT = (
    "INSERT INTO source_claims (source_key, claims, articles, first_seen, last_seen)"
    f" SELECT t.source_key, COUNT(*), COUNT(DISTINCT t.article_id), MIN({STATED}), MAX({STATED})"
    " FROM attributions t JOIN articles a ON a.id = t.article_id"
)


def count_claims(db: Database, ident: str, report: Report) -> None:
    """Add a newly stored article's claims (its attributions as stored, with their keys) to its sources' counts."""
    article = report.article
    published = article.published.isoformat() if article.published and not article.published_inferred else None
    rows = db.query(
        "SELECT source_key, COUNT(*) AS n FROM attributions WHERE article_id = ? GROUP BY source_key", (ident,)
    )
    db.executemany(_ADD, [(r["source_key"], int(r["n"]), published, published) for r in rows])
    written = db.query(
        "SELECT source_key, source, source_kind, COUNT(*) AS n FROM attributions WHERE article_id = ?"
        " GROUP BY source_key, source, source_kind",
        (ident,),
    )
    db.executemany(_SPELLED, [(r["source_key"], r["source"], r["source_kind"], int(r["n"])) for r in written])
    keep_articles(db, ident)


_SPELLED = (
    "INSERT INTO source_spellings (source_key, source, source_kind, n) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (source_key, source, source_kind) DO UPDATE SET n = source_spellings.n + excluded.n"
)
_SPELLINGS = (
    "INSERT INTO source_spellings (source_key, source, source_kind, n) SELECT source_key, source, source_kind,"
    " COUNT(*) FROM attributions WHERE source_key IS NOT NULL{where} GROUP BY source_key, source, source_kind"
)


_ARTICLES = (  # each source's articles with the date they state ('' for none): its claims walked latest first
    "INSERT INTO source_articles (source_key, article_id, published, doc) SELECT DISTINCT t.source_key,"
    f" t.article_id, COALESCE({STATED}, ''), a.doc FROM attributions t JOIN articles a ON a.id = t.article_id"
    " WHERE t.source_key IS NOT NULL{where}"
)


def keep_articles(db: Database, ident: str) -> None:
    """Index an article under each source it quotes, with the date it states (stored or re-analyzed)."""
    db.execute("DELETE FROM source_articles WHERE article_id = ?", (ident,))
    db.execute(_ARTICLES.format(where=" AND t.article_id = ?"), (ident,))


def sources_of(db: Database, article_id: str) -> set[str]:
    """The source keys of an article's claims."""
    rows = db.query("SELECT DISTINCT source_key FROM attributions WHERE article_id = ?", (article_id,))
    return {str(r["source_key"]) for r in rows}


def rebuild(db: Database) -> int:
    """Count every source's claims again from the attributions (after a bulk load of facts); how many sources."""
    with db.transaction():
        fill(db)
        fill_spellings(db)
        fill_articles(db)
        return int(db.scalar("SELECT COUNT(*) FROM source_claims") or 0)


def recount(db: Database, keys: Iterable[str]) -> None:
    """Count the claims of these sources again from the attributions (after an article was re-analyzed)."""
    for key in sorted(set(keys)):
        db.execute("DELETE FROM source_claims WHERE source_key = ?", (key,))
        db.execute(_COUNT + " WHERE t.source_key = ? GROUP BY t.source_key", (key,))
        db.execute("DELETE FROM source_spellings WHERE source_key = ?", (key,))
        db.execute(_SPELLINGS.format(where=" AND source_key = ?"), (key,))


def fill(db: Database) -> None:
    """Count every source's claims again from the attributions (a migration's step)."""
    db.execute("DELETE FROM source_claims")
    db.execute(_COUNT + " GROUP BY t.source_key")


def fill_spellings(db: Database) -> None:
    """Count every source's spellings again from the attributions (migration 0012's step)."""
    db.execute("DELETE FROM source_spellings")
    db.execute(_SPELLINGS.format(where=""))


def fill_articles(db: Database) -> None:
    """Index every article under each source it quotes again (after a bulk load of facts)."""
    db.execute("DELETE FROM source_articles")
    db.execute(_ARTICLES.format(where=""))


#: The index a source's claims are walked by (``corpus.claims``): documents in byte order, as SQLite and
#: Python compare them (PostgreSQL's locale would not).
WALK_INDEX = {
    "sqlite": "CREATE INDEX IF NOT EXISTS source_articles_walk ON source_articles"
    " (source_key, published DESC, doc, article_id)",
    "postgresql": "CREATE INDEX IF NOT EXISTS source_articles_walk ON source_articles"
    ' (source_key, published DESC, doc COLLATE "C", article_id)',
}


def walk_index(db: Database) -> None:
    """Make the index of ``WALK_INDEX`` (migration 0014's step)."""
    db.execute(WALK_INDEX[db.dialect])
