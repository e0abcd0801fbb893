"""The steps of migrations that SQL alone cannot do, installed on ``sitrep.store.db`` when the package loads."""

from __future__ import annotations

from sitrep.store.backfill import fill_source_keys, fill_ties
from sitrep.store.claims_sql import fill as fill_claims
from sitrep.store.clusters_sql import recluster
from sitrep.store.db import AFTER_MIGRATION, Database


def _ties_and_clusters(db: Database) -> None:
    """0005: figures tied to their events and sources named when stored: worked out for the stored
    articles, then the clusters kept since 0004 are built."""
    fill_ties(db)
    recluster(db)


def _source_keys(db: Database) -> None:
    """0010: attributions keyed by source when stored: the keys worked out for stored articles, then the
    claims per source counted again."""
    fill_source_keys(db)
    fill_claims(db)


STEPS = {5: _ties_and_clusters, 10: _source_keys}


def install() -> None:
    """Register every step on the store (idempotent)."""
    AFTER_MIGRATION.update(STEPS)
