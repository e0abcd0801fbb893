"""Plain text: keep the lines as they are and spot a headline."""

from __future__ import annotations

import re

from sitrep.ingest.normalize import tidy
from sitrep.ingest.parsed import Parsed

MAX_TITLE_CHARS = 300
# A line ends a sentence when its last visible character, before closing quotes or
# brackets, is sentence-final punctuation.
_SENTENCE_END = re.compile(r"[.!?\u2026;:][\"'\u2019\u201d\u00bb)\]]*$")


def parse_text(text: str) -> Parsed:
    """Plain text: the text itself (blank-line runs collapsed) and its headline, if any."""
    text = tidy(text)
    return Parsed(text=text, title=headline(text))


def headline(text: str) -> str | None:
    """The first line when it stands alone above a blank line and does not end a sentence."""
    lines = text.split("\n", 2)
    if len(lines) < 3 or lines[1].strip():
        return None
    first = lines[0].strip()
    if not first or len(first) > MAX_TITLE_CHARS or _SENTENCE_END.search(first):
        return None
    return first
