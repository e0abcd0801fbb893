"""Build the FastAPI application: API routes, pages, static assets, JSON errors, body and rate limits,
security headers and (only when configured) CORS."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from sitrep.corpus.names import file_name
from sitrep.eventtypes import sides_text, spec
from sitrep.version import __version__
from sitrep.web import api, errors, frontline, pages, security
from sitrep.web.settings import Settings

log = logging.getLogger(__name__)

DESCRIPTION = """Analyze articles on war and military aid into sourced, structured facts, and query
the corpus stored by `sitrep ingest`: event clusters, claims by source, aid, strike and territory trackers,
conflicting figures and exports. Errors are JSON: `{"status", "error", "reason", "source"}`."""


def _folder(name: str) -> Path:
    return Path(str(resources.files("sitrep.web") / name))


def _sides(event: Mapping[str, Any]) -> str:
    """An event row's sides, "USA → UKR" where the registry calls its type directed, else "USA – RUS"."""
    return sides_text(event["type"], list(event["actors"]))


def _event_label(type_: str) -> str:
    """The registry's label of an event type ("Territory taken")."""
    return spec(type_).label


def create_app(settings: Settings | None = None) -> FastAPI:
    """The Sitrep web application over ``settings.db_url``."""
    settings = settings or Settings()
    _migrate(settings.db_url)
    app = FastAPI(title="Sitrep", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.settings = settings
    templates = Jinja2Templates(directory=_folder("templates"))
    templates.env.globals["version"] = __version__
    templates.env.filters["num"] = _num
    templates.env.filters["sides"] = _sides
    templates.env.filters["event_label"] = _event_label
    templates.env.filters["file_name"] = file_name  # pages never show a machine path
    app.state.templates = templates
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(pages.documented)
    app.include_router(frontline.router)
    app.mount("/static", StaticFiles(directory=_folder("static")), name="static")
    # The last added runs first: security headers on every response, then CORS, the rate limit, the body limit.
    app.add_middleware(errors.BodyLimit, limit=settings.body_limit)
    if settings.requests_per_minute:
        app.add_middleware(security.RateLimit, per_minute=settings.requests_per_minute)
    if settings.allowed_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.allowed_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(security.SecurityHeaders)
    return app


def _migrate(db_url: str) -> None:
    """Bring the store's schema up to date once, at start; a store that cannot be opened is reported per request."""
    from sitrep.errors import SitrepError
    from sitrep.store.db import Database

    try:
        Database(db_url, migrate=True).close()
    except SitrepError as exc:
        log.warning("%s: %s", exc.source, exc.reason)


def _num(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"
