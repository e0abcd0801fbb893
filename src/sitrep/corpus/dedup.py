"""Near-duplicates (syndicated copies) by MinHash over word 5-grams, with datasketch's LSH index.

Calibration: ``THRESHOLD`` 0.8 estimated Jaccard of word 5-grams links a wire story to
its lightly edited copies (a changed headline or byline, a dropped paragraph) while
two different readouts of the same call, which share boilerplate but not sentences,
stay well below it. A candidate must also give the same figures (numbers and dates):
templated documents such as drawdown memoranda, identical but for the amount and the
date, are distinct acts, not copies (seen on the White House corpus).
"""

from __future__ import annotations

import logging
import re

import numpy as np
from datasketch import MinHash, MinHashLSH

from sitrep.store.db import Database

log = logging.getLogger(__name__)

NUM_PERM = 64
SHINGLE = 5
THRESHOLD = 0.8
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


def _from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(bytes(data), dtype="<u8"), scheme=SCHEME)


class NearDuplicates:
    """An LSH index over the stored articles' signatures, loaded once per ingest run."""

    def __init__(self, db: Database) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._sketches: dict[str, MinHash] = {}
        for row in db.query("SELECT article_id, signature FROM minhashes"):
            self._add(row["article_id"], _from_bytes(row["signature"]))
        log.info("near-duplicate index: %d stored articles", len(self._sketches))

    def _add(self, ident: str, sketch: MinHash) -> None:
        if ident not in self._sketches:
            self._lsh.insert(ident, sketch)
            self._sketches[ident] = sketch

    def remember(self, db: Database, ident: str, text: str) -> MinHash:
        """Store the article's signature (inside its transaction) without looking for its original."""
        sketch = minhash(text)
        db.execute(
            "INSERT INTO minhashes (article_id, signature) VALUES (?, ?) ON CONFLICT (article_id) DO NOTHING",
            (ident, _to_bytes(sketch)),
        )
        self._add(ident, sketch)
        return sketch

    def link(self, db: Database, ident: str, text: str) -> str | None:
        """Store the article's signature and, for a near-duplicate, the link to its original.

        Call inside the article's transaction; returns the id of the original, if any.
        """
        sketch = minhash(text)
        db.execute(
            "INSERT INTO minhashes (article_id, signature) VALUES (?, ?) ON CONFLICT (article_id) DO NOTHING",
            (ident, _to_bytes(sketch)),
        )
        candidates = sorted(
            ((sketch.jaccard(self._sketches[c]), str(c)) for c in self._lsh.query(sketch) if c != ident), reverse=True
        )
        self._add(ident, sketch)
        numbers = _numbers(text)
        match = next(((s, c) for s, c in candidates if _numbers(_text(db, c)) == numbers), None)
        if match is None:
            return None
        similarity, original = match
        db.execute(
            "INSERT INTO duplicates (article_id, duplicate_of, similarity) VALUES (?, ?, ?)"
            " ON CONFLICT (article_id) DO NOTHING",
            (ident, original, float(similarity)),
        )
        return original
