"""SANCTION: sanctions, embargoes, price caps and export controls imposed.

Sides are the states the sentence names, in the order it names them; the sides of a
sanction are not directed (see ``sitrep.eventtypes``). A sentence that names only the
target and no imposer ("Today's sanctions on Russia") puts the publisher's side first.
Sanctions only possible or prepared ("the next package") are none. A sentence that names only
the target and no publisher's side takes the imposer of the story's last sanction.

Enforcement is a sanction too (ANNOTATE.md): a state boarding, detaining, seizing or
intercepting a tanker or other ship ("French forces boarded a Russia-linked tanker off
Brest"), the enforcer first, then the side the ship serves, at the place named for it. An entry ban
("barred Boris Johnson and other British officials from entering the country") is one too: the banning
side first, then the side of those barred.
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
from sitrep.nlp.mentions import EventMention
from sitrep.nlp.triggers import Trigger, is_future


@cueset("events")
@dataclass(frozen=True)
class SanctionCues:
    """The cue lists of the sanction family."""

    hypothetical_heads: frozenset[str]  # "ready to impose": none yet
    sanction_unreal: frozenset[str]  # "possible", "next", "prepare": none yet
    sanction_vessels: frozenset[str]  # "tanker", "vessel": what a boarding or a seizure enforces sanctions on
    sanction_entry_verbs: frozenset[str]  # "barred X from entering the country": an entry ban
    sanction_pending: frozenset[str]  # "an embargo is in the works / on the table / under discussion": none yet


@family(EventType.SANCTION)
class SanctionFamily(Family):
    """Sanctions imposed."""

    def __init__(self, lex: Lexicons) -> None:
        super().__init__(lex)
        cues = load_cues(SanctionCues, lex)
        self.unreal = cues.hypothetical_heads | cues.sanction_unreal
        self.vessels = cues.sanction_vessels
        self.pending = cues.sanction_pending
        self.entry = cues.sanction_entry_verbs

    def mentions(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        sent = ctx.sentence(trig)
        if ctx.log.in_sentence(EventType.SANCTION, ctx.sent_of[trig.start]) or is_unreal(
            ctx.doc[trig.start], self.unreal
        ):
            return
        if trig.label == "enforcement":
            yield from self._enforcement(ctx, trig)
            return
        if trig.label == "entry_ban":
            yield from self._entry_ban(ctx, trig)
            return
        head = trig.head(ctx.doc)
        if self._pending(head):
            return
        actors = ctx.actors.codes_in(t for t in sent if _reason_of(t) in (None, _reason_of(head)))
        target = prep_code(ctx, head, ("on", "against"), allow_place=True)
        if target is None and head.dep_ == "dobj":  # "imposed sanctions on Russia" (the verb's "on")
            target = prep_code(ctx, head.head, ("on", "against"), allow_place=True)
        if target and target not in actors:  # "sanctions on Russia": the target, not a place
            actors.append(target)
        home = ctx.actors.home
        if len(actors) == 1 and home and home not in actors and subject_of(ctx.doc[trig.start]) is None:
            actors.insert(0, home)  # "Today's sanctions ...": imposed by the publisher's side
        prev = ctx.last(EventType.SANCTION)
        if len(actors) == 1 and prev is not None and prev.actors[0] not in actors:
            actors.insert(0, prev.actors[0])  # "Last week, sanctions targeted ...": the story's imposer
        if actors:
            yield ctx.mention(EventType.SANCTION, None, actors, trig)

    def _enforcement(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        """ "The French navy intercepted a Russian oil tanker in the Mediterranean": enforcer, ship's side, place."""
        head = trig.head(ctx.doc)
        vessel = self._vessel(head)
        if vessel is None or is_future(head):
            return
        subj = subject_of(head) if head.pos_ == "VERB" else None
        lead = [t for t in head.lefts if t.dep_ in ("poss", "amod", "compound", "nmod")]
        enforcer = (
            (ctx.actors.first_code(subj.subtree) if subj is not None else None)
            or prep_code(ctx, head, ("by",))
            or ctx.actors.first_code(t for t in lead for t in t.subtree)
        )
        if enforcer is None:
            return
        owned = [t for t in vessel.subtree if t.i <= vessel.i]
        prev = ctx.last(EventType.SANCTION)
        target = ctx.actors.first_code(owned, allow_place=True) or (prev.actors[-1] if prev else None)
        target = target if target != enforcer else None
        target = target or ctx.first_other([enforcer])
        if target in self.lex.opponents.get(enforcer, ()):
            return  # a warring side's ship taken by its enemy: war, not sanctions enforcement
        actors = [enforcer] + ([target] if target else [])
        yield ctx.mention(EventType.SANCTION, None, actors, trig, place=self._sea(ctx, head, owned))

    def _entry_ban(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        """ "Moscow barred Prime Minister Boris Johnson from entering the country": the banning side, then the
        side of those barred (not "banned the sale of", nor a ban only planned)."""
        head = trig.head(ctx.doc)
        froms = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "from"]
        entries = [g for f in froms for g in f.children if g.lemma_.lower() in self.entry or g.lower_ in self.entry]
        if head.pos_ != "VERB" or not entries or is_future(head):
            return
        barred = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "pobj")]
        targets = ctx.actors.codes_in(t for b in barred for t in b.subtree)
        subj = subject_of(head)
        banning = ctx.actors.codes_in(subj.subtree, allow_place=True) if subj is not None else []
        banning = banning or ctx.actors.codes_in(ctx.sentence(trig), allow_place=True)
        banner = next((c for c in banning if c not in targets), None)
        if banner is None or not targets:
            return
        yield ctx.mention(EventType.SANCTION, None, [banner, *targets], trig)

    def _pending(self, head: Token) -> bool:
        """ "an embargo on Russian oil was in the works", "new sanctions are on the table": still to be decided."""
        if head.dep_ not in ("nsubj", "nsubjpass"):
            return False
        states = [g for c in head.head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        return any(g.lemma_.lower() in self.pending for g in states)

    def _vessel(self, head: Token) -> Token | None:
        """The ship boarded or seized: the object, a passive subject, "the seizure of X", or a conjunct's object
        ("boarded and detained a tanker")."""
        verbs = [head, *[c for c in head.children if c.dep_ == "conj"]]
        if head.dep_ == "conj":
            verbs.append(head.head)
        for verb in verbs:
            for child in verb.children:
                if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in self.vessels:
                    return child
                if child.dep_ == "prep" and child.lower_ == "of" and verb.pos_ == "NOUN":
                    ship = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if ship is not None and ship.lemma_.lower() in self.vessels:
                        return ship
        return None

    @staticmethod
    def _sea(ctx: EventContext, head: Token, owned: list[Token]) -> str | None:
        """The place where the ship was stopped: a place after the verb, outside the ship's own words."""
        skip = {t.i for t in owned}
        after = [t.i for t in head.subtree if t.i > head.i and t.i not in skip]
        if not after:
            return None
        places = ctx.places.between(min(after), max(after) + 1)
        named = next((p.name for p in places if p.start in after), None)
        if named is not None:
            return named
        doc = head.doc  # "off the coast of France": a state named as where, not as a side
        states = [doc[i] for i in after if doc[i].dep_ == "pobj" and doc[i].ent_type_ in ("GPE", "LOC")]
        return next((e.text for t in states for e in doc.ents if e.start <= t.i < e.end), None)


def _reason_of(token: Token) -> int | None:
    """The "because" clause ``token`` is in, if any: "... face sanctions because they are complicit in
    Russia's invasion of Ukraine" names no side of the sanction in its reason."""
    for node in (token, *token.ancestors):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "because" for c in node.children):
            return node.i
    return None
