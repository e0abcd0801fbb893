"""Drive a batch run: stream inputs, skip finished work, keep a bounded window of partitions on the cluster."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from distributed import Client, Future, wait

from sitrep.corpus.fresh import fresh_articles
from sitrep.errors import ExtractionError, InputError
from sitrep.model import Article, Report
from sitrep.scale.sinks import Failure, Sink
from sitrep.scale.worker import analyze_partition

log = logging.getLogger(__name__)

Item = Article | InputError
Partition = list[tuple[str, Article]]
Tick = Callable[[int], None]
Results = list[Report | ExtractionError]
Task = Future[Results]


@dataclass
class BatchSummary:
    """What one run did."""

    analyzed: int = 0
    skipped: int = 0
    failed: int = 0
    refused: int = 0
    failures: list[Failure] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.analyzed} analyzed, {self.skipped} already done, {self.failed} failed, {self.refused} refused"


def run_batch(
    items: Iterable[Item],
    client: Client,
    sink: Sink,
    *,
    partition_size: int = 32,
    window: int | None = None,
    batch_size: int = 16,
    tick: Tick | None = None,
) -> BatchSummary:
    """Analyze the new articles among ``items`` on ``client``'s cluster into ``sink``.

    At most ``window`` partitions (default: twice the workers) are in flight, so
    neither the client nor the cluster ever holds the whole corpus.
    """
    summary = BatchSummary()
    window = window or 2 * max(1, len(client.scheduler_info().get("workers", {})))
    flight: dict[Task, Partition] = {}
    for partition in _partitions(_fresh(items, sink, summary), partition_size):
        flight[client.submit(analyze_partition, [a for _, a in partition], batch_size, pure=False)] = partition
        if len(flight) >= window:
            _drain(flight, sink, summary, tick, "FIRST_COMPLETED")
    _drain(flight, sink, summary, tick, "ALL_COMPLETED")
    return summary


def _fresh(items: Iterable[Item], sink: Sink, summary: BatchSummary) -> Iterator[tuple[str, Article]]:
    """``(content hash, article)`` of each article not yet in ``sink``; refused inputs recorded on the way."""

    def refused(error: InputError) -> None:
        failure = Failure(error.source, "input", error.reason)
        sink.write([], [failure])
        summary.refused += 1
        summary.failures.append(failure)

    def skipped(article: Article) -> None:
        sink.skipped(article)
        summary.skipped += 1

    return fresh_articles(items, sink.is_done, refused, skipped)


def _partitions(articles: Iterator[tuple[str, Article]], size: int) -> Iterator[Partition]:
    partition: Partition = []
    for pair in articles:
        partition.append(pair)
        if len(partition) >= size:
            yield partition
            partition = []
    if partition:
        yield partition


def _drain(flight: dict[Task, Partition], sink: Sink, summary: BatchSummary, tick: Tick | None, until: str) -> None:
    """Wait for partitions (the first one, or all) and write what they found."""
    if not flight:
        return
    finished = wait(list(flight), return_when=until).done
    for future in finished:
        partition = flight.pop(future)
        _record(partition, _results(future, partition), sink, summary)
        if tick:
            tick(len(partition))


def _results(future: Task, partition: Partition) -> Results:
    """The partition's results; a partition lost as a whole (a worker killed again and again) fails each article."""
    try:
        results: Results = future.result()
    except Exception as exc:  # noqa: BLE001 - a lost partition is recorded per document, the run goes on
        log.warning("partition of %d documents failed: %s", len(partition), exc)
        return [ExtractionError(a.doc, f"analysis failed: {type(exc).__name__}: {exc}") for _, a in partition]
    finally:
        future.release()
    return results


def _record(partition: Partition, results: Results, sink: Sink, summary: BatchSummary) -> None:
    reports: list[tuple[str, Report]] = []
    failures: list[Failure] = []
    for (ident, _), result in zip(partition, results, strict=True):
        if isinstance(result, Report):
            reports.append((ident, result))
        else:
            failures.append(Failure(result.source, "analysis", result.reason, ident))
    sink.write(reports, failures)
    summary.analyzed += len(reports)
    summary.failed += len(failures)
    summary.failures.extend(failures)
