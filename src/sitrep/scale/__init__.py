"""Batch analysis on a Dask distributed cluster: ``sitrep batch``.

Documents are read on the client, skipped when their content hash is already in
the output, sent to the workers in partitions, analyzed there by one pipeline per
worker (``SitrepModel``, a worker plugin), and written back as Parquet shards or
into the store, with every failure recorded per document.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitrep.scale.batch import BatchSummary, run_batch
    from sitrep.scale.sinks import ParquetSink, Sink, StoreSink, open_sink
    from sitrep.scale.worker import PLUGIN_NAME, SitrepModel, analyze_partition

#: Where each public name lives. They are imported on first use: Dask distributed and
#: pyarrow are slow to import, and ``sitrep --help`` imports this package's ``cli``.
_HOMES = {
    "BatchSummary": "batch",
    "run_batch": "batch",
    "ParquetSink": "sinks",
    "Sink": "sinks",
    "StoreSink": "sinks",
    "open_sink": "sinks",
    "PLUGIN_NAME": "worker",
    "SitrepModel": "worker",
    "analyze_partition": "worker",
}

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


def __getattr__(name: str) -> Any:
    """A public name of ``batch``, ``sinks`` or ``worker``, imported with its module on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'sitrep.scale' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"sitrep.scale.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
