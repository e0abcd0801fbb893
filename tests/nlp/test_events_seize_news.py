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


def test_forces_expelled_from_villages_lose_ground_to_their_enemy(analyze_text: Analyze) -> None:
    text = "The governor said on Monday that Russian troops had been expelled from dozens of villages."
    assert _seized(analyze_text(text)) == [("UKR", "RUS")]


def test_forces_driven_out_of_a_named_town_lose_it(analyze_text: Analyze) -> None:
    report = analyze_text("Russian units were driven out of the town of Lyman in October.")
    assert [(e.actors, e.place) for e in report.events if e.type == "SEIZE"] == [(("UKR", "RUS"), "Lyman")]


def test_people_expelled_from_a_place_are_no_seizure(analyze_text: Analyze) -> None:
    assert _seized(analyze_text("Poland expelled 45 Russian diplomats from the country in March.")) == []
    assert _seized(analyze_text("Police drove the protesters out of the square.")) == []


def test_it_after_a_clause_of_a_capital_is_that_capitals_state(analyze_text: Analyze) -> None:
    text = "Although Moscow failed to take Kharkiv, it extended control in parts of the Donetsk region."
    assert _seized(analyze_text(text)) == [("RUS", "UKR")]


def _seized_at(report: Report) -> list[tuple[tuple[str, ...], str | None]]:
    return [(e.actors, e.place) for e in report.events if e.type == "SEIZE"]


def test_a_town_in_enemy_hands_or_under_its_occupation_is_held_by_it(analyze_text: Analyze) -> None:
    report = analyze_text("By Friday the town of Lyman was in Russian hands, officials said.")
    assert _seized_at(report) == [(("RUS", "UKR"), "Lyman")]
    text = "Kherson lies on the Dnipro river and has been under Russian occupation since March, reports said."
    assert _seized_at(analyze_text(text)) == [(("RUS", "UKR"), "Kherson")]


def test_own_control_territories_under_occupation_or_a_possible_fall_are_none(analyze_text: Analyze) -> None:
    for text in (
        "Kharkiv remained under Ukrainian control on Monday, the governor said.",
        "About a fifth of the territories under Russian occupation are farmland.",
        "The town of Lyman could soon be in Russian hands, officials warned.",
        "The situation in Lyman is under control, police said.",
    ):
        assert _seized_at(analyze_text(text)) == [], text


def test_control_given_to_a_side_is_taken_by_it(analyze_text: Analyze) -> None:
    text = "The town of Vuhledar was shelled for weeks. Its defenders pulled back, giving Russia control of the town."
    assert _seized_at(analyze_text(text)) == [(("RUS", "UKR"), "Vuhledar")]
    assert _seized_at(analyze_text("A deal would give Russia control of the town of Vuhledar.")) == []
