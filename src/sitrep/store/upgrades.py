"""The steps of migrations that SQL alone cannot do, installed on ``sitrep.store.db`` when the package loads."""

from __future__ import annotations

from sitrep.store.db import AFTER_MIGRATION, Database

# The steps import what they run when they run: opening a store to read (each CLI query command) loads none.


def _ties(db: Database) -> None:
    """0005: figures tied to their events and sources named when stored: worked out for the stored
    articles (the clusters kept since 0004 are built by 0011's step, once the tables they fill exist)."""
    from sitrep.store.backfill import fill_ties

    fill_ties(db)


def _source_keys(db: Database) -> None:
    """0010: attributions keyed by source when stored: the keys worked out for stored articles, then the
    claims per source counted again."""
    from sitrep.store.backfill import fill_source_keys
    from sitrep.store.claims_sql import fill as fill_claims

    fill_source_keys(db)
    fill_claims(db)


def _page_tables(db: Database) -> None:
    """0011: what the pages read kept in tables: filled from the stored clusters, figures and rows (and the
    clusters built first where 0004 left them to build)."""
    from sitrep.store.clusters_sql import recluster
    from sitrep.store.page_tables import fill, list_indexes

    list_indexes(db)
    if db.scalar("SELECT 1 FROM events WHERE cluster_id IS NULL LIMIT 1") is not None:
        recluster(db)  # a store from before 0005: its clusters built, and the page tables with them
    else:
        fill(db)


def _spellings(db: Database) -> None:
    """0012: each source's spellings counted from the stored attributions (and the lists' indexes of 0011's
    step made where they are missing)."""
    from sitrep.store.claims_sql import fill_spellings
    from sitrep.store.page_tables import list_indexes

    fill_spellings(db)
    list_indexes(db)


def _source_articles(db: Database) -> None:
    """0014 (query2; the step follows the migration's number when it is renumbered): the index a source's
    claims are walked by, in each dialect's words."""
    from sitrep.store.claims_sql import walk_index

    walk_index(db)


def _minhash_bands(db: Database) -> None:
    """0015 (ingest): the near-duplicate index kept in the store: every stored signature banded set-wise, then
    their index by key (made once, after the fill: cheaper than keeping it row by row)."""
    from sitrep.corpus.dedup import fill_bands

    fill_bands(db)
    db.execute("CREATE INDEX IF NOT EXISTS minhash_bands_hash ON minhash_bands (hash, article_id)")


STEPS = {5: _ties, 10: _source_keys, 11: _page_tables, 12: _spellings, 14: _source_articles, 15: _minhash_bands}


def install() -> None:
    """Register every step on the store (idempotent)."""
    AFTER_MIGRATION.update(STEPS)
