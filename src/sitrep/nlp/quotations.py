"""Quotations in a text: where they are, and how a run of them hangs together.

News prints a speaker's words as quotations that run over several sentences and often
over several paragraphs: a paragraph that continues a quotation opens with a quote mark and
leaves the one before it unclosed; a second quotation in the same paragraph carries no speech
tag of its own ("“We are ready,” she said. “The talks start Monday.”"). This module finds the
quotations (curly, straight, doubled-apostrophe and guillemet marks) and tells which ones
continue an earlier one, so that the attribution component can credit the whole run to the
speaker named once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

# Curly quotes may run over paragraphs (the convention for a quotation of several paragraphs);
# straight and doubled-apostrophe quotes may not, since their marks cannot tell open from close. A curly
# opening mark closed by a straight one (“We are ready," she said: an editor's slip) ends there.
QUOTE_PAIRS = re.compile(r"“[^”\"]{3,}?[”\"]|\"[^\"\n]{3,}?\"|''(?!')[^\n]{3,}?(?<!')''|«[^»]{3,}?»")
# A paragraph of quoted words left open: it continues into the next paragraph.
OPEN_PARAGRAPH = re.compile(r"^[ \t]*[“\"]([^”\"\n]{3,})$", re.MULTILINE)
# A paragraph opened by a closing mark where an opening one belongs (an editor's slip: ”We won.” ― Jo Li),
# closed on the same line: a quotation all the same.
WRONG_OPEN = re.compile(r"^[ \t]*”([^“”\n]{3,})”", re.MULTILINE)
# A credit line right after a quotation: "“...” ― Jane Doe" (a dash and a name).
DASH_AFTER = re.compile(r"[ \t]*[―—–-]{1,2}[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})")
MIN_QUOTE_WORDS = 4
# A transcript's speaker label: "WALLACE:", "SEN. SMITH:" at the start of a paragraph.
TURN = re.compile(r"[ \t]*[“\"]?((?:[A-Z][A-Z.'’-]+[ \t]){0,2}[A-Z][A-Z.'’-]+):[ \t]+\S")
# A turn goes on over the unlabelled paragraphs up to the next turn when it is at most this many lines away.
MAX_TURN_GAP = 8
# Capitalised run-in labels of pages and transcripts that name no speaker (grammar of the format, not a lexicon).
NOT_SPEAKERS = frozenset({"Q", "A", "UPDATE", "NOTE", "EDITOR'S NOTE", "WATCH", "READ", "VIDEO", "PHOTOS", "RELATED"})


@dataclass(frozen=True)
class Quotation:
    """A quotation at characters [start, end) of the text, marks included."""

    start: int
    end: int
    paragraph: int  # index of the line (paragraph) where it opens
    opens_paragraph: bool  # nothing but blanks before it on its line
    closes_paragraph: bool  # nothing but blanks (or a full stop) after it on its line


def find_quotations(text: str) -> list[tuple[int, int]]:
    """Character ranges of quotations, marks included, in text order."""
    found = [(m.start(), m.end()) for m in QUOTE_PAIRS.finditer(text)]
    for pattern in (OPEN_PARAGRAPH, WRONG_OPEN):
        taken = [start for start, _ in found]
        for m in pattern.finditer(text):
            start = m.start(1) - 1
            index = bisect_right(taken, start) - 1
            if index < 0 or found[index][1] <= start:
                found.append((start, m.end()))
        found.sort()
    return found


class Paragraphs:
    """Lines of a text (one paragraph a line), for placing characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def index(self, char: int) -> int:
        """The index of the line that holds ``char``."""
        return bisect_right(self.starts, char) - 1

    def bounds(self, index: int) -> tuple[int, int]:
        start = self.starts[index]
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)
        return start, end

    def next_with_text(self, index: int) -> int | None:
        """The nearest line after ``index`` that is not blank."""
        for i in range(index + 1, len(self.starts)):
            start, end = self.bounds(i)
            if self.text[start:end].strip():
                return i
        return None

    def previous_with_text(self, index: int) -> int | None:
        """The nearest line before ``index`` that is not blank."""
        for i in range(index - 1, -1, -1):
            start, end = self.bounds(i)
            if self.text[start:end].strip():
                return i
        return None


def speaker_turns(lines: Paragraphs) -> list[tuple[str, tuple[int, int]]]:
    """A transcript's turns: paragraphs opened by a speaker label in capitals ("SMITH: ...") used at least
    twice in the text, each with the characters of its words; a paragraph with no label between two turns
    goes on with the turn before it (not a stage direction such as "(CROSSTALK.)")."""
    found: list[tuple[int, str, tuple[int, int]]] = []
    for index in range(len(lines.starts)):
        start, end = lines.bounds(index)
        m = TURN.match(lines.text, start, end)
        if m is not None:
            found.append((index, m.group(1).strip(), (m.end(), end)))
    counts = Counter(name for _, name, _ in found)
    turns = [(i, name, chars) for i, name, chars in found if counts[name] >= 2 and name not in NOT_SPEAKERS]
    result = []
    for n, (index, name, chars) in enumerate(turns):
        result.append((name.title(), chars))
        following = turns[n + 1][0] if n + 1 < len(turns) else index + 1
        if following - index > MAX_TURN_GAP:
            continue  # two labels far apart: a page's run-in labels, not one exchange
        for later in range(index + 1, following):
            start, end = lines.bounds(later)
            words = lines.text[start:end].strip(' \t"“”')
            if words and not (words.startswith("(") and words.endswith(")")) and not TURN.match(lines.text, start, end):
                result.append((name.title(), (start, end)))
    return result


def quotations(lines: Paragraphs, spans: list[tuple[int, int]]) -> list[Quotation]:
    """The quotations of ``spans`` long enough to be speech (not a name or scare quote), placed in paragraphs."""
    text = lines.text
    found = []
    for start, end in spans:
        if len(text[start:end].split()) < MIN_QUOTE_WORDS:
            continue
        paragraph = lines.index(start)
        line_start, _ = lines.bounds(paragraph)
        _, line_end = lines.bounds(lines.index(max(start, end - 1)))
        before = text[line_start:start]
        after = text[end:line_end]
        found.append(Quotation(start, end, paragraph, not before.strip(), not after.strip(" \t.")))
    return found


def continues(lines: Paragraphs, quote: Quotation, last: Quotation | None) -> bool:
    """True when ``quote`` goes on with the words of ``last``, the quotation credited before it.

    It does in the same paragraph, and in a paragraph that opens with it right after the paragraph
    where ``last`` stood (the reporter names the speaker once for a run of quoted paragraphs).
    """
    if last is None:
        return False
    last_paragraph = lines.index(max(last.start, last.end - 1))
    if quote.paragraph == last_paragraph:
        return True
    return quote.opens_paragraph and lines.previous_with_text(quote.paragraph) == last_paragraph


def dash_credit(text: str, quote: Quotation) -> tuple[int, int] | None:
    """The characters of a name credited by a dash right after the quotation ("” ― Jane Doe")."""
    m = DASH_AFTER.match(text, quote.end)
    return (m.start(1), m.end(1)) if m else None
