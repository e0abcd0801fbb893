"""Lines that credit the journalists or the photographer, not a source: bylines ("By Jo Li and
Ann Roe"), reporting credits ("Ann Roe contributed reporting") and photo captions. The attribution
component credits no sentence of such a line."""

from __future__ import annotations

import re

from spacy.tokens import Span

from sitrep.nlp.quotations import Paragraphs

# Lines that credit the journalists or the photographer, not a source.
NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
BYLINE = re.compile(rf"\s*By\s+{NAME}(?:\s*(?:,|and)\s*{NAME})*\s*$")
CREDIT = re.compile(
    r"contributed (?:reporting|research|to (?:this|the) (?:report|story|article))"
    r"|^\W*(?:additional )?(?:reporting|writing|editing|research) by\b",
    re.IGNORECASE,
)
CAPTION = re.compile(
    r"^\s*(?:(?:[Ff]ile )?[Pp]hoto(?:graph)?s?|[Ii]mages?|[Pp]ictures?|[Vv]ideo|[Cc]aption)(?: by)?\s*[:|]"
    r"|\b(?:REUTERS|AFP|AP Photo|Getty Images|EPA(?:-EFE)?|ANADOLU|Shutterstock)\s*/\s*[A-Z]|\((?:Photo|Image) by "
)


def credit_line(lines: Paragraphs, sent: Span, seen: dict[int, bool]) -> bool:
    """A sentence of a byline, a reporting credit or a photo caption: no one's claim (``seen`` keeps the
    verdict of each line, so a long paragraph is searched once, not once per sentence)."""
    index = lines.index(sent.start_char)
    if index not in seen:
        start, end = lines.bounds(index)
        line = lines.text[start:end]
        seen[index] = bool(CAPTION.search(line) or CREDIT.search(line) or BYLINE.match(line))
    return seen[index]
