"""Articles inside containers: RSS/Atom feeds (feedparser) and WARC web archives (warcio).

A feed entry becomes an article from its full content (else its summary), with the
entry's title, link and date and the feed's title as outlet. A WARC archive yields
one article per HTML response record, read through the HTML reader. Items are named
``FILE#ID`` (the entry's id or link, the record's target URI) so rejects point at them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest.limits import Limits
from sitrep.ingest.reader import read_bytes, read_text
from sitrep.model import Article

log = logging.getLogger(__name__)

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(p|div|li|h[1-6]|blockquote|tr)>")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def is_feed(source: str) -> bool:
    return Path(source).suffix.lower() in FEED_SUFFIXES


def iter_feed(source: str, limits: Limits) -> Iterator[Article | InputError]:
    """One item per entry of the RSS/Atom feed at ``source`` (a file, or a URL feedparser fetches)."""
    import feedparser

    parsed: Any = feedparser.parse(source)
    if parsed.get("bozo") and not parsed.entries:
        yield InputError(source, f"not a readable feed ({parsed.get('bozo_exception')})")
        return
    outlet = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries):
        doc = f"{source}#{entry.get('id') or entry.get('link') or index}"
        yield _entry_article(entry, doc, outlet, limits)


def _entry_article(entry: Any, doc: str, outlet: str | None, limits: Limits) -> Article | InputError:
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else entry.get("summary", "")
    text = html_to_text(html or "")
    if not text.strip():
        return InputError(doc, "feed entry has no text")
    try:
        article = read_text(text, doc=doc, fmt="txt", limits=limits)
    except InputError as exc:
        return exc
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    return dataclasses.replace(
        article,
        title=entry.get("title") or None,
        url=entry.get("link") or None,
        outlet=outlet,
        published=dt.date(when.tm_year, when.tm_mon, when.tm_mday) if when else None,
    )


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element."""
    import lxml.html

    if "<" not in html:
        return html
    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n\n", html)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except Exception:  # noqa: BLE001 - malformed markup: fall back to dropping the tags
        return re.sub(r"<[^>]+>", " ", marked)
    text: str = root.text_content()
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def iter_warc(path: Path, limits: Limits) -> Iterator[Article | InputError]:
    """One item per HTML response (or resource) record of a WARC/ARC file."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot read the file ({exc.strerror or exc})")
        return
    found = 0
    with handle:
        try:
            for record in ArchiveIterator(handle, arc2warc=True):
                item = _record_article(path, record, limits)
                if item is not None:
                    found += 1
                    yield item
        except Exception as exc:  # noqa: BLE001 - a truncated archive ends the file, not the run
            yield InputError(str(path), f"broken WARC archive ({type(exc).__name__}: {exc})")
            return
    if not found:
        yield InputError(str(path), "no HTML pages in the archive")


def _record_article(path: Path, record: Any, limits: Limits) -> Article | InputError | None:
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.http_headers is not None:
        kind = record.http_headers.get_header("Content-Type") or ""
        status = record.http_headers.get_statuscode() or ""
    else:
        kind, status = record.rec_headers.get_header("Content-Type") or "", "200"
    if "html" not in kind.lower() or not status.startswith("2"):
        return None
    doc = f"{path}#{uri}"
    try:
        article = read_bytes(record.content_stream().read(), doc=doc, fmt="html", limits=limits)
    except InputError as exc:
        return exc
    return dataclasses.replace(article, url=article.url or uri or None)


def count_items(path: Path) -> int:
    """How many entries a feed file has, or how many records a WARC file has (an upper bound)."""
    if is_feed(str(path)):
        import feedparser

        return max(1, len(feedparser.parse(str(path)).entries))
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as handle:
        return max(1, sum(1 for r in ArchiveIterator(handle, arc2warc=True) if r.rec_type in ("response", "resource")))
