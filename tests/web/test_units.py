"""The web layer's pure parts: span rendering, the token, charts and the map data."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from sitrep.model import Report
from sitrep.web import charts, geo
from sitrep.web.highlight import Span, fact_rows, highlighted, render
from sitrep.web.settings import load_token


def test_nested_spans_nest() -> None:
    html = render("142 Hellfire missiles", [Span(0, 21, "quantity", "q"), Span(4, 12, "item", "w")])
    inner = '<mark class="hl hl-item" title="w">Hellfire</mark>'
    assert html == f'<mark class="hl hl-quantity" title="q">142 {inner} missiles</mark>'


def test_crossing_spans_are_split_and_stay_well_formed() -> None:
    html = render("abcdef", [Span(0, 4, "signal", "s"), Span(2, 6, "quantity", "q")])
    assert html == (
        '<mark class="hl hl-signal" title="s">ab<mark class="hl hl-quantity" title="q">cd</mark></mark>'
        '<mark class="hl hl-quantity" title="q">ef</mark>'
    )


def test_text_is_escaped_and_bad_spans_dropped() -> None:
    assert render("<b>&", [Span(2, 99, "item", "x"), Span(1, 1, "item", "x")]) == "&lt;b&gt;&amp;"


def test_seed_highlights_round_trip(seed_report: Report) -> None:
    html = str(highlighted(seed_report))
    assert html.count('<span id="s') == len(seed_report.sentences)
    assert html.count("<mark") == html.count("</mark>")
    assert '<mark class="hl hl-quantity" title="8,400 (exact) artillery_ammunition' in html
    rows = fact_rows(seed_report)
    assert len(rows) == 29
    assert rows[0]["sentence"] == 17


def test_token_is_generated_once_and_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITREP_TOKEN", raising=False)
    monkeypatch.setenv("SITREP_TOKEN_FILE", str(tmp_path / "token"))
    token, new = load_token()
    assert new
    assert len(token) >= 40
    assert stat.S_IMODE((tmp_path / "token").stat().st_mode) == 0o600
    assert load_token() == (token, False)
    monkeypatch.setenv("SITREP_TOKEN", "from-env")
    assert load_token() == ("from-env", False)


def test_charts_are_labelled_svg() -> None:
    svg = str(charts.hbars([("USA", {"drone": 3.0, "missile": 1.0})], ["drone", "missile"], "Aid"))
    assert svg.startswith('<svg class="chart"')
    assert 'aria-label="Aid"' in svg
    assert "<title>USA · drone: 3</title>" in svg
    assert charts.vbars([], ["launched"], "none") == ""


def bars(svg: object) -> list[tuple[float, float, float, float]]:
    """Each bar's x, y, width and height (drawn to a tenth of a pixel)."""
    found = re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', str(svg))
    return [(float(x), float(y), float(w), float(h)) for x, y, w, h in found]


def near(value: float) -> object:
    return pytest.approx(value, abs=0.2)


def test_bars_are_drawn_to_scale() -> None:
    groups = [("USA", {"drone": 3.0, "missile": 1.0}), ("UK", {"drone": 2.0})]
    usa_drone, usa_missile, uk_drone = bars(charts.hbars(groups, ["drone", "missile"], "Aid"))
    assert usa_drone[2] == near(3 * usa_missile[2]) and uk_drone[2] == near(2 * usa_missile[2])
    assert usa_missile[0] == near(usa_drone[0] + usa_drone[2])  # stacked end to end
    assert usa_drone[1] == usa_missile[1] < uk_drone[1]  # one row per group
    usa_drone, usa_missile, uk_drone = bars(charts.vbars(groups, ["drone", "missile"], "Strikes"))
    assert usa_drone[3] == near(3 * usa_missile[3]) and uk_drone[3] == near(2 * usa_missile[3])
    assert {round(y + h, 1) for _, y, _, h in (usa_drone, usa_missile, uk_drone)} == {220.0}  # one baseline
    assert usa_drone[0] < usa_missile[0] < uk_drone[0]  # side by side, groups left to right


def test_map_places_and_countries() -> None:
    assert geo.locate("Kyiv") == pytest.approx((30.52, 50.45), abs=0.1)
    assert geo.locate("Kharkiv Oblast") == pytest.approx((36.25, 50.0), abs=0.3)
    assert geo.locate("Nowhere Land") is None
    assert {"UKR", "RUS", "USA", "POL"} <= set(geo.countries())
    markers, unmapped = geo.markers([{"place": "Kyiv", "type": "ATTACK"}, {"place": None, "type": "AID"}])
    assert [m.place for m in markers] == ["Kyiv"]
    assert markers[0].strikes == 1
    assert len(unmapped) == 1
    assert "<circle" in str(geo.svg_map(markers, "Map"))


def test_api_export_tables_match_the_exporter() -> None:
    """The API's table names (a Literal, for the OpenAPI schema) are the exporter's."""
    from typing import get_args

    from sitrep.corpus.export_tables import TABLES
    from sitrep.web.api import EXPORT_TABLES

    assert get_args(EXPORT_TABLES) == TABLES
