"""Fold the mentions of one event within an article into one ``Event``.

Two mentions are one event when type, phase and sides agree and nothing they
name disagrees (place, date, kind of meeting, distinct aid items). A mention
that only refers back ("this pause", "the talks") joins the last event of its type.
"""

from __future__ import annotations

import copy

from spacy.tokens import Doc

from sitrep.eventtypes import EventType, is_directed, sides_key, spec
from sitrep.model import Event
from sitrep.nlp.mentions import EventMention

GENERIC_ITEMS = {"equipment"}  # "parts and equipment" for the tanks: no distinct pledge of its own


def _sides(m: EventMention) -> tuple[str, ...]:
    return sides_key(m.type, m.actors)


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
    if a.type == EventType.CONSULT and _nothing_shared(a, b):
        return False
    distinct_pledges = a.phase == "announced" and a.sentence != b.sentence
    items_a, items_b = set(a.items) - GENERIC_ITEMS, set(b.items) - GENERIC_ITEMS
    return not (a.type == EventType.AID and distinct_pledges and items_a and items_b and not items_a & items_b)


def _nothing_shared(a: EventMention, b: EventMention) -> bool:
    """ "The two held a meeting with Putin in December" and "the U.S. and Russia held talks in Davos": each
    meeting told with a date or a place of its own, and none the same, are two meetings."""
    if a.sentence == b.sentence or b.anaphoric or not (a.date or a.place) or not (b.date or b.place):
        return False
    return not ((a.date and a.date == b.date) or (a.place and b.place and a.place.lower() == b.place.lower()))


def _may_refer(group: EventMention, mention: EventMention) -> bool:
    """ "the negotiations would take place in Geneva" after a held call: a planned meeting of its own;
    "the attacks hit Odesa and Lviv": each place of one sentence's list is an incident of its own."""
    if mention.sentence == group.sentence and mention.place and group.place:
        return mention.place.lower() == group.place.lower()
    return group.phase == mention.phase or not (mention.place or mention.date)


def _same_sides_if_named(group: EventMention, mention: EventMention) -> bool:
    """ "the delivery" by donors the sentence names is theirs, not the last donor's."""
    return not is_directed(mention.type) or not mention.explicit_actors or _sides(group) == _sides(mention)


def _absorb(into: EventMention, other: EventMention) -> None:
    into.place = into.place or other.place
    into.date = into.date or other.date
    into.value_usd = into.value_usd or other.value_usd
    into.area_km2 = into.area_km2 or other.area_km2
    into.kind = into.kind or other.kind
    for name in other.persons:
        if name not in into.persons:
            into.persons.append(name)
    for item in other.items:
        if item not in into.items:
            into.items.append(item)


Group = tuple[EventMention, list[EventMention]]
Key = tuple[str, str | None, tuple[str, ...]]


class _Groups:
    """The groups so far, indexed by what a new mention must share with a group to join it.

    A group's type, phase, sides, sentence and ``distinct`` are those of its first
    mention and never change, so each lookup answers as a scan of all groups would.
    """

    def __init__(self) -> None:
        self.groups: list[Group] = []
        self._spread: dict[Key, list[int]] = {}  # groups that may join mentions of other sentences
        self._by_sentence: dict[tuple[Key, int], list[int]] = {}  # every group, by its sentence
        self._last: dict[tuple[str, str | None, tuple[str, ...] | None], int] = {}  # latest per type, phase, sides

    @staticmethod
    def _key(m: EventMention) -> Key:
        return (m.type, m.phase, _sides(m))

    def add(self, mention: EventMention) -> None:
        """A new group, started by ``mention``."""
        number, key = len(self.groups), self._key(mention)
        self.groups.append((copy.deepcopy(mention), [mention]))
        if not mention.distinct:
            self._spread.setdefault(key, []).append(number)
        self._by_sentence.setdefault((key, mention.sentence), []).append(number)
        for phase in (mention.phase, "*"):
            for sides in (key[2], None):
                self._last[(mention.type, phase, sides)] = number

    def compatible(self, mention: EventMention) -> Group | None:
        """The earliest group that ``mention`` is compatible with."""
        key = self._key(mention)
        lists = [self._by_sentence.get((key, mention.sentence), [])]
        lists += [] if mention.distinct else [self._spread.get(key, [])]
        firsts = [self._first(numbers, mention) for numbers in lists]
        number = min((n for n in firsts if n is not None), default=None)
        return None if number is None else self.groups[number]

    def _first(self, numbers: list[int], mention: EventMention) -> int | None:
        return next((n for n in numbers if _compatible(self.groups[n][0], mention)), None)

    def referred(self, mention: EventMention) -> Group | None:
        """The latest group that an anaphoric ``mention`` ("this pause") refers back to."""
        any_phase = mention.phase is None or spec(mention.type).any_phase_reference
        named = is_directed(mention.type) and mention.explicit_actors
        number = self._last.get((mention.type, "*" if any_phase else mention.phase, _sides(mention) if named else None))
        return None if number is None else self.groups[number]


def merge_mentions(mentions: list[EventMention]) -> list[Group]:
    """Group mentions into events; each group is (merged mention, its members)."""
    groups = _Groups()
    for mention in mentions:
        target = groups.referred(mention) if mention.anaphoric else None
        if target is not None and not _may_refer(target[0], mention):
            target = None
        if target is None:
            target = groups.compatible(mention)
        if target is None:
            groups.add(mention)
        else:
            _absorb(target[0], mention)
            target[1].append(mention)
    return groups.groups


def _same_meeting(a: EventMention, b: EventMention) -> bool:
    """Two held meetings of one day whose sides one includes the other's ("Trump met Zelenskyy on
    Sunday" and "the talks on Sunday between the U.S., Ukraine and Europe's leaders") are one meeting."""
    if a.type != EventType.CONSULT or b.type != EventType.CONSULT or a.phase != "held" or b.phase != "held":
        return False
    if not (a.date and a.date == b.date and len(a.date) == 10):
        return False
    if a.place and b.place and a.place.lower() != b.place.lower():
        return False
    if a.kind and b.kind and a.kind != b.kind:
        return False  # "met Zelenskyy in Florida and later spoke by phone with Putin": a meeting and a call
    sides_a, sides_b = set(a.actors), set(b.actors)
    return len(sides_a & sides_b) >= 2 and (sides_a <= sides_b or sides_b <= sides_a)


def fold_meetings(groups: list[Group]) -> list[Group]:
    """Fold the held meetings of one day told with more or fewer sides into the first of them."""
    out: list[Group] = []
    for merged, members in groups:
        into = next((g for g in out if _same_meeting(g[0], merged)), None)
        if into is None:
            out.append((merged, members))
            continue
        _absorb(into[0], merged)
        into[0].actors.extend(a for a in merged.actors if a not in into[0].actors)
        into[1].extend(members)
    return out


def to_events(doc: Doc, mentions: list[EventMention]) -> list[Event]:
    """Merged, frozen events with their anchor text (the first mention's trigger phrase)."""
    events = []
    for merged, members in fold_meetings(merge_mentions(mentions)):
        first = members[0]
        anchor = doc[first.start : first.end].text
        events.append(
            Event(
                type=str(merged.type),
                phase=merged.phase,
                actors=tuple(merged.actors),
                sentence=first.sentence,
                anchor=anchor,
                persons=tuple(merged.persons),
                place=merged.place,
                date=merged.date,
                items=tuple(merged.items),
                value_usd=merged.value_usd,
                area_km2=merged.area_km2,
                mentions=tuple(sorted({m.sentence for m in members})),
            )
        )
    return events
