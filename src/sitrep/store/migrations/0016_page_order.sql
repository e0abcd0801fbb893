-- The event page walks a cluster's mentions (and their figures) in (day, article, index) order from this
-- index alone, however large the cluster: the index of a cluster's days gains the mention's key.
-- Idempotent: it may run under another number.
DROP INDEX IF EXISTS events_cluster_day;
CREATE INDEX events_cluster_day ON events (cluster_id, day, article_id, idx)
