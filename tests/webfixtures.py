"""What the web tests share: a real store with analyzed articles, a live uvicorn server, headless Chromium.

Plain helpers, not fixtures: each suite wraps them in fixtures of its own scope, token and settings.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from spacy.language import Language

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def ingested(folder: Path, docs: Sequence[Path], nlp: Language) -> Path:
    """``folder/sitrep.db``, a SQLite store holding ``docs`` ingested for real (every one new)."""
    from sitrep.corpus.ingest import ingest
    from sitrep.ingest.sources import iter_sources
    from sitrep.store.db import Database

    path = folder / "sitrep.db"
    with Database(str(path)) as db:
        summary = ingest(db, iter_sources([str(p) for p in docs]), nlp=nlp)
    assert summary.new == len(docs), summary.line()
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(app: FastAPI, **config: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port, in a thread of this process; yields its URL.

    ``config`` goes to ``uvicorn.Config`` (log_level is "warning" unless given).
    """
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, **{"log_level": "warning"} | config))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def browser_missing() -> str | None:
    """Why headless Chromium cannot run here, or None when it can."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if not shutil.which(CHROMIUM):
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium driven by Playwright; the test is skipped without it (and fails in CI)."""
    reason = browser_missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
