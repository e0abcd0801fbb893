"""Web fixtures: a real SQLite store with analyzed articles, the app over it, a live server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from spacy.language import Language

from frontlinedata import store_seizes
from sitrep.store.db import Database
from sitrep.web.app import create_app
from sitrep.web.settings import Settings
from testdata import GOLD, SEED
from webfixtures import ingested, serving

TOKEN = "test-token-0123456789"
DOCS = [
    SEED,
    GOLD / "docs" / "zelenskyy-vinnytsia-strike-2022-03-06.txt",
    GOLD / "docs" / "putin-aliyev-call-2022-05-31.txt",
    GOLD / "docs" / "2022-04-08-statement-from-the-president-on-delivery-of-air-defense-systems-to-ukraine.md",
    GOLD / "docs" / "2022-03-16-fact-sheet-on-u-s-security-assistance-for-ukraine.md",
]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> str:
    """A SQLite file holding the seed article and a few gold documents, ingested for real,
    and the SEIZE reports of ``frontlinedata`` (places taken and retaken in June 2025)."""
    path = ingested(tmp_path_factory.mktemp("web"), DOCS, nlp)
    with Database(str(path)) as db:
        store_seizes(db)
    return str(path)


@pytest.fixture(scope="session")
def app(web_db: str) -> FastAPI:
    return create_app(Settings(db_url=web_db, token=TOKEN))


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_url(app: FastAPI) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread of this process."""
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def screenshots() -> Path:
    from testdata import ROOT

    folder = ROOT / "docs" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
