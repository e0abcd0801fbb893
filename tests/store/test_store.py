"""The store on real SQLite files and a real PostgreSQL server: schema, writes, idempotence."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.model import Article, Event, Quantity, Report, Sentence
from sitrep.store import article_id, open_db, save_reject, save_report
from sitrep.store.db import _migrations
from sitrep.store.writer import first_day

LATEST = _migrations()[-1][0]
TEXT = "The United States sent 30 Patriot missiles to Ukraine. Officials said so."


def _report(text: str = TEXT, version: str = "0.1.0") -> Report:
    return Report(
        article=Article(text=text, doc="a.txt", title="T", published=dt.date(2025, 7, 8), url="https://x.test/a"),
        sentences=(Sentence(0, 0, 54, text[:54]), Sentence(1, 55, len(text), text[55:])),
        quantities=(
            Quantity(30, "exact", "air_defense_missile", "AID", "delivered", "30 Patriot missiles", 23, 42, 0, "USA"),
        ),
        events=(Event("AID", "delivered", ("USA", "UKR"), 0, "sent", date="2025-W28"),),
        pipeline_version=version,
    )


MIGRATIONS = sorted(int(p.name[:4]) for p in (Path(__file__).parents[2] / "src/sitrep/store/migrations").glob("*.sql"))


def test_migrations_create_the_schema_once(db_url: str) -> None:
    assert MIGRATIONS[:2] == [1, 2] and 9 in MIGRATIONS  # 0009: events.area_km2
    with open_db(db_url) as db:
        assert db.schema_version() == MIGRATIONS[-1]
    with open_db(db_url) as db:  # reopening applies nothing twice
        assert db.schema_version() == MIGRATIONS[-1]
        assert db.scalar("SELECT COUNT(*) FROM schema_version") == len(MIGRATIONS)


def test_a_report_is_stored_once_with_all_its_facts(db_url: str) -> None:
    with open_db(db_url) as db:
        assert save_report(db, _report()) is True
        assert save_report(db, _report()) is False
        ident = article_id(TEXT)
        assert db.scalar("SELECT COUNT(*) FROM articles") == 1
        assert db.scalar("SELECT id FROM articles") == ident
        assert db.scalar("SELECT COUNT(*) FROM sentences WHERE article_id = ?", (ident,)) == 2
        row = db.query("SELECT type, actor1, actor2, date, day, area_km2 FROM events")[0]
        assert row == {
            "type": "AID",
            "actor1": "USA",
            "actor2": "UKR",
            "date": "2025-W28",
            "day": "2025-07-07",
            "area_km2": None,
        }
        assert db.scalar("SELECT value FROM quantities") == 30


def test_the_id_ignores_whitespace_differences() -> None:
    assert article_id("a  b\n\nc ") == article_id("a b c")
    assert article_id("a b c") != article_id("a b d")


def test_a_failed_write_leaves_nothing_behind(db_url: str) -> None:
    bad = _report()
    bad = Report(
        article=bad.article, sentences=(*bad.sentences, bad.sentences[0]), pipeline_version="0.1.0"
    )  # a repeated sentence index violates the primary key mid-article
    with open_db(db_url) as db:
        with pytest.raises(StoreError):
            save_report(db, bad)
        assert db.scalar("SELECT COUNT(*) FROM articles") == 0
        assert db.scalar("SELECT COUNT(*) FROM sentences") == 0
        assert save_report(db, _report()) is True


def test_rejects_are_kept_once_per_input_and_cleared_when_it_is_stored(db_url: str) -> None:
    with open_db(db_url) as db:
        save_reject(db, "a.txt", "too short")
        save_reject(db, "a.txt", "not English")
        assert db.query("SELECT input, reason FROM rejects") == [{"input": "a.txt", "reason": "not English"}]
        save_report(db, _report())
        assert db.scalar("SELECT COUNT(*) FROM rejects") == 0


def test_sqlite_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    open_db(str(path)).close()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_unreachable_server_is_a_store_error() -> None:
    with pytest.raises(StoreError) as info:
        open_db("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(info.value)


@pytest.mark.parametrize(
    ("value", "day"),
    [("2025-07-07", "2025-07-07"), ("2025-W28", "2025-07-07"), ("2025-07", "2025-07-01"), ("soon", None), (None, None)],
)
def test_first_day(value: str | None, day: str | None) -> None:
    assert first_day(value) == day


def test_concurrent_first_opens_migrate_once(db_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def open_and_count(_: int) -> int:
        with open_db(db_url) as db:
            return db.schema_version()

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(open_and_count, range(4))) == [MIGRATIONS[-1]] * 4


def test_cli_rejects_lists_a_page_latest_first_and_streams_every_one(db_url: str) -> None:
    from click.testing import CliRunner

    from sitrep.cli import main

    with open_db(db_url) as db:
        for n in range(7):
            save_reject(db, f"in{n}.txt", f"reason {n}")
            db.execute(
                "UPDATE rejects SET rejected_at = ? WHERE input = ?", (f"2025-07-0{n + 1}T10:00:00", f"in{n}.txt")
            )

    def run(*args: str) -> tuple[list[str], str]:
        result = CliRunner().invoke(main, ["rejects", "--db", db_url, "--format", "csv", *args])
        assert result.exit_code == 0, result.output
        return [line.split(",")[0] for line in result.stdout.splitlines()[1:]], result.stderr

    every, note = run("--all")
    assert every == [f"in{n}.txt" for n in reversed(range(7))] and note == ""
    page, note = run("--limit", "2", "--offset", "3")
    assert page == every[3:5]
    assert note == "sitrep: showing 4-5 of 7 rejects; --offset 5 for the next 2, --all for every one\n"
    assert run() == (every, "")
