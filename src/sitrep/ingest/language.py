"""Tell a text's language offline and deterministically.

Two steps: when most letters belong to one non-Latin script, the script names the
language (Cyrillic is then split between Russian, Ukrainian and Bulgarian by
stopwords and telltale letters). Otherwise each language scores the share of the
text's words found in its short stopword list (``stopwords.json``); the best wins.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib import resources

SAMPLE_CHARS = 100_000
MAX_WORDS = 5_000
MIN_SHARE = 0.04  # least stopword share for a language to be named
MIN_HITS = 2
MIN_WORDS_UNKNOWN = 40  # fewer words without stopwords: too little to tell
MAX_SCRIPT_SHARE_FOR_LATIN = 0.5

# (first, last, script) ranges of letters in non-Latin scripts.
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x052F, "cyrillic"),
    (0x0530, 0x058F, "armenian"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0x0E00, 0x0E7F, "thai"),
    (0x10A0, 0x10FF, "georgian"),
    (0x1100, 0x11FF, "hangul"),
    (0x3040, 0x30FF, "kana"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xAC00, 0xD7AF, "hangul"),
)
_SCRIPT_LANGUAGE = {
    "greek": "el",
    "armenian": "hy",
    "hebrew": "he",
    "arabic": "ar",
    "devanagari": "hi",
    "thai": "th",
    "georgian": "ka",
    "hangul": "ko",
    "kana": "ja",
    "han": "zh",
}
_CYRILLIC = ("ru", "uk", "bg")
_TELLTALE = {"uk": "іїєґ", "ru": "ыэёъ"}
_PERSIAN = "پچژگ"
_WORD = re.compile(r"[^\W\d_]+")


@cache
def stopwords() -> dict[str, frozenset[str]]:
    """The stopword lists of ``stopwords.json``, by language code."""
    raw = resources.files("sitrep.ingest").joinpath("stopwords.json").read_text("utf-8")
    return {code: frozenset(words) for code, words in json.loads(raw)["languages"].items()}


def identify(text: str) -> str | None:
    """An ISO 639-1 code for ``text``'s language, ``"unknown"``, or ``None`` if too short to tell."""
    sample = text[:SAMPLE_CHARS]
    script = dominant_script(sample)
    if script == "cyrillic":
        return _cyrillic_language(sample)
    if script is not None:
        return _script_language(script, sample)
    return _latin_language(sample)


def dominant_script(text: str) -> str | None:
    """The non-Latin script of most of ``text``'s letters, if one has a majority."""
    counts: Counter[str] = Counter()
    letters = 0
    for char in text:
        if char.isalpha():
            letters += 1
            script = _script(ord(char))
            if script is not None:
                counts[script] += 1
    if not counts:
        return None
    script, count = counts.most_common(1)[0]
    return script if count > MAX_SCRIPT_SHARE_FOR_LATIN * letters else None


def _script(code: int) -> str | None:
    """The non-Latin script a code point belongs to, if any."""
    if code < 0x0370:
        return None
    for first, last, script in _SCRIPTS:
        if first <= code <= last:
            return script
    return None


def _script_language(script: str, text: str) -> str:
    """The language a script stands for; Persian is told from Arabic by its extra letters."""
    if script == "arabic" and any(letter in text for letter in _PERSIAN):
        return "fa"
    if script == "han" and any(0x3040 <= ord(char) <= 0x30FF for char in text):
        return "ja"
    return _SCRIPT_LANGUAGE[script]


def _cyrillic_language(text: str) -> str:
    """Russian, Ukrainian or Bulgarian: stopword share plus telltale letters."""
    words = _words(text)
    scores = _scores(words, _CYRILLIC)
    letters = max(1, sum(char.isalpha() for char in text))
    lowered = text.lower()
    for code, telltale in _TELLTALE.items():
        scores[code] += 5 * sum(lowered.count(letter) for letter in telltale) / letters
    return max(_CYRILLIC, key=lambda code: scores[code])


def _latin_language(text: str) -> str | None:
    """The Latin-script language whose stopwords cover most of the words (English wins ties)."""
    words = _words(text)
    codes = [code for code in stopwords() if code not in _CYRILLIC]
    scores = _scores(words, codes)
    best = max(codes, key=lambda code: (scores[code], code == "en"))
    hits = scores[best] * len(words)
    if scores[best] >= MIN_SHARE and hits >= MIN_HITS:
        return best
    return "unknown" if len(words) >= MIN_WORDS_UNKNOWN else None


def _words(text: str) -> list[str]:
    """Lower-cased words (letters only) of ``text``, at most ``MAX_WORDS``."""
    words = []
    for match in _WORD.finditer(text):
        words.append(match.group(0).lower())
        if len(words) >= MAX_WORDS:
            break
    return words


def _scores(words: list[str], codes: tuple[str, ...] | list[str]) -> dict[str, float]:
    """For each language, the share of ``words`` in its stopword list."""
    lists = stopwords()
    total = max(1, len(words))
    return {code: sum(word in lists[code] for word in words) / total for code in codes}
