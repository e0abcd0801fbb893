"""Relevance: no events from off-topic stories, one-sided meetings, unreal or background events."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]

SPORTS_STORY = (
    "The Lakers beat the Celtics 112-104 on Sunday night. "
    "Their coach said the team had worked hard all season. "
    "The players met with President Joe Biden at the White House last summer. "
    "The guard scored 31 points in the second half. "
    "Fans lined the streets of Los Angeles after the game. "
    "The club will play its next match on Wednesday. "
    "Tickets sold out within an hour. "
    "The coach thanked the supporters for their patience."
)


def _types(report: Report) -> list[str]:
    return [e.type for e in report.events]


def test_a_story_about_no_war_gives_no_events(analyze_text: Analyze) -> None:
    assert _types(analyze_text(SPORTS_STORY)) == []


def test_a_story_about_the_war_keeps_its_meeting(analyze_text: Analyze) -> None:
    story = SPORTS_STORY.replace(
        "Tickets sold out within an hour.", "Russian missiles struck Kharkiv. Ukrainian troops held the line."
    ).replace("The players met with President Joe Biden", "President Joe Biden met with President Volodymyr Zelensky")
    assert "CONSULT" in _types(analyze_text(story))


def test_a_meeting_with_a_private_person_is_no_event(analyze_text: Analyze) -> None:
    report = analyze_text("The retired boxer Tom Harlow met with President Joe Biden on Friday.")
    assert "CONSULT" not in _types(report)


def test_agreeing_with_an_opinion_is_no_agreement(analyze_text: Analyze) -> None:
    report = analyze_text("I fully agree with the French president that Russia must not win, the German minister said.")
    assert "AGREE" not in _types(report)


def test_a_deal_that_is_near_is_no_agreement(analyze_text: Analyze) -> None:
    report = analyze_text("Kyiv and Washington are close to a deal on minerals, officials in both capitals say.")
    assert "AGREE" not in _types(report)


def test_an_agreed_truce_is_an_agreement(analyze_text: Analyze) -> None:
    report = analyze_text("Russia and Ukraine agreed to a local truce around the dam on Tuesday.")
    assert [e.actors for e in report.events if e.type == "AGREE"] == [("RUS", "UKR")]


def test_a_strike_that_could_come_is_no_attack(analyze_text: Analyze) -> None:
    report = analyze_text("Russia could strike the power plants of Odesa again this winter, Ukrainian officials fear.")
    assert "ATTACK" not in _types(report)


def test_threatened_sanctions_are_no_sanction(analyze_text: Analyze) -> None:
    report = analyze_text("Poland threatened to impose sanctions on Belarus over the border crossings.")
    assert "SANCTION" not in _types(report)


def test_sanctions_as_background_are_no_sanction(analyze_text: Analyze) -> None:
    report = analyze_text("Old tankers carry Russian crude to Asia to evade Western sanctions on Moscow.")
    assert "SANCTION" not in _types(report)


def test_imposed_sanctions_stay(analyze_text: Analyze) -> None:
    report = analyze_text("Japan imposed new sanctions on Russia on Friday.", published="2024-03-02")
    assert [e.actors for e in report.events if e.type == "SANCTION"] == [("JPN", "RUS")]


def test_a_place_keeps_no_leading_article(analyze_text: Analyze) -> None:
    report = analyze_text("Russian forces shelled villages in the Donbas on Monday.", published="2024-03-05")
    assert [e.place for e in report.events if e.type == "ATTACK"] == ["Donbas"]


def test_a_place_to_be_taken_over_is_no_seizure(analyze_text: Analyze) -> None:
    report = analyze_text("The promoter said his fans are going to take over Chicago on fight night.")
    assert "SEIZE" not in _types(report)


def test_aid_between_the_two_sides_of_a_war_is_none(analyze_text: Analyze) -> None:
    report = analyze_text("Russian troops began a new offensive on Tuesday, prompting pledges of more aid to Ukraine.")
    assert [e.actors[:2] for e in report.events if e.type == "AID" and e.actors[:1] == ("RUS",)] == []


def test_a_fire_put_out_is_no_attack(analyze_text: Analyze) -> None:
    report = analyze_text("Firefighters in Kharkiv put out a fire at a warehouse after Russian shelling on Monday.")
    assert [e.actors[:1] for e in report.events if e.type == "ATTACK"] == [("RUS",)]


def test_artillery_fire_is_an_attack(analyze_text: Analyze) -> None:
    report = analyze_text("Russian artillery fire hit Nikopol overnight, the governor said.")
    assert ("RUS", "UKR") in [e.actors for e in report.events if e.type == "ATTACK"]


def test_striking_a_tone_is_no_attack(analyze_text: Analyze) -> None:
    report = analyze_text("The Russian envoy struck a softer tone on Ukraine after the talks.")
    assert "ATTACK" not in _types(report)


def test_refraining_from_strikes_is_no_attack(analyze_text: Analyze) -> None:
    report = analyze_text("Ukrainian gunners refrained from striking the Russian positions near the school.")
    assert "ATTACK" not in _types(report)


def test_a_future_attack_is_no_attack(analyze_text: Analyze) -> None:
    report = analyze_text("The allies pledged to help Ukraine in case of a future armed attack by Russia.")
    assert "ATTACK" not in _types(report)


def test_an_agreement_takes_the_place_of_its_meeting(analyze_text: Analyze) -> None:
    text = (
        "President Macron met Chancellor Merz in Berlin on Tuesday. "
        "France and Germany signed a declaration on joint air defence."
    )
    report = analyze_text(text, published="2025-10-08")
    assert [e.place for e in report.events if e.type == "AGREE"] == ["Berlin"]


def test_talks_as_an_ongoing_process_are_no_meeting(analyze_text: Analyze) -> None:
    report = analyze_text("Moscow kept shelling Kharkiv amid peace talks between Russia and Ukraine.")
    assert "CONSULT" not in _types(report)


def test_talks_of_an_attack_are_a_rumour_not_a_meeting(analyze_text: Analyze) -> None:
    report = analyze_text("There are talks of a new Russian offensive on Zaporizhzhia, Ukrainian officials said.")
    assert "CONSULT" not in _types(report)


def test_talks_held_in_a_city_stay_a_meeting(analyze_text: Analyze) -> None:
    report = analyze_text("Russia and Ukraine held talks in Istanbul on Monday.", published="2025-06-03")
    assert "CONSULT" in _types(report)


def test_a_headline_gives_no_events_of_its_own(analyze_text: Analyze) -> None:
    story = "Kremlin envoy meets Trump team in Miami\n\n" + SPORTS_STORY.replace(
        "Tickets sold out within an hour.", "Russian missiles struck Kharkiv. Ukrainian troops held the line."
    )
    report = analyze_text(story)
    assert all(e.sentence > 0 for e in report.events)
    assert "ATTACK" in _types(report)
