"""The event-type registry: one entry per type of the fact contract, consistent with itself."""

from __future__ import annotations

import pytest

from sitrep.eventtypes import (
    ACLED_REGAINS,
    EVENT_TYPES,
    QUANTITY_EVENTS,
    REGISTRY,
    EventType,
    acled_sub_event,
    family_type,
    sides_key,
    sides_text,
    spec,
)


def test_every_type_has_one_entry() -> None:
    assert set(REGISTRY) == set(EventType)
    assert all(entry.type is t for t, entry in REGISTRY.items())


def test_contract_types() -> None:
    assert [str(t) for t in EVENT_TYPES] == ["AID", "ATTACK", "CONSULT", "AGREE", "SANCTION", "SEIZE"]
    assert [str(t) for t in QUANTITY_EVENTS] == ["AID", "ATTACK", "LOSS"]


def test_families_round_trip() -> None:
    for t, entry in REGISTRY.items():
        assert family_type(entry.family) is t


def test_unknown_type_is_refused() -> None:
    with pytest.raises(ValueError):
        spec("RUMOUR")


def test_sides_follow_directedness() -> None:
    assert sides_text(EventType.AID, ("USA", "UKR")) == "USA → UKR"
    assert sides_text(EventType.SANCTION, ("USA", "RUS")) == "USA – RUS"
    assert sides_key(EventType.SANCTION, ["RUS", "USA", "RUS"]) == ("RUS", "USA")
    assert sides_key(EventType.SEIZE, ["UKR", "RUS"]) == ("UKR", "RUS")


def test_seize_acled_sub_event_by_whose_place() -> None:
    assert acled_sub_event(EventType.SEIZE, "UKR", "UKR") == ACLED_REGAINS
    assert acled_sub_event(EventType.SEIZE, "RUS", "UKR") == "Non-state actor overtakes territory"
    assert acled_sub_event(EventType.AID, "USA", None, "paused") == "Aid paused"
