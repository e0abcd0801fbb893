"""Rows streamed as they are read (``Database.stream``): the same rows as a query, a server-side cursor on
PostgreSQL, and the connection usable again after a stream read to its end or left early."""

from __future__ import annotations

from sitrep.corpus.tables import render, stream
from sitrep.store.db import Database

_ROWS = [(f"input-{n:04d}", "empty text" if n % 3 else "not UTF-8", f"2030-01-01T00:{n % 60:02d}") for n in range(1234)]
_SELECT = "SELECT input, reason FROM rejects ORDER BY input"


def _cursors(db: Database) -> int:
    return int(db.scalar("SELECT COUNT(*) FROM pg_cursors WHERE STRPOS(name, 'sitrep_stream') = 1") or 0)


def test_a_stream_gives_the_rows_of_the_query_a_chunk_at_a_time(db_url: str) -> None:
    with Database(db_url) as db:
        with db.transaction():
            db.executemany("INSERT INTO rejects (input, reason, rejected_at) VALUES (?, ?, ?)", _ROWS)
        expected = db.query(_SELECT)
        seen = []
        for row in db.stream(_SELECT, size=100):
            if db.dialect == "postgresql" and not seen:
                assert _cursors(db) == 1  # read from a cursor on the server, not fetched whole
            seen.append(row)
        assert seen == expected
        assert len(seen) == len(_ROWS)
        if db.dialect == "postgresql":
            assert _cursors(db) == 0


def test_a_stream_left_early_leaves_the_connection_usable(db_url: str) -> None:
    with Database(db_url) as db:
        with db.transaction():
            db.executemany("INSERT INTO rejects (input, reason, rejected_at) VALUES (?, ?, ?)", _ROWS[:300])
        rows = db.stream(_SELECT, size=50)
        first = [next(rows) for _ in range(60)]
        rows.close()  # as when a reader stops (a closed pipe)
        assert [r["input"] for r in first] == [r[0] for r in _ROWS[:60]]
        with db.transaction():
            db.execute("DELETE FROM rejects WHERE input = ?", ("input-0000",))
        assert db.scalar("SELECT COUNT(*) FROM rejects") == 299


def test_streamed_text_is_the_rendered_text() -> None:
    rows = [{"n": n, "names": ["a", "b\nc"], "value": n / 2, "none": None} for n in range(1203)]
    for fmt in ("json", "csv"):
        for count in (0, 1, 500, 1203):
            assert "".join(stream(iter(rows[:count]), fmt)) == render(rows[:count], fmt)
    assert "".join(stream(iter(rows), "table")) == render(rows, "table")
    more = [{"n": n, "note": "x" * (n // 4000)} for n in range(12_000)]
    lines = "".join(stream(iter(more), "table")).splitlines()
    assert len(lines) == 1 + len(more)  # one header, then every row, the columns widened as the cells grow
    assert lines[0] == "N     NOTE"  # the first chunk's widths
    assert lines[-1] == "11999  xx"
