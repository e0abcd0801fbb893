"""Export the store as CSV, JSONL or Parquet: the raw tables, the event clusters, an ACLED-like
event table and PLOVER-like event records, so Sitrep joins the datasets analysts already use.

The ACLED and PLOVER codes of each event type come from the registry (``sitrep.eventtypes``);
a SEIZE is ACLED's "Government regains territory" when the side taking control is the place's
own country, else "Non-state actor overtakes territory".
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from sitrep.corpus.clusters import Cluster
from sitrep.corpus.export_tables import RAW_TABLES
from sitrep.corpus.figures import quantity_reports
from sitrep.corpus.places import resolve
from sitrep.corpus.queries import event_clusters
from sitrep.eventtypes import Acled, EventSpec, EventType, Plover, acled_sub_event, spec
from sitrep.store.db import Database, Row

log = logging.getLogger(__name__)


#: The coding of a type the registry does not know (a store written by another version).
_UNKNOWN_ACLED = Acled("Strategic developments")


def _entry(type_: str) -> EventSpec | None:
    try:
        return spec(type_)
    except (KeyError, ValueError):
        return None


def _acled_types(c: Cluster, country: str | None) -> tuple[str, str]:
    """ACLED event_type and sub_event_type of a cluster (``country``: that of its place)."""
    entry = _entry(c.type)
    phase = c.phase or c.first_report.phase
    if entry is None:
        return _UNKNOWN_ACLED.event_type, f"{c.type.title()} {phase or ''}".strip()
    taker = c.actors[0] if c.actors else None
    return entry.acled.event_type, acled_sub_event(c.type, taker, country, phase)


def _plover(type_: str) -> Plover:
    entry = _entry(type_)
    return entry.plover if entry else Plover(type_)


def table_rows(db: Database, name: str) -> list[dict[str, Any]]:
    """The rows of one exported table."""
    if name in RAW_TABLES:
        columns = "id, doc, title, url, outlet, author, published, fmt, pipeline_version, ingested_at, n_sentences"
        select = columns if name == "articles" else "*"
        return db.query(f"SELECT {select} FROM {name}")
    if name == "clusters":
        from sitrep.corpus.cluster_queries import summary_rows

        return summary_rows(db)
    clusters = event_clusters(db)
    if name == "acled":
        return acled_rows(db, clusters)
    if name == "plover":
        return [plover_record(c) for c in clusters]
    raise ValueError(f"no table {name!r}")


def _precision(c: Cluster) -> int:
    """ACLED time_precision: 1 a day, 2 a week, 3 a month (or only the publication date)."""
    date = c.first_report.date or ""
    return 2 if "-W" in date else 1 if len(date) == 10 else 3


def _fatalities(db: Database) -> dict[str, float]:
    """Per cluster, the largest number killed any report gives."""
    most: dict[str, float] = {}
    for r in quantity_reports(db, EventType.ATTACK):
        if r.measure == "killed":
            most[r.cluster] = max(most.get(r.cluster, 0.0), r.value)
    return most


_GEO_PRECISION = {"city": 1, "region": 2, "country": 3}  # ACLED geo_precision codes


def _stored_places(db: Database) -> dict[tuple[str, int], Row]:
    """The places resolved at ingest, per event (article id, index)."""
    rows = db.query(
        "SELECT article_id, idx, lat, lon, admin, country, geo_precision FROM events WHERE geo_precision IS NOT NULL"
    )
    return {(r["article_id"], r["idx"]): r for r in rows}


def _geo(c: Cluster, stored: dict[tuple[str, int], Row]) -> dict[str, Any]:
    """ACLED's place columns of a cluster: its first placed mention as stored, else resolved now."""
    placed = next((m for m in c.mentions if m.place), None)
    row = stored.get((placed.article_id, placed.idx)) if placed else None
    if row is None:
        place = resolve(c.place, c.actors)
        row = vars(place) | {"geo_precision": place.precision} if place else {}
    return {
        "admin1": row.get("admin"),
        "country": row.get("country"),
        "latitude": row.get("lat"),
        "longitude": row.get("lon"),
        "geo_precision": _GEO_PRECISION.get(row.get("geo_precision") or ""),
    }


def _sub_event(c: Cluster, phase: str | None) -> str:
    """ACLED's sub-event type (for SEIZE it needs the state of the place, not known here yet: the
    side taking control is treated as foreign, "Non-state actor overtakes territory")."""
    return acled_sub_event(c.type, c.actors[0] if c.actors else None, None, c.phase or phase)


def acled_rows(db: Database, clusters: Iterable[Cluster]) -> list[dict[str, Any]]:
    """One row per event cluster in ACLED's column names, with the place resolved at ingest."""
    killed = _fatalities(db)
    stored = _stored_places(db)
    rows = []
    for c in clusters:
        first = c.first_report
        day = c.first_day.isoformat() if c.first_day else None
        geo = _geo(c, stored)
        event_type, sub_event_type = _acled_types(c, geo["country"])
        rows.append(
            {
                "event_id_cnty": c.id,
                "event_date": day,
                "year": int(day[:4]) if day else None,
                "time_precision": _precision(c),
                "event_type": event_type,
                "sub_event_type": sub_event_type,
                "actor1": c.actors[0] if c.actors else None,
                "actor2": c.actors[1] if len(c.actors) > 1 else None,
                "country": geo["country"],
                "admin1": geo["admin1"],
                "location": c.place,
                "latitude": geo["latitude"],
                "longitude": geo["longitude"],
                "geo_precision": geo["geo_precision"],
                "source": "; ".join(c.sources),
                "notes": first.quote,
                "fatalities": int(killed.get(c.id, 0)),
                "independent_sources": c.independent,
                "articles": c.articles,
                "area_km2": c.area_km2,
            }
        )
    return rows


def plover_record(c: Cluster) -> dict[str, Any]:
    """A PLOVER-like event record: event_type, mode, actor, recipient, date, location, anchor quote."""
    first = c.first_report
    coding = _plover(c.type)
    return {
        "id": c.id,
        "event_type": coding.event_type,
        "mode": coding.mode,
        "context": c.phase or first.phase,
        "actor": c.actors[0] if c.actors else None,
        "recipient": c.actors[1] if len(c.actors) > 1 else None,
        "date": c.first_day.isoformat() if c.first_day else None,
        "location": c.place,
        "anchor_quote": first.quote,
        "source": first.doc,
        "sources": c.sources,
        "area_km2": c.area_km2,
    }


def write_rows(rows: list[dict[str, Any]], fmt: str, target: Path | IO[str]) -> None:
    """Write rows as CSV, JSON Lines or Parquet to a path (or, for CSV/JSONL, a text stream)."""
    if fmt == "parquet":
        if not isinstance(target, Path):
            raise ValueError("Parquet is written to a file, not a stream")
        _parquet(rows, target)
        return
    writer: Callable[[list[dict[str, Any]], IO[str]], None] = _csv if fmt == "csv" else _jsonl
    if isinstance(target, Path):
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer(rows, handle)
    else:
        writer(rows, target)


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict, tuple)) else value


def _csv(rows: list[dict[str, Any]], handle: IO[str]) -> None:
    if not rows:
        return
    out = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
    out.writeheader()
    out.writerows(
        {k: ";".join(map(str, v)) if isinstance(v, (list, tuple)) else _flat(v) for k, v in row.items()} for row in rows
    )


def _jsonl(rows: list[dict[str, Any]], handle: IO[str]) -> None:
    for row in rows:
        handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _parquet(rows: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    flat = [{k: _flat(v) for k, v in row.items()} for row in rows]
    table = pa.Table.from_pylist(flat) if flat else pa.table({})
    pq.write_table(table, path)


def export(db: Database, tables: Iterable[str], fmt: str, folder: Path) -> list[tuple[Path, int]]:
    """Write each table to ``folder/NAME.EXT``; the files written and their row counts."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in tables:
        rows = table_rows(db, name)
        path = folder / f"{name}.{fmt}"
        write_rows(rows, fmt, path)
        log.info("wrote %d rows to %s", len(rows), path)
        written.append((path, len(rows)))
    return written
