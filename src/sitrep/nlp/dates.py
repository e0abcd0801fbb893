"""Find date expressions and resolve them against the publication date.

Handles what general parsers get wrong for news: weekday names ("Monday"),
relative weeks ("last week", "over the coming week" -> ISO week), partial dates
("July 10", "in February 2022"), and lists that share a year
("January 11 and November 26, 2021").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

MONTHS = {
    name: i
    for i, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTHS.update({name[:3]: i for name, i in list(MONTHS.items())})
MONTHS["sept"] = 9
# The calendar: fixed English names, not a vocabulary that grows.
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PATTERNS = [
    ("ymd", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", re.compile(_MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    (
        "dmy",
        re.compile(
            r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
        ),
    ),
    (
        "my",
        re.compile(
            r"\b(?:in|since|from|during|until|by|of|early|late|mid-?)\s+"
            + _MONTH
            + r"(?:\s+(?P<year>(?:19|20)\d\d))?\b",
            re.I,
        ),
    ),
]
_RELATIVE = re.compile(
    r"\b(?P<rel>(?:(?:over|in|during|within)\s+)?(?:the\s+)?(?:past|last|previous|coming|next|this|upcoming)\s+(?:week|month|year)"
    r"|(?:last|next|this)\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?P<wd2>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|yesterday|today|tonight|tomorrow|this morning|this afternoon|this evening|last night|overnight"
    r"|(?P<ago>(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<unit>day|week|month)s?\s+ago))\b",
    re.I,
)


@dataclass(frozen=True)
class DateSpan:
    """A date expression at characters [start, end) and its resolved value."""

    start: int
    end: int
    value: str
    text: str
    explicit_year: bool = False


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _explicit(text: str) -> Iterator[tuple[int, int, int | None, int, int | None, str]]:
    """(start, end, year, month, day, text) for every explicit date, left to right."""
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            groups = m.groupdict()
            year = int(groups["year"]) if groups.get("year") else None
            month = int(groups["m"]) if kind == "ymd" else _month(groups["month"])
            day = int(groups["day"]) if groups.get("day") else None
            start = m.start("month") if kind == "my" else m.start()
            yield start, m.end(), year, month, day, text[start : m.end()]


def _resolve_year(month: int, day: int | None, published: dt.date | None, past: bool) -> int | None:
    if published is None:
        return None
    year = published.year
    candidate = _safe_date(year, month, day or 1)
    if past and candidate and candidate > published + dt.timedelta(days=7):
        year -= 1
    return year


def explicit_dates(text: str, published: dt.date | None, past: bool = True) -> list[DateSpan]:
    """Every explicit date, a missing year taken from the next date of a list or the publication."""
    found = sorted(_explicit(text))
    spans: list[DateSpan] = []
    for i, (start, end, year, month, day, words) in enumerate(found):
        explicit = year is not None
        if year is None:
            nxt = found[i + 1] if i + 1 < len(found) else None
            if (
                nxt
                and nxt[2]
                and nxt[0] - end < 40
                and re.fullmatch(r"[\s,]*(?:and|or|,)?[\s,]*", text[end : nxt[0]] or " ")
            ):
                year = nxt[2]
            else:
                year = _resolve_year(month, day, published, past)
        if year is None:
            continue
        value = f"{year:04d}-{month:02d}" if day is None else _iso(year, month, day)
        if value:
            spans.append(DateSpan(start, end, value, words, explicit))
    return spans


def _iso(year: int, month: int, day: int) -> str | None:
    date = _safe_date(year, month, day)
    return date.isoformat() if date else None


def iso_week(date: dt.date) -> str:
    """``2025-W28`` for a date."""
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def _weekday(published: dt.date, name: str, direction: int) -> dt.date:
    target = WEEKDAYS.index(name.lower())
    delta = (published.weekday() - target) % 7
    if direction > 0:
        return published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
    return published - dt.timedelta(days=delta or (7 if direction < 0 else 0))


NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])} | {"a": 1}


def _ago_value(words: str, published: dt.date) -> str:
    """ "three days ago" -> that day; "two weeks ago" -> that ISO week; "a month ago" -> that month."""
    count_word, unit = words.split()[:2]
    count = int(count_word) if count_word.isdigit() else NUMBER_WORDS[count_word]
    if unit.startswith("day"):
        return (published - dt.timedelta(days=count)).isoformat()
    if unit.startswith("week"):
        return iso_week(published - dt.timedelta(weeks=count))
    month_index = published.year * 12 + published.month - 1 - count
    return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"


def _relative_value(words: str, published: dt.date, future: bool) -> str | None:
    w = " ".join(words.lower().split())
    if w.endswith(" ago"):
        return _ago_value(w, published)
    day = {
        "yesterday": -1,
        "last night": -1,
        "overnight": 0,  # news: the night that ended on the day of publication
        "today": 0,
        "tonight": 0,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "tomorrow": 1,
    }.get(w)
    if day is not None:
        return (published + dt.timedelta(days=day)).isoformat()
    wd = re.search(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", w)
    if wd:
        direction = 1 if ("next" in w or (future and "last" not in w)) else (-1 if "last" in w else 0)
        return _weekday(published, wd.group(1), direction).isoformat()
    shift = -1 if re.search(r"past|last|previous", w) else (1 if re.search(r"coming|next|upcoming", w) else 0)
    if "week" in w:
        return iso_week(published + dt.timedelta(weeks=shift))
    if "month" in w:
        month = (published.month - 1 + shift) % 12 + 1
        year = published.year + (published.month - 1 + shift) // 12
        return f"{year:04d}-{month:02d}"
    return str(published.year + shift)


def relative_dates(text: str, published: dt.date | None, future: bool = False) -> list[DateSpan]:
    """Relative expressions ("Monday", "last week", "over the coming week") as dates or weeks."""
    if published is None:
        return []
    spans = []
    for m in _RELATIVE.finditer(text):
        value = _relative_value(m.group(0), published, future)
        if value:
            spans.append(DateSpan(m.start(), m.end(), value, m.group(0)))
    return spans


def infer_published(text: str, today: dt.date | None = None) -> dt.date | None:
    """The latest full explicit date in ``text`` that is not in the future."""
    limit = today or dt.date.today()
    best: dt.date | None = None
    for span in explicit_dates(text, None):
        if not span.explicit_year or len(span.value) != 10:
            continue
        date = dt.date.fromisoformat(span.value)
        if date <= limit and (best is None or date > best):
            best = date
    return best
