"""Source keys: one key for the spellings of one source, none shared by two sources."""

from __future__ import annotations

import pytest

from sitrep.corpus.sourcekeys import article_keys, display_name, fold, is_label, known_person, shown, source_key


@pytest.mark.parametrize(
    "spelling",
    [
        "Zelensky",
        "Zelenskyy",
        "Zelenskiy",
        "ZELENSKYY",
        "Volodymyr Zelensky",
        "Vladimir Zelenskiy",
        "President Zelensky",
    ],
)
def test_the_spellings_of_a_lexicon_person_share_the_canonical_key(spelling: str) -> None:
    assert known_person(spelling) == "Volodymyr Zelenskyy"
    assert source_key(spelling) == source_key("Volodymyr Zelenskyy")


def test_speaker_labels_in_capitals_and_folded_accents_key_as_the_named_person() -> None:
    assert source_key("RUTTE") == source_key("Mark Rutte")
    assert source_key("NAUSĖDA") == source_key("Nauseda") == source_key("Gitanas Nausėda")
    assert display_name(source_key("RUTTE"), {("RUTTE", "person"): 3}) == ("Mark Rutte", "person")


def test_people_who_share_a_name_stem_stay_apart() -> None:
    assert source_key("Zelenska") != source_key("Zelensky")
    assert source_key("an aide to Zelensky") != source_key("Zelensky")
    assert source_key("Zelensky's office") != source_key("Zelensky")


def test_transliterated_endings_of_unknown_names_read_alike() -> None:
    # endings come from the lexicon (cues/sources.json), not from code
    assert source_key("Taras Hrytsenkyi") == source_key("Taras Hrytsenkiy") == source_key("Taras Hrytsenky")
    assert source_key("Ivan Dovbenkii") == source_key("IVAN DOVBENKYY")
    assert source_key("Kyi") == "kyi"  # too short to be an ending


def test_case_accents_and_a_leading_article_fold_away() -> None:
    assert source_key("the Pentagon") == source_key("Pentagon") == source_key("PENTAGON") == "pentagon"
    assert source_key("Ukraine’s air force") == source_key("Ukraine's Air Force")
    assert fold("  Şahin   Öztürk ") == "sahin ozturk"


def test_a_lone_surname_keys_as_the_one_full_name_in_its_article() -> None:
    keys = article_keys(["Halyna Moroch", "Moroch", "MOROCH", "Vasyl Tkach"])
    assert keys["Moroch"] == keys["MOROCH"] == keys["Halyna Moroch"] == "halyna moroch"
    assert keys["Vasyl Tkach"] == "vasyl tkach"
    persons = article_keys(["Moroch"], persons=["Halyna Moroch"])  # named by an event of the article
    assert persons["Moroch"] == "halyna moroch"


def test_a_surname_two_people_of_the_article_share_stays_a_surname() -> None:
    keys = article_keys(["Halyna Moroch", "Petro Moroch", "Moroch"])
    assert keys["Moroch"] == "moroch"
    assert article_keys(["Moroch"])["Moroch"] == "moroch"  # nobody named in full


def test_labels_are_names_of_people_in_capitals_only() -> None:
    assert is_label("NAUSĖDA") and is_label("O'BRIEN") and not is_label("Rutte") and not is_label("X")
    assert shown("NAUSĖDA", "person") == "Nausėda"
    assert shown("NATO", "official_body") == "NATO"  # an acronym, not a speaker label


def test_a_group_is_shown_by_its_most_used_spelling_that_is_the_key() -> None:
    spellings = {("Moroch", "person"): 5, ("Halyna Moroch", "person"): 2, ("HALYNA MOROCH", "person"): 2}
    assert display_name("halyna moroch", spellings) == ("Halyna Moroch", "person")
    assert display_name("dovbenky", {("DOVBENKYY", "person"): 2}) == ("Dovbenkyy", "person")
    kinds = {("Pentagon", "official_body"): 3, ("the Pentagon", "outlet"): 1}
    assert display_name("pentagon", kinds) == ("Pentagon", "official_body")
