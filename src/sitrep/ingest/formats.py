"""Which format an input is in: from its name, from the caller, or from a look at it."""

from __future__ import annotations

import re
from pathlib import PurePath

from sitrep.errors import InputError
from sitrep.ingest.frontmatter import has_front_matter

FORMATS = ("txt", "md", "html")
#: Format names and file extensions (without the dot) the caller may use.
ALIASES: dict[str, str] = {
    "txt": "txt",
    "text": "txt",
    "md": "md",
    "markdown": "md",
    "mdown": "md",
    "mkd": "md",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
}
_MARKUP_START = re.compile(
    r"\A\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml|<!--|<meta|<article|<div)", re.IGNORECASE
)
_HTML_TAG = re.compile(r"<(?:html|head|body|article|div|p|span|a|br|h[1-6]|ul|li|table)\b[^>]*>", re.IGNORECASE)
_MIN_TAGS = 3
SNIFF_CHARS = 4096


def from_extension(path: PurePath | str) -> str | None:
    """The format a file name's extension announces, or ``None`` for any other extension."""
    return ALIASES.get(PurePath(path).suffix.lower().lstrip("."))


def canonical(fmt: str, source: str) -> str | None:
    """``txt``, ``md`` or ``html`` for a format name; ``None`` for ``auto``.

    An unknown name is an ``InputError``.
    """
    name = fmt.strip().lower().lstrip(".")
    if name == "auto":
        return None
    if name not in ALIASES:
        raise InputError(source, f"unknown format {fmt!r} (expected txt, md or html)")
    return ALIASES[name]


def looks_like_markup(head: str) -> bool:
    """True when the start of a text reads as an HTML page or fragment."""
    head = head[:SNIFF_CHARS]
    return bool(_MARKUP_START.match(head)) or len(_HTML_TAG.findall(head)) >= _MIN_TAGS


def sniff(text: str) -> str:
    """Guess the format of a text without a name: HTML, Markdown with front matter, else text."""
    head = text.lstrip("\ufeff")[:SNIFF_CHARS]
    if looks_like_markup(head):
        return "html"
    if has_front_matter(head.replace("\r\n", "\n")):
        return "md"
    return "txt"
