"""The aid tracker kept in the store: each event's aid figures per measure, category and donor (a group:
first day, largest figure, articles) in ``aid_groups``, and the tracker's rows (``aid_cells``) summed from
them, written again for the cells a change touches, in its transaction.

The rules are ``corpus.trackers_sql``'s (each event counted once by its largest figure, running totals
left out unless the event states its week or month); sums of aid events (kind 'm') come from the
clusters' ``usd`` (``store.cluster_summary``). Cells of donor '?' are kept and left out when read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.corpus.trackers_sql import CLUSTER_KEY, DAY, FROM, SPANNED, UNKNOWN
from sitrep.eventtypes import EventType
from sitrep.store.db import Database, Row

Cell = tuple[str, str, str, str]  # month, donor, category, phase (a figure's measure)
_GROUP = ("ckey", "measure", "category", "donor")
_GIVEN = (
    f"SELECT {CLUSTER_KEY} AS ckey, q.measure, q.category, q.donor, q.value, q.article_id, {DAY} AS day{FROM}"
    f" WHERE q.event = '{EventType.AID}' AND q.donor IS NOT NULL AND (q.period = 0 OR {SPANNED})"
)
_MONTH = "COALESCE(SUBSTR({}, 1, 7), 'unknown')"
_MONEY_CELL = f"{_MONTH.format('first_day')} AS month, giver AS donor, COALESCE(phase, 'announced') AS phase"


#: ``_GIVEN`` read from events (of given clusters) to their figures (CROSS JOIN: SQLite keeps that order).
_BY_EVENT = _GIVEN.replace(
    FROM, " FROM events e CROSS JOIN quantities q JOIN articles a ON a.id = q.article_id"
).replace(" WHERE q.event", " WHERE q.article_id = e.article_id AND q.event_idx = e.idx AND q.event")


def _given(where: str, given: str = _GIVEN) -> str:
    return f"SELECT * FROM ({given}{where}) g"


def _groups(where: str, given: str = _GIVEN) -> str:
    return (
        f"SELECT ckey, measure, category, donor, {_MONTH.format('MIN(day)')} AS month, MIN(day) AS first_day,"
        f" MAX(value) AS best FROM ({_given(where, given)}) x GROUP BY ckey, measure, category, donor"
    )


def rebuild(db: Database) -> None:
    """Every group and cell from the stored figures and clusters (an upgrade, a bulk load, ``recluster``)."""
    for table in ("aid_groups", "aid_group_articles", "aid_money_articles", "aid_cells"):
        db.execute(f"DELETE FROM {table}")
    db.execute(f"INSERT INTO aid_groups (ckey, measure, category, donor, month, first_day, best) {_groups('')}")
    db.execute(
        "INSERT INTO aid_group_articles SELECT DISTINCT ckey, measure, category, donor, article_id"
        f" FROM ({_given('')}) y"
    )
    db.execute(
        "INSERT INTO aid_cells (kind, month, donor, category, phase, total, events, articles)"
        " SELECT 'q', g.month, g.donor, g.category, g.measure, SUM(g.best), COUNT(*), 0 FROM aid_groups g"
        " GROUP BY g.month, g.donor, g.category, g.measure"
    )
    db.execute(
        "INSERT INTO aid_money_articles (month, donor, phase, article_id) SELECT DISTINCT m.month, m.donor,"
        f" m.phase, e.article_id FROM (SELECT id, {_MONEY_CELL} FROM clusters WHERE usd > 0 AND giver IS NOT NULL) m"
        " JOIN events e ON e.cluster_id = m.id"
    )
    db.execute(
        f"INSERT INTO aid_cells (kind, month, donor, category, phase, total, events, articles) SELECT 'm', month,"
        f" donor, 'usd', phase, SUM(usd), COUNT(*), 0 FROM (SELECT usd, {_MONEY_CELL} FROM clusters"
        " WHERE usd > 0 AND giver IS NOT NULL) m GROUP BY month, donor, phase"
    )
    _count_articles(db, None)


def _count_articles(db: Database, cells: Iterable[tuple[str, Cell]] | None) -> None:
    """Write the articles of cells (all when None) from the groups' or the money cells' articles."""
    q_count = (
        "SELECT COUNT(DISTINCT ga.article_id) FROM aid_groups g JOIN aid_group_articles ga ON ga.ckey = g.ckey"
        " AND ga.measure = g.measure AND ga.category = g.category AND ga.donor = g.donor WHERE g.month = c.month"
        " AND g.donor = c.donor AND g.category = c.category AND g.measure = c.phase"
    )
    m_count = (
        "SELECT COUNT(*) FROM aid_money_articles a WHERE a.month = c.month AND a.donor = c.donor AND a.phase = c.phase"
    )
    update = f"UPDATE aid_cells SET articles = (CASE WHEN kind = 'q' THEN ({q_count.replace('c.', 'aid_cells.')})" + (
        f" ELSE ({m_count.replace('c.', 'aid_cells.')}) END)"
    )
    if cells is None:
        db.execute(update)
        return
    db.executemany(
        update + " WHERE kind = ? AND month = ? AND donor = ? AND category = ? AND phase = ?",
        [(kind, *cell) for kind, cell in sorted(set(cells))],
    )


def refresh(db: Database, clusters: Iterable[str], days: Iterable[str] = ()) -> None:
    """Write again the groups of these clusters (and of figures tied to no event, of these publication
    days) from their figures, and every cell they were or are in."""
    clusters, days = sorted(set(clusters)), sorted(set(days))
    for chunk in _chunks(clusters):  # read from the clusters' mentions (not from every aid figure)
        _refresh_where(db, f" AND e.cluster_id IN ({', '.join('?' * len(chunk))})", chunk, chunk, _BY_EVENT)
    for chunk in _chunks(days):
        marks = ", ".join("?" * len(chunk))
        keys = [f"{EventType.AID}@{d}" for d in chunk]
        _refresh_where(db, f" AND q.event_idx IS NULL AND a.published IN ({marks})", chunk, keys)


def _refresh_where(db: Database, where: str, params: list[str], keys: list[str], given: str = _GIVEN) -> None:
    marks = ", ".join("?" * len(keys))
    cells = _cells_of(db, f"ckey IN ({marks})", keys)
    db.execute(f"DELETE FROM aid_groups WHERE ckey IN ({marks})", keys)
    db.execute(f"DELETE FROM aid_group_articles WHERE ckey IN ({marks})", keys)
    db.execute(
        f"INSERT INTO aid_groups (ckey, measure, category, donor, month, first_day, best) {_groups(where, given)}",
        params,
    )
    db.execute(
        "INSERT INTO aid_group_articles SELECT DISTINCT ckey, measure, category, donor, article_id"
        f" FROM ({_given(where, given)}) y",
        params,
    )
    cells |= _cells_of(db, f"ckey IN ({marks})", keys)
    sum_cells(db, cells)


def add_article(db: Database, article_id: str, skip: set[str]) -> None:
    """Add the aid figures of a newly stored article to their groups (those of clusters in ``skip`` are
    written again whole by ``refresh``): largest figure and first day kept, the article added."""
    rows = db.query(_groups(" AND q.article_id = ?"), (article_id,))
    cells: set[Cell] = set()
    moved: set[str] = set()
    for g in rows:
        if g["ckey"] in skip:
            continue
        key = tuple(g[k] for k in _GROUP)
        old = db.query(
            "SELECT month, first_day, best FROM aid_groups WHERE ckey = ? AND measure = ? AND category = ?"
            " AND donor = ?",
            key,
        )
        if old and old[0]["month"] != g["month"] and (g["first_day"] or "~") < (old[0]["first_day"] or "~"):
            moved.add(g["ckey"])  # the group moves to another month: written again whole
            continue
        _upsert_group(db, g, old[0] if old else None)
        db.execute("INSERT INTO aid_group_articles VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", (*key, article_id))
        cells.add((g["month"] if not old else old[0]["month"], g["donor"], g["category"], g["measure"]))
    sum_cells(db, cells)
    if moved:
        refresh(db, [k for k in moved if "@" not in k], [k.split("@", 1)[1] for k in moved if "@" in k])


def _upsert_group(db: Database, g: Row, old: Row | None) -> None:
    if old is None:
        db.execute(
            "INSERT INTO aid_groups (ckey, measure, category, donor, month, first_day, best)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [g[k] for k in (*_GROUP, "month", "first_day", "best")],
        )
        return
    first = min((d for d in (old["first_day"], g["first_day"]) if d), default=None)
    db.execute(
        "UPDATE aid_groups SET first_day = ?, best = ? WHERE ckey = ? AND measure = ? AND category = ? AND donor = ?",
        (first, max(float(old["best"]), float(g["best"])), *[g[k] for k in _GROUP]),
    )


def _cells_of(db: Database, where: str, params: list[str]) -> set[Cell]:
    rows = db.query(f"SELECT DISTINCT month, donor, category, measure FROM aid_groups WHERE {where}", params)
    return {(r["month"], r["donor"], r["category"], r["measure"]) for r in rows}


def sum_cells(db: Database, cells: Iterable[Cell]) -> None:
    """Write the figure cells again from their groups."""
    for cell in sorted(set(cells)):
        db.execute(
            "DELETE FROM aid_cells WHERE kind = 'q' AND month = ? AND donor = ? AND category = ? AND phase = ?", cell
        )
        db.execute(
            "INSERT INTO aid_cells (kind, month, donor, category, phase, total, events, articles)"
            " SELECT 'q', month, donor, category, measure, SUM(best), COUNT(*), 0 FROM aid_groups"
            " WHERE month = ? AND donor = ? AND category = ? AND measure = ? GROUP BY month, donor, category, measure",
            cell,
        )
        _count_articles(db, [("q", cell)])


def _chunks(items: list[str], size: int = 400) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def money_cell(row: Row | None) -> Cell | None:
    """The money cell of a cluster row (``usd``, ``giver``, ``phase``, ``first_day``); None when it is in none."""
    if row is None or not row.get("usd") or float(row["usd"]) <= 0 or row.get("giver") is None:
        return None
    month = (row["first_day"] or "unknown")[:7]
    return (month, row["giver"], "usd", row["phase"] or "announced")


def money_refresh(db: Database, cells: Iterable[Cell], articles: dict[Cell, set[str]] | None = None) -> None:
    """Write money cells again from the clusters in them: their articles added (``articles``: those only,
    else all read again from the clusters' mentions)."""
    for cell in sorted(set(cells)):
        month, donor, _usd, phase = cell
        within, params = _month_clause(month)
        base = f"FROM clusters WHERE usd > 0 AND giver = ? AND COALESCE(phase, 'announced') = ? AND {within}"
        args: list[Any] = [donor, phase, *params]
        if articles is None:
            db.execute(
                "DELETE FROM aid_money_articles WHERE month = ? AND donor = ? AND phase = ?", (month, donor, phase)
            )
            db.execute(
                "INSERT INTO aid_money_articles (month, donor, phase, article_id) SELECT DISTINCT ?, ?, ?, e.article_id"
                f" FROM events e WHERE e.cluster_id IN (SELECT id {base})",
                [month, donor, phase, *args],
            )
        else:
            db.executemany(
                "INSERT INTO aid_money_articles VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(month, donor, phase, a) for a in sorted(articles.get(cell, ()))],
            )
        db.execute(
            "DELETE FROM aid_cells WHERE kind = 'm' AND month = ? AND donor = ? AND phase = ?", (month, donor, phase)
        )
        db.execute(
            "INSERT INTO aid_cells (kind, month, donor, category, phase, total, events, articles)"
            f" SELECT 'm', ?, ?, 'usd', ?, SUM(usd), COUNT(*), 0 {base} HAVING COUNT(*) > 0",
            [month, donor, phase, *args],
        )
        _count_articles(db, [("m", cell)])


def _month_clause(month: str) -> tuple[str, list[str]]:
    if month == "unknown":
        return "first_day IS NULL", []
    return "first_day >= ? AND first_day < ?", [f"{month}-01", f"{month}-99"]


def tracker(
    db: Database, unknown_donors: bool, limit: int | None = None, offset: int = 0, latest: bool = False
) -> list[Row]:
    """The tracker's rows: month, donor, category, phase, total, events, articles (``latest``: latest month
    first); one page when ``limit`` is given."""
    sql, params = _tracker_sql(unknown_donors, latest)
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    return [_cell_row(r) for r in db.query(sql + page, [*params, limit, offset] if limit is not None else params)]


def stream(db: Database, unknown_donors: bool, latest: bool = False) -> Iterator[Row]:
    """Every row of ``tracker``, read as they are written out."""
    sql, params = _tracker_sql(unknown_donors, latest)
    return (_cell_row(r) for r in db.stream(sql, params))


def count(db: Database, unknown_donors: bool) -> int:
    return int(
        db.scalar("SELECT COUNT(*) FROM aid_cells WHERE donor <> ? OR ? = 1", (UNKNOWN, int(unknown_donors))) or 0
    )


def _tracker_sql(unknown_donors: bool, latest: bool) -> tuple[str, list[Any]]:
    month = "CASE WHEN month = 'unknown' THEN 1 ELSE 0 END, month DESC" if latest else "month"  # undated last
    sql = (
        "SELECT month, donor, category, phase, total, events, articles FROM aid_cells WHERE donor <> ? OR ? = 1"
        f" ORDER BY {month}, donor, category, phase, kind"
    )
    return sql, [UNKNOWN, int(unknown_donors)]


def _cell_row(r: Row) -> Row:
    return {**r, "total": float(r["total"]), "events": int(r["events"]), "articles": int(r["articles"])}
