"""The JSON output validates against the published schema in docs/."""

from __future__ import annotations

import json
from collections.abc import Callable

import jsonschema

from sitrep.model import Report
from sitrep.render import report_dict
from sitrep.render.text import render_text
from testdata import ROOT

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))


def test_seed_report_validates(seed_report: Report) -> None:
    jsonschema.validate(report_dict(seed_report), SCHEMA)


def test_schema_rejects_an_unknown_signal(seed_report: Report) -> None:
    data = report_dict(seed_report)
    data["signals"][0]["signal"] = "rumour"
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError:
        return
    raise AssertionError("an unknown signal kind passed the schema")


def test_a_resolved_speaker_validates_with_its_words_as_written(analyze_text: Callable[..., Report]) -> None:
    report = analyze_text("Anna Kowalska runs the shelter in Lviv. She said forty families arrived on Sunday.")
    data = report_dict(report)
    jsonschema.validate(data, SCHEMA)
    assert {"source": "Anna Kowalska", "as_written": "She"}.items() <= data["attributions"][-1].items()
    assert "[as “She”]" in render_text(report)
    assert all("as_written" not in fact for fact in report.facts())
