-- Event clusters kept in the store (sitrep.store.clusters_sql): each event mention is assigned to a
-- cluster as it is stored, in the same transaction. A cluster's id never changes; a cluster merged
-- into another leaves its id as an alias of the survivor. The clusters of a store upgraded to this
-- version are built once by the migration (the same as `sitrep recluster`).
ALTER TABLE events ADD COLUMN group_key TEXT;     -- type|phase|sides: what a cluster's mentions share
ALTER TABLE events ADD COLUMN cluster_id TEXT;
CREATE INDEX events_group_day ON events (group_key, day);
CREATE INDEX events_cluster_day ON events (cluster_id, day);

CREATE TABLE clusters (
    id TEXT PRIMARY KEY,
    group_key TEXT NOT NULL,
    type TEXT NOT NULL,
    phase TEXT,
    actors TEXT NOT NULL,                -- JSON list, as the group has them
    sides TEXT NOT NULL,                 -- the same, comma-joined: the order of event lists (type, sides)
    giver TEXT,                          -- the first side when another side takes part; '?' when none is named
    first_day TEXT,
    last_day TEXT,
    place TEXT,                          -- of the first mention (in day, document, index order) naming one
    place_day TEXT,                      -- that mention's day
    first_doc TEXT NOT NULL,             -- the mention that opened the cluster: its document and index
    first_idx INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    -- what event lists show, kept with the cluster (a list never loads mentions):
    first_report TEXT,                   -- the document of the earliest published report
    first_phase TEXT,                    -- its phase
    articles INTEGER NOT NULL DEFAULT 0,
    independent INTEGER NOT NULL DEFAULT 0,  -- distinct sources, not counting copies of an article in the cluster
    sources TEXT NOT NULL DEFAULT '[]'   -- JSON list, sorted
);
CREATE INDEX clusters_group_last ON clusters (group_key, last_day);
CREATE INDEX clusters_first_day ON clusters (first_day);

CREATE TABLE cluster_aliases (
    alias TEXT PRIMARY KEY,
    cluster_id TEXT NOT NULL
);
CREATE INDEX cluster_aliases_target ON cluster_aliases (cluster_id)
