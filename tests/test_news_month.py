"""tools/news_month.py on a throwaway crawl repository made here (texts written for the test, no network)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from sitrep.ingest.markdown import parse_markdown
from toolmodules import load_tool

TOOLS = Path(__file__).resolve().parent.parent / "tools"
FEED = "https://feeds.example.org/world"




load_tool("news_texts")
nm = load_tool("news_month")


def _post(title: str, day: str, link: str, body: str, source: str = FEED, quote: str = '"') -> str:
    q = quote
    return f"---\ntitle: {q}{title}{q}\ndate: {day}\nlink: {q}{link}{q}\nsource: {q}{source}{q}\n---\n{body}\n"


def _git(*args: str, cwd: Path) -> str:
    env_args = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *env_args, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def _commit(work: Path, files: dict[str, str | None], message: str) -> str:
    for name, text in files.items():
        path = work / "content" / "news" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
    _git("add", "-A", ".", cwd=work)
    _git("commit", "-q", "-m", message, cwd=work)
    return _git("rev-parse", "HEAD", cwd=work).strip()


@pytest.fixture()
def mirrors(tmp_path: Path) -> Path:
    """A crawl whose files are added (twice under other names), rewritten, then all deleted."""
    work = tmp_path / "work"
    (work / "content" / "news").mkdir(parents=True)
    _git("init", "-q", cwd=work)
    _commit(
        work,
        {
            "ferry.md": _post("Ferry strike ends", "2031-03-02", "https://x.org/ferry", "<p>Ferries sail.</p>"),
            "older.md": _post("Bridge opens", "2031-02-27", "https://x.org/bridge", "<p>It opened.</p>"),
            "other.md": _post("Choir wins", "2031-03-03", "https://y.org/choir", "<p>A choir won.</p>", "https://y"),
            "ferry-2.md": _post("Ferry strike is over", "2031-03-02", "https://www.x.org/ferry/?utm=1", "<p>Dup.</p>"),
            "ferry-3.md": _post("FERRY strike  ends", "2031-03-02", "https://x.org/ferry-b", "<p>Dup title.</p>"),
        },
        "first crawl",
    )
    _commit(
        work,
        {
            "ferry.md": _post(
                "Ferry strike ends", "2031-03-02", "https://x.org/ferry", "<p>Ferries sail.</p><p>Fares stay.</p>"
            ),
            "more/bakery.md": _post("Second bakery", "2031-03-05", "https://x.org/bakery-2", "<p>Another.</p>"),
            "video.md": _post("Watch: gulls", "2031-03-04", "https://x.org/gulls", "<p>WATCH THE VIDEO NOW</p>"),
            "bakery.md": _post(
                "Bakery &amp; café open",
                "2031-03-05T08:00:00Z",
                "https://x.org/bakery",
                "<p>A <b>bakery</b> opened.</p>",
                quote="'",
            ),
        },
        "second crawl",
    )
    _commit(
        work,
        dict.fromkeys(
            ("ferry.md", "ferry-2.md", "ferry-3.md", "video.md", "bakery.md", "older.md", "other.md", "more/bakery.md")
        ),
        "clean up",
    )
    root = tmp_path / "mirrors"
    _git("clone", "-q", "--bare", str(work), str(root / "own+crawl" / "repo"), cwd=tmp_path)
    return root


def _run(mirrors: Path, out: Path, *extra: str) -> int:
    args = ["--repo", "own/crawl", "--mirrors", str(mirrors), "--month", "2031-03", "--feed", "feeds.example.org"]
    return int(nm.main([*args, "--outlet", "Example Daily", "--out", str(out), *extra]))


def test_month_of_one_feed_deduplicated_newest_version_cleaned(
    mirrors: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "month"
    assert _run(mirrors, out) == nm.EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert (report["written"], report["duplicates_by_url"], report["duplicates_by_title"]) == (3, 1, 1)
    assert (report["empty"], report["in_month_and_feed"], report["first_day"]) == (1, 6, "2031-03-02")
    names = sorted(p.name for p in out.iterdir())
    assert names == ["2031-03-02-ferry.md", "2031-03-05-bakery-2.md", "2031-03-05-bakery.md"]
    ferry = (out / "2031-03-02-ferry.md").read_text(encoding="utf-8")
    assert ferry.endswith("---\nFerry strike ends\n\nFerries sail.\n\nFares stay.\n")
    parsed = parse_markdown(ferry, "ferry.md")
    assert (parsed.title, parsed.outlet, parsed.url) == ("Ferry strike ends", "Example Daily", "https://x.org/ferry")
    assert str(parsed.published) == "2031-03-02"
    bakery = parse_markdown((out / "2031-03-05-bakery.md").read_text(encoding="utf-8"), "bakery.md")
    assert (bakery.title, bakery.text.strip()) == ("Bakery & café open", "Bakery & café open\n\nA bakery opened.")


def test_front_matter_points_back_to_the_cleaned_text(mirrors: Path, tmp_path: Path) -> None:
    out = tmp_path / "month"
    assert _run(mirrors, out) == nm.EXIT_OK
    fields, text = load_tool("news_texts").split_front_matter((out / "2031-03-02-ferry.md").read_text(encoding="utf-8"))
    assert fields["path"] == "content/news/ferry.md"
    assert fields["sha256"] == load_tool("news_texts").sha256_text(text)
    git_dir = mirrors / "own+crawl" / "repo"
    raw = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{fields['commit']}:{fields['path']}"],
        capture_output=True,
        check=True,
    ).stdout
    assert load_tool("news_texts").extract_frontmatter_html(raw, None) == text


def test_absent_mirror_bad_month_and_broken_repository_exit_codes(
    mirrors: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--month", "2031-03", "--out", str(tmp_path / "o")]
    assert nm.main([*args, "--mirrors", str(tmp_path / "nowhere")]) == nm.EXIT_MISSING
    assert "no bare mirror of ptnews/Store (fetch it first)" in capsys.readouterr().err
    assert nm.main([*args, "--git-dir", str(tmp_path)]) == nm.EXIT_MISSING
    assert nm.main(["--month", "2031-3", "--mirrors", str(mirrors)]) == nm.EXIT_USAGE
    assert "--month '2031-3': not YYYY-MM" in capsys.readouterr().err
    fake = tmp_path / "fake.git"
    (fake / "objects").mkdir(parents=True)
    assert nm.main([*args, "--git-dir", str(fake)]) == nm.EXIT_GIT
    assert capsys.readouterr().err.startswith("news_month: git log failed on ")


def test_keys_fold_address_and_headline_variants() -> None:
    assert nm.url_key("https://www.X.org/a/b/?q=1#c") == nm.url_key("http://x.org/a/b") == "x.org/a/b"
    assert nm.title_key("  Ferry\tStrike ends ") == nm.title_key("ferry strike ENDS")
    assert nm.slug("content/news/Ünïcode & Co.md") == "n-code-co"
