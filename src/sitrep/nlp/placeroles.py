"""The roles of places named around an incident: listed, describing another place, a distance's reference.

"the port of Odesa, the city of Kharkiv and the city of Lviv" lists three places struck; the "Black Sea"
of "the Black Sea port of Odesa", the "Sea of Azov" of "Mariupol, a port on the Sea of Azov" and the
"Donetsk" of "two miles away from Donetsk" only describe or locate another place.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token


def apposed_detail(token: Token, named: set[int]) -> bool:
    """ "Mariupol, a strategic port on the Sea of Azov, ...": a place inside the description of another (not
    the name of a listed place noun: "Kherson, the city of Dnipro and ...")."""
    node, located = token, False
    for _ in range(5):
        if node.head.i == node.i:
            return False
        if node.dep_ == "appos" and node.head.i in named:
            return located
        located = located or (node.dep_ == "prep" and node.lower_ != "of")
        node = node.head
    return False


# Closed-class words of a distance: "two miles away from Donetsk", "30 km from the border".
DISTANCE_WORDS = {"away", "mile", "miles", "kilometer", "kilometers", "kilometre", "kilometres", "km"}


def distance_reference(token: Token) -> bool:
    """ "In Avdiivka, two miles away from the city of Donetsk": a place named only to measure from."""
    node = token
    for _ in range(4):
        if node.dep_ == "pobj" and node.head.lower_ == "from":
            return node.head.head.lower_ in DISTANCE_WORDS
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def describes_named_place(token: Token, place_nouns: Collection[str]) -> bool:
    """ "the Black Sea port of Odesa": a place that only describes a place noun named by its own "of X"."""
    node = token
    while node.dep_ == "compound" and node.head.i != node.i:
        node = node.head
    if node is token or node.lemma_.lower() not in place_nouns:
        return False
    ofs = [c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"]
    return any(g.pos_ == "PROPN" for c in ofs for g in c.children)


def list_member(token: Token, place_nouns: Collection[str]) -> bool:
    """ "Odesa and Lviv", "the port of Odesa, the city of Kharkiv and the city of Lviv": a place named in a
    coordinated list, by itself or as the name of a coordinated place noun."""
    if token.dep_ == "conj":
        return True
    node = token
    while node.dep_ in ("compound", "appos") and node.head.i != node.i:
        node = node.head
    of = node.head
    if node.dep_ != "pobj" or of.lower_ != "of" or of.head.lemma_.lower() not in place_nouns:
        return node.dep_ == "conj"
    noun = of.head
    return noun.dep_ == "conj" or any(c.dep_ == "conj" for c in noun.children)
