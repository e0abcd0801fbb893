"""Use cases shared by the command line and any other front end."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.errors import ExtractionError, SitrepError
from sitrep.model import Article, Report
from sitrep.nlp.cuesets import cueset, load_cues
from sitrep.nlp.dates import infer_published
from sitrep.nlp.lexicon import load_lexicons
from sitrep.nlp.mentions import Findings
from sitrep.nlp.pipeline import COMPONENTS, get_nlp
from sitrep.nlp.segments import BATCH_CHARS, parse
from sitrep.report import build_report

log = logging.getLogger(__name__)


@cueset("events")
@dataclass(frozen=True)
class SourceSites:
    """Web sites whose articles speak for a side (``whitehouse.gov``: USA), in cues/events.json."""

    sites: dict[str, str]


def _home_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).netloc.lower()
    sites = load_cues(SourceSites, load_lexicons()).sites
    return next((code for site, code in sites.items() if host == site or host.endswith("." + site)), None)


def _findings(article: Article) -> Findings:
    """What the components start from: the publication date (given or inferred) and the home country."""
    published, inferred = article.published, article.published_inferred
    if published is None:
        published = infer_published(article.text)
        inferred = published is not None
    return Findings(published=published, published_inferred=inferred, home=_home_from_url(article.url))


def _finish(nlp: Language, doc: Doc, article: Article) -> Report:
    """Run Sitrep's own components over a parsed ``Doc`` and build the report."""
    doc._.sitrep = _findings(article)
    for name in COMPONENTS:
        doc = nlp.get_pipe(name)(doc)
    return build_report(doc, article)


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
    """Like ``analyze_many`` but yield an ``ExtractionError`` for an article that fails, and go on.

    The pipeline (``nlp`` or the default one) is loaded with the first batch, so an
    input with nothing to analyze loads no model.
    """
    pending: list[Article] = []
    chars = 0
    for article in articles:
        pending.append(article)
        chars += len(article.text)
        if len(pending) >= batch_size or chars >= BATCH_CHARS:
            yield from _run_batch(nlp or get_nlp(), pending)
            pending, chars = [], 0
    if pending:
        yield from _run_batch(nlp or get_nlp(), pending)


def _run_batch(nlp: Language, articles: list[Article]) -> Iterator[Report | ExtractionError]:
    try:
        docs = parse(nlp, (a.text for a in articles), list(COMPONENTS))
        reports = [_finish(nlp, doc, a) for doc, a in zip(docs, articles, strict=True)]
    except Exception as exc:  # noqa: BLE001 - one bad article must not sink the batch
        log.warning("batch of %d failed (%s); retrying one by one", len(articles), exc)
        yield from (_one(nlp, a) for a in articles)
        return
    yield from reports


def _one(nlp: Language, article: Article) -> Report | ExtractionError:
    try:
        return _finish(nlp, next(parse(nlp, [article.text], list(COMPONENTS))), article)
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
