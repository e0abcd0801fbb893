-- How often each source is written each way (per source key), kept as articles are stored
-- (sitrep.store.claims_sql), so the sources list names a page of sources without counting their claims.
CREATE TABLE source_spellings (
    source_key TEXT NOT NULL,
    source TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (source_key, source, source_kind)
)

;
-- Articles by source: whether another article of a source still counts in a cluster (a copy was linked).
CREATE INDEX articles_source ON articles (source, id)
