-- Resolved places of events (sitrep.corpus.places): filled at ingest and by reprocess.
-- NULL when the place is absent, unknown or ambiguous. ``geo_precision``: city, region or country.
ALTER TABLE events ADD COLUMN lat DOUBLE PRECISION;
ALTER TABLE events ADD COLUMN lon DOUBLE PRECISION;
ALTER TABLE events ADD COLUMN admin TEXT;
ALTER TABLE events ADD COLUMN country TEXT;
ALTER TABLE events ADD COLUMN geo_precision TEXT;
