"""Numbers in running text: "8,400", "five", "three dozen", "1.5 thousand", "8,000 [800]".

``NumberReader`` finds each number that may count something, and leaves out those
that cannot: dates, years, money, measures ("155 mm", "10-km"), ages ("a
three-month-old"), ordinals of a list ("No. 5") and model numbers after a weapon name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitrep.nlp.cuesets import cueset, load_cues
from sitrep.nlp.lexicon import Lexicons
from sitrep.nlp.mentions import ItemMention

# Units of measure and number scales: a number before them measures, it does not count things.
# Fixed English units, not a vocabulary that grows with a conflict.
UNIT_WORDS = {
    "mm",
    "-mm",
    "millimeter",
    "millimetre",
    "%",
    "percent",
    "per",
    "km",
    "kilometers",
    "kilometres",
    "miles",
    "meters",
    "metres",
    "hours",
    "days",
    "years",
    "months",
    "weeks",
    "p.m.",
    "a.m.",
    "kg",
    "tons",
    "tonnes",
}
SCALE_WORDS = ("dozen", "hundred", "thousand", "million", "billion")
DIGITS = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Number:
    """A number at tokens [start, end) and its value."""

    start: int
    end: int
    value: float


@cueset("quantities")
@dataclass(frozen=True)
class NumberCues:
    """The number words of cues/quantities.json."""

    number_words: dict[str, float]  # "five": 5
    multipliers: dict[str, float]  # "million": 1e6
    age_units: frozenset[str]  # "year" in "a 5-year-old": no count


class NumberReader:
    """Find the numbers of a doc that may count something."""

    def __init__(self, lex: Lexicons) -> None:
        cues = load_cues(NumberCues, lex)
        self.words: dict[str, float] = cues.number_words
        self.mult: dict[str, float] = cues.multipliers
        self.age_units = set(cues.age_units)

    def numbers(self, doc: Doc, date_tokens: set[int], item_tokens: dict[int, ItemMention]) -> Iterator[Number]:
        """Every number of ``doc``, in order, outside dates and weapon names, that may count something."""
        i = 0
        while i < len(doc):
            number = self.number_at(doc, i)
            if number is None:
                i += 1
                continue
            if not self._skip(doc, number, date_tokens, item_tokens):
                yield number
            i = number.end

    def value(self, token: Token) -> float | None:
        """The value of one token: digits ("8,400", "1.5") or a number word ("five")."""
        text = token.lower_.replace(",", "")
        if DIGITS.fullmatch(text):
            return float(text)
        return self.words.get(token.lower_)

    def number_at(self, doc: Doc, i: int) -> Number | None:
        """The number that starts at token ``i``, if any."""
        start = i
        if (  # "[4,500] killed": a correction whose struck-through original the reader removed
            doc[i].text == "["
            and i + 2 < len(doc)
            and doc[i + 1].like_num
            and doc[i + 2].text == "]"
            and (i == 0 or not doc[i - 1].like_num)
        ):
            value = self.value(doc[i + 1])
            return Number(i, i + 3, value) if value is not None else None
        if doc[i].lower_ == "a" and i + 1 < len(doc) and doc[i + 1].lower_ in ("dozen", "hundred", "thousand"):
            i += 1
        value = self.value(doc[i])
        if value is None or (doc[i].lower_ in SCALE_WORDS and start == i):
            return None
        end = i + 1
        if end + 1 < len(doc) and doc[end].text == "-" and self.value(doc[end + 1]) is not None and value >= 20:
            value += self.value(doc[end + 1]) or 0
            end += 2
        value, end = self._scaled(doc, value, end)
        return Number(start, end, value)

    def _scaled(self, doc: Doc, value: float, end: int) -> tuple[float, int]:
        """The value times the multipliers after it ("three thousand"), then a correction ("8,000 [800]")."""
        while (
            end < len(doc)
            and (doc[end].lower_ in self.mult or doc[end].lower_ in ("hundred", "thousand"))
            and not doc[end].is_title
        ):
            value *= self.mult.get(doc[end].lower_, 100.0 if doc[end].lower_ == "hundred" else 1000.0)
            end += 1
        if (
            end + 2 < len(doc)
            and doc[end].text in ("[", "(")
            and self.value(doc[end + 1]) is not None
            and doc[end + 2].text in ("]", ")")
            and doc[end + 1].like_num
        ):
            value = self.value(doc[end + 1]) or value
            end += 3
        return value, end

    def _skip(self, doc: Doc, number: Number, date_tokens: set[int], item_tokens: dict[int, ItemMention]) -> bool:
        first = doc[number.start]
        if number.start in date_tokens or number.start in item_tokens or ":" in first.text:
            return True
        prev = doc[number.start - 1] if number.start > 0 else None
        nxt = doc[number.end] if number.end < len(doc) else None
        if prev is not None and (
            prev.text in ("$", "€", "£", "#", "No.", "no.")
            or (prev.text == "-" and not prev.whitespace_ and number.start > 1 and doc[number.start - 2].is_alpha)
        ):
            return True
        if (
            prev is not None
            and (prev.i in item_tokens and item_tokens[prev.i].kind == "name")
            and prev.whitespace_ != ""
        ):
            return first.like_num and number.value < 1000 and "," not in first.text
        if nxt is not None and (
            nxt.lower_ in UNIT_WORDS or nxt.lower_.startswith("mm") or nxt.lower_ in ("dollars", "euros", "usd")
        ):
            return True
        if self._hyphen_unit(doc, number.end):
            return True  # "a three-month-old baby", "a 10-km stretch"
        return (
            first.text.isdigit()
            and len(first.text) == 4
            and 1900 <= number.value <= 2100
            and (nxt is None or (nxt.i not in item_tokens))
        )

    def _hyphen_unit(self, doc: Doc, end: int) -> bool:
        if end + 1 >= len(doc) or doc[end].text != "-" or doc[end - 1].whitespace_:
            return False
        unit = doc[end + 1].lower_
        return unit in self.age_units or unit.rstrip("s") in self.age_units
