"""Places the lexicon does not list: settlements named by their framing, their country, and "the city".

Part of the entity component. "the village of Malynivka", "Hlyboke village" and
"Nikopol district" name local places (named "Nikopol", as written) whatever the NER tags them (it often says
ORG); their country comes from a region named in the same sentence, else from the
country most of the article's known places lie in. "the village" right after one
settlement (same or previous sentences) refers back to it when no other
settlement is in reach. The nouns are data (``cues/places.json``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from sitrep.nlp.cuesets import cueset, load_cues
from sitrep.nlp.lexicon import Lexicons
from sitrep.nlp.mentions import PlaceMention

# spaCy entity labels a place name may carry, and closed-class determiners: grammar, not vocabulary.
NAME_ENTS = {"GPE", "LOC", "ORG", "FAC", "PERSON", ""}
DETERMINERS = {"the", "this", "that"}
MAX_NAME = 4


@dataclass(frozen=True)
class PlaceCues:
    """The nouns that frame a place name or refer back to one."""

    settlement: frozenset[str]
    area: frozenset[str]
    anaphor: frozenset[str]
    window: int
    proximity: frozenset[str] = frozenset()

    @classmethod
    def of(cls, lex: Lexicons) -> PlaceCues:
        """The cues of ``lex`` (``CueError`` naming the file and key when one is missing)."""
        cues = load_cues(PlaceCueLists, lex)
        return cls(
            cues.settlement_nouns,
            cues.area_nouns,
            cues.anaphor_nouns,
            cues.anaphor_sentences,
            cues.proximity_words,
        )


@cueset("places")
@dataclass(frozen=True)
class PlaceCueLists:
    """The keys of cues/places.json."""

    settlement_nouns: frozenset[str]
    area_nouns: frozenset[str]
    anaphor_nouns: frozenset[str]
    anaphor_sentences: int
    proximity_words: frozenset[str]


@dataclass
class PlaceKinds:
    """Per doc: the places found so far, and which of them are settlements."""

    places: list[PlaceMention]
    settlements: dict[int, str]  # start token of a settlement -> the noun that framed it ("" if none)
    regions: set[int]  # start tokens of lexicon regions


def is_name_token(token: Token) -> bool:
    """A capitalised proper-name word ("Malynivka", "Novi", "Petrivtsi")."""
    if not (token.is_alpha and token.is_title) or token.ent_type_ not in NAME_ENTS:
        return False
    return token.pos_ == "PROPN" or token.ent_type_ != ""


def _hyphen(doc: Doc, i: int) -> bool:
    """A hyphen glued between two name words ("Ivano-Frankivsk")."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and is_name_token(doc[i - 1])
        and is_name_token(doc[i + 1])
    )


def _run_forward(doc: Doc, start: int) -> int:
    end = start
    while end < len(doc) and end - start < MAX_NAME:
        if not (is_name_token(doc[end]) or (end > start and _hyphen(doc, end))):
            break
        end += 1
    return end


def _run_backward(doc: Doc, end: int) -> int:
    start = end
    while start > 0 and end - start < MAX_NAME and (is_name_token(doc[start - 1]) or _hyphen(doc, start - 1)):
        start -= 1
    return start if start == end or doc[start].text != "-" else start + 1


def framed_names(doc: Doc, cues: PlaceCues) -> Iterator[tuple[int, int, str]]:
    """``(start, end, noun)`` of X in "the village of X", "X village" and "X district"."""
    for token in doc:
        noun = token.text
        if not token.is_lower or (noun not in cues.settlement and noun not in cues.area):
            continue
        before = _run_backward(doc, token.i)
        if before < token.i:
            yield before, token.i, noun
        if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of":
            end = _run_forward(doc, token.i + 2)
            if end > token.i + 2:
                yield token.i + 2, end, noun


def add_framed(doc: Doc, kinds: PlaceKinds, busy: set[int], cues: PlaceCues) -> None:
    """Add the framed names to ``kinds`` as places (a known place keeps its name and country)."""
    at = {p.start: p for p in kinds.places}
    covered = {i for p in kinds.places for i in range(p.start, p.end)}
    for start, end, noun in framed_names(doc, cues):
        if any(i in busy for i in range(start, end)):
            continue
        known = at.get(start)
        if known is None and not any(i in covered for i in range(start, end)):
            known = PlaceMention(start, end, doc[start:end].text, None)
            kinds.places.append(known)
            covered.update(range(start, end))
        if noun in cues.settlement and known is not None and known.end == end:
            kinds.settlements[start] = noun
    kinds.places.sort(key=lambda p: p.start)


def proximate(doc: Doc, kinds: PlaceKinds, cues: PlaceCues) -> set[int]:
    """Starts of unknown places the NER tags GPE right after "near" / "outside" (local places)."""
    unknown = [p for p in kinds.places if p.country is None and p.start and doc[p.start].ent_type_ == "GPE"]
    return {p.start for p in unknown if doc[p.start - 1].lower_ in cues.proximity}


def infer_countries(doc: Doc, kinds: PlaceKinds, framed: set[int]) -> None:
    """Give a country to places that lack one: a region in the sentence, else the article's country.

    The article's country is only used for framed places (``framed`` starts), whose
    framing says they are local.
    """
    dominant = _dominant_country(kinds.places)
    out = []
    for place in kinds.places:
        if place.country is None:
            country = _region_country(doc, place, kinds) or (dominant if place.start in framed else None)
            place = replace(place, country=country) if country else place
        out.append(place)
    kinds.places[:] = out


def _region_country(doc: Doc, place: PlaceMention, kinds: PlaceKinds) -> str | None:
    sent = doc[place.start].sent
    near = [
        p
        for p in kinds.places
        if p.country and p.start in kinds.regions and sent.start <= p.start < sent.end and p is not place
    ]
    codes = {p.country for p in near}
    return near[0].country if len(codes) == 1 else None


def _dominant_country(places: list[PlaceMention]) -> str | None:
    counts = Counter(p.country for p in places if p.country)
    if not counts:
        return None
    (code, top), *rest = counts.most_common(2)
    return code if top >= 2 and (not rest or top > 2 * rest[0][1]) else None


def add_anaphora(doc: Doc, kinds: PlaceKinds, cues: PlaceCues) -> None:
    """ "the village" / "the city" after exactly one settlement in reach: a mention of that settlement."""
    sents = list(doc.sents)
    starts = [s.start for s in sents]
    taken = {i for p in kinds.places for i in range(p.start, p.end)}
    found = []
    for token in doc:
        if token.lower_ not in cues.anaphor or not _is_anaphor(doc, token) or token.i in taken:
            continue
        first = starts[max(0, bisect_right(starts, token.i) - 1 - cues.window)]
        reach = [p for p in kinds.places if p.start in kinds.settlements and first <= p.start < token.i]
        same = [p for p in reach if kinds.settlements[p.start] == token.lower_]
        for group in (same, reach):
            if len({p.name for p in group}) == 1:
                found.append(replace(group[-1], start=token.i, end=token.i + 1))
                break
    kinds.places.extend(found)
    kinds.places.sort(key=lambda p: p.start)


def _is_anaphor(doc: Doc, token: Token) -> bool:
    """ "the village" as a whole noun phrase (not "the village of X", "the city council")."""
    if not token.is_lower or token.i == 0 or doc[token.i - 1].lower_ not in DETERMINERS:
        return False
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return token.dep_ != "compound" and not (nxt is not None and (nxt.lower_ == "of" or nxt.pos_ in ("NOUN", "PROPN")))
