"""Steps of migrations that SQL alone cannot do: facts worked out in Python for articles already stored."""

from __future__ import annotations

import json
import logging
from collections import defaultdict

from sitrep.corpus.ties import EventFacts, QuantityFacts, counted_usd, tie
from sitrep.store.db import Database, Row

log = logging.getLogger(__name__)

_EVENTS = "SELECT idx, type, actors, sentence, date, value_usd, anchor FROM events WHERE article_id = ? ORDER BY idx"
_QUANTITIES = "SELECT idx, event, measure, actor, sentence, text FROM quantities WHERE article_id = ? ORDER BY idx"


def _event(r: Row) -> EventFacts:
    actors = tuple(json.loads(r["actors"]))
    return EventFacts(int(r["idx"]), r["type"], actors, int(r["sentence"]), r["date"], r["value_usd"], r["anchor"])


def fill_ties(db: Database) -> None:
    """Tie the figures of every stored article to its events (``corpus.ties``), in the caller's transaction."""
    from sitrep.corpus.clusters import source_of

    articles = db.query("SELECT id, outlet, url, doc FROM articles ORDER BY id")
    db.executemany(
        "UPDATE articles SET source = ? WHERE id = ?",
        [(source_of(r["outlet"], r["url"], r["doc"]), r["id"]) for r in articles],
    )
    ids = [str(r["id"]) for r in articles]
    for ident in ids:
        rows = db.query("SELECT idx, text FROM sentences WHERE article_id = ?", (ident,))
        texts = {int(r["idx"]): str(r["text"]) for r in rows}
        events = [_event(r) for r in db.query(_EVENTS, (ident,))]
        db.executemany(
            "UPDATE events SET usd_counted = ? WHERE article_id = ? AND idx = ?",
            [(counted_usd(e, texts), ident, e.idx) for e in events if e.value_usd],
        )
        updates = []
        for r in db.query(_QUANTITIES, (ident,)):
            t = tie(QuantityFacts(r["event"], r["measure"], r["actor"], int(r["sentence"]), r["text"]), events, texts)
            updates.append((t.event_idx, int(t.period), t.side, t.donor, ident, r["idx"]))
        db.executemany(
            "UPDATE quantities SET event_idx = ?, period = ?, side = ?, donor = ? WHERE article_id = ? AND idx = ?",
            updates,
        )
    log.info("figures tied to their events in %d stored articles", len(ids))


def fill_source_keys(db: Database) -> None:
    """Key the attributions of every stored article by source (``corpus.sourcekeys``), in the caller's transaction."""
    from sitrep.corpus.sourcekeys import article_keys

    persons: dict[str, list[str]] = defaultdict(list)
    for r in db.query("SELECT article_id, persons FROM events WHERE persons <> '[]'"):
        persons[str(r["article_id"])] += json.loads(r["persons"])
    sources: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in db.query("SELECT article_id, idx, source FROM attributions"):
        sources[str(r["article_id"])].append((int(r["idx"]), str(r["source"])))
    updates = []
    for ident, rows in sources.items():
        keys = article_keys((s for _, s in rows), persons[ident])
        updates += [(keys[s], ident, idx) for idx, s in rows]
    db.executemany("UPDATE attributions SET source_key = ? WHERE article_id = ? AND idx = ?", updates)
    log.info("attributions keyed by source in %d stored articles", len(sources))
