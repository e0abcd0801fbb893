"""The articles of an input stream that still need analysis, shared by ``ingest`` and ``batch``.

An article is identified by the hash of its text (``store.writer.article_id``) and its
edition (the publication date its input states, ``store.writer.edition``); one already
finished (in the store or the Parquet shards) or already seen in this run is skipped,
and a refused input is handed to the caller to record. Inputs are read one at a time,
in order, so a resumed run walks the same way and memory stays flat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from sitrep.errors import InputError
from sitrep.model import Article
from sitrep.store.writer import article_id, edition


def fresh_articles(
    items: Iterable[Article | InputError],
    is_done: Callable[[str, str], bool],
    on_refused: Callable[[InputError], None],
    on_skipped: Callable[[Article], None],
) -> Iterator[tuple[str, Article]]:
    """``(content hash, article)`` of each article not done yet; refused and skipped inputs go to the callbacks.

    ``is_done(content hash, edition)`` says whether that text is finished with that edition.
    """
    seen: set[tuple[str, str]] = set()
    for item in items:
        if isinstance(item, InputError):
            on_refused(item)
            continue
        ident = article_id(item.text)
        key = (ident, edition(item))
        if key in seen or is_done(*key):
            on_skipped(item)
            continue
        seen.add(key)
        yield ident, item
