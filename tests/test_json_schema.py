"""The JSON output validates against the published schema in docs/."""

from __future__ import annotations

import json

import jsonschema

from sitrep.model import Report
from sitrep.render import report_dict
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
