"""SEIZE: control of a place or an area taken or retaken; denials, hopes and other things seized are none."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.eventtypes import EventType
from sitrep.model import Event, Report

Analyze = Callable[..., Report]


def _seized(report: Report) -> list[tuple[tuple[str, ...], str | None, float | None]]:
    return [(e.actors, e.place, e.area_km2) for e in report.events if e.type == EventType.SEIZE]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian forces captured the village of Krasnohorivka on Tuesday.", [(("RUS", "UKR"), "Krasnohorivka", None)]),
        ("Ukraine said it had retaken Vovchansk.", [(("UKR", "RUS"), "Vovchansk", None)]),
        ("The town of Marinka fell to Russian forces.", [(("RUS", "UKR"), "Marinka", None)]),
        (
            "Ukrainian troops regained 400 square kilometers in the Kharkiv region.",
            [(("UKR", "RUS"), "Kharkiv region", 400.0)],
        ),
        ("Ukrainian forces liberated Kherson from Russian occupation.", [(("UKR", "RUS"), "Kherson", None)]),
        (
            "Russian forces took control of the villages of Urozhaine and Staromaiorske, the ministry said.",
            [(("RUS", "UKR"), "Urozhaine", None), (("RUS", "UKR"), "Staromaiorske", None)],
        ),
        ("Russia's capture of Avdiivka was its largest gain in months.", [(("RUS", "UKR"), "Avdiivka", None)]),
        ("The Russian Defense Ministry announced the capture of Vuhledar.", [(("RUS", "UKR"), "Vuhledar", None)]),
        ("Russian troops occupied the city of Kherson in March.", [(("RUS", "UKR"), "Kherson", None)]),
    ],
)
def test_places_and_areas_taken(analyze_text: Analyze, text: str, expected: list[object]) -> None:
    assert _seized(analyze_text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv denied that Russian forces had captured Chasiv Yar.",
        "Russia aims to capture Pokrovsk by autumn.",
        "Pokrovsk could fall within weeks.",
        "Russian troops failed to take Vuhledar.",
        "Russian forces did not capture Kupiansk.",
        "Ukrainian border guards seized a ship in Odesa.",
        "The authorities seized assets of Russian oligarchs.",
        "Russian troops captured five Ukrainian tanks near Avdiivka.",
        "The occupied territories remain under Russian control.",
        "Has Russia captured Toretsk?",
        "Even if Bakhmut falls to Russian forces, the front will hold.",
        "Only four states took Moscow's side in the vote.",
    ],
)
def test_no_seizure(analyze_text: Analyze, text: str) -> None:
    assert _seized(analyze_text(text)) == []


def test_an_area_in_square_miles_is_converted(analyze_text: Analyze) -> None:
    assert _seized(analyze_text("Ukrainian troops have taken about 100 square miles of Kursk.")) == [
        (("UKR", "RUS"), "Kursk", 259.0)
    ]


def test_seizure_is_dated_and_in_the_facts(analyze_text: Analyze) -> None:
    report = analyze_text(
        "On July 3, Ukrainian forces recaptured 12 square kilometres near Siversk.", published="2025-07-08"
    )
    event: Event = next(e for e in report.events if e.type == EventType.SEIZE)
    assert (event.date, event.area_km2) == ("2025-07-03", 12.0)
    fact = next(f for f in report.facts() if f["kind"] == "event" and f["type"] == "SEIZE")
    assert fact["area_km2"] == 12 and fact["actors"][0] == "UKR"


def test_a_claim_by_one_side_is_attributed(analyze_text: Analyze) -> None:
    report = analyze_text("Russia's Defense Ministry said its forces had captured the village of Novomykhailivka.")
    assert _seized(report) == [(("RUS",), "Novomykhailivka", None)]  # a village of no known state: no loser
    assert [a.source_kind for a in report.attributions] == ["official_body"]
