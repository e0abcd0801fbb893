"""Event clusters kept in the store, assigned as mentions are stored, in the same transaction.

The similarity rule is ``sitrep.corpus.clusters``' (``joins``), taken in its order (``order``:
day, document, index) within a group (type, phase, sides: ``group_key``). A change (the mentions
of an article stored or removed) is replayed from its first position only: from the clusters
open there, through the mentions after it, until the replay is in the state of the stored
clusters again (the same open clusters with the same latest days and places). So the clusters
are those of clustering the whole store at once, whatever order the articles came in, and a
change reads only its group's mentions from ``WINDOW_DAYS`` before it on (indexed by group and day).

Ids: a cluster's id is given when it is made and never changes. A cluster the replay makes
again from a stored one's mentions takes that one's id (the oldest, when it takes the mentions
of several); a stored cluster left empty because its mentions joined another becomes an alias
of that one (``resolve``), so a link to it keeps working.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

# Submodules by their full name: `from sitrep.store import x` would run the package's __init__ (the writer) first.
import sitrep.store.aid_sql as aid_sql  # noqa: PLR0402
import sitrep.store.conflicts_sql as conflicts_sql  # noqa: PLR0402
import sitrep.store.page_tables as page_tables  # noqa: PLR0402
from sitrep.corpus.clusters import WINDOW_DAYS, joins
from sitrep.store.cluster_summary import extend, row_of, summarize
from sitrep.store.db import Database, Row

log = logging.getLogger(__name__)

Pos = tuple[dt.date, str, int]
_CHUNK_DAYS = 7


@dataclass
class Item:
    """A mention in the replay: stored (``change`` 0), added (1) or removed (-1)."""

    article_id: str
    idx: int
    day: dt.date | None
    doc: str
    place: str | None
    old: str | None
    change: int = 0

    @property
    def pos(self) -> Pos:
        return (self.day or dt.date.min, self.doc, self.idx)


@dataclass(eq=False)
class _Open:
    """A cluster as the replay sees it at one position."""

    opened: Pos
    last: dt.date | None = None
    place: str | None = None
    ident: str | None = None  # the stored id of a cluster already open before the change
    members: list[Item] = field(default_factory=list)

    def take(self, m: Item, keep: bool = True) -> None:
        self.last = m.day
        if not self.place and m.place:
            self.place = m.place
        if keep:
            self.members.append(m)


@dataclass(frozen=True)
class _Info:
    """What the replay needs of a stored cluster: where it opened and where its place came from."""

    ident: str
    opened: Pos
    place: str | None
    place_day: dt.date | None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _item(row: Row, change: int = 0) -> Item:
    return Item(
        row["article_id"], int(row["idx"]), _day(row["day"]), row["doc"], row["place"], row["cluster_id"], change
    )


_MENTIONS = (
    "SELECT e.article_id, e.idx, e.day, e.place, e.cluster_id, e.group_key, a.doc FROM events e"
    " JOIN articles a ON a.id = e.article_id"
)


def mentions_of(db: Database, article_id: str) -> list[tuple[str, Item]]:
    """(group, mention) of each event of a stored article; call before removing them (``reassign``)."""
    rows = db.query(_MENTIONS + " WHERE e.article_id = ?", (article_id,))
    return [(row["group_key"], _item(row, -1)) for row in rows if row["group_key"]]


def assign(db: Database, article_id: str, removed: Sequence[tuple[str, Item]] = ()) -> None:
    """Cluster the mentions of a just-stored article (and undo those ``removed`` from it), in the transaction;
    then what the pages keep per cluster: the conflicts and aid rows of the clusters that changed."""
    changes: dict[tuple[str, bool], list[Item]] = {}
    for key, m in [*removed, *((r["group_key"], _item(r, 1)) for r in _article_rows(db, article_id))]:
        changes.setdefault((key, m.day is not None), []).append(m)
    if db.dialect == "postgresql":  # concurrent writers replay one group one after the other (keys in order)
        for key in sorted({key for key, _ in changes}):
            db.execute("SELECT pg_advisory_xact_lock(?)", (_lock_id(key),))
    done = Changed()
    for (key, dated), items in sorted(changes.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        _Replay(db, key, dated, done).run(sorted(items, key=lambda m: m.pos))
    for ident in sorted(done.whole):
        conflicts_sql.refresh(db, ident)
    figures = {str(r["cluster_id"]) for r in db.query(_FIGURES, (article_id,))}
    for ident in sorted((done.extended & figures) - done.whole):  # only the kinds of figure the article gives
        conflicts_sql.refresh(db, ident, article_id)
    aid_sql.refresh(db, done.whole)
    aid_sql.add_article(db, article_id, done.whole)


#: The clusters an article's figures that may conflict are tied to.
_FIGURES = (
    "SELECT DISTINCT e.cluster_id FROM quantities q JOIN events e ON e.article_id = q.article_id"
    " AND e.idx = q.event_idx WHERE q.article_id = ? AND q.period = 0 AND e.cluster_id IS NOT NULL"
)


@dataclass
class Changed:
    """The clusters a change wrote again from all their mentions (``whole``: also those it emptied) and those
    it only added new mentions to (``extended``)."""

    whole: set[str] = field(default_factory=set)
    extended: set[str] = field(default_factory=set)
    bulk: bool = False  # every cluster is written again, and the page tables filled after (recluster)


def _lock_id(key: str) -> int:
    return int.from_bytes(hashlib.sha256(f"sitrep-cluster|{key}".encode()).digest()[:8], "big", signed=True)


def _article_rows(db: Database, article_id: str) -> list[Row]:
    return db.query(_MENTIONS + " WHERE e.article_id = ? AND e.group_key IS NOT NULL", (article_id,))


def recluster(db: Database) -> int:
    """Rebuild every cluster from the stored mentions, keeping each id that still names the same cluster.

    Fills the group of mentions stored before clusters were kept. Returns the number of clusters.
    """
    with db.transaction():
        _fill_groups(db)
        keys = [row["group_key"] for row in db.query("SELECT DISTINCT group_key FROM events ORDER BY group_key")]
        for key in keys:
            for dated in (False, True):
                _Replay(db, key, dated, Changed(bulk=True)).run((), full=True)
        db.execute("DELETE FROM clusters WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.cluster_id = clusters.id)")
        page_tables.fill(db)
        return int(db.scalar("SELECT COUNT(*) FROM clusters") or 0)


def _fill_groups(db: Database) -> None:
    from sitrep.corpus.clusters import group_key

    rows = db.query("SELECT article_id, idx, type, phase, actors, place FROM events WHERE group_key IS NULL")
    db.executemany(
        "UPDATE events SET group_key = ? WHERE article_id = ? AND idx = ?",
        [
            (group_key(r["type"], r["phase"], json.loads(r["actors"]), r["place"]), r["article_id"], r["idx"])
            for r in rows
        ],
    )


def resolve(db: Database, ident: str) -> str | None:
    """The live cluster an id names: itself, or the cluster it was merged into; None if unknown."""
    if db.scalar("SELECT 1 FROM clusters WHERE id = ?", (ident,)) is not None:
        return ident
    found = db.scalar("SELECT cluster_id FROM cluster_aliases WHERE alias = ?", (ident,))
    return str(found) if found is not None else None


class _Replay:
    """One group's mentions (dated or undated), replayed from a change until the stored state is met again."""

    def __init__(self, db: Database, key: str, dated: bool, done: Changed) -> None:
        self.db, self.key, self.dated, self.done = db, key, dated, done
        self.info: dict[str, _Info] = {}
        self.by_opened: dict[Pos, str] = {}
        self.lo = dt.date.min
        self.new: list[_Open] = []  # the replay's clusters, in the order they opened
        self.inherited: dict[str, _Open] = {}  # those open before the change, by stored id
        self.old: dict[str, _Open] = {}  # the stored clusters' state at the same position

    def run(self, changes: Sequence[Item], full: bool = False) -> None:
        """Replay from the first change until the stored state is met again after the last one.

        Dated changes far apart (more than ``WINDOW_DAYS`` after the replay settled) are replayed as
        segments: the mentions between them, which no change reaches, are never read."""
        if not changes and not full:
            return
        added = {(m.article_id, m.idx) for m in changes if m.change > 0}
        replayed: list[Item] = []
        final: dict[_Open, str] = {}
        rest: Sequence[Item] = changes
        while True:
            rest = self._segment(rest, added, replayed, full)
            final |= _ids(self.db, self.key, self.new, self.info)
            if not rest:
                break
            self.new, self.inherited, self.old = [], {}, {}
        self._write(replayed, final)

    def _segment(
        self, changes: Sequence[Item], added: set[tuple[str, int]], replayed: list[Item], full: bool
    ) -> Sequence[Item]:
        """Replay changes from the first one; the changes left for a later segment (none when all are done)."""
        start = changes[0].pos if changes else (dt.date.min, "", -1)
        if self.dated and changes and not full:
            self.lo = start[0] - dt.timedelta(days=WINDOW_DAYS)
        done = 0
        for m in self._sequence(changes, added, full):
            if m.pos < start:
                self._before(m)
                continue
            self._step(m)
            replayed.append(m)
            done += m.change != 0
            if full:
                continue
            if done == len(changes):
                if self._settled(m):
                    break
            elif self.dated and m.day and (changes[done].pos[0] - m.day).days > WINDOW_DAYS + 1 and self._settled(m):
                return changes[done:]
        return ()

    def _sequence(self, changes: Sequence[Item], added: set[tuple[str, int]], full: bool) -> Iterator[Item]:
        """Stored mentions from the window's start in order, with the changes merged in."""
        pending = list(changes)
        for chunk, hi in self._chunks(changes, full):
            self._load_info({m.old for m in chunk if m.old} | {m.old for m in pending if m.old})
            mine = [m for m in pending if hi is None or (m.day and m.day < hi)]
            pending = pending[len(mine) :]
            merged = sorted(
                [m for m in chunk if (m.article_id, m.idx) not in added] + mine, key=lambda m: (m.pos, -m.change)
            )
            yield from merged
        yield from pending

    def _chunks(self, changes: Sequence[Item], full: bool) -> Iterator[tuple[list[Item], dt.date | None]]:
        """The group's mentions from the window's start on, ``_CHUNK_DAYS`` at a time (all undated ones at
        once), each with the day it ends before (None: the last); a chunk starts at a stored mention or a change."""
        if not self.dated or full:
            where = "IS NOT NULL" if self.dated else "IS NULL"
            rows = self.db.query(_MENTIONS + f" WHERE e.group_key = ? AND e.day {where}", (self.key,))
            yield [_item(r) for r in rows], None
            return
        days = sorted({m.day for m in changes if m.day})
        lo: dt.date | None = self.lo
        while lo is not None:
            hi = lo + dt.timedelta(days=_CHUNK_DAYS)
            rows = self.db.query(
                _MENTIONS + " WHERE e.group_key = ? AND e.day >= ? AND e.day < ?", (self.key, _iso(lo), _iso(hi))
            )
            yield [_item(r) for r in rows], hi
            stored = _day(
                self.db.scalar("SELECT MIN(day) FROM events WHERE group_key = ? AND day >= ?", (self.key, _iso(hi)))
            )
            lo = min([d for d in (stored, next((d for d in days if d >= hi), None)) if d], default=None)

    def _load_info(self, ids: Iterable[str]) -> None:
        wanted = sorted(set(ids) - set(self.info))
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ", ".join("?" * len(part))
            sql = f"SELECT id, first_day, first_doc, first_idx, place, place_day FROM clusters WHERE id IN ({marks})"
            for row in self.db.query(sql, part):
                opened = (_day(row["first_day"]) or dt.date.min, row["first_doc"], int(row["first_idx"]))
                self.info[row["id"]] = _Info(row["id"], opened, row["place"], _day(row["place_day"]))
                self.by_opened[opened] = row["id"]

    def _stored(self, ident: str) -> _Open:
        """A stored cluster's state where the window starts: its place when that came from before it."""
        info = self.info[ident]
        early = info.place_day is not None and info.place_day < self.lo
        return _Open(info.opened, place=info.place if early else None, ident=ident)

    def _before(self, m: Item) -> None:
        """A stored mention before the change: the same in the replay and in the stored state."""
        if m.old is None or m.old not in self.info:
            return
        for side in (self._new_by_id(m.old), self._old(m.old)):
            side.take(m, keep=False)

    def _new_by_id(self, ident: str) -> _Open:
        found = self.inherited.get(ident)
        if found is None:
            found = self.inherited[ident] = self._stored(ident)
            self.new.append(found)
            self.new.sort(key=lambda c: c.opened)
        return found

    def _old(self, ident: str) -> _Open:
        if ident not in self.old:
            self.old[ident] = self._stored(ident)
        return self.old[ident]

    def _step(self, m: Item) -> None:
        if m.change >= 0:
            home = next(
                (c for c in reversed(self.new) if joins(c.last, c.place, m.day, m.place, first=_first_day(c))), None
            )
            if home is None:
                home = _Open(m.pos)
                self.new.append(home)
            home.take(m)
        if m.change <= 0 and m.old is not None and m.old in self.info:
            self._old(m.old).take(m, keep=False)

    def _settled(self, m: Item) -> bool:
        """Whether the replay's open clusters are the stored ones, with the same latest days and places."""
        opened = self.by_opened

        def state(clusters: Iterable[_Open]) -> list[tuple[str | None, dt.date | None, str | None]]:
            live = [
                c for c in clusters if not self.dated or (c.last and m.day and (m.day - c.last).days <= WINDOW_DAYS)
            ]
            ordered = sorted(live, key=lambda c: c.opened)
            return [(c.ident or opened.get(c.opened), c.last, c.place) for c in ordered]

        new = state(self.new)
        return all(ident is not None for ident, _, _ in new) and new == state(self.old.values())

    def _write(self, replayed: list[Item], final: dict[_Open, str]) -> None:
        touched: set[str] = {m.old for m in replayed if m.old}
        added: dict[str, list[Item]] = {}
        whole: set[str] = set()
        for cluster, ident in final.items():
            touched.add(ident)
            moved = [(ident, m.article_id, m.idx) for m in cluster.members if m.change >= 0 and m.old != ident]
            self.db.executemany("UPDATE events SET cluster_id = ? WHERE article_id = ? AND idx = ?", moved)
            for m in cluster.members:
                if m.change > 0:
                    added.setdefault(ident, []).append(m)
                elif m.old != ident:
                    whole.add(ident)  # a stored mention moved in
        home = {(m.article_id, m.idx): ident for cluster, ident in final.items() for m in cluster.members}
        whole |= {m.old for m in replayed if m.old and (m.change < 0 or home.get((m.article_id, m.idx)) != m.old)}
        for ident in sorted(touched):
            if ident in whole or ident not in self.info:
                self.done.whole.add(ident)
                if not _refresh(self.db, ident, self.key, self.done.bulk):
                    heirs = Counter(home[(m.article_id, m.idx)] for m in replayed if m.old == ident and m.change == 0)
                    _retire(self.db, ident, heirs.most_common(1)[0][0] if heirs else None)
            elif ident in added:
                self.done.extended.add(ident)
                _extend(self.db, ident, added[ident])


def _first_day(c: _Open) -> dt.date | None:
    """The day a replayed cluster opened on (None: undated)."""
    return c.opened[0] if c.opened[0] != dt.date.min else None


def _ids(db: Database, key: str, clusters: list[_Open], info: dict[str, _Info]) -> dict[_Open, str]:
    """The id of each replayed cluster with members: its own, a stored one it remakes, or a new one."""
    taken = {c.ident for c in clusters if c.ident}
    out: dict[_Open, str] = {}
    for c in clusters:
        if not c.members:
            continue
        if c.ident:
            out[c] = c.ident
            continue
        olds = [m.old for m in c.members if m.old and m.old in info and m.old not in taken]
        mine = [o for o in olds if info[o].opened == c.opened]
        chosen = mine[0] if mine else min(olds, key=lambda o: info[o].opened, default=None)
        chosen = chosen or _fresh_id(db, key, c.members[0])
        taken.add(chosen)
        out[c] = chosen
    return out


def _fresh_id(db: Database, key: str, first: Item) -> str:
    for salt in range(1000):
        ident = hashlib.sha256(f"{key}|{first.article_id}|{first.idx}|{salt}".encode()).hexdigest()[:12]
        used = db.scalar(
            "SELECT 1 FROM clusters WHERE id = ? UNION ALL SELECT 1 FROM cluster_aliases WHERE alias = ?",
            (ident, ident),
        )
        if used is None:
            return ident
    raise RuntimeError(f"no free cluster id for {key}")  # pragma: no cover - 1000 collisions of a 48-bit hash


def _refresh(db: Database, ident: str, key: str, bulk: bool = False) -> bool:
    """Write a cluster's row from its mentions; False (and no row) when it has none left."""
    span = db.query(
        "SELECT COUNT(*) AS n, MIN(day) AS first, MAX(day) AS last FROM events WHERE cluster_id = ?", (ident,)
    )
    count, first, last = span[0]["n"], span[0]["first"], span[0]["last"]
    before = row_of(db, ident)
    if not count:
        db.execute("DELETE FROM clusters WHERE id = ?", (ident,))
        if not bulk:
            aid_sql.money_refresh(db, [c for c in (aid_sql.money_cell(before),) if c is not None])
        return False
    opener = _earliest(db, ident, first, "")
    named = " AND e.place IS NOT NULL AND e.place <> ''"
    placed = db.scalar("SELECT MIN(day) FROM events e WHERE cluster_id = ?" + named, (ident,))
    place = _earliest(db, ident, placed, named) if placed or first is None else None
    kind, phase, sides = key.split("|")[:3]  # a fourth part, the place, only tells SEIZE groups apart
    db.execute(
        "INSERT INTO clusters (id, group_key, type, phase, actors, sides, giver, first_day, last_day, place,"
        " place_day, first_doc, first_idx, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET"
        " first_day = excluded.first_day, last_day = excluded.last_day, place = excluded.place,"
        " place_day = excluded.place_day, first_doc = excluded.first_doc, first_idx = excluded.first_idx,"
        " mentions = excluded.mentions",
        (
            ident,
            key,
            kind,
            phase or None,
            json.dumps(sides.split(",") if sides else []),
            sides,
            _giver(sides.split(",") if sides else []),
            first,
            last,
            place["place"] if place else None,
            place["day"] if place else None,
            opener["doc"] if opener else "",
            int(opener["idx"]) if opener else 0,
            int(count),
        ),
    )
    summarize(db, ident, None if bulk else before, money=not bulk)
    return True


def _extend(db: Database, ident: str, added: list[Item]) -> None:
    """Add new mentions (of one article; no stored mention moved) to a stored cluster's row, reading no other."""
    before = row_of(db, ident)
    if before is None:  # pragma: no cover - a stored cluster of the replay always has its row
        raise RuntimeError(f"cluster {ident} has no row")
    first = min(added, key=lambda m: m.pos)
    opened = (_day(before["first_day"]) or dt.date.min, before["first_doc"], int(before["first_idx"]))
    days = [d for d in (before["first_day"], before["last_day"], *(_iso(m.day) for m in added if m.day)) if d]
    place, place_day = before["place"], before["place_day"]
    named = sorted((m for m in added if m.place), key=lambda m: m.pos)
    if named:
        place, place_day = _placed(db, ident, named[0], place, place_day)
    db.execute(
        "UPDATE clusters SET mentions = ?, first_day = ?, last_day = ?, first_doc = ?, first_idx = ?, place = ?,"
        " place_day = ? WHERE id = ?",
        (
            int(before["mentions"]) + len(added),
            min(days, default=None),
            max(days, default=None),
            first.doc if first.pos < opened else before["first_doc"],
            first.idx if first.pos < opened else int(before["first_idx"]),
            place,
            place_day,
            ident,
        ),
    )
    extend(db, ident, first.article_id, before)


def _placed(db: Database, ident: str, named: Item, place: str | None, day: str | None) -> tuple[Any, Any]:
    """A cluster's place and its day once a new mention ``named`` (the earliest new one naming a place) joined."""
    if not place or (named.day and day and named.day < dt.date.fromisoformat(day)):
        return named.place, _iso(named.day) if named.day else None
    if (_iso(named.day) if named.day else None) == day:  # the same day: the first in document, index order
        found = _earliest(db, ident, day, " AND e.place IS NOT NULL AND e.place <> ''")
        return (found["place"] if found else place), day
    return place, day


def _giver(sides: list[str]) -> str | None:
    """The first side when another one takes part (who gives or attacks); "?" when no side is named."""
    if not sides:
        return "?"
    return sides[0] if any(a != sides[0] for a in sides) else None


def _earliest(db: Database, ident: str, day: str | None, extra: str) -> Row | None:
    """The cluster's first mention on ``day`` (undated when None) in document, index order."""
    where = "e.day = ?" if day else "e.day IS NULL"
    rows = db.query(_MENTIONS + f" WHERE e.cluster_id = ? AND {where}{extra}", (ident, day) if day else (ident,))
    return min(rows, key=lambda r: (r["doc"], int(r["idx"])), default=None)


def _retire(db: Database, ident: str, heir: str | None) -> None:
    """A cluster left empty: its id (and the ids merged into it) now name the heir, if it has one."""
    if heir is None:
        db.execute("DELETE FROM cluster_aliases WHERE cluster_id = ?", (ident,))
        return
    db.execute("UPDATE cluster_aliases SET cluster_id = ? WHERE cluster_id = ?", (heir, ident))
    db.execute(
        "INSERT INTO cluster_aliases (alias, cluster_id) VALUES (?, ?) ON CONFLICT (alias) DO UPDATE"
        " SET cluster_id = excluded.cluster_id",
        (ident, heir),
    )


def _iso(day: dt.date) -> str:
    return day.isoformat()
