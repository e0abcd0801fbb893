"""Ingest a stream of inputs into the store: analyze what is new, record what is refused.

Idempotent and resumable: an article is its text and its edition (the date its input
states); an article already stored is skipped before analysis (another address of it is
recorded as a republication), the same text with another date is stored as a repeat,
and each article commits with all its facts in one transaction,
so a run stopped anywhere (Ctrl-C, SIGKILL) loses nothing when run again and stores nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from sitrep.corpus.dedup import NearDuplicates
from sitrep.corpus.fresh import fresh_articles
from sitrep.errors import ExtractionError, InputError
from sitrep.ingest.sources import Item
from sitrep.model import Article, Report
from sitrep.store.cluster_summary import summarize_article
from sitrep.store.db import Database
from sitrep.store.writer import (
    has_article,
    link_republication,
    repeat_of,
    replace_report,
    save_reject,
    store_report,
)

log = logging.getLogger(__name__)

Tick = Callable[[str, bool], None]
"""Progress callback: ``tick(doc, analyzed)``, ``analyzed`` false for inputs skipped or refused."""
Warn = Callable[[str, str], None]
"""Called with ``(input, reason)`` for each input refused or failed."""


@dataclass
class IngestSummary:
    """What one run did: new articles stored, already stored, refused, failed and near-duplicates."""

    new: int = 0
    stored: int = 0
    rejected: int = 0
    failed: int = 0
    near_duplicates: int = 0
    repeats: int = 0

    def line(self) -> str:
        return (
            f"{self.new} new, {self.stored} already stored, {self.rejected} rejected, {self.failed} failed"
            f" ({self.near_duplicates} near-duplicates linked)"
        ) + (f", {self.repeats} repeats of a stored text with another date" if self.repeats else "")


def ingest(
    db: Database,
    items: Iterable[Item],
    *,
    nlp: Language | None = None,
    tick: Tick | None = None,
    batch_size: int = 16,
    workers: int = 1,
    warn: Warn | None = None,
) -> IngestSummary:
    """Store the reports of the new articles among ``items``; ``tick(doc, analyzed)`` is called once per input.

    ``workers > 1`` analyzes on a pool of processes (``sitrep.parallel``), storing
    results in input order from this process; ``nlp`` (a ready pipeline) runs here.
    Each refused or failed input is stored as a reject and passed to ``warn(input, reason)``.
    """
    summary = IngestSummary()
    tick = tick or (lambda _doc, _analyzed: None)
    warn = warn or (lambda _source, _reason: None)
    dedup = NearDuplicates(db)
    queued: deque[tuple[str, Article]] = deque()
    fresh = _new_articles(db, items, summary, tick, queued, warn)
    for result in _analyzed(fresh, nlp, batch_size, workers):
        _ident, article = queued.popleft()
        if isinstance(result, ExtractionError):
            save_reject(db, result.source, result.reason)
            warn(result.source, result.reason)
            summary.failed += 1
        else:
            _store(db, dedup, result, summary)
        tick(article.doc, True)
    return summary


def _analyzed(
    articles: Iterable[Article], nlp: Language | None, batch_size: int, workers: int
) -> Iterator[Report | ExtractionError]:
    """Results in input order: in this process, or on ``workers`` processes."""
    from sitrep.parallel import analyze_parallel
    from sitrep.service import analyze_results

    if nlp is not None or workers <= 1:
        return analyze_results(articles, nlp=nlp, batch_size=batch_size)
    return analyze_parallel(articles, workers, batch_size=batch_size)


def _new_articles(
    db: Database,
    items: Iterable[Item],
    summary: IngestSummary,
    tick: Tick,
    queued: deque[tuple[str, Article]],
    warn: Warn,
) -> Iterator[Article]:
    """The articles not yet stored; rejects are recorded and known articles counted on the way."""

    def refused(error: InputError) -> None:
        save_reject(db, error.source, error.reason)
        warn(error.source, error.reason)
        summary.rejected += 1
        tick(error.source, False)

    def skipped(article: Article) -> None:
        link_republication(db, article)
        summary.stored += 1
        tick(article.doc, False)

    for ident, article in fresh_articles(items, lambda *key: has_article(db, *key), refused, skipped):
        queued.append((ident, article))
        yield article


def _store(db: Database, dedup: NearDuplicates, report: Report, summary: IngestSummary) -> None:
    with db.transaction():
        ident = store_report(db, report)
        if ident is None:
            summary.stored += 1
            return
        if repeat_of(db, ident):  # the same text with another date: linked as a repeat, not as a copy
            dedup.remember(db, ident, report.article.text)
            summary.repeats += 1
        elif dedup.link(db, ident, report.article.text):
            summarize_article(db, ident)  # a copy does not count as an independent source
            summary.near_duplicates += 1
    summary.new += 1


def stale_articles(db: Database, version: str) -> list[str]:
    """Ids of stored articles analyzed by another pipeline version."""
    rows = db.query("SELECT id FROM articles WHERE pipeline_version <> ? ORDER BY ingested_at, id", (version,))
    return [row["id"] for row in rows]


def reprocess(
    db: Database, ids: list[str], *, nlp: Language | None = None, tick: Tick | None = None, workers: int = 1
) -> tuple[int, int]:
    """Re-analyze the stored text of each article; (re-analyzed, failed)."""
    tick = tick or (lambda _doc, _analyzed: None)
    done = failed = 0
    results = _analyzed(_stored_articles(db, ids), nlp, 8, workers)
    for ident, result in zip(ids, results, strict=True):
        if isinstance(result, ExtractionError):
            log.warning("%s: %s", result.source, result.reason)
            failed += 1
        else:
            replace_report(db, ident, result)
            done += 1
        tick(ident, True)
    return done, failed


def _stored_articles(db: Database, ids: list[str]) -> Iterator[Article]:
    """The stored articles, as read; a publication date that was inferred is inferred again."""
    for ident in ids:
        row = db.query("SELECT * FROM articles WHERE id = ?", (ident,))[0]
        published = (
            dt.date.fromisoformat(row["published"]) if row["published"] and not row["published_inferred"] else None
        )
        yield Article(
            text=row["text"],
            doc=row["doc"],
            title=row["title"],
            published=published,
            url=row["url"],
            outlet=row["outlet"],
            author=row["author"],
            fmt=row["fmt"],
        )
