"""tools/news_texts.py on a throwaway git repository made here (no network, no news mirrors)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from toolmodules import load_tool

TOOL = Path(__file__).resolve().parent.parent / "tools" / "news_texts.py"

ARTICLE_MD = """---
title: "Storm closes harbour &amp; ferry routes"
date: 2031-03-02
---
<p>A storm closed the <a href="x">harbour</a> on Monday.</p><p>CLICK HERE TO GET THE APP</p>
<figure><figcaption>Photo caption</figcaption></figure><p>Ferries will sail again on Wednesday.</p>
"""
RECORDS_JS = (
    "const data = "
    + json.dumps(
        {
            "value": [
                {"title": "Other", "body": "x"},
                {"title": "Court rules on bridge toll", "body": "The court ruled.\n\nTolls stay."},
            ]
        }
    )
    + ";\nexport default data;\n"
)




nt = load_tool("news_texts")


def _git(*args: str, cwd: Path) -> str:
    env_args = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *env_args, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture()
def mirror(tmp_path: Path) -> tuple[Path, str]:
    work = tmp_path / "work"
    (work / "posts").mkdir(parents=True)
    (work / "posts" / "storm.md").write_text(ARTICLE_MD, encoding="utf-8")
    (work / "data.js").write_text(RECORDS_JS, encoding="utf-8")
    _git("init", "-q", cwd=work)
    _git("add", ".", cwd=work)
    _git("commit", "-q", "-m", "articles", cwd=work)
    commit = _git("rev-parse", "HEAD", cwd=work).strip()
    mirrors = tmp_path / "mirrors"
    mirrors.mkdir()
    _git("clone", "-q", "--bare", str(work), str(mirrors / "own+proj" / "repo"), cwd=tmp_path)
    return mirrors, commit


def _manifest(path: Path, commit: str, sha_storm: str, sha_court: str, repo2: str = "own/proj") -> Path:
    rows = [
        {
            "id": "t-1",
            "set": "dev",
            "outlet": "Test",
            "repo": "own/proj",
            "commit": commit,
            "path": "posts/storm.md",
            "extract": "frontmatter-html-v1",
            "sha256": sha_storm,
        },
        {
            "id": "t-2",
            "set": "offtopic",
            "outlet": "Test",
            "repo": repo2,
            "commit": commit,
            "path": "data.js",
            "record": "value/1",
            "extract": "js-json-record-v1",
            "sha256": sha_court,
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_cleaning_keeps_headline_and_paragraphs_drops_html_and_promo() -> None:
    text = nt.extract_frontmatter_html(ARTICLE_MD.encode(), None)
    assert text == (
        "Storm closes harbour & ferry routes\n\nA storm closed the harbour on Monday.\n\n"
        "Ferries will sail again on Wednesday.\n"
    )


def test_rebuild_verifies_sha_and_writes_texts(mirror: tuple[Path, str], tmp_path: Path) -> None:
    mirrors, commit = mirror
    storm = nt.sha256_text(nt.extract_frontmatter_html(ARTICLE_MD.encode(), None))
    court = nt.sha256_text("Court rules on bridge toll\n\nThe court ruled.\n\nTolls stay.\n")
    manifest = _manifest(tmp_path / "m.jsonl", commit, storm, court)
    out = tmp_path / "texts"
    rc = nt.main(["--manifest", str(manifest), "--mirrors", str(mirrors), "--out", str(out), "-q"])
    assert rc == nt.EXIT_OK
    assert (out / "t-2.txt").read_text(encoding="utf-8").startswith("Court rules on bridge toll\n\n")
    assert nt.sha256_text((out / "t-1.txt").read_text(encoding="utf-8")) == storm


def test_wrong_sha_is_reported_and_not_written(
    mirror: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mirrors, commit = mirror
    manifest = _manifest(tmp_path / "m.jsonl", commit, "0" * 64, "1" * 64)
    out = tmp_path / "texts"
    rc = nt.main(["--manifest", str(manifest), "--mirrors", str(mirrors), "--out", str(out), "-q"])
    assert rc == nt.EXIT_MISMATCH
    assert not (out / "t-1.txt").exists()
    assert "t-1 [dev] mismatch" in capsys.readouterr().err


def test_missing_repository_is_named_and_exit_is_clean(
    mirror: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mirrors, commit = mirror
    storm = nt.sha256_text(nt.extract_frontmatter_html(ARTICLE_MD.encode(), None))
    manifest = _manifest(tmp_path / "m.jsonl", commit, storm, "2" * 64, repo2="nobody/absent")
    args = ["--manifest", str(manifest), "--mirrors", str(mirrors), "--out", str(tmp_path / "t"), "-q"]
    assert nt.main(args) == nt.EXIT_MISSING
    err = capsys.readouterr().err
    assert "t-2 [offtopic] missing: repository nobody/absent has no mirror under" in err
    assert nt.main([*args, "--allow-missing"]) == nt.EXIT_OK


def test_absent_commit_and_bad_manifest(mirror: tuple[Path, str], tmp_path: Path) -> None:
    mirrors, _ = mirror
    manifest = _manifest(tmp_path / "m.jsonl", "f" * 40, "0" * 64, "0" * 64)
    assert (
        nt.main(["--manifest", str(manifest), "--mirrors", str(mirrors), "--out", str(tmp_path / "t")])
        == nt.EXIT_MISSING
    )
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    assert nt.main(["--manifest", str(bad), "--mirrors", str(mirrors)]) == nt.EXIT_USAGE
