"""Who says what: named, institutional, anonymous, pronouns, quotations."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _sources(report: Report) -> list[tuple[int, str, str, str | None]]:
    return [(a.sentence, a.source, a.source_kind, a.via) for a in report.attributions]


def test_anonymous_source_relayed_by_outlet(seed_report: Report) -> None:
    found = [a for a in seed_report.attributions if a.source_kind == "anonymous"]
    assert [(a.source, a.via) for a in found] == [("people familiar with the ongoing discussions", "Politico")]


def test_pronoun_subject_resolves_to_the_last_speaker(seed_report: Report) -> None:
    sentence = next(s.index for s in seed_report.sentences if s.text.startswith("He told Zelensky"))
    assert (sentence, "Donald Trump", "person", None) in _sources(seed_report)


def test_plural_officials_are_an_official_body(seed_report: Report) -> None:
    assert any(a.source == "Ukrainian officials" and a.source_kind == "official_body" for a in seed_report.attributions)


def test_every_sentence_of_a_quotation_is_credited(analyze_text: Analyze) -> None:
    text = (
        'President Volodymyr Zelenskyy spoke in Milan. "We defend what is ours. We are very motivated people. '
        'We have values," the President said.'
    )
    report = analyze_text(text, published="2022-06-20")
    credited = {a.sentence for a in report.attributions if "Zelenskyy" in a.source}
    assert {1, 2, 3} <= credited


def test_passive_credit_covers_the_sentence_before(analyze_text: Analyze) -> None:
    text = "Weapons help Ukraine defend its land. This was stated by President Volodymyr Zelenskyy in Milan."
    report = analyze_text(text, published="2022-06-20")
    assert {a.sentence for a in report.attributions} == {0, 1}


def test_thanks_is_not_a_claim(analyze_text: Analyze) -> None:
    report = analyze_text("Volodymyr Zelenskyy thanked the European Union countries for their support.")
    assert report.attributions == ()


def _credited(report: Report, sentence: int) -> set[str]:
    return {a.source for a in report.attributions if a.sentence == sentence}


def test_role_with_country_resolves_to_its_holder(analyze_text: Analyze) -> None:
    text = (
        "President of Ukraine Volodymyr Zelenskyy spoke with President of the United States Joseph Biden. "
        '"We must win this war. This will be our victory," the President of Ukraine stressed.'
    )
    report = analyze_text(text)
    assert _credited(report, 1) == {"Volodymyr Zelenskyy"}
    assert _credited(report, 2) == {"Volodymyr Zelenskyy"}


def test_bare_role_prefers_the_recent_subject(analyze_text: Analyze) -> None:
    text = (
        "Volodymyr Zelenskyy informed Joseph Biden of the situation at the front. "
        "The Head of State noted that the new package arrived on time."
    )
    assert _credited(analyze_text(text), 1) == {"Volodymyr Zelenskyy"}


def test_long_title_resolves_to_the_person_named_with_it(analyze_text: Analyze) -> None:
    text = (
        "Russian troops are moving slowly - Adviser to the Head of the Office of the President\n\n"
        "This was announced by Adviser to the Head of the Office of the President Oleksiy Arestovych. "
        "The Adviser to the Head of the President's Office also denied the report that the border was breached."
    )
    report = analyze_text(text)
    assert all(_credited(report, i) == {"Oleksiy Arestovych"} for i in (0, 1, 2))


def test_pronoun_resolves_to_the_subject_of_the_sentence_before(analyze_text: Analyze) -> None:
    text = (
        "Joseph Biden emphasised that Washington had no such plans. "
        "Vladimir Putin gave a response to the warning. "
        "He suggested that this would be a grave error."
    )
    assert _credited(analyze_text(text), 2) == {"Vladimir Putin"}


def test_sharing_speaking_and_updating_are_telling(analyze_text: Analyze) -> None:
    text = (
        "Volodymyr Zelenskyy shared his assessment of the situation on the battlefield. "
        "He spoke about the crimes of the occupiers. "
        "Joe Biden provided an update on forthcoming security assistance. "
        "He shared that Abrams tanks will arrive next week. "
        "Volodymyr Zelenskyy updated Joe Biden on the status of the negotiations."
    )
    report = analyze_text(text)
    assert [sorted(_credited(report, i)) for i in range(5)] == [
        ["Volodymyr Zelenskyy"],
        ["Volodymyr Zelenskyy"],
        ["Joe Biden"],
        ["Joe Biden"],
        ["Volodymyr Zelenskyy"],
    ]


def test_a_call_with_someone_about_something_is_not_a_claim(analyze_text: Analyze) -> None:
    report = analyze_text("President Biden spoke today with President Zelenskyy of Ukraine about the ongoing work.")
    assert report.attributions == ()


def test_heard_information_from_credits_the_informant(analyze_text: Analyze) -> None:
    text = "The participants heard information from the Commander of the Navy Oleksiy Neizhpapa on the Black Sea."
    assert _credited(analyze_text(text), 0) == {"Oleksiy Neizhpapa"}


def test_mention_by_credits_the_speaker(analyze_text: Analyze) -> None:
    text = "Vladimir Putin gave a response to the mention by Joseph Biden of new sanctions."
    assert "Joseph Biden" in _credited(analyze_text(text), 0)  # named as written; "Joe Biden" is the resolved name


def test_expressed_hope_that_counts_but_gratitude_does_not(analyze_text: Analyze) -> None:
    text = (
        "Volodymyr Zelenskyy expressed hope that young people will return home. "
        "Volodymyr Zelenskyy expressed gratitude to the United States."
    )
    report = analyze_text(text)
    assert {a.sentence for a in report.attributions} == {0}


def test_thinking_about_and_agreeing_are_not_claims_but_urging_is(analyze_text: Analyze) -> None:
    # "thought he could ..." (a belief held, with its clause) is now a claim like "believes": see
    # test_attribution_beliefs.py; thinking about something, with no clause, holds nothing
    text = (
        "Putin thought about the old empire for years. "
        "The leaders agreed that talks should continue. "
        "Zelenskyy urged Western countries to close the sky."
    )
    assert {(a.sentence, a.source) for a in analyze_text(text).attributions} == {(2, "Zelenskyy")}


def test_reiterated_needs_a_clause(analyze_text: Analyze) -> None:
    text = (
        "President Biden reiterated that the United States will support Ukraine. "
        "President Biden reiterated his commitment to Ukraine."
    )
    assert {a.sentence for a in analyze_text(text).attributions} == {0}


def test_colon_credit_in_a_title(analyze_text: Analyze) -> None:
    text = "Volodymyr Zelenskyy after the shelling of Vinnytsia: Close the sky over Ukraine\n\nThe city was hit."
    assert _credited(analyze_text(text), 0) == {"Volodymyr Zelenskyy"}


def test_dash_credit_with_a_bare_role(analyze_text: Analyze) -> None:
    text = (
        "We still do not know how many children died - President\n\n"
        "Volodymyr Zelenskyy spoke at a meeting with students."
    )
    assert _credited(analyze_text(text), 0) == {"Volodymyr Zelenskyy"}


def test_scare_quotes_are_not_quotations(analyze_text: Analyze) -> None:
    text = "President Trump showed allies a plan known as the “Trump Trillion” at the summit."
    assert analyze_text(text).attributions == ()


def test_embedded_clause_subject_is_not_the_speaker(analyze_text: Analyze) -> None:
    text = (
        "The President of Russia Vladimir Putin informed the parties about the events, noting that the "
        "Russian Armed Forces are strictly observing the law, and spoke about the work in Mariupol."
    )
    assert _credited(analyze_text(text), 0) == {"Vladimir Putin"}


def test_outlet_reporting_while_citing_anonymous_people_is_the_via(analyze_text: Analyze) -> None:
    text = "The US paused deliveries of interceptors, Politico reported, citing people familiar with the talks."
    found = [(a.source, a.source_kind, a.via) for a in analyze_text(text).attributions]
    assert found == [("people familiar with the talks", "anonymous", "Politico")]


def test_a_named_source_keeps_the_name_as_written(analyze_text: Analyze) -> None:
    text = "Kevin Dorsey runs a small bakery in Leeds. Mr. Dorsey said that flour prices doubled this year."
    assert _credited(analyze_text(text), 1) == {"Dorsey"}


def test_quotation_paragraphs_after_a_tagged_one_keep_its_speaker(analyze_text: Analyze) -> None:
    text = (
        "Farmers met in the town hall on Monday.\n\n"
        "“The harvest came late this year,” said Anna Kowalska, who grows wheat. “We lost half of it.”\n\n"
        "“Nobody warned us about the frost. The forecast was wrong again.”\n\n"
        "The meeting ended at noon."
    )
    report = analyze_text(text)
    credited = {a.sentence for a in report.attributions if a.source == "Anna Kowalska"}
    last = len(report.sentences) - 1
    assert credited == set(range(1, last))
    assert _credited(report, last) == set()


def test_doubled_apostrophes_mark_a_quotation(analyze_text: Analyze) -> None:
    text = "''The bridge will reopen in May after the repairs,'' said Tom Becker. ''Traffic will be slow until then.''"
    report = analyze_text(text)
    assert {a.sentence for a in report.attributions if a.source == "Tom Becker"} == {0, 1}


def test_a_dash_after_a_quotation_names_its_speaker(analyze_text: Analyze) -> None:
    text = "Voters wrote to us about the debate.\n\n“Why does nobody talk about rent anymore?” ― Maria Lopez\n"
    report = analyze_text(text)
    assert _credited(report, 1) == {"Maria Lopez"}


def test_a_label_before_a_title_colon_is_no_speaker(analyze_text: Analyze) -> None:
    text = "The Latest: Smith wins the vote in Ohio\n\nThe count ended late on Tuesday."
    assert analyze_text(text).attributions == ()


def test_sources_no_lexicon_lists(analyze_text: Analyze) -> None:
    text = (
        "Halvorsen said on Monday that the plant will close. "
        "Her lawyer said the deal was signed in March. "
        "Several shop owners said prices rose. "
        "Norway said it would send more aid."
    )
    report = analyze_text(text)
    found = [(a.sentence, a.source, a.source_kind) for a in report.attributions]
    assert found == [
        (0, "Halvorsen", "person"),
        (1, "Her lawyer", "anonymous"),
        (2, "Several shop owners", "anonymous"),
        (3, "Norway", "official_body"),
    ]


def test_it_and_they_are_the_body_credited_just_before(analyze_text: Analyze) -> None:
    text = "The ministry said the bridge was hit twice. It said that repairs would take a month."
    assert _credited(analyze_text(text), 1) == {"ministry"}


def test_helping_someone_respond_is_not_speech(analyze_text: Analyze) -> None:
    text = "The grant will help the town respond to floods. The mayor did not answer questions."
    assert analyze_text(text).attributions == ()


def test_a_question_quote_is_credited_by_the_tag_after_it(analyze_text: Analyze) -> None:
    text = "“Who pays for the new road?” Pereira said. “Nobody has told us. We asked twice.”"
    report = analyze_text(text)
    credited = {a.sentence for a in report.attributions if a.source == "Pereira"}
    assert {0, 2, 3} <= credited
    assert 1 not in credited  # "Pereira said." is only the tag


def test_a_quote_taken_for_the_subject_does_not_hide_the_speaker(analyze_text: Analyze) -> None:
    text = "“The market is in panic mode,” said Greta Lindqvist, a trader in Oslo."
    assert _credited(analyze_text(text), 0) == {"Greta Lindqvist"}


def test_the_paragraph_after_a_colon_tag_is_the_speakers(analyze_text: Analyze) -> None:
    text = "Okafor spoke after the vote. Okafor continued:\n\nThe rules are unfair to small towns. They must change.\n"
    report = analyze_text(text)
    assert _credited(report, 2) == {"Okafor"} and _credited(report, 3) == {"Okafor"}


def test_transcript_turns_are_credited_to_the_speaker_label(analyze_text: Analyze) -> None:
    text = "HOST: Welcome back to the show tonight.\n\nBRANDT: Thanks for having me here.\n\nHOST: What comes next?\n"
    report = analyze_text(text)
    assert {a.source for a in report.attributions} == {"Host"}


def test_common_nouns_name_bodies_outlets_posts_documents_and_poll_shares(analyze_text: Analyze) -> None:
    text = (
        "The bank said that it had closed forty branches. "
        "The newspaper reported that the mayor had resigned. "
        "His post said the count was wrong. "
        "Six thousand jobs depend on the port, one slide says. "
        "However, 63 percent said the tax was fair."
    )
    found = [(a.sentence, a.source, a.source_kind) for a in analyze_text(text).attributions]
    assert found == [
        (0, "bank", "official_body"),
        (1, "newspaper", "outlet"),
        (2, "His post", "social_media"),
        (3, "one slide", "document"),
        (4, "63 percent", "anonymous"),
    ]


def test_saying_after_a_preposition_credits_the_main_subject(analyze_text: Analyze) -> None:
    text = "Okonjo ended the meeting by saying that the budget was already spent."
    assert _credited(analyze_text(text), 0) == {"Okonjo"}


def test_accusing_condemning_finding_and_naming_are_claims(analyze_text: Analyze) -> None:
    text = (
        "Warsaw accused Minsk of moving troops to the border. "
        "The study found that most wells were dry. "
        "Lindgren called the ruling a disgrace. "
        "The council called for calm. "
        "She called him twice."
    )
    report = analyze_text(text)
    assert [sorted(_credited(report, i)) for i in range(5)] == [["Warsaw"], ["study"], ["Lindgren"], [], []]
    assert next(a for a in report.attributions if a.sentence == 0).source_kind == "official_body"


def test_a_pronoun_inside_reported_speech_is_the_speaker(analyze_text: Analyze) -> None:
    text = "Ingrid Moss chaired the hearing. Shortly after, Paul Varga said he believes that the dam is safe."
    assert _credited(analyze_text(text), 1) == {"Paul Varga"}


def test_declining_to_comment_claims_nothing(analyze_text: Analyze) -> None:
    text = "Ingrid Moss chaired the hearing. Her deputy said nothing. Paul Varga did not comment on the letter."
    report = analyze_text(text)
    assert _credited(report, 2) == set()


def test_bylines_reporting_credits_and_captions_are_not_attributions(analyze_text: Analyze) -> None:
    text = (
        "By Ada Novak and Ben Ortiz\n\n"
        "The port was shelled overnight, the regional governor said.\n\n"
        "Photo: Rescuers work at the pier, the emergency service said. AFP/Carl Lund\n\n"
        "Carla Mendes in Odesa contributed reporting, officials said.\n\n"
        "(Additional reporting by Dan Kowal; editing by Eva Stone, the desk said)\n"
    )
    report = analyze_text(text)
    assert {a.sentence for a in report.attributions} == {1}


def test_a_person_in_apposition_is_the_source_not_the_outlet(analyze_text: Analyze) -> None:
    text = "Another Reuters reporter, Maria Jensen, said the vote was delayed."
    report = analyze_text(text)
    assert [(a.source, a.source_kind) for a in report.attributions] == [("Maria Jensen", "person")]


def test_a_quoted_paragraph_after_reported_speech_is_the_same_speakers(analyze_text: Analyze) -> None:
    text = (
        "Maria Jensen said the old bridge had to close.\n\n"
        "“It was never built for this much traffic. We warned them for years.”\n\n"
        "The council meets again in June.\n"
    )
    report = analyze_text(text)
    assert [sorted(_credited(report, i)) for i in range(4)] == [["Maria Jensen"]] * 3 + [[]]


def test_a_proper_name_is_a_body_only_with_initials_or_a_word_of_organisations(analyze_text: Analyze) -> None:
    text = "The Harbor Rescue Fund said it had raised money. WWFX said the count was wrong."
    report = analyze_text(text)
    assert {a.source_kind for a in report.attributions} == {"official_body"}


def test_according_to_a_definite_document_but_not_unnamed_or_own_data(analyze_text: Analyze) -> None:
    text = (
        "According to the census figures, the town lost a tenth of its people. "
        "The troops, according to preliminary data, crossed the river. "
        "According to our data, the school was closed."
    )
    report = analyze_text(text)
    assert [(a.sentence, a.source_kind) for a in report.attributions] == [(0, "document")]


def test_a_short_name_before_a_title_colon_is_its_source_but_not_a_label(analyze_text: Analyze) -> None:
    report = analyze_text("Rush Limbaugh: The Debate Was Rigged From The Start\n\nThe debate ended at ten.\n")
    assert _credited(report, 0) == {"Rush Limbaugh"}
    report = analyze_text("Breaking News: The Debate Was Moved To Friday\n\nThe debate ended at ten.\n")
    assert report.attributions == ()


def _kinds(report: Report) -> list[tuple[int, str, str]]:
    return [(a.sentence, a.source, a.source_kind) for a in report.attributions]


def test_according_to_reports_is_the_press(analyze_text: Analyze) -> None:
    report = analyze_text("The bridge near Odesa was closed for repairs on Friday, according to media reports.")
    assert [(s, k) for _, s, k in _kinds(report)] == [("media reports", "outlet")]
    report = analyze_text("The ministry published a report. According to the report, 40 schools were damaged.")
    assert (1, "report", "document") in _kinds(report)


def test_the_paper_is_the_outlet_named_before(analyze_text: Analyze) -> None:
    text = (
        "The Kyiv Independent reported on Monday that two bridges had been destroyed. "
        "Repairs would take months, the paper said."
    )
    assert (1, "Kyiv Independent", "outlet") in _kinds(analyze_text(text))


def test_a_dateline_is_no_source(analyze_text: Analyze) -> None:
    text = "WARSAW -- Poland says it will build new shelters along its eastern border next year."
    assert all(s != "WARSAW" for _, s, _ in _kinds(analyze_text(text)))


def test_a_prefecture_is_a_body(analyze_text: Analyze) -> None:
    text = "The Northern Maritime Prefecture said the crew of the freighter had been detained."
    assert [k for _, _, k in _kinds(analyze_text(text))] == ["official_body"]


def test_a_pronoun_glued_to_a_closing_quote_is_resolved(analyze_text: Analyze) -> None:
    text = 'Anna Kowalska said the town needs "more generators."She said the grid would not hold until spring.'
    assert any(s == "Anna Kowalska" for i, s, _ in _kinds(analyze_text(text)) if i == 1)


def test_the_leader_of_a_state_is_its_president(analyze_text: Analyze) -> None:
    text = (
        "Ukrainian President Volodymyr Zelenskyy met Polish officials in Warsaw on Monday. "
        "The Ukrainian leader said the new air defence systems would arrive before winter."
    )
    assert _credited(analyze_text(text), 1) == {"Volodymyr Zelenskyy"}


def test_a_platform_that_speaks_is_a_company(analyze_text: Analyze) -> None:
    report = analyze_text("The accounts lost followers after Facebook announced that it would stop promoting them.")
    assert [(s, k) for _, s, k in _kinds(report)] == [("Facebook", "official_body")]
    report = analyze_text("Her post said the convoy had reached Kherson on Tuesday.")
    assert [k for _, _, k in _kinds(report)] == ["social_media"]


def test_the_speaker_after_a_dateline_is_kept(analyze_text: Analyze) -> None:
    text = "OSLO -- Prime Minister Jonas Gahr Store, opening the fund on Monday, said Norway would give more."
    assert [(s, k) for _, s, k in _kinds(analyze_text(text))] == [("Jonas Gahr Store", "person")]


def test_a_resolved_speaker_keeps_the_words_as_written(analyze_text: Analyze) -> None:
    text = (
        "Ukrainian President Volodymyr Zelenskyy visited a power plant near Kyiv on Friday. "
        "He said the repairs would be finished by March. "
        "The Ukrainian leader said more generators were on their way."
    )
    report = analyze_text(text)
    written = {(a.sentence, a.source, a.as_written) for a in report.attributions}
    assert (1, "Volodymyr Zelenskyy", "He") in written
    assert (2, "Volodymyr Zelenskyy", "The Ukrainian leader") in written
    named = analyze_text("Volodymyr Zelenskyy said the repairs would be finished by March.")
    assert [a.as_written for a in named.attributions] == [None]
