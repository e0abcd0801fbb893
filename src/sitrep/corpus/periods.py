"""Whether a figure is a running total over a span of time ("since February 24", "in two months") rather
than one event's: decided per article when its facts are stored (``corpus.ties``) and read by the trackers."""

from __future__ import annotations

import re

#: Words that make a figure a running or cumulative total over a span of time: "since February 24",
#: "as of April 8", "so far", "in total", "already", "in the past four years", "during the month of
#: the war", "in the invasion".
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a\s+)?few|several|couple\s+of)"
_SPAN = (
    r"(?:(?:(?:first|past|last|previous)\s+)?"
    r"(?:a\s+)?(?:(?:little\s+)?(?:over|more\s+than|less\s+than|almost|nearly|about)\s+)?(?:" + _COUNT + r"\s+)?"
    r"(?:days|weeks|months|years|week|month|year)"
    r"|(?:next|coming)\s+(?:" + _COUNT + r"\s+)?(?:months|years))\b"
)
_PERIOD = re.compile(
    r"\b(?:so\s+far|to\s+date|thus\s+far|in\s+total|altogether|already|cumulatively"
    r"|in\s+all(?=\s*,)"
    r"|(?:in|during|over|for|within|throughout)\s+(?:the\s+|this\s+)?"
    + _SPAN
    + r"|(?:in|during|throughout)\s+(?:the|this)\s+(?:war|invasion|conflict))",
    re.I,
)
#: Starting points of a running total, whatever day words follow: "since", "as of April 8".
_SINCE = re.compile(r"\b(?:since|as\s+of\s+(?:the\s+)?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))", re.I)
#: Words that place a figure on one day or night: "overnight", "last night", "today".
_ONE_DAY = re.compile(
    r"\b(?:overnight|tonight|today|yesterday|last\s+night|this\s+(?:morning|afternoon|evening)"
    r"|(?:on\s+)?the\s+night\s+of)\b",
    re.I,
)
_DATED = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{4}-\d\d-\d\d", re.I)


def covers_period(sentence: str, before: str | None = None) -> bool:
    """Whether a figure in ``sentence`` is a total over a span of time rather than one event's.

    "Since February 24, Russia has launched 2,275 missiles" and "In two months, 2,154 missiles hit our
    cities" are; "Russia launched 40 drones overnight" is not ("In total, 40 drones overnight" is not
    either: a word of one day outweighs "in total", though never "since"). A sentence with no time words
    of its own ("113 cruise missiles were fired.") takes those of the sentence ``before``.
    """
    if _SINCE.search(sentence):
        return True
    if _ONE_DAY.search(sentence):
        return False
    if _PERIOD.search(sentence):
        return True
    if before is not None and not _DATED.search(sentence):
        return covers_period(before)
    return False
