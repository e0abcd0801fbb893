"""Read an input (path, bytes or text), check it, and build the ``Article``."""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import ftfy

from sitrep.errors import InputError
from sitrep.ingest.decode import binary_kind, decode
from sitrep.ingest.formats import canonical, from_extension, looks_like_markup, sniff
from sitrep.ingest.html import parse_html
from sitrep.ingest.language import identify
from sitrep.ingest.limits import ENV_VARS, MAX_TEXT_CHARS, Limits, format_size
from sitrep.ingest.markdown import parse_markdown
from sitrep.ingest.normalize import line_breaks, normalize, tidy
from sitrep.ingest.parsed import Parsed
from sitrep.ingest.plain import parse_text
from sitrep.model import Article

logger = logging.getLogger(__name__)

_PARSERS: dict[str, Callable[[str, str], Parsed]] = {
    "txt": lambda text, _source: parse_text(text),
    "md": parse_markdown,
    "html": parse_html,
}


def read_path(path: str | Path, *, published: dt.date | None = None, limits: Limits | None = None) -> Article:
    """Read, check and clean the file at ``path``.

    The format comes from the extension (``.txt``/``.text``, ``.md``/``.markdown``,
    ``.html``/``.htm``/``.xhtml``), else from a look at the content. ``published``
    overrides any date in the file's metadata. ``limits`` defaults to
    ``Limits.from_env()``. Raises ``InputError(path, reason)`` for any unusable input.
    """
    source = str(path)
    limits = limits or Limits.from_env()
    data = _read_file(Path(path), source, limits)
    fmt = from_extension(path)
    return _from_bytes(data, source, fmt, published, limits, noun="file")


def read_bytes(
    data: bytes,
    *,
    doc: str,
    fmt: str | None = None,
    published: dt.date | None = None,
    limits: Limits | None = None,
) -> Article:
    """Check, decode and clean ``data`` (standard input, say), named ``doc`` in errors.

    ``fmt`` is ``txt``, ``md``, ``html`` (or an alias such as ``markdown``); ``None``
    or ``auto`` sniffs it from the content.
    """
    limits = limits or Limits.from_env()
    if len(data) > limits.max_bytes:
        raise InputError(doc, _too_large("input", len(data), limits))
    fmt_name = canonical(fmt, doc) if fmt else None
    return _from_bytes(data, doc, fmt_name, published, limits, noun="input")


def read_stream(
    stream: BinaryIO,
    *,
    doc: str = "<stdin>",
    fmt: str | None = None,
    published: dt.date | None = None,
    limits: Limits | None = None,
) -> Article:
    """``read_bytes`` on a binary stream, reading no more than ``max_bytes + 1`` bytes."""
    limits = limits or Limits.from_env()
    try:
        data = stream.read(limits.max_bytes + 1)
    except OSError as exc:
        raise InputError(doc, f"cannot read the input ({exc.strerror or exc})") from None
    if len(data) > limits.max_bytes:
        raise InputError(doc, _over_limit("input", limits))
    return read_bytes(data, doc=doc, fmt=fmt, published=published, limits=limits)


def read_text(
    text: str,
    *,
    doc: str = "<stdin>",
    fmt: str = "txt",
    published: dt.date | None = None,
    limits: Limits | None = None,
) -> Article:
    """Check and clean ``text`` given as a string; ``fmt="auto"`` sniffs the format."""
    limits = limits or Limits.from_env()
    size = _utf8_size(text, limits)
    if size > limits.max_bytes:
        raise InputError(doc, _too_large("input", size, limits))
    fmt_name = canonical(fmt, doc) or sniff(text)
    return _from_text(text, doc, fmt_name, published, limits, noun="input")


def _utf8_size(text: str, limits: Limits) -> int:
    """Size of ``text`` in UTF-8, computed only when the character count leaves doubt."""
    if len(text) > limits.max_bytes or 4 * len(text) <= limits.max_bytes:
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def _read_file(path: Path, source: str, limits: Limits) -> bytes:
    """The file's bytes, after checking it exists, is a file and is not too large."""
    info = _stat(path, source)
    if stat.S_ISDIR(info.st_mode):
        raise InputError(source, "is a directory")
    if stat.S_ISREG(info.st_mode) and info.st_size > limits.max_bytes:
        raise InputError(source, _too_large("file", info.st_size, limits))
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise InputError(source, _os_reason(exc)) from None
    if len(data) > limits.max_bytes:
        raise InputError(source, _over_limit("file", limits))
    return data


def _stat(path: Path, source: str) -> os.stat_result:
    """``os.stat`` with its failures turned into ``InputError``."""
    try:
        return path.stat()
    except OSError as exc:
        raise InputError(source, _os_reason(exc)) from None


def _os_reason(exc: OSError) -> str:
    """A short reason for an operating-system error on a path."""
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied: the file cannot be read"
    return f"cannot read the file ({exc.strerror or exc})"


def _too_large(noun: str, size: int, limits: Limits) -> str:
    """``file is 20.0 MB, over the 5.0 MB limit (SITREP_MAX_BYTES)``."""
    shown, limit = format_size(size), format_size(limits.max_bytes)
    if shown == limit:  # 5.01 MB over a 5.0 MB limit: say it in bytes
        shown, limit = f"{size:,} bytes", f"{limits.max_bytes:,}-byte"
    return f"{noun} is {shown}, over the {limit} limit ({ENV_VARS['max_bytes']})"


def _over_limit(noun: str, limits: Limits) -> str:
    """The size reason when only a lower bound of the size is known."""
    return f"{noun} is over the {format_size(limits.max_bytes)} limit ({ENV_VARS['max_bytes']})"


def _from_bytes(
    data: bytes, source: str, fmt: str | None, published: dt.date | None, limits: Limits, *, noun: str
) -> Article:
    """Refuse empty or binary data, decode it and go on as text."""
    if not data:
        raise InputError(source, f"{noun} is empty")
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(source, f"binary {kind}, not text")
    markup = fmt == "html" or (fmt is None and looks_like_markup(data[:4096].decode("latin-1")))
    text = decode(data, source, markup=markup)
    return _from_text(text, source, fmt or sniff(text), published, limits, noun=noun)


def _from_text(text: str, source: str, fmt: str, published: dt.date | None, limits: Limits, *, noun: str) -> Article:
    """Normalize, check, parse in ``fmt`` and check again what is left."""
    if not text:
        raise InputError(source, f"{noun} is empty")
    if "\x00" in text:
        raise InputError(source, "binary data, not text (contains NUL characters)")
    text = normalize(_repair_mojibake(line_breaks(text), source), strip_trailing=fmt != "md")
    if not text.strip():
        raise InputError(source, f"{noun} contains only whitespace")
    if fmt != "html":
        _check_lines(text, source, limits)
    parsed = _PARSERS[fmt](text, source)
    body = tidy(parsed.text)
    if fmt != "txt":
        _check_paragraphs(body, source, limits)
    _check_length(body, source, limits)
    _check_language(body, source)
    return _article(parsed, body, source, fmt, published)


def _repair_mojibake(text: str, source: str) -> str:
    """Undo mojibake (UTF-8 read as cp1252 and the like: ``â€™`` back to ``’``) with ftfy.

    Runs after line breaks are unified, so that a NEL (U+0085) is never taken for a
    cp1252 ellipsis.
    """
    repaired = ftfy.fix_encoding(text)
    if repaired != text:
        logger.warning("%s: mojibake repaired (text that had been decoded with the wrong encoding)", source)
    return repaired


def _check_lines(text: str, source: str, limits: Limits) -> None:
    """Refuse a line longer than ``max_line_chars``, naming its number."""
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > limits.max_line_chars:
            raise InputError(source, f"line {number} is {_line_limit(len(line), limits)}")


def _check_paragraphs(text: str, source: str, limits: Limits) -> None:
    """Refuse a cleaned paragraph longer than ``max_line_chars``."""
    longest = max(map(len, text.split("\n")), default=0)
    if longest > limits.max_line_chars:
        raise InputError(source, f"a paragraph of the cleaned text is {_line_limit(longest, limits)}")


def _line_limit(length: int, limits: Limits) -> str:
    """``250,000 characters long, over the 200,000-character limit (SITREP_MAX_LINE_CHARS)``."""
    return (
        f"{length:,} characters long, over the {limits.max_line_chars:,}-character limit ({ENV_VARS['max_line_chars']})"
    )


def _check_length(text: str, source: str, limits: Limits) -> None:
    """Refuse a text with fewer than ``min_chars`` characters, or more than the pipeline takes."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            source,
            f"text is {len(text):,} characters long after cleaning, over the analyzer's "
            f"{MAX_TEXT_CHARS:,}-character limit",
        )
    if len(text) < limits.min_chars:
        raise InputError(
            source,
            f"too short to analyze: {len(text)} characters of text, at least {limits.min_chars} "
            f"needed ({ENV_VARS['min_chars']})",
        )


def _check_language(text: str, source: str) -> None:
    """Refuse text that is not English; accept, with a warning, text too short to tell."""
    language = identify(text)
    if language is None:
        logger.warning("%s: too little text to identify its language; taken as English", source)
    elif language != "en":
        raise InputError(source, f"text is not English (detected: {language})")


def _article(parsed: Parsed, body: str, source: str, fmt: str, published: dt.date | None) -> Article:
    """The ``Article``; the caller's ``published`` wins over the metadata's."""
    return Article(
        text=body,
        doc=source,
        title=parsed.title,
        published=published or parsed.published,
        url=parsed.url,
        outlet=parsed.outlet,
        author=parsed.author,
        fmt=fmt,
        language="en",
    )


__all__ = ["read_bytes", "read_path", "read_stream", "read_text"]
