"""Directive and commissive speech acts, and agreement with a claim: each on sentences written for the test.

A speaker who urges, calls for or on, demands, appeals for, vows, pledges or promises something is credited
with the sentence (the facts contract, issue 11); the one urged or asked is not, nor a pledge of goods, nor a
call placed on a day, nor an agreement to do something (an AGREE event, not a claim).
"""

from __future__ import annotations

from collections.abc import Callable

from attributed import credited_by_sentence as _credited
from sitrep.model import Report

Analyze = Callable[..., Report]


def test_urging_with_a_to_clause_or_an_object_is_credited(analyze_text: Analyze) -> None:
    text = (
        "Governor Alma Reyes urged farmers to register their wells. Senator Tobias Hale urges restraint on the border."
    )
    assert _credited(analyze_text(text)) == {0: {"Alma Reyes"}, 1: {"Tobias Hale"}}


def test_call_for_and_call_on_are_credited(analyze_text: Analyze) -> None:
    text = (
        "The dockworkers union called for a new safety inspection. "
        "Mayor Lena Brook called on the railway to restore the night trains."
    )
    assert _credited(analyze_text(text)) == {0: {"dockworkers union"}, 1: {"Lena Brook"}}


def test_a_call_on_a_day_or_a_phone_call_is_no_speech_act(analyze_text: Analyze) -> None:
    text = "Minister Oskar Vinter called on Tuesday. Minister Oskar Vinter called his counterpart to discuss the grain."
    assert analyze_text(text).attributions == ()


def test_vows_with_a_clause_or_an_object_are_credited(analyze_text: Analyze) -> None:
    text = "Coach Ivo Marsh vowed to rebuild the team. The rebel commander Dario Fenn vowed revenge for the raid."
    assert _credited(analyze_text(text)) == {0: {"Ivo Marsh"}, 1: {"Dario Fenn"}}


def test_pledge_of_goods_is_no_claim_and_pledge_to_act_is(analyze_text: Analyze) -> None:
    text = "The council pledged new buses for the valley. Chancellor Rita Moor pledged to cut the fuel levy."
    assert _credited(analyze_text(text)) == {1: {"Rita Moor"}}


def test_appeal_and_plea_for_something_are_credited(analyze_text: Analyze) -> None:
    text = "Anselm Grau appealed for calm after the verdict. Her sister Nora Klee pleaded for his release."
    assert _credited(analyze_text(text)) == {0: {"Anselm Grau"}, 1: {"Nora Klee"}}


def test_the_one_urged_or_called_on_is_not_the_speaker(analyze_text: Analyze) -> None:
    text = "Judge Ava Stone was urged to step aside. The tenants were called on to leave the building."
    assert analyze_text(text).attributions == ()


def test_negated_call_and_urge_credit_no_one(analyze_text: Analyze) -> None:
    text = "Director Hugo Lind did not call for new elections. The ministry never urged anyone to leave."
    assert analyze_text(text).attributions == ()


def test_agreeing_to_act_is_an_agreement_not_a_claim(analyze_text: Analyze) -> None:
    text = "The two firms agreed to merge their shipping arms. The unions do not agree with the plan."
    assert analyze_text(text).attributions == ()


def test_pronoun_speaker_of_a_call_is_resolved(analyze_text: Analyze) -> None:
    text = "Anselm Grau spoke at the cathedral on Sunday. He called for an end to the blockade."
    assert "Anselm Grau" in _credited(analyze_text(text)).get(1, set())


# --- speech acts that frame someone as something, documents that show, unnamed close people ---------
def test_attacking_or_painting_someone_as_something_is_credited(analyze_text: Analyze) -> None:
    text = (
        "Ida Crane attacked the governor as a coward. The mayor Piet Haas painted the new levy as a gift to landlords."
    )
    assert _credited(analyze_text(text)) == {0: {"Ida Crane"}, 1: {"Piet Haas"}}


def test_likening_one_thing_to_another_is_credited(analyze_text: Analyze) -> None:
    report = analyze_text("Professor Lise Dahl likened the blockade to a medieval siege.")
    assert _credited(report) == {0: {"Lise Dahl"}}


def test_an_attack_on_a_town_is_no_speech(analyze_text: Analyze) -> None:
    text = "Rebel units attacked the town as night fell. The storm hit the coast as a category four hurricane."
    assert analyze_text(text).attributions == ()


def test_polling_averages_that_show_are_documents(analyze_text: Analyze) -> None:
    report = analyze_text("Polling averages show the mayor ahead by four points.")
    assert [(a.sentence, a.source_kind) for a in report.attributions] == [(0, "document")]


def test_a_fund_and_those_close_to_someone_are_sources(analyze_text: Analyze) -> None:
    text = (
        "The fund predicted that exports will shrink next year. Those close to the minister say she will resign in May."
    )
    report = analyze_text(text)
    assert {(a.sentence, a.source_kind) for a in report.attributions} == {(0, "official_body"), (1, "anonymous")}


# --- "they" and "it" for the subject of a sentence before, when it is no person -------------------------
def test_they_speaks_for_the_group_that_was_the_subject_before(analyze_text: Analyze) -> None:
    text = (
        "Opponents of the dam gathered outside the court on Monday. They say the reservoir will flood three villages."
    )
    report = analyze_text(text)
    assert [(a.sentence, a.source_kind, a.as_written) for a in report.attributions] == [(1, "anonymous", "They")]
    assert "Opponents" in report.attributions[0].source


def test_it_does_not_stand_for_a_plural_group(analyze_text: Analyze) -> None:
    text = "Opponents of the dam gathered outside the court on Monday. It says the reservoir will flood three villages."
    assert analyze_text(text).attributions == ()


# --- a transcript turn that runs over several paragraphs -----------------------------------------------
def test_unlabelled_paragraphs_between_turns_go_on_with_the_turn_before(analyze_text: Analyze) -> None:
    text = (
        "HOST: Will the ferry run this winter?\n\n"
        "OKAFOR: Only on weekends, I am afraid.\n\n"
        "The engines are old and the crew is small.\n\n"
        "(LAUGHTER.)\n\n"
        "HOST: And next year?\n\n"
        "OKAFOR: Every day, if the council pays.\n\n"
        "Follow the show on the radio.\n"
    )
    report = analyze_text(text)
    by_sentence = {a.sentence: a.source for a in report.attributions}
    sentences = [s.strip() for s in text.split("\n\n")]
    engines = sentences.index("The engines are old and the crew is small.")
    assert by_sentence.get(engines) == "Okafor"
    assert len(by_sentence) == 5  # four labelled turns and the one paragraph that goes on; no stage direction


# --- a quotation after a short quoted speech tag, and shouted quotations --------------------------------
def test_quotation_after_a_short_quote_and_its_tag_goes_on_with_that_speaker(analyze_text: Analyze) -> None:
    text = "“It hurts,” Mara Lee said. “We need help from the city. We cannot wait for spring.”\n"
    credited = _credited(analyze_text(text))
    assert credited == {0: {"Mara Lee"}, 1: {"Mara Lee"}, 2: {"Mara Lee"}}


def test_quotation_after_a_sentence_that_credits_no_one_is_not_carried_over(analyze_text: Analyze) -> None:
    # after "Mara Lee said the bridge was closed." the quotation goes on with her (test_attribution_news_verbs.py)
    text = "Mara Lee spoke on Monday. The bridge was closed. “We need help from the city, and soon.”\n"
    assert 2 not in _credited(analyze_text(text))


def test_shouted_quotation_is_credited(analyze_text: Analyze) -> None:
    text = "“The bridge is open at last!” Ada Brun shouted to the crowd.\n"
    assert _credited(analyze_text(text)) == {0: {"Ada Brun"}}


# --- nested speech: the outer speaker only ------------------------------------------------------------
def test_speech_reported_inside_another_speakers_words_is_credited_to_the_outer_speaker(analyze_text: Analyze) -> None:
    text = (
        "Ana Weiss said the audit found forty missing trucks. "
        "The union expects a long strike, Ana Weiss said. "
        "Ana Weiss said she believes the count was rigged."
    )
    assert _credited(analyze_text(text)) == {0: {"Ana Weiss"}, 1: {"Ana Weiss"}, 2: {"Ana Weiss"}}


def test_two_speakers_side_by_side_are_both_credited(analyze_text: Analyze) -> None:
    text = "Ana Weiss said the bridge was closed, and the transport ministry confirmed that it was shut."
    assert _credited(analyze_text(text)) == {0: {"Ana Weiss", "transport ministry"}}


def test_a_speaker_citing_evidence_keeps_the_claim(analyze_text: Analyze) -> None:
    text = (
        "Mayor Ada Brun said the port must close, citing a new engineering report. "
        "The Harbour Times reported that the port will close, citing people familiar with the plan."
    )
    credited = _credited(analyze_text(text))
    assert credited[0] == {"Ada Brun"}
    assert credited[1] == {"people familiar with the plan"}


def test_a_correction_label_is_no_source(analyze_text: Analyze) -> None:
    text = "The ferry resumed service on Monday.\n\nCorrection: An earlier version of this story gave the wrong date.\n"
    assert analyze_text(text).attributions == ()


def test_endorsing_a_candidate_is_a_speech_act(analyze_text: Analyze) -> None:
    text = "The dockworkers union endorsed Ada Brun for a second term. Ada Brun was endorsed again on Monday."
    assert _credited(analyze_text(text)) == {0: {"dockworkers union"}}


def test_charging_doubting_and_suspecting_with_a_clause_are_claims(analyze_text: Analyze) -> None:
    text = (
        "Ida Crane charged that the count was rigged. "
        "Many economists suspect that the levy was set too high. "
        "Ada Brun doubts that the ferry will run in May. "
        "The driver was charged with speeding."
    )
    assert set(_credited(analyze_text(text))) == {0, 1, 2}


def test_talking_or_bragging_about_something_and_warning_someone_to_act_are_credited(analyze_text: Analyze) -> None:
    text = (
        "Ida Crane talked about the flood at the town hall. "
        "Piet Haas often brags about his fishing fleet. "
        "The harbour ministry warned sailors to stay in port. "
        "Ida Crane talked with Piet Haas about the harbour."
    )
    assert set(_credited(analyze_text(text))) == {0, 1, 2}


def test_calling_for_an_act_credits_the_caller(analyze_text: Analyze) -> None:
    text = "Mayor Ilse Varga called for cutting the ferry fares. Mayor Ilse Varga called on Monday."
    assert {(a.sentence, a.source) for a in analyze_text(text).attributions} == {(0, "Ilse Varga")}


def test_name_given_by_the_agent_of_a_passive_credits_the_agent(analyze_text: Analyze) -> None:
    text = (
        "The surgeon has been called a charlatan by fellow physicians. The surgeon was called to the stage by the host."
    )
    assert {(a.sentence, a.source) for a in analyze_text(text).attributions} == {(0, "fellow physicians")}


def test_speaker_of_a_relative_clause_is_its_noun_not_the_pronoun(analyze_text: Analyze) -> None:
    text = "The farmers opposed the new levy, which economists say harms small dairies."
    assert {(a.sentence, a.source) for a in analyze_text(text).attributions} == {(0, "economists")}
