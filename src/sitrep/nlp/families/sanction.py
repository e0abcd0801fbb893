"""SANCTION: sanctions, embargoes, price caps and export controls imposed.

Sides are the states the sentence names, in the order it names them; the sides of a
sanction are not directed (see ``sitrep.eventtypes``). A sentence that names only the
target and no imposer ("Today's sanctions on Russia") puts the publisher's side first.
Sanctions only possible or prepared ("the next package") are none.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sitrep.eventtypes import EventType
from sitrep.nlp.cuesets import cueset, load_cues
from sitrep.nlp.eventcontext import EventContext
from sitrep.nlp.eventsyntax import is_unreal, prep_code, subject_of
from sitrep.nlp.families.base import Family, family
from sitrep.nlp.lexicon import Lexicons
from sitrep.nlp.mentions import EventMention
from sitrep.nlp.triggers import Trigger


@cueset("events")
@dataclass(frozen=True)
class SanctionCues:
    """The cue lists of the sanction family."""

    hypothetical_heads: frozenset[str]  # "ready to impose": none yet
    sanction_unreal: frozenset[str]  # "possible", "next", "prepare": none yet


@family(EventType.SANCTION)
class SanctionFamily(Family):
    """Sanctions imposed."""

    def __init__(self, lex: Lexicons) -> None:
        super().__init__(lex)
        cues = load_cues(SanctionCues, lex)
        self.unreal = cues.hypothetical_heads | cues.sanction_unreal

    def mentions(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        sent = ctx.sentence(trig)
        if ctx.log.in_sentence(EventType.SANCTION, ctx.sent_of[trig.start]) or is_unreal(
            ctx.doc[trig.start], self.unreal
        ):
            return
        actors = ctx.actors.codes_in(sent)
        head = trig.head(ctx.doc)
        target = prep_code(ctx, head, ("on", "against"), allow_place=True)
        if target is None and head.dep_ == "dobj":  # "imposed sanctions on Russia" (the verb's "on")
            target = prep_code(ctx, head.head, ("on", "against"), allow_place=True)
        if target and target not in actors:  # "sanctions on Russia": the target, not a place
            actors.append(target)
        home = ctx.actors.home
        if len(actors) == 1 and home and home not in actors and subject_of(ctx.doc[trig.start]) is None:
            actors.insert(0, home)  # "Today's sanctions ...": imposed by the publisher's side
        if actors:
            yield ctx.mention(EventType.SANCTION, None, actors, trig)
