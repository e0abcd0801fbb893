"""Measure Sitrep's ``opinion`` signal against CLEF CheckThat! subjectivity sentences.

Each sentence of the eval set (TSV files with ``sentence`` and ``label`` columns, label
``SUBJ`` or ``OBJ``) is analysed on its own as a one-sentence ``Article``. A sentence
counts as predicted SUBJ when Sitrep raises at least one ``opinion`` signal on it.
Prints one JSON object: precision, recall and F1 of SUBJ, the confusion counts and the
runtime.

The eval set is CC BY-NC-SA 4.0: it is read for measurement only. Nothing from it is
copied into the repository or used to choose lexicon entries.

Usage: ``python bench/opinion_eval.py [PATH] [--split REL ...] [--limit N]``. ``PATH`` is
the eval set folder (default ``../shared/eval/checkthat-subjectivity-en``) or one TSV file.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sitrep.model import Article
from sitrep.nlp.pipeline import get_nlp
from sitrep.service import analyze_many

DEFAULT_PATH = Path("../shared/eval/checkthat-subjectivity-en")
# The held-out test splits of the 2024 and 2025 editions (484 + 300 sentences).
DEFAULT_SPLITS = ("2024/test_en_gold.tsv", "2025/test_en_labeled.tsv")


@dataclass(frozen=True)
class Item:
    """One labelled sentence."""

    sentence: str
    subjective: bool


def read_tsv(path: Path) -> Iterator[Item]:
    """The labelled sentences of one CheckThat! TSV file (columns found by header name)."""
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = (row.get("label") or "").strip().upper()
            sentence = (row.get("sentence") or "").strip()
            if sentence and label in ("SUBJ", "OBJ"):
                yield Item(sentence, label == "SUBJ")


def load_items(path: Path, splits: Sequence[str], limit: int | None, seed: int) -> list[Item]:
    """The eval items: one file, or the given splits of a folder; optionally a random sample."""
    files = [path] if path.is_file() else [path / split for split in splits]
    items = [item for file in files for item in read_tsv(file)]
    if limit is not None and limit < len(items):
        items = random.Random(seed).sample(items, limit)
    return items


def flagged(items: Sequence[Item]) -> list[bool]:
    """Whether Sitrep raises an ``opinion`` signal on each sentence."""
    articles = [Article(text=item.sentence, doc=f"checkthat-{n}") for n, item in enumerate(items)]
    reports = analyze_many(articles, nlp=get_nlp(), batch_size=64)
    return [any(s.signal == "opinion" for s in report.signals) for report in reports]


def scores(items: Sequence[Item], predicted: Sequence[bool]) -> dict[str, object]:
    """Macro-F1 (the lab's measure: the mean of the F1 of SUBJ and of OBJ), precision, recall and F1 of SUBJ,
    and the confusion counts."""
    tp = sum(1 for i, p in zip(items, predicted, strict=True) if p and i.subjective)
    fp = sum(1 for i, p in zip(items, predicted, strict=True) if p and not i.subjective)
    fn = sum(1 for i, p in zip(items, predicted, strict=True) if not p and i.subjective)
    tn = len(items) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    obj_f1 = 2 * tn / (2 * tn + fp + fn) if tn else 0.0  # F1 of OBJ: its precision and recall, combined
    return {
        "macro_f1": _round((f1 + obj_f1) / 2),
        "obj_f1": _round(obj_f1),
        "precision": _round(precision),
        "recall": _round(recall),
        "f1": _round(f1),
        "counts": {"sentences": len(items), "subj": tp + fn, "obj": fp + tn, "tp": tp, "fp": fp, "fn": fn, "tn": tn},
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation and print the JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH, help="eval set folder or one TSV file")
    parser.add_argument("--split", action="append", help="TSV file inside the folder (repeatable)")
    parser.add_argument("--limit", type=int, help="evaluate a random sample of this many sentences")
    parser.add_argument("--seed", type=int, default=13, help="seed of the sample")
    args = parser.parse_args(argv)
    splits = args.split or list(DEFAULT_SPLITS)
    started = time.perf_counter()
    items = load_items(args.path, splits, args.limit, args.seed)
    result = scores(items, flagged(items))
    result["files"] = [str(args.path)] if args.path.is_file() else splits
    result["runtime_s"] = round(time.perf_counter() - started, 2)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
