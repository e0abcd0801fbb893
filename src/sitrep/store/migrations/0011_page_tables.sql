-- What the pages read, kept as the store changes so that a page reads a page of rows, never the store
-- (version 8 is unused). Filled for a stored store by the migration's step (sitrep.store.upgrades).

-- Per cluster: its earliest report's publication date and index (with first_report, the document),
-- the sources that count as independent (JSON list: a new article adds to it without reading the
-- cluster), the largest sum any report gives, the largest aid sum that is no running total, the largest
-- area, and how many figures are tied to its events.
ALTER TABLE clusters ADD COLUMN first_published TEXT;
ALTER TABLE clusters ADD COLUMN first_report_idx INTEGER;
ALTER TABLE clusters ADD COLUMN counted TEXT NOT NULL DEFAULT '[]';
ALTER TABLE clusters ADD COLUMN value_usd DOUBLE PRECISION;
ALTER TABLE clusters ADD COLUMN usd DOUBLE PRECISION;
ALTER TABLE clusters ADD COLUMN area_km2 DOUBLE PRECISION;
ALTER TABLE clusters ADD COLUMN tied INTEGER NOT NULL DEFAULT 0;
CREATE INDEX clusters_place ON clusters (place, first_day);
CREATE INDEX clusters_money ON clusters (giver, first_day) WHERE usd > 0;

-- The conflicts of each cluster (sitrep.corpus.queries.conflicts), written again when its figures change.
CREATE TABLE cluster_conflicts (
    cluster_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    day TEXT NOT NULL,                   -- '' when none
    event TEXT NOT NULL,
    measure TEXT NOT NULL,
    category TEXT NOT NULL,
    actor TEXT,
    vals TEXT NOT NULL,                  -- JSON lists
    reports TEXT NOT NULL,
    quotes TEXT NOT NULL,
    PRIMARY KEY (cluster_id, n)
);
CREATE INDEX cluster_conflicts_listing ON cluster_conflicts (day, event, category, cluster_id, n);

-- The aid tracker (sitrep.store.aid_sql): each event's figures of one measure, category and donor (a
-- group: its first day and largest figure, and its articles), and the tracker's rows (cells) summed
-- from the groups; kind 'q' for figures, 'm' for the sums of aid events, whose articles are kept apart.
CREATE TABLE aid_groups (
    ckey TEXT NOT NULL,
    measure TEXT NOT NULL,
    category TEXT NOT NULL,
    donor TEXT NOT NULL,
    month TEXT NOT NULL,
    first_day TEXT,
    best DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (ckey, measure, category, donor)
);
CREATE INDEX aid_groups_cell ON aid_groups (month, donor, category, measure);
CREATE TABLE aid_group_articles (
    ckey TEXT NOT NULL,
    measure TEXT NOT NULL,
    category TEXT NOT NULL,
    donor TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (ckey, measure, category, donor, article_id)
);
CREATE TABLE aid_money_articles (
    month TEXT NOT NULL,
    donor TEXT NOT NULL,
    phase TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (month, donor, phase, article_id)
);
CREATE TABLE aid_cells (
    kind TEXT NOT NULL,
    month TEXT NOT NULL,
    donor TEXT NOT NULL,
    category TEXT NOT NULL,
    phase TEXT NOT NULL,
    total DOUBLE PRECISION NOT NULL,
    events INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (kind, month, donor, category, phase)
);

-- Rows per table, kept by triggers (sitrep.store.counts): the overview never counts a table.
CREATE TABLE store_counts (
    name TEXT PRIMARY KEY,
    n BIGINT NOT NULL
)
;

-- Pages name articles by their document: looked up by it.
CREATE INDEX articles_doc ON articles (doc);

-- The strike tracker (sitrep.store.strikes_sql): each figure that counts, with its day and attacker (all
-- of its own article), and per day, attacker and category the largest figures and the articles.
CREATE TABLE strike_figures (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    day TEXT NOT NULL,
    attacker TEXT NOT NULL,
    category TEXT NOT NULL,
    launched DOUBLE PRECISION,
    intercepted DOUBLE PRECISION,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX strike_figures_cell ON strike_figures (day, attacker, category);
CREATE TABLE strike_cells (
    day TEXT NOT NULL,
    attacker TEXT NOT NULL,
    category TEXT NOT NULL,
    launched DOUBLE PRECISION,
    intercepted DOUBLE PRECISION,
    articles INTEGER NOT NULL,
    PRIMARY KEY (day, attacker, category)
);

-- Clusters per month and type (the timeline's chart) and per place (the map), kept by triggers.
CREATE TABLE cluster_months (
    month TEXT NOT NULL,                 -- 'undated' for clusters with no day
    type TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (month, type)
);
CREATE TABLE cluster_places (
    place TEXT PRIMARY KEY,
    events INTEGER NOT NULL,
    strikes INTEGER NOT NULL
)
