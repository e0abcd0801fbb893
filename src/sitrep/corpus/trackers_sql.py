"""The aid and strike trackers and the candidates of conflicts, as SQL over indexed columns.

Each figure's event, side, donor and running-total flag were decided when its article was
stored (``corpus.ties``), and each event's cluster is kept in the store
(``store.clusters_sql``), so these queries aggregate without loading the store into Python.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitrep.eventtypes import EventType

if TYPE_CHECKING:
    from sitrep.store.db import Database, Row

#: A figure's event: the stored cluster of its article's event, that event alone while it has no
#: cluster, or the type and publication day when the article has no event of the figure's type.
CLUSTER_KEY = (
    "CASE WHEN q.event_idx IS NULL THEN q.event || '@' || COALESCE(a.published, SUBSTR(q.article_id, 1, 10))"
    " ELSE COALESCE(e.cluster_id, SUBSTR(q.article_id, 1, 10) || '-' || CAST(q.event_idx AS TEXT)) END"
)
DAY = "CASE WHEN q.event_idx IS NULL THEN a.published ELSE e.day END"
SPANNED = "(e.date IS NOT NULL AND LENGTH(e.date) <> 10)"  # a stated week or month, not a day
PLACED = "(q.event_idx IS NOT NULL AND (e.actor1 IS NOT NULL OR e.actors <> '[]'))"
UNKNOWN = "?"  # the donor of a figure of no known giver (bound: a literal '?' would read as a placeholder)
FROM = (
    " FROM quantities q JOIN articles a ON a.id = q.article_id"
    " LEFT JOIN events e ON e.article_id = q.article_id AND e.idx = q.event_idx"
)


def aid_quantities(db: Database, unknown_donors: bool) -> list[Row]:
    """Aid figures per (month, donor, category, measure): each event's largest figure summed, events, articles."""
    given = (
        f"SELECT {CLUSTER_KEY} AS ckey, q.measure, q.category, q.donor, q.value, q.article_id, {DAY} AS day{FROM}"
        f" WHERE q.event = '{EventType.AID}' AND q.donor IS NOT NULL AND (q.donor <> ? OR ? = 1)"
        f" AND (q.period = 0 OR {SPANNED})"
    )
    window = "OVER (PARTITION BY ckey, measure, category, donor)"
    placed = (  # each figure with its event's month, largest figure, and whether it is the event's first row
        f"SELECT g.*, COALESCE(SUBSTR(MIN(day) {window}, 1, 7), 'unknown') AS month, MAX(value) {window} AS best,"
        f" ROW_NUMBER() {window} AS nth FROM given g"
    )
    rows = db.query(
        f"WITH given AS ({given}), placed AS ({placed})"
        " SELECT month, donor, category, measure AS phase, SUM(CASE WHEN nth = 1 THEN best ELSE 0 END) AS total,"
        " SUM(CASE WHEN nth = 1 THEN 1 ELSE 0 END) AS events, COUNT(DISTINCT article_id) AS articles"
        " FROM placed GROUP BY month, donor, category, measure",
        (UNKNOWN, int(unknown_donors)),
    )
    return [{**r, "total": float(r["total"]), "events": int(r["events"]), "articles": int(r["articles"])} for r in rows]


def aid_money(db: Database, unknown_donors: bool) -> list[Row]:
    """Sums of aid events per (month, giver, phase): each cluster's largest sum that is no running total."""
    money = (
        "SELECT c.id, COALESCE(SUBSTR(c.first_day, 1, 7), 'unknown') AS month, c.giver AS donor,"
        " COALESCE(c.phase, 'announced') AS phase, m.usd FROM (SELECT cluster_id, MAX(usd_counted) AS usd"
        f" FROM events WHERE type = '{EventType.AID}' AND usd_counted > 0 GROUP BY cluster_id) m"
        " JOIN clusters c ON c.id = m.cluster_id WHERE c.giver IS NOT NULL AND (c.giver <> ? OR ? = 1)"
    )
    cells = db.query(
        f"WITH money AS ({money}) SELECT month, donor, 'usd' AS category, phase, SUM(usd) AS total,"
        " COUNT(*) AS events FROM money GROUP BY month, donor, phase",
        (UNKNOWN, int(unknown_donors)),
    )
    articles = db.query(
        f"WITH money AS ({money}) SELECT x.month, x.donor, 'usd' AS category, x.phase,"
        " COUNT(DISTINCT e.article_id) AS articles FROM money x JOIN events e ON e.cluster_id = x.id"
        " GROUP BY x.month, x.donor, x.phase",
        (UNKNOWN, int(unknown_donors)),
    )
    return _joined(cells, articles)


def _joined(cells: list[Row], articles: list[Row]) -> list[Row]:
    count = {(r["month"], r["donor"], r["category"], r["phase"]): int(r["articles"]) for r in articles}
    return [
        {
            **r,
            "total": float(r["total"]),
            "events": int(r["events"]),
            "articles": count.get((r["month"], r["donor"], r["category"], r["phase"]), 0),
        }
        for r in cells
    ]


_WHEN = f"CASE WHEN NOT {PLACED} THEN NULL WHEN {SPANNED} THEN e.date WHEN q.period = 1 THEN NULL" + (
    f" ELSE COALESCE({DAY}, 'unknown') END"
)
_ATTACKER = "CASE WHEN q.measure = 'intercepted' THEN e.actor1 ELSE q.side END"
#: Each figure the strike tracker counts: its article and index, day (or stated week or month), attacker,
#: category, and its value as launched or intercepted; all of it from the figure's own article.
STRIKE_FIGURES = (
    f"SELECT * FROM (SELECT q.article_id, q.idx, {_WHEN} AS day, {_ATTACKER} AS attacker, q.category,"
    " CASE WHEN q.measure = 'launched' THEN q.value END AS launched,"
    f" CASE WHEN q.measure = 'intercepted' THEN q.value END AS intercepted{FROM}"
    f" WHERE q.event = '{EventType.ATTACK}' AND q.measure IN ('launched', 'intercepted')) f0"
    " WHERE day IS NOT NULL AND attacker IS NOT NULL"
)


def strikes(db: Database) -> list[dict[str, Any]]:
    """Per day (or stated week or month), attacker and category: the most launched and intercepted, articles.

    A figure counts only when tied to an attack with a known attacker and not a running total.
    """
    rows = db.query(
        "SELECT day, attacker, category, MAX(launched) AS launched, MAX(intercepted) AS intercepted,"
        f" COUNT(DISTINCT article_id) AS articles FROM ({STRIKE_FIGURES}) f GROUP BY day, attacker, category"
    )
    return sorted(
        (
            {
                "day": r["day"],
                "attacker": r["attacker"],
                "category": r["category"],
                "launched": _float(r["launched"]),
                "intercepted": _float(r["intercepted"]),
                "articles": int(r["articles"]),
            }
            for r in rows
        ),
        key=lambda r: (r["day"], r["attacker"], r["category"]),
    )


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def conflict_candidates(
    db: Database, cluster: str | None = None, kinds: list[tuple[str, str, str]] | None = None
) -> list[tuple[str, int]]:
    """(article id, index) of the figures that may conflict: tied to an event, no running total, in a group
    (event, measure, category, side) that more than one article reports with more than one value
    (of one ``cluster``; of these ``kinds``, (event, measure, category), only)."""
    base = (
        f"SELECT {CLUSTER_KEY} AS ckey, q.event, q.measure, q.category, COALESCE(q.side, '') AS side, q.value,"
        f" q.article_id, q.idx{FROM} WHERE {PLACED} AND q.period = 0"
    )
    params: tuple[Any, ...] = ()
    if cluster is not None:
        base += " AND e.cluster_id = ?"
        params = (cluster,)
    if kinds:  # read through the cluster's mentions, never through a kind's figures in the whole store
        kind = "(q.event || '' = ? AND q.measure || '' = ? AND q.category || '' = ?)"
        base += " AND (" + " OR ".join([kind] * len(kinds)) + ")"
        params = (*params, *(v for kind in kinds for v in kind))
    window = "OVER (PARTITION BY ckey, event, measure, category, side)"
    rows = db.query(
        f"WITH base AS ({base}) SELECT article_id, idx FROM (SELECT b.article_id, b.idx,"
        f" MIN(b.article_id) {window} AS first_article, MAX(b.article_id) {window} AS last_article,"
        f" MIN(b.value) {window} AS low, MAX(b.value) {window} AS high FROM base b) w"
        " WHERE first_article < last_article AND low < high",
        params,
    )
    return [(str(r["article_id"]), int(r["idx"])) for r in rows]
