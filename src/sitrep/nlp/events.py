"""Event component: every trigger of a sentence handed to the family of its event type.

Triggers (see ``triggers.py``) that are negated, asked about, or outranked by another
trigger of their sentence are dropped; each one left goes to the family module of its
type (``nlp/families/``), which makes ``EventMention``s with their sides, people,
place and date. ``merge.py`` then folds the mentions of one event into one.

Data flow: reads the entity component's mentions (``Findings.actors``, ``persons``,
``places``, ``items``, ``dates``, ``home``); writes ``Findings.triggers``, ``sent_of``,
``events`` and ``by_trigger`` (see ``mentions.FLOW``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.eventtypes import EventType
from sitrep.nlp.actors import ActorIndex
from sitrep.nlp.eventcontext import EventContext
from sitrep.nlp.eventsyntax import is_negated
from sitrep.nlp.families import Family, build_families
from sitrep.nlp.lexicon import Lexicons, load_lexicons
from sitrep.nlp.mentions import FLOW, findings, sentence_index
from sitrep.nlp.triggers import Trigger, trigger_index


class EventExtractor:
    """Build event mentions from triggers, one family module per event type."""

    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        self.index = trigger_index(lex)
        self.families: dict[EventType, Family] = build_families(lex)

    def __call__(self, doc: Doc) -> Doc:
        found = findings(doc)
        actors = ActorIndex(doc, found)
        found.home = actors.home
        found.triggers = self.index.find(doc, {i for m in found.items for i in range(m.start, m.end)})
        sent_of = sentence_index(doc)
        found.sent_of = sent_of
        ctx = EventContext.of(doc, found, actors, sent_of)
        for trig in self._select(ctx, found.triggers):
            for mention in self.families[trig.family].mentions(ctx, trig):
                found.events.append(mention)
                found.by_trigger.setdefault(trig.start, mention)
        return doc

    def _select(self, ctx: EventContext, triggers: list[Trigger]) -> list[Trigger]:
        """Drop triggers of no event family (LOSS: quantities only), negated or asked about, and
        those another trigger of the same sentence outranks (``Family.keeps``)."""
        by_sent: dict[int, list[Trigger]] = {}
        seen: set[tuple[int, EventType]] = set()
        for trig in triggers:
            if trig.family not in self.families or (trig.start, trig.family) in seen:
                continue
            if is_negated(trig.head(ctx.doc)) or ctx.sentence(trig).text.rstrip().endswith("?"):
                continue
            seen.add((trig.start, trig.family))
            by_sent.setdefault(ctx.sent_of[trig.start], []).append(trig)
        keep: list[Trigger] = []
        for group in by_sent.values():
            keep += [trig for trig in group if self.families[trig.family].keeps(ctx, trig, group)]
        return keep


@Language.factory(
    "sitrep_events",
    requires=FLOW["sitrep_events"].requires,
    assigns=FLOW["sitrep_events"].assigns,
    default_config={"lexicon_dir": None},
)
def make_events(nlp: Language, name: str, lexicon_dir: str | None) -> EventExtractor:
    """Factory of the event component."""
    return EventExtractor(load_lexicons(lexicon_dir))
