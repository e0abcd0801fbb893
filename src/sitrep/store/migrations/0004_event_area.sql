-- The area of a place or front taken (SEIZE events), in square kilometres, when the text states it.
-- (Version 4: 0003 is the document-identity migration of the store work; the numbers only have to grow.)
ALTER TABLE events ADD COLUMN area_km2 DOUBLE PRECISION;
