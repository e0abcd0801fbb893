"""Throughput and memory of Sitrep against the bare spaCy pipeline it is built on.

On the same N documents of ``../shared/corpus`` (one in five a White House briefing
page, the rest Kremlin and President of Ukraine releases, picked evenly through each
source), in one run, each phase in a fresh interpreter so its memory is its own:

- ``bare_spacy``   (a) ``spacy.load`` of Sitrep's model, ``nlp.pipe`` with the same batch
                   size and process count;
- ``sitrep_facts`` (b) Sitrep end to end: ingest readers, the full pipeline on
                   ``--processes`` workers (``sitrep.parallel``), ``Report.facts()``;
- ``sitrep_ingest`` (c) the ``sitrep ingest`` command into a fresh SQLite file; when it
                   runs on fewer processes than (a), (a) is run again on as many
                   (``bare_spacy_ingest_processes``) so that c/a compares like with like.

Times are wall clock and include starting the interpreter's model(s); words are
whitespace-separated words of the source texts. Peak RSS is ``ru_maxrss`` of the phase
process and of its largest child process (a worker). ``--docs`` beyond the corpus size
cycles through it again (each copy made unique), so ``--docs 3000`` checks that memory
stays flat for a run ten times the default. Prints one JSON object.

Usage: ``python bench/throughput.py [--docs 300] [--processes N] [--batch-size 16]
[--corpus ../shared/corpus] [--phases a,b,c]``
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import cycle, islice
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
DEFAULT_CORPUS = HERE.parents[2] / "shared" / "corpus"
BRIEFING_SHARE = 5  # one document in five is a (long) White House page
TARGETS = {"b/a": 1.25, "c/a": 1.4, "docs_per_s_700_words": 10.0, "peak_rss_mb_per_process": 600.0}


# ---------------------------------------------------------------- the documents


NEWS_WORDS = (550, 850)  # "news-length": releases of about 700 words


def _csv_rows(path: Path, news: bool = False) -> Iterator[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    low, high = NEWS_WORDS if news else (0, sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            body = row.get("body") or ""
            if len(body) >= 200 and low <= len(body.split()) <= high:
                yield row


def _every(items: Iterator[Any], total: int, wanted: int) -> Iterator[Any]:
    """About ``wanted`` items spread evenly through ``total``, cycling when ``wanted > total``."""
    step = max(1, total // max(wanted, 1))
    return islice(cycle(islice(items, 0, None, step)) if wanted > total else islice(items, 0, None, step), wanted)


def _releases(corpus: Path, wanted: int, news: bool) -> Iterator[dict[str, str]]:
    files = sorted((corpus / "presidential-releases").glob("*.csv"))
    shares = [wanted // len(files) + (i < wanted % len(files)) for i in range(len(files))]
    for path, share in zip(files, shares, strict=True):
        total = sum(1 for _ in _csv_rows(path, news))
        yield from _every(_csv_rows(path, news), total, share)


def _briefings(corpus: Path, wanted: int) -> Iterator[Path]:
    paths = sorted((corpus / "whitehouse" / "docs").rglob("*.md"))
    return _every(iter(paths), len(paths), wanted)


def prepare(corpus: Path, docs: int, workdir: Path, mix: str = "mixed") -> dict[str, int]:
    """Write the N documents under ``workdir`` (``docs/*.md`` and ``releases.jsonl``); count them.

    ``mix="mixed"``: one in five a White House page, the rest releases of any length;
    ``mix="news"``: only releases of 550-850 words (news length, about 700 words).
    """
    briefings = docs // BRIEFING_SHARE if mix == "mixed" else 0
    (workdir / "docs").mkdir()
    words = 0
    seen: set[Path] = set()
    for index, path in enumerate(_briefings(corpus, briefings)):
        text = path.read_text(encoding="utf-8") + (f"\n\nCopy {index}.\n" if path in seen else "")
        seen.add(path)
        (workdir / "docs" / f"{index:05d}.md").write_text(text, encoding="utf-8")
        words += len(text.split())
    with (workdir / "releases.jsonl").open("w", encoding="utf-8") as out:
        for index, row in enumerate(_releases(corpus, docs - briefings, mix == "news")):
            text = f"{row['body']}\n\nRelease {index}."  # unique, so ingest analyzes every copy
            record = {"text": text, "title": row["headline"], "date": row["date"], "url": row["link"]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            words += len(text.split())
    return {"docs": docs, "words": words}


# ---------------------------------------------------------------- the phases (one process each)


def _raw_texts(workdir: Path) -> Iterator[str]:
    """Source texts as a bare pipeline gets them: Markdown without its front matter, record bodies."""
    for path in sorted((workdir / "docs").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        yield text.split("\n---", 1)[1] if text.startswith("---") else text
    with (workdir / "releases.jsonl").open(encoding="utf-8") as handle:
        yield from (json.loads(line)["text"] for line in handle)


def phase_bare(workdir: Path, processes: int, batch_size: int) -> dict[str, Any]:
    from sitrep.nlp.pipeline import load_model

    nlp = load_model()  # spacy.load of Sitrep's model, nothing added
    tokens = sum(len(doc) for doc in nlp.pipe(_raw_texts(workdir), batch_size=batch_size, n_process=processes))
    return {"tokens": tokens}


def _articles(workdir: Path) -> Iterator[Any]:
    """Articles through Sitrep's readers: ``read_path`` for Markdown, ``read_text`` for records."""
    import dataclasses
    import datetime as dt

    from sitrep.ingest import read_path, read_text

    for path in sorted((workdir / "docs").glob("*.md")):
        yield read_path(path)
    with (workdir / "releases.jsonl").open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            record = json.loads(line)
            article = read_text(record["text"], doc=f"releases.jsonl:{number}")
            published = dt.date.fromisoformat(record["date"][:10])
            yield dataclasses.replace(article, title=record["title"], url=record["url"], published=published)


def phase_sitrep(workdir: Path, processes: int, batch_size: int) -> dict[str, Any]:
    from sitrep.model import Report
    from sitrep.parallel import analyze_parallel

    facts = failed = 0
    for result in analyze_parallel(_articles(workdir), processes, batch_size=batch_size):
        if isinstance(result, Report):
            facts += len(result.facts())
        else:
            failed += 1
    return {"facts": facts, "failed": failed}


def _sitrep_command() -> list[str]:
    """The installed ``sitrep`` script next to this interpreter (``python -m sitrep.cli`` lacks corpus commands)."""
    script = Path(sys.executable).with_name("sitrep")
    return [str(script)] if script.exists() else ["sitrep"]


def ingest_processes(processes: int) -> int:
    """How many processes ``sitrep ingest`` analyzes on: ``processes`` if it has ``--workers``, else 1."""
    helptext = subprocess.run([*_sitrep_command(), "ingest", "--help"], capture_output=True, text=True, check=False)
    return processes if "--workers" in helptext.stdout else 1


def phase_ingest(workdir: Path, processes: int, batch_size: int) -> dict[str, Any]:
    import sqlite3

    db = workdir / "bench.db"
    db.unlink(missing_ok=True)
    command = [*_sitrep_command(), "ingest", "--db", str(db), "--no-progress", "--batch-size", str(batch_size)]
    command += ["--workers", str(processes)] if ingest_processes(processes) > 1 else []
    command += [str(workdir / "docs"), str(workdir / "releases.jsonl")]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 3):
        raise RuntimeError(f"sitrep ingest exited {proc.returncode}: {proc.stderr.strip()[-400:]}")
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return {"stored": stored, "summary": proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""}


PHASES = {"a": phase_bare, "b": phase_sitrep, "c": phase_ingest}


def _peak_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # ru_maxrss is in KiB on Linux


def run_phase(name: str, workdir: Path, processes: int, batch_size: int) -> dict[str, Any]:
    """Run one phase in this process and measure it."""
    started = time.perf_counter()
    result = PHASES[name](workdir, processes, batch_size)
    seconds = time.perf_counter() - started
    peak = {"main": _peak_mb(resource.RUSAGE_SELF), "largest_child": _peak_mb(resource.RUSAGE_CHILDREN)}
    return {"seconds": round(seconds, 2), "processes": processes, "peak_rss_mb": peak, **result}


# ---------------------------------------------------------------- the orchestrator


def _spawn_phase(name: str, workdir: Path, processes: int, batch_size: int) -> dict[str, Any]:
    command = [sys.executable, str(HERE), "--phase", name, "--workdir", str(workdir)]
    command += ["--processes", str(processes), "--batch-size", str(batch_size)]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip()[-600:]}
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def _rates(result: dict[str, Any] | None, size: dict[str, int]) -> dict[str, Any] | None:
    if not result or "seconds" not in result:
        return result
    seconds = result["seconds"]
    words_per_s = size["words"] / seconds
    rates = {
        "docs_per_s": round(size["docs"] / seconds, 2),
        "words_per_s": round(words_per_s),
        "docs_per_s_700_words": round(words_per_s / 700, 2),
    }
    return {**rates, **result}


def _ratio(top: dict[str, Any] | None, bottom: dict[str, Any] | None) -> float | None:
    if not top or not bottom or "seconds" not in top or "seconds" not in bottom:
        return None
    return round(float(top["seconds"]) / float(bottom["seconds"]), 3)


def _machine() -> dict[str, Any]:
    lines = Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), platform.processor())
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "memory_gb": round(pages / 2**30, 1),
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _news_rate(report: dict[str, Any], sitrep: dict[str, Any]) -> float:
    """Docs/s at news length: measured on news-length documents, else scaled from words/s."""
    key = "docs_per_s" if report.get("mix") == "news" else "docs_per_s_700_words"
    return float(sitrep.get(key, 0))


def _targets(report: dict[str, Any]) -> dict[str, bool | None]:
    sitrep = report["sitrep_facts"] or {}
    ratios = report["ratios"]
    measured = (sitrep, report["sitrep_ingest"])  # the target is Sitrep's; (a) is the reference
    peaks = [max(p["peak_rss_mb"].values()) for p in measured if p and "peak_rss_mb" in p]
    return {
        "b/a<=1.25": None if ratios["b/a"] is None else ratios["b/a"] <= TARGETS["b/a"],
        "c/a<=1.4": None if ratios["c/a"] is None else ratios["c/a"] <= TARGETS["c/a"],
        ">=10 docs/s at 700 words": _news_rate(report, sitrep) >= TARGETS["docs_per_s_700_words"],
        "<=600 MB per process": bool(peaks) and max(peaks) <= TARGETS["peak_rss_mb_per_process"],
    }


def benchmark(args: argparse.Namespace) -> dict[str, Any]:
    report: dict[str, Any] = {"machine": _machine(), "batch_size": args.batch_size, "processes": args.processes}
    report["mix"] = args.mix
    phases = set(args.phases.split(","))
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        workdir = Path(tmp)
        size = prepare(args.corpus, args.docs, workdir, args.mix)
        report.update(size, mean_words_per_doc=round(size["words"] / size["docs"]))

        def run(name: str, processes: int) -> dict[str, Any] | None:
            return _rates(_spawn_phase(name, workdir, processes, args.batch_size), size) if name in phases else None

        report["bare_spacy"] = run("a", args.processes)
        report["sitrep_facts"] = run("b", args.processes)
        ingest_n = ingest_processes(args.processes)
        report["sitrep_ingest"] = run("c", ingest_n)
        same = ingest_n == args.processes
        report["bare_spacy_ingest_processes"] = None if same or "c" not in phases else run("a", ingest_n)
    base_c = report["bare_spacy"] if same else report["bare_spacy_ingest_processes"]
    report["ratios"] = {
        "b/a": _ratio(report["sitrep_facts"], report["bare_spacy"]),
        "c/a": _ratio(report["sitrep_ingest"], base_c),
    }
    report["targets"] = _targets(report)
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return report


def main() -> None:
    cores = len(os.sched_getaffinity(0))
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=300, help="documents per phase (default 300)")
    parser.add_argument("--processes", type=int, default=cores, help=f"processes (default all cores: {cores})")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size (default 16)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the shared corpus folder")
    parser.add_argument(
        "--mix", choices=("mixed", "news"), default="mixed", help="mixed briefings and releases, or news-length only"
    )
    parser.add_argument("--phases", default="a,b,c", help="which of a (bare spaCy), b (facts), c (ingest)")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.workdir, args.processes, args.batch_size)))
    else:
        print(json.dumps(benchmark(args), indent=1))


if __name__ == "__main__":
    main()
