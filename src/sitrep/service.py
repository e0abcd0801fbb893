"""Use cases shared by the command line and any other front end."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlparse

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.errors import ExtractionError, SitrepError
from sitrep.model import Article, Report
from sitrep.nlp.dates import infer_published
from sitrep.nlp.lexicon import load_lexicons
from sitrep.nlp.mentions import Findings
from sitrep.nlp.pipeline import get_nlp
from sitrep.report import build_report

log = logging.getLogger(__name__)
# A batch is cut at this many characters as well as at ``batch_size`` articles: spaCy holds a
# whole batch in memory, and a few long briefings (50-100k characters each) in one batch took
# a process to ~2.9 GB in bench/throughput.py; 100k characters keeps it near 0.75 GB.
BATCH_CHARS = 100_000


def _home_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).netloc.lower()
    sites: dict[str, str] = load_lexicons().cues.get("sites", {})
    return next((code for site, code in sites.items() if host == site or host.endswith("." + site)), None)


def _prepare(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    published, inferred = article.published, article.published_inferred
    if published is None:
        published = infer_published(article.text)
        inferred = published is not None
    doc._.sitrep = Findings(published=published, published_inferred=inferred, home=_home_from_url(article.url))
    return doc


def analyze(article: Article, nlp: Language | None = None) -> Report:
    """Analyze one article into a ``Report``."""
    return next(analyze_many([article], nlp=nlp))


def analyze_many(articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16) -> Iterator[Report]:
    """Analyze articles in batches (``nlp.pipe``), in input order; raise on the first failure."""
    for result in analyze_results(articles, nlp=nlp, batch_size=batch_size):
        if isinstance(result, SitrepError):
            raise result
        yield result


def analyze_results(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Report | ExtractionError]:
    """Like ``analyze_many`` but yield an ``ExtractionError`` for an article that fails, and go on."""
    pipeline = nlp or get_nlp()
    pending: list[Article] = []
    chars = 0
    for article in articles:
        pending.append(article)
        chars += len(article.text)
        if len(pending) >= batch_size or chars >= BATCH_CHARS:
            yield from _run_batch(pipeline, pending)
            pending, chars = [], 0
    if pending:
        yield from _run_batch(pipeline, pending)


def _run_batch(nlp: Language, articles: list[Article]) -> Iterator[Report | ExtractionError]:
    try:
        docs = [_prepare(nlp, a) for a in articles]
        reports = [build_report(doc, a) for doc, a in zip(nlp.pipe(docs), articles, strict=True)]
    except Exception as exc:  # noqa: BLE001 - one bad article must not sink the batch
        log.warning("batch of %d failed (%s); retrying one by one", len(articles), exc)
        yield from (_one(nlp, a) for a in articles)
        return
    yield from reports


def _one(nlp: Language, article: Article) -> Report | ExtractionError:
    try:
        return build_report(nlp(_prepare(nlp, article)), article)
    except Exception as exc:
        log.exception("analysis of %s failed", article.doc)
        return ExtractionError(article.doc, f"analysis failed: {type(exc).__name__}: {exc}")


def analyze_text(text: str, published: dt.date | None = None, doc: str = "<text>") -> Report:
    """Analyze a plain-text article given as a string."""
    from sitrep.ingest import read_text

    return analyze(read_text(text, doc=doc, published=published))


def analyze_path(path: str | Path, published: dt.date | None = None) -> Report:
    """Read and analyze one file (.txt, .md, .html)."""
    from sitrep.ingest import read_path

    return analyze(read_path(path, published=published))
