"""Database fixtures (SQLite and PostgreSQL) for the crash-safety tests, shared with the store tests."""

from __future__ import annotations

from dbservers import db_url, pg_server

__all__ = ["db_url", "pg_server"]
