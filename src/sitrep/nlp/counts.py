"""Per-document lookups shared by the steps of the quantity component.

Each question a count asks of the document ("which weapon names stand between
these tokens", "which triggers are in this sentence", "which event of this type
is in that sentence") is answered from an index built once, so the work per
count does not grow with the length of the document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from sitrep.eventtypes import EventType
from sitrep.model import Quantity
from sitrep.nlp.actors import ActorIndex
from sitrep.nlp.categories import PEOPLE
from sitrep.nlp.mentions import ByStart, EventMention, Findings, ItemMention, findings, sentence_index, text_of
from sitrep.nlp.triggers import Trigger


@dataclass
class CountContext:
    """What the quantity steps know about one doc; ``add`` records each quantity found."""

    doc: Doc
    found: Findings
    actors: ActorIndex
    sents: list[Span]
    sent_of: list[int]
    items: ByStart[ItemMention]
    triggers: ByStart[Trigger]
    last_attack: EventMention | None  # the last attack event that names its sides
    _events: dict[tuple[str, int | None], list[EventMention]] = field(default_factory=dict)
    _people: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # sentence -> (order, category)
    _added: int = 0

    @classmethod
    def of(cls, doc: Doc) -> CountContext:
        """The lookups of ``doc``, after the entity and event components have run."""
        found = findings(doc)
        attacks = [m for m in found.events if m.type == EventType.ATTACK and m.actors]
        ctx = cls(
            doc=doc,
            found=found,
            actors=ActorIndex(doc, found),
            sents=list(doc.sents),
            sent_of=sentence_index(doc),
            items=ByStart(found.items),
            triggers=ByStart(found.triggers),
            last_attack=attacks[-1] if attacks else None,
        )
        for mention in found.events:
            ctx._events.setdefault((mention.type, mention.sentence), []).append(mention)
        for quantity in found.quantities:
            ctx._note(quantity)
        return ctx

    def add(self, quantity: Quantity) -> None:
        """Record a quantity in the findings."""
        self.found.quantities.append(quantity)
        self._note(quantity)

    def _note(self, quantity: Quantity) -> None:
        if quantity.category in PEOPLE:
            self._people.setdefault(quantity.sentence, []).append((self._added, quantity.category))
        self._added += 1

    def last_people(self, first: int, last: int) -> str | None:
        """The category of the latest count of people in sentences ``first`` to ``last``."""
        found = [entry for index in range(first, last + 1) for entry in self._people.get(index, ())]
        return max(found)[1] if found else None

    def events_in(self, type_: str, sentence: int | None) -> list[EventMention]:
        """The event mentions of ``type_`` in sentence ``sentence``, in order."""
        return self._events.get((type_, sentence), [])

    def items_in(self, span: Span) -> list[ItemMention]:
        """The items that start inside ``span``, in order."""
        return self.items.between(span.start, span.end)

    def triggers_in(self, span: Span) -> list[Trigger]:
        """The triggers that start inside ``span``, in order."""
        return self.triggers.between(span.start, span.end)


def line_start(doc: Doc, char: int) -> int:
    """Where the line holding character ``char`` starts (the newlines are indexed once per doc)."""
    found = findings(doc)
    newlines = found.newlines
    if newlines is None:
        newlines = [m.start() for m in re.finditer("\n", text_of(doc))]
        found.newlines = newlines
    before = bisect_left(newlines, char)
    return newlines[before - 1] + 1 if before else 0
