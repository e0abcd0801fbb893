"""Syntax helpers of the event families: sides, places, dates and money around a trigger.

The functions read the dependency parse (subjects, "to X", "by X", coordinated names)
and the entity mentions that ``EventContext`` (``nlp/eventcontext.py``) indexes.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from sitrep.nlp.actors import is_location
from sitrep.nlp.placeroles import apposed_detail, describes_named_place, distance_reference, list_member
from sitrep.nlp.triggers import Trigger

if TYPE_CHECKING:
    from sitrep.nlp.eventcontext import EventContext

# Closed-class grammar words (prepositions, determiners, listing words) and the few verbs and nouns
# whose syntax the helpers below read (dying, thanking): English grammar, not per-conflict vocabulary.
TOPIC_PREPS = {"on", "about", "regarding", "concerning"}
TARGET_PREPS = {"at", "on", "of", "against"}
VICTIM_VERBS = {"die", "kill", "injure", "wound"}
LISTING = {"including", "include"}
ANAPHORIC_DETS = {"the", "this", "these", "that", "those", "such"}
MONEY = re.compile(
    r"(?:(?:US)?\$|USD|US\s?dollars)\s?(\d[\d,]*(?:\.\d+)?)\s*(million|billion|bn|mln|m|trillion)?\b"
    r"|(\d[\d,]*(?:\.\d+)?)\s*(million|billion|trillion)?\s*(?:US\s)?dollars\b",
    re.I,
)
SCALE = {"million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}


def is_negated(token: Token) -> bool:
    """ "did not meet", "there was no agreement reached": the event is denied."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    if token.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return True
    return any(c.dep_ == "neg" for c in (*token.children, *verb.children))


def governed_by(doc: Doc, trig: Trigger, others: list[Trigger]) -> bool:
    heads = {o.start for o in others if o is not trig}
    node = doc[trig.start]
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i in heads:
            return True
    return False


def is_incident(head: Token) -> bool:
    """ "a Russian missile strike", "A Russian tank fired", "fired at a minibus", "the shelling of an
    apartment building": one specific incident, not the campaign."""
    subj = subject_of(head) if head.pos_ in ("VERB", "AUX") else None
    if any(token is not None and _indefinite(token) for token in (head, subj)) or has_single_target(head):
        return True
    return _single_victim(head)


def _single_victim(head: Token) -> bool:
    """ "She died as a result of Russian shelling": one person's death is one incident."""
    for node in [head, *list(head.ancestors)[:4]]:
        if node.pos_ == "VERB" and node.lemma_ in VICTIM_VERBS:
            return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("he", "she") for c in node.children)
    return False


def _indefinite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)


def has_single_target(head: Token) -> bool:
    """The attack names one target with "a"/"an": "fired at a house", "shelling of an apartment building"."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
        if any(g.dep_ == "pobj" and _indefinite(g) for g in prep.children):
            return True
    return False


def is_nominal(head: Token) -> bool:
    """A noun, or a gerund used as one ("as a result of Russian artillery shelling")."""
    return head.pos_ == "NOUN" or (head.tag_ == "VBG" and head.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass"))


def is_anaphoric(head: Token) -> bool:
    """ "this pause", "the talks" (not "the shelling of an apartment building": a new target)."""
    det = any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in head.children)
    return det and is_nominal(head) and not has_single_target(head)


def subject_of(head: Token) -> Token | None:
    node = head
    for _ in range(6):
        for child in node.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
            if child.dep_ == "agent" or (node.pos_ == "NOUN" and child.dep_ == "prep" and child.lower_ == "by"):
                return next((g for g in child.children if g.dep_ == "pobj"), None)  # "a commitment by G7 leaders"
        owner = _owner(node.head) if node.dep_ == "acl" else None
        if owner is not None:
            return None if owner.lower_ in ("their", "its", "his", "her") else owner  # "their commitment to provide"
        if node.head.i == node.i or node.dep_ not in (
            "xcomp",
            "ccomp",
            "advcl",
            "conj",
            "pcomp",
            "prep",
            "relcl",
            "acl",
            "acomp",
            "pobj",
            "dobj",
            "attr",
        ):
            return None
        node = node.head
    return None


def _owner(noun: Token) -> Token | None:
    return next((c for c in noun.children if c.dep_ == "poss"), None)


# Dependency labels and the English words of thanks that mark a giver ("grateful to X for"): syntax.
CLAUSES = ("relcl", "acl", "advcl", "ccomp", "xcomp", "csubj")
THANK_HEADS = {"thank", "grateful", "gratitude", "thankful", "appreciation", "appreciate"}


def givers_of(ctx: EventContext, head: Token) -> list[str]:
    """Who gives: named before a noun ("U.S. assistance"), "from/by X", a thanked party
    ("thanked Slovakia for providing"), else the subject of the verb or of the clause above."""
    if head.pos_ == "NOUN":
        before = [
            t for t in head.subtree if t.i < head.i or (t.head.i == head.i and t.dep_ in ("poss", "amod", "compound"))
        ]
        codes = ctx.actors.codes_in(before) or ctx.actors.codes_in(t for t in phrase_of(head) if not after_to(t))
        if codes:
            return codes[:1]
    own = next((c for c in head.children if c.dep_ in ("nsubj", "agent")), None) if head.pos_ != "NOUN" else None
    thanked = thanked_giver(ctx, head) if own is None else None
    if thanked:
        return [thanked]
    subj = subject_of(head)
    if subj is None:
        return []
    if subj.lower_ in ("he", "she"):
        person = ctx.persons.last_before(subj.i)
        code = ctx.actors.person_codes.get(person.name) if person else None
        return [code] if code is not None else []
    group = coordinated(subj)
    each = [ctx.actors.code_of_token(t) or ctx.actors.first_code(t.lefts) for t in group]
    found = [c for c in each if c is not None]
    return list(dict.fromkeys(found)) if found else ctx.actors.codes_in(subj.subtree)[:1]


def phrase_of(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without the clauses inside it ("systems that counter the Russian use ...")."""
    out, todo = [], [head]
    while todo:
        token = todo.pop()
        out.append(token)
        todo.extend(c for c in token.children if c.dep_ not in CLAUSES)
    return sorted(out, key=lambda t: t.i)


def thanked_giver(ctx: EventContext, head: Token) -> str | None:
    """ "thanked X for providing", "grateful to X for the package": X gave."""
    node, through_for = head, False
    for _ in range(6):
        if node.head.i == node.i:
            return None
        through_for = through_for or (node.dep_ == "prep" and node.lower_ == "for")
        node = node.head
        if node.lemma_.lower() in THANK_HEADS and through_for:
            return _thanked(ctx, node)
    return None


def _thanked(ctx: EventContext, thank: Token) -> str | None:
    for child in thank.children:
        if child.dep_ == "dobj" and child.lower_ not in ("you", "them", "him", "her"):
            return ctx.actors.first_code(child.subtree)
        if child.dep_ == "prep" and child.lower_ == "to":
            return ctx.actors.first_code(child.subtree)
    return None


def coordinated(token: Token) -> list[Token]:
    """``token`` and the names listed with it ("France, Canada, the UK and Norway",
    "Several Allies, including Canada and Norway")."""
    group, todo = [token], [token]
    while todo:
        for child in todo.pop().children:
            listed = child.dep_ in ("conj", "appos") and child.pos_ in ("PROPN", "NOUN")
            members = [g for g in child.children if g.dep_ == "pobj"] if child.lower_ in LISTING else []
            for member in ([child] if listed else []) + members:
                group.append(member)
                todo.append(member)
    return sorted(group, key=lambda t: t.i)


def unnamed_giver(ctx: EventContext, head: Token, aid_nouns: set[str]) -> bool:
    """The giver is there but names no side: "countries", "other Allies and partners" (not "it",
    "the assistance", nor the thing given: "Abrams tanks will arrive", "deliveries will start again")."""
    subj = subject_of(head) if head.pos_ != "NOUN" or head.dep_ in ("nsubj", "nsubjpass") else None
    if subj is None or subj.pos_ == "PRON" or is_anaphoric(subj) or subj.lemma_.lower() in aid_nouns:
        return False
    if subj.i in ctx.items_at:
        return False
    return subj.pos_ in ("NOUN", "PROPN") and subj.tag_ in ("NNS", "NNPS") and subj.ent_type_ not in ("GPE", "NORP")


def has_agent(token: Token) -> bool:
    """A passive with its doer named: "donated by Italy"."""
    return any(c.dep_ == "agent" for c in token.children)


def after_to(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in ("to", "for", "into")


def about(token: Token, head: Token) -> bool:
    """``token`` sits in a topic phrase under ``head``: "provided an update on security assistance"."""
    node = token
    while node.i not in (head.i, node.head.i):
        if node.dep_ == "prep" and node.lower_ in TOPIC_PREPS and node.head.i != head.i:
            return True
        node = node.head
    return False


def recipient_of(ctx: EventContext, head: Token) -> str | None:
    code = prep_code(ctx, head, ("to", "for", "into"), allow_place=True)
    if code:
        return code
    for child in head.children:
        if child.dep_ in ("dative", "iobj"):
            return ctx.actors.first_code(child.subtree, allow_place=True)
    objs = [c for c in head.children if c.dep_ == "dobj"]
    if len(objs) > 1 or (objs and ctx.actors.code_of_token(objs[0]) and objs[0].pos_ == "PROPN"):
        return ctx.actors.code_of_token(objs[0], allow_place=True)
    return None


def prep_code(ctx: EventContext, head: Token, preps: tuple[str, ...], allow_place: bool = False) -> str | None:
    for tok in head.subtree:
        if tok.dep_ == "pobj" and tok.head.lower_ in preps:
            own = [t for t in tok.subtree if t.i <= tok.i or t.dep_ in ("appos",)]
            code = ctx.actors.first_code(own, allow_place=allow_place)
            if code:
                return code
    return None


# Nouns that name a place by the name after "of": "the city of Lviv", "the outskirts of Kyiv" (grammar of places).
PLACE_NOUNS = {
    "city",
    "town",
    "village",
    "region",
    "province",
    "oblast",
    "district",
    "outskirts",
    "outskirt",
    "port",
    "suburb",
}


def _locative(token: Token) -> bool:
    """ "in Kyiv", and "in the western city of Lviv", "on the outskirts of Kyiv" (the named place of a place noun)."""
    if is_location(token):
        return True
    venue = token
    while venue.dep_ in ("nmod", "poss", "compound") and venue.head.i != venue.i:
        venue = venue.head  # "at the Mar-a-Lago resort", "at Trump's Mar-a-Lago"
    if venue is not token and is_location(venue):
        return True
    node = token
    while node.dep_ in ("compound", "conj", "appos") and node.head.i != node.i:
        node = node.head
    of = node.head
    return node.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in PLACE_NOUNS


def _target_of(token: Token, head: Token) -> bool:
    """ "hit Kharkiv", "strikes against Odesa", "hit Kyiv and surrounding areas": the place struck."""
    while token.dep_ in ("compound", "conj", "appos", "nmod") and token.head.i != token.i:
        token = token.head
    return (token.head.i == head.i and token.dep_ == "dobj") or (
        token.dep_ == "pobj" and token.head.lower_ == "against" and token.head.head.i == head.i
    )


# Words that join the names of a list: "Bakhmut, Avdiivka and Vuhledar".
LIST_GLUE = {",", "and", "or", ", and"}


def _places_found(ctx: EventContext, trig: Trigger, states: bool, targets: bool = False) -> list[tuple[int, str]]:
    sent = ctx.sentence(trig)
    head = trig.head(ctx.doc)
    found: list[tuple[int, str]] = []
    last_end = -1
    for place in ctx.places.between(sent.start, sent.end):
        last = ctx.doc[place.start : place.end].root
        if last.pos_ == "DET":  # "the Donbas" of "the Donbas region": the name, not its article
            last = ctx.doc[place.end - 1]
        listed = last_end >= 0 and _glue_only(ctx.doc[last_end : place.start])
        if _locative(last) or (targets and _target_of(last, head)) or (targets and listed):
            found.append((place.start, place.name))
            last_end = place.end
    if states:
        for actor in ctx.actor_mentions.between(sent.start, sent.end):
            if actor.kind in ("state", "institution") and is_location(ctx.doc[actor.end - 1]):
                found.append((actor.start, re.sub(r"^the\s+", "", actor.text, flags=re.I)))
    return sorted(found)


def _glue_only(tokens: Span) -> bool:
    """ "Bakhmut, Avdiivka and Vuhledar": only commas and "and" between two places."""
    return len(tokens) > 0 and all(t.lower_ in LIST_GLUE for t in tokens)


def _outermost(ctx: EventContext, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """ "at Trump's Mar-a-Lago resort in Florida": the venue, not the state around it."""
    starts = {i for i, _ in found}
    inner = set()
    for i, _ in found:
        node = ctx.doc[i]
        for _ in range(5):
            if node.head.i == node.i:
                break
            node = node.head
            if node.dep_ == "conj" or ctx.doc[i].dep_ == "conj":
                break  # "in Italy and Ukraine": a list, not a place inside another
            named = {node.i} | {c.i for c in node.children if c.dep_ in ("compound", "poss")}
            if (named & starts) - {i}:
                inner.add(i)
                break
    kept = [f for f in found if f[0] not in inner]
    return kept or found


def place_of(ctx: EventContext, trig: Trigger, states: bool, own_clause: bool = False) -> str | None:
    """The place named for the event at ``trig``; with ``own_clause``, only one outside the sentence's other
    clauses ("the talks, which followed the deal agreed in Anchorage": not in Anchorage)."""
    found = _places_found(ctx, trig, states)
    if own_clause:
        head = trig.head(ctx.doc)
        found = [f for f in found if not _in_other_clause(ctx.doc[f[0]], head)]
    if not found:
        return None
    coordinated = len(found) > 1 and any(ctx.doc[i].dep_ == "conj" for i, _ in found)
    found = _outermost(ctx, found) if len(found) > 1 else found
    return None if coordinated else min(found, key=lambda f: abs(f[0] - trig.start))[1]


def _in_other_clause(place: Token, head: Token) -> bool:
    """Whether a verb lies between ``place`` and the first word that governs both it and ``head``."""
    above_head = {t.i for t in head.ancestors} | {head.i}
    node = place
    for _ in range(12):
        if node.i in above_head or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.i not in above_head:
            return True
    return False


def city_of(ctx: EventContext, trig: Trigger) -> str | None:
    return place_of(ctx, trig, states=False)


def cities_of(ctx: EventContext, trig: Trigger) -> list[str]:
    """The places of an incident: the nearest one, or every one of a list ("in Odesa and Kryvyi Rih")."""
    found = _places_found(ctx, trig, states=False, targets=True)
    listed = any(list_member(ctx.doc[i], PLACE_NOUNS) for i, _ in found)
    listed = listed or any(_glue_only(ctx.doc[a + 1 : b]) for (a, _), (b, _) in pairwise(found))
    found = [f for f in found if not describes_named_place(ctx.doc[f[0]], PLACE_NOUNS)]
    found = [f for f in found if not distance_reference(ctx.doc[f[0]])] or found
    sent = ctx.sentence(trig)
    named = {i for p in ctx.places.between(sent.start, sent.end) for i in range(p.start, p.end)}
    found = [f for f in found if not apposed_detail(ctx.doc[f[0]], named)] or found
    if len(found) > 1 and listed:
        return list(dict.fromkeys(name for _, name in found))
    return [min(found, key=lambda f: abs(f[0] - trig.start))[1]] if found else []


def nearest_date(ctx: EventContext, trig: Trigger, sent: Span) -> str | None:
    inside = ctx.dates.between(sent.start, sent.end)
    if not inside:
        return None
    return min(inside, key=lambda d: abs(d.start - trig.start)).value


def money_in(text: str) -> float | None:
    match = MONEY.search(text)
    if not match:
        return None
    number, scale = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    return float(number.replace(",", "")) * SCALE.get((scale or "").lower(), 1.0)


def coordinated_money(ctx: EventContext, sent: Span) -> list[float]:
    """Further sums listed with the sentence's first one ("a $1 billion package and $500 million in
    budget support"): each is its own decision. A sum that is not coordinated (a total) is left out."""
    roots: list[tuple[float, Token]] = []
    for match in MONEY.finditer(sent.text):
        span = ctx.doc.char_span(
            sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand"
        )
        value = money_in(match.group(0))
        if span is not None and value is not None:
            roots.append((value, span.root))
    if len(roots) < 2:
        return []
    first = roots[0][1]
    extra = []
    for value, root in roots[1:]:
        if root.dep_ == "conj" and first in root.head.subtree and value != roots[0][0]:
            extra.append(value)
    return extra


# Dependency labels of clauses beside or inside another: syntax, not vocabulary.
OTHER_CLAUSES = ("ccomp", "relcl", "advcl", "conj", "parataxis", "acl")


def clause_text(head: Token, sent: Span) -> str:
    """The lower-case words of the clause ``head`` sits in, without the clauses beside or inside it
    ("the Summit that will expand": "will" is not the summit's; "meetings would take place": it is)."""
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.sent == sent:
        verb = verb.head
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:  # "is going to be talking", "plan to meet"
        verb = verb.head
    keep: set[int] = set()
    todo = [verb]
    while todo:
        token = todo.pop()
        keep.add(token.i)
        todo.extend(c for c in token.children if c.dep_ not in OTHER_CLAUSES or head in c.subtree)
    return " ".join(t.lower_ for t in sent if t.i in keep)


def is_unreal(token: Token, unreal: frozenset[str]) -> bool:
    """ "the possibility of imposing sanctions", "his willingness to adopt a ceasefire": a head
    word of ``unreal`` governs ``token`` (or modifies a noun that does): none happened yet."""
    chain = [token, *list(token.ancestors)[:4]]
    near = chain + [c for t in chain if t.pos_ == "NOUN" for c in t.children if c.dep_ == "amod"]
    return any(t.lemma_.lower() in unreal for t in near)
