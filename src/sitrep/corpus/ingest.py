"""Ingest a stream of inputs into the store: analyze what is new, record what is refused.

Idempotent and resumable: an article's id is the hash of its text, an article already
stored is skipped before analysis, and each article commits with all its facts in one
transaction, so a run stopped anywhere (Ctrl-C, SIGKILL) loses nothing when run again
and stores nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from sitrep.corpus.dedup import NearDuplicates
from sitrep.errors import ExtractionError, InputError
from sitrep.ingest.sources import Item
from sitrep.model import Article, Report
from sitrep.store.db import Database
from sitrep.store.writer import article_id, has_article, replace_report, save_reject, save_report

log = logging.getLogger(__name__)

Tick = Callable[[str], None]


@dataclass
class IngestSummary:
    """What one run did: new articles stored, already stored, refused, failed and near-duplicates."""

    new: int = 0
    stored: int = 0
    rejected: int = 0
    failed: int = 0
    near_duplicates: int = 0

    def line(self) -> str:
        return (
            f"{self.new} new, {self.stored} already stored, {self.rejected} rejected, {self.failed} failed"
            f" ({self.near_duplicates} near-duplicates linked)"
        )


def ingest(
    db: Database,
    items: Iterable[Item],
    *,
    nlp: Language | None = None,
    tick: Tick | None = None,
    batch_size: int = 8,
) -> IngestSummary:
    """Store the reports of the new articles among ``items``; ``tick(doc)`` is called once per input."""
    from sitrep.service import analyze_results

    summary = IngestSummary()
    tick = tick or (lambda _doc: None)
    dedup = NearDuplicates(db)
    queued: deque[tuple[str, Article]] = deque()
    fresh = _new_articles(db, items, summary, tick, queued)
    for result in analyze_results(fresh, nlp=nlp, batch_size=batch_size):
        ident, article = queued.popleft()
        if isinstance(result, ExtractionError):
            save_reject(db, result.source, result.reason)
            summary.failed += 1
        else:
            _store(db, dedup, ident, result, summary)
        tick(article.doc)
    return summary


def _new_articles(
    db: Database, items: Iterable[Item], summary: IngestSummary, tick: Tick, queued: deque[tuple[str, Article]]
) -> Iterator[Article]:
    """The articles not yet stored; rejects are recorded and known articles counted on the way."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, InputError):
            save_reject(db, item.source, item.reason)
            summary.rejected += 1
            tick(item.source)
            continue
        ident = article_id(item.text)
        if ident in seen or has_article(db, ident):
            summary.stored += 1
            tick(item.doc)
            continue
        seen.add(ident)
        queued.append((ident, item))
        yield item


def _store(db: Database, dedup: NearDuplicates, ident: str, report: Report, summary: IngestSummary) -> None:
    with db.transaction():
        if not save_report(db, report):
            summary.stored += 1
            return
        if dedup.link(db, ident, report.article.text):
            summary.near_duplicates += 1
    summary.new += 1


def stale_articles(db: Database, version: str) -> list[str]:
    """Ids of stored articles analyzed by another pipeline version."""
    rows = db.query("SELECT id FROM articles WHERE pipeline_version <> ? ORDER BY ingested_at, id", (version,))
    return [row["id"] for row in rows]


def reprocess(
    db: Database, ids: list[str], *, nlp: Language | None = None, tick: Tick | None = None
) -> tuple[int, int]:
    """Re-analyze the stored text of each article; (re-analyzed, failed)."""
    from sitrep.service import analyze_results

    tick = tick or (lambda _doc: None)
    done = failed = 0
    for ident, result in zip(ids, analyze_results(_stored_articles(db, ids), nlp=nlp), strict=True):
        if isinstance(result, ExtractionError):
            log.warning("%s: %s", result.source, result.reason)
            failed += 1
        else:
            replace_report(db, ident, result)
            done += 1
        tick(ident)
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
