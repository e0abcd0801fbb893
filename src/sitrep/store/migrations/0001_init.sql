-- Sitrep's store, version 1: one schema for SQLite and PostgreSQL.
-- Portable types only: TEXT, INTEGER, BIGINT, DOUBLE PRECISION, BYTEA (SQLite keeps blobs as they are).
-- Dates are ISO text (YYYY-MM-DD), times ISO 8601 UTC text, lists JSON text.

CREATE TABLE articles (
    id TEXT PRIMARY KEY,                 -- sha256 of the whitespace-normalized text
    doc TEXT NOT NULL,                   -- path or source name as given
    title TEXT,
    url TEXT,
    outlet TEXT,
    author TEXT,
    published TEXT,
    published_inferred INTEGER NOT NULL DEFAULT 0,
    fmt TEXT NOT NULL,
    text TEXT NOT NULL,
    n_sentences INTEGER NOT NULL,
    pipeline_version TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_pipeline ON articles (pipeline_version);

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE quantities (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    event TEXT NOT NULL,
    measure TEXT NOT NULL,
    category TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    qualifier TEXT NOT NULL,
    actor TEXT,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX quantities_kind ON quantities (event, measure, category);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    phase TEXT,
    actors TEXT NOT NULL,                -- JSON list of codes, giver/attacker first
    actor1 TEXT,
    actor2 TEXT,
    persons TEXT NOT NULL,               -- JSON list
    place TEXT,
    date TEXT,                           -- as resolved by the pipeline: 2025-07-07, 2025-W28, 2025-07
    day TEXT,                            -- first day of that date, else the article's publication date
    items TEXT NOT NULL,                 -- JSON list
    value_usd DOUBLE PRECISION,
    sentence INTEGER NOT NULL,
    anchor TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX events_type_day ON events (type, day);

CREATE TABLE attributions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    source TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    via TEXT,
    cue TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX attributions_source ON attributions (source);

CREATE TABLE signals (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    signal TEXT NOT NULL,
    text TEXT NOT NULL,
    note TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE rejects (
    input TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    rejected_at TEXT NOT NULL
);

-- Near-duplicates (syndicated copies): the later article points at the first one stored.
CREATE TABLE duplicates (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    duplicate_of TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    similarity DOUBLE PRECISION NOT NULL
);

-- MinHash signatures for near-duplicate search (datasketch hash values, little-endian uint64).
CREATE TABLE minhashes (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature BYTEA NOT NULL
);
