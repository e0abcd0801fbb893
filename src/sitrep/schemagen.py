"""The event enums of ``docs/report.schema.json``, generated from the event-type registry.

``python -m sitrep.schemagen`` rewrites the schema file in place; ``--check`` exits 1 when
the file is out of step with ``sitrep.eventtypes`` (tests/test_json_schema.py runs the
same check). Only the parts the registry owns are written: the quantity ``event`` and
``measure`` enums, the event ``type`` and ``phase`` enums, and the event's ``area_km2``.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path
from typing import Any

from sitrep.eventtypes import EVENT_TYPES, QUANTITY_EVENTS, event_phases, quantity_measures

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"


def generated(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with its registry-owned parts written from the registry."""
    out = copy.deepcopy(schema)
    quantity = out["properties"]["quantities"]["items"]["properties"]
    quantity["event"] = {"enum": [t.value for t in QUANTITY_EVENTS]}
    quantity["measure"] = {"enum": list(quantity_measures())}
    event = out["properties"]["events"]["items"]["properties"]
    event["type"] = {"enum": [t.value for t in EVENT_TYPES]}
    event["phase"] = {"enum": list(event_phases())}
    event["area_km2"] = {"type": ["number", "null"], "description": "SEIZE: the area taken, in square kilometers"}
    return out


def dump(schema: dict[str, Any]) -> str:
    """The schema as the file holds it (one-space indent, a final newline)."""
    return json.dumps(schema, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the schema file is out of step")
    parser.add_argument("--path", type=Path, default=SCHEMA)
    args = parser.parse_args(argv)
    text = args.path.read_text(encoding="utf-8")
    fresh = dump(generated(json.loads(text)))
    if args.check:
        if fresh != text:
            sys.stderr.write(
                f"{args.path}: event enums out of step with sitrep.eventtypes; run python -m sitrep.schemagen\n"
            )
            return 1
        return 0
    args.path.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
