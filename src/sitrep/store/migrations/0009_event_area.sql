-- The area of a place or front taken (SEIZE events), in square kilometres, when the text states it.
-- Version 5: versions 3 and 4 are the store work's document identity and stored clusters.
ALTER TABLE events ADD COLUMN area_km2 DOUBLE PRECISION;
