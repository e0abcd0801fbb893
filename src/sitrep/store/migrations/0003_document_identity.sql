-- Identity that loses nothing: a document is its text AND its edition (the publication date its
-- input states, '' when none). The same text at another address on the same day is one article,
-- recorded as a republication; the same text with another date is a distinct article, linked to
-- the first one stored as a repeat (templated documents: drawdown memoranda differ by date only).
ALTER TABLE articles ADD COLUMN text_hash TEXT;
ALTER TABLE articles ADD COLUMN edition TEXT NOT NULL DEFAULT '';
UPDATE articles SET text_hash = id,
    edition = CASE WHEN published IS NOT NULL AND published_inferred = 0 THEN published ELSE '' END;
CREATE UNIQUE INDEX articles_identity ON articles (text_hash, edition);

-- Other addresses (paths, URLs) where a stored text was found with the same edition.
CREATE TABLE republications (
    text_hash TEXT NOT NULL,
    edition TEXT NOT NULL,
    doc TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (text_hash, edition, doc)
);

-- A text stored again with another edition points at the first article stored with that text.
CREATE TABLE repeats (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    repeat_of TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX repeats_of ON repeats (repeat_of)
