"""SEIZE in news: control expanded, ground reclaimed with no place named, the taker of a clause above."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _seized(report: Report) -> list[tuple[str, ...]]:
    return [e.actors for e in report.events if e.type == "SEIZE"]


def test_expanded_control_in_parts_of_a_state_is_ground_taken(analyze_text: Analyze) -> None:
    assert _seized(analyze_text("In 2024 Russia expanded control in parts of eastern Ukraine.")) == [("RUS", "UKR")]


def test_reclaiming_small_areas_is_ground_retaken_from_the_enemy(analyze_text: Analyze) -> None:
    text = "Ukrainian troops held the line, at times reclaiming small areas or reversing Russian advances."
    assert _seized(analyze_text(text)) == [("UKR", "RUS")]


def test_taking_part_is_no_ground(analyze_text: Analyze) -> None:
    assert _seized(analyze_text("The NATO chief also took part in the call with Ukraine and Poland.")) == []


def test_the_speaker_of_a_capture_is_not_its_taker(analyze_text: Analyze) -> None:
    text = "Russia's war goes on. Ukraine said the new assault had resulted in the capture of Izium."
    assert _seized(analyze_text(text)) == []


def test_a_capture_that_a_sides_advance_led_to_is_that_sides(analyze_text: Analyze) -> None:
    text = "Russia's war goes on. Russian troops advanced for weeks, which led to the capture of Lyman."
    assert _seized(analyze_text(text)) == [("RUS", "UKR")]


def test_the_territory_of_a_summary_is_no_one_seizure(analyze_text: Analyze) -> None:
    text = "Since then Ukraine has reclaimed more than half the territory that Russia seized at the start of the war."
    assert _seized(analyze_text(text)) == []
