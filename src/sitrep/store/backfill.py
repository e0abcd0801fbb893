"""Steps of migrations that SQL alone cannot do: facts worked out in Python for articles already stored."""

from __future__ import annotations

import json
import logging

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
