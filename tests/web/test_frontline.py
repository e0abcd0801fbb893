"""The Frontline page and the territory trackers of the API, over the web store's SEIZE reports."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_territory_tracker_route(client: TestClient) -> None:
    page = client.get("/tracker/territory", params={"since": "2025-06-07"}).json()
    assert page["total"] == 2
    assert [(r["day"], r["place"], r["taken_by"], r["area_km2"]) for r in page["items"]] == [
        ("2025-06-07", None, "UKR", 400),
        ("2025-06-10", "Vovchansk", "UKR", 40),
    ]


def test_frontline_route_as_of_a_day(client: TestClient) -> None:
    items = client.get("/tracker/frontline", params={"until": "2025-06-05"}).json()["items"]
    state = {i["place"]: (i["side"], i["claimants"]) for i in items}
    assert state == {
        "Kupiansk": (None, ["RUS", "UKR"]),
        "Vovchansk": ("RUS", ["RUS"]),
        "Tykhe": ("RUS", ["RUS"]),
    }


def test_a_bad_day_is_refused_by_name(client: TestClient) -> None:
    for path in ("/tracker/territory", "/tracker/frontline", "/frontline"):
        response = client.get(path, params={"until": "2025-02-30"})
        assert response.status_code == 422
        assert "until" in response.text


def test_frontline_page_lists_places_sides_and_sources(client: TestClient) -> None:
    html = client.get("/frontline").text
    assert '<a href="/frontline" aria-current="page">latest</a>' in html
    assert "contested (RUS, UKR)" in html
    assert "(area only)" in html and "Daily Paper, Front Wire" in html
    assert 'class="held side-' in html and "style=" not in html
    assert '<a href="/frontline">Frontline</a>' in client.get("/").text


def test_seize_events_show_their_area(client: TestClient) -> None:
    row = next(r for r in client.get("/tracker/territory").json()["items"] if r["area_km2"] == 40)
    assert "40 km²" in client.get(f"/event/{row['cluster']}").text
    assert client.get(f"/events/{row['cluster']}").json()["area_km2"] == 40


def test_close_frame_holds_every_point_twice_as_wide_as_high() -> None:
    from sitrep.web.geo import close_frame

    points = [(36.9, 50.3), (37.6, 49.7), (38.0, 48.6)]
    view = close_frame(points)
    assert all(view.west < x < view.east and view.south < y < view.north for x, y in points)
    assert view.width / view.height == pytest.approx(2.0, rel=0.01)
    assert view.east - view.west >= 6.0  # a single town still shows its surroundings
    far = close_frame([(30.5, 50.4), (37.8, 48.0)])
    assert far.west < 30.5 - 0.9 and far.east > 37.8 + 0.9


def test_colours_follow_places_taken_over_the_whole_store_not_the_view() -> None:
    import datetime as dt

    from sitrep.corpus.territory import Holding
    from sitrep.web.frontline import palette, sides

    colours = palette(["RUS", "RUS", "UKR", "RUS", "UKR", "BLR"])
    assert colours == {"RUS": "side-1", "UKR": "side-2", "BLR": "side-3"}
    day = dt.date(2025, 6, 2)
    view = [
        Holding("A", "UKR", ("UKR",), day, "RUS", 1, "c1"),
        Holding("B", "UKR", ("UKR",), day, "RUS", 1, "c2"),
        Holding("C", None, ("RUS", "UKR"), day, None, 2, "c3"),
    ]
    assert [(s.code, s.css, s.places) for s in sides(view, colours)] == [("UKR", "side-2", 2)]
