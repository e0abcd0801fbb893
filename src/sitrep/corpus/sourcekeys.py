"""Source keys: one key for every way articles name the same source, worked out when an attribution is stored.

"Zelensky", "Zelenskyy", "Volodymyr Zelensky" and a transcript's "ZELENSKYY" share a key, and so do
"the Pentagon" and "Pentagon". A key is the name with case and accents folded, transliterated word
endings read alike (lexicon data: ``cues/sources.json``), a leading "the" dropped; a person of the
persons lexicon (by any alias) keys as their canonical name; a lone surname keys as the one full name
in the same article that ends with it. The key is for grouping and matching; ``display_name`` gives
the name shown for a key's group.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sitrep.nlp.cuesets import cueset, load_cues

_PUNCT = '.,;:!?"()[]“”«»'
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_LINKS = frozenset({"for", "of", "to", "at", "and", "with", "from", "by", "on", "in", "said", "says"})
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class _Lexicon:
    endings: tuple[tuple[str, str], ...]  # longest first
    persons: dict[str, str]  # key of a name or alias -> canonical name
    canonical: dict[str, str]  # key of a canonical name -> canonical name


def fold(text: str) -> str:
    """Case and accents folded, apostrophes made one, whitespace runs made one space."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _word(word: str, endings: tuple[tuple[str, str], ...]) -> str:
    word = word.strip(_PUNCT)
    if not word.isalpha():
        return word
    for ending, standard in endings:
        if word.endswith(ending) and len(word) >= len(ending) + 3:
            return word[: -len(ending)] + standard
    return word


def _spelling(source: str, endings: tuple[tuple[str, str], ...]) -> str:
    words = [w for w in (_word(w, endings) for w in fold(source).split()) if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@cueset("sources")
@dataclass(frozen=True)
class SourceCues:
    """The typed cues of ``cues/sources.json``."""

    source_name_endings: dict[str, str]  # a folded word's ending -> the ending it is read as


@functools.cache
def _lexicon() -> _Lexicon:
    from sitrep.nlp.lexicon import load_lexicons

    lex = load_lexicons()
    table = load_cues(SourceCues, lex).source_name_endings
    endings = tuple(sorted(table.items(), key=lambda p: -len(p[0])))
    persons: dict[str, str] = {}
    ambiguous: set[str] = set()
    canonical: dict[str, str] = {}
    for person in lex.persons:
        canonical[_spelling(person.name, endings)] = person.name
        for form in (person.name, *person.aliases):
            key = _spelling(form, endings)
            if persons.get(key, person.name) != person.name:
                ambiguous.add(key)
            persons[key] = person.name
    for key in ambiguous:
        persons.pop(key, None)
    return _Lexicon(endings, persons, canonical)


def spelling_key(source: str) -> str:
    """The key of a name on its own: folded, transliterated endings read alike, a leading "the" dropped."""
    return _spelling(source, _lexicon().endings)


def known_person(source: str) -> str | None:
    """The canonical name of the lexicon's person this name is (by any alias, after titles before it)."""
    words = spelling_key(source).split()
    persons = _lexicon().persons
    for start in range(len(words)):
        if start and words[start - 1] in _LINKS:
            return None  # "an aide to Zelensky" is not Zelensky
        found = persons.get(" ".join(words[start:]))
        if found is not None:
            return found
    return None


def source_key(source: str, named: Iterable[str] = ()) -> str:
    """The key of a source as an article names it; ``named``: the other names of that article."""
    person = known_person(source)
    if person is not None:
        return spelling_key(person)
    own = spelling_key(source)
    if " " in own or not own:
        return own
    fuller = {_full_key(n) for n in named if _ends_with(n, own)}
    return fuller.pop() if len(fuller) == 1 else own


def _ends_with(name: str, surname: str) -> bool:
    words = spelling_key(name).split()
    return len(words) > 1 and words[-1] == surname


def _full_key(name: str) -> str:
    person = known_person(name)
    return spelling_key(person if person is not None else name)


def article_keys(sources: Iterable[str], persons: Iterable[str] = ()) -> dict[str, str]:
    """The key of each source of one article, given every source and person the article names."""
    listed = list(sources)
    named = sorted({*listed, *persons})
    return {s: source_key(s, named) for s in listed}


def is_label(name: str) -> bool:
    """Whether a person's name is written in capitals, as transcripts label speakers ("RUTTE")."""
    letters = _LETTER.findall(name)
    return len(letters) > 1 and all(c.isupper() for c in letters)


def shown(name: str, kind: str) -> str:
    """A name as shown: a person's speaker label in capitals becomes a name ("NAUSĖDA" -> "Nausėda")."""
    return name.title() if kind == "person" and is_label(name) else name


def display_name(key: str, spellings: Mapping[tuple[str, str], int]) -> tuple[str, str]:
    """The name and kind shown for a key's group, from its (spelling, kind) -> claims counts.

    A lexicon person is shown by their canonical name; otherwise the most used spelling that is the
    key on its own (not a surname keyed by a full name), else the most used one.
    """
    ranked = sorted(spellings.items(), key=lambda item: (-item[1], is_label(item[0][0]), item[0]))
    kinds: dict[str, int] = {}
    for (_, kind), n in spellings.items():
        kinds[kind] = kinds.get(kind, 0) + n
    kind = min(kinds, key=lambda k: (-kinds[k], k)) if kinds else "person"
    canonical = _lexicon().canonical.get(key)
    if canonical is not None:
        return canonical, kind
    fitting = [s for s in ranked if spelling_key(s[0][0]) == key] or ranked
    if not fitting:
        return key, kind
    (name, own_kind), _ = fitting[0]
    return shown(name, own_kind), kind
