"""Sitrep: turn reporting on war and military aid into sourced, structured facts.

>>> import sitrep
>>> report = sitrep.analyze_text("Russia launched 40 drones at Kyiv overnight, officials said.")
>>> [f["kind"] for f in report.facts()]  # doctest: +SKIP

The analysis functions load spaCy; they are imported on first use, so that importing
``sitrep`` (and running ``sitrep --help``) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitrep.errors import ExtractionError, InputError, NotFound, SitrepError, StoreError
from sitrep.model import Article, Attribution, Entity, Event, Quantity, Report, Sentence, Signal
from sitrep.version import __version__

if TYPE_CHECKING:
    from sitrep.service import analyze, analyze_many, analyze_path, analyze_text

_LAZY = {"analyze", "analyze_many", "analyze_path", "analyze_text"}  # from sitrep.service

__all__ = [
    "Article",
    "Attribution",
    "Entity",
    "Event",
    "ExtractionError",
    "InputError",
    "NotFound",
    "Quantity",
    "Report",
    "Sentence",
    "Signal",
    "SitrepError",
    "StoreError",
    "__version__",
    "analyze",
    "analyze_many",
    "analyze_path",
    "analyze_text",
]


def __getattr__(name: str) -> Any:
    """The analysis functions of :mod:`sitrep.service`, imported (with spaCy) on first use."""
    if name in _LAZY:
        from sitrep import service

        value = getattr(service, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sitrep' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY)
