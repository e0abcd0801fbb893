"""Resolve tokens to sides (ISO codes) using the entity mentions of a ``Doc``.

Shared by the event, quantity and attribution components: which state a noun
phrase stands for, who the "home" side of the article is, and which side a
person belongs to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from sitrep.nlp.mentions import ActorMention, Findings, PersonMention, PlaceMention

# Closed-class grammar words (first-person pronouns, prepositions of place): English syntax, not vocabulary.
FIRST_PERSON = {"i", "we", "our", "us", "my", "me", "ours"}
PLACE_PREPS = {"in", "at", "to", "near", "across", "outside", "inside", "over", "into", "from", "around", "on"}


class ActorIndex:
    """Token-indexed view of the actor, person and place mentions of one doc."""

    def __init__(self, doc: Doc, found: Findings) -> None:
        self.doc = doc
        self.found = found
        self.actor_at: dict[int, ActorMention] = {}
        self.person_at: dict[int, PersonMention] = {}
        self.place_at: dict[int, PlaceMention] = {}
        for actor in found.actors:
            for i in range(actor.start, actor.end):
                self.actor_at[i] = actor
        for person in found.persons:
            for i in range(person.start, person.end):
                self.person_at[i] = person
        for place in found.places:
            for i in range(place.start, place.end):
                self.place_at[i] = place
        self.person_codes: dict[str, str | None] = {}
        for person in found.persons:  # a name's side is its first known one ("Boris Johnson" ... "Mr. Johnson")
            code = self._person_code(person)
            if code or person.name not in self.person_codes:
                self.person_codes[person.name] = self.person_codes.get(person.name) or code
        self.home = found.home or self._home()

    def _person_code(self, person: PersonMention) -> str | None:
        if person.code:
            return person.code
        i = person.start - 1
        while i >= 0 and person.start - i <= 6:
            actor = self.actor_at.get(i)
            if actor and actor.code and actor.kind in ("state", "demonym", "institution", "alliance"):
                return actor.code
            tok = self.doc[i]
            if not (tok.is_title or tok.lower_ in ("of", "the", "'s", "’s", "-")):
                break
            i -= 1
        return None

    def _home(self) -> str | None:
        counts: Counter[str] = Counter()
        for actor in self.found.actors:
            if actor.code and actor.kind in ("state", "demonym", "institution"):
                counts[actor.code] += 1
        for person in self.found.persons:
            code = self.person_codes.get(person.name)
            if code:
                counts[code] += 1
        return counts.most_common(1)[0][0] if counts else None

    def code_of_token(self, token: Token, allow_place: bool = False) -> str | None:
        """The side a single token stands for, if any."""
        actor = self.actor_at.get(token.i)
        if actor and actor.code and actor.kind != "outlet":
            return actor.code
        person = self.person_at.get(token.i)
        if person:
            return self.person_codes.get(person.name)
        if allow_place:
            place = self.place_at.get(token.i)
            if place and place.country:
                return place.country
        if token.lower_ in FIRST_PERSON:
            return self.home
        return None

    def codes_in(self, tokens: Iterable[Token], allow_place: bool = False, skip_places: bool = True) -> list[str]:
        """Codes of the sides named in ``tokens``, in order, without repeats."""
        codes: list[str] = []
        for token in tokens:
            if token.lower_ in FIRST_PERSON:
                continue
            actor = self.actor_at.get(token.i)
            named_place = actor is None or actor.kind == "state"
            if skip_places and not allow_place and named_place and is_location(token):
                continue  # "in Italy" is where, not who ("in a Russian attack" still names a side)
            code = self.code_of_token(token, allow_place)
            if code and code not in codes:
                codes.append(code)
        return codes

    def first_code(self, tokens: Iterable[Token], allow_place: bool = False) -> str | None:
        """The first side named in ``tokens``, including "we"/"I" as the home side."""
        for token in tokens:
            code = self.code_of_token(token, allow_place)
            if code:
                return code
        return None


def is_location(token: Token) -> bool:
    """Whether a token sits in a locative phrase ("in Italy", "to Moscow")."""
    node = token
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ in PLACE_PREPS:
            return True
        if node.dep_ not in ("compound", "conj", "appos", "amod") or node.head.i == node.i:
            return False
        node = node.head
    return False
