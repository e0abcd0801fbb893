"""Numbers tied to what they count, with category, qualifier and event."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.model import Report

Analyze = Callable[..., Report]


def _quantities(report: Report) -> list[tuple[float, str, str, str, str]]:
    return [(q.value, q.category, q.event, q.measure, q.qualifier) for q in report.quantities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The United States will send three dozen Switchblade drones to Ukraine.",
            (36, "drone", "AID", "announced", "exact"),
        ),
        (
            "Germany has delivered 1.5 thousand artillery shells to Ukraine.",
            (1500, "artillery_ammunition", "AID", "delivered", "exact"),
        ),
        (
            "The package includes 20 million rounds of small arms ammunition for Ukraine.",
            (20_000_000, "small_arms_ammunition", "AID", "announced", "exact"),
        ),
        ("Russia launched about 1,270 drones at Ukraine last week.", (1270, "drone", "ATTACK", "launched", "approx")),
        ("Russian strikes killed at least 11 civilians in Kharkiv.", (11, "civilian", "ATTACK", "killed", "at_least")),
        (
            "Air defenses shot down 30 of the 40 Shahed drones that Russia launched.",
            (40, "drone", "ATTACK", "launched", "exact"),
        ),
        (
            "The Netherlands is sending five Patriot batteries to Ukraine.",
            (5, "air_defense_system", "AID", "announced", "exact"),
        ),
        (
            "The Pentagon paused up to 30 Patriot missiles destined for Ukraine.",
            (30, "air_defense_missile", "AID", "paused", "up_to"),
        ),
    ],
)
def test_counted_things(analyze_text: Analyze, text: str, expected: tuple[float, str, str, str, str]) -> None:
    assert expected in _quantities(analyze_text(text))


def test_model_numbers_and_calibres_are_not_counts(analyze_text: Analyze) -> None:
    report = analyze_text("Germany is sending Leopard 2 tanks and 155mm artillery rounds to Ukraine.")
    assert all(q.value not in (2, 155) for q in report.quantities)


def test_bracketed_transcript_correction_wins(analyze_text: Analyze) -> None:
    report = analyze_text("Together with our Allies, we've sent more than 8,000 [800] artillery systems to Ukraine.")
    assert (800, "artillery_system", "AID", "delivered", "more_than") in _quantities(report)


def test_elliptic_count_takes_the_category_counted_before(analyze_text: Analyze) -> None:
    report = analyze_text("Russian attacks killed 11 civilians and injured more than 80 others.")
    assert (80, "civilian", "ATTACK", "injured", "more_than") in _quantities(report)


def test_quantity_text_and_actor(seed_report: Report) -> None:
    found = {q.text: q for q in seed_report.quantities}
    assert found["8,400 artillery rounds"].actor == "USA"
    assert found["8,400 artillery rounds"].measure == "paused"
    assert found["about 1,270 drones"].actor == "RUS"
    assert (
        seed_report.article.text[found["142 Hellfire missiles"].start : found["142 Hellfire missiles"].end]
        == "142 Hellfire missiles"
    )


def test_numbers_without_a_counted_thing_are_ignored(analyze_text: Analyze) -> None:
    report = analyze_text("The coalition of some 50 nations met for the eighth time in 2023 over 11 months.")
    assert report.quantities == ()


def test_bullet_list_takes_its_event_from_the_lead_in(analyze_text: Analyze) -> None:
    text = (
        "Previous United States assistance committed to Ukraine includes:\n\n"
        "-   Over 600 Stinger anti-aircraft systems;\n"
        "-   Three patrol boats;\n"
        "-   200 shotguns and 200 machine guns.\n"
    )
    found = _quantities(analyze_text(text))
    assert (600, "air_defense_missile", "AID", "announced", "more_than") in found
    assert (3, "vessel", "AID", "announced", "exact") in found
    assert (200, "small_arms", "AID", "announced", "exact") in found


def test_verbless_counts_take_the_event_of_the_sentence_before(analyze_text: Analyze) -> None:
    report = analyze_text("The losses of the invaders are enormous. More than 360 tanks. 1205 armored vehicles.")
    found = _quantities(report)
    assert (360, "tank", "LOSS", "destroyed", "more_than") in found
    assert (1205, "armored_vehicle", "LOSS", "destroyed", "exact") in found


def test_downed_aircraft_are_a_loss(analyze_text: Analyze) -> None:
    assert (200, "aircraft", "LOSS", "destroyed", "more_than") in _quantities(
        analyze_text("More than 200 downed aircraft.")
    )


def test_soldiers_killed_are_a_loss_of_their_side(analyze_text: Analyze) -> None:
    report = analyze_text("Almost 30,000 Russian soldiers killed.")
    assert _quantities(report) == [(30000, "military", "LOSS", "killed", "approx")]
    assert report.quantities[0].actor == "RUS"


def test_casualties_are_not_counted_but_those_killed_in_action_are(analyze_text: Analyze) -> None:
    text = "Wagner has suffered more than 30,000 casualties, including approximately 9,000 killed in action."
    assert _quantities(analyze_text(text)) == [(9000, "military", "LOSS", "killed", "approx")]


def test_of_them_and_bare_counts_refer_back_to_the_troops(analyze_text: Analyze) -> None:
    text = (
        "There were more than 8,100 troops in the city. "
        "Over 4,000 of them have been neutralised, 1,478 have surrendered."
    )
    found = _quantities(analyze_text(text))
    assert (4000, "military", "LOSS", "killed", "more_than") in found
    assert (1478, "military", "LOSS", "captured", "exact") in found


def test_bracketed_correction_alone_is_the_number(analyze_text: Analyze) -> None:
    report = analyze_text("Russian strikes killed [45] civilians in Kharkiv.")
    assert (45, "civilian", "ATTACK", "killed", "exact") in _quantities(report)


def test_people_who_became_victims_were_killed(analyze_text: Analyze) -> None:
    report = analyze_text("After the Russian shelling, 55 residents of the region became victims of the shelling.")
    assert (55, "civilian", "ATTACK", "killed", "exact") in _quantities(report)


def test_ages_and_vague_dozens_are_not_counts(analyze_text: Analyze) -> None:
    report = analyze_text(
        "Eight people were killed in the strike, including a three-month-old baby. Several dozen have been wounded."
    )
    assert _quantities(report) == [(8, "person", "ATTACK", "killed", "exact")]


def test_shared_head_of_a_coordinated_list_decides(analyze_text: Analyze) -> None:
    report = analyze_text(
        "The United States is sending over 1 million grenade, mortar, and artillery rounds to Ukraine."
    )
    assert (1_000_000, "artillery_ammunition", "AID", "announced", "more_than") in _quantities(report)


def test_these_counts_refer_to_the_systems_just_announced(analyze_text: Analyze) -> None:
    text = (
        "Today the United States is announcing new air defense systems for Ukraine. "
        "These five air defense systems will help to protect Ukrainian cities."
    )
    assert (5, "air_defense_system", "AID", "announced", "exact") in _quantities(analyze_text(text))


def test_blocked_ships_are_not_paused_aid(analyze_text: Analyze) -> None:
    report = analyze_text("Due to Russian aggression, 39 civilian ships are blocked in the ports of the region.")
    assert report.quantities == ()


def test_lower_case_himars_head(analyze_text: Analyze) -> None:
    report = analyze_text("We have sent 38 High Mobility Artillery Rocket systems to Ukraine.")
    assert (38, "rocket_launcher", "AID", "delivered", "exact") in _quantities(report)


def test_list_item_whose_marker_was_split_off_still_finds_its_lead_in() -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from sitrep.nlp.quantities import _is_list_item, _lead_in

    words = ["Aid", "includes", ":", "\n\n", "-", "Five", "boats", ";", "\n", "-", "Three", "radars", ";"]
    spaces = [True, False, False, False, True, True, False, False, False, True, True, False, False]
    starts = [True, False, False, False, True, True, False, False, False, True, False, False, False]
    doc = Doc(Vocab(), words=words, spaces=spaces, sent_starts=starts)
    sents = list(doc.sents)
    assert [s.text.strip() for s in sents] == ["Aid includes:", "-", "Five boats;", "- Three radars;"]
    assert _is_list_item(doc, sents[2]) and _is_list_item(doc, sents[3])
    assert not _is_list_item(doc, sents[0])
    lead = _lead_in(doc, sents, 3)
    assert lead is not None and lead.text.startswith("Aid includes")


def test_loss_actor_from_the_owner_after_the_count(analyze_text: Analyze) -> None:
    report = analyze_text("Ukrainian forces destroyed four tanks of the Russian Federation.")
    losses = [q for q in report.quantities if q.event == "LOSS"]
    assert [(q.value, q.category, q.actor) for q in losses] == [(4, "tank", "RUS")]


def test_news_wire_counts_carry_the_attackers_side(analyze_text: Analyze) -> None:
    text = (
        "Russia launched 479 drones and 20 missiles at Ukraine overnight, Ukraine's Air Force said. "
        "Air defenses shot down 277 drones and 19 missiles, the Air Force reported."
    )
    found = {(q.value, q.measure): q.actor for q in analyze_text(text).quantities}
    assert found == {
        (479, "launched"): "RUS",
        (20, "launched"): "RUS",
        (277, "intercepted"): "RUS",
        (19, "intercepted"): "RUS",
    }


def test_losses_belong_to_the_side_that_lost(analyze_text: Analyze) -> None:
    report = analyze_text("Ukraine's General Staff said Russia had lost 1,000 troops over the past day.")
    assert [(q.event, q.measure, q.category, q.actor) for q in report.quantities] == [
        ("LOSS", "killed", "military", "RUS")
    ]


def test_more_before_a_named_system_is_not_elliptic(analyze_text: Analyze) -> None:
    report = analyze_text("Norway will donate two more NASAMS systems to Ukraine.")
    assert [(q.value, q.category, q.actor) for q in report.quantities] == [(2, "air_defense_system", "NOR")]


def test_sizes_written_number_hyphen_unit_are_not_counts(analyze_text: Analyze) -> None:
    report = analyze_text(
        "The United States will send 2,000-pound bombs and a 25-member crew, and Ukraine received 1,000 155mm shells."
    )
    assert [(q.value, q.category) for q in report.quantities] == [(1000, "artillery_ammunition")]
