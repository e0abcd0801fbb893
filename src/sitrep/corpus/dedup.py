"""Near-duplicates (syndicated copies) by MinHash over word 5-grams, with an LSH index kept in the store.

Calibration: ``THRESHOLD`` 0.8 estimated Jaccard of word 5-grams links a wire story to
its lightly edited copies (a changed headline or byline, a dropped paragraph) while
two different readouts of the same call, which share boilerplate but not sentences,
stay well below it. A candidate must also give the same figures (numbers and dates):
templated documents such as drawdown memoranda, identical but for the amount and the
date, are distinct acts, not copies (seen on the White House corpus).

The index: datasketch's ``MinHashLSH`` banding for that threshold (``BANDS`` bands of ``ROWS``
hash values) with each band of each stored signature a row of ``minhash_bands``, keyed by a 64-bit
hash of the band's number and values and indexed by it. The candidates of a new article are the
stored articles sharing a band with it (those sharing most bands first, at most ``CANDIDATES``),
found by one indexed query, so an ingest run reads no other signature and its cost per article does
not grow with the store. Two signatures share a band key exactly when they share that band (up to
a 64-bit hash collision), so the candidates are datasketch's.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash

from sitrep.store.db import Database

log = logging.getLogger(__name__)

NUM_PERM = 64
SHINGLE = 5
THRESHOLD = 0.8
BANDS, ROWS = 5, 11  # datasketch's MinHashLSH(threshold=0.8, num_perm=64) optimum (equal weights); a test checks
CANDIDATES = 100  # the stored articles sharing most bands with a new one that are compared with it
_FILL_BATCH = 20_000  # signatures banded per transaction when bands are made for stored ones
_FILL_LOCK = 7_431_813  # PostgreSQL advisory-lock key of banding stored signatures
SCHEME = "affine32"  # datasketch 2 hashing scheme; signatures are only comparable within one scheme
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d[\d,.]*")


def minhash(text: str) -> MinHash:
    """The MinHash of the text's lower-cased word 5-grams (the whole text when shorter)."""
    words = _WORD.findall(text.lower())
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    sketch = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    sketch.update_batch([g.encode("utf-8") for g in grams])
    return sketch


def _numbers(text: str) -> set[str]:
    """The figures of a text: a copy repeats them all, a templated document (a drawdown memo) does not."""
    return {n.rstrip(".,") for n in _NUMBER.findall(text)}


def _text(db: Database, ident: str) -> str:
    return str(db.scalar("SELECT text FROM articles WHERE id = ?", (ident,)) or "")


def _to_bytes(sketch: MinHash) -> bytes:
    return np.asarray(sketch.hashvalues, dtype="<u8").tobytes()


def band_keys(signature: bytes) -> list[int]:
    """The signed 64-bit key of each LSH band of a stored signature (little-endian uint64 values)."""
    size = ROWS * 8
    signature = bytes(signature)
    return [
        int.from_bytes(
            hashlib.blake2b(bytes([band]) + signature[band * size : (band + 1) * size], digest_size=8).digest(),
            "little",
            signed=True,
        )
        for band in range(BANDS)
    ]


def _store_signature(db: Database, ident: str, signature: bytes) -> None:
    """The article's signature and its bands, in the caller's transaction."""
    cursor = db.execute(
        "INSERT INTO minhashes (article_id, signature, banded) VALUES (?, ?, 1) ON CONFLICT (article_id) DO NOTHING",
        (ident, signature),
    )
    if cursor.rowcount:
        _insert_bands(db, [(ident, signature)])


def _insert_bands(db: Database, rows: Sequence[tuple[str, bytes]]) -> None:
    db.executemany(
        "INSERT INTO minhash_bands (article_id, band, hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(ident, band, key) for ident, signature in rows for band, key in enumerate(band_keys(signature))],
    )


def fill_bands(db: Database) -> int:
    """Band the stored signatures that have none yet (loaded in bulk, or stored before 0015), set-wise.

    Batches of ``_FILL_BATCH`` signatures in article id order, each one transaction (joined to the caller's
    when there is one; PostgreSQL writers fill one after the other). Returns the number of signatures banded.
    """
    from sitrep.store.bulk import insert_rows

    done = 0
    while True:
        with db.transaction():
            if db.dialect == "postgresql":
                db.execute("SELECT pg_advisory_xact_lock(?)", (_FILL_LOCK,))
            rows = db.query(
                "SELECT article_id, signature FROM minhashes WHERE banded = 0 ORDER BY article_id LIMIT ?",
                (_FILL_BATCH,),
            )
            if not rows:
                break
            bands = [(r["article_id"], band, key) for r in rows for band, key in enumerate(band_keys(r["signature"]))]
            insert_rows(db, "minhash_bands", ("article_id", "band", "hash"), bands)
            _mark_banded(db, [str(r["article_id"]) for r in rows])
        done += len(rows)
    if done:
        log.info("near-duplicate index: bands made for %d stored signatures", done)
    return done


def _mark_banded(db: Database, ids: list[str]) -> None:
    """Mark a batch banded: by its ids on PostgreSQL (a bulk load may commit beside it), else by its id range."""
    if db.dialect == "postgresql":
        db.execute("UPDATE minhashes SET banded = 1 WHERE article_id = ANY(?)", (ids,))
    else:  # the batch's transaction holds the only write lock: no unbanded row came in since it was read
        db.execute("UPDATE minhashes SET banded = 1 WHERE banded = 0 AND article_id <= ?", (ids[-1],))


def _candidates(db: Database, ident: str, signature: bytes) -> list[tuple[float, str]]:
    """(estimated Jaccard, id) of the stored articles sharing an LSH band with the signature, best first."""
    keys = band_keys(signature)
    rows = db.query(
        "SELECT b.article_id, COUNT(*) AS shared FROM minhash_bands b"
        f" WHERE b.hash IN ({', '.join('?' * len(keys))}) AND b.article_id <> ?"
        " GROUP BY b.article_id ORDER BY shared DESC, b.article_id LIMIT ?",
        (*keys, ident, CANDIDATES),
    )
    if not rows:
        return []
    ids = [str(r["article_id"]) for r in rows]
    stored = db.query(
        f"SELECT article_id, signature FROM minhashes WHERE article_id IN ({', '.join('?' * len(ids))})", ids
    )
    mine = np.frombuffer(signature, dtype="<u8")
    return sorted(
        (
            (
                float(np.count_nonzero(mine == np.frombuffer(bytes(r["signature"]), dtype="<u8"))) / NUM_PERM,
                r["article_id"],
            )
            for r in stored
        ),
        reverse=True,
    )


class NearDuplicates:
    """The near-duplicate index of the store, kept in its tables (``minhashes``, ``minhash_bands``).

    Opening it bands the signatures stored without bands (none, unless some were loaded in bulk).
    """

    def __init__(self, db: Database) -> None:
        fill_bands(db)

    def remember(self, db: Database, ident: str, text: str) -> MinHash:
        """Store the article's signature (inside its transaction) without looking for its original."""
        sketch = minhash(text)
        _store_signature(db, ident, _to_bytes(sketch))
        return sketch

    def link(self, db: Database, ident: str, text: str) -> str | None:
        """Store the article's signature and, for a near-duplicate, the link to its original.

        Call inside the article's transaction; returns the id of the original, if any.
        """
        signature = _to_bytes(minhash(text))
        _store_signature(db, ident, signature)
        numbers = _numbers(text)
        match = next(((s, c) for s, c in _candidates(db, ident, signature) if _numbers(_text(db, c)) == numbers), None)
        if match is None:
            return None
        similarity, original = match
        db.execute(
            "INSERT INTO duplicates (article_id, duplicate_of, similarity) VALUES (?, ?, ?)"
            " ON CONFLICT (article_id) DO NOTHING",
            (ident, original, float(similarity)),
        )
        return original
