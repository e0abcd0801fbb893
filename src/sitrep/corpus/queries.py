"""Cross-article queries over the store: events, claims, conflicts and the aid and strike trackers.

Each query returns rows (plain dicts) ready for a terminal table, CSV or JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sitrep.corpus.clusters import Cluster, cluster, load_mentions, mention_index, source_of
from sitrep.eventtypes import EventType
from sitrep.store.db import Database, Row


@dataclass(frozen=True)
class EventFilter:
    """``sitrep events`` filters; each one left None matches everything."""

    type: str | None = None
    actor: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None

    def matches(self, c: Cluster) -> bool:
        if self.actor and self.actor.upper() not in c.actors:
            return False
        if self.place and self.place.casefold() not in (c.place or "").casefold():
            return False
        if self.since and (c.last_day is None or c.last_day < self.since):
            return False
        return not (self.until and (c.first_day is None or c.first_day > self.until))


def event_clusters(db: Database, flt: EventFilter | None = None) -> list[Cluster]:
    flt = flt or EventFilter()
    found = cluster(load_mentions(db, flt.type.upper() if flt.type else None))
    return [c for c in found if flt.matches(c)]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def cluster_row(c: Cluster, detail: bool = False) -> dict[str, Any]:
    first = c.first_report
    row: dict[str, Any] = {
        "cluster": c.id,
        "type": c.type,
        "phase": c.phase or first.phase,
        "actors": list(c.actors),
        "place": c.place,
        "first_day": _iso(c.first_day),
        "last_day": _iso(c.last_day),
        "articles": c.articles,
        "independent_sources": c.independent,
        "sources": c.sources,
        "first_report": first.doc,
    }
    if detail:
        row["value_usd"] = c.value_usd
        row["area_km2"] = c.area_km2
        row["mentions"] = [
            {"doc": m.doc, "published": m.published, "source": m.source, "sentence": m.sentence, "quote": m.quote}
            for m in c.mentions
        ]
    return row


def claims(db: Database, source: str | None = None) -> list[Row]:
    """Per source, how many claims in how many articles; with ``source``, each claim and its sentence."""
    if source is None:
        return db.query(
            "SELECT t.source, t.source_kind AS kind, COUNT(*) AS claims, COUNT(DISTINCT t.article_id) AS articles,"
            " MIN(a.published) AS first_seen, MAX(a.published) AS last_seen"
            " FROM attributions t JOIN articles a ON a.id = t.article_id"
            " GROUP BY t.source, t.source_kind ORDER BY COUNT(*) DESC, t.source"
        )
    return db.query(
        "SELECT t.source, t.source_kind AS kind, t.via, a.published, a.doc, t.sentence, s.text AS quote"
        " FROM attributions t JOIN articles a ON a.id = t.article_id"
        " JOIN sentences s ON s.article_id = t.article_id AND s.idx = t.sentence"
        " WHERE LOWER(t.source) LIKE ? ORDER BY a.published, a.doc, t.sentence",
        (f"%{source.lower()}%",),
    )


@dataclass(frozen=True)
class QuantityReport:
    """One quantity as one article reports it, placed in an event cluster (or a day).

    ``event_actors`` and ``event_date`` are those of the article's event the quantity is tied to
    (empty and None when the article has none, and ``cluster`` is then the type and day only);
    ``period`` is true when the figure covers a span of time rather than one event (see ``covers_period``).
    """

    event: str
    measure: str
    category: str
    actor: str | None
    value: float
    qualifier: str
    text: str
    doc: str
    sentence: int
    quote: str
    day: str | None
    cluster: str
    article_id: str
    event_actor: str | None = None
    event_actors: tuple[str, ...] = ()
    event_date: str | None = None
    period: bool = False

    @property
    def placed(self) -> bool:
        """Whether the quantity is tied to an event of its article (not only to a publication day)."""
        return bool(self.event_actors) or self.event_actor is not None

    @property
    def side(self) -> str | None:
        """The side that gives, attacks or loses: the quantity's own, unless that is the receiving or
        targeted side of its event ("113 cruise missiles" tagged UKR in an attack on Ukraine), then the
        event's first side."""
        first, others = (self.event_actors[0], self.event_actors[1:]) if self.event_actors else (None, ())
        if self.actor in others and first is not None and self.event != EventType.LOSS:
            return first
        return self.actor


#: Words that make a figure a running or cumulative total over a span of time: "since February 24",
#: "as of April 8", "so far", "in total", "already", "in the past four years", "during the month of
#: the war", "in the invasion".
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a\s+)?few|several|couple\s+of)"
_SPAN = (
    r"(?:(?:(?:first|past|last|previous)\s+)?"
    r"(?:a\s+)?(?:(?:little\s+)?(?:over|more\s+than|less\s+than|almost|nearly|about)\s+)?(?:" + _COUNT + r"\s+)?"
    r"(?:days|weeks|months|years|week|month|year)"
    r"|(?:next|coming)\s+(?:" + _COUNT + r"\s+)?(?:months|years))\b"
)
_PERIOD = re.compile(
    r"\b(?:so\s+far|to\s+date|thus\s+far|in\s+total|altogether|already|cumulatively"
    r"|in\s+all(?=\s*,)"
    r"|(?:in|during|over|for|within|throughout)\s+(?:the\s+|this\s+)?"
    + _SPAN
    + r"|(?:in|during|throughout)\s+(?:the|this)\s+(?:war|invasion|conflict))",
    re.I,
)
#: Starting points of a running total, whatever day words follow: "since", "as of April 8".
_SINCE = re.compile(r"\b(?:since|as\s+of\s+(?:the\s+)?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))", re.I)
#: Words that place a figure on one day or night: "overnight", "last night", "today".
_ONE_DAY = re.compile(
    r"\b(?:overnight|tonight|today|yesterday|last\s+night|this\s+(?:morning|afternoon|evening)"
    r"|(?:on\s+)?the\s+night\s+of)\b",
    re.I,
)
_DATED = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{4}-\d\d-\d\d", re.I)


def covers_period(sentence: str, before: str | None = None) -> bool:
    """Whether a figure in ``sentence`` is a total over a span of time rather than one event's.

    "Since February 24, Russia has launched 2,275 missiles" and "In two months, 2,154 missiles hit our
    cities" are; "Russia launched 40 drones overnight" is not ("In total, 40 drones overnight" is not
    either: a word of one day outweighs "in total", though never "since"). A sentence with no time words
    of its own ("113 cruise missiles were fired.") takes those of the sentence ``before``.
    """
    if _SINCE.search(sentence):
        return True
    if _ONE_DAY.search(sentence):
        return False
    if _PERIOD.search(sentence):
        return True
    if before is not None and not _DATED.search(sentence):
        return covers_period(before)
    return False


def quantity_reports(db: Database, event: str | None = None) -> list[QuantityReport]:
    """Every stored quantity, tied to the cluster of its article's nearest event of the same type."""
    clusters = cluster(load_mentions(db))
    index = mention_index(clusters)
    events: dict[str, list[Row]] = defaultdict(list)
    for row in db.query("SELECT article_id, idx, type, sentence, day, date, actors, actor1 FROM events"):
        events[row["article_id"]].append(row)
    sql = (
        "SELECT q.*, a.doc, a.published, s.text AS quote, p.text AS before FROM quantities q"
        " JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN sentences s ON s.article_id = q.article_id AND s.idx = q.sentence"
        " LEFT JOIN sentences p ON p.article_id = q.article_id AND p.idx = q.sentence - 1"
    )
    rows = db.query(sql + " WHERE q.event = ?", (event,)) if event else db.query(sql)
    return [_report(row, events[row["article_id"]], index) for row in rows]


def _report(row: Row, events: list[Row], index: dict[tuple[str, int], Cluster]) -> QuantityReport:
    same = [e for e in events if e["type"] == row["event"]]
    if row["measure"] == "intercepted":  # the interceptor is the quantity's actor; the attack is the other side's
        same = [e for e in same if e["actor1"] != row["actor"]] or same
    near = min(same, key=lambda e: abs(int(e["sentence"]) - int(row["sentence"])), default=None)
    if near is not None:
        found = index.get((near["article_id"], int(near["idx"])))
        day, key = near["day"], found.id if found else f"{row['article_id'][:10]}-{near['idx']}"
    else:
        day, key = row["published"], f"{row['event']}@{row['published'] or row['article_id'][:10]}"
    quote = row["quote"] or row["text"]
    return QuantityReport(
        event=row["event"],
        measure=row["measure"],
        category=row["category"],
        actor=row["actor"] or (near["actor1"] if near is not None else None),
        value=float(row["value"]),
        qualifier=row["qualifier"],
        text=row["text"],
        doc=row["doc"],
        sentence=int(row["sentence"]),
        quote=quote,
        day=day,
        cluster=key,
        article_id=row["article_id"],
        event_actor=near["actor1"] if near is not None else None,
        event_actors=tuple(json.loads(near["actors"])) if near is not None else (),
        event_date=near["date"] if near is not None else None,
        period=covers_period(quote, row["before"]),
    )


#: Reports of one count whose values differ by this factor or more count different things ("9 killed"
#: in one strike and "298 killed" since the war began), not one thing disputed.
MAGNITUDE = 10.0
#: How far either way an "about" figure reaches: "about 1,000" agrees with 950 and with 1,050.
APPROX = 0.1


def conflicts(db: Database) -> list[dict[str, Any]]:
    """The same quantity of the same event reported with values that cannot all be true.

    Only figures tied to an event of their article are compared, never totals over a span of time;
    within a group, values an order of magnitude apart (``MAGNITUDE``) count different things and are
    not compared, and two reports conflict only when their ranges are disjoint ("more than 20" agrees
    with 25, "about 100" with 97).
    """
    groups: dict[tuple[str, str, str, str, str | None], list[QuantityReport]] = defaultdict(list)
    for r in quantity_reports(db):
        if r.placed and not r.period:
            groups[(r.cluster, r.event, r.measure, r.category, r.side)].append(r)
    out = []
    for (key, event, measure, category, actor), reports in groups.items():
        for band in _bands(reports):
            if _disagree(band):
                out.append(
                    {
                        "cluster": key,
                        "day": min((r.day for r in band if r.day), default=None),
                        "event": event,
                        "measure": measure,
                        "category": category,
                        "actor": actor,
                        "values": sorted({r.value for r in band}),
                        "reports": [f"{_num(r.value)} ({r.qualifier}): {r.doc} §{r.sentence}" for r in band],
                        "quotes": [r.quote for r in band],
                    }
                )
    return sorted(out, key=lambda c: (c["day"] or "", c["event"], c["category"]))


def _bands(reports: list[QuantityReport]) -> list[list[QuantityReport]]:
    """Reports split, by value, into runs within ``MAGNITUDE`` of the run's smallest value."""
    bands: list[list[QuantityReport]] = []
    for r in sorted(reports, key=lambda r: r.value):
        if bands and r.value < bands[-1][0].value * MAGNITUDE:
            bands[-1].append(r)
        else:
            bands.append([r])
    return bands


def _range(r: QuantityReport) -> tuple[float, float]:
    """The values a report allows: "about 100" 90-110, "more than 20" 20 and up, "up to 5" 0-5."""
    if r.qualifier == "approx":
        return r.value * (1 - APPROX), r.value * (1 + APPROX)
    if r.qualifier in ("at_least", "more_than"):
        return r.value, float("inf")
    if r.qualifier == "up_to":
        return 0.0, r.value
    return r.value, r.value


def _disagree(reports: list[QuantityReport]) -> bool:
    """Whether two reports of different articles give ranges with no value in common."""
    for i, a in enumerate(reports):
        low_a, high_a = _range(a)
        for b in reports[i + 1 :]:
            low_b, high_b = _range(b)
            if a.article_id != b.article_id and (high_a < low_b or high_b < low_a):
                return True
    return False


def _num(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _donor(r: QuantityReport) -> str | None:
    """The giver of an aid figure when it gives to another side: its side, if the event it is tied to
    names a recipient other than that side; "?" for a figure of no known giver; None for a figure that
    goes to no one else (a country equipping its own forces is not aid)."""
    side = r.side
    if side is None:
        return "?"
    return side if any(a != side for a in r.event_actors) else None


def _max_per_cluster(
    reports: Iterable[tuple[QuantityReport, str]],
) -> dict[tuple[str, str, str, str], tuple[float, set[str]]]:
    """Per (cluster, measure, category, side): the largest value reported and the articles reporting it."""
    best: dict[tuple[str, str, str, str], tuple[float, set[str]]] = {}
    for r, side in reports:
        key = (r.cluster, r.measure, r.category, side)
        value, docs = best.get(key, (0.0, set()))
        best[key] = (max(value, r.value), docs | {r.article_id})
    return best


def _usd(c: Cluster) -> float | None:
    """A cluster's largest sum, not counting running totals ("$2 billion since the invasion began")."""
    return max(
        (m.value_usd for m in c.mentions if m.value_usd and (_spanned(m.date) or not covers_period(m.quote))),
        default=None,
    )


def _usd_donor(c: Cluster) -> str | None:
    """The giver of an aid cluster with a recipient other than itself, "?" when it names no side."""
    if not c.actors:
        return "?"
    return c.actors[0] if any(a != c.actors[0] for a in c.actors) else None


def aid_tracker(db: Database, unknown_donors: bool = False) -> list[dict[str, Any]]:
    """Donor × category × phase per month: each event counted once (its largest reported figure).

    Aid goes from a donor to another side: figures with no recipient other than their giver (a state
    equipping its own forces) and totals over a span of time ("we have sent 3,000 vehicles since the
    invasion began") are left out, unless the event states the week or month they cover; figures of no
    known giver are left out too unless ``unknown_donors``, then under donor "?".
    """
    reports = quantity_reports(db, EventType.AID)
    day_of = {r.cluster: r.day for r in reports}
    given = [(r, donor) for r in reports if (not r.period or _spanned(r.event_date)) and (donor := _donor(r))]
    table: dict[tuple[str, str, str, str], list[Any]] = {}
    for (key, measure, category, donor), (value, docs) in _max_per_cluster(given).items():
        if donor == "?" and not unknown_donors:
            continue
        _add(table, ((day_of.get(key) or "")[:7] or "unknown", donor, category, measure), value, docs)
    for c in event_clusters(db, EventFilter(type=EventType.AID)):
        usd, giver = _usd(c), _usd_donor(c)
        if usd and giver and (giver != "?" or unknown_donors):
            month = (_iso(c.first_day) or "")[:7] or "unknown"
            _add(table, (month, giver, "usd", c.phase or "announced"), usd, {m.article_id for m in c.mentions})
    return [
        {
            "month": k[0],
            "donor": k[1],
            "category": k[2],
            "phase": k[3],
            "total": v[0],
            "events": v[1],
            "articles": len(v[2]),
        }
        for k, v in sorted(table.items())
    ]


def _add(
    table: dict[tuple[str, str, str, str], list[Any]], key: tuple[str, str, str, str], value: float, docs: set[str]
) -> None:
    cell = table.setdefault(key, [0.0, 0, set()])
    cell[0] += value
    cell[1] += 1
    cell[2] |= docs


def _spanned(date: str | None) -> bool:
    """Whether a stated date is a week or a month ("2025-W27", "2025-06"), not a day."""
    return bool(date) and len(date or "") != 10


def _when(r: QuantityReport) -> str | None:
    """The day (or the stated week or month) an attack figure belongs to, None for one that belongs to
    none: a figure tied to no attack event of its article, or a running total ("since February 24")."""
    if not r.placed:
        return None
    if _spanned(r.event_date):
        return r.event_date  # "in the past week alone, Russia launched about 1,270 drones": that week
    return None if r.period else r.day or "unknown"


def strikes_tracker(db: Database) -> list[dict[str, Any]]:
    """Per day, attacker and category: the most launched and intercepted any report gives.

    A figure counts under its day, or under the week or month its event states ("2025-W27"), never as a
    running total (``_when``: "since February 24, 2,275 missiles" does not count), and only
    with a known attacker: the side of the launch (not the side attacked), or the attacking side of the
    event an interception is tied to.
    """
    table: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in quantity_reports(db, EventType.ATTACK):
        when = _when(r)
        attacker = r.event_actor if r.measure == "intercepted" else r.side
        if r.measure not in ("launched", "intercepted") or when is None or attacker is None:
            continue
        cell = table.setdefault((when, attacker, r.category), {"launched": None, "intercepted": None, "docs": set()})
        cell[r.measure] = max(cell[r.measure] or 0.0, r.value)
        cell["docs"].add(r.article_id)
    return [
        {
            "day": k[0],
            "attacker": k[1],
            "category": k[2],
            "launched": v["launched"],
            "intercepted": v["intercepted"],
            "articles": len(v["docs"]),
        }
        for k, v in sorted(table.items())
    ]


__all__ = [
    "EventFilter",
    "aid_tracker",
    "claims",
    "cluster_row",
    "conflicts",
    "covers_period",
    "event_clusters",
    "quantity_reports",
    "source_of",
    "strikes_tracker",
]
