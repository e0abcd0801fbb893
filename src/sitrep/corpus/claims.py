"""Claims by source, in SQL over the stored source keys (``corpus.sourcekeys``), paged.

A source is the group of every attribution with its key, shown by one name (``display_name``). First
and last seen are the publication dates its articles state: a date inferred from an article's text
(a birth year, an anniversary) is no publication date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sitrep.corpus.names import article_name
from sitrep.corpus.sourcekeys import display_name, spelling_key
from sitrep.store.db import Database, Row

_STATED = "CASE WHEN a.published_inferred = 0 THEN a.published END"
_SUMMARY = (
    "SELECT t.source_key AS key, COUNT(*) AS claims, COUNT(DISTINCT t.article_id) AS articles,"
    f" MIN({_STATED}) AS first_seen, MAX({_STATED}) AS last_seen"
    " FROM attributions t JOIN articles a ON a.id = t.article_id"
)
_CLAIMS = (
    "SELECT t.source_key AS key, t.source AS as_written, t.source_kind AS kind, t.via, a.id AS article_id,"
    f" a.title, a.outlet, a.doc, {_STATED} AS published, t.sentence, s.text AS quote"
    " FROM attributions t JOIN articles a ON a.id = t.article_id"
    " JOIN sentences s ON s.article_id = t.article_id AND s.idx = t.sentence"
)


@dataclass(frozen=True)
class ClaimFilter:
    """Which sources: ``key`` exactly, or ``source`` contained in a key or in a name as written."""

    source: str | None = None
    key: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        if self.key is not None:
            return " WHERE t.source_key = ?", [self.key]
        if not self.source:
            return "", []
        matching = (
            " WHERE t.source_key IN (SELECT source_key FROM attributions"
            " WHERE source_key LIKE ? ESCAPE '!' OR LOWER(source) LIKE ? ESCAPE '!')"
        )
        return matching, [_contains(spelling_key(self.source)), _contains(self.source.lower())]

    @property
    def any(self) -> bool:
        return self.key is not None or bool(self.source)


def _contains(text: str) -> str:
    return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"


def _page(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    return (" LIMIT ? OFFSET ?", [limit, offset]) if limit is not None else ("", [])


def count_sources(db: Database, flt: ClaimFilter | None = None) -> int:
    where, params = (flt or ClaimFilter()).where()
    return int(db.scalar(f"SELECT COUNT(DISTINCT t.source_key) FROM attributions t{where}", params) or 0)


def sources(db: Database, flt: ClaimFilter | None = None, limit: int | None = None, offset: int = 0) -> list[Row]:
    """Per source (key), its name, kind, claims, articles, first and last seen and the spellings grouped."""
    where, params = (flt or ClaimFilter()).where()
    page, more = _page(limit, offset)
    rows = db.query(
        _SUMMARY + where + " GROUP BY t.source_key ORDER BY COUNT(*) DESC, t.source_key" + page, [*params, *more]
    )
    names = _names(db, [r["key"] for r in rows])
    out = []
    for r in rows:
        name, kind, spellings = names[r["key"]]
        out.append({"source": name, "kind": kind, **r, "spellings": spellings})
    return out


def count_claims(db: Database, flt: ClaimFilter) -> int:
    where, params = flt.where()
    return int(db.scalar(f"SELECT COUNT(*) FROM attributions t{where}", params) or 0)


def claims_of(db: Database, flt: ClaimFilter, limit: int | None = None, offset: int = 0) -> list[Row]:
    """Each claim of the matching sources with its sentence, by publication date (undated last)."""
    where, params = flt.where()
    page, more = _page(limit, offset)
    order = f" ORDER BY CASE WHEN {_STATED} IS NULL THEN 1 ELSE 0 END, {_STATED}, a.doc, a.id, t.sentence"
    rows = db.query(_CLAIMS + where + order + page, [*params, *more])
    names = _names(db, sorted({r["key"] for r in rows}))
    return [_claim(r, names[r["key"]][0]) for r in rows]


def _claim(r: Row, name: str) -> Row:
    return {
        "source": name,
        "as_written": r["as_written"],
        "kind": r["kind"],
        "via": r["via"],
        "published": r["published"],
        "article": article_name(r["title"], r["outlet"], r["doc"]),
        "outlet": r["outlet"],
        "article_id": r["article_id"],
        "sentence": r["sentence"],
        "quote": r["quote"],
        "key": r["key"],
    }


def _names(db: Database, keys: list[str]) -> dict[str, tuple[str, str, list[str]]]:
    """Each key's shown name, kind and spellings (most used first), from its attributions' names as written."""
    counts: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        marks = ", ".join("?" * len(part))
        for r in db.query(
            "SELECT source_key AS key, source, source_kind AS kind, COUNT(*) AS n FROM attributions"
            f" WHERE source_key IN ({marks}) GROUP BY source_key, source, source_kind",
            part,
        ):
            counts[r["key"]][(r["source"], r["kind"])] = int(r["n"])
    out = {}
    for key in keys:
        name, kind = display_name(key, counts[key])
        written: dict[str, int] = defaultdict(int)
        for (spelling, _), n in counts[key].items():
            written[spelling] += n
        out[key] = (name, kind, sorted(written, key=lambda s: (-written[s], s)))
    return out
