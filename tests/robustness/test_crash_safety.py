"""Crash safety (issue 6): SIGKILL ``sitrep ingest`` and ``sitrep batch`` at random points, then resume.

Each test runs one command (the real CLI, a subprocess in its own session) against one
store (an SQLite file in WAL mode, or a fresh PostgreSQL database) over a small corpus of
short real documents, and kills its whole process group with SIGKILL ``KILLS`` times. Kill points are chosen by
progress seen in the store, never by wall-clock guesses, so they land on a loaded machine
too: every other kill comes before the run commits its first article (at a random moment of
start-up: imports, model load, migrations, the Dask cluster; at once if an article is
committed first), the others at most 30 ms after the run's next commit is seen (so the next
article is being analyzed or written). A run can only outpace its kill by committing every
article left within that moment. Every kill lands on the same
store, so each run resumes from the wreck of the one before. After every kill:

- no process of the run survives (the CLI, ingest's analysis pool, Dask's nanny and worker
  processes, multiprocessing helpers), whether or not it kept to the process group;
- SQLite's ``PRAGMA integrity_check`` is ``ok`` and ``foreign_key_check`` finds nothing;
- every stored article holds exactly as many sentences, quantities, events, attributions
  and signals as the same article in a clean reference run (no half-written article), and
  no fact row lacks its article.

Then the same command runs to the end and the store must hold exactly the reference's
articles, each complete, and the one reject. The random moments come from a seed that is
printed (``pytest -s``) and logged; ``SITREP_CRASH_SEED`` replays one and
``SITREP_CRASH_KILLS`` changes the number of kills per test (default 5: 20 in all).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import psycopg
import pytest

from sitrep.store import open_db

log = logging.getLogger(__name__)

SITREP = [sys.executable, "-m", "sitrep.cli"]
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
SEED = int(os.environ.get("SITREP_CRASH_SEED") or random.SystemRandom().randrange(2**32))
KILLS = int(os.environ.get("SITREP_CRASH_KILLS") or 5)
CORPUS_SIZE = 20  # room for 5 kills that each let a few commits through on an idle machine
AFTER_COMMIT_S = 0.03
FACT_TABLES = ("sentences", "quantities", "events", "attributions", "signals")
Counts = dict[str, tuple[int, ...]]


def _short_documents() -> list[Path]:
    """The shortest documents of the bundled sample corpus (0.7 to 1.1 KB each)."""
    notes = ("SOURCE", "README")
    found = [p for p in SAMPLE.rglob("*") if p.suffix in (".txt", ".md") and not p.name.startswith(notes)]
    return sorted(found, key=lambda p: (p.stat().st_size, p.name))[:CORPUS_SIZE]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of short documents and one empty file (a reject)."""
    folder = tmp_path_factory.mktemp("crash") / "in"
    folder.mkdir()
    for path in _short_documents():
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_text("")
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Counts:
    """Each article's fact counts after one clean, uninterrupted ``sitrep ingest`` into a fresh SQLite file."""
    folder = tmp_path_factory.mktemp("reference")
    url = str(folder / "reference.db")
    code, out, err = Run([*SITREP, "ingest", "--db", url, "--no-progress", str(corpus)], folder / "run").finish(300)
    assert code == 0, err[-2000:]
    assert out.startswith(f"{CORPUS_SIZE} new, 0 already stored, 1 rejected, 0 failed"), out
    return fact_counts(url)


def fact_counts(url: str) -> Counts:
    """For every stored article, the number of rows it has in each of ``FACT_TABLES``."""
    columns = ", ".join(f"(SELECT COUNT(*) FROM {t} x WHERE x.article_id = a.id) AS {t}" for t in FACT_TABLES)
    with open_db(url) as db:
        rows = db.query(f"SELECT a.id, {columns} FROM articles a")
        assert db.scalar("SELECT COUNT(DISTINCT id) FROM articles") == len(rows)
        orphans = sum(
            int(db.scalar(f"SELECT COUNT(*) FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)"))
            for t in FACT_TABLES
        )
    assert orphans == 0, "fact rows without their article"
    return {row["id"]: tuple(int(row[t]) for t in FACT_TABLES) for row in rows}


def stored_articles(url: str) -> int:
    """How many articles the store holds now, read without migrating (0 before the schema exists)."""
    sql = "SELECT COUNT(*) FROM articles"
    try:
        if url.startswith("postgresql://"):
            with psycopg.connect(url, connect_timeout=5) as pg:
                row = pg.execute(sql).fetchone()
        elif Path(url).exists():
            with sqlite3.connect(url, timeout=5) as lite:
                row = lite.execute(sql).fetchone()
        else:
            return 0
    except (sqlite3.Error, psycopg.Error, OSError) as exc:  # the table is not there yet
        log.debug("no count yet: %s", exc)
        return 0
    return int(row[0]) if row else 0


def check_sqlite(url: str) -> None:
    """The SQLite file (with its WAL) is intact and consistent."""
    if url.startswith("postgresql://") or not Path(url).exists():
        return
    with sqlite3.connect(url) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def has_workers_option() -> bool:
    """Whether ``sitrep ingest`` can analyze on a pool of processes (``--workers``)."""
    proc = subprocess.run([*SITREP, "ingest", "--help"], capture_output=True, text=True, check=False)
    return "--workers" in proc.stdout


def command(kind: str, url: str, corpus: Path) -> list[str]:
    """The run to kill: one article per batch or partition, two analysis processes where offered."""
    if kind == "batch":
        options = ["--scheduler", "local", "--workers", "2", "--partition-size", "1", "--out", url]
        return [*SITREP, "batch", *options, str(corpus)]
    workers = ["--workers", "2"] if has_workers_option() else []
    return [*SITREP, "ingest", "--db", url, "--no-progress", "--batch-size", "1", *workers, str(corpus)]


class Run:
    """A command started in a session of its own (its process group id is its pid), output to files."""

    def __init__(self, args: list[str], folder: Path) -> None:
        folder.mkdir()
        self.folder = folder
        env = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}
        self.out, self.err = (folder / "stdout").open("wb"), (folder / "stderr").open("wb")
        self.proc = subprocess.Popen(
            args, stdout=self.out, stderr=self.err, cwd=folder, env=env, start_new_session=True
        )

    def family(self) -> list[psutil.Process]:
        """The run's processes now: the CLI and every descendant."""
        try:
            leader = psutil.Process(self.proc.pid)
            return [leader, *leader.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def kill(self) -> list[psutil.Process]:
        """SIGKILL the whole process group; the processes of the run, as seen just before."""
        seen = self.family()
        with contextlib.suppress(ProcessLookupError):  # the whole group had already ended
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        return seen

    def finish(self, timeout: float) -> tuple[int, str, str]:
        """Wait for the end; exit code, stdout and stderr."""
        code = self.proc.wait(timeout=timeout)
        self.out.close()
        self.err.close()
        return code, (self.folder / "stdout").read_text(), (self.folder / "stderr").read_text()


def survivors(pgid: int, seen: list[psutil.Process], wait: float = 15.0) -> list[str]:
    """Processes of a killed run still alive after ``wait`` seconds: in its group, or seen in its tree."""
    deadline = time.monotonic() + wait
    while True:
        alive = [p for p in {*seen, *_in_group(pgid)} if _alive(p)]
        if not alive or time.monotonic() > deadline:
            return [f"{p.pid} {' '.join(p.cmdline()[:4])}" for p in alive if _alive(p)]
        time.sleep(0.1)


def _in_group(pgid: int) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter():
        try:
            if os.getpgid(proc.pid) == pgid:
                found.append(proc)
        except (ProcessLookupError, PermissionError):
            continue
    return found


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@dataclasses.dataclass
class Kill:
    """One kill: how it was timed, seconds after the start, articles stored before and after, processes ended."""

    mode: str
    at: float
    before: int
    after: int
    processes: int


def kill_by_progress(args: list[str], url: str, folder: Path, rng: random.Random, mode: str) -> Kill | None:
    """Start a run and SIGKILL its group at a point chosen by the articles it commits; None if it finished first.

    ``startup``: at a random moment before its first commit (at once when one is seen first);
    ``after-commit``: once its first commit is seen, after a random wait of at most ``AFTER_COMMIT_S``, so
    the next article is being analyzed or written (on an idle machine the commits of an ingest follow each
    other 20-50 ms apart: a longer wait would let the whole corpus through).
    """
    before = stored_articles(url)
    run = Run(args, folder)
    started = time.monotonic()
    if mode == "after-commit":
        _wait_for_commit(run, url, before, started + 180)
        before_wait = stored_articles(url)
        assert before_wait > before or run.proc.poll() is not None, "no article committed within 3 minutes"
    else:
        before_wait = before
    if mode == "startup":
        _wait_for_commit(run, url, before_wait, time.monotonic() + rng.uniform(0.0, 8.0))
    else:
        time.sleep(rng.uniform(0.0, AFTER_COMMIT_S))
    if run.proc.poll() is not None:
        run.finish(30)
        return None
    seen = run.kill()
    run.finish(30)
    left = survivors(run.proc.pid, seen)
    assert left == [], f"processes survived the SIGKILL of their run (seed {SEED}): {left}"
    return Kill(mode, time.monotonic() - started, before, stored_articles(url), len(seen))


def _wait_for_commit(run: Run, url: str, count: int, until: float) -> None:
    """Until the store holds more than ``count`` articles, the run ends, or ``until`` (monotonic) passes."""
    while run.proc.poll() is None and stored_articles(url) <= count and time.monotonic() < until:
        time.sleep(0.01)


def check_store(url: str, reference: Counts) -> Counts:
    """The store is intact and every article in it is complete; its counts."""
    check_sqlite(url)
    stored = fact_counts(url)
    assert set(stored) <= set(reference)
    half = {ident: (got, reference[ident]) for ident, got in stored.items() if got != reference[ident]}
    assert half == {}, f"half-written articles (seed {SEED}): {half}"
    return stored


@pytest.mark.parametrize("kind", ["ingest", "batch"])
def test_sigkill_at_random_points_then_resume(
    kind: str, db_url: str, corpus: Path, reference: Counts, tmp_path: Path
) -> None:
    store = "postgresql" if db_url.startswith("postgresql://") else "sqlite"
    rng = random.Random(f"{SEED}-{kind}-{store}")
    args = command(kind, db_url, corpus)
    started = time.monotonic()
    kills: list[Kill] = []
    runs = 0
    while len(kills) < KILLS:
        runs += 1
        assert runs <= KILLS + 2, f"runs kept finishing before the kill (seed {SEED})"
        mode = "startup" if len(kills) % 2 == 0 else "after-commit"
        kill = kill_by_progress(args, db_url, tmp_path / f"run{runs}", rng, mode)
        if kill is not None:
            kills.append(kill)
            check_store(db_url, reference)
    done_before = stored_articles(db_url)
    code, out, err = Run(args, tmp_path / "resume").finish(timeout=300)
    assert code == 0, err[-2000:]
    new = CORPUS_SIZE - done_before
    expected = (
        f"{new} new, {done_before} already stored, 1 rejected, 0 failed"
        if kind == "ingest"
        else f"{new} analyzed, {done_before} already done, 0 failed, 1 refused"
    )
    assert out.startswith(expected), out
    assert check_store(db_url, reference) == reference
    with open_db(db_url) as db:
        assert db.query("SELECT input, reason FROM rejects") == [
            {"input": str(corpus / "empty.txt"), "reason": "file is empty"}
        ]
    _report(kind, db_url, kills, runs + 1, time.monotonic() - started)
    assert any(k.after > k.before for k in kills) or done_before == CORPUS_SIZE, "no kill came after a commit"
    assert max(k.processes for k in kills) >= 3, "no kill caught the run with its worker processes"


def _report(kind: str, url: str, kills: list[Kill], runs: int, seconds: float) -> None:
    store = "postgresql" if url.startswith("postgresql://") else "sqlite"
    midway = sum(1 for k in kills if 0 < k.after < CORPUS_SIZE)
    line = (
        f"crash safety, {kind} on {store}: {len(kills)} SIGKILLs in {runs} runs, {seconds:.0f} s (seed {SEED}); "
        f"{sum(k.mode == 'after-commit' for k in kills)} just after a commit, {midway} with part of the corpus "
        f"stored; up to {max(k.processes for k in kills)} processes killed at once; "
        f"stored after each kill: {[k.after for k in kills]}"
    )
    log.info(line)
    print(f"\n{line}")
