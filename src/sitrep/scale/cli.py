"""``sitrep batch``: the analysis on a Dask distributed cluster.

``register(group)`` adds it to a command group (``sitrep.cli.main``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from sitrep.errors import SitrepError

log = logging.getLogger(__name__)


@contextmanager
def connect(scheduler: str, workers: int | None, lexicon_dir: str | None) -> Iterator[object]:
    """A ``distributed.Client``: to a new local cluster (``local``) or a running scheduler's address.

    Every worker, present or joining later, gets one Sitrep pipeline (``SitrepModel``).
    """
    from distributed import Client, LocalCluster

    from sitrep.parallel import default_workers
    from sitrep.scale.worker import SitrepModel

    if scheduler == "local":
        n = workers or default_workers()
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        cluster, client = None, Client(scheduler, timeout="30s")
    try:
        client.register_plugin(SitrepModel(lexicon_dir))
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--scheduler",
    default="local",
    show_default=True,
    metavar="tcp://HOST:PORT|local",
    help="A running Dask scheduler, or 'local' for a cluster of worker processes on this machine.",
)
@click.option("--out", required=True, metavar="PARQUET_DIR|DB_URL", help="Parquet folder, or a database (x.db, URL).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Local workers (default: all cores).")
@click.option("--partition-size", type=click.IntRange(min=1), default=32, show_default=True, help="Documents per task.")
@click.option("--text", "text_col", default="text", show_default=True, help="JSONL/CSV field holding the article text.")
@click.option("--title", "title_col", default="title", show_default=True, help="JSONL/CSV field holding the title.")
@click.option("--date", "date_col", default="date", show_default=True, help="JSONL/CSV field holding the date.")
@click.option("--url", "url_col", default="url", show_default=True, help="JSONL/CSV field holding the URL.")
def batch(
    inputs: tuple[str, ...],
    scheduler: str,
    out: str,
    workers: int | None,
    partition_size: int,
    text_col: str,
    title_col: str,
    date_col: str,
    url_col: str,
) -> None:
    """Analyze many articles on a Dask cluster into Parquet shards or a database.

    INPUT is a file, a directory tree, a JSONL or CSV file (fields named by
    --text/--title/--date/--url). Articles whose content hash is already in OUT are
    skipped, so an interrupted run resumes when run again. Failures are recorded
    per document (OUT/failures/ or the rejects table) and give exit code 3.

    \b
    Examples:
      sitrep batch ../shared/corpus/whitehouse/docs --out results/
      sitrep batch --scheduler tcp://10.0.0.5:8786 --out postgresql://sitrep@db/sitrep corpus.jsonl
      sitrep batch --text body --title headline --date date --url link releases.csv --out sitrep.db
    """
    from sitrep.ingest.sources import Columns, iter_sources
    from sitrep.scale.batch import run_batch
    from sitrep.scale.sinks import open_sink

    items = iter_sources(list(inputs), Columns(text=text_col, title=title_col, date=date_col, url=url_col))
    try:
        sink = open_sink(out)
        with connect(scheduler, workers, None) as client:
            summary = run_batch(items, client, sink, partition_size=partition_size)  # type: ignore[arg-type]
        sink.close()
    except SitrepError as exc:
        click.echo(f"sitrep: {exc.source}: {exc.reason}", err=True)
        sys.exit(exc.exit_code)
    for failure in summary.failures:
        click.echo(f"sitrep: {failure.doc}: {failure.reason}", err=True)
    click.echo(summary.line())
    if summary.failed:
        sys.exit(3)


def register(group: click.Group) -> None:
    """Add ``batch`` to ``group``."""
    group.add_command(batch)
