"""Events: type, phase, sides, place and date; mentions of one event merged."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.model import Event, Report

Analyze = Callable[..., Report]


def _of_type(report: Report, kind: str) -> list[Event]:
    """The report's events of one type, in order."""
    return [e for e in report.events if e.type == kind]


def _events(report: Report) -> list[tuple[str, str | None, tuple[str, ...], str | None]]:
    return [(e.type, e.phase, e.actors, e.place) for e in report.events]


def test_seed_events_are_merged_into_five(seed_report: Report) -> None:
    events = _events(seed_report)
    assert ("CONSULT", "planned", ("USA", "UKR"), "Rome") in events
    assert ("CONSULT", "planned", ("USA", "UKR"), "Kyiv") in events
    assert ("AID", "paused", ("USA", "UKR"), None) in events
    assert ("AID", "resumed", ("USA", "UKR"), None) in events
    assert ("ATTACK", "held", ("RUS", "UKR"), None) in events
    assert len(events) == 5


def test_resumption_is_dated_to_the_monday_before_publication(seed_report: Report) -> None:
    resumed = next(e for e in seed_report.events if e.phase == "resumed")
    assert resumed.date == "2025-07-07"
    assert set(resumed.items) >= {"engineering_equipment", "armored_vehicle"}


def test_coordinated_donors_are_separate_events(analyze_text: Analyze) -> None:
    report = analyze_text("Denmark and Estonia are sending howitzers to Ukraine.", published="2023-01-25")
    assert ("AID", "announced", ("DNK", "UKR"), None) in _events(report)
    assert ("AID", "announced", ("EST", "UKR"), None) in _events(report)


def test_negated_attack_is_not_an_event(analyze_text: Analyze) -> None:
    report = analyze_text("We do not attack other states and we do not kill civilians, Ukraine's president said.")
    assert not _of_type(report, "ATTACK")


def test_agreements_on_several_dates_are_several_events(analyze_text: Analyze) -> None:
    text = (
        "The Presidents assessed the implementation of agreements reached by the leaders of Russia, "
        "Azerbaijan and Armenia on November 9, 2020, January 11 and November 26, 2021."
    )
    dates = sorted(e.date or "" for e in analyze_text(text, published="2022-05-31").events if e.type == "AGREE")
    assert dates == ["2020-11-09", "2021-01-11", "2021-11-26"]


def test_meeting_place_and_date(analyze_text: Analyze) -> None:
    text = "Ilham Aliyev informed Vladimir Putin of his May 22 meeting with Prime Minister Nikol Pashinyan in Brussels."
    consult = next(e for e in analyze_text(text, published="2022-05-31").events if e.type == "CONSULT")
    assert consult.place == "Brussels"
    assert consult.date == "2022-05-22"
    assert consult.phase == "held"
    assert {"AZE", "ARM"} <= set(consult.actors)


def test_aid_money_goes_on_the_event(analyze_text: Analyze) -> None:
    report = analyze_text("The United States announced a new $800 million security assistance package for Ukraine.")
    aid = next(e for e in report.events if e.type == "AID")
    assert aid.value_usd == 800_000_000
    assert aid.actors == ("USA", "UKR")


def test_battles_are_attacks_one_per_place(analyze_text: Analyze) -> None:
    text = "Ukraine won the battles for Kyiv, Chernihiv and Sumy against Russia."
    places = sorted(e.place or "" for e in analyze_text(text, published="2022-05-24").events if e.type == "ATTACK")
    assert places == ["Chernihiv", "Kyiv", "Sumy"]
    attack = next(e for e in analyze_text(text, published="2022-05-24").events if e.type == "ATTACK")
    assert attack.actors == ("RUS", "UKR")


def test_specific_incidents_are_not_merged(analyze_text: Analyze) -> None:
    text = (
        "A Russian tank fired at a house in Borodyanka. "
        "A Russian missile strike hit a dormitory in Kharkiv. "
        "Russian attacks continued across Ukraine."
    )
    attacks = _of_type(analyze_text(text, published="2022-06-02"), "ATTACK")
    assert len(attacks) == 3


def test_meeting_hosted_at_an_institution(analyze_text: Analyze) -> None:
    text = "President Joe Biden hosted President Volodymyr Zelenskyy of Ukraine at the White House today."
    consult = next(e for e in analyze_text(text, published="2023-09-21").events if e.type == "CONSULT")
    assert consult.place == "White House"
    assert {"USA", "UKR"} <= set(consult.actors)


def test_sanction_keeps_its_named_imposer(analyze_text: Analyze) -> None:
    report = analyze_text(
        "The EU adopted its 17th sanctions package against Russia on Tuesday.", published="2025-05-21"
    )
    sanction = next(e for e in report.events if e.type == "SANCTION")
    assert set(sanction.actors) == {"EU", "RUS"}
    assert sanction.date == "2025-05-20"


def test_attacker_shared_by_coordinated_weapons(analyze_text: Analyze) -> None:
    text = "At least 14 people were killed in a massive Russian missile and drone attack on Kyiv overnight."
    attack = next(e for e in analyze_text(text).events if e.type == "ATTACK")
    assert attack.actors == ("RUS", "UKR")
    assert attack.place == "Kyiv"


def test_willingness_to_talk_is_not_a_meeting(analyze_text: Analyze) -> None:
    report = analyze_text("Kremlin spokesman Dmitry Peskov told reporters that Moscow was open to talks.")
    assert not _of_type(report, "CONSULT")


def test_strike_target_from_the_object(analyze_text: Analyze) -> None:
    report = analyze_text("Ukrainian drones hit a Russian oil refinery on Sunday.", published="2025-03-04")
    assert [(e.type, e.actors) for e in report.events] == [("ATTACK", ("UKR", "RUS"))]


def test_money_without_aid_is_not_aid(analyze_text: Analyze) -> None:
    report = analyze_text(
        "Congress debated the $2.25 trillion infrastructure package on Tuesday.", published="2021-04-02"
    )
    assert not _of_type(report, "AID")


ATTACK_CASES = {
    "incidents with their own target or victim stay separate": (
        "Russian forces shelled the region all week. "
        "A boy was hurt when Russian troops fired at a bus near the bridge. "
        "She died as a result of Russian artillery shelling. "
        "Two men died as a result of the Russian shelling of a farm.",
        "2022-06-02",
        4,
    ),
    "an attack dated to a day is its own incident": (
        "Russian missiles hit the port of Odesa. "
        "The Ukrainian president visited a school that was damaged on April 12 as a result of Russian drone attack.",
        "2022-06-18",
        2,
    ),
    "an enemy attack is credited to the earlier attacker": (
        "Russian troops shelled Kharkiv, Ukraine's army said. "
        "In Ukraine, a hospital was damaged on May 3 as a result of an enemy drone attack.",
        "2022-06-18",
        2,
    ),
    "the occupiers' attack goes to the side that attacked before": (
        "Russian forces shelled Sumy overnight. "
        "On May 4, the occupiers hit a residential area in the city of Ukraine's north.",
        "2022-05-06",
        2,
    ),
}


@pytest.mark.parametrize(("text", "published", "count"), ATTACK_CASES.values(), ids=ATTACK_CASES.keys())
def test_separate_russian_attacks(analyze_text: Analyze, text: str, published: str, count: int) -> None:
    attacks = _of_type(analyze_text(text, published=published), "ATTACK")
    assert len(attacks) == count
    assert all(e.actors[0] == "RUS" for e in attacks)


def test_each_thing_the_leaders_agreed_to_is_an_agreement(analyze_text: Analyze) -> None:
    text = (
        "President Macron spoke by phone with Chancellor Merz of Germany. "
        "The leaders agreed to coordinate their energy policies. "
        "The leaders agreed to hold a joint cabinet meeting in the autumn. "
        "They said their ministers could agree on further steps."
    )
    agreements = _of_type(analyze_text(text, published="2025-09-01"), "AGREE")
    assert len(agreements) == 2
    assert all({"FRA", "DEU"} <= set(e.actors) for e in agreements)


def test_talks_that_need_to_happen_are_not_a_meeting(analyze_text: Analyze) -> None:
    text = "The minister stressed that the negotiations needed to deliver binding guarantees for Finland."
    assert not _of_type(analyze_text(text), "CONSULT")


def test_passive_subject_is_the_target_not_the_attacker(analyze_text: Analyze) -> None:
    text = "The Israeli minister visited a town that was damaged in the night by Iranian missiles."
    attacks = _of_type(analyze_text(text), "ATTACK")
    assert attacks
    assert all(e.actors[0] == "IRN" for e in attacks)


def test_negotiation_process_is_not_a_meeting(analyze_text: Analyze) -> None:
    text = "The ministers of Moldova and Romania reviewed the negotiation process on the Transnistrian settlement."
    assert not _of_type(analyze_text(text), "CONSULT")


def test_a_phone_call_to_a_named_leader_is_a_meeting(analyze_text: Analyze) -> None:
    report = analyze_text("I have personally called German Chancellor Olaf Scholz.")
    consult = _of_type(report, "CONSULT")
    assert consult
    assert "DEU" in consult[0].actors


def test_future_words_of_another_clause_do_not_make_a_meeting_planned(analyze_text: Analyze) -> None:
    text = (
        "Chancellor Scholz met President Macron of France in Berlin on Monday, "
        "and officials said that Germany will send more tanks to Ukraine."
    )
    consult = _of_type(analyze_text(text, published="2023-01-20"), "CONSULT")
    assert consult
    assert consult[0].phase == "held"


def test_meeting_that_would_take_place_is_planned(analyze_text: Analyze) -> None:
    text = "President Putin spoke with President Biden. They said the negotiations would take place in Geneva."
    consult = _of_type(analyze_text(text, published="2021-12-31"), "CONSULT")
    assert any(e.phase == "planned" and e.place == "Geneva" for e in consult)


def test_going_to_talk_is_a_planned_meeting(analyze_text: Analyze) -> None:
    consult = [e for e in analyze_text("He is going to be talking with President Lula of Brazil.").events]
    assert [e.phase for e in consult if e.type == "CONSULT"] == ["planned"]


def test_possible_or_next_sanctions_are_not_imposed(analyze_text: Analyze) -> None:
    text = (
        "The ministers discussed the possibility of imposing sanctions on Belarus. "
        "They also talked about the next package of sanctions against Iran."
    )
    assert not _of_type(analyze_text(text), "SANCTION")


def test_willingness_to_agree_is_no_agreement(analyze_text: Analyze) -> None:
    text = "The Georgian premier repeated his readiness to sign a trade deal with Armenia."
    assert not _of_type(analyze_text(text), "AGREE")
