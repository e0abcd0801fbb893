"""Sentence-boundary component: a line break always ends a sentence.

Runs before the parser, which keeps boundaries set here. News pages put headings,
bylines of embedded posts and list items on lines of their own; the parser would
otherwise glue them to the next sentence. Hashtags stuck to a question mark
("responsible?#UkraineWar") also start a new sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def set_line_boundaries(doc: Doc) -> Doc:
    """Mark the first token after every newline as a sentence start."""
    after_break = True
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                after_break = True
            continue
        if (
            after_break
            or (token.i > 0 and doc[token.i - 1].text in ("?", "!") and token.text.startswith("#"))
            or (token.i > 0 and "\n" in doc[token.i - 1].whitespace_)
        ):
            token.is_sent_start = True
        after_break = "\n" in token.whitespace_
    return doc


@Language.component("sitrep_lines", assigns=["token.is_sent_start"])
def sitrep_lines(doc: Doc) -> Doc:
    """spaCy component wrapper of ``set_line_boundaries``."""
    return set_line_boundaries(doc)
