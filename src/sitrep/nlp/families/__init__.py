"""The event families: one module per event type, each registered with ``@family``.

Importing this package registers every family; a new event type needs its entry in
``sitrep.eventtypes``, its trigger cues in ``lexicons/cues/events.json`` and one module
here (see docs/extending.md).
"""

from sitrep.nlp.families import agreement, aid, attack, meeting, sanction, seize  # noqa: F401  (registers the families)
from sitrep.nlp.families.base import REGISTERED, Family, build_families, family

__all__ = ["REGISTERED", "Family", "build_families", "family"]
