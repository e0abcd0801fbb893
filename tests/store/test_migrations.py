"""Migrations once per process: writers and the server at start migrate, readers and requests only check."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.errors import StoreError
from sitrep.store.db import Database, _migrations, _statements
from sitrep.web.app import create_app
from sitrep.web.settings import Settings

V2_ID = "a" * 64
LATEST = _migrations()[-1][0]


def _store_at_version_2(path: Path) -> Path:
    """An SQLite store as Sitrep 0002 left it, holding one dated article."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    for version, sql in _migrations()[:2]:
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version VALUES (?, CURRENT_TIMESTAMP)", (version,))
    conn.execute(
        "INSERT INTO articles (id, doc, published, published_inferred, fmt, text, n_sentences, pipeline_version,"
        " ingested_at) VALUES (?, 'memo.txt', '2024-03-01', 0, 'txt', 'A memo.', 1, '0.1.0', '2024-03-02')",
        (V2_ID,),
    )
    conn.execute(
        "INSERT INTO events (article_id, idx, type, phase, actors, persons, date, day, items, sentence, anchor)"
        " VALUES (?, 0, 'AID', 'announced', '[\"USA\", \"UKR\"]', '[]', '2024-03-01', '2024-03-01', '[]', 0, 'a')",
        (V2_ID,),
    )
    conn.execute(
        "INSERT INTO quantities VALUES (?, 0, 'AID', 'announced', 'usd', 5, 'exact', 'USA', '$5', 0, 2, 0)", (V2_ID,)
    )
    conn.execute("INSERT INTO sentences VALUES (?, 0, 0, 8, 'A memo.')", (V2_ID,))
    conn.execute("INSERT INTO attributions VALUES (?, 0, 'RUTTE', 'person', NULL, 'said', 0)", (V2_ID,))
    conn.commit()
    conn.close()
    return path


def test_a_reader_refuses_an_old_store_and_a_writer_upgrades_it(tmp_path: Path) -> None:
    url = str(_store_at_version_2(tmp_path / "old.db"))
    with pytest.raises(StoreError, match=f"schema version 2, this Sitrep needs {LATEST}"):
        Database(url, migrate=False)
    with Database(url) as db:
        assert db.schema_version() == LATEST
        row = db.query("SELECT id, text_hash, edition FROM articles")[0]
        assert row == {"id": V2_ID, "text_hash": V2_ID, "edition": "2024-03-01"}
        event = db.query("SELECT group_key, cluster_id FROM events")[0]  # the clusters of stored mentions are built
        assert event["group_key"] == "AID|announced|USA,UKR"
        assert db.scalar("SELECT first_day FROM clusters WHERE id = ?", (event["cluster_id"],)) == "2024-03-01"
        tied = db.query("SELECT event_idx, period, side, donor FROM quantities")[0]  # figures tied to their event
        assert tied == {"event_idx": 0, "period": 0, "side": "USA", "donor": "USA"}
        assert db.scalar("SELECT source_key FROM attributions") == "mark rutte"  # keyed by source (0010)
    with Database(url, migrate=False) as db:  # now current: readers open it
        assert db.schema_version() == LATEST


def test_a_store_newer_than_sitrep_is_refused(tmp_path: Path) -> None:
    url = str(tmp_path / "s.db")
    Database(url).close()
    with sqlite3.connect(url) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, CURRENT_TIMESTAMP)")
    for migrate in (False, True):
        with pytest.raises(StoreError, match="schema version 99 is newer"):
            Database(url, migrate=migrate)


def test_the_server_migrates_at_start_and_requests_never_do(tmp_path: Path) -> None:
    path = tmp_path / "web.db"
    app = create_app(Settings(db_url=str(_store_at_version_2(path))))
    with TestClient(app) as client:
        assert client.get("/events").status_code == 200
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        _store_at_version_2(tmp_path / "other.db").replace(path)  # swapped behind the server's back:
        # a request reports it, and changes nothing
        response = client.get("/events")
        assert response.status_code >= 500
        assert "schema version 2" in response.json()["reason"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone() == (2,)
