"""The signal cues that came from the seed article, checked on texts written for the purpose."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]

STRIKE_STORY = (
    "Russia launched 45 drones at Kharkiv overnight, Ukraine's air force said on Tuesday.\n\n"
    "Air defense units shot down 38 of the drones over the Kharkiv region, the air force said.\n\n"
    "The attack damaged two apartment buildings and a school in the city's north, the governor said.\n\n"
    "The shortage of interceptor missiles for Kharkiv's air defense has drawn attention in Brussels, "
    "where defense ministers met on Monday to discuss production of air defense missiles.\n\n"
    "A popular singer's new hairstyle has drawn attention from fans across the country this week.\n\n"
    "After five hours of fruitless talks in Istanbul, the two delegations left without a joint statement.\n\n"
    "Repair crews restored power to most of the damaged buildings by the evening, the governor said.\n"
)


def _flagged(report: Report, kind: str) -> list[str]:
    return [report.sentences[s.sentence].text for s in report.signals if s.signal == kind]


def test_a_filler_phrase_in_an_inserted_sentence_is_off_topic(analyze_text: Analyze) -> None:
    off = _flagged(analyze_text(STRIKE_STORY), "off_topic")
    assert [s for s in off if "hairstyle" in s]


def test_a_filler_phrase_in_a_sentence_naming_a_weapon_is_on_topic(analyze_text: Analyze) -> None:
    off = _flagged(analyze_text(STRIKE_STORY), "off_topic")
    assert not [s for s in off if "interceptor" in s]


def test_fruitless_alone_is_no_opinion(analyze_text: Analyze) -> None:
    assert not [s for s in _flagged(analyze_text(STRIKE_STORY), "opinion") if "fruitless" in s]


def test_fruitless_with_other_loaded_words_is_opinion(analyze_text: Analyze) -> None:
    text = STRIKE_STORY + "\nThe visit ended months of fruitless and pointless chitchat between the two capitals.\n"
    assert [s for s in _flagged(analyze_text(text), "opinion") if "chitchat" in s]
