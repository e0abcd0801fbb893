-- How each figure is tied to its article's events (sitrep.corpus.ties), stored with the article so the
-- trackers and conflicts are SQL over indexed columns. Filled for stored articles by the migration.
ALTER TABLE quantities ADD COLUMN event_idx INTEGER;    -- the article's event the figure belongs to
ALTER TABLE quantities ADD COLUMN period INTEGER;       -- 1: a running total over a span of time
ALTER TABLE quantities ADD COLUMN side TEXT;            -- the side that gives, attacks or loses
ALTER TABLE quantities ADD COLUMN donor TEXT;           -- aid: the side when it gives to another, '?' for none
ALTER TABLE articles ADD COLUMN source TEXT;           -- who published it (corpus.clusters.source_of)
ALTER TABLE events ADD COLUMN usd_counted DOUBLE PRECISION;  -- value_usd unless a running total
CREATE INDEX quantities_event_measure ON quantities (event, measure, article_id, event_idx)
