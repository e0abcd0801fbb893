"""Signals: embeds, unverifiable tags, headings, filler and opinion."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _signals(report: Report) -> list[tuple[str, str]]:
    return [(s.signal, s.text) for s in report.signals]


def test_seed_warnings(seed_report: Report) -> None:
    kinds = [s.signal for s in seed_report.signals]
    assert kinds.count("off_topic") == 2
    assert ("unverifiable_marker", "(verified source)") in _signals(seed_report)
    assert ("headline", "Russia increases attacks as Ukraine awaits defensive weapons") in _signals(seed_report)
    embeds = [t for k, t in _signals(seed_report) if k == "social_embed"]
    assert any("(@DefenceTech_)" in t for t in embeds)
    assert any("pic.twitter.com/NELTB07601" in t for t in embeds)
    assert any(k == "opinion" and "fruitless" in t for k, t in _signals(seed_report))


def test_quoted_or_credited_opinion_is_not_flagged(analyze_text: Analyze) -> None:
    text = 'The minister said the talks were "fruitless and pointless chitchat" and a disgraceful farce.'
    assert not [s for s in analyze_text(text).signals if s.signal == "opinion"]


def test_plain_news_has_no_warnings(analyze_text: Analyze) -> None:
    text = "Russia launched 40 drones at Kyiv overnight. Ukraine's air force said 35 were shot down."
    assert analyze_text(text).signals == ()


def test_link_bait_is_off_topic(analyze_text: Analyze) -> None:
    report = analyze_text(
        "Russia launched 40 drones at Kyiv overnight.\nRead more: the ten best travel deals of 2025\n"
    )
    assert [s.signal for s in report.signals] == ["off_topic"]


def _kinds(report: Report, kind: str) -> list[str]:
    return [s.text for s in report.signals if s.signal == kind]


LEAD = "Russia launched 40 drones at Kyiv overnight, the air force of Ukraine reported on Monday.\n\n"


def test_short_section_heading_between_paragraphs(analyze_text: Analyze) -> None:
    report = analyze_text(LEAD + "Security Assistance\n\nThe United States sent 38 launchers to Ukraine last year.\n")
    assert _kinds(report, "headline") == ["Security Assistance"]


def test_run_in_capital_heading_is_a_headline(analyze_text: Analyze) -> None:
    text = LEAD + "RESTORING BALANCE TO NATO: Allies raised their defence spending by a fifth last year.\n"
    assert _kinds(analyze_text(text), "headline") == ["RESTORING BALANCE TO NATO"]


def test_run_in_heading_on_the_first_paragraph(analyze_text: Analyze) -> None:
    text = (
        "BUILDING NEW PLANTS: This week, two companies agreed to build a shell plant in Poland.\n\nMore text follows.\n"
    )
    assert _kinds(analyze_text(text), "headline") == ["BUILDING NEW PLANTS"]


def test_speaker_labels_and_datelines_are_not_headlines(analyze_text: Analyze) -> None:
    text = (
        "Remarks on Ukraine\n\nRoosevelt Room\n\n12:01 P.M. EST\n\n"
        "THE PRESIDENT: Good morning. We are sending tanks to Ukraine this spring, and more will follow.\n\n"
        "Q: Mr. President, how many tanks will you send?\n\nMR. KIRBY: Thirty-one of them, in the coming months.\n\n"
        "THE PRESIDENT: Thank you all.\n\n12:10 P.M. EST\n"
    )
    assert _kinds(analyze_text(text), "headline") == []


def test_list_items_and_title_are_not_headlines(analyze_text: Analyze) -> None:
    text = (
        "Ukraine gets new air defence\n\n" + LEAD + "The package includes:\n\n- Patriot missiles\n- Stinger missiles\n"
    )
    assert _kinds(analyze_text(text), "headline") == []


def test_loaded_word_in_own_voice_is_opinion(analyze_text: Analyze) -> None:
    report = analyze_text("The government's reckless decision left the border town without power for a week.")
    assert _kinds(report, "opinion") == ["reckless"]


def test_intensified_adjective_is_opinion(analyze_text: Analyze) -> None:
    report = analyze_text("The new plan for the front is utterly hopeless.")
    assert _kinds(report, "opinion") == ["utterly hopeless"]


def test_quantity_after_intensifier_is_not_opinion(analyze_text: Analyze) -> None:
    assert (
        _kinds(analyze_text("So many drones were launched that night that the sirens never stopped."), "opinion") == []
    )


def test_rhetorical_question_with_evaluation_is_opinion(analyze_text: Analyze) -> None:
    report = analyze_text("Is anyone surprised that the talks were useless?")
    assert _kinds(report, "opinion") == ["useless?"]


def test_prescriptive_modal_with_stance_marker_is_opinion(analyze_text: Analyze) -> None:
    report = analyze_text("Clearly, the allies should send the jets without delay.")
    assert _kinds(report, "opinion") == ["Clearly, the allies should"]


def test_reported_speech_is_not_opinion(analyze_text: Analyze) -> None:
    text = "The governor told reporters the shelling was a barbaric and reckless crime against civilians."
    assert _kinds(analyze_text(text), "opinion") == []


def test_first_person_statement_is_not_opinion(analyze_text: Analyze) -> None:
    text = "We will stand with Ukraine. The attack on Kyiv was barbaric and reckless. Our aid will keep coming."
    assert _kinds(analyze_text(text), "opinion") == []


def test_embedded_post_split_across_lines(analyze_text: Analyze) -> None:
    text = (
        "Ukraine's president spoke in Kyiv on Monday.\n"
        "We will not give up our land. #StandWithUkraine\n"
        "— Volodymyr Zelenskyy (@ZelenskyyUa) March 3, 2025\n"
    )
    embeds = [s.text for s in analyze_text(text, published="2025-03-04").signals if s.signal == "social_embed"]
    assert embeds == [
        "We will not give up our land. #StandWithUkraine",
        "— Volodymyr Zelenskyy (@ZelenskyyUa) March 3, 2025",
    ]
    assert not [s for s in analyze_text(text, published="2025-03-04").signals if s.signal == "headline"]


def _opinions(report: Report) -> list[int]:
    return [s.sentence for s in report.signals if s.signal == "opinion"]


def test_an_evaluative_verdict_in_own_voice_is_opinion(analyze_text: Analyze) -> None:
    assert _opinions(analyze_text("The new tariff plan is stupid.")) == [0]


def test_adjectives_that_state_facts_or_degree_are_not_opinion(analyze_text: Analyze) -> None:
    text = "Two people are dead. The damage is severe. The town is ready to rebuild the bridge."
    assert _opinions(analyze_text(text)) == []


def test_the_writer_giving_a_view_in_the_first_person(analyze_text: Analyze) -> None:
    assert _opinions(analyze_text("I think the council made a terrible choice.")) == [0]
    assert _opinions(analyze_text("In my view, the reform is a wonderful idea.")) == [0]


def test_a_believer_in_the_first_person_is_not_reported_speech(analyze_text: Analyze) -> None:
    assert _opinions(analyze_text("I believe that the mayor is utterly dishonest.")) == [0]


def test_scare_quotes_with_an_evaluative_word_are_opinion(analyze_text: Analyze) -> None:
    assert _opinions(analyze_text("The “experts” gave yet another ridiculous forecast.")) == [0]
    assert _opinions(analyze_text("The “experts” met in Geneva on Monday.")) == []


def test_addressing_the_reader_with_an_evaluative_word_is_opinion(analyze_text: Analyze) -> None:
    assert _opinions(analyze_text("You would be foolish to trust these numbers.")) == [0]


def test_a_credit_word_inside_another_word_does_not_make_speech_reported(analyze_text: Analyze) -> None:
    # "per" (as in "per the ministry") is inside "experts" and "superb": only whole words credit a source
    assert _opinions(analyze_text("The experts made an utterly absurd forecast.")) == [0]
