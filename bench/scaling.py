"""How Sitrep's own work grows with the length of one text, against bare spaCy.

Builds texts of the wanted sizes by repeating real paragraphs (the ``.txt`` gold
documents of ``tests/data/gold/docs`` and the seed article), in two shapes:

- ``paragraphs``: paragraphs separated by newlines, as in an ordinary article;
- ``line``:       the same paragraphs joined by spaces into one line.

For each text it times (a) bare spaCy, ``sitrep.nlp.pipeline.load_model()`` then
``nlp(text)``, and (b) Sitrep end to end, ``sitrep.service.analyze_text``; models are
loaded and warmed before timing. ``overhead_s_per_10k`` is ``(b - a)`` per 10,000
characters: flat across sizes when Sitrep's components scale linearly.

(a) and (b) are two long runs whose difference is small, so on a shared machine that
difference is mostly noise. ``own_s`` measures Sitrep's own work directly instead, in
one more run: reading and cleaning the text, Sitrep's pipeline components
(``sitrep_*``) one by one and building the report; ``own_s_per_10k`` is that per
10,000 characters. Times are CPU seconds of this process (``--clock wall`` for wall
clock); each is the fastest of ``--repeat`` runs. Prints one JSON object with a row
per text, the 128k/32k ratios of both overheads per shape when both sizes were run,
and the peak RSS of the process.

A single line longer than 200,000 characters is refused by the input limits
(``SITREP_MAX_LINE_CHARS``), so this script raises that limit for itself unless it is
set already.

Usage: ``python bench/scaling.py [--sizes 8000,32000,128000] [--shapes paragraphs,line]
[--repeat 1]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from collections.abc import Callable
from functools import partial
from itertools import cycle
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
SOURCES = [
    *sorted((ROOT / "tests" / "data" / "gold" / "docs").glob("*.txt")),
    ROOT.parent / "shared" / "seed" / "us-aid-pause-article.txt",
]
os.environ.setdefault("SITREP_MAX_LINE_CHARS", "2000000")


def paragraphs() -> list[str]:
    """Non-empty paragraphs of the source documents, in file order."""
    found: list[str] = []
    for path in SOURCES:
        if path.is_file():
            found.extend(p.strip() for p in path.read_text(encoding="utf-8").splitlines() if len(p.strip()) > 40)
    if not found:
        raise SystemExit("no source paragraphs found")
    return found


def build_text(size: int, shape: str, paras: list[str]) -> str:
    """Whole paragraphs repeated until the text is about ``size`` characters (never over)."""
    sep = "\n" if shape == "paragraphs" else " "
    parts: list[str] = []
    length = 0
    for para in cycle(paras):
        if length + len(para) + len(sep) > size:
            break
        parts.append(para)
        length += len(para) + len(sep)
    return sep.join(parts) + "\n"


CLOCKS: dict[str, Callable[[], float]] = {"cpu": time.process_time, "wall": time.perf_counter}


def best_time(run: Callable[[], Any], repeat: int, clock: Callable[[], float]) -> float:
    """Fastest of ``repeat`` runs, in seconds of ``clock``."""
    times = []
    for _ in range(repeat):
        start = clock()
        run()
        times.append(clock() - start)
    return min(times)


def own_time(text: str, clock: Callable[[], float]) -> float:
    """Seconds spent in Sitrep's own steps while analyzing ``text`` as ``analyze_text`` does."""
    from sitrep.ingest import read_text
    from sitrep.nlp.dates import infer_published
    from sitrep.nlp.mentions import Findings
    from sitrep.nlp.pipeline import get_nlp
    from sitrep.report import build_report

    nlp = get_nlp()
    start = clock()
    article = read_text(text, doc="<text>")
    doc = nlp.make_doc(article.text)
    doc._.sitrep = Findings(published=article.published or infer_published(article.text))
    spent = clock() - start
    for name, component in nlp.pipeline:
        start = clock()
        doc = component(doc)
        spent += clock() - start if name.startswith("sitrep_") else 0.0
    start = clock()
    build_report(doc, article)
    return spent + clock() - start


def measure(sizes: list[int], shapes: list[str], repeat: int, clock_name: str) -> dict[str, Any]:
    """Time bare spaCy and Sitrep on each size and shape."""
    from sitrep.nlp.pipeline import load_model
    from sitrep.service import analyze_text

    clock = CLOCKS[clock_name]
    bare = load_model()
    bare.max_length = max(bare.max_length, max(sizes) + 1)
    paras = paragraphs()
    analyze_text(build_text(4000, "paragraphs", paras))  # warm Sitrep's pipeline and lexicons
    bare(paras[0])
    rows = []
    for shape in shapes:
        for size in sizes:
            text = build_text(size, shape, paras)
            bare_s = best_time(partial(bare, text), repeat, clock)
            sitrep_s = best_time(partial(analyze_text, text), repeat, clock)
            own_s = min(own_time(text, clock) for _ in range(repeat))
            rows.append(
                {
                    "shape": shape,
                    "size": size,
                    "chars": len(text),
                    "bare_spacy_s": round(bare_s, 3),
                    "sitrep_s": round(sitrep_s, 3),
                    "overhead_s_per_10k": round((sitrep_s - bare_s) / len(text) * 10_000, 4),
                    "own_s": round(own_s, 3),
                    "own_s_per_10k": round(own_s / len(text) * 10_000, 4),
                }
            )
    return {"clock": clock_name, "rows": rows, "ratios": ratios(rows), "peak_rss_mb": peak_rss_mb()}


def ratios(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Per shape, the 128k/32k ratios of the overheads per 10k characters (1.0 = linear)."""
    found = {}
    for shape in sorted({r["shape"] for r in rows}):
        for key in ("overhead_s_per_10k", "own_s_per_10k"):
            per = {r["size"] // 1000: r[key] for r in rows if r["shape"] == shape}
            if per.get(32) and per.get(128):
                found[f"{shape}_{key.removesuffix('_s_per_10k')}_128k_over_32k"] = round(per[128] / per[32], 2)
    return found


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (``ru_maxrss`` is KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="8000,32000,128000", help="text sizes in characters, comma-separated")
    parser.add_argument("--shapes", default="paragraphs,line", help="paragraphs, line or both")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measure; the fastest is kept")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu", help="CPU time of this process or wall clock")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = [s for s in args.shapes.split(",") if s]
    print(json.dumps(measure(sizes, shapes, max(1, args.repeat), args.clock), indent=2))


if __name__ == "__main__":
    main()
