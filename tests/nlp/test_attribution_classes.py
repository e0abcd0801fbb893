"""Attribution classes added for news-grade sourcing: each on sentences written for the test."""

from __future__ import annotations

from collections.abc import Callable

from attributed import credited_by_sentence as _credited
from sitrep.model import Report
from sitrep.nlp.quotations import find_quotations

Analyze = Callable[..., Report]


# --- quotations opened by a closing mark ------------------------------------------------------
def test_paragraph_opened_by_a_closing_mark_is_a_quotation() -> None:
    text = "Readers wrote in.\n”The bridge is too slow to build. We waited ten years.” ― Ines Marlow\n"
    start = text.index("”The")
    assert (start, text.index(" ―")) in find_quotations(text)


def test_quotation_opened_by_a_closing_mark_is_credited_to_its_dash_name(analyze_text: Analyze) -> None:
    text = (
        "Commuters gave their verdicts on the new line.\n\n"
        "”The trains are always late. The stations are dirty. Nobody fixes anything.” ― Tomas Berg\n"
    )
    credited = _credited(analyze_text(text))
    assert [n for n, names in credited.items() if "Tomas Berg" in names] == [1, 2, 3]


def test_closing_mark_inside_a_line_opens_nothing() -> None:
    text = "He called it “a plan” and left.\n"
    assert find_quotations(text) == [(text.index("“"), text.index(" and"))]


# --- verbs of asking, proposing and promising ---------------------------------------------------
def test_proposal_with_an_object_is_credited(analyze_text: Analyze) -> None:
    report = analyze_text("Senator Mara Quill proposed a tax on imported steel.")
    assert _credited(report) == {0: {"Mara Quill"}}


def test_promise_and_threat_with_a_to_clause_are_credited(analyze_text: Analyze) -> None:
    text = "Governor Ellis Vane threatened to veto the budget. Mayor Rosa Lind promised to reopen the library."
    assert _credited(analyze_text(text)) == {0: {"Ellis Vane"}, 1: {"Rosa Lind"}}


def test_request_with_for_and_demand_with_an_object_are_credited(analyze_text: Analyze) -> None:
    text = "The teachers union asked for smaller classes. Dana Pike demanded an apology from the board."
    assert _credited(analyze_text(text)) == {0: {"teachers union"}, 1: {"Dana Pike"}}


def test_intent_verbs_without_what_is_asked_credit_no_one(analyze_text: Analyze) -> None:
    text = (
        "The company offered a discount to new customers. The council did not agree to the plan. "
        "A new tax was proposed last year. The mayor called on Monday."
    )
    assert analyze_text(text).attributions == ()


def test_one_asked_is_not_the_one_asking(analyze_text: Analyze) -> None:
    assert analyze_text("Councillor Ida Brandt was asked to resign.").attributions == ()


# --- documents that find or show, concern expressed, worry and wonder -----------------------------
def test_study_finding_and_poll_showing_are_credited_to_the_document(analyze_text: Analyze) -> None:
    text = "A 2019 study by the institute found forty cases of fraud. The new poll shows Smith ahead by five points."
    report = analyze_text(text)
    assert {(a.sentence, a.source_kind) for a in report.attributions} == {(0, "document"), (1, "document")}


def test_a_person_who_finds_or_shows_something_is_no_source(analyze_text: Analyze) -> None:
    text = "Anna Berg found her keys in the car. The guide showed the visitors a map."
    assert analyze_text(text).attributions == ()


def test_expressed_concern_and_worry_credit_their_holders(analyze_text: Analyze) -> None:
    text = "Parents expressed deep concern about the closures. Farmers worry that the drought will last."
    assert _credited(analyze_text(text)) == {0: {"Parents"}, 1: {"Farmers"}}


# --- relative pronoun speakers and agent nouns ----------------------------------------------------
def test_relative_pronoun_speaker_is_its_antecedent(analyze_text: Analyze) -> None:
    text = (
        "Reporters called the harbour police, which reported forty thefts in a week. "
        "The audit, which notes that costs doubled, was published on Monday."
    )
    report = analyze_text(text)
    assert {(a.sentence, a.source, a.source_kind) for a in report.attributions} == {
        (0, "harbour police", "official_body"),
        (1, "audit", "document"),
    }


def test_agent_noun_speaker_is_an_unnamed_person(analyze_text: Analyze) -> None:
    text = "The narrator says the town was never rebuilt. One questioner claimed that the vote was rigged."
    report = analyze_text(text)
    assert {(a.sentence, a.source, a.source_kind) for a in report.attributions} == {
        (0, "narrator", "anonymous"),
        (1, "One questioner", "anonymous"),
    }


def test_a_noun_of_no_list_and_no_agent_ending_is_no_speaker(analyze_text: Analyze) -> None:
    assert analyze_text("The old museum says the town was never rebuilt.").attributions == ()


# --- quantifiers as speakers, what is offered as speech -----------------------------------------
def test_share_of_a_group_speaks_as_the_group(analyze_text: Analyze) -> None:
    text = "Many of the farmers believe the levy is unfair. Others say the levy came too late."
    report = analyze_text(text)
    assert {(a.sentence, a.source, a.source_kind) for a in report.attributions} == {
        (0, "Many of the farmers", "anonymous"),
        (1, "Others", "anonymous"),
    }


def test_offered_advice_is_speech_and_offered_goods_are_not(analyze_text: Analyze) -> None:
    text = "Senator Ruth Olsen offered some advice to the new mayor. The bakery offered free bread to the crowd."
    assert _credited(analyze_text(text)) == {0: {"Ruth Olsen"}}


def test_proposal_of_a_gerund_is_credited(analyze_text: Analyze) -> None:
    report = analyze_text("Councillor Petra Holm proposes closing the old bridge to trucks.")
    assert _credited(report) == {0: {"Petra Holm"}}


def test_curly_opening_closed_by_a_straight_mark_ends_there() -> None:
    text = '“The levy must go," Mayor Ida Lunde said, calling it "a tax on bread." Later that day “she left.”'
    assert find_quotations(text)[0] == (0, text.index(" Mayor"))


def test_speaker_after_a_mixed_mark_quotation_is_credited(analyze_text: Analyze) -> None:
    text = (
        '“The levy must go now," Mayor Ida Lunde said on Monday.\n\n'
        "The council meets again in May.\n\nA trader called the levy “a disgrace to the town.”"
    )
    credited = _credited(analyze_text(text))
    assert any("Ida Lunde" in name for name in credited.get(0, ())) and 1 not in credited


# --- naming verbs and dates hung on a source ------------------------------------------------
def test_branding_or_dubbing_something_a_name_credits_the_subject(analyze_text: Analyze) -> None:
    text = "The ministry branded the convoy a provocation. The farmers branded their cattle in May."
    assert _credited(analyze_text(text)) == {0: {"ministry"}}


def test_a_date_hung_on_the_source_is_no_part_of_its_name(analyze_text: Analyze) -> None:
    text = "An arbitration panel in 2001 found that the mill had polluted the river."
    assert _credited(analyze_text(text)) == {0: {"arbitration panel"}}


# --- a closing mark stays with the sentence it closes -----------------------------------------
def test_closing_mark_stuck_to_a_stop_ends_that_sentence(analyze_text: Analyze) -> None:
    # the parser opens the next piece with the mark that ends a paragraph ('"\n\n' on its own)
    text = '"The dam will hold. We checked every gate."\n\nNext came the rain.'
    report = analyze_text(text)
    texts = [s.text for s in report.sentences if s.text]
    assert texts == ['"The dam will hold.', 'We checked every gate."', "Next came the rain."]
    assert all(text[s.start : s.end] == s.text for s in report.sentences)


def test_opening_mark_after_a_stop_stays_with_its_sentence(analyze_text: Analyze) -> None:
    text = 'The engineer spoke. "The dam will hold," she said.'
    assert [s.text for s in analyze_text(text).sentences] == ["The engineer spoke.", '"The dam will hold," she said.']


def test_someone_who_asks_is_an_unnamed_person(analyze_text: Analyze) -> None:
    report = analyze_text("Then someone asked how the ferry could run in winter.")
    assert [(a.source, a.source_kind) for a in report.attributions] == [("someone", "anonymous")]
