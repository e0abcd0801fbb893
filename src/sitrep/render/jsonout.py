"""JSON renderings: the full report (schema in docs/report.schema.json) and facts lines."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from sitrep.model import Report


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as JSON-ready data, with its facts."""
    data = {f.name: _plain(getattr(report, f.name)) for f in dataclasses.fields(report) if f.name != "meta"}
    data["article"] = _plain(dataclasses.asdict(report.article))
    for key in ("sentences", "entities", "quantities", "events", "attributions", "signals"):
        data[key] = [_plain(dataclasses.asdict(v)) for v in getattr(report, key)]
    data["facts"] = report.facts()
    return data


def report_json(report: Report) -> str:
    """The report as one indented JSON document."""
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2)


def facts_lines(report: Report, doc: str | None = None) -> Iterator[str]:
    """One JSON line per fact; ``doc`` names the input when given."""
    for fact in report.facts():
        if doc is not None:
            fact = {"doc": doc, **fact}
        yield json.dumps(fact, ensure_ascii=False)
