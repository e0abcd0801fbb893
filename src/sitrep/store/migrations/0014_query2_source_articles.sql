-- The articles of each source (per source key) with the publication date the article states ('' when it
-- states none) and its document (the order of a day's articles), kept as articles are stored (sitrep.store.claims_sql): one source's claims are read latest
-- first by walking this index, never by sorting every claim of the source (a prolific one makes 700,000 in
-- a store of a million events). Filled here, set-wise, for the articles already stored. Idempotent and
-- independent of other migrations: it may run under another number.
CREATE TABLE IF NOT EXISTS source_articles (
    source_key TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    published TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (source_key, article_id)
);
-- The index walked (source, date latest first, document, article) is made by the migration's step
-- (sitrep.store.upgrades): PostgreSQL's orders documents byte by byte only with an index that says so.
CREATE INDEX IF NOT EXISTS source_articles_article ON source_articles (article_id);
DELETE FROM source_articles;
-- The rejects list latest first (sitrep rejects), a page at a time.
CREATE INDEX IF NOT EXISTS rejects_latest ON rejects (rejected_at);
INSERT INTO source_articles (source_key, article_id, published, doc)
    SELECT DISTINCT t.source_key, t.article_id, COALESCE(CASE WHEN a.published_inferred = 0 THEN a.published END, ''),
    a.doc
    FROM attributions t JOIN articles a ON a.id = t.article_id WHERE t.source_key IS NOT NULL
