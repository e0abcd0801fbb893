"""One connection interface over SQLite (``sqlite3``) and PostgreSQL (psycopg 3).

SQL is written once with ``?`` placeholders and always run with bound parameters;
for PostgreSQL the placeholders become ``%s``. Each ``transaction()`` commits or
rolls back as a whole, so a killed process never leaves half of one behind.
"""

from __future__ import annotations

import functools
import logging
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from sitrep.errors import StoreError

log = logging.getLogger(__name__)

DEFAULT_DB = "sitrep.db"
Row = dict[str, Any]
_MIGRATION_LOCK = 7_431_802  # fixed PostgreSQL advisory-lock key of Sitrep migrations
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class _Cursor(Protocol):
    rowcount: int
    description: Any

    def fetchall(self) -> list[Any]: ...


class Database:
    """A connection to the store: ``sqlite`` or ``postgresql``.

    Opening checks the schema version (two indexed reads): with ``migrate`` (commands that write,
    and the server once at start) pending migrations are applied; without it (commands that read,
    and every web request) a store behind this Sitrep's schema is a ``StoreError`` naming the remedy.
    """

    def __init__(self, url: str = DEFAULT_DB, *, migrate: bool = True) -> None:
        self.url = url
        self.dialect = "postgresql" if url.startswith(("postgresql://", "postgres://")) else "sqlite"
        self._depth = 0
        self._conn: Any = _connect_pg(url) if self.dialect == "postgresql" else _connect_sqlite(url)
        try:
            self._ensure_schema(migrate)
        except BaseException:
            self._conn.close()
            raise

    def _ensure_schema(self, migrate: bool) -> None:
        latest = _migrations()[-1][0]
        version = self._stored_version()
        if version > latest:
            raise StoreError(_safe_url(self.url), f"schema version {version} is newer than this Sitrep's ({latest})")
        if version < latest:
            if not migrate:
                raise StoreError(
                    _safe_url(self.url),
                    f"schema version {version}, this Sitrep needs {latest}: upgrade it with sitrep recluster"
                    " (or any command that writes, or sitrep serve)",
                )
            self.migrate()

    def _stored_version(self) -> int:
        """The store's schema version; 0 for a store with no ``schema_version`` table yet."""
        if self.dialect == "postgresql":
            exists = self.scalar("SELECT to_regclass('schema_version') IS NOT NULL")
        else:
            exists = self.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
        return self.schema_version() if exists else 0

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Cursor:
        """Run one statement with bound parameters."""
        try:
            cursor: _Cursor = self._conn.execute(self._sql(sql), tuple(params))
        except Exception as exc:
            raise _store_error(self.url, exc) from exc
        return cursor

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""
        if not rows:
            return
        try:
            if self.dialect == "postgresql":
                with self._conn.cursor() as cursor:
                    cursor.executemany(self._sql(sql), [tuple(r) for r in rows])
            else:
                self._conn.executemany(sql, [tuple(r) for r in rows])
        except Exception as exc:
            raise _store_error(self.url, exc) from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Rows of a SELECT as dicts keyed by column name."""
        cursor = self.execute(sql, params)
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def stream(self, sql: str, params: Sequence[Any] = (), size: int = 500) -> Iterator[Row]:
        """Rows of a SELECT as dicts, fetched ``size`` at a time as they are read: a server-side cursor on
        PostgreSQL (in a transaction of its own unless one is open), SQLite's stepping cursor, so memory
        stays flat whatever the number of rows and the first row comes before the last is read."""
        if self.dialect == "sqlite":
            yield from self._fetched(self.execute(sql, params), size)
            return
        with self.transaction():
            try:
                cursor = self._conn.cursor(name=f"sitrep_stream_{id(self)}_{self._depth}")
                cursor.execute(self._sql(sql), tuple(params))
            except Exception as exc:
                raise _store_error(self.url, exc) from exc
            with cursor:
                yield from self._fetched(cursor, size)

    def _fetched(self, cursor: Any, size: int) -> Iterator[Row]:
        names: list[str] | None = None
        while True:
            try:
                batch = cursor.fetchmany(size)
            except Exception as exc:
                raise _store_error(self.url, exc) from exc
            if not batch:
                return
            names = names or [d[0] for d in cursor.description or ()]
            for row in batch:
                yield dict(zip(names, row, strict=True))

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.execute(sql, params).fetchall()
        return rows[0][0] if rows else None

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Everything inside commits together or not at all (nested calls join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.execute("BEGIN IMMEDIATE" if self.dialect == "sqlite" else "BEGIN")
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self.execute("COMMIT")

    def migrate(self) -> None:
        """Apply every migration newer than the recorded ``schema_version``."""
        with self.transaction():
            if self.dialect == "postgresql":  # two processes opening a new database migrate one after the other
                self.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
            self.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
            current = self.scalar("SELECT MAX(version) FROM schema_version") or 0
            for version, sql in _migrations():
                if version > current:
                    log.info("applying migration %04d to %s", version, _safe_url(self.url))
                    for statement in _statements(sql):
                        self.execute(statement)
                    _after_migration(self, version)
                    self.execute(
                        "INSERT INTO schema_version (version, applied_at) VALUES (?, CURRENT_TIMESTAMP)", (version,)
                    )

    def schema_version(self) -> int:
        return int(self.scalar("SELECT MAX(version) FROM schema_version") or 0)


def _connect_sqlite(url: str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL journal, foreign keys on."""
    path = url.removeprefix("sqlite:///")
    try:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        _wal(conn)
        conn.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable against a killed process
        conn.execute("PRAGMA foreign_keys=ON")
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(url, f"cannot open the database ({exc})") from None
    return conn


def _wal(conn: sqlite3.Connection) -> None:
    """Switch to the WAL journal (kept in the file); a new file's first openers may find it locked a moment."""
    for attempt in range(100):
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 99:
                raise
            time.sleep(0.05)


def _connect_pg(url: str) -> Any:
    """A psycopg 3 connection in autocommit mode (transactions are explicit)."""
    import psycopg

    try:
        return psycopg.connect(url, autocommit=True)
    except psycopg.Error as exc:
        raise StoreError(_safe_url(url), f"cannot connect ({' '.join(str(exc).split())})") from None


# The steps of migrations that SQL alone cannot do, by version; filled by ``sitrep.store.upgrades`` when the
# package loads (they need the store's domain modules, which need this one).
AFTER_MIGRATION: dict[int, Callable[[Database], None]] = {}


def _after_migration(db: Database, version: int) -> None:
    """The step of a migration that SQL alone cannot do, in its transaction."""
    step = AFTER_MIGRATION.get(version)
    if step is not None:
        step(db)


@functools.cache
def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("sitrep.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _statements(sql: str) -> list[str]:
    """The statements of a migration file: comments dropped, split on ``;``."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _safe_url(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def _store_error(url: str, exc: Exception) -> StoreError:
    return StoreError(_safe_url(url), f"{type(exc).__name__}: {exc}".strip())
