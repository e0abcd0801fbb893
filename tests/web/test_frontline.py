"""The Frontline page and the territory trackers of the API, over the web store's SEIZE reports."""

from __future__ import annotations

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
