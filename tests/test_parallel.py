"""Analysis on a pool of worker processes gives exactly the in-process results, streaming."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from collections.abc import Iterator

import pytest
from spacy.language import Language

from sitrep.errors import ExtractionError, InputError
from sitrep.ingest import read_path
from sitrep.model import Article, Report
from sitrep.parallel import _chunks, analyze_parallel
from sitrep.service import analyze_results
from testdata import GOLD

DOCS = sorted(p for p in (GOLD / "docs").iterdir() if p.suffix in {".txt", ".md"} and not p.name.startswith("SOURCE"))


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [read_path(p) for p in DOCS[:6]]


def test_workers_give_the_in_process_reports_in_order(articles: list[Article], nlp: Language) -> None:
    expected = list(analyze_results(articles, nlp=nlp))
    got = list(analyze_parallel(articles, workers=2, chunk_size=2, inflight=1))
    assert [r.article.doc for r in got if isinstance(r, Report)] == [a.doc for a in articles]
    assert got == expected
    assert [r.facts() for r in got if isinstance(r, Report)] == [r.facts() for r in expected if isinstance(r, Report)]


def test_input_is_read_lazily_with_bounded_chunks_in_flight(articles: list[Article]) -> None:
    pulled: list[int] = []

    def stream() -> Iterator[Article]:
        for index in range(40):
            pulled.append(index)
            yield articles[index % 2]

    results = analyze_parallel(stream(), workers=2, chunk_size=2, inflight=1)
    first = next(results)
    assert isinstance(first, Report)
    # two chunks in flight, plus the chunk that is being submitted: never the whole input
    assert len(pulled) <= 2 * 3 + 1
    assert sum(1 for _ in results) == 39


def test_small_input_runs_in_process(articles: list[Article], nlp: Language) -> None:
    assert list(analyze_parallel(articles[:1], workers=4)) == list(analyze_results(articles[:1], nlp=nlp))


def test_long_articles_travel_in_smaller_chunks() -> None:
    short, long = Article("a " * 100), Article("b " * 30_000)
    sizes = [len(c) for c in _chunks([short, short, long, short, short, short], size=4, max_chars=50_000)]
    assert sizes == [3, 3]
    assert [len(c) for c in _chunks([short] * 9, size=4, max_chars=50_000)] == [4, 4, 1]


def test_errors_cross_process_boundaries() -> None:
    for error in (ExtractionError("a.txt", "analysis failed"), InputError("b.txt", "file is empty")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (copy.source, copy.reason, str(copy)) == (error.source, error.reason, str(error))


def test_cli_workers_output_is_identical_to_one_process() -> None:
    paths = [str(p) for p in DOCS[:10]]

    def facts(workers: str) -> list[dict[str, object]]:
        proc = subprocess.run(
            [sys.executable, "-m", "sitrep.cli", "analyze", "--format", "facts", "--workers", workers, *paths],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return [json.loads(line) for line in proc.stdout.splitlines()]

    one = facts("1")
    assert one
    assert facts("2") == one
