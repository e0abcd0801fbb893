"""``sitrep batch`` as a team runs it: a ``dask scheduler`` and two ``dask worker`` processes started
from the command line on loopback, the batch writing into PostgreSQL; the store must equal the one
a single-process ``sitrep ingest`` makes of the same inputs."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client

from dbservers import fresh_pg_database, pg_server
from sitrep.store import open_db
from testdata import GOLD

__all__ = ["pg_server"]

DASK = [str(Path(sys.executable).with_name("dask")), "scheduler"]
WORKER = [str(Path(sys.executable).with_name("dask")), "worker"]
SITREP = [sys.executable, "-m", "sitrep.cli"]
SRC = str(Path(__file__).resolve().parents[2] / "src")  # this checkout's Sitrep, in every process started
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (SRC, os.environ.get("PYTHONPATH")) if p)}
SMALL = sorted((GOLD / "docs").glob("*.txt"), key=lambda p: p.stat().st_size)[:6]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a scheduler process with two single-threaded worker processes joined to it."""
    folder = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{_free_port()}"
    env = ENV
    logs = [(folder / f"{name}.log").open("wb") for name in ("scheduler", "worker1", "worker2")]
    started = [
        subprocess.Popen(
            [*DASK, "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard"],
            stdout=logs[0],
            stderr=subprocess.STDOUT,
            env=env,
        )
    ]
    try:
        for n in (1, 2):
            options = ["--nworkers", "1", "--nthreads", "1", "--no-dashboard", "--name", f"w{n}"]
            started.append(
                subprocess.Popen([*WORKER, address, *options], stdout=logs[n], stderr=subprocess.STDOUT, env=env)
            )
        _wait_for_workers(address, 2)
        yield address
    finally:
        for proc in reversed(started):
            proc.terminate()
        for proc in reversed(started):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        for log in logs:
            log.close()


def _wait_for_workers(address: str, count: int, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with Client(address, timeout="5s") as client:
                client.wait_for_workers(count, timeout=max(1.0, deadline - time.monotonic()))
                return
        except (OSError, TimeoutError):
            time.sleep(0.5)
    pytest.fail(f"{count} dask workers did not join {address} within {timeout:.0f} s")


def _sitrep(*args: str) -> subprocess.CompletedProcess[str]:
    """One ``sitrep`` command in a fresh interpreter, its output captured."""
    return subprocess.run([*SITREP, *args], capture_output=True, text=True, timeout=600, check=False, env=ENV)


def _store(url: str) -> dict[str, object]:
    """What a store holds, independent of ids: each article's facts and the clusters as sets of documents."""
    with open_db(url) as db:
        articles = {
            r["doc"]: (r["text_hash"], r["edition"], r["n_sentences"])
            for r in db.query("SELECT doc, text_hash, edition, n_sentences FROM articles")
        }
        events = sorted(
            (r["doc"], r["idx"], r["type"], r["phase"], r["actors"], r["date"], r["day"], r["place"])
            for r in db.query(
                "SELECT a.doc, e.idx, e.type, e.phase, e.actors, e.date, e.day, e.place FROM events e"
                " JOIN articles a ON a.id = e.article_id"
            )
        )
        quantities = sorted(
            (r["doc"], r["idx"], r["value"], r["category"], r["measure"], r["event_idx"], r["side"])
            for r in db.query(
                "SELECT a.doc, q.idx, q.value, q.category, q.measure, q.event_idx, q.side FROM quantities q"
                " JOIN articles a ON a.id = q.article_id"
            )
        )
        groups: dict[str, set[tuple[str, int]]] = {}
        for r in db.query("SELECT a.doc, e.idx, e.cluster_id FROM events e JOIN articles a ON a.id = e.article_id"):
            groups.setdefault(r["cluster_id"], set()).add((r["doc"], r["idx"]))
        rejects = db.query("SELECT input, reason FROM rejects")
    clusters = {frozenset(g) for g in groups.values()}
    return {"articles": articles, "events": events, "quantities": quantities, "clusters": clusters, "rejects": rejects}


def test_batch_on_scheduler_and_worker_processes_equals_a_single_process_ingest(
    scheduler: str, pg_server: str, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in SMALL:
        shutil.copy(path, inputs / path.name)
    (inputs / "empty.txt").write_text("")
    batch_url, ingest_url = fresh_pg_database(pg_server), fresh_pg_database(pg_server)
    run = _sitrep("batch", str(inputs), "--scheduler", scheduler, "--out", batch_url, "--partition-size", "2")
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"{len(SMALL)} analyzed, 0 already done, 0 failed, 1 refused" in run.stdout
    single = _sitrep("ingest", "--db", ingest_url, "--no-progress", "--workers", "1", str(inputs))
    assert single.returncode == 0, single.stderr[-2000:]
    batch, ingest = _store(batch_url), _store(ingest_url)
    assert len(batch["articles"]) == len(SMALL)  # type: ignore[arg-type]
    assert batch == ingest
