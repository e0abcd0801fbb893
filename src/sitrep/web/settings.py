"""Settings of the web app: the database, the ingest token, the request size and rate limits, CORS."""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sitrep.ingest.limits import Limits
from sitrep.store.db import DEFAULT_DB

log = logging.getLogger(__name__)

#: Requests a minute per client IP when ``$SITREP_RATE_LIMIT`` is not set (0 turns the limit off).
DEFAULT_RATE_LIMIT = 600

#: Room for the JSON envelope (escaping, other fields) around an article of ``SITREP_MAX_BYTES``.
ENVELOPE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Settings:
    """``db_url``: the store; ``token``: the bearer token of POST /articles; ``max_body``: bytes per request;
    ``rate_limit``: requests a minute per client (``None``: ``$SITREP_RATE_LIMIT``, else 600; 0: off);
    ``cors_origins``: origins allowed by CORS (``None``: ``$SITREP_CORS_ORIGINS``, comma-separated; else none).
    """

    db_url: str = DEFAULT_DB
    token: str = ""
    max_body: int = 0
    rate_limit: int | None = None
    cors_origins: tuple[str, ...] | None = None

    @property
    def requests_per_minute(self) -> int:
        if self.rate_limit is not None:
            return max(0, self.rate_limit)
        value = os.environ.get("SITREP_RATE_LIMIT", "").strip()
        if not value:
            return DEFAULT_RATE_LIMIT
        try:
            return max(0, int(value))
        except ValueError:
            raise ValueError(f"SITREP_RATE_LIMIT: {value!r} is not a number of requests a minute") from None

    @property
    def allowed_origins(self) -> tuple[str, ...]:
        if self.cors_origins is not None:
            return self.cors_origins
        value = os.environ.get("SITREP_CORS_ORIGINS", "")
        return tuple(o.strip() for o in value.split(",") if o.strip())

    @property
    def body_limit(self) -> int:
        return self.max_body or Limits.from_env().max_bytes + ENVELOPE_BYTES


def token_file() -> Path:
    """Where a generated token is kept: ``$SITREP_TOKEN_FILE``, else ``~/.config/sitrep/token``."""
    if os.environ.get("SITREP_TOKEN_FILE"):
        return Path(os.environ["SITREP_TOKEN_FILE"])
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "sitrep" / "token"


def load_token() -> tuple[str, bool]:
    """The ingest token and whether it was generated just now.

    ``$SITREP_TOKEN`` wins; else the token kept in ``token_file()``; else a new one is
    generated, kept there (mode 0600) and reported as new so the caller shows it once.
    """
    if os.environ.get("SITREP_TOKEN"):
        return os.environ["SITREP_TOKEN"], False
    path = token_file()
    if path.is_file():
        kept = path.read_text(encoding="utf-8").strip()
        if kept:
            return kept, False
    token = secrets.token_urlsafe(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(token + "\n", encoding="utf-8")
    log.info("generated a new ingest token in %s", path)
    return token, True
