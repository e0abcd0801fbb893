"""Incidents in news: one attack per place struck, places behind 'the city of', attacker from the victims' side."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _attacks(report: Report) -> list[tuple[tuple[str, ...], str | None]]:
    return [(e.actors, e.place) for e in report.events if e.type == "ATTACK"]


def test_strikes_on_a_list_of_towns_are_one_attack_per_town(analyze_text: Analyze) -> None:
    report = analyze_text("Russian drones struck the towns of Sumy and Konotop overnight, the governor said.")
    assert sorted(_attacks(report)) == [(("RUS", "UKR"), "Konotop"), (("RUS", "UKR"), "Sumy")]


def test_shelling_in_three_towns_is_three_attacks(analyze_text: Analyze) -> None:
    report = analyze_text("Officials reported Russian shelling in Bakhmut, Avdiivka and Vuhledar on Friday.")
    assert sorted(p for _, p in _attacks(report)) == ["Avdiivka", "Bakhmut", "Vuhledar"]


def test_the_named_place_behind_a_place_noun_is_the_place(analyze_text: Analyze) -> None:
    report = analyze_text("A Russian missile strike damaged houses on the outskirts of Zhytomyr.")
    assert (("RUS", "UKR"), "Zhytomyr") in _attacks(report)


def test_a_place_hit_is_the_place_of_the_attack(analyze_text: Analyze) -> None:
    report = analyze_text("Russian rockets hit Kherson again, the regional governor said.")
    assert _attacks(report) == [(("RUS", "UKR"), "Kherson")]


def test_an_unnamed_attacker_is_the_enemy_of_the_side_struck(analyze_text: Analyze) -> None:
    report = analyze_text("Shells hit Zaporizhzhia late on Monday, local officials said.")
    assert _attacks(report) == [(("RUS", "UKR"), "Zaporizhzhia")]


def test_a_meeting_takes_the_sides_of_the_leaders_named(analyze_text: Analyze) -> None:
    text = "The row also drew in Macron, who met with Zelenskyy in Paris and later spoke by phone with Erdogan."
    report = analyze_text(text, published="2025-03-05")
    consult = [e for e in report.events if e.type == "CONSULT"]
    assert consult and {"FRA", "UKR", "TUR"} <= set(consult[0].actors)


def test_one_days_meeting_told_twice_with_more_sides_is_one_meeting(analyze_text: Analyze) -> None:
    text = (
        "Chancellor Olaf Scholz met President Volodymyr Zelensky in Berlin on Monday. "
        "The Monday talks between Germany, France and Ukraine covered air defence."
    )
    consult = [e for e in analyze_text(text, published="2024-05-15").events if e.type == "CONSULT"]
    assert len(consult) == 1
    assert {"DEU", "UKR", "FRA"} <= set(consult[0].actors) and consult[0].place == "Berlin"


def test_an_attack_with_no_named_target_strikes_the_other_side_of_its_war(analyze_text: Analyze) -> None:
    text = "Poland scrambled jets. Russia launched 300 drones overnight, Polish officials said."
    attacks = [e.actors for e in analyze_text(text, published="2025-09-10").events if e.type == "ATTACK"]
    assert attacks and attacks[0] == ("RUS", "UKR")


def test_a_meeting_at_a_venue_in_a_region_takes_the_venue(analyze_text: Analyze) -> None:
    report = analyze_text("Zelensky met Trump at the Mar-a-Lago resort in Florida on Sunday.", published="2025-12-30")
    assert [e.place for e in report.events if e.type == "CONSULT"] == ["Mar-a-Lago"]


def test_two_meetings_in_two_places_of_one_sentence_are_two_meetings(analyze_text: Analyze) -> None:
    text = (
        "Ukrainian and U.S. negotiators held talks in Geneva on Sunday. "
        "The Geneva talks followed a meeting in Moscow on Thursday between Vladimir Putin and Steve Witkoff."
    )
    consult = [
        (set(e.actors), e.place) for e in analyze_text(text, published="2025-11-25").events if e.type == "CONSULT"
    ]
    assert ({"RUS", "USA"}, "Moscow") in consult
    assert any(place == "Geneva" for _, place in consult)
