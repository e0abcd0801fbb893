"""SEIZE: control of a place or an area taken or retaken ("Russian forces captured the village of X",
"Ukraine said it had retaken Y", "regained 400 square kilometers", "X fell to Russian forces").

The ground is the object of the verb (the subject of "fell", the "of" phrase of "the capture of"):
a named place, or a ground noun ("village", "territory") with a place in its own phrase, or an
area ("400 square kilometers", which goes on the event as ``area_km2``). Anything else taken
("seized assets", "captured five tanks", "seized a ship") is no seizure.

Sides: the side that takes control first (the subject; "by X" in the passive; "to X" after
"fell"; a pronoun subject takes the subject of the clause above, "Ukraine said it had retaken"),
then the side that loses it when known: "from X", else the state the place lies in when it is
not the taker's, else, for a retaking, the taker's one opponent in ``conflicts.jsonl``. Forces driven
out ("Russian troops were expelled from 30 villages") lose the ground to "by X", the subject, or their
side's one opponent. A place told as held by a side not its own ("Mariupol is now in Russian hands",
"has been under Russian occupation since March") is a seizure by that side.

No event: a seizure denied ("denied that ... captured"), hoped for, planned or only possible
("aims to capture", "could fall", "failed to take"), negated or asked about.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from sitrep.eventtypes import EventType
from sitrep.nlp.cuesets import cueset, load_cues
from sitrep.nlp.eventcontext import EventContext
from sitrep.nlp.eventsyntax import is_unreal, prep_code, subject_of
from sitrep.nlp.families.base import Family, family
from sitrep.nlp.lexicon import Lexicons
from sitrep.nlp.mentions import EventMention, PlaceMention
from sitrep.nlp.triggers import Trigger, is_future

# Closed-class grammar words: modal auxiliaries ("could fall": no seizure yet).
MODALS = frozenset({"can", "could", "may", "might", "should", "would", "must", "will", "shall"})
# Dependency labels that stay inside the phrase of the ground ("the village of X", "the Kharkiv region").
OWN_PHRASE = frozenset({"compound", "appos", "amod", "det", "nummod", "poss", "conj", "cc", "pobj", "quantmod"})
# Closed-class grammar words: subordinators of a condition ("even if Bakhmut falls").
CONDITIONS = frozenset({"if", "unless", "whether", "lest"})
# Closed-class grammar words: prepositions that place an area taken ("400 square kilometers in X").
AREA_PREPS = frozenset({"in", "around", "near", "of"})
# Closed-class grammar words: personal pronouns that stand for a side named in the clause above.
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"})


@cueset("events")
@dataclass(frozen=True)
class SeizeCues:
    """The cue lists of the seize family."""

    seize_ground_nouns: frozenset[str]  # nouns of ground that can be taken: "village", "territory", "control"
    seize_area_units: dict[str, float]  # units of area, in square kilometers each
    seize_territory_nouns: frozenset[str]  # "reclaiming small areas" (plural): ground taken, an event with no place
    seize_unreal: frozenset[str]  # heads that make a seizure unreal: "aim", "deny", "fail", "plan"
    seize_handover_verbs: frozenset[str]  # "giving Russia control of the town": control handed to a side
    seize_force_nouns: frozenset[str]  # "Russian forces were expelled from X": the side driven out of ground


@family(EventType.SEIZE)
class SeizeFamily(Family):
    """Places and areas taken or retaken."""

    def __init__(self, lex: Lexicons) -> None:
        super().__init__(lex)
        self.cues = load_cues(SeizeCues, lex)
        self.units = sorted(
            ((u.split(), km2) for u, km2 in self.cues.seize_area_units.items()), key=lambda u: -len(u[0])
        )

    def mentions(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        head = trig.head(ctx.doc)
        if trig.label == "expelled":
            yield from self._expelled(ctx, trig, head)
            return
        if trig.label == "held":
            yield from self._held(ctx, trig, head)
            return
        ground = self._ground(head) if self._real(head) else None
        if ground is None:
            return
        places = self._places(ctx, ground) if self._is_ground(ctx, ground) else []
        if not places and ground.lemma_.lower() in self.cues.seize_ground_nouns:  # "a village in the Sumy region"
            places = [p for pobj in _pobjs(ground, frozenset({"in"})) for p in self._places(ctx, pobj)][:1]
        area = self._area(head)
        if area is not None and not places:  # "regained 400 square kilometers in the Kharkiv region"
            places = [p for pobj in _pobjs(head, AREA_PREPS) for p in self._places(ctx, pobj)][:1]
        territory = ground.lower_ in self.cues.seize_territory_nouns and ground.tag_ == "NNS"  # "small areas"
        if not places and area is None and not territory:
            return  # "seized assets", "captured the town": no place, no area, nothing to report
        taker = self._taker(ctx, head) or _clause_taker(ctx, head)
        if taker is None:
            return
        each: list[PlaceMention | None] = list(places) or [None]
        for place in each:
            loser = self._loser(ctx, head, taker, place, trig.label)
            actors = [taker] + ([loser] if loser and loser != taker else [])
            name = place.name if place else None
            yield ctx.mention(EventType.SEIZE, None, actors, trig, place=name, area_km2=area, distinct=bool(name))

    def _held(self, ctx: EventContext, trig: Trigger, head: Token) -> Iterator[EventMention]:
        """ "The city of Mariupol is now in Russian hands", "the plant has been under Russian occupation since
        March": a place held by a side not its own (not "territories under occupation", a noun's modifier, nor
        "under Ukrainian control" of a Ukrainian town)."""
        if head.dep_ == "dobj" and head.head.lemma_.lower() in self.cues.seize_handover_verbs:
            yield from self._handed(ctx, trig, head)
            return
        prep = head.head
        wanted = "in" if head.lemma_.lower() == "hand" else "under"
        if head.dep_ != "pobj" or prep.lower_ != wanted or prep.head.pos_ not in ("VERB", "AUX"):
            return
        verb = prep.head
        if _unreal_state(verb) or _conditional(verb):
            return
        owners = [c for c in head.children if c.dep_ in ("amod", "poss", "compound")]  # "Russian hands"
        holder = ctx.actors.codes_in(t for c in owners for t in c.subtree)
        clauses = [verb]  # "ZNPP is located in X, consists of Y, and has been under ...": the first verb's subject
        while clauses[-1].dep_ == "conj" and clauses[-1].head.i != clauses[-1].i:
            clauses.append(clauses[-1].head)
        subject = next((c for t in clauses for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if not holder or subject is None or not self._is_ground(ctx, subject):
            return
        yield from self._taken_state(ctx, trig, holder[0], subject)

    def _handed(self, ctx: EventContext, trig: Trigger, head: Token) -> Iterator[EventMention]:
        """ "The Ukrainians retreated, giving Russia control of the town": the side given control takes it."""
        verb = head.head
        if _unreal_state(verb):
            return
        given = [t for c in verb.children if c.dep_ in ("dative", "iobj") for t in c.subtree]
        takers = ctx.actors.codes_in(given)
        objects = _pobjs(head, frozenset({"of", "over"})) + _pobjs(verb, frozenset({"over"}))
        grounds = [g for g in objects if self._is_ground(ctx, g)]
        if not takers or not grounds:
            return
        yield from self._taken_state(ctx, trig, takers[0], grounds[0])

    def _taken_state(self, ctx: EventContext, trig: Trigger, taker: str, ground: Token) -> Iterator[EventMention]:
        """The first place named in ``ground``, taken by ``taker`` from its state when that is another one."""
        for place in self._places(ctx, ground)[:1]:
            if place.country and place.country != taker:
                actors = [taker, place.country]
                yield ctx.mention(EventType.SEIZE, None, actors, trig, place=place.name, distinct=True)

    def _expelled(self, ctx: EventContext, trig: Trigger, head: Token) -> Iterator[EventMention]:
        """ "Russian forces were expelled from 30 villages", "drove the troops out of X": the ground is retaken
        by the side of "by X", else by the one opponent of the forces' side, which loses it."""
        if head.pos_ != "VERB" or not self._real(head):
            return
        forces = next((c for c in head.children if c.dep_ in ("nsubjpass", "dobj")), None)
        if forces is None or forces.lemma_.lower() not in self.cues.seize_force_nouns:
            return
        loser = next(iter(ctx.actors.codes_in(forces.subtree)), None)
        outs = [head, *[c for c in head.children if c.lower_ == "out"]]  # "pushed out of X"
        objects = [g for o in outs for g in _pobjs(o, frozenset({"from", "of"}))]
        objects += [g for o in objects for g in _pobjs(o, frozenset({"of"}))]  # "from dozens of villages"
        grounds = [g for g in objects if self._is_ground(ctx, g)]
        if loser is None or not grounds:
            return
        places = self._places(ctx, grounds[0])
        opponents = self.lex.opponents.get(loser, ())
        subj = subject_of(head) if forces.dep_ == "dobj" else None
        named = ctx.actors.codes_in(subj.subtree) if subj is not None else []
        taker = prep_code(ctx, head, ("by",)) or next(iter(named), None)
        taker = taker or (opponents[0] if len(opponents) == 1 else None)
        territory = grounds[0].tag_ == "NNS"  # "expelled from 30 villages": ground retaken, no one place
        if taker is None or taker == loser or not (places or territory):
            return
        names: list[str | None] = [p.name for p in places]
        for name in names or [None]:
            yield ctx.mention(EventType.SEIZE, None, [taker, loser], trig, place=name, distinct=bool(name))

    def _real(self, head: Token) -> bool:
        """A seizure told as done: a verb, or a noun with its "of" phrase ("the capture of X"), not
        planned, possible, hoped for or denied."""
        if head.pos_ == "NOUN":
            if not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
                return False
        elif head.pos_ not in ("VERB", "AUX") or head.dep_ == "amod":
            return False  # "occupied territories": a state, not a change of hands
        if is_future(head) or is_unreal(head, self.cues.seize_unreal) or _conditional(head):
            return False
        chain = [head, *[t for t in head.ancestors if t.pos_ in ("VERB", "AUX")][:2]]
        return not any(c.dep_ == "aux" and c.lower_ in MODALS for t in chain for c in t.children)

    @staticmethod
    def _ground(head: Token) -> Token | None:
        """What was taken: the "of" object of a noun, the subject of "fell", the passive subject, the object."""
        obj: Token | None
        if head.pos_ == "NOUN":
            of = next(c for c in head.children if c.dep_ == "prep" and c.lower_ == "of")
            obj = next((g for g in of.children if g.dep_ == "pobj"), None)
        elif head.lemma_.lower() == "fall":
            obj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        else:
            passive = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            obj = passive or next((c for c in head.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() == "control":  # "took control of X", "expanded control in X"
            preps = [c for c in (*obj.children, *head.children) if c.dep_ == "prep" and c.i > obj.i]
            held = next((c for c in preps if c.lower_ in ("of", "in", "over")), None)
            obj = next((g for g in held.children if g.dep_ == "pobj"), None) if held is not None else None
        return obj

    def _is_ground(self, ctx: EventContext, ground: Token) -> bool:
        """A place named ("took Avdiivka") or a noun of ground ("the village of X"), not "took Moscow's side"."""
        return ground.i in ctx.actors.place_at or ground.lemma_.lower() in self.cues.seize_ground_nouns

    @staticmethod
    def _places(ctx: EventContext, ground: Token) -> list[PlaceMention]:
        """The places named in the ground's own phrase ("the villages of X and Y"), not beside it ("near Z")."""
        own, todo = set(), [ground]
        while todo:
            token = todo.pop()
            own.add(token.i)
            todo += [c for c in token.children if c.dep_ in OWN_PHRASE or (c.dep_ == "prep" and c.lower_ == "of")]
        return [p for p in ctx.places.between(min(own), max(own) + 1) if p.end - 1 in own]

    def _area(self, head: Token) -> float | None:
        """ "400 square kilometers" in the clause of the trigger, in square kilometers."""
        doc = head.doc
        words = list(head.subtree)
        for n, token in enumerate(words):
            for unit, km2 in self.units:
                end = token.i + len(unit)
                if end <= len(doc) and [t.lower_ for t in doc[token.i : end]] == unit and n > 0:
                    number = words[n - 1]
                    value = _number(number.text) if number.like_num else None
                    if value is not None:
                        return round(value * km2, 1)
        return None

    @staticmethod
    def _taker(ctx: EventContext, head: Token) -> str | None:
        if head.lemma_.lower() == "fall" and head.pos_ != "NOUN":
            return prep_code(ctx, head, ("to",))
        if head.pos_ == "NOUN":  # "Russia's capture of X", "the capture of X by Y", "Kyiv announced the capture of X"
            before = ctx.actors.codes_in([t for t in head.subtree if t.i < head.i])
            announcer = subject_of(head.head) if head.dep_ == "dobj" else None
            own = ctx.actors.codes_in(announcer.subtree) if announcer is not None else []
            return before[0] if before else prep_code(ctx, head, ("by",)) or (own[0] if own else None)
        if any(c.dep_ in ("nsubjpass", "agent") for c in head.children):
            return prep_code(ctx, head, ("by",))
        subj = subject_of(head)
        if subj is None:
            return None
        codes = ctx.actors.codes_in(subj.subtree)
        if codes:
            return codes[0]
        owned = any(c.dep_ == "poss" and c.lower_ in PRONOUNS for c in subj.children)  # "its forces"
        return _speaker_side(ctx, head) if subj.lower_ in PRONOUNS or owned else None

    def _loser(
        self, ctx: EventContext, head: Token, taker: str, place: PlaceMention | None, label: str | None
    ) -> str | None:
        stated = prep_code(ctx, head, ("from",))
        if stated:
            return stated
        if place is not None and place.country and place.country != taker:
            return place.country
        opponents = self.lex.opponents.get(taker, ())
        return opponents[0] if label == "retaken" and len(opponents) == 1 else None


def _unreal_state(verb: Token) -> bool:
    """A state told as to come or only possible ("will be in Russian hands", "could give Russia control")."""
    return is_future(verb) or any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def _speaker_side(ctx: EventContext, head: Token) -> str | None:
    """ "Ukraine said it had retaken": the side named as subject of the clause above; "we": the publisher's."""
    node = head
    while node.dep_ in ("ccomp", "xcomp", "conj", "advcl") and node.head.i != node.i:
        node = node.head
        subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
        codes = ctx.actors.codes_in(subj.subtree) if subj is not None else []
        if codes:
            return codes[0]
    subj = subject_of(head)
    if subj is not None and subj.lower_ in ("it", "they"):  # "While Moscow failed to take X, it expanded control"
        earlier = [t for t in subj.sent if t.i < subj.i and t.dep_ == "nsubj"]
        codes = [c for t in earlier for c in ctx.actors.codes_in(t.subtree, allow_place=True)]
        if codes:
            return codes[-1]
    ours = subj is not None and (subj.lower_ == "we" or any(c.lower_ == "our" for c in subj.children))
    return ctx.actors.home if ours else None


def _clause_taker(ctx: EventContext, head: Token) -> str | None:
    """ "Russian forces pushed in an assault that resulted in the capture of X": the side named as subject of
    a clause above the noun takes it."""
    if head.pos_ != "NOUN":
        return None
    node = head
    while node.head.i != node.i and node.dep_ not in ("ccomp", "xcomp", "attr"):  # not "X said that ..."
        node = node.head
        subj = next((c for c in node.children if c.dep_ == "nsubj"), None) if node.pos_ == "VERB" else None
        codes = ctx.actors.codes_in(subj.subtree) if subj is not None else []
        if codes:
            return codes[0]
    return None


def _conditional(head: Token) -> bool:
    """ "even if Bakhmut falls", "unless they take the town": a seizure only supposed."""
    chain = [head, *[t for t in head.ancestors if t.pos_ in ("VERB", "AUX")][:1]]
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for t in chain for c in t.children)


def _pobjs(head: Token, preps: frozenset[str]) -> list[Token]:
    """The objects of ``head``'s prepositions of ``preps``, and of its object's."""
    owners = [head, *[c for c in head.children if c.dep_ == "dobj"]]
    return [
        g
        for o in owners
        for c in o.children
        if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None
