"""Sitrep: turn reporting on war and military aid into sourced, structured facts.

>>> import sitrep
>>> report = sitrep.analyze_text("Russia launched 40 drones at Kyiv overnight, officials said.")
>>> [f["kind"] for f in report.facts()]  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from sitrep.errors import ExtractionError, InputError, NotFound, SitrepError, StoreError
from sitrep.model import Article, Attribution, Entity, Event, Quantity, Report, Sentence, Signal
from sitrep.service import analyze, analyze_many, analyze_path, analyze_text

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
