"""Fast start-up: help and the commands that only read the store do not import spaCy or Dask.

Each check runs in a fresh interpreter, since this one has long since loaded the pipeline.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import sitrep
import sitrep.scale

HEAVY = ("spacy", "distributed", "dask", "pyarrow")

RUN_COMMANDS = """
import json, sys
from sitrep.cli import main

loaded = {}
for args in json.loads(sys.argv[1]):
    try:
        main(args, standalone_mode=False)
    except SystemExit:
        pass
    loaded[" ".join(args)] = [name for name in json.loads(sys.argv[2]) if name in sys.modules]
print(json.dumps(loaded))
"""


def heavy_modules_after(commands: list[list[str]], cwd: Path) -> dict[str, list[str]]:
    """For each command, run in turn in one new interpreter, the heavy modules loaded by then."""
    done = subprocess.run(
        [sys.executable, "-c", RUN_COMMANDS, json.dumps(commands), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=True,
    )
    result: dict[str, list[str]] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_importing_the_cli_loads_no_nlp_or_cluster_library() -> None:
    code = f"import sys, sitrep.cli; print([m for m in {HEAVY!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"


def test_help_and_store_commands_load_no_nlp_or_cluster_library(tmp_path: Path) -> None:
    db = str(tmp_path / "sitrep.db")
    commands = [
        ["--help"],
        ["ingest", "--help"],
        ["batch", "--help"],
        ["serve", "--help"],
        ["rejects", "--db", db],
        ["tracker", "aid", "--db", db],
        ["tracker", "territory", "--db", db],
        ["events", "--db", db],
        ["export", "--db", db, "--table", "events", "--out", str(tmp_path / "out")],
    ]
    loaded = heavy_modules_after(commands, tmp_path)
    assert loaded == {" ".join(args): [] for args in commands}


def test_the_public_api_is_still_importable_from_the_package() -> None:
    from sitrep import analyze_text
    from sitrep.scale import SitrepModel, run_batch
    from sitrep.service import analyze_text as from_service

    assert analyze_text is from_service
    assert run_batch.__module__ == "sitrep.scale.batch" and SitrepModel.__module__ == "sitrep.scale.worker"
    for package in (sitrep, sitrep.scale):
        assert set(package.__all__) <= set(dir(package))
        assert all(getattr(package, name) is not None for name in package.__all__)


@pytest.mark.parametrize("package", [sitrep, sitrep.scale], ids=["sitrep", "sitrep.scale"])
def test_an_unknown_name_is_still_an_attribute_error(package: object) -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = package.no_such_name  # type: ignore[attr-defined]
