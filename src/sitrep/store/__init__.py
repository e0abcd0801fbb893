"""Sitrep's store: one schema for SQLite (a file, ``sitrep.db`` by default) and PostgreSQL (a URL).

``open_db(url)`` connects and applies pending migrations; ``save_report`` writes an
article and all its facts in one transaction; rejects are kept with their reason.
"""

from __future__ import annotations

from sitrep.store.db import DEFAULT_DB, Database, Row
from sitrep.store.upgrades import install
from sitrep.store.writer import article_id, has_article, save_reject, save_report

install()  # the migration steps that need the store's domain modules


def open_db(url: str = DEFAULT_DB) -> Database:
    """Connect to ``url`` (a path, ``sqlite:///path`` or ``postgresql://…``), migrated."""
    return Database(url)


__all__ = ["DEFAULT_DB", "Database", "Row", "article_id", "has_article", "open_db", "save_reject", "save_report"]
