"""Claims by source, over the source keys stored with each attribution (``corpus.sourcekeys``), paged in SQL.

A source is the group of every attribution with its key, shown by one name (``display_name``); its counts
and first and last seen (the publication dates its articles state) are kept in ``source_claims`` as
articles are stored (``store.claims_sql``), so the list of sources is read from an index, not counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sitrep.corpus.names import article_name
from sitrep.corpus.sourcekeys import display_name, spelling_key
from sitrep.store.claims_sql import STATED
from sitrep.store.db import Database, Row

_CLAIMS = (
    "SELECT t.source_key AS key, t.source AS as_written, t.source_kind AS kind, t.via, a.id AS article_id,"
    f" a.title, a.outlet, a.doc, {STATED} AS published, t.sentence, s.text AS quote"
    " FROM attributions t JOIN articles a ON a.id = t.article_id"
    " JOIN sentences s ON s.article_id = t.article_id AND s.idx = t.sentence"
)


@dataclass(frozen=True)
class ClaimFilter:
    """Which sources: ``key`` exactly, or ``source`` contained in a key or in a name as written."""

    source: str | None = None
    key: str | None = None

    def where(self, column: str = "t.source_key") -> tuple[str, list[Any]]:
        if self.key is not None:
            return f" WHERE {column} = ?", [self.key]
        if not self.source:
            return "", []
        matching = (  # each key's spellings are kept (store.claims_sql): a few rows per source, not its claims
            f" WHERE {column} IN (SELECT source_key FROM source_spellings"
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
    where, params = (flt or ClaimFilter()).where("c.source_key")
    return int(db.scalar(f"SELECT COUNT(*) FROM source_claims c{where}", params) or 0)


def sources(db: Database, flt: ClaimFilter | None = None, limit: int | None = None, offset: int = 0) -> list[Row]:
    """Per source (key), its name, kind, claims, articles, first and last seen and the spellings grouped."""
    sql, params = _sources_sql(db, flt)
    page, more = _page(limit, offset)
    return _named_sources(db, db.query(sql + page, [*params, *more]))


def stream_sources(db: Database, flt: ClaimFilter | None = None) -> Iterator[Row]:
    """``sources`` of every matching source, read as they are written out (names read per chunk)."""
    sql, params = _sources_sql(db, flt)
    for chunk in _chunks(db.stream(sql, params)):
        yield from _named_sources(db, chunk)


def _sources_sql(db: Database, flt: ClaimFilter | None) -> tuple[str, list[Any]]:
    where, params = (flt or ClaimFilter()).where("c.source_key")
    collate = ' COLLATE "C"' if db.dialect == "postgresql" else ""  # one order on both: SQLite sorts by bytes
    sql = (
        "SELECT c.source_key AS key, c.claims, c.articles, c.first_seen, c.last_seen FROM source_claims c"
        f"{where} ORDER BY c.claims DESC, c.source_key{collate}"
    )
    return sql, params


def _named_sources(db: Database, rows: list[Row]) -> list[Row]:
    names = _names(db, [r["key"] for r in rows])
    out = []
    for r in rows:
        name, kind, spellings = names[r["key"]]
        out.append({"source": name, "kind": kind, **r, "spellings": spellings})
    return out


def _chunks(rows: Iterator[Row], size: int = 500) -> Iterator[list[Row]]:
    while chunk := list(islice(rows, size)):
        yield chunk


def count_claims(db: Database, flt: ClaimFilter) -> int:
    """How many claims the matching sources make (counted per source as articles are stored)."""
    where, params = flt.where("c.source_key")
    return int(db.scalar(f"SELECT SUM(c.claims) FROM source_claims c{where}", params) or 0)


def claims_of(
    db: Database, flt: ClaimFilter, limit: int | None = None, offset: int = 0, latest: bool = False
) -> list[Row]:
    """Each claim of the matching sources with its sentence, by publication date (undated last; ``latest``:
    latest first)."""
    page, more = _page(limit, offset)
    keys = _keys(db, flt) if limit is not None and limit + offset <= WALKED_ROWS else None
    if keys == []:  # no source matches: nothing to walk
        return []
    if keys is not None and limit is not None:
        sql, params = _walk_sql(db, keys, limit + offset, latest)
    else:
        sql, params = _claims_sql(db, flt, latest, page)
    return _named_claims(db, db.query(sql, [*params, *more]))


#: Above this many matching sources, a page of their claims is sorted from all of them (each source's own
#: walk would cost more than the sort: such a wide match is of rare names).
WALKED_SOURCES = 50
#: A page that ends deeper than this is sorted from all the claims: the walk reads every row it skips
#: (1,000,000-event store, 735,518 claims of one source, load 4-5: at offset 10,000 walked 1.2-1.9 s,
#: sorted 4.9-5.6 s; at 100,000 walked 5.4-7.3 s, sorted 4.3-6.4 s).
WALKED_ROWS = 50_000


def _keys(db: Database, flt: ClaimFilter) -> list[str] | None:
    """The source keys that match (None when too many to walk one by one)."""
    if flt.key is not None:
        return [flt.key]
    where, params = flt.where("k.source_key")
    rows = db.query(f"SELECT DISTINCT k.source_key AS key FROM source_spellings k{where}", params)
    return sorted(str(r["key"]) for r in rows) if len(rows) <= WALKED_SOURCES else None


def _walk_sql(db: Database, keys: list[str], first: int, latest: bool) -> tuple[str, list[Any]]:
    """The ``first`` claims of each source in order, walked from its articles' index (``source_articles``,
    then each day's few articles in order), merged and paged (LIMIT, OFFSET to add). Undated articles
    (stated date '') come last: latest first they end the walk; oldest first they are walked apart."""
    collate = ' COLLATE "C"' if db.dialect == "postgresql" else ""
    rest = f"sa.doc{collate}, sa.article_id, t.sentence, t.idx LIMIT ?) k{{n}}"
    walk = (
        "SELECT * FROM (SELECT t.source_key AS key, t.source AS as_written, t.source_kind AS kind, t.via,"
        " a.id AS article_id, a.title, a.outlet, a.doc, sa.published AS day, t.sentence, t.idx"
        " FROM source_articles sa CROSS JOIN articles a CROSS JOIN attributions t"  # SQLite: walk sa first
        " WHERE a.id = sa.article_id AND t.article_id = sa.article_id AND t.source_key = sa.source_key"
        " AND sa.source_key = ?"
    )
    if latest:
        walks = [walk + f" ORDER BY sa.published DESC, {rest}"]
        day = "x.day DESC"
    else:  # oldest first: the dated articles walked forwards, the undated ones apart
        walks = [
            walk + f" AND sa.published > '' ORDER BY sa.published, {rest}",
            walk + f" AND sa.published = '' ORDER BY {rest}",
        ]
        day = "CASE WHEN x.day = '' THEN 1 ELSE 0 END, x.day"
    merged = " UNION ALL ".join(w.format(n=n) for n, w in enumerate(w for _ in keys for w in walks))
    sql = (
        "SELECT x.key, x.as_written, x.kind, x.via, x.article_id, x.title, x.outlet, x.doc,"
        " NULLIF(x.day, '') AS published, x.sentence, s.text AS quote"
        f" FROM ({merged}) x JOIN sentences s ON s.article_id = x.article_id AND s.idx = x.sentence"
        f" ORDER BY {day}, x.doc{collate}, x.article_id, x.sentence, x.key{collate}, x.idx LIMIT ? OFFSET ?"
    )
    return sql, [p for key in keys for _ in walks for p in (key, first)]


def stream_claims(db: Database, flt: ClaimFilter, latest: bool = False) -> Iterator[Row]:
    """``claims_of`` every claim of the matching sources, read as they are written out."""
    sql, params = _claims_sql(db, flt, latest)
    for chunk in _chunks(db.stream(sql, params)):
        yield from _named_claims(db, chunk)


def _claims_sql(db: Database, flt: ClaimFilter, latest: bool, page: str = "") -> tuple[str, list[Any]]:
    """The claims in order; with ``page`` (LIMIT/OFFSET), those of the page are ordered from the claims'
    keys and dates alone, and only then joined to their sentences."""
    where, params = flt.where()
    collate = ' COLLATE "C"' if db.dialect == "postgresql" else ""
    way = " DESC" if latest else ""  # the latest articles first, each one's claims in order

    def order(day: str, doc: str, ident: str, sentence: str, key: str = "t.source_key", idx: str = "t.idx") -> str:
        return (
            f" ORDER BY CASE WHEN {day} IS NULL THEN 1 ELSE 0 END, {day}{way}, {doc}{collate}, {ident}, {sentence},"
            f" {key}{collate}, {idx}"
        )

    by_claim = order(STATED, "a.doc", "a.id", "t.sentence")
    if not page:
        return _CLAIMS + where + by_claim, params
    keys = (
        "SELECT t.source_key AS key, t.source AS as_written, t.source_kind AS kind, t.via, a.id AS article_id,"
        f" a.title, a.outlet, a.doc, {STATED} AS published, t.sentence, t.idx FROM attributions t"
        f" JOIN articles a ON a.id = t.article_id{where}{by_claim}{page}"
    )
    sql = (
        f"SELECT x.*, s.text AS quote FROM ({keys}) x JOIN sentences s ON s.article_id = x.article_id"
        " AND s.idx = x.sentence" + order("x.published", "x.doc", "x.article_id", "x.sentence", "x.key", "x.idx")
    )
    return sql, params


def _named_claims(db: Database, rows: list[Row]) -> list[Row]:
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
        for r in db.query(  # counted as attributions are stored (store.claims_sql)
            "SELECT source_key AS key, source, source_kind AS kind, n FROM source_spellings"
            f" WHERE source_key IN ({marks})",
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
