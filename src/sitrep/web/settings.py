"""Settings of the web app: the database, the ingest token and the request size limit."""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sitrep.ingest.limits import Limits
from sitrep.store.db import DEFAULT_DB

log = logging.getLogger(__name__)

#: Room for the JSON envelope (escaping, other fields) around an article of ``SITREP_MAX_BYTES``.
ENVELOPE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Settings:
    """``db_url``: the store; ``token``: the bearer token of POST /articles; ``max_body``: bytes per request."""

    db_url: str = DEFAULT_DB
    token: str = ""
    max_body: int = 0

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
