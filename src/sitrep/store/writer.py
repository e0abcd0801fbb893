"""Write reports and rejects: one transaction per article, so an article and its facts land together."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Sequence
from typing import Any

# Submodules by their full name: `from sitrep.store import x` would run the package's __init__ (the writer) first.
import sitrep.store.strikes_sql as strikes_sql  # noqa: PLR0402
from sitrep.corpus.clusters import group_key, source_of
from sitrep.corpus.places import resolve
from sitrep.corpus.sourcekeys import article_keys
from sitrep.corpus.ties import EventFacts, QuantityFacts, counted_usd, tie
from sitrep.model import Article, Event, Report
from sitrep.store.claims_sql import count_claims, keep_articles, recount, sources_of
from sitrep.store.clusters_sql import assign, mentions_of
from sitrep.store.db import Database

log = logging.getLogger(__name__)

_CHILD_TABLES = ("sentences", "quantities", "events", "attributions", "signals")


def article_id(text: str) -> str:
    """The content-hash id: sha256 of the text with whitespace runs collapsed to one space."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def edition(article: Article) -> str:
    """The publication date the input states (ISO), '' when it states none: a text's other half of identity.

    A date the pipeline inferred from the text is no edition (the same text infers the same date).
    """
    return article.published.isoformat() if article.published and not article.published_inferred else ""


def has_article(db: Database, ident: str, edition_: str = "") -> bool:
    """Whether the text of content hash ``ident`` is stored with this edition.

    An input that states no date (edition '') is any stored edition of its text: nothing tells it apart.
    """
    if not edition_:
        return db.scalar("SELECT 1 FROM articles WHERE text_hash = ? LIMIT 1", (ident,)) is not None
    sql = "SELECT 1 FROM articles WHERE text_hash = ? AND edition = ?"
    return db.scalar(sql, (ident, edition_)) is not None


def link_republication(db: Database, article: Article) -> None:
    """Record another address of a text already stored (or queued) with the same edition.

    The article's own input is never recorded: re-ingesting the same input adds nothing.
    """
    ident, ed = article_id(article.text), edition(article)
    with db.transaction():
        db.execute(
            "INSERT INTO republications (text_hash, edition, doc, url, outlet, seen_at)"
            " SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
            " (SELECT 1 FROM articles WHERE text_hash = ? AND edition = ? AND doc = ?)"
            " ON CONFLICT DO NOTHING",
            (ident, ed, article.doc, article.url, article.outlet, now(), ident, ed, article.doc),
        )


def _new_id(db: Database, text_hash: str, edition_: str) -> str:
    """The content hash for the first edition of a text stored; another edition's id hashes the edition in."""
    if db.scalar("SELECT 1 FROM articles WHERE id = ?", (text_hash,)) is None:
        return text_hash
    return hashlib.sha256(f"{text_hash}|{edition_}".encode()).hexdigest()


def save_report(db: Database, report: Report, doc: str | None = None) -> bool:
    """Store the report; False (and nothing written) when its text is already stored with its edition.

    The same text with another edition is stored as a new article, linked to the first one as a repeat.
    """
    return store_report(db, report, doc) is not None


def store_report(db: Database, report: Report, doc: str | None = None) -> str | None:
    """``save_report`` that returns the new article's id (None when nothing was stored)."""
    text_hash, ed = article_id(report.article.text), edition(report.article)
    with db.transaction():
        if has_article(db, text_hash, ed):
            return None
        ident = _new_id(db, text_hash, ed)
        cursor = db.execute(
            "INSERT INTO articles (id, doc, title, url, outlet, author, published, published_inferred, fmt, text,"
            " n_sentences, pipeline_version, ingested_at, text_hash, edition, source)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (*_article_row(ident, report, doc), text_hash, ed, _source(report, doc)),
        )
        if cursor.rowcount == 0:
            return None
        _insert_children(db, ident, report)
        count_claims(db, ident, report)
        assign(db, ident)
        strikes_sql.refresh_article(db, ident)
        _link_repeat(db, ident, text_hash)
        db.execute("DELETE FROM rejects WHERE input = ?", (doc or report.article.doc,))
    return ident


def _source(report: Report, doc: str | None) -> str:
    a = report.article
    return source_of(a.outlet, a.url, doc or a.doc)


def _link_repeat(db: Database, ident: str, text_hash: str) -> None:
    first = db.scalar(
        "SELECT id FROM articles WHERE text_hash = ? AND id <> ?"
        " ORDER BY CASE WHEN id = text_hash THEN 0 ELSE 1 END, ingested_at, id LIMIT 1",  # the first edition stored
        (text_hash, ident),
    )
    if first is not None:
        db.execute("INSERT INTO repeats (article_id, repeat_of) VALUES (?, ?)", (ident, first))


def repeat_of(db: Database, ident: str) -> str | None:
    found = db.scalar("SELECT repeat_of FROM repeats WHERE article_id = ?", (ident,))
    return str(found) if found is not None else None


def replace_report(db: Database, ident: str, report: Report) -> None:
    """Swap the facts of a stored article for a new analysis of the same text (``reprocess``)."""
    with db.transaction():
        removed = mentions_of(db, ident)
        sources = sources_of(db, ident)
        for table in _CHILD_TABLES:
            db.execute(f"DELETE FROM {table} WHERE article_id = ?", (ident,))
        _insert_children(db, ident, report)
        assign(db, ident, removed)
        strikes_sql.refresh_article(db, ident)
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
        recount(db, sources | sources_of(db, ident))  # after the day it was published
        keep_articles(db, ident)


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
    texts = {s.index: s.text for s in report.sentences}
    facts = [
        EventFacts(i, e.type, tuple(e.actors), e.sentence, e.date, e.value_usd, e.anchor)
        for i, e in enumerate(report.events)
    ]
    ties = [
        tie(QuantityFacts(q.event, q.measure, q.actor, q.sentence, q.text), facts, texts) for q in report.quantities
    ]
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
                t.event_idx,
                int(t.period),
                t.side,
                t.donor,
            )
            for i, (q, t) in enumerate(zip(report.quantities, ties, strict=True))
        ],
    )
    countries = {code for e in report.events for code in e.actors}  # the countries the article is about
    rows = [_event_row(ident, i, e, published, countries) for i, e in enumerate(report.events)]
    _many(
        db,
        "events",
        [(*row, counted_usd(f, texts), e.area_km2) for row, f, e in zip(rows, facts, report.events, strict=True)],
    )
    keys = article_keys((a.source for a in report.attributions), (p for e in report.events for p in e.persons))
    _many(
        db,
        "attributions",
        [
            (ident, i, a.source, a.source_kind, a.via, a.cue, a.sentence, keys[a.source])
            for i, a in enumerate(report.attributions)
        ],
    )
    _many(
        db,
        "signals",
        [(ident, i, s.signal, s.text, s.note, s.start, s.end, s.sentence) for i, s in enumerate(report.signals)],
    )


def _event_row(ident: str, index: int, e: Event, published: str | None, countries: set[str]) -> tuple[Any, ...]:
    actors = list(e.actors)
    group = group_key(e.type, e.phase, actors, e.place)
    return (*_event_facts(ident, index, e, published, actors), *_place_columns(e, countries), group, None)


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
    "quantities": 16,  # 12 facts (0001), the figure's ties (0005)
    "events": 24,  # 15 facts (0001), 5 place columns (0002), group_key and cluster_id (0004), usd_counted (0005),
    # area_km2 (0009)
    "attributions": 8,  # source_key (0010)
    "signals": 8,
}


def _many(db: Database, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
    marks = ", ".join("?" * _COLUMNS[table])
    db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
