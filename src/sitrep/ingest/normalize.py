"""Character-level clean-up shared by every format."""

from __future__ import annotations

import re
import unicodedata

# Line and paragraph separators that are not "\n": vertical tab, form feed, file/group/
# record separators, NEL, and the Unicode line/paragraph separators.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Control characters (C0, DEL, C1) except tab and newline, lone surrogates, and
# invisible characters that only get in the way: zero-width space, word joiner,
# BOM/zero-width no-break space and soft hyphen.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\u200b\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2007\u202f]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize(text: str, *, strip_trailing: bool = True) -> str:
    """Newlines to ``\\n``, no BOM, NFC, no control characters, no trailing spaces.

    Non-breaking spaces become plain spaces. Line structure is otherwise kept.
    ``strip_trailing=False`` keeps trailing spaces (Markdown hard breaks).
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    return _TRAILING.sub("", text) if strip_trailing else text


def line_breaks(text: str) -> str:
    """Every line or paragraph separator (``\\r\\n``, ``\\r``, NEL, U+2028 ...) as ``\\n``."""
    return _LINE_BREAKS.sub("\n", text)


def tidy(text: str) -> str:
    """Collapse runs of blank lines to one and trim blank lines at both ends."""
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


def one_line(text: str) -> str:
    """Normalize a metadata value (title, author) to a single line with single spaces."""
    return " ".join(normalize(text).split())
