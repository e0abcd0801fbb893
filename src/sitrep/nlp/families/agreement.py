"""AGREE: agreements, deals and treaties reached or signed.

Sides are every side the sentence names; "the leaders agreed" takes the sides of the
last meeting held. Each thing agreed ("agreed to continue contacts", "agreed on a
ceasefire") and each date is an agreement of its own. An agreement only wished for
or offered ("willingness to sign", "the teams can agree") is none.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from sitrep.eventtypes import EventType
from sitrep.nlp.cuesets import cueset, load_cues
from sitrep.nlp.eventcontext import EventContext
from sitrep.nlp.eventsyntax import is_unreal, place_of
from sitrep.nlp.families.base import Family, family
from sitrep.nlp.lexicon import Lexicons
from sitrep.nlp.mentions import EventMention
from sitrep.nlp.triggers import Trigger

# Closed-class grammar words: modal auxiliaries ("the teams can agree": no agreement yet).
MODALS = frozenset({"can", "could", "may", "might", "should", "would", "must"})


@cueset("events")
@dataclass(frozen=True)
class AgreementCues:
    """The cue lists of the agreement family."""

    agree_objects: frozenset[str]  # what "sign" must have signed to be an agreement: "deal", "treaty"
    group_subjects: frozenset[str]  # "the leaders agreed": the sides of the last meeting
    hypothetical_heads: frozenset[str]  # "ready to sign": none yet
    sanction_unreal: frozenset[str]  # "possible", "next": none yet (shared with sanctions)


@family(EventType.AGREE)
class AgreementFamily(Family):
    """Agreements."""

    def __init__(self, lex: Lexicons) -> None:
        super().__init__(lex)
        self.cues = load_cues(AgreementCues, lex)
        self.unreal = self.cues.hypothetical_heads | self.cues.sanction_unreal

    def mentions(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        sent = ctx.sentence(trig)
        token = ctx.doc[trig.start]
        if not self._reached(ctx, token, trig):
            return
        actors = ctx.actors.codes_in(sent)
        group = self._group_subject(ctx, token)
        if group:
            held = ctx.last(EventType.CONSULT, "held") or ctx.last(EventType.CONSULT)
            actors = list(held.actors) if held else actors
        if not actors:
            return  # "we have agreed on further steps": no side named, none told before as the group
        dates = [d for d in ctx.dates.between(sent.start, sent.end) if len(d.value) >= 7 and "W" not in d.value]
        values: list[str | None] = [d.value for d in dates]
        place = place_of(ctx, trig, states=True, own_clause=True) or self._named_place(ctx, token)
        for value in values or [None]:
            yield ctx.mention(EventType.AGREE, None, actors, trig, date=value, kind=self._agreed_on(token), place=place)

    def _reached(self, ctx: EventContext, token: Token, trig: Trigger) -> bool:
        """Not "agree with", "can agree", "sign" without a deal, a wished-for deal, nor a second one in a sentence."""
        if any(c.dep_ == "prt" or (c.dep_ == "aux" and c.lower_ in MODALS) for c in token.children):
            return False  # "agree with", "the teams can agree on": no agreement yet
        if token.lemma_ == "sign" and not any(t.lower_ in self.cues.agree_objects for t in token.subtree):
            return False
        if is_unreal(token, self.unreal):
            return False  # "his willingness to adopt a full ceasefire", "the possibility of a deal"
        return not ctx.log.in_sentence(EventType.AGREE, ctx.sent_of[trig.start])

    def _named_place(self, ctx: EventContext, token: Token) -> str | None:
        """ "signed a declaration" in a story of "the Paris declaration": the place its name carries."""
        noun = token if token.pos_ in ("NOUN", "PROPN") else None
        if noun is None:
            noun = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if noun is None or noun.lemma_.lower() not in self.cues.agree_objects:
            return None
        for place in ctx.places.items:
            named = ctx.doc[place.end - 1]
            if named.dep_ == "compound" and named.head.lemma_.lower() == noun.lemma_.lower():
                return place.name
        return None

    @staticmethod
    def _agreed_on(token: Token) -> str:
        """What was agreed, as a word: "agreed to continue contacts" and "agreed on a ceasefire" are
        two decisions ("continue", "ceasefire"); a noun ("the agreement") names none."""
        if token.pos_ != "VERB":
            return ""
        for child in token.children:
            if child.dep_ == "xcomp":
                return child.lemma_.lower()
            if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
                return next((g.lemma_.lower() for g in child.children if g.dep_ == "pobj"), "")
        return ""

    def _group_subject(self, ctx: EventContext, token: Token) -> bool:
        """ "The leaders agreed", "They agreed": the subject is the last meeting's participants."""
        subj = next((c for c in token.children if c.dep_ == "nsubj"), None) if token.pos_ == "VERB" else None
        return subj is not None and subj.lower_ in self.cues.group_subjects and not ctx.actors.codes_in(subj.subtree)
