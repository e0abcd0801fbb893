"""Write reports and rejects: one transaction per article, so an article and its facts land together."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Sequence
from typing import Any

from sitrep.corpus.places import resolve
from sitrep.model import Article, Event, Report
from sitrep.store.db import Database

log = logging.getLogger(__name__)

_CHILD_TABLES = ("sentences", "quantities", "events", "attributions", "signals")


def article_id(text: str) -> str:
    """The content-hash id: sha256 of the text with whitespace runs collapsed to one space."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def has_article(db: Database, ident: str) -> bool:
    return db.scalar("SELECT 1 FROM articles WHERE id = ?", (ident,)) is not None


def save_report(db: Database, report: Report, doc: str | None = None) -> bool:
    """Store the report; False (and nothing written) when its article is already stored."""
    ident = article_id(report.article.text)
    with db.transaction():
        cursor = db.execute(
            "INSERT INTO articles (id, doc, title, url, outlet, author, published, published_inferred, fmt, text,"
            " n_sentences, pipeline_version, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO NOTHING",
            _article_row(ident, report, doc),
        )
        if cursor.rowcount == 0:
            return False
        _insert_children(db, ident, report)
        db.execute("DELETE FROM rejects WHERE input = ?", (doc or report.article.doc,))
    return True


def replace_report(db: Database, ident: str, report: Report) -> None:
    """Swap the facts of a stored article for a new analysis of the same text (``reprocess``)."""
    with db.transaction():
        for table in _CHILD_TABLES:
            db.execute(f"DELETE FROM {table} WHERE article_id = ?", (ident,))
        _insert_children(db, ident, report)
        article = report.article
        db.execute(
            "UPDATE articles SET pipeline_version = ?, n_sentences = ?, published = ?, published_inferred = ?"
            " WHERE id = ?",
            (
                report.pipeline_version,
                len(report.sentences),
                _iso(article.published),
                int(article.published_inferred),
                ident,
            ),
        )


def save_reject(db: Database, source: str, reason: str) -> None:
    """Record (or refresh) why an input was refused."""
    with db.transaction():
        db.execute(
            "INSERT INTO rejects (input, reason, rejected_at) VALUES (?, ?, ?)"
            " ON CONFLICT (input) DO UPDATE SET reason = excluded.reason, rejected_at = excluded.rejected_at",
            (source, reason, now()),
        )


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _article_row(ident: str, report: Report, doc: str | None) -> tuple[Any, ...]:
    a: Article = report.article
    return (
        ident,
        doc or a.doc,
        a.title,
        a.url,
        a.outlet,
        a.author,
        _iso(a.published),
        int(a.published_inferred),
        a.fmt,
        a.text,
        len(report.sentences),
        report.pipeline_version,
        now(),
    )


def _insert_children(db: Database, ident: str, report: Report) -> None:
    published = _iso(report.article.published)
    _many(db, "sentences", [(ident, s.index, s.start, s.end, s.text) for s in report.sentences])
    _many(
        db,
        "quantities",
        [
            (
                ident,
                i,
                q.event,
                q.measure,
                q.category,
                q.value,
                q.qualifier,
                q.actor,
                q.text,
                q.start,
                q.end,
                q.sentence,
            )
            for i, q in enumerate(report.quantities)
        ],
    )
    countries = {code for e in report.events for code in e.actors}  # the countries the article is about
    _many(db, "events", [_event_row(ident, i, e, published, countries) for i, e in enumerate(report.events)])
    _many(
        db,
        "attributions",
        [(ident, i, a.source, a.source_kind, a.via, a.cue, a.sentence) for i, a in enumerate(report.attributions)],
    )
    _many(
        db,
        "signals",
        [(ident, i, s.signal, s.text, s.note, s.start, s.end, s.sentence) for i, s in enumerate(report.signals)],
    )


def _event_row(ident: str, index: int, e: Event, published: str | None, countries: set[str]) -> tuple[Any, ...]:
    actors = list(e.actors)
    return (*_event_facts(ident, index, e, published, actors), *_place_columns(e, countries), e.area_km2)


def _place_columns(e: Event, countries: set[str]) -> tuple[Any, ...]:
    """lat, lon, admin, country, geo_precision of the event's place (all None when unresolved)."""
    place = resolve(e.place, countries)
    return (place.lat, place.lon, place.admin, place.country, place.precision) if place else (None,) * 5


def _event_facts(ident: str, index: int, e: Event, published: str | None, actors: list[str]) -> tuple[Any, ...]:
    return (
        ident,
        index,
        e.type,
        e.phase,
        json.dumps(actors),
        actors[0] if actors else None,
        actors[1] if len(actors) > 1 else None,
        json.dumps(list(e.persons)),
        e.place,
        e.date,
        first_day(e.date) or published,
        json.dumps(list(e.items)),
        e.value_usd,
        e.sentence,
        e.anchor,
    )


def first_day(value: str | None) -> str | None:
    """The first day of ``2025-07-07``, ``2025-W28`` or ``2025-07`` as ISO text; None if unreadable."""
    if not value:
        return None
    try:
        if "-W" in value:
            year, week = value.split("-W")
            return dt.date.fromisocalendar(int(year), int(week[:2]), 1).isoformat()
        if len(value) == 7:
            return dt.date.fromisoformat(value + "-01").isoformat()
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        log.debug("unreadable event date %r", value)
        return None


_COLUMNS = {
    "sentences": 5,
    "quantities": 12,
    "events": 21,  # 15 facts (0001), 5 place columns (0002), area_km2 (0005)
    "attributions": 7,
    "signals": 8,
}


def _many(db: Database, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
    marks = ", ".join("?" * _COLUMNS[table])
    db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
