"""Rows per table, kept in ``store_counts`` by triggers, so the overview never counts a table.

The triggers add and take away as rows are inserted and deleted (cascades included), in the same
transaction as the change. ``install`` fills the counts of a stored store and makes the triggers.
"""

from __future__ import annotations

from sitrep.eventtypes import EventType
from sitrep.store.db import Database

COUNTED = ("articles", "events", "quantities", "attributions", "signals", "rejects", "duplicates", "clusters")

_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION sitrep_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF TG_OP = 'INSERT' THEN UPDATE store_counts SET n = n + 1 WHERE name = TG_TABLE_NAME;"
    " ELSE UPDATE store_counts SET n = n - 1 WHERE name = TG_TABLE_NAME; END IF;"
    " RETURN NULL; END $$"
)


def install(db: Database) -> None:
    """Count each table once and make the triggers that keep the counts (in the caller's transaction)."""
    for table in COUNTED:
        db.execute("DELETE FROM store_counts WHERE name = ?", (table,))
        db.execute(f"INSERT INTO store_counts (name, n) SELECT ?, COUNT(*) FROM {table}", (table,))
    _cluster_triggers(db)
    if db.dialect == "postgresql":
        db.execute(_PG_FUNCTION)
    for table in COUNTED:
        for op, sign in (("INSERT", "+"), ("DELETE", "-")):
            name = f"{table}_count_{op.lower()}"
            if db.dialect == "postgresql":
                db.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                db.execute(f"CREATE TRIGGER {name} AFTER {op} ON {table} FOR EACH ROW EXECUTE FUNCTION sitrep_count()")
            else:
                db.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {op} ON {table} BEGIN"
                    f" UPDATE store_counts SET n = n {sign} 1 WHERE name = '{table}'; END"
                )


_MONTH = "COALESCE(SUBSTR({r}.first_day, 1, 7), 'undated')"
_PLACED = "{r}.place IS NOT NULL AND {r}.place <> ''"
_STRIKE = f"CASE WHEN {{r}}.type = '{EventType.ATTACK}' THEN 1 ELSE 0 END"


def _add(r: str) -> list[str]:
    """What a cluster row ``r`` (NEW) adds to the months and places counted."""
    return [
        f"INSERT INTO cluster_months (month, type, n) SELECT {_MONTH.format(r=r)}, {r}.type, 1 WHERE TRUE"
        " ON CONFLICT (month, type) DO UPDATE SET n = cluster_months.n + 1",
        f"INSERT INTO cluster_places (place, events, strikes) SELECT {r}.place, 1, {_STRIKE.format(r=r)}"
        f" WHERE {_PLACED.format(r=r)} ON CONFLICT (place) DO UPDATE SET events = cluster_places.events + 1,"
        " strikes = cluster_places.strikes + excluded.strikes",
    ]


def _take(r: str) -> list[str]:
    """What a cluster row ``r`` (OLD) takes away from them."""
    return [
        f"UPDATE cluster_months SET n = n - 1 WHERE month = {_MONTH.format(r=r)} AND type = {r}.type",
        f"UPDATE cluster_places SET events = events - 1, strikes = strikes - {_STRIKE.format(r=r)}"
        f" WHERE place = {r}.place",
    ]


def _cluster_triggers(db: Database) -> None:
    """Clusters per month and type and per place, counted again, and the triggers that keep them."""
    db.execute("DELETE FROM cluster_months")
    db.execute("DELETE FROM cluster_places")
    db.execute(
        f"INSERT INTO cluster_months (month, type, n) SELECT {_MONTH.format(r='c')}, c.type, COUNT(*)"
        f" FROM clusters c GROUP BY {_MONTH.format(r='c')}, c.type"
    )
    db.execute(
        f"INSERT INTO cluster_places (place, events, strikes) SELECT c.place, COUNT(*), SUM({_STRIKE.format(r='c')})"
        f" FROM clusters c WHERE {_PLACED.format(r='c')} GROUP BY c.place"
    )
    if db.dialect == "postgresql":
        take, add = "; ".join(_take("OLD")), "; ".join(_add("NEW"))
        db.execute(
            "CREATE OR REPLACE FUNCTION sitrep_cluster_pages() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            f" IF TG_OP IN ('DELETE', 'UPDATE') THEN {take}; END IF;"
            f" IF TG_OP IN ('INSERT', 'UPDATE') THEN {add}; END IF; RETURN NULL; END $$"
        )
        db.execute("DROP TRIGGER IF EXISTS clusters_pages ON clusters")
        db.execute(
            "CREATE TRIGGER clusters_pages AFTER INSERT OR DELETE OR UPDATE OF first_day, place, type ON clusters"
            " FOR EACH ROW EXECUTE FUNCTION sitrep_cluster_pages()"
        )
        return
    for name, event, body in (
        ("insert", "INSERT", _add("NEW")),
        ("delete", "DELETE", _take("OLD")),
        ("update", "UPDATE OF first_day, place, type", [*_take("OLD"), *_add("NEW")]),
    ):
        statements = "; ".join(body)
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS clusters_pages_{name} AFTER {event} ON clusters BEGIN {statements}; END"
        )


def counts(db: Database) -> dict[str, int]:
    """Rows of each counted table."""
    found = {str(r["name"]): int(r["n"]) for r in db.query("SELECT name, n FROM store_counts")}
    return {table: found.get(table, 0) for table in COUNTED}
