"""The Sources page in real headless Chromium over a store of reports written here: one row per source
whatever its spelling, speaker labels shown as names, pages of 200, claims naming articles by title or
file name and never by a path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.model import Article, Attribution, Report, Sentence
from sitrep.store import open_db, save_report
from sitrep.web.app import create_app
from sitrep.web.settings import Settings
from webfixtures import chromium, serving

DELEGATES = 205  # sources of a roll call: more than one page of 200


def _report(doc: str, lines: list[tuple[str, str]], **article: Any) -> Report:
    text, sentences, attributions = "", [], []
    for i, (speaker, sentence) in enumerate(lines):
        start = len(text) + (1 if text else 0)
        text = f"{text} {sentence}" if text else sentence
        sentences.append(Sentence(i, start, len(text), sentence))
        kind = "official_body" if speaker.startswith("Delegation") else "person"
        attributions.append(Attribution(speaker, kind, i, "said"))
    return Report(
        Article(text=text, doc=doc, **article), tuple(sentences), attributions=tuple(attributions), pipeline_version="t"
    )


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("sources") / "sitrep.db"
    reports = [
        _report(
            "/srv/feeds/wire/vilnius.md",
            [("Mark Rutte", "Allies will add air defence, Rutte said."), ("Gitanas Nausėda", "Twelve vehicles go.")],
            title="Vilnius summit ends",
            published=dt.date(2025, 7, 10),
        ),
        _report(
            "/home/analyst/inbox/transcript-0711.txt",
            [("RUTTE", "There are no plans to send troops."), ("NAUSĖDA", "We keep our promise.")],
        ),
        _report(
            "/srv/feeds/roll-call.txt",
            [(f"Delegation {n:03d}", f"Delegation {n:03d} votes yes.") for n in range(DELEGATES)],
            published=dt.date(2025, 7, 12),
        ),
    ]
    with open_db(str(path)) as db:
        for report in reports:
            assert save_report(db, report)
    with serving(create_app(Settings(db_url=str(path)))) as url:
        yield url


@pytest.fixture(scope="module")
def tab(live: str) -> Iterator[Any]:
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.problems = []
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        page.on("response", lambda r: r.status >= 400 and page.problems.append(f"{r.status} {r.url}"))
        yield page
        context.close()


def _rows(tab: Any) -> list[list[str]]:
    return [row.locator("td").all_inner_texts() for row in tab.locator("tbody tr").all()]


def test_one_row_per_source_whatever_its_spelling(tab: Any, live: str, screenshots_dir: Path) -> None:
    tab.goto(f"{live}/sources")
    rows = {r[0]: r for r in _rows(tab)}
    assert len(rows) == 200  # the first page
    assert rows["Mark Rutte"][1:] == ["person", "2", "2", "2025-07-10", "2025-07-10", "Mark Rutte, RUTTE"]
    assert rows["Gitanas Nausėda"][2] == "2"
    assert not {"RUTTE", "NAUSĖDA", "Rutte"} & set(rows)
    assert "207 sources; 1–200 below" in tab.locator("main").inner_text()
    tab.get_by_role("link", name="Next page").click()
    assert len(_rows(tab)) == 7
    tab.get_by_role("link", name="Previous page").click()
    assert len(_rows(tab)) == 200
    assert tab.problems == []
    tab.screenshot(path=str(screenshots_dir / "sources.png"), full_page=False)


def test_a_sources_claims_name_articles_without_paths(tab: Any, live: str) -> None:
    tab.goto(f"{live}/sources")
    tab.get_by_role("link", name="Mark Rutte", exact=True).click()
    assert tab.locator("h2").first.inner_text() == "Claims of Mark Rutte"
    rows = _rows(tab)
    assert [r[0] for r in rows] == ["Mark Rutte", "Mark Rutte as “RUTTE”"]
    assert rows[0][3].startswith("Vilnius summit ends §0") and rows[1][3].startswith("transcript-0711.txt §0")
    text = tab.locator("main").inner_text()
    assert "/home/" not in text and "/srv/" not in text
    tab.get_by_role("link", name="transcript-0711.txt §0").click()
    assert tab.locator("h1").inner_text() == "transcript-0711.txt"  # the article page: its file name too
    assert "/home/" not in tab.locator("main").inner_text()
    assert tab.problems == []


@pytest.fixture(scope="module")
def screenshots_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shots")
