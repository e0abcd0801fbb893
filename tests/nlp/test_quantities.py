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
