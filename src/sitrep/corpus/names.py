"""What pages and commands call an article: never the machine path it was read from."""

from __future__ import annotations


def file_name(doc: str) -> str:
    """The last part of a path or URL (``/srv/in/a.txt`` -> ``a.txt``; a CSV row ``feed.csv:12`` stays whole)."""
    return doc.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or doc


def article_name(title: str | None, outlet: str | None, doc: str) -> str:
    """An article's title, else its outlet, else its file name."""
    return title or outlet or file_name(doc)
