"""``sitrep batch`` on a real two-worker Dask cluster (worker processes, one pipeline each)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster
from spacy.language import Language

from sitrep.cli import main
from sitrep.ingest import read_path
from sitrep.ingest.sources import iter_sources
from sitrep.scale import ParquetSink, SitrepModel, StoreSink, run_batch
from sitrep.service import analyze
from sitrep.store.writer import article_id
from testdata import GOLD

SMALL = sorted((GOLD / "docs").glob("*.txt"), key=lambda p: p.stat().st_size)[:4]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        client.register_plugin(SitrepModel())
        yield client


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SMALL:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_text("")
    return folder


def test_parquet_shards_hold_the_in_process_facts_and_a_rerun_skips_them(
    client: Client, inputs: Path, tmp_path: Path, nlp: Language
) -> None:
    out = tmp_path / "out"
    summary = run_batch(iter_sources([str(inputs)]), client, ParquetSink(out), partition_size=2)
    assert (summary.analyzed, summary.skipped, summary.failed, summary.refused) == (4, 0, 0, 1)
    rows = pq.read_table(out / "reports").to_pylist()
    expected = {article_id(a.text): analyze(a, nlp=nlp).facts() for a in map(read_path, SMALL)}
    assert {row["id"]: json.loads(row["facts"]) for row in rows} == expected
    assert all(row["n_facts"] == len(json.loads(row["facts"])) for row in rows)
    failures = pq.read_table(out / "failures").to_pylist()
    assert [(f["doc"], f["stage"], f["reason"]) for f in failures] == [
        (str(inputs / "empty.txt"), "input", "file is empty")
    ]
    shards = sorted(out.rglob("*.parquet"))

    again = run_batch(iter_sources([str(inputs)]), client, ParquetSink(out), partition_size=2)
    assert (again.analyzed, again.skipped, again.refused) == (0, 4, 1)
    assert sorted(out.rglob("*.parquet")) == shards


def test_results_go_to_the_store_and_a_rerun_skips_them(client: Client, inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "batch.db"
    sink = StoreSink(str(db))
    summary = run_batch(iter_sources([str(inputs)]), client, sink, partition_size=3)
    sink.close()
    assert (summary.analyzed, summary.refused) == (4, 1)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
        assert conn.execute("SELECT reason FROM rejects").fetchall() == [("file is empty",)]
    sink = StoreSink(str(db))
    assert run_batch(iter_sources([str(inputs)]), client, sink).skipped == 4
    sink.close()


def test_command_runs_on_a_scheduler_address(client: Client, inputs: Path, tmp_path: Path) -> None:
    address = client.scheduler.address
    out = tmp_path / "cli-out"
    result = CliRunner().invoke(main, ["batch", str(inputs), "--scheduler", address, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 analyzed, 0 already done, 0 failed, 1 refused" in result.output
    assert pq.read_table(out / "reports").num_rows == 4
