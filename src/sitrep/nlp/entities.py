"""Entity component: weapons, states, institutions, outlets, people, places and dates.

Lexicon phrases are matched with spaCy's ``PhraseMatcher`` (linear in the text);
the statistical NER fills the gaps (unknown people and places) but never
overrides a lexicon match (it tags "Trump" as ORG and "Patriot" as PERSON).
Small settlements come from their framing ("the village of X", "X district"),
"the enemy" / "our country" from the publishing side (``places`` and ``references``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sitrep.nlp import dates as datemod
from sitrep.nlp import places as placemod
from sitrep.nlp import references
from sitrep.nlp.lexicon import ActorTerm, ItemTerm, Lexicons, PersonTerm, PlaceTerm, load_lexicons
from sitrep.nlp.mentions import (
    FLOW,
    ActorMention,
    DateMention,
    Findings,
    ItemMention,
    PersonMention,
    PlaceMention,
    findings,
    text_of,
)

# Words of English titles that may stand before a name ("Prime Minister X"): name grammar used to
# cut a title off a person span; the public roles of known people live in persons.jsonl.
TITLE_WORDS = {
    "president",
    "prime",
    "minister",
    "chancellor",
    "secretary",
    "general",
    "gen.",
    "envoy",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "press",
    "defense",
    "defence",
    "foreign",
    "deputy",
    "vice",
    "head",
    "chief",
    "commander",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "senator",
    "sen.",
    "rep.",
    "governor",
    "mayor",
    "king",
    "queen",
    "premier",
    "adviser",
    "advisor",
    "national",
    "security",
    "state",
    "of",
    "the",
    "lt.",
    "col.",
    "admiral",
    "adm.",
}


@dataclass
class _Tables:
    matcher_case: PhraseMatcher
    matcher_lower: PhraseMatcher
    items: dict[str, ItemTerm]
    actors: dict[str, ActorTerm]
    persons: dict[str, PersonTerm]
    places: dict[str, PlaceTerm]


def _add(matcher: PhraseMatcher, nlp: Language, key: str, terms: Iterable[str]) -> None:
    patterns = [nlp.make_doc(t) for t in terms if t.strip()]
    if patterns:
        matcher.add(key, patterns)


def _build_tables(nlp: Language, lex: Lexicons) -> _Tables:
    case = PhraseMatcher(nlp.vocab, attr="ORTH")
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    items: dict[str, ItemTerm] = {}
    for i, item in enumerate(lex.items):
        key = f"I{i}"
        items[key] = item
        _add(case if item.kind == "name" else lower, nlp, key, [item.term])
    actors: dict[str, ActorTerm] = {}
    for i, actor in enumerate(lex.actors):
        actors[f"A{i}"] = actor
        _add(case, nlp, f"A{i}", [actor.term])
    persons: dict[str, PersonTerm] = {}
    for i, person in enumerate(lex.persons):
        persons[f"P{i}"] = person
        _add(case, nlp, f"P{i}", [person.name, *person.aliases])
    places: dict[str, PlaceTerm] = {}
    for i, place in enumerate(lex.places):
        places[f"L{i}"] = place
        _add(case, nlp, f"L{i}", [place.name, *place.aliases])
    return _Tables(case, lower, items, actors, persons, places)


class EntityRecognizer:
    """Match lexicon entries and merge them with the statistical NER."""

    def __init__(self, nlp: Language, lex: Lexicons) -> None:
        self.tables = _build_tables(nlp, lex)
        self.strings = nlp.vocab.strings
        self.place_cues = placemod.PlaceCues.of(lex)
        self.opponents = lex.opponents

    def __call__(self, doc: Doc) -> Doc:
        found = findings(doc)
        spans = self._lexicon_spans(doc)
        kinds = {"I": [], "A": [], "P": [], "L": []}  # type: dict[str, list[Span]]
        for span in spans:
            kinds[span.label_[0]].append(span)
        text = doc.text  # built once: Doc.text joins every token on each access
        found.items = [self._item(s) for s in filter_spans([s for s in kinds["I"] if not self._vetoed(doc, text, s)])]
        people_places = filter_spans(kinds["A"] + kinds["P"] + kinds["L"])
        found.actors = [self._actor(s) for s in people_places if s.label_[0] == "A"]
        found.persons = list(self._persons(doc, [s for s in people_places if s.label_[0] == "P"]))
        found.places = [self._place(s) for s in people_places if s.label_[0] == "L"]
        self._add_ner(doc, people_places, found.items)
        self._add_places(doc, people_places, found)
        refers = {s.start: self.tables.actors[s.label_].refers for s in people_places if s.label_[0] == "A"}
        references.resolve(doc, found, {k: v for k, v in refers.items() if v}, self.opponents)
        found.dates = list(_date_mentions(doc, found.published))
        return doc

    def _add_places(self, doc: Doc, spans: list[Span], found: Findings) -> None:
        """Framed settlements, countries for places that lack one, and "the village" referring back."""
        lexical = [s for s in spans if s.label_[0] == "L"]
        kinds = placemod.PlaceKinds(
            found.places,
            {s.start: "" for s in lexical if self.tables.places[s.label_].kind == "city"},
            {s.start for s in lexical if self.tables.places[s.label_].kind == "region"},
        )
        busy = {i for s in spans if s.label_[0] != "L" for i in range(s.start, s.end)}  # lexicon actors, people
        before = {p.start for p in kinds.places}
        placemod.add_framed(doc, kinds, busy, self.place_cues)
        framed = {p.start for p in kinds.places if p.start not in before} | (set(kinds.settlements) - before)
        new = {i for p in kinds.places if p.start not in before for i in range(p.start, p.end)}
        found.persons = [p for p in found.persons if p.start not in new]  # NER's guess loses to "the village of X"
        framed |= placemod.proximate(doc, kinds, self.place_cues)
        placemod.infer_countries(doc, kinds, framed)
        placemod.add_anaphora(doc, kinds, self.place_cues)
        found.places = kinds.places

    def _lexicon_spans(self, doc: Doc) -> list[Span]:
        spans = []
        for matcher in (self.tables.matcher_case, self.tables.matcher_lower):
            for match_id, start, end in matcher(doc):
                spans.append(Span(doc, start, end, label=self.strings[match_id]))
        return spans

    def _vetoed(self, doc: Doc, text: str, span: Span) -> bool:
        """A lexicon veto: "rounds of talks", "think tank"."""
        term = self.tables.items[span.label_]
        if len(span) == 1 and span[0].pos_ in ("VERB", "ADJ") and not (span.start and doc[span.start - 1].like_num):
            return True  # "injured", "dead" count people only right after a number
        after = text[span.end_char : span.end_char + 40].lower().lstrip()
        before = text[max(0, span.start_char - 40) : span.start_char].lower().rstrip()
        return any(after.startswith(v) for v in term.not_before) or any(before.endswith(v) for v in term.not_after)

    def _item(self, span: Span) -> ItemMention:
        term = self.tables.items[span.label_]
        return ItemMention(span.start, span.end, term.category, term.kind, term.system, term.munition)

    def _actor(self, span: Span) -> ActorMention:
        term = self.tables.actors[span.label_]
        return ActorMention(span.start, span.end, term.code, term.kind, term.source_kind, span.text)

    def _place(self, span: Span) -> PlaceMention:
        term = self.tables.places[span.label_]
        return PlaceMention(span.start, span.end, _strip_possessive(span.text), term.country)

    def _persons(self, doc: Doc, spans: list[Span]) -> Iterator[PersonMention]:
        for span in spans:
            term = self.tables.persons[span.label_]
            yield PersonMention(
                span.start, span.end, term.name, term.code, term.roles + _titles(doc, span.start), span.text
            )

    def _add_ner(self, doc: Doc, taken: list[Span], items: list[ItemMention]) -> None:
        """Add NER people and places that no lexicon entry covers."""
        found = findings(doc)
        busy = {i for s in taken for i in range(s.start, s.end)} | {i for m in items for i in range(m.start, m.end)}
        known = {p.name for p in found.persons}
        for ent in doc.ents:
            if any(i in busy for i in range(ent.start, ent.end)):
                continue
            if ent.label_ == "PERSON" and _looks_like_name(ent):
                end = ent.end - 1 if ent[-1].text in ("'s", "’s") else ent.end
                name = _strip_possessive(doc[ent.start : end].text)
                canon = _link_name(name, known)
                found.persons.append(PersonMention(ent.start, end, canon, None, _titles(doc, ent.start), name))
                known.add(canon)
            elif ent.label_ in ("GPE", "LOC", "FAC") and ent[0].is_title:
                found.places.append(PlaceMention(ent.start, ent.end, _strip_possessive(ent.text), None))
        found.persons.sort(key=lambda p: p.start)
        found.places.sort(key=lambda p: p.start)


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s?$", "", text.strip())


def _looks_like_name(ent: Span) -> bool:
    words = [t for t in ent if t.is_alpha]
    return bool(words) and all(t.text[0].isupper() for t in words) and not any("@" in t.text for t in ent)


def _link_name(name: str, known: set[str]) -> str:
    """A surname mention links to the full name seen earlier ("Leavitt" -> "Karoline Leavitt")."""
    for full in sorted(known, key=len, reverse=True):
        if full != name and full.split()[-1] == name.rsplit(maxsplit=1)[-1] and len(name.split()) <= len(full.split()):
            return full
    return name


def _titles(doc: Doc, start: int) -> tuple[str, ...]:
    """Title words just before a name ("Press Secretary Karoline Leavitt" -> ("press secretary",))."""
    words: list[str] = []
    i = start - 1
    while i >= 0 and doc[i].lower_ in TITLE_WORDS and len(words) < 5:
        words.insert(0, doc[i].lower_)
        i -= 1
    while words and words[0] in ("of", "the"):
        words.pop(0)
    return (" ".join(words),) if words else ()


def _date_mentions(doc: Doc, published: object) -> Iterator[DateMention]:
    pub = published if hasattr(published, "isoformat") else None
    text = text_of(doc)
    spans = datemod.explicit_dates(text, pub) + datemod.relative_dates(text, pub)  # type: ignore[arg-type]
    for span in spans:
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is not None:
            yield DateMention(tokens.start, tokens.end, span.value, span.text)


@Language.factory(
    "sitrep_entities",
    requires=FLOW["sitrep_entities"].requires,
    assigns=FLOW["sitrep_entities"].assigns,
    default_config={"lexicon_dir": None},
)
def make_entities(nlp: Language, name: str, lexicon_dir: str | None) -> EntityRecognizer:
    """Factory of the entity component (versioned by the package version)."""
    return EntityRecognizer(nlp, load_lexicons(lexicon_dir))
