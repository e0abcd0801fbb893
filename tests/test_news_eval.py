"""tools/news_eval.py: committed gold keeps spans, not words; build restores the quotes; no texts: exit 3."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from toolmodules import load_tool

TOOL = Path(__file__).resolve().parent.parent / "tools" / "news_eval.py"
TEXT = "Harbour reopens\n\nThe port authority said the harbour would reopen on Friday. Ferries sailed again.\n"




@pytest.fixture()
def tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    module = load_tool("news_eval")
    for name in ("TEXTS", "BUILD", "GOLD"):
        monkeypatch.setattr(module, name, tmp_path / name.lower())
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "dev-901.txt").write_text(TEXT, encoding="utf-8")
    return module


def _entry(module: ModuleType) -> dict[str, object]:
    return {"id": "dev-901", "set": "dev", "sha256": module.sha256_text(TEXT), "published": "2031-03-02",
            "outlet": "Harbour Times", "url": "https://example.org/harbour"}


def _working(tmp_path: Path, quote: str) -> Path:
    path = tmp_path / "dev-901.json"
    facts = [{"kind": "attribution", "source": "port authority", "source_kind": "official_body", "quote": quote}]
    path.write_text(json.dumps({"doc": "texts/dev-901.txt", "published": "2031-03-02", "facts": facts}), "utf-8")
    return path


def test_encode_keeps_no_words_and_build_restores_the_quote(tool: ModuleType, tmp_path: Path) -> None:
    entry = _entry(tool)
    line = tool.encode_one(_working(tmp_path, "the harbour would reopen"), tool.TEXTS, {"dev-901": entry})
    assert "harbour" not in json.dumps(line)
    assert line["facts"][0]["span"] == [TEXT.index("the harbour"), TEXT.index(" on Friday")]
    (tool.BUILD / "docs").mkdir(parents=True)
    rebuilt = tool.build_gold_line(line, entry)
    assert rebuilt["facts"][0]["quote"] == "the harbour would reopen"
    article = (tool.BUILD / "docs" / "dev-901.md").read_text(encoding="utf-8")
    assert article.startswith('---\ndate: "2031-03-02"\n') and article.endswith(TEXT)


def test_a_quote_not_in_the_text_is_refused(tool: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(tool.EvalError, match="not in the text") as caught:
        tool.encode_one(_working(tmp_path, "the harbour stays shut"), tool.TEXTS, {"dev-901": _entry(tool)})
    assert caught.value.code == tool.EXIT_USAGE


def test_a_changed_text_is_a_mismatch(tool: ModuleType, tmp_path: Path) -> None:
    entry = _entry(tool)
    line = tool.encode_one(_working(tmp_path, "Ferries sailed again"), tool.TEXTS, {"dev-901": entry})
    (tool.TEXTS / "dev-901.txt").write_text(TEXT.replace("Friday", "Monday"), encoding="utf-8")
    (tool.BUILD / "docs").mkdir(parents=True)
    with pytest.raises(tool.EvalError, match="SHA-256") as caught:
        tool.build_gold_line(line, entry)
    assert caught.value.code == tool.EXIT_MISMATCH


def test_without_the_repositories_it_says_what_is_missing_and_exits_3(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(TOOL), "build", "--mirrors", str(tmp_path / "none")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 3
    assert "news texts are missing" in proc.stderr and "dev-001" in proc.stderr


def test_encoding_one_set_leaves_the_other_sets_gold_alone(
    tool: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = {**_entry(tool), "set": "dev2"}
    monkeypatch.setattr(tool, "manifest", lambda: {"dev-901": entry})
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "dev.jsonl").write_text('{"id": "dev-001"}\n', encoding="utf-8")
    src = tmp_path / "src"
    src.mkdir()
    _working(tmp_path, "the harbour would reopen").rename(src / "dev-901.json")
    assert tool.encode(src, tool.TEXTS) == tool.EXIT_OK
    assert (tmp_path / "gold" / "dev.jsonl").read_text(encoding="utf-8") == '{"id": "dev-001"}\n'
    assert json.loads((tmp_path / "gold" / "dev2.jsonl").read_text(encoding="utf-8"))["id"] == "dev-901"
