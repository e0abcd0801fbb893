"""ATTACK: strikes, shelling, interceptions and battles, the attacker first.

The attacker is named before an attack noun ("Russian strikes"), "by/from X", the
subject of the verb, the owner of an intercepted munition, or the side that
attacked last when the text only says "the enemy". A battle ("the battle of Kyiv",
"fighting around Bakhmut") is one attack per place named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from sitrep.eventtypes import EventType
from sitrep.nlp.actors import is_location
from sitrep.nlp.categories import MUNITIONS
from sitrep.nlp.cuesets import cueset, load_cues
from sitrep.nlp.eventcontext import EventContext
from sitrep.nlp.eventsyntax import cities_of, is_anaphoric, is_incident, is_nominal, prep_code, subject_of
from sitrep.nlp.families.base import Family, family
from sitrep.nlp.lexicon import Lexicons
from sitrep.nlp.mentions import EventMention, PlaceMention
from sitrep.nlp.triggers import Trigger

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DAY = re.compile(rf"\b(?:(?:{MONTHS})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTHS}))\b")


@cueset("events")
@dataclass(frozen=True)
class AttackCues:
    """The cue lists of the attack family."""

    attack_strong: frozenset[str]  # verbs and nouns that are an attack by themselves: "strike", "shell"
    hostile_refs: frozenset[str]  # "the enemy", "the occupiers": the side that attacked last
    attack_nonviolent_means: frozenset[str]  # "hit oligarchs with sanctions": struck with a measure, no attack
    attack_on_places: frozenset[str]  # "invaded the Kursk region", "besieged Mariupol": an attack on a place named
    attack_siege_states: frozenset[str]  # "the besieged city of Mariupol": a lasting attack on the place described


@family(EventType.ATTACK)
class AttackFamily(Family):
    """Attacks and battles."""

    def __init__(self, lex: Lexicons) -> None:
        super().__init__(lex)
        self.cues = load_cues(AttackCues, lex)

    def mentions(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        head = trig.head(ctx.doc)
        if trig.label == "battle":
            yield from self._battle(ctx, trig, head)
            return
        if not self._is_attack(ctx, head, trig):
            return
        attacker = self._attacker(ctx, head, trig)
        if attacker is None and trig.label not in ("killed", "injured"):  # not "lives taken by the occupiers"
            attacker = self._hostile(ctx, head)
        anaphoric = is_anaphoric(head)
        places = self._besieged(ctx, head) or cities_of(ctx, trig)  # the place besieged before any place near
        struck = _struck_places(ctx, head)
        places = struck or places
        if attacker is None:
            attacker = self._victims_enemy(ctx, trig, places)
        if attacker is None:
            prev = ctx.last(EventType.ATTACK)
            if not (anaphoric and prev):
                return
            attacker = prev.actors[0]
        target = prep_code(ctx, head, ("on", "at", "against", "across", "in", "of"), allow_place=True)
        if target is None or target == attacker:
            objects = [c for c in head.children if c.dep_ == "dobj"]
            target = next((c for o in objects for c in ctx.actors.codes_in(o.subtree, allow_place=True)), None)
        if target is None or target == attacker:
            target = self._place_side(ctx, trig, places, attacker)
        enemies = self.lex.opponents.get(attacker, ())
        fallback = enemies[0] if len(enemies) == 1 else ctx.default_other(attacker)  # the other side of its war
        target = target if target and target != attacker else fallback
        actors = [attacker] + ([target] if target else [])
        one_off = self._one_off(ctx, trig)
        distinct = not self._siege_state(head) and (one_off or len(places) > 1)
        if len(places) > 1 and not (one_off or struck) and head.tag_ == "NNS" and _across(ctx, trig, places):
            places = places[:1]  # "attacks have intensified in Kharkiv, Luhansk and Donetsk": one campaign
        named: list[str | None] = list(places) or [None]
        for place in named:  # "strikes on Odesa and Kryvyi Rih": one incident per place
            mention = ctx.mention(
                EventType.ATTACK,
                "held",
                list(actors),
                trig,
                anaphoric=anaphoric and not struck,  # "the strikes destroyed A in X and B in Y": new targets
                place=place,
                distinct=distinct,
            )
            if not _retold(ctx, mention):
                yield mention

    def _place_side(self, ctx: EventContext, trig: Trigger, places: list[str], attacker: str) -> str | None:
        """ "a Russian strike on the outskirts of Zhytomyr": the side struck is the place's."""
        countries = {p.country for p in ctx.places.between(*self._sentence_bounds(ctx, trig)) if p.name in places}
        country = countries.pop() if len(countries) == 1 else None
        return country if country != attacker else None

    def _victims_enemy(self, ctx: EventContext, trig: Trigger, places: list[str]) -> str | None:
        """ "Shells hit Kharkiv": no attacker named; a strike on a place of one side of a war is its enemy's."""
        lemma = ctx.doc[trig.start].lemma_.lower()
        strong = lemma in self.cues.attack_strong | self.cues.attack_on_places
        struck = trig.label in ("hit", "launched") and _munition_subject(ctx, trig.head(ctx.doc))
        if trig.label in ("killed", "injured") or not (strong or struck):
            return None
        bounds = self._sentence_bounds(ctx, trig)
        countries = {p.country for p in ctx.places.between(*bounds) if p.name in places and p.country}
        if len(countries) != 1:
            return None
        country = countries.pop()
        if country is None or country not in self.lex.opponents:
            return None
        enemies = self.lex.opponents[country]
        return enemies[0] if len(enemies) == 1 else None

    @staticmethod
    def _sentence_bounds(ctx: EventContext, trig: Trigger) -> tuple[int, int]:
        sent = ctx.sentence(trig)
        return sent.start, sent.end

    def _is_attack(self, ctx: EventContext, head: Token, trig: Trigger) -> bool:
        """A strong attack word, or a weaker one ("launched", "hit") with a munition it acts on."""
        lemma = head.lemma_.lower()
        if self._by_nonviolent_means(head) or _contrasted(head):
            return False
        if lemma in self.cues.attack_on_places:
            return self._on_a_place(ctx, head)
        subtree_items = ctx.items.between(head.left_edge.i, head.right_edge.i + 1)
        has_munition = any(m.category in MUNITIONS for m in subtree_items)
        if lemma not in self.cues.attack_strong and not has_munition:
            return False
        # "launched the Contact Group", "launch production"
        return not (lemma == "launch" and not (has_munition or self._launches_weapon(ctx, head)))

    def _besieged(self, ctx: EventContext, head: Token) -> list[str]:
        """ "Mariupol has been besieged": the place is the passive subject (its first place: not the "Sea of
        Azov" of "Mariupol, a port on the Sea of Azov, has been besieged")."""
        if head.lemma_.lower() not in self.cues.attack_on_places:
            return []
        subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
        if self._siege_state(head):  # "the besieged city of Mariupol", "besieged Mariupol"
            subjects.append(head.head)
        return [p.name for c in subjects for p in ctx.places.between(c.left_edge.i, c.right_edge.i + 1)[:1]]

    def _siege_state(self, head: Token) -> bool:
        """ "the besieged city", "encircled Mariupol": a siege told as the state of a place."""
        return head.dep_ == "amod" and head.lemma_.lower() in self.cues.attack_siege_states

    def _on_a_place(self, ctx: EventContext, head: Token) -> bool:
        """ "invaded the Kursk region", "targeted power plants in Odesa region", "Mariupol was besieged": a place
        below a city or a state's whole name is struck ("invaded Ukraine in 2022" is the war's background,
        "targeted the sisters" a sanction)."""
        parts = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "prep")]
        spans = [(c.left_edge.i, c.right_edge.i + 1) for c in parts]
        if self._siege_state(head):  # "the besieged city of Mariupol": the place noun it describes
            spans.append((head.head.i, head.head.right_edge.i + 1))
        places = [p for lo, hi in spans for p in ctx.places.between(lo, hi)]
        states = ("state",)
        return any(getattr(ctx.actors.actor_at.get(p.start), "kind", None) not in states for p in places)

    def _by_nonviolent_means(self, head: Token) -> bool:
        """ "hit 14 more Russians with sanctions", "struck the banks with tariffs", "the round of sanctions
        targets senators": a measure, not an attack."""
        owners = [head, *[c for c in head.children if c.dep_ == "dobj"]]
        withs = [c for o in owners for c in o.children if c.dep_ == "prep" and c.lower_ == "with"]
        means = [g for w in withs for g in w.children if g.dep_ == "pobj"]
        subj = subject_of(head) if not is_nominal(head) else None
        means += list(subj.subtree) if subj is not None else []  # "the new round of sanctions targets X"
        return any(g.lemma_.lower() in self.cues.attack_nonviolent_means for g in means)

    @staticmethod
    def _one_off(ctx: EventContext, trig: Trigger) -> bool:
        """One incident: told as one ("a Russian strike", "fired at a house") or dated to a day."""
        sent = ctx.sentence(trig)
        days = [e for e in sent.ents if e.label_ == "DATE" and DAY.search(e.text)]
        return is_incident(trig.head(ctx.doc)) or bool(days)

    def _hostile(self, ctx: EventContext, head: Token) -> str | None:
        """ "enemy missile attack", "the occupiers hit": the side that attacked last in the text."""
        subj = subject_of(head) if not is_nominal(head) else None
        words = [t for t in head.subtree if t.i < head.i] if is_nominal(head) else list(subj.subtree if subj else [])
        if not any(t.lemma_.lower() in self.cues.hostile_refs for t in words):
            return None
        return ctx.log.attacker_besides("")  # the latest attacker: the enemy of the story

    def _launches_weapon(self, ctx: EventContext, head: Token) -> bool:
        """ "launched strikes", "the drones that Russia launched" (not "launched the Contact Group")."""
        if any(t.lemma_.lower() in self.cues.attack_strong for t in head.subtree if t.i != head.i):
            return True
        modified = head.head if head.dep_ in ("relcl", "acl") else None
        return modified is not None and any(m.category in MUNITIONS for m in ctx.items_at.get(modified.i, ()))

    def _battle(self, ctx: EventContext, trig: Trigger, head: Token) -> Iterator[EventMention]:
        """ "the battle of Kyiv", "fighting in and around Bakhmut": one attack per place named."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return
        named = ctx.places.between(head.i + 1, head.right_edge.i + 1)
        places = [p for p in named if is_location(ctx.doc[p.end - 1])]
        places += [p for p in named if ctx.doc[p.end - 1].dep_ in ("pobj", "conj") and p not in places]
        for place in places:
            actors = self._battle_sides(ctx, head, place.country, self.lex.opponents)
            if actors:  # a siege lasts: told again ("the besieged port", "the siege of X") it is one attack
                distinct = head.lemma_.lower() != "siege"
                yield ctx.mention(EventType.ATTACK, "held", actors, trig, place=place.name, distinct=distinct)

    @staticmethod
    def _battle_sides(
        ctx: EventContext, head: Token, country: str | None, opponents: dict[str, tuple[str, ...]]
    ) -> list[str]:
        """Attacker first: named, or the place's own side for a counteroffensive, else its one enemy in
        ``conflicts.jsonl`` (not a third state the sentence names), else the story's enemy of it."""
        if country is None:
            return []
        named = ctx.actors.codes_in([t for t in head.subtree if t.i < head.i])
        attacker = named[0] if named else prep_code(ctx, head, ("by",))
        enemies = opponents.get(country, ())
        if attacker is None and head.lemma_.lower().startswith("counter"):
            attacker = country
        if attacker is None:
            attacker = enemies[0] if len(enemies) == 1 else ctx.enemy_of(country)
        target = country if country != attacker else ctx.default_other(attacker)
        return [a for a in (attacker, target) if a]

    @staticmethod
    def _attacker(ctx: EventContext, head: Token, trig: Trigger) -> str | None:
        if trig.label == "intercepted":
            for m in ctx.items.between(head.left_edge.i, head.right_edge.i + 1):
                if m.category in MUNITIONS:
                    code = ctx.actors.codes_in(ctx.doc[max(0, m.start - 3) : m.end])
                    if code:
                        return code[0]
            return None
        if is_nominal(head):
            lead = [t for t in head.subtree if t.i < head.i]
            if head.dep_ == "conj":  # "Russian missile and drone attack": modifiers shared with the first noun
                lead += [t for t in head.head.subtree if t.i < head.head.i]
            code = ctx.actors.codes_in(lead)
            if code:
                return code[0]
            by = prep_code(ctx, head, ("by", "from"))
            if by:
                return by
        if head.tag_ == "VBN" and not any(c.lemma_ == "have" for c in head.children):
            return prep_code(ctx, head, ("by",))  # "30,000 Russian soldiers killed", "a school damaged": the victim
        subj = subject_of(head)
        if subj is not None:
            codes = ctx.actors.codes_in(subj.subtree)
            return codes[0] if codes else prep_code(ctx, head, ("by",))  # "Mariupol has been besieged by X"
        return prep_code(ctx, head, ("by",))


def _munition_subject(ctx: EventContext, head: Token) -> bool:
    """ "missiles rained down on Odesa", "shells hit Kharkiv": the weapons themselves are the subject."""
    subj = subject_of(head) if not is_nominal(head) else None
    if subj is None:
        return False
    return any(m.category in MUNITIONS for m in ctx.items.between(subj.left_edge.i, subj.right_edge.i + 1))


def _struck_places(ctx: EventContext, head: Token) -> list[str]:
    """ "the strikes on Lviv destroyed a depot and an ammunition facility in the Kyiv region", "the strikes
    destroyed a factory in Kyiv and a repair facility in Mykolaiv": each target listed in its own place
    (none when the attack's subject names no two targets with places)."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.pos_ != "VERB":
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    objects = [o for o in objects if o.i not in ctx.actors.place_at]  # "in southern Ukraine": where it all was
    objects += [c for o in objects for c in o.subtree if c.dep_ == "conj" and c.head.i == o.i]
    if len(objects) < 2:
        return []
    own = [p.name for p in ctx.places.between(head.left_edge.i, head.right_edge.i + 1)]
    found = []
    for obj in objects:
        end = max((c.right_edge.i for c in obj.children if c.dep_ != "conj"), default=obj.i) + 1
        named = [p for p in ctx.places.between(obj.left_edge.i, end) if _locative_place(ctx, p)]
        found += [named[-1].name] if named else []
    listed = list(dict.fromkeys(own + found))
    return listed if found and len(listed) > 1 else []


def _locative_place(ctx: EventContext, place: PlaceMention) -> bool:
    """A place named as where ("in Mykolaiv"), not where something was sent ("delivered to Ukraine")."""
    token = ctx.doc[place.end - 1]
    return is_location(token) and token.head.lower_ in ("in", "at", "near", "outside")


def _across(ctx: EventContext, trig: Trigger, places: list[str]) -> bool:
    """ "attacks have intensified in Kharkiv, Luhansk and Donetsk regions": the places are where a campaign
    goes on ("in", "across"), not targets struck one by one ("separate attacks on Odesa and Kryvyi Rih")."""
    sent = ctx.sentence(trig)
    first = next((p for p in ctx.places.between(sent.start, sent.end) if p.name == places[0]), None)
    if first is None:
        return False
    node = ctx.doc[first.end - 1]
    while node.dep_ in ("compound", "conj", "appos", "nmod") and node.head.i != node.i:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in ("in", "across", "throughout")


def _contrasted(head: Token) -> bool:
    """ "rather than direct strikes on reactors", "instead of an attack": named to be set aside."""
    start = head.left_edge.i
    before = [t.lower_ for t in head.doc[max(0, start - 2) : start]]
    return before in (["rather", "than"], ["instead", "of"])


def _retold(ctx: EventContext, mention: EventMention) -> bool:
    """An incident told again in another sentence (a photo caption, a recap): the same attacker and place on
    the same day as an earlier incident counts once (two incidents told as one-offs never merge)."""
    if mention.place is None or not mention.distinct:
        return False
    for other in ctx.found.events:
        if other.type != EventType.ATTACK or other.sentence == mention.sentence or other.place is None:
            continue
        if not other.distinct:
            continue
        same_day = other.date is None or mention.date is None or other.date == mention.date
        if other.actors[:1] == mention.actors[:1] and other.place.lower() == mention.place.lower() and same_day:
            return True
    return False
