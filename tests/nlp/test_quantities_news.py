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


def test_a_states_casualty_estimate_is_its_military_killed(analyze_text: Analyze) -> None:
    report = analyze_text("Russia sustained about 900,000 casualties, the institute said.")
    assert _figures(report) == [("LOSS", "killed", "military", 900000, "approx", "RUS")]


def test_a_states_casualty_range_is_at_least_its_lower_bound(analyze_text: Analyze) -> None:
    report = analyze_text("Ukraine suffered between 100,000 to 200,000 casualties, the study estimates.")
    assert _figures(report) == [("LOSS", "killed", "military", 100000, "at_least", "UKR")]


def test_casualties_named_by_a_demonym_are_that_states(analyze_text: Analyze) -> None:
    report = analyze_text("The war has cost 400,000 Russian casualties so far.")
    assert _figures(report) == [("LOSS", "killed", "military", 400000, "exact", "RUS")]


def test_a_units_casualties_stay_uncounted(analyze_text: Analyze) -> None:
    report = analyze_text("Wagner has suffered more than 20,000 casualties near the town.")
    assert _figures(report) == []


def test_a_bare_one_is_no_count_but_at_least_one_is(analyze_text: Analyze) -> None:
    assert _figures(analyze_text("One man was found dead in the village after the shelling.")) == []
    report = analyze_text("At least one man was killed in the Russian strike on Sumy.")
    assert [(q.value, q.qualifier) for q in report.quantities] == [(1, "at_least")]


def test_a_number_after_a_counted_noun_starts_something_else(analyze_text: Analyze) -> None:
    text = "The mayor said Russia launched more than 300 drones and more than 20 missiles three days before Easter."
    figures = [(q.category, q.value, q.qualifier) for q in analyze_text(text).quantities]
    assert figures == [("drone", 300, "more_than"), ("missile", 20, "more_than")]


def test_another_count_after_a_count_is_of_the_same_thing(analyze_text: Analyze) -> None:
    text = "Officials said 40 drones were downed over six regions, and later reported another 9."
    figures = [(q.measure, q.category, q.value) for q in analyze_text(text).quantities]
    assert figures == [("intercepted", "drone", 40), ("intercepted", "drone", 9)]


def test_more_before_a_plain_noun_counts_that_noun(analyze_text: Analyze) -> None:
    text = "A Russian missile strike hit Dnipro on Monday. Ottawa has hit 9 more Russians with sanctions."
    report = analyze_text(text)
    assert not report.quantities


def test_a_number_with_its_own_noun_is_no_ellipsis(analyze_text: Analyze) -> None:
    text = "Counting the fatalities is hard, said the agency, which noted that the two countries hide their losses."
    assert not analyze_text(text).quantities


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


def _counts(report: Report) -> list[tuple[str, str, str, float, str]]:
    return [(q.event, q.measure, q.category, q.value, q.qualifier) for q in report.quantities]


def test_bodies_found_are_a_count_of_the_killed(analyze_text: Analyze) -> None:
    report = analyze_text("After the retreat, investigators exhumed 120 bodies of civilians near Izium.")
    assert _counts(report) == [("ATTACK", "killed", "civilian", 120, "exact")]


def test_more_than_n_bodies_is_a_bound_on_the_killed(analyze_text: Analyze) -> None:
    report = analyze_text("Rescuers in Irpin said more than 60 bodies were left behind by the occupying troops.")
    assert _counts(report) == [("ATTACK", "killed", "person", 60, "more_than")]


def test_people_who_fled_are_no_casualties_beside_the_killed(analyze_text: Analyze) -> None:
    text = "About two million people have fled the region, and hundreds have been killed since the offensive began."
    assert _counts(analyze_text(text)) == []


def test_people_who_took_shelter_are_not_captured(analyze_text: Analyze) -> None:
    text = "During the Russian shelling of Sumy, some 150 people took shelter in a metro station."
    assert _counts(analyze_text(text)) == []


def test_people_killed_are_still_counted(analyze_text: Analyze) -> None:
    text = "A Russian missile killed 12 people in Dnipro on Tuesday, and 40 residents were evacuated."
    assert _counts(analyze_text(text)) == [("ATTACK", "killed", "person", 12, "exact")]


def test_these_include_lists_the_items_of_the_aid_named_before(analyze_text: Analyze) -> None:
    text = (
        "Germany is sending Ukraine heavier weapons than before. "
        "These include 12 Panzerhaubitze howitzers and 50 more Vector drones."
    )
    figures = [(q.event, q.category, q.value) for q in analyze_text(text).quantities]
    assert figures == [("AID", "artillery_system", 12), ("AID", "drone", 50)]


def test_include_with_a_named_subject_is_no_back_reference(analyze_text: Analyze) -> None:
    text = "Germany is sending Ukraine heavier weapons. The Bundeswehr's stocks include 300 Leopard tanks."
    assert [q.value for q in analyze_text(text).quantities] == []


def test_people_killed_by_a_fire_at_a_plant_are_no_attacks_casualties(analyze_text: Analyze) -> None:
    text = "On Sunday, nine workers were killed after a fire broke out at a Russian defence plant near Perm."
    assert _counts(analyze_text(text)) == []


def test_people_injured_when_a_bus_crashed_are_no_attacks_casualties(analyze_text: Analyze) -> None:
    assert _counts(analyze_text("Eleven people were injured when a bus crashed near Lviv on Tuesday.")) == []


def test_people_killed_in_a_fire_a_strike_set_off_are_counted(analyze_text: Analyze) -> None:
    text = "Two people were killed in a fire caused by Russian shelling in Kharkiv on Monday."
    assert _counts(analyze_text(text)) == [("ATTACK", "killed", "person", 2, "exact")]


def test_people_killed_when_troops_opened_fire_are_counted(analyze_text: Analyze) -> None:
    text = "Russian troops opened fire on a crowd in Kherson, killing three people."
    assert _counts(analyze_text(text)) == [("ATTACK", "killed", "person", 3, "exact")]
