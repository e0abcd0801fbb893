"""The strict Content-Security-Policy in a real browser: no page of the dashboard breaks it.

Headless Chromium (Debian's ``chromium``, driven by Playwright) opens every page of a live
server over a real SQLite store, the analyze page with the seed article pasted, an article,
an event, a 404 and a 500. On each, two detectors must report nothing: console messages
about the Content Security Policy, and ``securitypolicyviolation`` events, which an init
script (run by the browser, outside the page's CSP) records. A canary page with an inline
style and an inline script must trip both, so the detectors can fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from spacy.language import Language

from frontlinedata import store_seizes
from sitrep.store.db import Database
from sitrep.web.app import create_app
from sitrep.web.settings import Settings
from testdata import GOLD, SEED
from webfixtures import chromium, ingested, serving

DOCS = [
    SEED,
    GOLD / "docs" / "zelenskyy-vinnytsia-strike-2022-03-06.txt",
    GOLD / "docs" / "putin-aliyev-call-2022-05-31.txt",
]
PAGES = [
    "/",
    "/analyze",
    "/timeline",
    "/aid",
    "/strikes",
    "/map",
    "/frontline",
    "/frontline?until=2025-06-05",
    "/sources",
    "/sources?source=Trump",
    "/nowhere",
]
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""
CANARY = '<!doctype html><title>canary</title><p style="color: red">x</p><script>document.title = "ran"</script>'


@pytest.fixture(scope="module")
def csp_app(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> FastAPI:
    """The app over a store holding three analyzed articles and the SEIZE reports, a route that fails, a canary page."""
    path = ingested(tmp_path_factory.mktemp("csp"), DOCS, nlp)
    with Database(str(path)) as db:
        store_seizes(db)  # the Frontline page with places on its map
    app = create_app(Settings(db_url=str(path), token="csp-test-token-0123456789", rate_limit=0))

    def boom() -> None:
        raise RuntimeError("a bug in a route")

    app.add_api_route("/boom", boom)
    app.add_api_route("/canary", lambda: HTMLResponse(CANARY))
    return app


@pytest.fixture(scope="module")
def live(csp_app: FastAPI) -> Iterator[str]:
    with serving(csp_app, log_level="critical") as url:
        yield url


class Tab:
    """A browser tab that records CSP reports from the console and from violation events."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context()
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def violations(self) -> list[str]:
        """Everything the CSP blocked on the page open now (console lines and violation events)."""
        events: list[str] = self.page.evaluate("window.__csp || []")
        return self.console + events


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as opened:
        yield opened


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    opened = Tab(browser)
    yield opened
    opened.context.close()


def test_the_detectors_see_a_violation(tab: Tab, live: str) -> None:
    tab.page.goto(f"{live}/canary")
    tab.page.wait_for_timeout(200)
    assert tab.page.title() == "canary"  # the inline script was blocked
    found = tab.violations()
    assert any("style-src" in line for line in found), found
    assert any("script-src" in line for line in found), found


@pytest.mark.parametrize("path", PAGES)
def test_no_page_breaks_the_policy(tab: Tab, live: str, path: str) -> None:
    response = tab.page.goto(live + path)
    assert response is not None and response.status == (404 if path == "/nowhere" else 200)
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    tab.page.wait_for_timeout(100)
    assert tab.violations() == []


def test_analysis_article_event_and_error_pages_keep_the_policy(tab: Tab, live: str) -> None:
    page = tab.page
    page.goto(f"{live}/analyze")
    page.get_by_label("Article text").fill(SEED.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_selector("#facts")
    assert page.locator(".legend").count() >= 1
    page.goto(f"{live}/timeline")
    page.locator("table a[href^='/event/']").first.click()
    page.wait_for_selector("ol.mentions blockquote")
    page.goto(f"{live}/sources?source=Trump")
    page.locator("table a[href^='/article/']").first.click()
    page.wait_for_selector("#article mark.hl-quantity")
    failed = page.goto(f"{live}/boom")
    assert failed is not None and failed.status == 500
    assert failed.headers["x-frame-options"] == "DENY"
    assert "a bug in a route" not in page.content() and "Traceback" not in page.content()
    page.wait_for_timeout(100)
    assert tab.violations() == []


def test_charts_keep_their_size_without_inline_style(tab: Tab, live: str) -> None:
    """Attributes and classes size the charts as the inline style did: at most their own width."""
    tab.page.set_viewport_size({"width": 1280, "height": 900})
    tab.page.goto(f"{live}/aid")
    chart = tab.page.locator("svg.chart").first
    drawn = chart.bounding_box()
    assert drawn is not None
    assert abs(drawn["width"] - float(chart.get_attribute("width") or 0)) < 1
    swatch = tab.page.locator(".chart-legend .swatch").first
    colour = swatch.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(0, 114, 178)"  # PALETTE[0], from the stylesheet
    tab.page.set_viewport_size({"width": 390, "height": 844})
    assert (chart.bounding_box() or {"width": 9999})["width"] <= 390
