"""The store at scale: every dashboard page, API list route and CLI query command on a big synthetic store.

Builds a store of ``--events`` event mentions (1,000,000 by default) from the real extracted facts of
``--source`` (a store made by ``sitrep ingest``): its articles with all their facts are copied again and
again, each copy with its own ids and document names and its days shifted by ``--shift-days`` more than
the copy before, so types, sides, places and figures are real and days spread realistically. The copies
are loaded in bulk (COPY on PostgreSQL), then their clusters are made in one pass per group and the
page tables filled set-wise (``sitrep.store.bulk.cluster_new``; timed: ``cluster_s``).

Then it times, with the app in this process (``fastapi.testclient``, no network):
- each dashboard page and API list route, ``--requests`` times, list routes at random offsets (p50, p95 ms);
- each CLI query command (a fresh ``sitrep`` process each, ``--format csv``): its default page (median of
  3 runs), and ``events --all`` once (every event streamed: seconds to the first row and to the last);
- with ``--ingest DIR``, ``sitrep ingest --workers 1`` of ``--ingest-count`` articles of DIR into the big store
  and into an empty one, in the same run (documents per second, and the ratio); with ``--ingest-from-corpus
  CORPUS`` instead, DIR is written first: ``--ingest-count`` real documents of the shared corpus (its White House
  pages and the presidential releases' CSV rows, taken in turn) whose text is not in ``--source``, so they are
  new to the big store as a user's next batch would be (``corpus_folder``).

``--db`` is an SQLite path (default: a temporary file) or a PostgreSQL URL of an empty database.
Prints one JSON object.

``--existing`` times the store at ``--db`` as an earlier run left it (no build).

Usage: ``python bench/store_scale.py --source corpus.db [--events 1000000] [--db URL] [--requests 20]
[--ingest DIR | --ingest-from-corpus CORPUS] [--ingest-count 1000] [--existing]
[--ingest-only]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.corpus.dedup import fill_bands
from sitrep.store import claims_sql
from sitrep.store.bulk import cluster_new, insert_rows, without_counts
from sitrep.store.db import Database, Row

TABLES = ("sentences", "quantities", "events", "attributions", "signals")
_SIGNATURE_MOD = 1 << 32  # datasketch's affine32 hash values lie below 2**32
PAGES = ["/", "/timeline", "/aid", "/strikes", "/map", "/sources", "/event/{event}", "/article/{article}"]
LISTS = ["/events", "/articles", "/claims", "/tracker/aid", "/tracker/strikes", "/conflicts"]
COMMANDS = [["events"], ["events", "--all"], ["tracker", "aid"], ["tracker", "strikes"], ["conflicts"], ["claims"]]


def _shift(value: str | None, days: int) -> str | None:
    """A day, ISO week or month moved by ``days`` (a week or month keeps its kind)."""
    if not value:
        return value
    try:
        if "-W" in value:
            year, week = value.split("-W")
            moved = dt.date.fromisocalendar(int(year), int(week[:2]), 1) + dt.timedelta(days=days)
            iso = moved.isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}"
        if len(value) == 7:
            return (dt.date.fromisoformat(value + "-01") + dt.timedelta(days=days)).isoformat()[:7]
        return (dt.date.fromisoformat(value[:10]) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return value


def _source(url: str) -> dict[str, list[Row]]:
    with Database(url, migrate=False) as db:
        found = {"articles": db.query("SELECT * FROM articles ORDER BY id")}
        for table in TABLES:
            found[table] = db.query(f"SELECT * FROM {table} ORDER BY article_id, idx")
        found["minhashes"] = db.query("SELECT article_id, signature FROM minhashes ORDER BY article_id")
    return found


def _signature(data: bytes, k: int) -> bytes:
    """Copy ``k``'s near-duplicate signature: the original's for copy 0, else one scrambled by ``k``.

    The copies stand for distinct articles, so each one's signature is its own (the near-duplicate
    index then holds one signature per article, as a real store of that size does, and a new article
    that resembles an original is not a near-copy of every copy of it).
    """
    if k == 0:
        return bytes(data)
    values = np.frombuffer(bytes(data), dtype="<u8").astype(np.uint64)
    salt = np.uint64(int.from_bytes(hashlib.sha256(str(k).encode()).digest()[:4], "little"))
    mixed = (values * np.uint64(2654435761) + salt) % np.uint64(_SIGNATURE_MOD)
    return mixed.astype("<u8").tobytes()


def _copy(rows: dict[str, list[Row]], k: int, days: int) -> Iterator[tuple[str, list[Row]]]:
    """Copy ``k`` of every row: new article ids and names, days moved, clusters left to ``recluster``."""
    ids = {r["id"]: hashlib.sha256(f"{r['id']}|{k}".encode()).hexdigest() for r in rows["articles"]}
    articles = []
    for r in rows["articles"]:
        edition = r["edition"] and _shift(r["edition"], days)
        articles.append(
            {
                **r,
                "id": ids[r["id"]],
                "text_hash": ids[r["id"]],
                "doc": f"{r['doc']}#{k}",
                "published": _shift(r["published"], days),
                "edition": edition or "",
            }
        )
    yield "articles", articles
    for table in TABLES:
        out = [{**r, "article_id": ids[r["article_id"]]} for r in rows[table]]
        if table == "events":
            out = [
                {**r, "day": _shift(r["day"], days), "date": _shift(r["date"], days), "cluster_id": None} for r in out
            ]
        yield table, out
    yield (
        "minhashes",
        [{"article_id": ids[r["article_id"]], "signature": _signature(r["signature"], k)} for r in rows["minhashes"]],
    )


def build(source: str, url: str, events: int, shift_days: int) -> dict[str, Any]:
    rows = _source(source)
    per_copy = max(1, len(rows["events"]))
    copies = max(1, -(-events // per_copy))
    started = time.perf_counter()
    with Database(url) as db:
        without_counts(db)  # counted once the load is done
        for k in range(copies):
            with db.transaction():
                for table, out in _copy(rows, k, k * shift_days):
                    if out:
                        names = list(out[0])
                        insert_rows(db, table, names, [[r[n] for n in names] for r in out])
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        clusters = cluster_new(db)  # one pass per group, page tables filled set-wise
        with db.transaction():
            claims_sql.rebuild(db)  # what the writer keeps per source as it stores an article, counted once
        if db.dialect == "postgresql":  # planner statistics and the visibility map, as autovacuum would leave them
            db.execute("VACUUM ANALYZE")
        counts = {t: int(db.scalar(f"SELECT COUNT(*) FROM {t}") or 0) for t in ("articles", "events", "quantities")}
    return {
        "copies": copies,
        "load_s": round(loaded, 1),
        "cluster_s": round(time.perf_counter() - started, 1),
        "clusters": clusters,
        **counts,
    }


def _stored(url: str) -> dict[str, Any]:
    """What an existing store holds (``--existing``: built by an earlier run), brought to this schema."""
    with Database(url) as db:
        found = {t: int(db.scalar(f"SELECT COUNT(*) FROM {t}") or 0) for t in ("articles", "events", "quantities")}
        return {"existing": True, "clusters": int(db.scalar("SELECT COUNT(*) FROM clusters") or 0), **found}


def _percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1), "n": len(times)}


def time_routes(url: str, requests: int, seed: int = 1) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from sitrep.web.app import create_app
    from sitrep.web.settings import Settings

    rng = random.Random(seed)
    with Database(url) as db:
        ids = {
            "event": db.scalar("SELECT id FROM clusters ORDER BY mentions DESC LIMIT 1"),
            "article": db.scalar("SELECT id FROM articles ORDER BY id LIMIT 1"),
        }
    out: dict[str, Any] = {}
    with TestClient(create_app(Settings(db_url=url))) as client:
        for route in PAGES:
            out[route] = _timed(client, lambda r=route: r.format(**ids), requests)
        for route in LISTS:
            total = client.get(route, params={"limit": 1}).json().get("total", 0)
            out[f"GET {route}"] = _timed(
                client, lambda r=route, t=total: f"{r}?limit=100&offset={rng.randrange(max(1, t))}", requests
            )
    return out


def _timed(client: Any, path: Any, requests: int, budget_s: float = 60.0) -> dict[str, Any]:
    times: list[float] = []
    status = 0
    spent = 0.0
    while len(times) < requests and spent < budget_s:
        started = time.perf_counter()
        response = client.get(path(), headers={"accept": "text/html"})
        times.append(time.perf_counter() - started)
        spent += times[-1]
        status = response.status_code
    return {**_percentiles(times), "status": status}


def time_commands(url: str, runs: int = 3) -> dict[str, Any]:
    """Each CLI query command in a fresh process: its default page (50 rows), the median of ``runs`` runs,
    and ``events --all`` (every row streamed) once; seconds to the first row and to the end, and the rows
    written (CSV, less the header)."""
    out: dict[str, Any] = {}
    for command in COMMANDS:
        timed = [_command(url, command) for _ in range(1 if "--all" in command else runs)]
        middle = sorted(timed, key=lambda t: t["s"])[len(timed) // 2]
        out[" ".join(command)] = {**middle, "runs_s": [t["s"] for t in timed]}
    return out


def _command(url: str, command: list[str]) -> dict[str, Any]:
    started = time.perf_counter()
    first_row = None
    rows = -1
    with subprocess.Popen(
        [sys.executable, "-m", "sitrep.cli", *command, "--db", url, "--format", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        for _line in proc.stdout:
            rows += 1
            if rows == 1:
                first_row = time.perf_counter() - started
        note = proc.stderr.read().decode(errors="replace").strip()
        code = proc.wait()
    return {
        "s": round(time.perf_counter() - started, 2),
        "first_row_s": None if first_row is None else round(first_row, 2),
        "rc": code,
        "rows": max(0, rows) if code == 0 else None,
        "note": note.splitlines()[-1] if note else "",
    }


def corpus_folder(corpus: Path, source: str, count: int, out: Path) -> int:
    """Write up to ``count`` real documents of ``corpus`` to ``out`` whose text ``source`` does not hold.

    The White House pages are copied as they are; each presidential release (a CSV row) is written as
    Markdown with its headline, date and link in the front matter, read back as ``sitrep ingest`` reads it
    (``--text body --title headline --date date --url link`` gives the same article). The three series are
    taken in turn, in their own order, so the batch mixes them. Returns the number written.
    """
    from sitrep.ingest.reader import read_path
    from sitrep.ingest.sources import Columns, iter_sources
    from sitrep.model import Article
    from sitrep.store.writer import article_id

    with Database(source, migrate=False) as db:
        known = {str(r["text_hash"]) for r in db.query("SELECT text_hash FROM articles")}
    columns = Columns(text="body", title="headline", date="date", url="link")
    series = [
        iter_sources([str(corpus / "whitehouse" / "docs")], columns),
        iter_sources([str(corpus / "presidential-releases" / "putin.csv")], columns),
        iter_sources([str(corpus / "presidential-releases" / "zelenskyy.csv")], columns),
    ]
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    while series and written < count:
        for items in list(series):
            item = next(items, None)
            if item is None:
                series.remove(items)
            elif isinstance(item, Article) and article_id(item.text) not in known and written < count:
                path = out / f"{written:05d}.md"
                if Path(item.doc).suffix == ".md":
                    shutil.copy(item.doc, path)
                else:
                    path.write_text(_markdown(item), encoding="utf-8")
                ident = article_id(read_path(path).text)
                if ident in known:  # the same text under another address: not new
                    path.unlink()
                    continue
                known.add(ident)
                written += 1
    return written


def _markdown(article: Any) -> str:
    fields = {"title": article.title, "date": article.published and article.published.isoformat()}
    fields["source_url"] = article.url
    head = "".join(f"{k}: {json.dumps(v)}\n" for k, v in fields.items() if v)
    return f"---\n{head}---\n\n{article.text}\n"


def time_ingest(url: str, folder: Path, count: int, work: Path) -> dict[str, Any]:
    """``sitrep ingest`` of ``count`` documents of ``folder`` into an empty store, then into the big one."""
    docs = work / "docs"
    docs.mkdir()
    files = sorted(p for p in folder.rglob("*") if p.is_file())[:count]
    for n, path in enumerate(files):
        shutil.copy(path, docs / f"{n:05d}-{path.name}")
    count = len(files)
    started = time.perf_counter()
    with Database(url) as db:  # the store at this schema, and the near-duplicate bands of copies loaded in bulk
        banded = fill_bands(db)
    out: dict[str, Any] = {"documents": count, "banded": banded, "banded_s": round(time.perf_counter() - started, 1)}
    empty = _empty_like(url, work)
    for name, target in (("empty", empty), ("big", url)):
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "sitrep.cli",
                "ingest",
                "--db",
                target,
                "--no-progress",
                "--workers",
                "1",
                str(docs),
            ],
            capture_output=True,
            check=False,
            text=True,
        )
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - used.ru_utime + after.ru_stime - used.ru_stime  # the ingest process (not the server)
        out[name] = {
            "s": round(elapsed, 1),
            "docs_per_s": round(count / elapsed, 2),
            "cpu_s": round(cpu, 1),
            "docs_per_cpu_s": round(count / cpu, 2),
            "summary": done.stdout.strip() or done.stderr.strip()[-300:],
            "load_average": [round(x, 2) for x in os.getloadavg()],
        }
    out["big_over_empty"] = round(out["big"]["docs_per_s"] / out["empty"]["docs_per_s"], 3)
    out["big_over_empty_cpu"] = round(out["big"]["docs_per_cpu_s"] / out["empty"]["docs_per_cpu_s"], 3)
    _drop_empty(empty)
    return out


def _empty_like(url: str, work: Path) -> str:
    """An empty store of the same dialect: an SQLite file, or a new database on the same PostgreSQL server."""
    if "://" not in url:
        return str(work / "empty.db")
    import psycopg

    base, name = url.rsplit("/", 1)
    empty = f"{name}_empty_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{empty}"')
        conn.execute(f'CREATE DATABASE "{empty}"')
    return f"{base}/{empty}"


def _drop_empty(url: str) -> None:
    if "://" not in url:
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True, help="a store made by sitrep ingest: the facts to multiply")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default=None, help="SQLite path or PostgreSQL URL (empty); default a temporary file")
    parser.add_argument("--shift-days", type=int, default=4, help="days between copies (more than the 3-day window)")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--ingest", type=Path, default=None, help="a folder of new articles to ingest")
    parser.add_argument("--ingest-from-corpus", type=Path, default=None, help="write --ingest from this corpus")
    parser.add_argument("--ingest-count", type=int, default=1000)
    parser.add_argument("--ingest-only", action="store_true", help="time ingest alone (no pages, no commands)")
    parser.add_argument("--existing", action="store_true", help="time the store at --db as it is (built before)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sitrep-scale-"))
    url = args.db or str(work / "big.db")
    result: dict[str, Any] = {
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cpus, Python {platform.python_version()}",
        "date": dt.date.today().isoformat(),
        "dialect": "postgresql" if "://" in url else "sqlite",
        "target_events": args.events,
        "build": _stored(url) if args.existing else build(args.source, url, args.events, args.shift_days),
    }
    if not args.ingest_only:
        result["routes"] = time_routes(url, args.requests)
        result["commands"] = time_commands(url)
    folder = args.ingest
    if args.ingest_from_corpus:
        folder = folder or work / "corpus-docs"
        result["ingest_docs"] = corpus_folder(args.ingest_from_corpus, args.source, args.ingest_count, folder)
    if folder:
        result["ingest"] = time_ingest(url, folder, args.ingest_count, work)
    print(json.dumps(result, indent=2))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
