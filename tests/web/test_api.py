"""The JSON API against a real SQLite store: analyze, ingest with a token, queries, exports, errors."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from sitrep.store.writer import article_id
from testdata import SEED

AUTH = {"Authorization": "Bearer test-token-0123456789"}  # the token of the app fixture (conftest.py)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_analyze_returns_the_report_with_offsets(client: TestClient) -> None:
    response = client.post("/analyze", json={"text": seed_text(), "published": "2025-07-08"})
    assert response.status_code == 200
    report = response.json()
    text = report["article"]["text"]
    assert report["article"]["published"] == "2025-07-08"
    assert len(report["quantities"]) == 9
    for q in report["quantities"]:
        assert text[q["start"] : q["end"]] == q["text"]
    assert {f["kind"] for f in report["facts"]} == {"quantity", "event", "attribution", "signal"}


def test_analyze_reads_html(client: TestClient) -> None:
    body = "<html><head><title>Strike</title></head><body><article><h1>Strike</h1>"
    body += "".join(f"<p>{line}</p>" for line in seed_text().splitlines() if line.strip()) + "</article></body></html>"
    response = client.post("/analyze", json={"html": body})
    assert response.status_code == 200
    assert response.json()["article"]["fmt"] == "html"


def test_bad_input_is_a_422_naming_the_reason(client: TestClient) -> None:
    short = client.post("/analyze", json={"text": "too short"})
    assert short.status_code == 422
    assert "too short to analyze" in short.json()["reason"]
    both = client.post("/analyze", json={"text": seed_text(), "html": "<p>x</p>"})
    assert both.status_code == 422
    assert "exactly one" in both.json()["reason"]
    french = client.post("/analyze", json={"text": "Le gouvernement a annoncé une nouvelle aide militaire hier soir."})
    assert french.status_code == 422
    assert "not English" in french.json()["reason"]
    broken = client.post("/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert broken.status_code == 422
    assert broken.json()["status"] == 422


def test_oversized_body_is_413(client: TestClient) -> None:
    limit = client.app.state.settings.body_limit  # type: ignore[attr-defined]
    big = json.dumps({"text": "war " * (limit // 4)})
    response = client.post("/analyze", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "limit" in response.json()["reason"]


def test_post_articles_needs_the_token(client: TestClient) -> None:
    text = seed_text().replace("Meetings", "Talks", 1)
    assert client.post("/articles", json={"text": text}).status_code == 401
    wrong = client.post("/articles", json={"text": text}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert wrong.headers["WWW-Authenticate"] == "Bearer"


def test_post_articles_stores_once(client: TestClient) -> None:
    text = seed_text().replace("Meetings", "Talks", 1)
    first = client.post("/articles", json={"text": text, "doc": "talks.txt"}, headers=AUTH)
    assert first.status_code == 201
    assert first.json()["id"] == article_id(text.strip()) or first.json()["stored"]
    again = client.post("/articles", json={"text": text, "doc": "talks.txt"}, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["stored"] is False
    stored = client.get(f"/articles/{first.json()['id']}")
    assert stored.status_code == 200
    assert stored.json()["doc"] == "talks.txt"
    assert first.json()["near_duplicate"] is True  # the seed article is already stored


def test_list_articles_filters_and_pages(client: TestClient) -> None:
    everything = client.get("/articles").json()
    assert everything["total"] >= 5
    one = client.get("/articles", params={"limit": 1, "offset": 1}).json()
    assert one["limit"] == 1
    assert len(one["items"]) == 1
    assert one["items"][0]["id"] == everything["items"][1]["id"]
    found = client.get("/articles", params={"q": "vinnytsia"}).json()
    assert [a["doc"].rsplit("/", 1)[-1] for a in found["items"]] == ["zelenskyy-vinnytsia-strike-2022-03-06.txt"]
    assert client.get("/articles", params={"since": "2025-01-01"}).json()["total"] >= 1
    assert client.get("/articles", params={"limit": 0}).status_code == 422


def test_article_detail_has_sentences_and_facts(client: TestClient) -> None:
    ident = client.get("/articles", params={"q": "us-aid-pause"}).json()["items"][0]["id"]
    article = client.get(f"/articles/{ident}").json()
    assert len(article["quantities"]) == 9
    assert (
        article["text"][article["quantities"][0]["start"] : article["quantities"][0]["end"]] == "8,400 artillery rounds"
    )
    assert isinstance(article["events"][0]["actors"], list)


def test_events_filter_and_detail(client: TestClient) -> None:
    events = client.get("/events").json()
    assert events["total"] >= 5
    aid = client.get("/events", params={"type": "AID", "actor": "USA"}).json()
    assert aid["items"]
    assert all(e["type"] == "AID" and "USA" in e["actors"] for e in aid["items"])
    detail = client.get(f"/events/{aid['items'][0]['cluster']}").json()
    assert detail["mentions"][0]["quote"]
    assert "conflicts" in detail
    assert detail["mentions_total"] == len(detail["mentions"]) >= 1
    assert (
        client.get(f"/events/{detail['cluster']}", params={"offset": detail["mentions_total"]}).json()["mentions"] == []
    )
    assert client.get("/events/0000000000").status_code == 404
    assert client.get("/events", params={"since": "not-a-date"}).status_code == 422


def test_claims_trackers_conflicts(client: TestClient) -> None:
    claims = client.get("/claims").json()
    assert any(c["source"] == "Donald Trump" for c in claims["items"])
    trump = client.get("/claims", params={"source": "trump"}).json()
    assert trump["items"][0]["quote"]
    assert trump["total"] >= len(trump["items"]) >= 1
    key = next(c["key"] for c in claims["items"] if c["source"] == "Donald Trump")
    one = client.get("/claims", params={"key": key, "limit": 1, "offset": 0}).json()  # paged in SQL
    assert (one["total"], len(one["items"])) == (trump["total"], 1)
    assert one["items"][0]["source"] == "Donald Trump" and "/" not in one["items"][0]["article"]
    assert client.get("/claims", params={"limit": 1}).json()["total"] == claims["total"]
    aid = client.get("/tracker/aid").json()["items"]
    assert any(r["category"] == "artillery_ammunition" and r["total"] == 8400 for r in aid)
    strikes = client.get("/tracker/strikes").json()["items"]
    assert any(r["category"] == "drone" and r["launched"] for r in strikes)
    assert client.get("/conflicts").status_code == 200


def test_exports(client: TestClient) -> None:
    csv = client.get("/export/acled", params={"format": "csv"})
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("event_id_cnty,event_date")
    lines = client.get("/export/events", params={"format": "jsonl"}).text.splitlines()
    assert all(json.loads(line)["type"] for line in lines)
    assert client.get("/export/nope").status_code == 422


def test_unknown_route_is_json_404(client: TestClient) -> None:
    response = client.get("/no/such/route")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "error": "Not Found", "reason": "Not Found"}
    page = client.get("/no/such/route", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert "<h1>404 Not Found</h1>" in page.text


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/analyze",
        "/articles",
        "/articles/{article_id}",
        "/events",
        "/events/{event_id}",
        "/claims",
        "/tracker/aid",
        "/tracker/strikes",
        "/conflicts",
        "/export/{table}",
    ):
        assert path in paths, path
    assert "/timeline" not in paths
