"""Speech and attitude nouns that credit a source, "In a statement, X ..." and "X made clear that ..."."""

from __future__ import annotations

from collections.abc import Callable

from attributed import credited_pairs as _credited
from sitrep.model import Report

Analyze = Callable[..., Report]


def test_owned_claim_with_a_that_clause_credits_its_owner(analyze_text: Analyze) -> None:
    text = "The transport ministry's claim that the pier was safe turned out to be wrong."
    assert _credited(analyze_text(text)) == {(0, "transport ministry")}


def test_owned_noun_without_a_that_clause_credits_no_one(analyze_text: Analyze) -> None:
    text = "The harbour authority's claim for damages was rejected. The ministry's plan to dredge the port stalled."
    assert _credited(analyze_text(text)) == set()


def test_opened_by_in_a_statement_credits_the_subject(analyze_text: Analyze) -> None:
    text = "In a statement on Friday, the transport ministry blamed the storm for the delay."
    assert _credited(analyze_text(text)) == {(0, "transport ministry")}


def test_in_a_place_or_a_time_credits_no_one(analyze_text: Analyze) -> None:
    text = "In the harbour, the authority repaired the pier. In March, the ministry dredged the port."
    assert _credited(analyze_text(text)) == set()


def test_made_clear_with_a_clause_credits_the_subject(analyze_text: Analyze) -> None:
    text = (
        "Mayor Ilse Varga made clear that the ferry would keep running. "
        "Mayor Ilse Varga made it clear she would not resign."
    )
    assert _credited(analyze_text(text)) == {(0, "Ilse Varga"), (1, "Ilse Varga")}


def test_making_something_clear_of_no_clause_credits_no_one(analyze_text: Analyze) -> None:
    text = "The crew made the channel clear of ice by noon."
    assert _credited(analyze_text(text)) == set()
