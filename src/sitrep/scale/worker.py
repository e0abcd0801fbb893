"""What runs on a Dask worker: one pipeline per worker process, and the partition task."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from distributed import WorkerPlugin, get_worker
from spacy.language import Language

from sitrep.errors import ExtractionError
from sitrep.model import Article, Report

log = logging.getLogger(__name__)

PLUGIN_NAME = "sitrep-model"


class SitrepModel(WorkerPlugin):
    """Builds Sitrep's pipeline once when a worker starts (or joins), off the event loop."""

    name = PLUGIN_NAME

    def __init__(self, lexicon_dir: str | None = None) -> None:
        self.lexicon_dir = lexicon_dir
        self.nlp: Language | None = None

    async def setup(self, worker: Any) -> None:
        from sitrep.nlp.pipeline import get_nlp

        self.nlp = await asyncio.get_running_loop().run_in_executor(None, get_nlp, self.lexicon_dir)
        log.info("worker %s: Sitrep pipeline loaded", getattr(worker, "address", "?"))


def _pipeline() -> Language:
    """The worker's pipeline from the plugin, or the process-wide one when there is no plugin."""
    from sitrep.nlp.pipeline import get_nlp

    try:
        plugin = get_worker().plugins.get(PLUGIN_NAME)
    except ValueError:  # not inside a worker
        plugin = None
    nlp = getattr(plugin, "nlp", None)
    return nlp if isinstance(nlp, Language) else get_nlp()


def analyze_partition(articles: list[Article], batch_size: int = 16) -> list[Report | ExtractionError]:
    """Dask task: the results of a partition's articles, in order; a failing article yields its error."""
    from sitrep.service import analyze_results

    return list(analyze_results(articles, nlp=_pipeline(), batch_size=batch_size))
