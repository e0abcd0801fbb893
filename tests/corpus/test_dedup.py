"""The near-duplicate index kept in the store: datasketch's LSH candidates, found by SQL, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
import sqlite3
from typing import Any

from datasketch import MinHashLSH

from sitrep.corpus.dedup import (
    BANDS,
    NUM_PERM,
    ROWS,
    THRESHOLD,
    NearDuplicates,
    _candidates,
    _to_bytes,
    band_keys,
    minhash,
)
from sitrep.store.bulk import insert_rows
from sitrep.store.db import Database, _migrations, _statements

_WORDS = [f"w{n}" for n in range(400)]


def _texts(count: int, seed: int = 7) -> list[str]:
    """Texts of 120 words, in families of four: an original, then copies with fewer and fewer words kept."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < count:
        base = [rng.choice(_WORDS) for _ in range(120)]
        for edits in (0, 3, 10, 40):
            words = list(base)
            for _ in range(edits):
                words[rng.randrange(len(words))] = rng.choice(_WORDS)
            out.append(" ".join(words))
    return out[:count]


def _add_article(db: Database, ident: str, text: str) -> None:
    db.execute(
        "INSERT INTO articles (id, doc, fmt, text, n_sentences, pipeline_version, ingested_at, text_hash)"
        " VALUES (?, ?, 'txt', ?, 1, 't', '2026-01-01', ?)",
        (ident, f"{ident}.txt", text, ident),
    )


def test_the_bands_are_datasketchs_for_the_threshold() -> None:
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)


def test_the_candidates_are_those_of_datasketchs_index(db_url: str) -> None:
    texts = _texts(48)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    with Database(db_url) as db:
        index = NearDuplicates(db)
        for n, text in enumerate(texts):
            with db.transaction():
                _add_article(db, f"a{n:02d}", text)
                index.remember(db, f"a{n:02d}", text)
            lsh.insert(f"a{n:02d}", minhash(text))
        assert db.scalar("SELECT COUNT(*) FROM minhash_bands") == BANDS * len(texts)
        for n, text in enumerate(texts):
            sketch = minhash(text)
            expected = sorted(
                (sketch.jaccard(minhash(texts[int(c[1:])])), c) for c in lsh.query(sketch) if c != f"a{n:02d}"
            )
            assert sorted(_candidates(db, f"a{n:02d}", _to_bytes(sketch))) == expected
        assert any(_candidates(db, "a00", _to_bytes(minhash(texts[0]))))  # the families do share bands


def test_a_copy_is_linked_to_its_closest_original_with_the_same_figures(db_url: str) -> None:
    base = _texts(1)[0]
    original = base + " ordered 120 shells on 2024-03-01"
    other_figures = base + " ordered 150 shells on 2024-03-01"  # a templated document: other figures, not a copy
    with Database(db_url) as db:
        index = NearDuplicates(db)
        for ident, text in (("orig", original), ("tmpl", other_figures)):
            with db.transaction():
                _add_article(db, ident, text)
                assert index.link(db, ident, text) is None
        copy = original + " reporting by a wire"
        with db.transaction():
            _add_article(db, "copy", copy)
            assert index.link(db, "copy", copy) == "orig"
        (row,) = db.query("SELECT article_id, duplicate_of, similarity FROM duplicates")
        assert (row["article_id"], row["duplicate_of"]) == ("copy", "orig")
        assert row["similarity"] == minhash(copy).jaccard(minhash(original))


def test_signatures_loaded_in_bulk_are_banded_when_the_index_opens(db_url: str) -> None:
    texts = _texts(8)
    with Database(db_url) as db:
        with db.transaction():
            for n, text in enumerate(texts):
                _add_article(db, f"b{n}", text)
            insert_rows(
                db,
                "minhashes",
                ("article_id", "signature"),
                [(f"b{n}", _to_bytes(minhash(t))) for n, t in enumerate(texts)],
            )
        assert db.scalar("SELECT COUNT(*) FROM minhash_bands") == 0
        index = NearDuplicates(db)
        assert db.scalar("SELECT COUNT(*) FROM minhash_bands") == BANDS * len(texts)
        assert db.scalar("SELECT COUNT(*) FROM minhashes WHERE banded = 0") == 0
        with db.transaction():
            _add_article(db, "new", texts[1])
            assert index.link(db, "new", texts[1]) == "b1"


def _raw(url: str) -> Any:
    if "://" not in url:
        return sqlite3.connect(url, isolation_level=None)
    import psycopg

    return psycopg.connect(url, autocommit=True)


def test_a_store_from_before_the_index_is_banded_on_upgrade(db_url: str) -> None:
    """A store at schema 12 (signatures, no bands) gets the bands of every stored signature when a writer opens it."""
    texts = _texts(12)
    sql = (lambda s: s) if "://" not in db_url else (lambda s: s.replace("?", "%s"))
    conn = _raw(db_url)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    for version, script in _migrations():
        if version > 12:
            break
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute(sql("INSERT INTO schema_version VALUES (?, CURRENT_TIMESTAMP)"), (version,))
    for n, text in enumerate(texts):
        conn.execute(
            sql(
                "INSERT INTO articles (id, doc, fmt, text, n_sentences, pipeline_version, ingested_at, text_hash)"
                " VALUES (?, ?, 'txt', ?, 1, 't', '2026-01-01', ?)"
            ),
            (f"c{n:02d}", f"c{n}.txt", text, f"c{n:02d}"),
        )
        conn.execute(sql("INSERT INTO minhashes VALUES (?, ?)"), (f"c{n:02d}", _to_bytes(minhash(text))))
    conn.close()
    with Database(db_url) as db:
        assert db.schema_version() >= 13
        assert db.scalar("SELECT COUNT(*) FROM minhash_bands") == BANDS * len(texts)
        assert db.scalar("SELECT COUNT(*) FROM minhashes WHERE banded = 0") == 0
        index = NearDuplicates(db)
        with db.transaction():
            _add_article(db, "new", texts[4] + " wire")
            assert index.link(db, "new", texts[4] + " wire") == "c04"
        stored = db.query("SELECT hash FROM minhash_bands WHERE article_id = 'c04' ORDER BY band")
        assert [r["hash"] for r in stored] == band_keys(_to_bytes(minhash(texts[4])))  # signed 64-bit keys kept
