"""SANCTION in news: enforcement on ships, the story's imposer, reasons and sanctions still to come."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _sanctions(report: Report) -> list[tuple[tuple[str, ...], str | None]]:
    return [(e.actors, e.place) for e in report.events if e.type == "SANCTION"]


def test_a_navy_stopping_a_tanker_enforces_sanctions_where_it_did(analyze_text: Analyze) -> None:
    text = (
        "Russia has used a shadow fleet to evade sanctions. The Dutch navy intercepted a Russian oil tanker "
        "in the Mediterranean suspected of being part of the fleet."
    )
    assert _sanctions(analyze_text(text)) == [(("NLD", "RUS"), "Mediterranean")]


def test_boarded_and_detained_a_linked_tanker_off_a_coast(analyze_text: Analyze) -> None:
    text = (
        "Russia's war goes on. In March, Belgian authorities boarded and detained a Russia-linked tanker "
        "off the coast of Belgium."
    )
    assert _sanctions(analyze_text(text)) == [(("BEL", "RUS"), "Belgium")]


def test_an_enemy_ship_taken_in_war_is_no_sanction(analyze_text: Analyze) -> None:
    assert _sanctions(analyze_text("Ukrainian forces seized a Russian ship near Odesa.")) == []


def test_a_seized_village_is_no_sanction(analyze_text: Analyze) -> None:
    assert _sanctions(analyze_text("Russian forces seized the village of Pisky after weeks of fighting.")) == []


def test_sanctions_naming_only_their_target_are_the_storys_imposer(analyze_text: Analyze) -> None:
    text = (
        "Canada imposed sanctions on Russian banks in May. "
        "Last week, new sanctions targeted firms that have supported the Russian military."
    )
    assert _sanctions(analyze_text(text)) == [(("CAN", "RUS"), None), (("CAN", "RUS"), None)]


def test_a_side_named_in_the_reason_is_no_side_of_the_sanction(analyze_text: Analyze) -> None:
    text = "Canada imposed sanctions on Russia because it invaded Ukraine."
    assert _sanctions(analyze_text(text)) == [(("CAN", "RUS"), None)]


def test_sanctions_that_near_are_not_yet_imposed(analyze_text: Analyze) -> None:
    text = "Her name vanished from the Russian website as British sanctions on the president's friends neared."
    assert _sanctions(analyze_text(text)) == []


def test_sanctions_only_greenlit_are_not_yet_imposed(analyze_text: Analyze) -> None:
    text = (
        "Russia's war goes on. The White House has given U.S. senators the greenlight to move ahead "
        "with their sanctions package against Russia."
    )
    assert _sanctions(analyze_text(text)) == []


def test_sanctions_in_the_works_or_on_the_table_are_none_yet(analyze_text: Analyze) -> None:
    for text in (
        "The minister said on Friday that a ban on Russian gas imports was in the works.",
        "New EU sanctions on Russian banks are on the table, diplomats said on Monday.",
        "A fresh embargo on Russian coal is under discussion in Brussels, officials said.",
    ):
        assert [e for e in analyze_text(text).events if e.type == "SANCTION"] == [], text


def test_sanctions_in_place_are_still_sanctions(analyze_text: Analyze) -> None:
    report = analyze_text("EU sanctions on Russian banks have been in place since 2022, diplomats said on Monday.")
    assert [e.actors for e in report.events if e.type == "SANCTION"] == [("EU", "RUS")]


def test_barring_another_sides_officials_from_entering_is_a_sanction(analyze_text: Analyze) -> None:
    report = analyze_text("On Friday Russia banned 25 American lawmakers from entering the country.")
    assert [e.actors for e in report.events if e.type == "SANCTION"] == [("RUS", "USA")]


def test_other_bans_or_a_ban_to_come_are_no_entry_ban(analyze_text: Analyze) -> None:
    for text in (
        "The city council banned the sale of fireworks in Kyiv on Monday.",
        "Ukraine will bar Russian officials from entering the country next year.",
        "Police barred British fans from the stadium.",
    ):
        assert [e for e in analyze_text(text).events if e.type == "SANCTION"] == [], text
