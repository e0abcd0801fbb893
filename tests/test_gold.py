"""Gold-set gate: F1 per kind must stay at or above the floors pinned in floors.json.

Floors are only ever raised (see tests/data/gold/README.md).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from spacy.language import Language

from sitrep.evaluate import Scoreboard, load_gold
from sitrep.ingest import read_path
from sitrep.service import analyze
from testdata import GOLD

FLOORS = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_f1_at_or_above_floor(nlp: Language, name: str) -> None:
    board = Scoreboard()
    for doc in load_gold(GOLD / f"{name}.jsonl"):
        published = dt.date.fromisoformat(doc["published"]) if doc.get("published") else None
        report = analyze(read_path(doc["path"], published=published), nlp=nlp)
        board.add(doc["doc"], doc.get("facets") or (), doc["facts"], report.facts())
    result = board.result()
    low = {
        kind: (result[kind]["f1"], floor) for kind, floor in FLOORS[name].items() if (result[kind]["f1"] or 0.0) < floor
    }
    assert not low, f"{name}: F1 below its floor: {low}"
