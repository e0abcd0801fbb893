"""End to end in real headless Chromium (Debian's ``chromium`` driven by Playwright): paste the seed
article, check highlights and facts, open every page without console errors, keyboard access,
and save a screenshot of every page into docs/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from testdata import SEED
from webfixtures import chromium

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


class Page:
    """A browser tab that records console errors, page errors and failed requests."""

    def __init__(self, browser: Any, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.tab = self.context.new_page()
        self.problems: list[str] = []
        self.tab.on("console", self._console)
        self.tab.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.tab.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url}"))
        self.tab.on("response", self._response)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(f"console: {message.text}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"{response.status}: {response.url}")

    def shot(self, folder: Path, name: str) -> None:
        self.tab.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Page]:
    page = Page(browser, DESKTOP)
    yield page
    page.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Page]:
    page = Page(browser, PHONE)
    yield page
    page.close()


def paste_seed(page: Page, live_url: str) -> None:
    page.tab.goto(f"{live_url}/analyze")
    page.tab.get_by_label("Article text").fill(SEED.read_text(encoding="utf-8"))
    page.tab.get_by_role("button", name="Analyze").click()
    page.tab.wait_for_selector("#facts")


def test_paste_the_seed_article(desktop: Page, live_url: str, screenshots: Path) -> None:
    paste_seed(desktop, live_url)
    tab = desktop.tab
    quantities = tab.locator("#article mark.hl-quantity").all_inner_texts()
    assert quantities == [
        "8,400 artillery rounds",
        "142 Hellfire missiles",
        "252 Guided Multiple Launch Rocket System missiles",
        "30 Patriot missiles",
        "at least 11 civilians",
        "more than 80 others",
        "about 1,270 drones",
        "39 missiles",
        "1,000 glide bombs",
    ]
    assert "(verified source)" in tab.locator("#article mark.hl-signal").all_inner_texts()
    assert "Politico" in " ".join(tab.locator("#article mark.hl-actor").all_inner_texts())
    assert tab.locator("#article mark.hl-source").count() >= 6
    assert tab.locator("#article .sent.attributed").count() >= 7
    rows = tab.locator("#facts tbody tr")
    assert rows.count() == 29
    assert tab.locator("#facts tr.fact-quantity").count() == 9
    assert tab.locator("#facts tr.fact-event").count() == 5
    assert tab.locator("#facts tr.fact-signal").count() == 7
    first = tab.locator("#facts tr.fact-quantity").first
    assert "artillery_ammunition" in first.inner_text()
    first.get_by_role("link").click()
    assert tab.evaluate("location.hash") == "#s17"
    assert tab.locator("#s17").inner_text().startswith("The halted shipments")
    assert tab.get_by_role("heading", name="Legend").is_visible()
    assert desktop.problems == []
    desktop.shot(screenshots, "analyze")


def test_upload_a_file(desktop: Page, live_url: str) -> None:
    desktop.tab.goto(f"{live_url}/analyze")
    desktop.tab.get_by_label("File").set_input_files(str(SEED))
    desktop.tab.get_by_role("button", name="Analyze").click()
    desktop.tab.wait_for_selector("#facts")
    assert desktop.tab.locator("#facts tbody tr").count() == 29
    assert desktop.problems == []


def test_refused_input_says_why(desktop: Page, live_url: str) -> None:
    desktop.tab.goto(f"{live_url}/analyze")
    desktop.tab.get_by_label("Article text").fill("too short")
    desktop.tab.get_by_role("button", name="Analyze").click()
    assert "too short to analyze" in desktop.tab.get_by_role("alert").inner_text()
    assert [p for p in desktop.problems if "422" not in p] == []  # the refusal itself is a 422


def test_keyboard_skip_link_and_focus(desktop: Page, live_url: str) -> None:
    tab = desktop.tab
    tab.goto(f"{live_url}/")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Skip to content"
    assert tab.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    tab.keyboard.press("Enter")
    assert tab.evaluate("location.hash") == "#main"
    tab.goto(f"{live_url}/analyze")
    tab.get_by_label("Article text").focus()
    assert tab.evaluate("document.activeElement.id") == "text"


PAGES = {
    "overview": "/",
    "timeline": "/timeline",
    "aid-tracker": "/aid",
    "strikes": "/strikes",
    "map": "/map",
    "frontline": "/frontline",
    "sources": "/sources",
    "source-claims": "/sources?source=Trump",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_opens_cleanly(desktop: Page, live_url: str, screenshots: Path, name: str) -> None:
    desktop.tab.goto(live_url + PAGES[name])
    assert desktop.tab.locator("h1").count() == 1
    assert desktop.tab.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    assert desktop.problems == []
    desktop.shot(screenshots, name)


def test_event_and_article_pages(desktop: Page, live_url: str, screenshots: Path) -> None:
    tab = desktop.tab
    tab.goto(f"{live_url}/timeline?type=AID&actor=USA")
    tab.locator("table a[href^='/event/']").first.click()
    tab.wait_for_selector("ol.mentions blockquote")
    assert "AID" in tab.locator("h1").inner_text()
    desktop.shot(screenshots, "event")
    tab.goto(f"{live_url}/sources?source=Trump")
    tab.locator("table a[href^='/article/']").first.click()
    tab.wait_for_selector("#article mark.hl-quantity")
    assert tab.locator("#facts tbody tr").count() >= 9
    assert desktop.problems == []
    desktop.shot(screenshots, "article")


def test_map_draws_places(desktop: Page, live_url: str) -> None:
    desktop.tab.goto(f"{live_url}/map")
    assert desktop.tab.locator("svg.map path.land").count() > 20
    assert desktop.tab.locator("svg.map circle.dot").count() >= 2


def test_frontline_colours_places_by_their_last_taker_and_filters_by_time(desktop: Page, live_url: str) -> None:
    tab = desktop.tab
    tab.goto(f"{live_url}/frontline")
    held = tab.locator("svg.map rect.held")
    assert held.count() == 2  # Vovchansk and Kupiansk; Tykhe has no coordinates and is listed below the map
    link = tab.locator("svg.map a[aria-label^='Vovchansk']")
    ukr = link.locator("rect").get_attribute("class")
    assert link.get_attribute("aria-label") == "Vovchansk: taken by UKR on 2025-06-10"
    assert "side-contested" in (tab.locator("svg.map a[aria-label^='Kupiansk'] rect").get_attribute("class") or "")
    assert "Tykhe" in tab.locator("main p", has_text="Not on the map").inner_text()
    tab.get_by_role("navigation", name="The front line as of a day").get_by_role("link", name="2025-06-02").click()
    tab.wait_for_url("**/frontline?until=2025-06-02")
    rus = tab.locator("svg.map a[aria-label^='Vovchansk'] rect").get_attribute("class")
    assert rus != ukr and rus and rus.startswith("held side-") and tab.locator("svg.map rect.held").count() == 1
    assert tab.locator("#held-h + div tbody tr").count() == 2  # Vovchansk and Tykhe, both taken by RUS
    tab.get_by_label("Changed hands since").fill("2025-06-06")
    tab.get_by_label("As of", exact=True).fill("")
    tab.get_by_role("button", name="Show").click()
    tab.wait_for_url("**/frontline?since=2025-06-06*")
    assert tab.locator("svg.map rect.held").count() == 1
    assert tab.locator("svg.map a[aria-label^='Vovchansk'] rect").get_attribute("class") == ukr  # colours hold
    assert desktop.problems == []


@pytest.mark.parametrize("name", ["analyze", "overview", "aid-tracker", "map", "frontline"])
def test_phone_width(phone: Page, live_url: str, screenshots: Path, name: str) -> None:
    if name == "analyze":
        paste_seed(phone, live_url)
    else:
        phone.tab.goto(live_url + PAGES[name])
    assert phone.tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.problems == []
    phone.shot(screenshots, f"{name}-phone")
