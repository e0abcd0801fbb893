-- The figures tied to an event, looked up by the event (article and index): an event page reads a page of
-- its cluster's figures through the cluster's events, never a scan of every figure (PostgreSQL chose one
-- without this index). Independent of other migrations and idempotent: it may run under another number.
CREATE INDEX IF NOT EXISTS quantities_event_tie ON quantities (article_id, event_idx)
