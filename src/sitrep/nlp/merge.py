"""Fold the mentions of one event within an article into one ``Event``.

Two mentions are one event when type, phase and sides agree and nothing they
name disagrees (place, date, kind of meeting, distinct aid items). A mention
that only refers back ("this pause", "the talks") joins the last event of its type.
"""

from __future__ import annotations

import copy

from spacy.tokens import Doc

from sitrep.model import Event
from sitrep.nlp.mentions import EventMention

SIDED = ("AID", "ATTACK")
GENERIC_ITEMS = {"equipment"}  # "parts and equipment" for the tanks: no distinct pledge of its own


def _sides(m: EventMention) -> tuple[str, ...]:
    return tuple(m.actors[:2]) if m.type in SIDED else tuple(sorted(set(m.actors)))


def _compatible(a: EventMention, b: EventMention) -> bool:
    if a.type != b.type or a.phase != b.phase or _sides(a) != _sides(b):
        return False
    if a.place and b.place and a.place.lower() != b.place.lower():
        return False
    if a.date and b.date and a.date != b.date:
        return False
    if a.kind and b.kind and a.kind != b.kind:
        return False
    if a.value_usd and b.value_usd and a.value_usd != b.value_usd:
        return False  # two sums are two packages
    if (a.distinct or b.distinct) and a.sentence != b.sentence:
        return False
    distinct_pledges = a.phase == "announced" and a.sentence != b.sentence
    items_a, items_b = set(a.items) - GENERIC_ITEMS, set(b.items) - GENERIC_ITEMS
    return not (a.type == "AID" and distinct_pledges and items_a and items_b and not items_a & items_b)


def _same_sides_if_named(group: EventMention, mention: EventMention) -> bool:
    """ "the delivery" by donors the sentence names is theirs, not the last donor's."""
    return mention.type not in SIDED or not mention.explicit_actors or _sides(group) == _sides(mention)


def _absorb(into: EventMention, other: EventMention) -> None:
    into.place = into.place or other.place
    into.date = into.date or other.date
    into.value_usd = into.value_usd or other.value_usd
    into.kind = into.kind or other.kind
    for name in other.persons:
        if name not in into.persons:
            into.persons.append(name)
    for item in other.items:
        if item not in into.items:
            into.items.append(item)


def merge_mentions(mentions: list[EventMention]) -> list[tuple[EventMention, list[EventMention]]]:
    """Group mentions into events; each group is (merged mention, its members)."""
    groups: list[tuple[EventMention, list[EventMention]]] = []
    for mention in mentions:
        target = None
        if mention.anaphoric:
            target = next(
                (
                    g
                    for g in reversed(groups)
                    if g[0].type == mention.type
                    and (mention.phase is None or g[0].phase == mention.phase or mention.type == "CONSULT")
                    and _same_sides_if_named(g[0], mention)
                ),
                None,
            )
        if target is None:
            target = next((g for g in groups if _compatible(g[0], mention)), None)
        if target is None:
            clone = copy.deepcopy(mention)
            groups.append((clone, [mention]))
        else:
            _absorb(target[0], mention)
            target[1].append(mention)
    return groups


def to_events(doc: Doc, mentions: list[EventMention]) -> list[Event]:
    """Merged, frozen events with their anchor text (the first mention's trigger phrase)."""
    events = []
    for merged, members in merge_mentions(mentions):
        first = members[0]
        anchor = doc[first.start : first.end].text
        events.append(
            Event(
                type=merged.type,
                phase=merged.phase,
                actors=tuple(merged.actors),
                sentence=first.sentence,
                anchor=anchor,
                persons=tuple(merged.persons),
                place=merged.place,
                date=merged.date,
                items=tuple(merged.items),
                value_usd=merged.value_usd,
                mentions=tuple(sorted({m.sentence for m in members})),
            )
        )
    return events
