"""The event families: one registered module per event type that is an event fact."""

from __future__ import annotations

import pytest

from sitrep.eventtypes import EVENT_TYPES, EventType
from sitrep.nlp.families import REGISTERED, Family, build_families, family
from sitrep.nlp.lexicon import load_lexicons


def test_every_event_type_has_one_family() -> None:
    assert set(REGISTERED) == set(EVENT_TYPES)
    assert EventType.LOSS not in REGISTERED  # quantities only: its triggers serve the quantity component


def test_families_live_in_their_own_modules() -> None:
    modules = {cls.__module__ for cls in REGISTERED.values()}
    assert len(modules) == len(REGISTERED)
    assert all(m.startswith("sitrep.nlp.families.") for m in modules)


def test_a_second_family_for_a_type_is_refused() -> None:
    with pytest.raises(ValueError, match="two families for SEIZE"):

        @family(EventType.SEIZE)
        class Another(Family):
            pass


def test_each_family_reads_its_cues_at_build() -> None:
    built = build_families(load_lexicons())
    assert {type(f).type for f in built.values()} == set(EVENT_TYPES)
