"""Sitrep's web API and dashboard: FastAPI routes over ``Report``s and the store, Jinja2 pages.

``create_app(Settings(...))`` builds the application; ``sitrep serve`` runs it with uvicorn.
The web layer only sees ``Report``s (through ``sitrep.service``) and the store (through
``sitrep.corpus``); it never touches spaCy objects. FastAPI is imported only when the app is
built, so ``sitrep --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitrep.web.app import create_app
    from sitrep.web.settings import Settings

__all__ = ["Settings", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from sitrep.web.app import create_app

        return create_app
    if name == "Settings":
        from sitrep.web.settings import Settings

        return Settings
    raise AttributeError(name)
