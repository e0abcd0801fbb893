"""Rows per table, kept in ``store_counts`` by triggers, so the overview never counts a table.

The triggers add and take away as rows are inserted and deleted (cascades included), in the same
transaction as the change. ``install`` fills the counts of a stored store and makes the triggers.
"""

from __future__ import annotations

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


def counts(db: Database) -> dict[str, int]:
    """Rows of each counted table."""
    found = {str(r["name"]): int(r["n"]) for r in db.query("SELECT name, n FROM store_counts")}
    return {table: found.get(table, 0) for table in COUNTED}
