"""The server's doors: security headers on every response and a per-client rate limit.

The bearer-token check of the write routes is ``api.require_token`` (constant-time), the
request body limit ``errors.BodyLimit`` (413); CORS is off unless ``SITREP_CORS_ORIGINS``
names origins (``app.create_app``).
"""

from __future__ import annotations

import inspect
import json
import logging
import math
import threading
import time
from http import HTTPStatus

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

#: Every asset is served by the app itself, no page runs a script and no page carries inline
#: style (charts size themselves with attributes and paint legend swatches with classes).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
)


class SecurityHeaders:
    """ASGI middleware: add the ``SECURITY_HEADERS`` to every HTTP response that lacks them.

    An unexpected exception is answered here too, so its 500 carries the headers: Starlette
    would answer it outside every middleware. The response is the app's handler for
    ``Exception`` (``errors.install``: logs the traceback, tells the client only the
    exception's type), else a plain 500.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers") or ())
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in SECURITY_HEADERS if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            if started:  # too late for another response: let the server close the connection
                raise
            response = await _unexpected_response(scope, exc)
            await response(scope, receive, send_with_headers)


async def _unexpected_response(scope: Scope, exc: Exception) -> Response:
    """The app's answer to an unexpected exception (its ``Exception`` handler), else a bare 500."""
    request = Request(scope)
    handler = getattr(scope.get("app"), "exception_handlers", {}).get(Exception)
    if handler is not None:
        response = handler(request, exc)
        return await response if inspect.isawaitable(response) else response  # type: ignore[no-any-return]
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return PlainTextResponse("Internal Server Error", status_code=500)


class TokenBuckets:
    """One token bucket per client: ``per_minute`` requests a minute, bursts up to ``per_minute``."""

    MAX_CLIENTS = 10_000  # buckets kept; full (idle) ones are dropped first when over

    def __init__(self, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, last update)
        self._lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> float:
        """Take one token for ``client``: 0.0 when allowed, else the seconds until one is free."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                if len(self._buckets) > self.MAX_CLIENTS:
                    self._prune(now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _prune(self, now: float) -> None:
        for client, (tokens, last) in list(self._buckets.items()):
            if tokens + (now - last) * self.rate >= self.capacity:
                del self._buckets[client]
        while len(self._buckets) > self.MAX_CLIENTS:  # all busy: drop the oldest
            del self._buckets[next(iter(self._buckets))]


class RateLimit:
    """ASGI middleware: at most ``per_minute`` requests a minute per client IP, else 429 with Retry-After.

    The client is the peer address of the connection (``X-Forwarded-For`` is not trusted).
    """

    def __init__(self, app: ASGIApp, per_minute: int) -> None:
        self.app = app
        self.per_minute = per_minute
        self.buckets = TokenBuckets(per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        wait = self.buckets.take(str(client[0]) if client else "-")
        if wait <= 0.0:
            await self.app(scope, receive, send)
            return
        retry = max(1, math.ceil(wait))
        reason = f"over the rate limit of {self.per_minute} requests a minute (SITREP_RATE_LIMIT); retry in {retry} s"
        body = json.dumps({"status": 429, "error": HTTPStatus(429).phrase, "reason": reason}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(retry).encode()),
        ]
        await send({"type": "http.response.start", "status": 429, "headers": headers})
        await send({"type": "http.response.body", "body": body})
