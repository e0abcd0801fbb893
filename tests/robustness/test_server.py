"""The server's doors, against the real app over a real SQLite store (issue 6, item 5).

Token on every write, body limit, per-client rate limit, no path traversal, SQL injection
strings, CORS off by default, security headers, and a bounded load test on loopback that
prints its p95 latency (reported in docs/robustness.md; nothing here asserts on timing).
"""

from __future__ import annotations

import asyncio
import inspect
import socket
import sqlite3
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from spacy.language import Language

from sitrep.web.app import create_app
from sitrep.web.security import TokenBuckets
from sitrep.web.settings import Settings
from testdata import SEED
from webfixtures import ingested, serving

TOKEN = "server-test-token-9876543210"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SHORT = "Russia launched {n} drones at Kyiv overnight, Ukrainian officials said. Air defenses shot down 35 of them."
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
INJECTIONS = [
    "' OR 1=1 --",
    "1; DROP TABLE articles",
    '"; DELETE FROM events; --',
    "%' UNION SELECT * FROM sqlite_master --",
]
ANALYSIS_ROUTES = {"/analyze", "/analyze/view"}  # POST routes that analyze and store nothing


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """A SQLite file holding the seed article, ingested for real."""
    return ingested(tmp_path_factory.mktemp("server"), [SEED], nlp)


def make_app(db_path: Path, **settings: object) -> FastAPI:
    options: dict[str, object] = {"rate_limit": 0, "cors_origins": ()} | settings
    return create_app(Settings(db_url=str(db_path), token=TOKEN, **options))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def client(db_path: Path) -> Iterator[TestClient]:
    with TestClient(make_app(db_path)) as test_client:
        yield test_client


def tables(db_path: Path) -> dict[str, int]:
    with sqlite3.connect(db_path) as con:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: int(con.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]) for name in names}


def routes(found: list[object]) -> Iterator[tuple[str, set[str]]]:
    """Every route's path and methods, inside included routers too (no prefixes are used)."""
    for route in found:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from routes(inner.routes)
        elif getattr(route, "methods", None):
            yield str(getattr(route, "path", "")), set(getattr(route, "methods", ()))


def test_every_write_route_needs_the_token(client: TestClient, db_path: Path) -> None:
    from sitrep.web.api import require_token

    assert "hmac.compare_digest" in inspect.getsource(require_token)  # constant-time comparison
    writes = {path for path, methods in routes(client.app.routes) if methods & {"POST", "PUT", "PATCH", "DELETE"}}  # type: ignore[attr-defined]
    writes -= ANALYSIS_ROUTES
    assert writes == {"/articles"}, "a new write route: add it here and protect it with require_token"
    before = tables(db_path)
    body = {"text": SHORT.format(n=7), "doc": "intruder"}
    wrong = [
        {},
        {"Authorization": ""},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer "},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": f"Bearer {TOKEN[:-1]}"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
        {"X-Token": TOKEN},
    ]
    for path in sorted(writes):
        for headers in wrong:
            response = client.post(path, json=body, headers=headers)
            assert response.status_code == 401, (path, headers)
            assert response.headers["www-authenticate"] == "Bearer"
            assert response.json()["status"] == 401
    assert tables(db_path) == before
    seed = client.post("/articles", json={"text": SEED.read_text(encoding="utf-8")}, headers=AUTH)
    assert seed.status_code == 200 and seed.json()["stored"] is False  # the right token gets in


def test_oversize_body_is_413(db_path: Path) -> None:
    with TestClient(make_app(db_path, max_body=2_000)) as small:
        big = b'{"text": "' + b"war " * 1_000 + b'"}'
        for path, headers in (("/analyze", {}), ("/articles", AUTH), ("/analyze/view", {})):
            declared = small.post(path, content=big, headers={"content-type": "application/json", **headers})
            assert declared.status_code == 413, path
            assert "limit" in declared.json()["reason"]
        chunked = small.post("/analyze", content=iter([big[:1500], big[1500:]]))  # no Content-Length
        assert chunked.status_code == 413
        assert small.post("/analyze", json={"text": SHORT.format(n=3)}).status_code == 200


def test_rate_limit_answers_429_then_recovers(db_path: Path) -> None:
    app = make_app(db_path, rate_limit=60)  # one a second, bursts of 60
    with TestClient(app) as limited, TestClient(app, client=("10.9.8.7", 5000)) as other:
        codes = [limited.get("/static/style.css").status_code for _ in range(60)]
        assert codes == [200] * 60
        refused = limited.get("/articles")
        assert refused.status_code == 429
        assert refused.json()["status"] == 429 and "SITREP_RATE_LIMIT" in refused.json()["reason"]
        assert int(refused.headers["retry-after"]) >= 1
        assert refused.headers["x-frame-options"] == "DENY"
        assert other.get("/articles").status_code == 200  # per client: another address is not limited
        time.sleep(1.2)
        assert limited.get("/articles").status_code == 200


def test_token_buckets_refill_per_client() -> None:
    buckets = TokenBuckets(per_minute=2)
    assert [buckets.take("a", now=0.0) for _ in range(2)] == [0.0, 0.0]
    assert buckets.take("a", now=0.0) == pytest.approx(30.0)
    assert buckets.take("b", now=0.0) == 0.0
    assert buckets.take("a", now=30.0) == 0.0


def test_rate_limit_setting_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITREP_RATE_LIMIT", raising=False)
    assert Settings().requests_per_minute == 600
    monkeypatch.setenv("SITREP_RATE_LIMIT", "5")
    assert Settings().requests_per_minute == 5
    monkeypatch.setenv("SITREP_RATE_LIMIT", "lots")
    with pytest.raises(ValueError, match="SITREP_RATE_LIMIT"):
        _ = Settings().requests_per_minute


TRAVERSALS = [
    "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/static/..%2f..%2f..%2fpyproject.toml",
    "/static/%252e%252e/%252e%252e/pyproject.toml",
    "/static/....//....//pyproject.toml",
    "/static/%2fetc%2fpasswd",
    "/static//etc/passwd",
    "/static/..%5c..%5cpyproject.toml",
    "/static/%2e%2e/__init__.py",
    "/static/%2e%2e/templates/base.html",
    "/favicon.ico/%2e%2e/%2e%2e/pyproject.toml",
]


def leaked(text: str) -> bool:
    return any(mark in text for mark in ("[project]", "root:x:0", "from __future__", "{% block"))


def test_no_path_traversal_on_file_routes(client: TestClient) -> None:
    for path in TRAVERSALS:
        response = client.get(path)
        assert response.status_code == 404, path
        assert not leaked(response.text), path
    for path in ("/export/..%2f..%2fpyproject.toml", "/article/..%2f..%2fpyproject.toml", "/events/%2e%2e"):
        response = client.get(path)
        assert response.status_code in (404, 422), path
        assert not leaked(response.text), path
    assert client.get("/static/style.css").status_code == 200


QUERY_ROUTES = {
    "/articles": ["q", "outlet", "since", "until", "limit", "offset"],
    "/events": ["type", "actor", "since", "until", "place", "limit", "offset"],
    "/claims": ["source", "key", "limit", "offset"],
    "/tracker/aid": ["limit", "offset"],
    "/tracker/strikes": ["limit", "offset"],
    "/conflicts": ["limit", "offset"],
    "/export/articles": ["format"],
    "/timeline": ["type", "actor", "since", "until", "place"],
    "/sources": ["source", "key", "offset"],
}
ID_ROUTES = ["/articles/{}", "/events/{}", "/article/{}", "/event/{}", "/export/{}"]


def test_sql_injection_strings_are_just_text(client: TestClient, db_path: Path) -> None:
    before = tables(db_path)
    assert before["articles"] == 1
    for injection in INJECTIONS:
        for path, params in QUERY_ROUTES.items():
            for name in params:
                response = client.get(path, params={name: injection})
                assert response.status_code in (200, 404, 422), (path, name, injection)
                if response.status_code == 200 and name in ("q", "outlet", "source") and path == "/articles":
                    assert response.json()["total"] == 0  # the string matched nothing: no OR 1=1
        for template in ID_ROUTES:
            path = template.format(httpx.URL("/").copy_with(path="/" + injection).raw_path.decode()[1:])
            response = client.get(path)
            assert response.status_code in (404, 422), (path, injection)
    assert tables(db_path) == before
    assert client.get("/articles").json()["total"] == 1


def test_cors_is_off_by_default(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITREP_CORS_ORIGINS", raising=False)
    origin = {"Origin": "https://evil.example"}
    with TestClient(create_app(Settings(db_url=str(db_path), token=TOKEN, rate_limit=0))) as default:
        assert "access-control-allow-origin" not in default.get("/articles", headers=origin).headers
        preflight = default.options("/articles", headers=origin | {"Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in preflight.headers
    monkeypatch.setenv("SITREP_CORS_ORIGINS", "https://ok.example, https://also.example")
    with TestClient(create_app(Settings(db_url=str(db_path), token=TOKEN, rate_limit=0))) as opened:
        allowed = opened.get("/articles", headers={"Origin": "https://ok.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://ok.example"
        assert "access-control-allow-origin" not in opened.get("/articles", headers=origin).headers


def test_security_headers_on_every_response(db_path: Path) -> None:
    app = make_app(db_path, max_body=2_000, rate_limit=30)
    with TestClient(app) as sample:
        responses = [sample.get(path) for path in ("/", "/analyze", "/timeline", "/static/style.css", "/articles")]
        responses += [sample.get("/nowhere"), sample.post("/articles", json={}), sample.get("/articles?limit=0")]
        responses.append(sample.post("/analyze", content=b"x" * 3_000, headers={"content-type": "application/json"}))
        while (last := sample.get("/articles")).status_code != 429:
            pass
        responses.append(last)
    assert {r.status_code for r in responses} >= {200, 401, 404, 413, 422, 429}
    for response in responses:
        for name, value in HEADERS.items():
            assert response.headers[name] == value, (response.request.url, name)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "http" not in csp  # no outside origin is allowed


def test_pages_use_no_outside_asset_or_script(client: TestClient) -> None:
    for path in ("/", "/analyze", "/timeline", "/aid", "/strikes", "/map", "/sources"):
        page = client.get(path, headers={"accept": "text/html"})
        assert page.status_code == 200, path
        assert "<script" not in page.text and 'src="http' not in page.text and 'href="http' not in page.text
        assert " style=" not in page.text and "<style" not in page.text, path  # the CSP allows no inline style


def test_policy_allows_no_inline_style_and_the_stylesheet_paints_the_legend(client: TestClient) -> None:
    from sitrep.web.charts import PALETTE

    csp = client.get("/").headers["content-security-policy"]
    assert "style-src 'self';" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    css = client.get("/static/style.css").text
    for index, colour in enumerate(PALETTE):
        assert f".swatch-{index} {{ background: {colour}; }}" in css


SECRET = "password=hunter2 at /srv/sitrep/config.py"


def test_unexpected_error_is_a_500_with_the_headers_and_no_traceback(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app(db_path)

    def broken() -> None:
        raise RuntimeError(SECRET)

    app.add_api_route("/broken", broken)
    with TestClient(app) as test_client, caplog.at_level("ERROR"):
        as_json = test_client.get("/broken")
        as_page = test_client.get("/broken", headers={"accept": "text/html"})
    assert as_json.json() == {
        "status": 500,
        "error": "Internal Server Error",
        "reason": "unexpected error (RuntimeError)",
    }
    assert as_page.headers["content-type"].startswith("text/html")
    for response in (as_json, as_page):
        assert response.status_code == 500
        for name, value in HEADERS.items():
            assert response.headers[name] == value
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert SECRET not in response.text and "Traceback" not in response.text and ".py" not in response.text
    assert SECRET in caplog.text  # the traceback goes to the log, not to the client


# --- a real uvicorn on a free loopback port ---------------------------------------------------


@pytest.fixture(scope="module")
def live_url(db_path: Path) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1, with the rate limit raised via SITREP_RATE_LIMIT."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITREP_RATE_LIMIT", "100000")
        app = create_app(Settings(db_url=str(db_path), token=TOKEN))
    assert app.state.settings.rate_limit is None
    with serving(app, backlog=512) as url:
        yield url


def raw_get(url: str, target: str) -> tuple[int, bytes]:
    """GET ``target`` byte for byte (no client-side ``..`` normalizing) over a plain socket."""
    parsed = httpx.URL(url)
    with socket.create_connection((parsed.host, parsed.port or 80), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data


def test_no_path_traversal_over_the_wire(live_url: str) -> None:
    for target in (
        "/static/../../pyproject.toml",
        "/static/../../../../etc/passwd",
        "/static/../__init__.py",
        "/static/..%2f..%2fpyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
    ):
        status, data = raw_get(live_url, target)
        assert status in (400, 404), target
        assert not leaked(data.decode("latin-1")), target
    assert raw_get(live_url, "/static/style.css")[0] == 200


def test_load_200_concurrent_analyze_requests(live_url: str) -> None:
    """200 concurrent POST /analyze on loopback: no errors; prints the p95 latency (not asserted)."""
    count, limit_s = 200, 50.0

    async def one(http: httpx.AsyncClient, n: int) -> tuple[int, float]:
        start = time.perf_counter()
        response = await http.post("/analyze", json={"text": SHORT.format(n=n + 10), "doc": f"load-{n}"})
        return response.status_code, time.perf_counter() - start

    async def run() -> list[tuple[int, float]]:
        limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
        async with httpx.AsyncClient(base_url=live_url, limits=limits, timeout=limit_s) as http:
            return await asyncio.wait_for(asyncio.gather(*(one(http, n) for n in range(count))), limit_s)

    started = time.perf_counter()
    results = asyncio.run(run())
    total = time.perf_counter() - started
    codes = [code for code, _ in results]
    assert codes == [200] * count, {c: codes.count(c) for c in set(codes)}
    latencies = sorted(seconds for _, seconds in results)
    p95 = latencies[int(0.95 * count) - 1]
    print(
        f"\nload: {count} concurrent POST /analyze on 127.0.0.1 in {total:.1f} s: "
        f"p50 {statistics.median(latencies):.2f} s, p95 {p95:.2f} s, max {latencies[-1]:.2f} s, 0 errors"
    )
