"""The opinion signal, by class of subjective language (sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _opinions(report: Report) -> list[str]:
    return [s.text for s in report.signals if s.signal == "opinion"]


def test_a_prescription_in_the_writers_voice_is_opinion(analyze_text: Analyze) -> None:
    assert _opinions(analyze_text("The city council should reopen the old library.")) == ["should"]
    assert _opinions(analyze_text("The government must act before the winter comes.")) == ["must"]
    assert _opinions(analyze_text("Brussels ought to rethink the whole scheme.")) == ["ought"]


def test_modals_of_prediction_and_ability_are_no_prescription(analyze_text: Analyze) -> None:
    text = "The convoy will reach the border on Friday. Visitors can enter the zone with a permit."
    assert _opinions(analyze_text(text)) == []


def test_a_prescription_quoted_or_reported_is_the_speakers(analyze_text: Analyze) -> None:
    assert _opinions(analyze_text('The mayor said the city "should reopen the library" soon.')) == []
    assert _opinions(analyze_text("The mayor said the city should reopen the library soon.")) == []


def test_a_view_someone_holds_is_theirs_not_the_writers(analyze_text: Analyze) -> None:
    assert _opinions(analyze_text("The ministry restated its view that the sanctions should be lifted.")) == []
    text = "Opposition leaders held to their position that the budget must be cut."
    assert _opinions(analyze_text(text)) == []
    text = "The union repeated its demand that — whatever the cost — the plant should stay open."
    assert _opinions(analyze_text(text)) == []


def test_the_writers_own_view_in_a_clause_is_opinion(analyze_text: Analyze) -> None:
    assert _opinions(analyze_text("It is our view that the budget must be cut.")) != []


def test_a_hedge_with_another_stance_cue_is_opinion(analyze_text: Analyze) -> None:
    assert _opinions(analyze_text("Perhaps the new bridge may never be finished.")) == ["Perhaps the new bridge may"]
    assert _opinions(analyze_text("This awful compromise might hold for a while.")) == ["awful compromise might"]


def test_a_hedge_alone_or_reported_is_no_opinion(analyze_text: Analyze) -> None:
    assert _opinions(analyze_text("The river may flood the valley on Friday.")) == []
    assert _opinions(analyze_text("The engineer said the new bridge may perhaps never be finished.")) == []
    assert _opinions(analyze_text("The talks resume in May, perhaps in Vienna.")) == []


def test_what_is_known_or_not_is_no_verdict(analyze_text: Analyze) -> None:
    assert _opinions(analyze_text("It was not clear whether the ferry had left the harbour.")) == []
    assert _opinions(analyze_text("The first week of talks made clear that neither side would yield.")) == []


def test_the_writer_vouching_that_something_is_clear_still_counts(analyze_text: Analyze) -> None:
    assert _opinions(analyze_text("Sadly, it is clear that the reform was a mistake.")) != []


def test_adjectives_of_activity_allegiance_and_ability_describe(analyze_text: Analyze) -> None:
    text = (
        "The smugglers' channels remain active across the border. Half of the villages stayed loyal to the old "
        "bishop. The new ferry proved capable of crossing in rough weather. A special envoy arrived on Monday."
    )
    assert _opinions(analyze_text(text)) == []
