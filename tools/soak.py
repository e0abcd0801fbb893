"""Run a test file again and again while other CPU-bound processes load the machine; JSON out.

Checks that a test cannot flake under load (issue 12: the crash-safety tests must pass 10 times
in a row while two other CPU-bound processes run). Each burner is a separate Python process
spinning on arithmetic at normal priority, started before the first run and stopped after the
last. Runs stop at the first failure. One JSON object per run on stdout as it ends, then a summary:
runs passed in a row, seconds per run, the 1-minute load average seen at the end of each run.

Usage: ``python tools/soak.py [--runs 10] [--burners 2] TEST_PATH [-- PYTEST_ARGS...]``.
Exit code 0 when every run passed, 1 at the first failing run (its pytest output tail is printed).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from multiprocessing.synchronize import Event


def burn(stop: Event) -> None:
    """Keep one core busy until told to stop."""
    x = 0
    while not stop.is_set():
        for i in range(200_000):
            x = (x * 31 + i) % 1_000_003


def run_once(test: str, extra: Sequence[str]) -> tuple[bool, float, str]:
    """One pytest run of ``test``: passed, seconds, the tail of its output."""
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-s", test, *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.returncode == 0, time.monotonic() - started, (proc.stdout + proc.stderr)[-3000:]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("test", help="the test file (or node id) to run again and again")
    parser.add_argument("--runs", type=int, default=10, help="runs in a row (default 10)")
    parser.add_argument("--burners", type=int, default=2, help="CPU-bound processes alongside (default 2)")
    parser.add_argument("pytest_args", nargs="*", help="more pytest arguments (after --)")
    args = parser.parse_args(argv)
    stop = multiprocessing.Event()
    burners = [multiprocessing.Process(target=burn, args=(stop,), daemon=True) for _ in range(args.burners)]
    for proc in burners:
        proc.start()
    passed, seconds, started = 0, [], time.time()
    try:
        for number in range(1, args.runs + 1):
            ok, took, tail = run_once(args.test, args.pytest_args)
            seconds.append(round(took, 1))
            load = round(os.getloadavg()[0], 2)
            print(json.dumps({"run": number, "passed": ok, "s": round(took, 1), "load_1min": load}), flush=True)
            if not ok:
                sys.stderr.write(tail + "\n")
                break
            passed += 1
    finally:
        stop.set()
        for proc in burners:
            proc.join(timeout=10)
    summary = {
        "test": args.test,
        "runs": args.runs,
        "passed_in_a_row": passed,
        "burners": args.burners,
        "cpus": os.cpu_count(),
        "seconds_per_run": seconds,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
    }
    print(json.dumps(summary), flush=True)
    return 0 if passed == args.runs else 1


if __name__ == "__main__":
    raise SystemExit(main())
