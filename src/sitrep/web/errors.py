"""JSON errors with proper status codes, and the request size limit.

Every error body is ``{"status": 413, "error": "Content Too Large", "reason": "…", "source": "…"}``;
pages asked for by a browser get the same error as an HTML page.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep.errors import InputError, NotFound, SitrepError, StoreError
from sitrep.ingest.limits import ENV_VARS

log = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """The body of every error response."""

    status: int
    error: str
    reason: str
    source: str | None = None


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": HTTPStatus(code).phrase} for code in (400, 404, 413, 422, 500, 503)
}


def error_response(request: Request, status: int, reason: str, source: str | None = None) -> Response:
    """The error as JSON, or as an HTML page when a browser asked for a page."""
    body = ErrorBody(status=status, error=HTTPStatus(status).phrase, reason=reason, source=source)
    if "text/html" in request.headers.get("accept", "") and not request.url.path.startswith("/api"):
        templates = request.app.state.templates
        page: Response = templates.TemplateResponse(request, "error.html", {"error": body}, status_code=status)
        return page
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status)


def status_of(exc: SitrepError) -> int:
    """The HTTP status of a Sitrep error."""
    if isinstance(exc, InputError):
        return 413 if ENV_VARS["max_bytes"] in exc.reason and "limit" in exc.reason else 422
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, StoreError):
        return 503
    return 500


def _validation_reason(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def allowed_methods(request: Request) -> list[str]:
    """Every method some route offers for this path (Starlette names only the first route's)."""
    from starlette.routing import Match, Route

    methods: set[str] = set()
    for route in request.app.routes:
        if isinstance(route, Route) and route.methods and route.matches(request.scope)[0] != Match.NONE:
            methods |= route.methods
    return sorted(methods)


def install(app: FastAPI) -> None:
    """Register the error handlers on ``app``."""

    @app.exception_handler(SitrepError)
    async def sitrep_error(request: Request, exc: SitrepError) -> Response:
        return error_response(request, status_of(exc), exc.reason, exc.source)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_reason(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        response = error_response(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        if exc.status_code == 405:
            response.headers["Allow"] = ", ".join(allowed_methods(request))
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, f"unexpected error ({type(exc).__name__})")


class BodyLimit:
    """ASGI middleware: refuse a request body over ``limit`` bytes with 413, before the app reads it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, send: Send) -> None:
        reason = f"request body is over the {self.limit:,}-byte limit ({ENV_VARS['max_bytes']} plus an envelope)"
        body = json.dumps({"status": 413, "error": HTTPStatus(413).phrase, "reason": reason}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
