"""Speed-up of ``sitrep batch`` on two Dask worker processes over one, as a team runs it.

For each worker count (default 1, then 2) a ``dask scheduler`` process and that many
``dask worker`` processes (one thread each) are started on loopback, the workers are waited
for, and ``sitrep batch --scheduler tcp://...`` analyzes the same N news-length documents of
``../shared/corpus`` (releases of 550-850 words, as ``bench/throughput.py --mix news`` picks
them) into a fresh Parquet folder. Timed: the whole ``sitrep batch`` command (reading,
each worker's model load when the plugin registers, analysis, writing), wall clock.
The scheduler and workers are stopped between counts, so each count starts cold.
Prints one JSON object: seconds and docs/s per worker count, the speed-up of the largest
count over one worker, and the machine with its load average before and after.

Usage: ``python bench/dask_speedup.py [--docs 120] [--workers 1,2] [--partition-size 8]``
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from throughput import DEFAULT_CORPUS, _machine, prepare

BIN = Path(sys.executable).parent
SRC = str(Path(__file__).resolve().parents[1] / "src")
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (SRC, os.environ.get("PYTHONPATH")) if p)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for_workers(address: str, count: int, timeout: float = 300) -> None:
    from distributed import Client

    with Client(address, timeout=f"{timeout:.0f}s") as client:
        client.wait_for_workers(count, timeout=timeout)


def _start(address: str, workers: int, logs: Path) -> list[subprocess.Popen[bytes]]:
    port = address.rsplit(":", 1)[1]
    log = (logs / "dask.log").open("ab")
    started = [
        subprocess.Popen(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=ENV,
        )
    ]
    for n in range(workers):
        options = ["--nworkers", "1", "--nthreads", "1", "--no-dashboard", "--name", f"w{n}"]
        started.append(
            subprocess.Popen(
                [str(BIN / "dask"), "worker", address, *options], stdout=log, stderr=subprocess.STDOUT, env=ENV
            )
        )
    return started


def _stop(started: list[subprocess.Popen[bytes]]) -> None:
    for proc in reversed(started):
        proc.terminate()
    for proc in reversed(started):
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def time_batch(workdir: Path, workers: int, partition: int) -> dict[str, Any]:
    """One cold run of ``sitrep batch`` on ``workers`` worker processes; seconds and its summary line."""
    address = f"tcp://127.0.0.1:{_free_port()}"
    started = _start(address, workers, workdir)
    try:
        _wait_for_workers(address, workers)
        out = workdir / f"out-{workers}"
        command = [str(BIN / "sitrep"), "batch", "--scheduler", address, "--out", str(out)]
        command += ["--partition-size", str(partition), str(workdir / "releases.jsonl")]
        began = time.monotonic()
        run = subprocess.run(command, capture_output=True, text=True, env=ENV, check=False, timeout=3600)
        seconds = time.monotonic() - began
    finally:
        _stop(started)
    if run.returncode != 0:
        raise SystemExit(f"dask_speedup: sitrep batch on {workers} workers failed: {run.stderr[-500:]}")
    return {"workers": workers, "seconds": round(seconds, 1), "summary": run.stdout.strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=120, help="news-length documents (default 120)")
    parser.add_argument("--workers", default="1,2", help="worker counts to time, in order (default 1,2)")
    parser.add_argument("--partition-size", type=int, default=8, help="documents per task (default 8)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the shared corpus folder")
    args = parser.parse_args()
    report: dict[str, Any] = {"machine": _machine(), "docs": args.docs, "partition_size": args.partition_size}
    with tempfile.TemporaryDirectory(prefix="sitrep-dask-") as tmp:
        workdir = Path(tmp)
        report.update(prepare(args.corpus, args.docs, workdir, "news"))
        runs = [time_batch(workdir, int(n), args.partition_size) for n in args.workers.split(",")]
    for run in runs:
        run["docs_per_s"] = round(args.docs / run["seconds"], 2)
    report["runs"] = runs
    report["speedup"] = round(runs[0]["seconds"] / runs[-1]["seconds"], 2)
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
