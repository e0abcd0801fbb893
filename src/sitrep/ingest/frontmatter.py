"""YAML front matter of Markdown files: split it off, load it safely, read its fields."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any
from urllib.parse import urlsplit

import yaml

from sitrep.errors import InputError

logger = logging.getLogger(__name__)

_OPENING = re.compile(r"\A---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

DATE_KEYS = ("date", "published_time", "published", "pubdate", "date_published")
URL_KEYS = ("source_url", "url", "canonical_url", "link")
AUTHOR_KEYS = ("author", "authors", "byline")
OUTLET_KEYS = ("outlet", "site", "site_name", "sitename", "publisher", "source")


class _Loader(yaml.SafeLoader):
    """``SafeLoader`` that keeps timestamps as written, so no time zone shifts a date."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    """Construct a YAML timestamp as its source string."""
    assert isinstance(node, yaml.ScalarNode)
    return str(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def has_front_matter(text: str) -> bool:
    """True when ``text`` opens with a front matter block: a ``---`` line, later closed."""
    opening = _OPENING.match(text)
    return opening is not None and _CLOSING.search(text, opening.end()) is not None


def split(text: str, source: str) -> tuple[dict[str, Any], str]:
    """``(fields, body)``: the parsed front matter and the rest (``({}, text)`` without one)."""
    opening = _OPENING.match(text)
    if opening is None:
        return {}, text
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        raise InputError(source, "front matter block is not closed by a '---' line")
    fields = _load(text[opening.end() : closing.start()], source)
    return fields, text[closing.end() + 1 :]


def _load(block: str, source: str) -> dict[str, Any]:
    """The front matter as a mapping; malformed YAML is an ``InputError``."""
    try:
        data = yaml.load(block, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise InputError(source, f"malformed YAML front matter: {_yaml_problem(exc)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(source, "front matter is not a mapping of keys to values")
    return {str(key).lower(): value for key, value in data.items()}


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """One line saying what YAML disliked and where (line numbers of the file)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        problem = exc.problem or exc.context or "syntax error"
        mark = exc.problem_mark or exc.context_mark
        return f"{problem} (line {mark.line + 2})" if mark is not None else problem
    return str(exc).splitlines()[0]


def text_field(fields: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first of ``keys`` holding text (or a list of texts, joined with commas)."""
    for key in keys:
        value = fields.get(key)
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value if isinstance(item, (str, int)))
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


def date_field(fields: dict[str, Any], source: str) -> dt.date | None:
    """The publication date from the first date key that holds an ISO date."""
    for key in DATE_KEYS:
        value = fields.get(key)
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and value.strip():
            parsed = parse_date(value)
            if parsed is not None:
                return parsed
            logger.warning("%s: front matter %s %r is not an ISO date; ignored", source, key, value)
    return None


def parse_date(value: str) -> dt.date | None:
    """The calendar date a string starting with ``YYYY-MM-DD`` names, as written."""
    match = _ISO_DATE.match(value.strip())
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def host(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, or ``None``."""
    if not url:
        return None
    try:
        name = urlsplit(url).hostname
    except ValueError:
        return None
    return name.removeprefix("www.") if name else None
