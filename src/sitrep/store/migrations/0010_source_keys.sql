-- One key for every way articles name the same source (sitrep.corpus.sourcekeys): "Zelensky",
-- "Zelenskyy" and a transcript's "ZELENSKYY" group together in the claims. Worked out when an
-- attribution is stored; filled for stored articles by the migration. The index covers the claims
-- lists: per key, its claims' articles and the names as written (the name each group is shown by).
ALTER TABLE attributions ADD COLUMN source_key TEXT;
CREATE INDEX attributions_source_key ON attributions (source_key, source, source_kind, article_id);

-- Claims per source (sitrep.store.claims_sql) are kept per source key, with the publication dates the
-- articles state; counted again by the migration once the keys are filled.
DROP TABLE source_claims;
CREATE TABLE source_claims (
    source_key TEXT PRIMARY KEY,
    claims INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX source_claims_listing ON source_claims (claims DESC, source_key)
