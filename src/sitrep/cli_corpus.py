"""Corpus commands: ingest into a database, reprocess, rejects, cross-article queries, trackers, exports.

``register(group)`` adds them to a command group (``sitrep.cli.main``).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from sitrep.cli_options import day, db_option, workers_option
from sitrep.cli_paging import Paging, emit_page, paging_options
from sitrep.corpus.export_tables import FORMATS as EXPORT_FORMATS
from sitrep.corpus.export_tables import TABLES as EXPORT_TABLES
from sitrep.errors import SitrepError
from sitrep.eventtypes import EVENT_TYPES
from sitrep.store.db import Database

FORMATS = click.Choice(["table", "csv", "json"])


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format", "fmt", type=FORMATS, default="table", show_default=True, help="Terminal table, CSV or JSON."
    )(func)


@contextmanager
def opened(db_url: str, write: bool = False) -> Iterator[Database]:
    """The database, with store errors turned into one line on stderr and exit code 4.

    Commands that ``write`` bring the schema up to date; the others only check its version.
    """
    try:
        with Database(db_url, migrate=write) as db:
            yield db
    except SitrepError as exc:
        click.echo(f"sitrep: {exc.source}: {exc.reason}", err=True)
        sys.exit(exc.exit_code)


class Progress:
    """A progress bar on stderr with position, ETA and the rate of documents analyzed.

    Inputs skipped (already stored) or refused move the bar but not the rate, so a
    resumed run shows how fast analysis goes rather than how fast skipping goes.
    """

    def __init__(self, total: int, label: str) -> None:
        self.started = time.monotonic()
        self.done = 0
        self.bar = click.progressbar(
            length=total,
            label=label,
            file=sys.stderr,
            show_eta=True,
            show_pos=True,
            item_show_func=self._rate,
        )

    def _rate(self, _item: Any) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        return f"{self.done / elapsed:.2f} docs/s"

    def warn(self, source: str, reason: str) -> None:
        """``sitrep: INPUT: reason`` on a line of its own above the bar, which is drawn again below it."""
        if sys.stderr.isatty():
            click.echo("\r\033[K", err=True, nl=False)  # clear the bar's line first
        _warn(source, reason)
        self.bar.render_progress()

    def tick(self, doc: str, analyzed: bool = True) -> None:
        """One input done; ``analyzed`` false for one skipped or refused."""
        self.done += analyzed
        self.bar.update(1, doc)

    def __enter__(self) -> Progress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(None, None, None)


def _warn(source: str, reason: str) -> None:
    """One line on stderr for an input refused or failed: ``sitrep: INPUT: reason``."""
    click.echo(f"sitrep: {source}: {reason}", err=True)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--text", "text_col", default="text", show_default=True, help="JSONL/CSV field holding the article text.")
@click.option("--title", "title_col", default="title", show_default=True, help="JSONL/CSV field holding the title.")
@click.option("--date", "date_col", default="date", show_default=True, help="JSONL/CSV field holding the date.")
@click.option("--url", "url_col", default="url", show_default=True, help="JSONL/CSV field holding the URL.")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on stderr.")
@click.option("--batch-size", default=16, show_default=True, help="Articles analyzed together (spaCy nlp.pipe).")
@workers_option
def ingest(
    sources: tuple[str, ...],
    db_url: str,
    text_col: str,
    title_col: str,
    date_col: str,
    url_col: str,
    progress: bool,
    batch_size: int,
    workers: int | None,
) -> None:
    """Analyze articles into a database; already stored articles are skipped.

    SOURCE is a file (.txt, .md, .html), a directory tree of them, a JSONL or CSV
    file (one article per record, fields named by --text/--title/--date/--url), an
    RSS/Atom feed (.rss, .atom, .xml or an http(s) URL), a WARC archive (.warc,
    .warc.gz) or '-' for stdin. Refused inputs are stored with their reason (sitrep rejects).
    An interrupted run resumes where it stopped when run again.

    \b
    Example:
      sitrep ingest ../shared/corpus/whitehouse/docs
      sitrep ingest --text body --title headline --date date --url link ../shared/corpus/presidential-releases/*.csv
    """
    from sitrep.corpus.ingest import IngestSummary
    from sitrep.corpus.ingest import ingest as run_ingest
    from sitrep.ingest.sources import Columns, count_inputs, iter_sources
    from sitrep.parallel import default_workers

    workers = workers or default_workers()
    columns = Columns(text=text_col, title=title_col, date=date_col, url=url_col)
    items = iter_sources(list(sources), columns)
    summary = IngestSummary()
    with opened(db_url, write=True) as db:
        total = count_inputs(list(sources), columns)
        try:
            if progress:
                with Progress(total, "ingest") as bar:
                    summary = run_ingest(
                        db, items, tick=bar.tick, batch_size=batch_size, workers=workers, warn=bar.warn
                    )
            else:
                summary = run_ingest(db, items, batch_size=batch_size, workers=workers, warn=_warn)
        except KeyboardInterrupt:
            click.echo("sitrep: interrupted; run the same command again to resume", err=True)
            sys.exit(130)
    click.echo(summary.line())
    if summary.failed:
        sys.exit(3)


@click.command()
@db_option
@format_option
@paging_options
def rejects(db_url: str, fmt: str, paging: Paging) -> None:
    """List the inputs that ingest refused, with the reason and time (latest first).

    Shows 50 rows (--limit, --offset); --all streams every one.

    \b
    Example:
      sitrep rejects --db sitrep.db
    """
    from sitrep.store.counts import counts

    sql = "SELECT input, reason, rejected_at FROM rejects ORDER BY rejected_at DESC, input"
    with opened(db_url) as db:
        rows: Iterable[dict[str, Any]]
        if paging.every:
            rows, total = db.stream(sql), 0
        else:
            rows, total = db.query(sql + " LIMIT ? OFFSET ?", (paging.limit, paging.offset)), counts(db)["rejects"]
        emit_page(rows, fmt, paging, total, "rejects")


@click.command()
@db_option
@click.option("--all", "everything", is_flag=True, help="Re-analyze every article, not only those of other versions.")
@workers_option
def reprocess(db_url: str, everything: bool, workers: int | None) -> None:
    """Re-analyze stored articles whose pipeline version differs from this one.

    \b
    Example:
      sitrep reprocess --db sitrep.db
    """
    from sitrep.corpus.ingest import reprocess as run_reprocess
    from sitrep.corpus.ingest import stale_articles
    from sitrep.parallel import default_workers
    from sitrep.version import __version__

    with opened(db_url, write=True) as db:
        ids = stale_articles(db, "" if everything else __version__)
        with Progress(len(ids), "reprocess") as bar:
            done, failed = run_reprocess(db, ids, tick=bar.tick, workers=workers or default_workers())
    click.echo(f"{done} re-analyzed with pipeline {__version__}, {failed} failed")
    if failed:
        sys.exit(3)


@click.command()
@db_option
def recluster(db_url: str) -> None:
    """Rebuild the event clusters (and the claims per source) of a store from its stored facts.

    For a store loaded in bulk, or after a change of the clustering rules: every id that still
    names the same cluster is kept, the ids of clusters merged into another resolve to it.

    \b
    Example:
      sitrep recluster --db sitrep.db
    """
    from sitrep.store import claims_sql
    from sitrep.store.clusters_sql import recluster as rebuild

    started = time.monotonic()
    with opened(db_url, write=True) as db:
        mentions = int(db.scalar("SELECT COUNT(*) FROM events") or 0)
        clusters = rebuild(db)
        claims_sql.rebuild(db)
    click.echo(f"{clusters} clusters of {mentions} event mentions in {time.monotonic() - started:.1f} s")


@click.command()
@db_option
@format_option
@paging_options
@click.option("--type", "event_type", metavar="TYPE", help="One of " + ", ".join(EVENT_TYPES) + ".")
@click.option("--actor", metavar="CODE", help="A side taking part (ISO code such as USA, or NATO, EU).")
@click.option("--since", callback=day, metavar="DATE", help="Events on or after this day (YYYY-MM-DD).")
@click.option("--until", callback=day, metavar="DATE", help="Events on or before this day (YYYY-MM-DD).")
@click.option("--place", metavar="NAME", help="Events whose place contains NAME.")
def events(
    db_url: str,
    fmt: str,
    paging: Paging,
    event_type: str | None,
    actor: str | None,
    since: Any,
    until: Any,
    place: str | None,
) -> None:
    """Real-world events clustered across articles, latest first: first report, sources, independent sources.

    Shows 50 events (--limit, --offset); --all streams every one. --format json adds every mention with
    its sentence.

    \b
    Example:
      sitrep events --type AID --actor USA --since 2022-02-24
      sitrep events --all --format csv > events.csv
    """
    from sitrep.corpus import cluster_queries as found
    from sitrep.corpus.queries import EventFilter, cluster_row

    flt = EventFilter(type=event_type, actor=actor, since=since, until=until, place=place)
    limit, offset = paging.limit, paging.offset
    with opened(db_url) as db:
        total = 0 if paging.every else found.count_clusters(db, flt)
        rows: Iterable[dict[str, Any]]
        if fmt == "json":  # with every mention
            clusters = (
                found.stream_clusters(db, flt, late_first=True)
                if paging.every
                else found.select_clusters(db, flt, limit, offset, late_first=True)
            )
            rows = (cluster_row(c, detail=True) for c in clusters)
        elif paging.every:
            rows = found.stream_summary_rows(db, flt, late_first=True)
        else:
            rows = found.summary_rows(db, flt, limit, offset, late_first=True)
        if fmt == "table":
            rows = ({k: v for k, v in r.items() if k not in ("cluster", "last_day")} for r in rows)
        emit_page(rows, fmt, paging, total, "events")


@click.command()
@db_option
@format_option
@paging_options
@click.option("--source", metavar="NAME", help="List the claims of the sources whose name contains NAME.")
def claims(db_url: str, fmt: str, paging: Paging, source: str | None) -> None:
    """Who says what: sources by claims, or each claim of one source with its sentence (latest first).

    A source groups its spellings ("Zelensky", "Zelenskyy", a transcript's "ZELENSKYY")
    under one name; first and last seen are the publication dates its articles state.
    Shows 50 rows (--limit, --offset); --all streams every one.

    \b
    Example:
      sitrep claims --source Zelenskyy
    """
    from sitrep.corpus import claims as found

    flt = found.ClaimFilter(source)
    limit, offset = paging.limit, paging.offset
    with opened(db_url) as db:
        rows: Iterable[dict[str, Any]]
        if flt.any:
            total, noun = (0 if paging.every else found.count_claims(db, flt)), "claims"
            rows = (
                found.stream_claims(db, flt, latest=True)
                if paging.every
                else found.claims_of(db, flt, limit, offset, latest=True)
            )
        else:
            total, noun = (0 if paging.every else found.count_sources(db, flt)), "sources"
            rows = found.stream_sources(db, flt) if paging.every else found.sources(db, flt, limit, offset)
        if fmt == "table":
            rows = ({k: v for k, v in r.items() if k not in _CLAIMS_TABLE_OMITS} for r in rows)
        emit_page(rows, fmt, paging, total, noun)


_CLAIMS_TABLE_OMITS = ("key", "article_id", "via", "outlet")


@click.group()
def tracker() -> None:
    """Trackers over the whole store: aid (donor × category × phase), strikes (per day), territory (per place).

    \b
    Example:
      sitrep tracker aid --format csv > aid.csv
      sitrep tracker strikes
      sitrep tracker territory --since 2025-06-01
    """


@tracker.command("aid")
@db_option
@format_option
@paging_options
@click.option("--unknown-donors", is_flag=True, help="Also list aid whose giver was not named (donor '?').")
def tracker_aid(db_url: str, fmt: str, paging: Paging, unknown_donors: bool) -> None:
    """Aid per month (latest first), donor, category and phase, each event counted once.

    Only aid from a named donor to another side counts; running totals ("since
    February 24") are left out. Shows 50 rows (--limit, --offset); --all streams every one.

    \b
    Example:
      sitrep tracker aid --all --format csv > aid.csv
    """
    from sitrep.store import aid_sql

    with opened(db_url) as db:
        rows: Iterable[dict[str, Any]]
        if paging.every:
            rows, total = aid_sql.stream(db, unknown_donors, latest=True), 0
        else:
            rows = aid_sql.tracker(db, unknown_donors, paging.limit, paging.offset, latest=True)
            total = aid_sql.count(db, unknown_donors)
        emit_page(rows, fmt, paging, total, "rows")


@tracker.command("strikes")
@db_option
@format_option
@paging_options
def tracker_strikes(db_url: str, fmt: str, paging: Paging) -> None:
    """Per day (latest first), attacker and category: launched and intercepted, the highest figure reported.

    Shows 50 rows (--limit, --offset); --all streams every one.

    \b
    Example:
      sitrep tracker strikes --format json
    """
    from sitrep.store import strikes_sql

    with opened(db_url) as db:
        rows: Iterable[dict[str, Any]]
        if paging.every:
            rows, total = strikes_sql.stream(db, latest=True), 0
        else:
            rows, total = strikes_sql.tracker(db, paging.limit, paging.offset, latest=True), strikes_sql.count(db)
        emit_page(rows, fmt, paging, total, "rows")


@tracker.command("territory")
@db_option
@format_option
@paging_options
@click.option("--since", callback=day, metavar="DATE", help="Places taken on or after this day (YYYY-MM-DD).")
@click.option("--until", callback=day, metavar="DATE", help="Places taken on or before this day (YYYY-MM-DD).")
def tracker_territory(db_url: str, fmt: str, paging: Paging, since: Any, until: Any) -> None:
    """Per day (latest first) and place: who took it, who lost it, the area (km²), who claims it and the sources.

    Each row is one SEIZE event clustered across articles ("captured the village of X",
    "retook Y", "regained 400 square kilometers"); claims of both sides are listed as reported.
    Shows 50 rows (--limit, --offset); --all streams every one.

    \b
    Example:
      sitrep tracker territory --since 2025-06-01 --format csv > territory.csv
    """
    from sitrep.corpus import territory as found

    with opened(db_url) as db:
        rows: Iterable[dict[str, Any]]
        if paging.every:
            rows, total = found.stream_territory(db, since, until), 0
        else:
            rows = found.territory_page(db, since, until, paging.limit, paging.offset)
            total = found.count_takings(db, since, until)
        if fmt == "table":
            rows = ({k: v for k, v in r.items() if k != "cluster"} for r in rows)
        emit_page(rows, fmt, paging, total, "rows")


@click.command()
@db_option
@format_option
@paging_options
def conflicts(db_url: str, fmt: str, paging: Paging) -> None:
    """The same quantity of the same event reported with different values (30 vs 32 Patriot missiles).

    Latest day first; shows 50 rows (--limit, --offset); --all streams every one.

    \b
    Example:
      sitrep conflicts --format json
    """
    from sitrep.store import conflicts_sql

    with opened(db_url) as db:
        rows: Iterable[dict[str, Any]]
        if paging.every:
            rows, total = conflicts_sql.stream(db, latest=True), 0
        else:
            rows = conflicts_sql.conflicts(db, None, paging.limit, paging.offset, latest=True)
            total = conflicts_sql.count(db)
        if fmt == "table":
            rows = ({k: v for k, v in r.items() if k != "quotes"} for r in rows)
        emit_page(rows, fmt, paging, total, "conflicts")


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="csv", show_default=True)
@click.option(
    "--table",
    "tables",
    multiple=True,
    type=click.Choice(list(EXPORT_TABLES)),
    help="Tables to export (repeatable; default: all). acled: ACLED-like event table; plover: PLOVER-like records.",
)
@click.option(
    "--out",
    default="sitrep-export",
    show_default=True,
    metavar="DIR",
    help="Folder for NAME.csv|jsonl|parquet; '-' writes one CSV/JSONL table to stdout.",
)
def export_cmd(db_url: str, fmt: str, tables: tuple[str, ...], out: str) -> None:
    """Export the store as CSV, JSON Lines or Parquet, with an ACLED-like event table.

    \b
    Example:
      sitrep export --format parquet --out exports/
      sitrep export --table acled --out - > acled.csv
    """
    from pathlib import Path

    from sitrep.corpus.export import export, table_rows, write_rows
    from sitrep.corpus.export_tables import TABLES

    chosen = list(tables or TABLES)
    with opened(db_url) as db:
        if out == "-":
            if fmt == "parquet" or len(chosen) != 1:
                raise click.UsageError("--out - writes exactly one --table as csv or jsonl")
            write_rows(table_rows(db, chosen[0]), fmt, sys.stdout)
            return
        for path, count in export(db, chosen, fmt, Path(out)):
            click.echo(f"{count:>8,}  {path}")


def register(group: click.Group) -> None:
    """Add the corpus commands (ingest, rejects, reprocess, recluster, events, claims, tracker, conflicts, export)
    to ``group``."""
    for command in (ingest, rejects, reprocess, recluster, events, claims, tracker, conflicts, export_cmd):
        group.add_command(command)
