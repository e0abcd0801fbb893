"""Cluster event mentions from many articles into real-world events.

Two mentions are the same event when they have the same type (and, where the
registry says phases tell events apart, as for aid, the same phase), the same sides
(in order where the registry calls the type directed: aid, attacks, seizures; in any
order otherwise: meetings, agreements, sanctions), places that do not disagree, and
days within ``WINDOW_DAYS`` of the cluster's latest mention and within ``SPAN_DAYS`` of its first.
For the types whose place tells events apart (``by_place`` in the registry: seizures), the place must be the same
(or absent from both).

Calibration: ``WINDOW_DAYS`` 3 keeps a call's readouts (same day, or the day after
across time zones) and a strike's follow-up reports together, while weekly aid
announcements of the same donor stay apart. ``SPAN_DAYS`` 14 keeps a strike's death toll updated
over two weeks, or a pause reported through its days, as one event, while daily reports of the same
sides (a donor's aid announced week after week, one side's strikes on another with no place said) no
longer chain, a few days apart each, into one "event" of months or years.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from sitrep.eventtypes import spec

if TYPE_CHECKING:  # the store imports the similarity rule from here
    from sitrep.store.db import Database, Row

WINDOW_DAYS = 3
SPAN_DAYS = 14


@dataclass(frozen=True)
class Mention:
    """One event as one article reports it."""

    article_id: str
    idx: int
    type: str
    phase: str | None
    actors: tuple[str, ...]
    place: str | None
    day: dt.date | None
    date: str | None
    value_usd: float | None
    sentence: int
    anchor: str
    quote: str
    doc: str
    published: str | None
    source: str
    duplicate_of: str | None
    area_km2: float | None = None
    cluster_id: str | None = None  # the stored cluster (sitrep.store.clusters_sql), None before it is assigned


@dataclass
class Cluster:
    """A real-world event and every mention of it."""

    type: str
    phase: str | None
    actors: tuple[str, ...]
    mentions: list[Mention] = field(default_factory=list)
    stored_id: str | None = None

    @property
    def id(self) -> str:
        if self.stored_id:
            return self.stored_id
        first = self.first_report
        key = f"{self.type}|{self.phase}|{','.join(self.actors)}|{first.article_id}|{first.idx}"
        return hashlib.sha256(key.encode()).hexdigest()[:10]

    @property
    def place(self) -> str | None:
        return next((m.place for m in self.mentions if m.place), None)

    @property
    def first_day(self) -> dt.date | None:
        return min((m.day for m in self.mentions if m.day), default=None)

    @property
    def last_day(self) -> dt.date | None:
        return max((m.day for m in self.mentions if m.day), default=None)

    @property
    def first_report(self) -> Mention:
        return min(self.mentions, key=lambda m: (m.published or "9999", m.doc, m.idx))

    @property
    def sources(self) -> list[str]:
        return sorted({m.source for m in self.mentions})

    @property
    def articles(self) -> int:
        return len({m.article_id for m in self.mentions})

    @property
    def independent(self) -> int:
        """Distinct sources, not counting near-duplicate copies of an article already in the cluster."""
        ids = {m.article_id for m in self.mentions}
        return len({m.source for m in self.mentions if m.duplicate_of not in ids})

    @property
    def value_usd(self) -> float | None:
        return max((m.value_usd for m in self.mentions if m.value_usd), default=None)

    @property
    def area_km2(self) -> float | None:
        """The largest area any report gives (SEIZE)."""
        return max((m.area_km2 for m in self.mentions if m.area_km2), default=None)

    def accepts(self, mention: Mention) -> bool:
        first = self.mentions[0].day if self.mentions else None  # mentions join in the rule's order, day first
        return joins(self.last_day, self.place, mention.day, mention.place, first=first)


def joins(
    last: dt.date | None, place: str | None, day: dt.date | None, mention_place: str | None, *, first: dt.date | None
) -> bool:
    """The similarity rule: whether a mention of ``day`` and ``mention_place`` joins a cluster of the same
    key whose first day is ``first``, latest day ``last`` and place ``place`` (mentions taken in day order)."""
    if day and last and (day - last).days > WINDOW_DAYS:
        return False
    if day and first and (day - first).days > SPAN_DAYS:
        return False
    if (day is None) != (last is None):
        return False
    return not (place and mention_place and place.casefold() != mention_place.casefold())


def source_of(outlet: str | None, url: str | None, doc: str) -> str:
    """Who published an article: its outlet, else its URL's host, else its file's folder or name."""
    if outlet:
        return outlet
    host = urlparse(url).netloc.lower().removeprefix("www.") if url else ""
    if host:
        return host
    stem = doc.rsplit(":", 1)[0] if doc.rsplit(":", 1)[-1].isdigit() else doc
    parts = stem.replace("\\", "/").rstrip("/").split("/")
    return parts[-2] if len(parts) > 1 else parts[-1]


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def load_mentions(
    db: Database,
    event_type: str | None = None,
    clusters: Sequence[str] | None = None,
    first: int | None = None,
    offset: int = 0,
) -> list[Mention]:
    """Every stored event mention (of one type, or of the stored ``clusters``, if given; with one cluster, its
    ``first`` ones from ``offset`` in the event page's order, ``cluster_pages``), with its article's source."""
    sql = (
        "SELECT e.*, a.doc, a.published, a.outlet, a.url, s.text AS quote, d.duplicate_of FROM events e"
        " JOIN articles a ON a.id = e.article_id"
        " LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence"
        " LEFT JOIN duplicates d ON d.article_id = e.article_id"
    )
    if clusters is not None and first is not None and len(clusters) == 1:
        from sitrep.corpus.cluster_pages import ORDER, mention_keys

        page, params = mention_keys(clusters[0], offset, first)
        rows = db.query(f"{sql} WHERE (e.article_id, e.idx) IN ({page}) ORDER BY {ORDER}", params)
    elif clusters is not None:
        rows = []
        for start in range(0, len(clusters), 500):
            part = list(clusters[start : start + 500])
            rows += db.query(sql + f" WHERE e.cluster_id IN ({', '.join('?' * len(part))})", part)
    else:
        rows = db.query(sql + " WHERE e.type = ?", (event_type,)) if event_type else db.query(sql)
    return [_mention(row) for row in rows]


def _mention(row: Row) -> Mention:
    return Mention(
        article_id=row["article_id"],
        idx=int(row["idx"]),
        type=row["type"],
        phase=row["phase"],
        actors=tuple(json.loads(row["actors"])),
        place=row["place"],
        day=_day(row["day"]),
        date=row["date"],
        value_usd=row["value_usd"],
        sentence=int(row["sentence"]),
        anchor=row["anchor"],
        quote=row["quote"] or row["anchor"],
        doc=row["doc"],
        published=row["published"],
        source=source_of(row["outlet"], row["url"], row["doc"]),
        duplicate_of=row["duplicate_of"],
        area_km2=row.get("area_km2"),
        cluster_id=row.get("cluster_id"),
    )


_Key = tuple[str, str | None, tuple[str, ...], str | None]


def _key(m: Mention) -> _Key:
    return group_of(m.type, m.phase, m.actors, m.place)


def group_of(kind: str, phase: str | None, actors: Iterable[str], place: str | None = None) -> _Key:
    """What mentions must share to be one event: type, phase where it tells events apart, sides (in order
    only where they are directed), and the place where it tells events apart (registry: ``by_place``)."""
    entry = spec(kind)
    sides = tuple(actors) if entry.directed else tuple(sorted(actors))
    where = (place or "").casefold() if entry.by_place else None
    return kind, phase if entry.phase_splits_clusters else None, sides, where


def group_key(kind: str, phase: str | None, actors: Iterable[str], place: str | None = None) -> str:
    """``group_of`` as one indexable text: ``AID|delivered|USA,UKR``; types told apart by place add
    ``|place`` (``SEIZE||RUS,UKR|avdiivka``)."""
    kind, phase, sides, where = group_of(kind, phase, actors, place)
    text = f"{kind}|{phase or ''}|{','.join(sides)}"
    return text if where is None else f"{text}|{where}"


def cluster(mentions: Iterable[Mention]) -> list[Cluster]:
    """Group mentions into clusters, ordered by first day: the stored clusters of mentions that have one,
    the similarity rule for the others."""
    groups: dict[_Key, list[Mention]] = defaultdict(list)
    stored: dict[str, Cluster] = {}
    for m in mentions:
        if m.cluster_id:
            kind, phase, actors, _where = _key(m)
            stored.setdefault(m.cluster_id, Cluster(kind, phase, actors, stored_id=m.cluster_id)).mentions.append(m)
        else:
            groups[_key(m)].append(m)
    clusters: list[Cluster] = list(stored.values())
    for found in clusters:
        found.mentions.sort(key=order)
    for (kind, phase, actors, _where), members in groups.items():
        open_: list[Cluster] = []
        for m in sorted(members, key=order):
            home = next((c for c in reversed(open_) if c.accepts(m)), None)
            if home is None:
                home = Cluster(kind, phase, actors)
                open_.append(home)
            home.mentions.append(m)
        clusters.extend(open_)
    return sorted(clusters, key=lambda c: (c.first_day or dt.date.min, c.type, c.actors))


def order(m: Mention) -> tuple[dt.date, str, int]:
    """The order the similarity rule takes mentions in: day (undated first), then document and index."""
    return (m.day or dt.date.min, m.doc, m.idx)


def mention_index(clusters: Iterable[Cluster]) -> dict[tuple[str, int], Cluster]:
    """The cluster of each (article id, event index)."""
    return {(m.article_id, m.idx): c for c in clusters for m in c.mentions}
