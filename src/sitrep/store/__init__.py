"""Sitrep's store: one schema for SQLite (a file, ``sitrep.db`` by default) and PostgreSQL (a URL).

``open_db(url)`` connects and applies pending migrations; ``save_report`` writes an
article and all its facts in one transaction; rejects are kept with their reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitrep.store.db import DEFAULT_DB, Database, Row
from sitrep.store.upgrades import install

if TYPE_CHECKING:  # imported on first use (``__getattr__``)
    from sitrep.store.writer import article_id, has_article, save_reject, save_report

install()  # the migration steps that need the store's domain modules (imported when a step runs)

_WRITER = ("article_id", "has_article", "save_reject", "save_report")


def __getattr__(name: str) -> Any:
    """The writer's functions, imported on first use: a command that only reads never loads the writer."""
    if name in _WRITER:
        from sitrep.store import writer

        return getattr(writer, name)
    raise AttributeError(f"module 'sitrep.store' has no attribute {name!r}")


def open_db(url: str = DEFAULT_DB) -> Database:
    """Connect to ``url`` (a path, ``sqlite:///path`` or ``postgresql://…``), migrated."""
    return Database(url)


__all__ = ["DEFAULT_DB", "Database", "Row", "article_id", "has_article", "open_db", "save_reject", "save_report"]
