"""AID in news: credit lines, requests, the speaker as giver, the accused giver, state backers, places."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _aid(report: Report) -> list[tuple[str | None, tuple[str, ...], str | None]]:
    return [(e.phase, e.actors, e.place) for e in report.events if e.type == "AID"]


def test_a_credit_line_is_no_aid(analyze_text: Analyze) -> None:
    text = (
        "Russian drones hit Odesa overnight. Reporters Anna Lee in Odesa and Tom Fox in Washington "
        "contributed to this report."
    )
    assert _aid(analyze_text(text)) == []


def test_allies_urged_to_deliver_is_aid_requested_of_them(analyze_text: Analyze) -> None:
    report = analyze_text("Zelenskyy urged NATO allies to urgently deliver more air-defense missiles.")
    assert _aid(report) == [("requested", ("NATO", "UKR"), None)]


def test_it_in_what_a_state_said_is_that_state(analyze_text: Analyze) -> None:
    report = analyze_text("Spain said on Friday it would send armored vehicles to Ukraine.")
    assert _aid(report) == [("announced", ("ESP", "UKR"), None)]


def test_the_accused_not_the_accuser_gives(analyze_text: Analyze) -> None:
    text = "Moscow accused France and other Western nations of supplying Ukraine with weapons."
    assert _aid(analyze_text(text)) == [("delivered", ("FRA", "UKR"), None)]


def test_a_warring_side_named_in_the_sentence_is_the_recipient(analyze_text: Analyze) -> None:
    text = (
        "Russian troops shelled Kharkiv again. Russia fired missiles at Odesa. "
        "The Danish minister told Ukraine's president that Denmark would send heavier material, including tanks."
    )
    assert [a[:2] for a in _aid(analyze_text(text))] == [("announced", ("DNK", "UKR"))]


def test_a_state_backing_a_war_effort_gives_aid(analyze_text: Analyze) -> None:
    report = analyze_text("Russia has pressed its war on Ukraine for years. Analysts say Cuba funds the war effort.")
    assert [a[1][0] for a in _aid(report)] == ["CUB"]
    report = analyze_text("Russia has pressed its war on Ukraine for years. Analysts say Syria supplies weapons.")
    assert [a[1][0] for a in _aid(report)] == ["SYR"]


def test_frozen_funds_are_no_aid(analyze_text: Analyze) -> None:
    report = analyze_text("Russia invaded Ukraine in 2022. Belgium holds frozen Russian funds worth billions.")
    assert _aid(report) == []


def test_a_delivery_to_a_city_is_placed_there(analyze_text: Analyze) -> None:
    report = analyze_text("Earlier this month, France delivered a modern air defense system to Chisinau.")
    assert _aid(report) == [("delivered", ("FRA", "MDA"), "Chisinau")]


def test_deploying_civil_equipment_is_aid_to_the_side_attacked(analyze_text: Analyze) -> None:
    text = (
        "Russian strikes cut power across Ukraine. The European Commission said ahead of the talks that it "
        "was deploying 300 emergency generators to help restore power to hospitals."
    )
    report = analyze_text(text)
    assert [a[:2] for a in _aid(report)] == [("announced", ("EU", "UKR"))]
    assert [(q.event, q.category, q.value) for q in report.quantities] == [("AID", "equipment", 300)]


def test_deploying_own_weapons_or_troops_is_no_aid(analyze_text: Analyze) -> None:
    assert _aid(analyze_text("Russia's war goes on. The United States deployed a Patriot battery to Slovakia.")) == []
    assert _aid(analyze_text("Russia's war goes on. Germany is deploying 500 troops to Lithuania.")) == []


def test_a_known_backer_gives_to_the_side_it_backs_when_no_recipient_is_named(analyze_text: Analyze) -> None:
    text = "Iran supplies attack drones, officials say. North Korea sends artillery shells."
    givers = {actors[0]: actors[1:] for _, actors, _ in _aid(analyze_text(text))}
    assert givers == {"IRN": ("RUS",), "PRK": ("RUS",)}


def test_a_named_recipient_beats_the_backer_table(analyze_text: Analyze) -> None:
    report = analyze_text("Belarus sent 20 trucks to Ukraine in March, its officials said.")
    assert [actors for _, actors, _ in _aid(report)] == [("BLR", "UKR")]


def test_a_side_named_as_the_aggressor_is_not_the_recipient(analyze_text: Analyze) -> None:
    text = "Since Russia's invasion began, Canada has sent more than 40 armored vehicles."
    assert [actors for _, actors, _ in _aid(analyze_text(text))] == [("CAN", "UKR")]


def test_a_side_named_by_its_tanks_is_not_the_recipient(analyze_text: Analyze) -> None:
    text = "Norway has provided anti-tank missiles that stopped the Russian tanks outside the capital."
    assert [actors for _, actors, _ in _aid(analyze_text(text))] == [("NOR", "UKR")]


def test_allegations_received_about_weapons_are_no_delivery(analyze_text: Analyze) -> None:
    text = "The OSCE monitors said they had received reports that Russian units fired cluster munitions at Kherson."
    assert _aid(analyze_text(text)) == []


def test_a_diplomatic_note_sent_about_rockets_is_no_aid(analyze_text: Analyze) -> None:
    text = "Last week a formal note about the rockets was sent by Moscow to the German embassy in Kyiv."
    assert _aid(analyze_text(text)) == []


def test_weapons_received_are_still_a_delivery(analyze_text: Analyze) -> None:
    report = analyze_text("Ukraine received 40 howitzers from Poland last week.")
    assert _aid(report) == [("delivered", ("POL", "UKR"), None)]
