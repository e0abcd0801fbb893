"""ATTACK in news: attacks on a place named (invaded, targeted, besieged), retold incidents, contrasts, battle sides."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _attacks(report: Report) -> list[tuple[tuple[str, ...], str | None]]:
    return [(e.actors, e.place) for e in report.events if e.type == "ATTACK"]


def test_invading_a_region_is_an_attack_there(analyze_text: Analyze) -> None:
    text = "The war began in 2022. In August 2024 Ukraine invaded the Kursk region, and Russia later pushed back."
    assert _attacks(analyze_text(text)) == [(("UKR", "RUS"), "Kursk region")]


def test_invading_a_whole_state_is_the_wars_background(analyze_text: Analyze) -> None:
    assert _attacks(analyze_text("Russia invaded Ukraine in 2022, and the war goes on.")) == []


def test_targeting_infrastructure_in_a_region_is_an_attack(analyze_text: Analyze) -> None:
    report = analyze_text("Russia also targeted power plants in Odesa region overnight Sunday.")
    assert _attacks(report) == [(("RUS", "UKR"), "Odesa region")]


def test_targeting_people_with_sanctions_is_no_attack(analyze_text: Analyze) -> None:
    assert _attacks(analyze_text("The United States and the EU have targeted the sisters with sanctions.")) == []


def test_a_besieged_city_is_attacked_by_the_besieger(analyze_text: Analyze) -> None:
    report = analyze_text("Mariupol has been besieged by Russian troops for weeks.")
    assert _attacks(report) == [(("RUS", "UKR"), "Mariupol")]


def test_strikes_set_aside_with_rather_than_are_none(analyze_text: Analyze) -> None:
    text = "Officials said Moscow's plan focused on power lines rather than direct strikes on nuclear reactors."
    assert _attacks(analyze_text(text)) == []


def test_a_caption_retelling_an_incident_counts_once(analyze_text: Analyze) -> None:
    text = (
        "On May 3, Russian missile strikes on the city of Lviv killed seven people. "
        "People watch as rescuers put out a fire after Russian shelling in the western city of Lviv on May 3."
    )
    assert _attacks(analyze_text(text)) == [(("RUS", "UKR"), "Lviv")]


def test_separate_days_in_one_place_stay_separate(analyze_text: Analyze) -> None:
    text = "On May 3, Russian missiles struck Lviv. On May 9, Russian drones struck Lviv again."
    assert _attacks(analyze_text(text)) == [(("RUS", "UKR"), "Lviv"), (("RUS", "UKR"), "Lviv")]


def test_a_battle_is_fought_by_the_places_enemy_not_a_third_state(analyze_text: Analyze) -> None:
    text = "Russian troops are fanning out along the front in what Zelenskyy called the battle of Donbas, France said."
    assert _attacks(analyze_text(text)) == [(("RUS", "UKR"), "Donbas")]


def test_weapons_raining_down_on_a_list_of_named_places_strike_each(analyze_text: Analyze) -> None:
    text = (
        "Air raid sirens sounded all night. The cruise missile attacks on Sunday also rained down on the river port "
        "of Kherson, the eastern city of Dnipro and the northern city of Chernihiv."
    )
    assert _attacks(analyze_text(text)) == [
        (("RUS", "UKR"), "Kherson"),
        (("RUS", "UKR"), "Dnipro"),
        (("RUS", "UKR"), "Chernihiv"),
    ]


def test_rockets_raining_down_on_a_city_is_an_attack_on_it(analyze_text: Analyze) -> None:
    text = "Envoys said the meeting had been useful, even as rockets rained down on the frontline city of Zaporizhzhia."
    assert _attacks(analyze_text(text)) == [(("RUS", "UKR"), "Zaporizhzhia")]


def test_rain_with_no_weapon_is_no_attack(analyze_text: Analyze) -> None:
    assert _attacks(analyze_text("Heavy rain came down on the market in Poltava on Friday.")) == []


def test_the_besieged_city_of_x_is_under_attack_even_in_a_request(analyze_text: Analyze) -> None:
    text = "The minister asked for safe passage out of the besieged port city of Berdiansk."
    assert _attacks(analyze_text(text)) == [(("RUS", "UKR"), "Berdiansk")]


def test_a_siege_told_twice_is_one_attack(analyze_text: Analyze) -> None:
    text = (
        "On May 2 aid convoys were stopped outside the besieged town of Izium. "
        "The siege of Izium has left its people without water."
    )
    assert _attacks(analyze_text(text)) == [(("RUS", "UKR"), "Izium")]


def test_targeted_as_a_description_of_organizations_is_no_attack(analyze_text: Analyze) -> None:
    text = "New sanctions listed targeted organizations including the Moscow Aviation Institute."
    assert _attacks(analyze_text(text)) == []


def test_talks_going_well_are_no_future_for_a_strike_beside_them(analyze_text: Analyze) -> None:
    text = "Officials said the talks were going well, even as Russian missiles hit the city of Sumy on Monday."
    assert _attacks(analyze_text(text)) == [(("RUS", "UKR"), "Sumy")]


def test_a_round_of_sanctions_that_targets_people_is_no_attack(analyze_text: Analyze) -> None:
    text = "The latest round of sanctions also targets 30 officials who organised the vote in occupied Kherson region."
    assert _attacks(analyze_text(text)) == []


def test_the_named_region_is_the_place_not_the_compass_area_around_it(analyze_text: Analyze) -> None:
    text = "On Thursday Russian forces pressed a fresh assault in the Donbas region in eastern Ukraine."
    assert _attacks(analyze_text(text)) == [(("RUS", "UKR"), "Donbas")]


def test_a_place_named_to_measure_a_distance_from_is_not_the_place(analyze_text: Analyze) -> None:
    text = "In Huliaipole, five miles away from the occupied town of Polohy, Russian shelling went on all week."
    assert _attacks(analyze_text(text)) == [(("RUS", "UKR"), "Huliaipole")]


def test_a_drone_that_slammed_into_a_building_is_an_attack_there(analyze_text: Analyze) -> None:
    assert _attacks(analyze_text("On Monday a drone slammed into an apartment block in Odesa.")) == [
        (("RUS", "UKR"), "Odesa")
    ]


def test_the_besieged_subject_is_the_place_not_the_sea_in_its_description(analyze_text: Analyze) -> None:
    text = "Berdiansk, a small port on the Sea of Azov, has been besieged by Russian units since March."
    assert _attacks(analyze_text(text)) == [(("RUS", "UKR"), "Berdiansk")]


def test_a_place_in_the_description_of_the_struck_city_is_not_the_place(analyze_text: Analyze) -> None:
    text = "On Friday Russian missiles hit Mykolaiv, a shipbuilding city near the Black Sea."
    assert _attacks(analyze_text(text)) == [(("RUS", "UKR"), "Mykolaiv")]


def test_a_bombing_with_no_attacker_named_is_an_attack_in_its_place(analyze_text: Analyze) -> None:
    report = analyze_text("A Ukrainian colonel died in a roadside bombing in Kherson on Thursday.")
    assert [place for _, place in _attacks(report)] == ["Kherson"]


def test_a_city_struck_with_its_surroundings_is_the_place_struck(analyze_text: Analyze) -> None:
    text = "Heating failed after drones hit Kharkiv and surrounding areas, leaving homes cold."
    assert _attacks(analyze_text(text)) == [(("RUS", "UKR"), "Kharkiv")]


def test_attacks_going_on_across_several_regions_are_one_campaign(analyze_text: Analyze) -> None:
    text = "Officials said Russian attacks have grown in the Sumy, Chernihiv and Kharkiv regions in recent weeks."
    assert len(_attacks(analyze_text(text))) == 1


def test_separate_attacks_on_two_cities_stay_two(analyze_text: Analyze) -> None:
    text = "Officials said five people were hurt in separate attacks on the cities of Kherson and Mykolaiv."
    assert [place for _, place in _attacks(analyze_text(text))] == ["Kherson", "Mykolaiv"]


def test_strikes_that_destroyed_targets_in_two_places_are_one_attack_in_each(analyze_text: Analyze) -> None:
    text = (
        "Russia shelled the Donbas region on Sunday. The army said the strikes had destroyed a depot in Dnipro "
        "and a rail yard in Poltava."
    )
    places = [place for _, place in _attacks(analyze_text(text))]
    assert "Dnipro" in places and "Poltava" in places
