"""Analyze articles on a pool of worker processes, streaming, in input order.

Each worker is a fresh interpreter (``spawn``: never a fork of a process that has
loaded models) that builds the pipeline once in its initializer and then analyzes
chunks of articles with ``nlp.pipe``. Reports and errors are picklable frozen
values, so they come back as they are. At most ``workers * inflight`` chunks are
in flight at any time: memory stays flat however long the input is.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from spacy.language import Language

from sitrep.errors import ExtractionError
from sitrep.model import Article, Report

log = logging.getLogger(__name__)

Result = Report | ExtractionError
Chunk = list[Article]
Task = tuple[Chunk, "Future[list[Result]]", ProcessPoolExecutor]

_worker_nlp: Language | None = None


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def _init_worker(lexicon_dir: str | None) -> None:
    """Pool initializer: build the pipeline once per worker process."""
    from sitrep.nlp.pipeline import get_nlp

    global _worker_nlp  # noqa: PLW0603 - one pipeline per worker process, by design
    _worker_nlp = get_nlp(lexicon_dir)


def _analyze_chunk(articles: Chunk, batch_size: int) -> list[Result]:
    """Worker task: the results of one chunk, in order."""
    from sitrep.service import analyze_results

    return list(analyze_results(articles, nlp=_worker_nlp, batch_size=batch_size))


def _chunks(articles: Iterable[Article], size: int, max_chars: int) -> Iterator[Chunk]:
    """Chunks of at most ``size`` articles that stop growing once they hold ``max_chars`` characters.

    A worker's memory peaks with the text of one ``nlp.pipe`` batch (spaCy's parser holds
    about 18 kB per token), so long briefings travel in smaller chunks than short releases.
    """
    chunk: Chunk = []
    chars = 0
    for article in articles:
        chunk.append(article)
        chars += len(article.text)
        if len(chunk) >= size or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def analyze_parallel(
    articles: Iterable[Article],
    workers: int | None = None,
    *,
    chunk_size: int | None = None,
    chunk_chars: int = 100_000,
    batch_size: int = 16,
    inflight: int = 4,
    lexicon_dir: str | None = None,
) -> Iterator[Result]:
    """Like ``sitrep.service.analyze_results``, on ``workers`` processes (default: all cores).

    With ``workers == 1``, or input that fits in one chunk, it runs in this process:
    starting a pool would cost more than it saves. Chunks hold at most ``chunk_size``
    (default ``batch_size``) articles and stop growing at ``chunk_chars`` characters; ``workers * inflight``
    chunks are in flight at most.
    """
    workers = workers or default_workers()
    chunks = _chunks(articles, chunk_size or batch_size, chunk_chars)
    head = list(islice(chunks, workers))
    if not head:
        return  # nothing to analyze: no model to load
    if workers == 1 or len(head) < 2:
        from sitrep.nlp.pipeline import get_nlp
        from sitrep.service import analyze_results

        stream = (a for chunk in _chain(head, chunks) for a in chunk)
        yield from analyze_results(stream, nlp=get_nlp(lexicon_dir), batch_size=batch_size)
        return
    pool = _Pool(len(head), batch_size, lexicon_dir)
    try:
        yield from pool.run(_chain(head, chunks), workers * inflight)
    finally:
        pool.close()


def _chain(head: list[Chunk], rest: Iterator[Chunk]) -> Iterator[Chunk]:
    yield from head
    yield from rest


class _Pool:
    """A spawn-context process pool that survives a crashed worker (its chunk is reported failed)."""

    def __init__(self, workers: int, batch_size: int, lexicon_dir: str | None) -> None:
        self.workers = workers
        self.batch_size = batch_size
        self.lexicon_dir = lexicon_dir
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        log.info("starting %d analysis workers", self.workers)
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.lexicon_dir,),
        )

    def submit(self, chunk: Chunk) -> Task:
        try:
            return chunk, self.executor.submit(_analyze_chunk, chunk, self.batch_size), self.executor
        except BrokenProcessPool:
            self._restart(self.executor)
            return chunk, self.executor.submit(_analyze_chunk, chunk, self.batch_size), self.executor

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        """Replace the pool once, whichever of its in-flight chunks notices first."""
        if broken is not self.executor:
            return
        log.warning("a worker process died; restarting the pool")
        broken.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def run(self, chunks: Iterator[Chunk], window: int) -> Iterator[Result]:
        """Submit chunks keeping at most ``window`` in flight; yield their results in input order."""
        queue: deque[Task] = deque()
        for chunk in chunks:
            queue.append(self.submit(chunk))
            if len(queue) >= window:
                yield from self._collect(*queue.popleft())
        while queue:
            yield from self._collect(*queue.popleft())

    def _collect(self, chunk: Chunk, future: Future[list[Result]], executor: ProcessPoolExecutor) -> list[Result]:
        """The chunk's results; every article of a chunk lost with a dead worker is reported failed."""
        try:
            return future.result()
        except BrokenProcessPool as exc:
            self._restart(executor)
            return [ExtractionError(a.doc, f"analysis failed: worker process died ({exc})") for a in chunk]
        except Exception as exc:  # one bad chunk must not sink the run
            log.exception("chunk of %d articles failed", len(chunk))
            return [ExtractionError(a.doc, f"analysis failed: {type(exc).__name__}: {exc}") for a in chunk]

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
