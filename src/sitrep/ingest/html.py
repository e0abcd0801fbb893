"""HTML: the article's main text and metadata, extracted with trafilatura."""

from __future__ import annotations

import logging
import re

import trafilatura
from trafilatura.settings import Document

from sitrep.errors import InputError
from sitrep.ingest.frontmatter import host, parse_date
from sitrep.ingest.normalize import normalize, one_line
from sitrep.ingest.parsed import Parsed

logger = logging.getLogger(__name__)

NO_TEXT = "no article text found in the HTML"
#: Nesting depth at which lxml's HTML parser stops building the tree.
MAX_DEPTH = 255
TOO_DEEP = f"the HTML could not be parsed: it is nested too deeply (over {MAX_DEPTH} levels)"
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_SEPARATOR_ROW = re.compile(r"^\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$")
# Dates come from the page's metadata (and URL) only: the NLP layer infers dates from text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def parse_html(html: str, source: str) -> Parsed:
    """Main text (one paragraph per line, blank line between) and metadata of a page."""
    document = _extract(html, source)
    text = _paragraphs(normalize(document.text or ""))
    if not text.strip():
        raise InputError(source, NO_TEXT)
    url = document.url or None
    return Parsed(
        text=text,
        title=_meta(document.title),
        published=parse_date(document.date) if document.date else None,
        url=url,
        outlet=_meta(document.sitename) or host(url),
        author=_meta(document.author),
    )


def _extract(html: str, source: str) -> Document:
    """Run trafilatura; parser failures and an empty result are ``InputError``."""
    try:
        document = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_recall=True,
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except RecursionError:
        raise InputError(source, TOO_DEEP) from None
    # On hostile markup lxml and trafilatura raise many unrelated types (lxml's
    # LxmlError family, ValueError, AssertionError, IndexError ...). Whatever it is,
    # this page cannot be read: say so rather than crash.
    except Exception as exc:
        logger.debug("%s: trafilatura failed", source, exc_info=True)
        raise InputError(source, f"the HTML could not be parsed ({type(exc).__name__})") from None
    if not isinstance(document, Document) or not document.text:
        raise InputError(source, TOO_DEEP if nesting_depth(html) >= MAX_DEPTH else NO_TEXT)
    return document


def nesting_depth(html: str) -> int:
    """The deepest element nesting of ``html``, counted from its tags (void tags skipped)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and name.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _meta(value: str | None) -> str | None:
    """A metadata string on one line, or ``None`` when empty."""
    if not value:
        return None
    return one_line(value) or None


def _paragraphs(text: str) -> str:
    """trafilatura's one-line paragraphs separated by blank lines; list items and rows kept together."""
    out: list[str] = []
    previous = ""
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or _SEPARATOR_ROW.match(line):
            continue
        kind = _kind(line)
        if kind == "row":
            line = " | ".join(cell.strip() for cell in line.strip("|").split("|"))
        if out:
            out.append("\n" if kind == previous and kind != "para" else "\n\n")
        out.append(line)
        previous = kind
    return "".join(out)


def _kind(line: str) -> str:
    """``item`` for a list item, ``row`` for a table row, else ``para``."""
    if line.startswith("- "):
        return "item"
    if line.startswith("|"):
        return "row"
    return "para"
