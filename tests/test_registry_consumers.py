"""One place per event type: no file outside the registry names an event type as a bare string,
and the JSON schema's event enums are the registry's."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sitrep import schemagen
from sitrep.eventtypes import EventType
from testdata import ROOT

NAMES = "|".join(t.value for t in EventType)
BARE = re.compile(rf"""["']({NAMES})["']""")
#: Where event types may be named as strings: the registry, the family modules, the cue files.
#: (Tests and docs lie outside ``src/`` and are not scanned; the schema is generated.)
ALLOWED = ("src/sitrep/eventtypes.py", "src/sitrep/nlp/families/", "src/sitrep/nlp/lexicons/")
SCANNED = (".py", ".html", ".js", ".css", ".json", ".jsonl", ".sql")


def naming_files(root: Path) -> dict[str, list[str]]:
    """Files under ``root/src`` that name an event type as a bare string, with the lines that do."""
    found: dict[str, list[str]] = {}
    for path in sorted((root / "src").rglob("*")):
        rel = path.relative_to(root).as_posix()
        if not path.is_file() or path.suffix not in SCANNED or rel.startswith(ALLOWED):
            continue
        lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
        hits = [line for line in lines if BARE.search(line)]
        if hits:
            found[rel] = hits
    return found


def test_no_bare_event_types_outside_the_registry() -> None:
    assert naming_files(ROOT) == {}


def test_the_scan_finds_a_bare_type(tmp_path: Path) -> None:
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "src" / "pkg" / "mod.py").write_text('KIND = "SEIZE"\n', encoding="utf-8")
    (tmp_path / "src" / "sitrep" / "nlp" / "families").mkdir(parents=True)
    (tmp_path / "src" / "sitrep" / "nlp" / "families" / "x.py").write_text('K = "AID"\n', encoding="utf-8")
    assert naming_files(tmp_path) == {"src/pkg/mod.py": ['KIND = "SEIZE"']}


def test_schema_enums_are_generated_from_the_registry() -> None:
    text = (ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8")
    assert schemagen.dump(schemagen.generated(json.loads(text))) == text, "run: python -m sitrep.schemagen"


def test_schema_check_fails_when_out_of_step(tmp_path: Path) -> None:
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["events"]["items"]["properties"]["type"]["enum"].remove("SEIZE")
    stale = tmp_path / "schema.json"
    stale.write_text(schemagen.dump(schema), encoding="utf-8")
    assert schemagen.main(["--check", "--path", str(stale)]) == 1
    assert schemagen.main(["--path", str(stale)]) == 0
    assert schemagen.main(["--check", "--path", str(stale)]) == 0
