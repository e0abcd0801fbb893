"""Signals: embeds, unverifiable tags, headings, filler and opinion."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _signals(report: Report) -> list[tuple[str, str]]:
    return [(s.signal, s.text) for s in report.signals]


def test_seed_warnings(seed_report: Report) -> None:
    kinds = [s.signal for s in seed_report.signals]
    assert kinds.count("off_topic") == 2
    assert ("unverifiable_marker", "(verified source)") in _signals(seed_report)
    assert ("headline", "Russia increases attacks as Ukraine awaits defensive weapons") in _signals(seed_report)
    embeds = [t for k, t in _signals(seed_report) if k == "social_embed"]
    assert any("(@DefenceTech_)" in t for t in embeds)
    assert any("pic.twitter.com/NELTB07601" in t for t in embeds)
    assert any(k == "opinion" and "fruitless" in t for k, t in _signals(seed_report))


def test_quoted_or_credited_opinion_is_not_flagged(analyze_text: Analyze) -> None:
    text = 'The minister said the talks were "fruitless and pointless chitchat" and a disgraceful farce.'
    assert not [s for s in analyze_text(text).signals if s.signal == "opinion"]


def test_plain_news_has_no_warnings(analyze_text: Analyze) -> None:
    text = "Russia launched 40 drones at Kyiv overnight. Ukraine's air force said 35 were shot down."
    assert analyze_text(text).signals == ()


def test_link_bait_is_off_topic(analyze_text: Analyze) -> None:
    report = analyze_text(
        "Russia launched 40 drones at Kyiv overnight.\nRead more: the ten best travel deals of 2025\n"
    )
    assert [s.signal for s in report.signals] == ["off_topic"]
