"""Run the statistical model over bounded pieces of text, whatever the length of an article.

spaCy holds the activations of a whole ``nlp.pipe`` batch in memory (about 18 kB per
token with the small English model), so one 100,000-character briefing would take a
process past 700 MB and a one-million-character line past several GB. Here each text
is cut at line breaks (which always end a sentence in Sitrep, see ``sitrep_lines``)
into segments of at most ``SEGMENT_CHARS``; segments of many articles travel in
batches of at most ``BATCH_CHARS``; each article's segments are joined back with
``Doc.from_docs``, whose text is exactly the article's. Sitrep's own components then
see one ``Doc`` per article. Peak memory is bounded by ``BATCH_CHARS``, not by the
longest article, and the cost is linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

SEGMENT_CHARS = 12_000
BATCH_CHARS = 60_000
# Where a text without a usable line break may be cut, best first: after a sentence
# end followed by a capital, then after any run of whitespace.
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[A-Z\"“])")
_SPACE = re.compile(r"\s+")


def _cut_point(text: str, start: int, limit: int) -> int:
    """The end of the segment that begins at ``start``: the last good break before ``start + limit``."""
    end = start + limit
    if end >= len(text):
        return len(text)
    window = text[start + limit // 2 : end]
    newline = window.rfind("\n")
    if newline >= 0:
        return start + limit // 2 + newline + 1
    for pattern in (_SENTENCE_END, _SPACE):
        ends = [match.end() for match in pattern.finditer(window)]
        if ends:
            return start + limit // 2 + ends[-1]
    return end


def cut(text: str, limit: int = SEGMENT_CHARS) -> list[str]:
    """Consecutive pieces of ``text`` (joined, they are ``text``), each at most ``limit`` characters.

    Pieces end after a line break where one lies in the second half of the window,
    else after a sentence end, else after whitespace; a text with none is cut hard.
    """
    pieces = []
    start = 0
    while start < len(text):
        end = _cut_point(text, start, limit)
        pieces.append(text[start:end])
        start = end
    return pieces or [text]


def _batches(texts: Iterable[str], batch_chars: int) -> Iterator[list[list[str]]]:
    """Groups of articles' segment lists holding at most about ``batch_chars`` characters."""
    group: list[list[str]] = []
    chars = 0
    for text in texts:
        segments = cut(text)
        group.append(segments)
        chars += len(text)
        if chars >= batch_chars:
            yield group
            group, chars = [], 0
    if group:
        yield group


def _pipe_group(nlp: Language, group: list[list[str]], disable: list[str], batch_chars: int) -> Iterator[Doc]:
    """The group's articles as ``Doc``s, their segments parsed in sub-batches of ``batch_chars``."""
    flat = [segment for segments in group for segment in segments]
    parsed: list[Doc] = []
    batch: list[str] = []
    chars = 0
    for segment in flat:
        batch.append(segment)
        chars += len(segment)
        if chars >= batch_chars:
            parsed.extend(nlp.pipe(batch, batch_size=len(batch), disable=disable))
            batch, chars = [], 0
    if batch:
        parsed.extend(nlp.pipe(batch, batch_size=len(batch), disable=disable))
    offset = 0
    for segments in group:
        docs = parsed[offset : offset + len(segments)]
        offset += len(segments)
        yield docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def parse(nlp: Language, texts: Iterable[str], disable: list[str], batch_chars: int = BATCH_CHARS) -> Iterator[Doc]:
    """``Doc``s of ``texts`` in order, through ``nlp`` without the pipes in ``disable``.

    Memory is bounded by ``batch_chars`` of segments (plus the finished ``Doc``s of
    one group), however long a single text is.
    """
    for group in _batches(texts, batch_chars):
        yield from _pipe_group(nlp, group, disable, batch_chars)
