"""Held beliefs of an explicit source with what is believed as a clause: the class of "believes"."""

from __future__ import annotations

from collections.abc import Callable

from attributed import credited_pairs as _credited
from sitrep.model import Report

Analyze = Callable[..., Report]


def test_thinking_and_feeling_with_a_clause_credit_the_holder(analyze_text: Analyze) -> None:
    text = (
        "Mayor Ilse Varga thinks the new bridge will open in spring. "
        "The farmers felt that the grain price was far too low."
    )
    assert _credited(analyze_text(text)) == {(0, "Ilse Varga"), (1, "farmers")}


def test_thinking_or_feeling_without_a_clause_holds_nothing(analyze_text: Analyze) -> None:
    text = "Mayor Ilse Varga thought about the bridge all winter. The farmers felt tired after the long harvest."
    assert _credited(analyze_text(text)) == set()


def test_convinced_or_confident_that_credits_the_holder(analyze_text: Analyze) -> None:
    text = (
        "Senator Paul Okafor is convinced that the tariff will hurt dairy farms. "
        "The union was confident that the strike would end soon."
    )
    assert _credited(analyze_text(text)) == {(0, "Paul Okafor"), (1, "union")}


def test_confident_without_a_clause_holds_nothing(analyze_text: Analyze) -> None:
    text = "Senator Paul Okafor looked confident on the stage. The union was sure of its numbers."
    assert _credited(analyze_text(text)) == set()
