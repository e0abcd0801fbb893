"""Lexicons checked: typed cue sets fail at load naming the file and key, every cue key is read,
item categories are the contract's, and word lists in code carry their reason."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import json
import re
from pathlib import Path

import pytest

import sitrep.nlp.families
import sitrep.nlp.pipeline
import sitrep.service  # noqa: F401  (declares the source sites)
from sitrep.eventtypes import REGISTRY
from sitrep.nlp.cuesets import CUE_SETS, CueError, load_cues
from sitrep.nlp.families.seize import SeizeCues
from sitrep.nlp.lexicon import LEXICON_DIR, load_lexicons
from sitrep.nlp.signals import OpinionFinder, SignalCues
from sitrep.nlp.speechcues import AttributionCues, EvaluativeCues
from sitrep.nlp.triggers import TriggerIndex
from testdata import ROOT

SRC = ROOT / "src" / "sitrep" / "nlp"
CONTRACT = ROOT.parent / "shared" / "spec" / "facts.md"


# Every module that declares a cue set, imported whatever tests ran before (declaring is importing).
for _path in sorted((ROOT / "src" / "sitrep").rglob("*.py")):
    if "@cueset(" in _path.read_text(encoding="utf-8") and _path.name != "cuesets.py":
        importlib.import_module(".".join(_path.relative_to(ROOT / "src").with_suffix("").parts))


def _without(file: str, key: str) -> object:
    lex = load_lexicons()
    files = {stem: dict(data) for stem, data in lex.cue_files.items()}
    del files[file][key]
    return dataclasses.replace(lex, cue_files=files)


def test_a_missing_key_fails_at_load_naming_file_and_key() -> None:
    lex = _without("events", "seize_unreal")
    with pytest.raises(CueError, match=r"cues/events\.json: no cue list 'seize_unreal'"):
        load_cues(SeizeCues, lex)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cls", "file", "key"),
    [
        (AttributionCues, "attribution", "according_to"),
        (AttributionCues, "attribution", "speech_object"),
        (SignalCues, "signals", "page_widgets"),
        (SignalCues, "signals", "opinion"),
        (EvaluativeCues, "evaluative", "evaluative_words"),
    ],
)
def test_a_missing_key_of_the_speech_and_signal_cues_fails(cls: type, file: str, key: str) -> None:
    with pytest.raises(CueError, match=rf"cues/{file}\.json: no cue list '{key}'"):
        load_cues(cls, _without(file, key))  # type: ignore[arg-type]


def test_a_missing_opinion_list_fails_at_load() -> None:
    lex = load_lexicons()
    files = {stem: dict(data) for stem, data in lex.cue_files.items()}
    files["signals"]["opinion"] = {k: v for k, v in files["signals"]["opinion"].items() if k != "weak"}
    with pytest.raises(CueError, match=r"cues/signals\.json: opinion: no cue list 'weak'"):
        OpinionFinder(lex, load_cues(SignalCues, dataclasses.replace(lex, cue_files=files)).opinion)


def test_the_speech_and_signal_cue_sets_read_whole_files() -> None:
    lex = load_lexicons()
    for cls, file in ((AttributionCues, "attribution"), (SignalCues, "signals"), (EvaluativeCues, "evaluative")):
        cues = load_cues(cls, lex)
        keys = set(lex.cue_files[file]) - {"_about"}
        assert {f.name for f in dataclasses.fields(cls)} == keys
        assert all(getattr(cues, name) for name in keys)  # no list is empty


def test_a_missing_trigger_key_fails_at_load() -> None:
    with pytest.raises(CueError, match=r"cues/events\.json: no cue list 'seize'"):
        TriggerIndex(_without("events", "seize"))  # type: ignore[arg-type]


def test_a_key_of_the_wrong_shape_fails() -> None:
    lex = load_lexicons()
    files = {stem: dict(data) for stem, data in lex.cue_files.items()}
    files["events"]["seize_area_units"] = ["square kilometers"]
    with pytest.raises(CueError, match="seize_area_units"):
        load_cues(SeizeCues, dataclasses.replace(lex, cue_files=files))


def test_every_cue_key_is_read() -> None:
    read: dict[str, set[str]] = {}
    for cls, file in CUE_SETS:
        read.setdefault(file, set()).update(f.name for f in dataclasses.fields(cls))
    read.setdefault("events", set()).update(cue.key for spec in REGISTRY.values() for cue in spec.cues)
    unread = {}
    for path in sorted((LEXICON_DIR / "cues").glob("*.json")):
        keys = set(json.loads(path.read_text(encoding="utf-8"))) - {"_about"}
        if keys - read.get(path.stem, set()):
            unread[path.name] = sorted(keys - read.get(path.stem, set()))
    assert unread == {}


def _contract_categories() -> set[str]:
    text = CONTRACT.read_text(encoding="utf-8")
    section = text[text.index("Categories of weapons") : text.index("Money is not")]
    return set(re.findall(r"`([a-z_]+)`", section))


def test_item_categories_are_exactly_the_contracts() -> None:
    categories = {term.category for term in load_lexicons().items}
    people = {"civilian", "child", "military", "person"}
    assert categories | people == _contract_categories()
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    assert set(schema["$defs"]["category"]["enum"]) == _contract_categories()


def _word_sets(path: Path) -> list[ast.Assign | ast.AnnAssign]:
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            value = node.value
            if isinstance(value, ast.Call) and value.args and getattr(value.func, "id", "") in ("frozenset", "set"):
                value = value.args[0]
            elts = value.elts if isinstance(value, (ast.Set, ast.Tuple, ast.List)) else []
            if len(elts) >= 2 and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in elts):
                found.append(node)
    return found


def unexplained_word_sets(path: Path) -> list[int]:
    """Lines of module-level word sets with no comment above them (a run of them may share one) and no
    docstring right after."""
    lines = path.read_text(encoding="utf-8").splitlines()
    sets = _word_sets(path)
    ends = {node.end_lineno: node for node in sets}
    bad: list[int] = []
    for node in sets:
        above = node.lineno - 1
        while above in ends and above not in bad:  # a run of word sets under one comment
            above = ends[above].lineno - 1
        explained = above >= 1 and lines[above - 1].lstrip().startswith("#") and above not in bad
        after = lines[node.end_lineno] if node.end_lineno is not None and node.end_lineno < len(lines) else ""
        if not (explained or after.lstrip().startswith('"""')):
            bad.append(node.lineno)
    return bad


def test_word_lists_in_code_carry_their_reason() -> None:
    missing = {
        str(path.relative_to(ROOT)): lines
        for path in sorted(SRC.rglob("*.py"))
        if (lines := unexplained_word_sets(path))
    }
    assert missing == {}


def test_the_word_list_check_finds_a_bare_list(tmp_path: Path) -> None:
    code = tmp_path / "m.py"
    code.write_text('# grammar\nA = {"a", "b"}\nB = {"c", "d"}\n\nC = ("x", "y")\nD = {"e", "f"}\n"""Why D."""\n')
    assert unexplained_word_sets(code) == [5]
