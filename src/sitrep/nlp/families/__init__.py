"""The event families: one module per event type, each registered with ``@family``.

Importing this package imports every module in it, which registers every family: a new
event type needs its entry in ``sitrep.eventtypes``, its trigger cues in
``lexicons/cues/events.json`` and one module here (see docs/extending.md), nothing else.
"""

import importlib
import pkgutil

from sitrep.nlp.families.base import REGISTERED, Family, build_families, family

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

# The names this package exports (Python, not words).
__all__ = ["REGISTERED", "Family", "build_families", "family"]
