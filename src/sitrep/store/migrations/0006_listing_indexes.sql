-- Indexes in the order the lists are read, so a page at any offset is an index walk, not a sort.
CREATE INDEX clusters_listing ON clusters (first_day, type, sides, id);
CREATE INDEX clusters_latest ON clusters (last_day DESC, id);
CREATE INDEX articles_listing ON articles (published DESC, doc)
