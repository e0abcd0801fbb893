"""Shared fixtures: the real pipeline (loaded once) and paths to bundled data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from sitrep.model import Report
from sitrep.nlp.pipeline import get_nlp
from testdata import SEED


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full Sitrep pipeline with the installed English model."""
    return get_nlp()


@pytest.fixture(scope="session")
def analyze_text(nlp: Language) -> Callable[..., Report]:
    """Analyze a string as a plain-text article."""
    import datetime as dt

    from sitrep.ingest import read_text
    from sitrep.service import analyze

    def run(text: str, published: str | None = "2025-07-08") -> Report:
        date = dt.date.fromisoformat(published) if published else None
        return analyze(read_text(text, doc="<test>", published=date), nlp=nlp)

    return run


@pytest.fixture(scope="session")
def seed_report(nlp: Language) -> Report:
    """The seed article's report."""
    from sitrep.ingest import read_path
    from sitrep.service import analyze

    return analyze(read_path(SEED), nlp=nlp)
