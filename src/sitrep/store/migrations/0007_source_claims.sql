-- Claims per source kept as articles are stored (sitrep.store.claims_sql), so the claims list is read,
-- not counted over every attribution on each request. Filled here for the articles already stored.
CREATE TABLE source_claims (
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    claims INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    PRIMARY KEY (source, kind)
);
CREATE INDEX source_claims_listing ON source_claims (claims DESC, source);
INSERT INTO source_claims (source, kind, claims, articles, first_seen, last_seen)
    SELECT t.source, t.source_kind, COUNT(*), COUNT(DISTINCT t.article_id), MIN(a.published), MAX(a.published)
    FROM attributions t JOIN articles a ON a.id = t.article_id GROUP BY t.source, t.source_kind
