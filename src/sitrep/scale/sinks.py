"""Where ``sitrep batch`` puts its results: Parquet shards in a folder, or the store (a DB URL).

Both know which texts are finished with which edition (the date the input states), so a
re-run skips them; the same text with another date is another document. Parquet shards
are named by a hash of their documents and written to a temporary name first, then
renamed: a run killed mid-write leaves no half shard, and a re-run that redoes a
partition overwrites the same shard instead of adding a copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.model import Article, Report
from sitrep.store.writer import edition

log = logging.getLogger(__name__)

REPORTS_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("doc", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("published", pa.string()),
        ("published_inferred", pa.bool_()),
        ("pipeline_version", pa.string()),
        ("n_sentences", pa.int32()),
        ("n_facts", pa.int32()),
        ("facts", pa.string()),
        ("report", pa.string()),
    ]
)
FAILURES_SCHEMA = pa.schema(
    [("id", pa.string()), ("doc", pa.string()), ("stage", pa.string()), ("reason", pa.string()), ("at", pa.string())]
)
DB_PREFIXES = ("postgresql://", "postgres://", "sqlite:///")
DB_SUFFIXES = (".db", ".sqlite", ".sqlite3")


@dataclass(frozen=True)
class Failure:
    """A document that was refused (``stage`` "input") or could not be analyzed ("analysis")."""

    doc: str
    stage: str
    reason: str
    id: str | None = None


class Sink(Protocol):
    """A destination for a batch run's results."""

    def is_done(self, ident: str, edition: str) -> bool: ...

    def skipped(self, article: Article) -> None: ...

    def write(self, results: list[tuple[str, Report]], failures: list[Failure]) -> None: ...

    def close(self) -> None: ...


def is_db_url(out: str) -> bool:
    return out.startswith(DB_PREFIXES) or out.lower().endswith(DB_SUFFIXES)


def open_sink(out: str) -> Sink:
    """A ``StoreSink`` for a database URL or ``*.db`` file, otherwise a ``ParquetSink`` folder."""
    return StoreSink(out) if is_db_url(out) else ParquetSink(Path(out))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _report_row(ident: str, report: Report) -> dict[str, Any]:
    from sitrep.render.jsonout import report_dict

    article, facts = report.article, report.facts()
    return {
        "id": ident,
        "doc": article.doc,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "published_inferred": article.published_inferred,
        "pipeline_version": report.pipeline_version,
        "n_sentences": len(report.sentences),
        "n_facts": len(facts),
        "facts": json.dumps(facts, ensure_ascii=False),
        "report": json.dumps(report_dict(report), ensure_ascii=False),
    }


class ParquetSink:
    """``OUT/reports/part-*.parquet`` (one row per article) and ``OUT/failures/part-*.parquet``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for name in ("reports", "failures"):
            (root / name).mkdir(parents=True, exist_ok=True)
        self.done = self._finished_ids()
        log.info("%s: %d documents already analyzed", root, len(self.done))

    def _finished_ids(self) -> set[tuple[str, str]]:
        done: set[tuple[str, str]] = set()
        for shard in sorted((self.root / "reports").glob("part-*.parquet")):
            table = pq.read_table(shard, columns=["id", "published", "published_inferred"]).to_pylist()
            done.update((r["id"], "" if r["published_inferred"] else r["published"] or "") for r in table)
        return done

    def is_done(self, ident: str, edition: str) -> bool:
        return (ident, edition) in self.done

    def skipped(self, article: Article) -> None:
        return None

    def write(self, results: list[tuple[str, Report]], failures: list[Failure]) -> None:
        if results:
            rows = [_report_row(ident, report) for ident, report in results]
            self._shard("reports", pa.Table.from_pylist(rows, schema=REPORTS_SCHEMA), [r["id"] for r in rows])
            self.done.update((ident, edition(report.article)) for ident, report in results)
        if failures:
            rows = [{"id": f.id, "doc": f.doc, "stage": f.stage, "reason": f.reason, "at": _now()} for f in failures]
            table = pa.Table.from_pylist(rows, schema=FAILURES_SCHEMA)
            self._shard("failures", table, [f"{f.doc}\0{f.id}" for f in failures])

    def _shard(self, kind: str, table: pa.Table, keys: list[str]) -> None:
        digest = hashlib.sha256("\n".join(sorted(keys)).encode("utf-8")).hexdigest()[:20]
        path = self.root / kind / f"part-{digest}.parquet"
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        pq.write_table(table, temporary, compression="zstd")
        os.replace(temporary, path)
        log.debug("wrote %s (%d rows)", path, table.num_rows)

    def close(self) -> None:
        return None


class StoreSink:
    """Sitrep's store (SQLite file or PostgreSQL URL): each report in its own transaction, failures as rejects."""

    def __init__(self, url: str) -> None:
        from sitrep.store import open_db

        self.db = open_db(url)

    def is_done(self, ident: str, edition: str) -> bool:
        from sitrep.store import has_article

        return has_article(self.db, ident, edition)

    def skipped(self, article: Article) -> None:
        from sitrep.store.writer import link_republication

        link_republication(self.db, article)

    def write(self, results: list[tuple[str, Report]], failures: list[Failure]) -> None:
        from sitrep.store import save_reject, save_report

        for _ident, report in results:
            save_report(self.db, report)
        for failure in failures:
            save_reject(self.db, failure.doc, failure.reason)

    def close(self) -> None:
        self.db.close()
