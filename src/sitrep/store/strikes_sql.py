"""The strike tracker kept in the store: each figure that counts (``corpus.trackers_sql.STRIKE_FIGURES``:
all of it from its own article) in ``strike_figures``, and per day, attacker and category the largest
figures and the articles in ``strike_cells``, written again for the cells an article's figures are in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.corpus.trackers_sql import STRIKE_FIGURES
from sitrep.store.db import Database, Row

Cell = tuple[str, str, str]
_COLUMNS = "article_id, idx, day, attacker, category, launched, intercepted"
_SUM = (
    "INSERT INTO strike_cells (day, attacker, category, launched, intercepted, articles)"
    " SELECT day, attacker, category, MAX(launched), MAX(intercepted), COUNT(DISTINCT article_id)"
    " FROM strike_figures{where} GROUP BY day, attacker, category"
)


def rebuild(db: Database) -> None:
    """Every figure and cell from the stored figures (an upgrade, a bulk load)."""
    db.execute("DELETE FROM strike_cells")
    db.execute("DELETE FROM strike_figures")
    db.execute(f"INSERT INTO strike_figures ({_COLUMNS}) SELECT {_COLUMNS} FROM ({STRIKE_FIGURES}) f")
    db.execute(_SUM.format(where=""))


def refresh_article(db: Database, article_id: str) -> None:
    """Write again the figures of one article (just stored or re-analyzed) and the cells they were or are in."""
    cells = _cells(db, article_id)
    db.execute("DELETE FROM strike_figures WHERE article_id = ?", (article_id,))
    db.execute(
        f"INSERT INTO strike_figures ({_COLUMNS}) SELECT {_COLUMNS} FROM ({STRIKE_FIGURES}) f WHERE article_id = ?",
        (article_id,),
    )
    _sum(db, cells | _cells(db, article_id))


def _cells(db: Database, article_id: str) -> set[Cell]:
    rows = db.query("SELECT DISTINCT day, attacker, category FROM strike_figures WHERE article_id = ?", (article_id,))
    return {(r["day"], r["attacker"], r["category"]) for r in rows}


def _sum(db: Database, cells: Iterable[Cell]) -> None:
    for cell in sorted(cells):
        db.execute("DELETE FROM strike_cells WHERE day = ? AND attacker = ? AND category = ?", cell)
        db.execute(_SUM.format(where=" WHERE day = ? AND attacker = ? AND category = ?"), cell)


def tracker(db: Database, limit: int | None = None, offset: int = 0, latest: bool = False) -> list[Row]:
    """The tracker's rows by day, attacker and category (``latest``: latest day first, undated last); a page
    with ``limit``."""
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    rows = db.query(_tracker_sql(db, latest) + page, (limit, offset) if limit is not None else ())
    return [_cell_row(r) for r in rows]


def stream(db: Database, latest: bool = False) -> Iterator[Row]:
    """Every row of ``tracker``, read as they are written out."""
    return (_cell_row(r) for r in db.stream(_tracker_sql(db, latest)))


def _tracker_sql(db: Database, latest: bool) -> str:
    c = ' COLLATE "C"' if db.dialect == "postgresql" else ""
    day = f"CASE WHEN day = 'unknown' THEN 1 ELSE 0 END, day{c} DESC" if latest else f"day{c}"  # undated last
    order = f"{day}, attacker{c}, category{c}"
    return f"SELECT day, attacker, category, launched, intercepted, articles FROM strike_cells ORDER BY {order}"


def _cell_row(r: Row) -> Row:
    return {
        **r,
        "launched": _float(r["launched"]),
        "intercepted": _float(r["intercepted"]),
        "articles": int(r["articles"]),
    }


def count(db: Database) -> int:
    return int(db.scalar("SELECT COUNT(*) FROM strike_cells") or 0)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
