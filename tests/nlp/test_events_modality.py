"""Modality in news: a claimed ("alleged") event is no event, and what talks might do is no meeting."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _types(report: Report, type_: str) -> list[tuple[tuple[str, ...], str]]:
    return [(e.actors, e.phase) for e in report.events if e.type == type_]


def test_an_alleged_attack_is_no_attack(analyze_text: Analyze) -> None:
    report = analyze_text("The minister said she had read about the alleged Russian drone attack on Kharkiv.")
    assert _types(report, "ATTACK") == []


def test_an_attack_told_as_allegedly_done_is_no_attack(analyze_text: Analyze) -> None:
    report = analyze_text("Moscow said Ukrainian drones allegedly struck an oil depot near Belgorod on Friday.")
    assert _types(report, "ATTACK") == []


def test_a_plain_attack_beside_it_stays(analyze_text: Analyze) -> None:
    report = analyze_text("Russian drones struck an oil depot near Kharkiv on Friday, the governor said.")
    assert [a for a, _ in _types(report, "ATTACK")] == [("RUS", "UKR")]


def test_what_talks_could_do_is_no_meeting(analyze_text: Analyze) -> None:
    report = analyze_text("Analysts said talks between Russia and Ukraine could expose deep divisions over territory.")
    assert _types(report, "CONSULT") == []


def test_talks_that_could_begin_are_a_planned_meeting(analyze_text: Analyze) -> None:
    report = analyze_text("Officials said talks between Russia and Ukraine could begin in Istanbul next week.")
    assert [p for _, p in _types(report, "CONSULT")] == ["planned"]


def test_a_meeting_held_is_still_held(analyze_text: Analyze) -> None:
    report = analyze_text("The Polish and Ukrainian foreign ministers met in Warsaw on Tuesday to discuss grain.")
    assert [p for _, p in _types(report, "CONSULT")] == ["held"]


def test_supporting_sanctions_is_no_sanction(analyze_text: Analyze) -> None:
    report = analyze_text("The Canadian finance minister said she supports tougher sanctions on Russian banks.")
    assert [e for e in report.events if e.type == "SANCTION"] == []


def test_a_sanctions_bill_is_no_sanction(analyze_text: Analyze) -> None:
    report = analyze_text("A sanctions bill against Russian banks stalled in the Senate for months.")
    assert [e for e in report.events if e.type == "SANCTION"] == []


def test_sanctions_imposed_are_a_sanction(analyze_text: Analyze) -> None:
    report = analyze_text("Canada imposed sanctions on three Russian banks on Monday, the finance ministry said.")
    assert [e.actors[:2] for e in report.events if e.type == "SANCTION"] == [("CAN", "RUS")]


def test_hitting_people_with_sanctions_is_no_attack(analyze_text: Analyze) -> None:
    report = analyze_text("On Friday Canada hit 12 more Russian oligarchs with sanctions over the war in Ukraine.")
    assert _types(report, "ATTACK") == []
    assert [e.actors[:2] for e in report.events if e.type == "SANCTION"] == [("CAN", "RUS")]


def test_hitting_a_city_with_missiles_is_an_attack(analyze_text: Analyze) -> None:
    report = analyze_text("Russian forces hit Kharkiv with missiles on Tuesday, the mayor said.")
    assert [a for a, _ in _types(report, "ATTACK")] == [("RUS", "UKR")]


def test_a_meeting_on_condition_of_winning_an_election_is_none(analyze_text: Analyze) -> None:
    text = "Scholz said that if his party wins the vote, he would be happy to meet the Russian leader again."
    assert _types(analyze_text(text), "CONSULT") == []


def test_a_strike_promised_unless_talks_resume_is_none(analyze_text: Analyze) -> None:
    text = "Unless the talks resume, Russia will bomb Kharkiv again, a Kremlin aide told reporters."
    assert _types(analyze_text(text), "ATTACK") == []


def test_a_meeting_held_beside_a_condition_of_another_sentence_stays(analyze_text: Analyze) -> None:
    text = "If the ceasefire holds, aid will flow. Zelenskyy met Macron in Paris on Monday."
    assert _types(analyze_text(text), "CONSULT") == [(("UKR", "FRA"), "held")]


def test_a_strike_promised_or_vowed_is_none(analyze_text: Analyze) -> None:
    text = "The ministry promised to bomb targets in Odesa. Later the general vowed to strike Kharkiv again."
    assert _types(analyze_text(text), "ATTACK") == []


def test_no_agreement_reached_is_no_agreement(analyze_text: Analyze) -> None:
    text = "For a second day there was no agreement reached between Kyiv and Moscow on a ceasefire at the plant."
    assert _types(analyze_text(text), "AGREE") == []


def test_no_strikes_overnight_is_no_attack(analyze_text: Analyze) -> None:
    assert _types(analyze_text("The governor said there were no Russian strikes on Sumy overnight."), "ATTACK") == []


def test_talks_that_hit_a_snag_or_a_dead_end_are_no_attack(analyze_text: Analyze) -> None:
    report = analyze_text("The Geneva talks between Russian and Ukrainian envoys hit a snag on Friday over prisoners.")
    assert _types(report, "ATTACK") == []
    assert _types(report, "CONSULT") == [(("RUS", "UKR"), "held")]
    assert _types(analyze_text("Officials said the Ankara negotiations had hit a dead end."), "ATTACK") == []
