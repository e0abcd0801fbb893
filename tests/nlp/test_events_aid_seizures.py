"""A seizure of ships or cargo told with an aid word ("announced", "stop") is no aid."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _aid(report: Report) -> list[tuple[str | None, tuple[str, ...]]]:
    return [(e.phase, e.actors) for e in report.events if e.type == "AID"]


def test_an_announced_seizure_of_a_ship_is_no_aid(analyze_text: Analyze) -> None:
    report = analyze_text("The French navy announced the seizure of a Russian-flagged cargo ship in the Baltic.")
    assert _aid(report) == []


def test_stopping_tankers_to_seize_their_oil_is_no_pause_of_aid(analyze_text: Analyze) -> None:
    report = analyze_text("Officials said European navies would stop tankers of the shadow fleet and seize their oil.")
    assert _aid(report) == []


def test_an_announced_delivery_is_still_aid(analyze_text: Analyze) -> None:
    report = analyze_text("Germany announced the delivery of four Leopard tanks to Ukraine on Monday.")
    assert _aid(report) == [("announced", ("DEU", "UKR"))]
