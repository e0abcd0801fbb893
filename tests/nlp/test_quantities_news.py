"""Figures in news: casualty estimates by side, ranges, prisoners taken, populations (no count of victims)."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _figures(report: Report) -> list[tuple[str, str, str, float, str, str | None]]:
    return [(q.event, q.measure, q.category, q.value, q.qualifier, q.actor) for q in report.quantities]


def test_a_sides_casualty_estimate_is_its_military_loss(analyze_text: Analyze) -> None:
    report = analyze_text("A new study puts Russian casualties at 900,000, including about 250,000 troop deaths.")
    assert ("LOSS", "killed", "military", 250000, "approx", None) in _figures(report)


def test_deaths_a_side_suffered_are_its_military_loss(analyze_text: Analyze) -> None:
    report = analyze_text("Russia sustained about 200,000 fatalities, the institute said.")
    assert _figures(report) == [("LOSS", "killed", "military", 200000, "approx", "RUS")]


def test_a_sides_casualties_are_no_count_of_the_killed(analyze_text: Analyze) -> None:
    report = analyze_text("Russia sustained about 900,000 casualties, the institute said.")
    assert _figures(report) == []


def test_casualties_of_one_strike_stay_uncounted(analyze_text: Analyze) -> None:
    report = analyze_text("The strike on the market left 20 casualties, officials said.")
    assert _figures(report) == []


def test_a_range_is_at_least_its_lower_bound(analyze_text: Analyze) -> None:
    report = analyze_text("Ukraine has suffered between 60,000 and 100,000 troop deaths, the think tank said.")
    assert _figures(report) == [("LOSS", "killed", "military", 60000, "at_least", "UKR")]


def test_a_range_of_drones_is_at_least_its_lower_bound(analyze_text: Analyze) -> None:
    report = analyze_text("Russia launched 40 to 50 drones at Kharkiv overnight.")
    assert [(q.category, q.value, q.qualifier) for q in report.quantities] == [("drone", 40, "at_least")]


def test_soldiers_taken_prisoner_are_soldiers(analyze_text: Analyze) -> None:
    report = analyze_text("Russian troops took 20 Ukrainian marines prisoner near the river.")
    assert _figures(report) == [("LOSS", "captured", "military", 20, "exact", "UKR")]


def test_the_population_of_a_town_is_no_figure(analyze_text: Analyze) -> None:
    report = analyze_text("The attack hit Izium, a town of 45,000 people, on Monday.")
    assert _figures(report) == []


def test_bare_numbers_killed_and_wounded_by_an_attack(analyze_text: Analyze) -> None:
    report = analyze_text("A Russian missile struck a bus station in Kramatorsk, killing four and wounding eleven.")
    assert [(q.measure, q.category, q.value) for q in report.quantities] == [
        ("killed", "person", 4),
        ("injured", "person", 11),
    ]


def test_drones_launched_and_shot_down_are_both_figures(analyze_text: Analyze) -> None:
    report = analyze_text("All 40 drones launched by Russia overnight were shot down, the air force said.")
    assert sorted((q.measure, q.value, q.actor) for q in report.quantities) == [
        ("intercepted", 40, "RUS"),
        ("launched", 40, "RUS"),
    ]


def test_drones_of_an_attack_that_were_intercepted_are_both_figures(analyze_text: Analyze) -> None:
    report = analyze_text("Russia launched a drone attack on Kharkiv involving 50 drones that were intercepted.")
    assert sorted(q.measure for q in report.quantities) == ["intercepted", "launched"]


def test_drones_launched_alone_are_one_figure(analyze_text: Analyze) -> None:
    report = analyze_text("Russia launched 120 drones at Ukraine overnight.")
    assert [q.measure for q in report.quantities] == ["launched"]


def test_drones_a_side_shot_down_were_its_enemys(analyze_text: Analyze) -> None:
    report = analyze_text("Ukraine's air force said it shot down 84 drones overnight.")
    assert _figures(report) == [("ATTACK", "intercepted", "drone", 84, "exact", "RUS")]
