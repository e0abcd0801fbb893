"""Gold-set gate: F1 per kind must stay at or above the floors pinned in floors.json.

Floors are only ever raised (see tests/data/gold/README.md). The same predictions are
also scored by the independent scorer ``../shared/tools/score.py`` (CI has ``../shared``);
the gate fails when the two scorers disagree on any count, so it cannot flatter Sitrep.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from sitrep.evaluate import Scoreboard, load_gold
from sitrep.ingest import read_path
from sitrep.service import analyze
from testdata import GOLD, ROOT

FLOORS = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))
SCORER = ROOT.parent / "shared" / "tools" / "score.py"
KINDS = ("quantity", "event", "attribution", "signal")


def independent_score(gold: Path, predicted: list[dict[str, Any]], folder: Path) -> dict[str, Any]:
    """The shared scorer's result for ``predicted`` facts (each carrying its ``doc``)."""
    pred = folder / f"{gold.stem}.pred.jsonl"
    pred.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in predicted), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def counts(result: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    return {kind: (result[kind]["tp"], result[kind]["fp"], result[kind]["fn"]) for kind in KINDS}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_f1_at_or_above_floor(nlp: Language, name: str, tmp_path: Path) -> None:
    board = Scoreboard()
    predicted: list[dict[str, Any]] = []
    for doc in load_gold(GOLD / f"{name}.jsonl"):
        published = dt.date.fromisoformat(doc["published"]) if doc.get("published") else None
        facts = analyze(read_path(doc["path"], published=published), nlp=nlp).facts()
        board.add(doc["doc"], doc.get("facets") or (), doc["facts"], facts)
        predicted += [{"doc": doc["path"], **fact} for fact in facts]
    result = board.result()
    shared = independent_score(GOLD / f"{name}.jsonl", predicted, tmp_path)
    assert counts(result) == counts(shared), f"{name}: sitrep eval and score.py disagree"
    low = {
        kind: (result[kind]["f1"], floor) for kind, floor in FLOORS[name].items() if (result[kind]["f1"] or 0.0) < floor
    }
    assert not low, f"{name}: F1 below its floor: {low}"
