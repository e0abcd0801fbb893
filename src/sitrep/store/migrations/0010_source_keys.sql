-- One key for every way articles name the same source (sitrep.corpus.sourcekeys): "Zelensky",
-- "Zelenskyy" and a transcript's "ZELENSKYY" group together in the claims. Worked out when an
-- attribution is stored; filled for stored articles by the migration.
ALTER TABLE attributions ADD COLUMN source_key TEXT;
CREATE INDEX attributions_source_key ON attributions (source_key, article_id)
