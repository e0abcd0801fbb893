-- The near-duplicate index kept in the store (sitrep.corpus.dedup): each article's MinHash signature cut
-- into the LSH bands of datasketch's MinHashLSH at the calibrated threshold, one row per band, keyed by a
-- 64-bit hash of the band number and its values, so an ingest looks its candidates up by index instead of
-- loading every stored signature. Written in the article's transaction; `banded` marks the signatures whose
-- bands are stored (signatures loaded in bulk get theirs at the next ingest, found by the partial index).
CREATE TABLE minhash_bands (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    band INTEGER NOT NULL,
    hash BIGINT NOT NULL,
    PRIMARY KEY (article_id, band)
);

-- The index by key (minhash_bands_hash) is made by the migration's step once the stored signatures are banded.

ALTER TABLE minhashes ADD COLUMN banded INTEGER NOT NULL DEFAULT 0;

CREATE INDEX minhashes_unbanded ON minhashes (article_id) WHERE banded = 0
