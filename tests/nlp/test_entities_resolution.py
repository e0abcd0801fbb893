"""Entity resolution: framed settlements, their country, "the village" referring back,
"the enemy" / "the occupiers" and "our country" resolved per publishing side."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.model import Report
from sitrep.nlp.lexicon import load_lexicons
from sitrep.nlp.mentions import Findings, findings
from sitrep.nlp.pipeline import COMPONENTS

Analyze = Callable[..., Report]


def _doc(nlp: Language, text: str, home: str | None = None) -> Doc:
    with nlp.select_pipes(disable=list(COMPONENTS)):
        doc = nlp(text)
    doc._.sitrep = Findings(home=home)
    return nlp.get_pipe("sitrep_entities")(doc)


def _places(doc: Doc) -> list[tuple[str, str | None, str]]:
    return [(p.name, p.country, doc[p.start : p.end].text) for p in findings(doc).places]


def _references(doc: Doc) -> list[tuple[str, str | None]]:
    return [(a.text, a.code) for a in findings(doc).actors if a.kind == "reference"]


# --- small places --------------------------------------------------------


def test_village_of_x_is_a_place_with_the_country_of_the_region_named_with_it(nlp: Language) -> None:
    doc = _doc(nlp, "A drone hit the village of Zarichne in Sumy Oblast on Tuesday.")
    assert ("Zarichne", "UKR", "Zarichne") in _places(doc)


def test_x_village_and_x_district_name_the_place_x(nlp: Language) -> None:
    doc = _doc(nlp, "Shelling hit Stepanivka village and Orikhove district of Zaporizhzhia region.")
    names = {name: country for name, country, _ in _places(doc)}
    assert names["Stepanivka"] == "UKR"
    assert names["Orikhove"] == "UKR"


def test_framed_place_takes_the_article_country_when_no_region_is_near(nlp: Language) -> None:
    text = "Kharkiv and Sumy were shelled. Kherson was hit too. Two people died in the town of Pisky."
    assert ("Pisky", "UKR", "Pisky") in _places(_doc(nlp, text))


def test_people_and_states_before_a_settlement_noun_are_not_places(nlp: Language) -> None:
    doc = _doc(nlp, "Zelenskyy visited a Russian village and the Jewish community of the region.")
    assert not [p for p in _places(doc) if p[0] in ("Zelenskyy", "Russian", "Jewish")]


# --- "the village" referring back -----------------------------------------


def test_the_village_refers_to_the_one_village_named_before(nlp: Language) -> None:
    doc = _doc(nlp, "Olena lived in the village of Zarichne, Sumy region. Yesterday a drone struck the village.")
    assert ("Zarichne", "UKR", "village") in _places(doc)


def test_the_city_is_left_alone_when_two_settlements_are_in_reach(nlp: Language) -> None:
    doc = _doc(nlp, "Strikes hit Kharkiv and the town of Pisky. The city was left without power.")
    assert not [p for p in _places(doc) if p[2] == "city"]


def test_the_village_prefers_the_settlement_called_a_village(nlp: Language) -> None:
    doc = _doc(nlp, "Strikes hit Kharkiv and Stepanivka village in Kharkiv region. The village was left without power.")
    assert ("Stepanivka", "UKR", "village") in _places(doc)


def test_the_city_council_is_not_a_reference_to_a_city(nlp: Language) -> None:
    doc = _doc(nlp, "Kharkiv was shelled. The city council met on Monday.")
    assert not [p for p in _places(doc) if p[2] == "city"]


def test_attack_on_the_village_gets_the_village_as_place(analyze_text: Analyze) -> None:
    report = analyze_text(
        "Olena lived with her family in the village of Zarichne, Sumy region. "
        "A Russian plane dropped bombs on the village.",
        published="2022-06-02",
    )
    assert [e.place for e in report.events if e.type == "ATTACK"] == ["Zarichne"]


# --- "the enemy", "the occupiers" -----------------------------------------


def test_conflicts_table_is_symmetric() -> None:
    opponents = load_lexicons().opponents
    assert opponents["UKR"] == ("RUS",)
    assert opponents["RUS"] == ("UKR",)


def test_the_enemy_is_the_opponent_of_the_publishing_side(nlp: Language) -> None:
    assert _references(_doc(nlp, "The enemy shelled the town overnight.", home="UKR")) == [("enemy", "RUS")]
    assert _references(_doc(nlp, "The enemy shelled the town overnight.", home="RUS")) == [("enemy", "UKR")]


def test_the_occupiers_take_the_side_named_with_them_only(nlp: Language) -> None:
    doc = _doc(nlp, "Russian occupiers fired at a school. Later the occupiers shelled a hospital.")
    assert _references(doc) == [("occupiers", "RUS")]


def test_aggressor_state_followed_by_its_name(nlp: Language) -> None:
    doc = _doc(nlp, "The aggressor state Russia must pay. The aggressor fired again.", home="UKR")
    assert [code for _, code in _references(doc)] == ["RUS", "RUS"]


def test_an_unqualified_enemy_with_no_known_publisher_stays_unresolved(nlp: Language) -> None:
    assert _references(_doc(nlp, "The enemy shelled the town overnight.")) == []
    assert _references(_doc(nlp, "The aggressor must be stopped.", home="USA")) == []


def test_enemy_attack_gets_sides(nlp: Language) -> None:
    doc = _doc(nlp, "A residential building was damaged as a result of an enemy missile attack.", home="UKR")
    for name in COMPONENTS[1:2]:
        doc = nlp.get_pipe(name)(doc)
    assert [(e.type, e.actors[:1]) for e in findings(doc).events] == [("ATTACK", ["RUS"])]


# --- "our country" ---------------------------------------------------------


def test_our_country_is_the_publishing_side(nlp: Language) -> None:
    doc = _doc(nlp, "Partners agreed on providing our country with air defense.", home="UKR")
    assert _references(doc) == [("our country", "UKR")]


def test_our_country_is_the_side_of_the_subject_person(nlp: Language) -> None:
    doc = _doc(nlp, "Volodymyr Zelenskyy expects agreements on providing our country with support.")
    assert _references(doc) == [("our country", "UKR")]


def test_our_country_is_not_the_side_of_a_thanked_person(nlp: Language) -> None:
    doc = _doc(nlp, "I thanked Ursula von der Leyen for the aid to our country.")
    assert _references(doc) == []
