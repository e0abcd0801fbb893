"""Blocks of a crawled page that are not the story: "Related stories" lists and runs of link bait.

A news page keeps, between or after the paragraphs of the story, lists of other stories'
titles under an opener such as "Related", "More from Europe" or "Most read". Each title in such
a list reads like a heading or a sentence of the story, so it is found here as a block: the
opener line and the short lines that follow it, up to the next paragraph of prose. A run of
three or more short lines that each carry a link-bait phrase is a block as well. An opener
followed by a single title is a teaser for one story ("Related:" and its title): a heading, not a block.

A crawled page also keeps the text of its controls on lines of their own ("Copy Link", "Sign Up",
"Something is loading.") and the forms that ask for an e-mail address: ``widget_lines`` finds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# The line that opens a block of other stories' titles (the whole line, an optional colon).
OPENER = re.compile(
    r"\s*(?:related(?: stories| articles| content| coverage| news| reading)?|more (?:from|on|about) [^\n]{1,40}"
    r"|more (?:stories|news|coverage)|read (?:more|also|next)|also read|see also|you (?:may|might) also like"
    r"|recommended(?: for you| stories)?|most (?:read|popular|viewed|shared)|trending(?: now| stories)?"
    r"|top stories|latest (?:news|stories)|what to read next|editor'?s picks|don't miss)\s*:?\s*",
    re.IGNORECASE,
)
# The end of a sentence of prose: titles and list items go without a full stop.
FULL_STOP = re.compile(r"[.!][\"”'’)]?\s*$")
MAX_TITLE_WORDS = 20
MIN_PROSE_WORDS = 6
MIN_BAIT_RUN = 3


def _lines(text: str) -> Iterator[tuple[int, int]]:
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            yield m.start(), m.end()


def _is_title(line: str) -> bool:
    """A short line that can be a story's title or a list item (not a paragraph of prose)."""
    words = len(line.split())
    return words <= MAX_TITLE_WORDS and (words < MIN_PROSE_WORDS or not FULL_STOP.search(line))


MAX_WIDGET_WORDS = 40
# What is left of a line once its punctuation and spacing are taken off, to compare with a control's label.
LABEL_JUNK = re.compile(r"[^\w'’ ]+")


def page_blocks(text: str, bait: list[str]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The lines of related-story blocks and link-bait runs, and the lines of single-story teasers."""
    lines = list(_lines(text))
    found: list[tuple[int, int]] = []
    teasers: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        start, end = lines[i]
        if OPENER.fullmatch(text[start:end]):
            block = [lines[i]]
            i += 1
            while i < len(lines) and _is_title(text[lines[i][0] : lines[i][1]]):
                block.append(lines[i])
                i += 1
            (teasers if len(block) == 2 else found).extend(block)
            continue
        run = i
        while run < len(lines) and _baits(text[lines[run][0] : lines[run][1]], bait):
            run += 1
        if run - i >= MIN_BAIT_RUN:
            found.extend(lines[i:run])
        i = max(run, i + 1)
    return found, teasers


def widget_lines(text: str, labels: frozenset[str], phrases: list[str]) -> list[tuple[int, int]]:
    """Lines that are a page's controls: the whole line one of ``labels`` ("Copy Link"), or a short line
    with one of ``phrases`` ("By clicking Sign up, you agree to ...")."""
    found: list[tuple[int, int]] = []
    for start, end in _lines(text):
        line = text[start:end]
        label = " ".join(LABEL_JUNK.sub(" ", line).lower().split())
        lower = line.lower().replace("’", "'")
        if label in labels or (len(line.split()) <= MAX_WIDGET_WORDS and any(p in lower for p in phrases)):
            found.append((start, end))
    return found


def is_credit(line: str, phrases: list[str]) -> bool:
    """A photo, translation or reporting credit ("Jane Doe/AFP via Getty Images", "With files from ...")."""
    lower = line.lower().replace(" /", "/")
    return _is_title(line) and any(p in lower for p in phrases)


def _baits(line: str, bait: list[str]) -> bool:
    lower = line.lower()
    return _is_title(line) and any(cue in lower for cue in bait)
