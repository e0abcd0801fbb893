"""A check for store tests: what the pages read, kept one change at a time, equals the same tables
filled from the whole store at once (``sitrep.store.page_tables.fill``)."""

from __future__ import annotations

from typing import Any

from sitrep.store.claims_sql import fill_articles, fill_spellings
from sitrep.store.db import Database
from sitrep.store.page_tables import fill

_KEPT = {
    "clusters": "SELECT id, first_report, first_phase, first_published, first_report_idx, articles, independent,"
    " sources, counted, value_usd, usd, area_km2, tied, mentions, first_day, last_day, place FROM clusters",
    "cluster_conflicts": "SELECT * FROM cluster_conflicts",
    "aid_groups": "SELECT * FROM aid_groups",
    "aid_group_articles": "SELECT * FROM aid_group_articles",
    "aid_money_articles": "SELECT * FROM aid_money_articles",
    "aid_cells": "SELECT * FROM aid_cells",
    "store_counts": "SELECT * FROM store_counts",
    "strike_figures": "SELECT * FROM strike_figures",
    "strike_cells": "SELECT * FROM strike_cells",
    "cluster_months": "SELECT * FROM cluster_months WHERE n > 0",
    "cluster_places": "SELECT * FROM cluster_places WHERE events > 0",
    "source_spellings": "SELECT * FROM source_spellings",
    "source_articles": "SELECT * FROM source_articles",
}


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    return {name: sorted(tuple(map(str, r.values())) for r in db.query(sql)) for name, sql in _KEPT.items()}


def assert_pages_kept(db: Database) -> None:
    """The page tables as kept equal those filled again from the store (the fill is rolled back)."""
    kept = snapshot(db)
    try:
        with db.transaction():
            fill(db)
            fill_spellings(db)
            fill_articles(db)
            filled = snapshot(db)
            raise _Undo
    except _Undo:
        pass
    for name in _KEPT:
        assert kept[name] == filled[name], name


class _Undo(Exception):
    """Rolls the fill back."""
