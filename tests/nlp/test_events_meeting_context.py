"""Meetings and agreements told over several sentences: later mentions of one meeting ("the talks, which
were hosted by X", "negotiations examined", "the meetings held over these days") take its sides and place;
"a second round of talks" takes the sides of the talks before it; talks as a topic, a process or a habit
are no meeting."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Event, Report

Analyze = Callable[..., Report]


def _of_type(report: Report, kind: str) -> list[Event]:
    return [e for e in report.events if e.type == kind]


def test_the_talks_hosted_by_a_third_state_are_the_talks_told_before(analyze_text: Analyze) -> None:
    text = (
        "Envoys of France, Germany and Poland met in Tel Aviv on Monday for talks on the war in Ukraine. "
        "The French minister said the talks, which were hosted by Israel, had been useful. "
        '"We discussed many things," he said. "In the end, all sides agreed to meet again next month."'
    )
    report = analyze_text(text, published="2024-03-06")
    held = [e for e in _of_type(report, "CONSULT") if e.phase == "held"]
    assert len(held) == 1 and held[0].place == "Tel Aviv"
    agreement = _of_type(report, "AGREE")
    assert len(agreement) == 1
    assert {"FRA", "DEU", "POL"} <= set(agreement[0].actors) and agreement[0].place == "Tel Aviv"


def test_a_second_round_of_talks_takes_the_sides_of_the_first(analyze_text: Analyze) -> None:
    text = (
        "Russia, Ukraine and the United States held talks in Istanbul on Saturday. "
        "A U.S. official told reporters a second round of talks is scheduled for March 3."
    )
    planned = [e for e in _of_type(analyze_text(text, published="2024-02-26"), "CONSULT") if e.phase == "planned"]
    assert len(planned) == 1 and {"RUS", "UKR", "USA"} <= set(planned[0].actors)


def test_negotiations_told_again_as_a_bare_subject_are_the_same_talks(analyze_text: Analyze) -> None:
    text = (
        "Ukraine and Russia held talks in Istanbul on Friday. "
        "Turkish officials told reporters that negotiations examined a prisoner exchange in the Donbas."
    )
    consult = _of_type(analyze_text(text, published="2024-05-20"), "CONSULT")
    assert [(e.place, set(e.actors)) for e in consult] == [("Istanbul", {"UKR", "RUS"})]


def test_a_multiword_city_before_the_talks_is_their_place(analyze_text: Analyze) -> None:
    text = (
        "Israel and Egypt held talks in Buenos Aires on Monday. "
        "The Buenos Aires talks followed a meeting in Cairo on Thursday between Egypt and Jordan."
    )
    places = sorted(e.place or "" for e in _of_type(analyze_text(text, published="2024-05-20"), "CONSULT"))
    assert places == ["Buenos Aires", "Cairo"]


def test_a_place_of_another_clause_is_not_the_meetings(analyze_text: Analyze) -> None:
    text = "Zelenskyy spoke by phone with Macron on Monday, a day after protesters rallied in Paris against the war."
    consult = _of_type(analyze_text(text, published="2024-05-20"), "CONSULT")
    assert len(consult) == 1 and consult[0].place is None


def test_an_agreement_reached_in_a_city_has_that_place(analyze_text: Analyze) -> None:
    text = "Russia and the United States agreed in Helsinki on Tuesday to resume flights between the two countries."
    agreement = _of_type(analyze_text(text, published="2024-05-20"), "AGREE")
    assert [e.place for e in agreement] == ["Helsinki"]


def test_talks_as_a_topic_a_process_or_a_habit_are_no_meeting(analyze_text: Analyze) -> None:
    for text in (
        "At the center of discussions was a peace plan for Ukraine, a Russian official said.",
        "Ukraine accused Russia of holding up negotiations on a prisoner exchange.",
        "After months of negotiations between Russia and Ukraine, the two sides remain far apart.",
        '"He talks tough, and then he shells our cities," the Ukrainian president said of the Russian leader.',
        "Russian diplomats engage in lengthy talks with Ukraine while their missiles fall on Kyiv.",
    ):
        assert not _of_type(analyze_text(text, published="2024-05-20"), "CONSULT"), text


def test_several_meetings_or_a_record_of_meetings_are_no_one_meeting(analyze_text: Analyze) -> None:
    for text in (
        "The Treasury official said there are other meetings that the minister will attend with Ukraine.",
        "Germany will not take part in a number of meetings if Russia is there, the minister said.",
        "The chancellor has met with both Zelenskyy and Putin, though those meetings changed little.",
        "Kyiv keeps its troops in the east to prepare for any future negotiations with Russia.",
        "Both armies shifted their negotiating stance with Russia and Ukraine after the winter.",
    ):
        assert not _of_type(analyze_text(text, published="2024-05-20"), "CONSULT"), text


def test_some_of_the_meetings_of_a_week_are_still_a_meeting(analyze_text: Analyze) -> None:
    text = "The U.S. finance minister will skip some of the meetings with Ukraine this week, officials said."
    assert [e.phase for e in _of_type(analyze_text(text, published="2024-05-20"), "CONSULT")] == ["planned"]


def test_a_meeting_ahead_is_planned(analyze_text: Analyze) -> None:
    text = "Poland's president spoke to reporters on Friday ahead of a meeting with Chancellor Scholz in Berlin."
    consult = _of_type(analyze_text(text, published="2024-05-17"), "CONSULT")
    assert [(e.phase, e.place) for e in consult] == [("planned", "Berlin")]


def test_the_subject_of_a_meeting_clause_is_its_other_side(analyze_text: Analyze) -> None:
    text = (
        "Russian missiles hit Odesa overnight, and Russia's army said Russia would strike again. "
        "Finnish President Alexander Stubb spent the weekend in Kyiv. "
        "On Monday, after meeting Zelenskyy in Kyiv, the president said the war could end this year."
    )
    consult = _of_type(analyze_text(text, published="2024-05-20"), "CONSULT")
    assert len(consult) == 1 and set(consult[0].actors) == {"FIN", "UKR"}


def test_what_talks_are_about_names_no_side(analyze_text: Analyze) -> None:
    text = (
        "Polish President Andrzej Duda spoke in Davos. "
        '"We need a strong Europe," he said in Davos, just after meeting with Donald Trump on the war with Russia.'
    )
    consult = _of_type(analyze_text(text, published="2024-05-20"), "CONSULT")
    assert len(consult) == 1 and set(consult[0].actors) == {"POL", "USA"}


def test_meeting_a_commitment_or_perhaps_speaking_is_no_meeting(analyze_text: Analyze) -> None:
    for text in (
        "In Italy, officials warned that raising military spending to meet NATO commitments would strain the budget.",
        "A deal would need Kyiv and Moscow to give ground and perhaps speak directly with each other.",
    ):
        assert not _of_type(analyze_text(text, published="2024-05-20"), "CONSULT"), text


def test_a_meeting_and_a_later_call_of_one_sentence_are_two(analyze_text: Analyze) -> None:
    text = "The row drew in Trump, who met with Zelenskyy in Florida on Friday and later spoke by phone with Putin."
    consult = _of_type(analyze_text(text, published="2025-12-29"), "CONSULT")
    assert len(consult) == 2
    meeting, call = consult
    assert {"USA", "UKR"} <= set(meeting.actors) and meeting.place == "Florida"
    assert set(call.actors) == {"USA", "RUS"} and call.place is None


def test_a_conversation_told_inside_another_meetings_sentence(analyze_text: Analyze) -> None:
    text = (
        "Duda met Zelenskyy in Warsaw on Monday. "
        "The Warsaw meeting came days after Duda said he had had a long conversation with Chancellor Scholz."
    )
    sides = [set(e.actors) for e in _of_type(analyze_text(text, published="2024-05-20"), "CONSULT")]
    assert {"POL", "UKR"} in sides and {"POL", "DEU"} in sides


def test_talks_named_by_their_city_are_the_meeting_in_that_city(analyze_text: Analyze) -> None:
    text = (
        "Trump met Zelenskyy in Florida on Sunday. "
        "Days earlier, Russian and Ukrainian envoys had held talks in Istanbul. "
        "The Florida talks came as Kyiv signaled a shift in its stance."
    )
    consult = _of_type(analyze_text(text, published="2025-12-29"), "CONSULT")
    assert sorted((e.place or "", tuple(sorted(e.actors))) for e in consult) == [
        ("Florida", ("UKR", "USA")),
        ("Istanbul", ("RUS", "UKR")),
    ]


def test_a_declaration_signed_takes_the_place_its_name_carries(analyze_text: Analyze) -> None:
    text = (
        "Moscow criticized the new Rome declaration on security guarantees for Kyiv. "
        "On Monday, Italy and Spain signed a declaration of intent to send trainers to Ukraine."
    )
    agreement = _of_type(analyze_text(text, published="2026-01-08"), "AGREE")
    assert [(set(e.actors), e.place) for e in agreement] == [({"ITA", "ESP"}, "Rome")]


def test_we_have_agreed_with_no_side_named_is_no_agreement(analyze_text: Analyze) -> None:
    text = (
        "Britain and France signed a treaty on defence in London on Monday. "
        "Several ministers later spoke about it. "
        '"We also have agreed on further steps," the minister said.'
    )
    agreement = _of_type(analyze_text(text, published="2026-01-08"), "AGREE")
    assert len(agreement) == 1 and agreement[0].place == "London"


def test_the_holders_of_talks_are_their_sides_and_a_second_meeting_has_its_own(analyze_text: Analyze) -> None:
    text = (
        "Envoys of Turkey and Qatar held talks in Doha, according to a report, which added that "
        "Ankara's envoys also met with Iranian leaders."
    )
    consult = _of_type(analyze_text(text, published="2024-05-20"), "CONSULT")
    assert len(consult) == 2
    assert set(consult[0].actors) == {"TUR", "QAT"} and consult[0].place == "Doha"
    assert {"TUR", "IRN"} <= set(consult[1].actors)


def test_meetings_of_one_pair_with_no_date_or_place_in_common_are_two(analyze_text: Analyze) -> None:
    text = (
        "Turkey and Qatar held a long meeting in December. It brought no breakthrough. "
        "Turkey and Qatar held talks in Doha, officials said."
    )
    consult = _of_type(analyze_text(text, published="2026-01-21"), "CONSULT")
    assert sorted((e.date or "", e.place or "") for e in consult) == [("", "Doha"), ("2025-12", "")]


def test_a_surname_told_later_keeps_the_side_of_the_full_name(analyze_text: Analyze) -> None:
    text = (
        "Prime Minister Boris Johnson spoke to reporters in London on Monday. "
        "Two days later Mr. Johnson flew to Warsaw to meet Polish officials."
    )
    meetings = _of_type(analyze_text(text), "CONSULT")
    assert len(meetings) == 1 and meetings[0].actors[:2] == ("GBR", "POL")


def test_a_meeting_a_leader_chairs_on_home_affairs_has_no_counterpart(analyze_text: Analyze) -> None:
    text = "Ukraine and Russia traded blame on Monday. Putin chaired a meeting on grain exports in Sochi on Tuesday."
    assert _of_type(analyze_text(text), "CONSULT") == []


def test_a_visit_to_troops_or_a_site_at_home_is_no_meeting(analyze_text: Analyze) -> None:
    text = "Russia shelled Kharkiv again. President Zelenskyy visited troops near Bakhmut on Tuesday, his office said."
    assert _of_type(analyze_text(text), "CONSULT") == []
    text = "Russia shelled Kharkiv again. Putin spoke during a visit to a shipyard north of Moscow on Friday."
    assert _of_type(analyze_text(text), "CONSULT") == []


def test_a_visit_to_a_foreign_city_is_met_by_that_citys_side(analyze_text: Analyze) -> None:
    meetings = _of_type(analyze_text("Italian Prime Minister Giorgia Meloni visited Kyiv on Monday."), "CONSULT")
    assert [(e.actors, e.place) for e in meetings] == [(("ITA", "UKR"), "Kyiv")]


def test_a_call_that_came_after_a_visit_is_two_meetings(analyze_text: Analyze) -> None:
    text = (
        "Starmer and Erdogan's phone call on Friday came after the British leader visited Zelenskyy in Odesa "
        "on Tuesday."
    )
    meetings = [(set(e.actors), e.place) for e in _of_type(analyze_text(text), "CONSULT")]
    assert meetings == [({"GBR", "TUR"}, None), ({"GBR", "UKR"}, "Odesa")]


def test_the_date_of_another_meetings_clause_is_not_the_first_meetings(analyze_text: Analyze) -> None:
    text = "Starmer and Erdogan's phone call came after the British leader visited Zelenskyy in Odesa on Tuesday."
    dates = [e.date for e in _of_type(analyze_text(text, published="2025-07-11"), "CONSULT")]
    assert dates == [None, "2025-07-08"]


def test_next_to_in_a_caption_is_a_place_not_a_plan(analyze_text: Analyze) -> None:
    text = "Polish President Andrzej Duda stands next to Zelenskyy during a visit to a hospital in Lviv, Monday."
    assert [e.phase for e in _of_type(analyze_text(text), "CONSULT")] == ["held"]


def test_a_leader_telling_another_sides_leader_something_is_a_conversation(analyze_text: Analyze) -> None:
    text = "Italian Prime Minister Giorgia Meloni told Zelenskyy on Friday that Rome would keep up its support."
    meetings = _of_type(analyze_text(text), "CONSULT")
    assert [(e.actors, e.phase) for e in meetings] == [(("ITA", "UKR"), "held")]


def test_telling_reporters_ones_own_side_or_an_army_is_no_conversation(analyze_text: Analyze) -> None:
    for text in (
        "Zelenskyy told reporters in Kyiv on Monday that the front was holding.",
        "Putin told Russian officials on Monday to speed up the work.",
        "The Russian army told the Ukrainian army that the shelling would stop.",
        "As Macron told Putin last year, France will not back down.",
    ):
        assert _of_type(analyze_text(text), "CONSULT") == [], text


def test_talks_only_possible_or_an_opportunity_for_them_are_no_meeting(analyze_text: Analyze) -> None:
    for text in (
        "Nobody knows when a new round of talks between Kyiv and Moscow will be possible, the aide said.",
        "Talks between Ukraine and Russia are possible next month, the Kremlin said on Monday.",
        "There was an opportunity for a meeting between Ukraine and Russia in the spring, diplomats said.",
    ):
        assert _of_type(analyze_text(text), "CONSULT") == [], text
