"""Batch analysis on a Dask distributed cluster: ``sitrep batch``.

Documents are read on the client, skipped when their content hash is already in
the output, sent to the workers in partitions, analyzed there by one pipeline per
worker (``SitrepModel``, a worker plugin), and written back as Parquet shards or
into the store, with every failure recorded per document.
"""

from __future__ import annotations

from sitrep.scale.batch import BatchSummary, run_batch
from sitrep.scale.sinks import ParquetSink, Sink, StoreSink, open_sink
from sitrep.scale.worker import PLUGIN_NAME, SitrepModel, analyze_partition

__all__ = [
    "PLUGIN_NAME",
    "BatchSummary",
    "ParquetSink",
    "Sink",
    "SitrepModel",
    "StoreSink",
    "analyze_partition",
    "open_sink",
    "run_batch",
]
