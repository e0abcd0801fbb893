"""Who says what: named, institutional, anonymous, pronouns, quotations."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _sources(report: Report) -> list[tuple[int, str, str, str | None]]:
    return [(a.sentence, a.source, a.source_kind, a.via) for a in report.attributions]


def test_anonymous_source_relayed_by_outlet(seed_report: Report) -> None:
    found = [a for a in seed_report.attributions if a.source_kind == "anonymous"]
    assert [(a.source, a.via) for a in found] == [("people familiar with the ongoing discussions", "Politico")]


def test_pronoun_subject_resolves_to_the_last_speaker(seed_report: Report) -> None:
    sentence = next(s.index for s in seed_report.sentences if s.text.startswith("He told Zelensky"))
    assert (sentence, "Donald Trump", "person", None) in _sources(seed_report)


def test_plural_officials_are_an_official_body(seed_report: Report) -> None:
    assert any(a.source == "Ukrainian officials" and a.source_kind == "official_body" for a in seed_report.attributions)


def test_every_sentence_of_a_quotation_is_credited(analyze_text: Analyze) -> None:
    text = (
        'President Volodymyr Zelenskyy spoke in Milan. "We defend what is ours. We are very motivated people. '
        'We have values," the President said.'
    )
    report = analyze_text(text, published="2022-06-20")
    credited = {a.sentence for a in report.attributions if "Zelenskyy" in a.source}
    assert {1, 2, 3} <= credited


def test_passive_credit_covers_the_sentence_before(analyze_text: Analyze) -> None:
    text = "Weapons help Ukraine defend its land. This was stated by President Volodymyr Zelenskyy in Milan."
    report = analyze_text(text, published="2022-06-20")
    assert {a.sentence for a in report.attributions} == {0, 1}


def test_thanks_is_not_a_claim(analyze_text: Analyze) -> None:
    report = analyze_text("Volodymyr Zelenskyy thanked the European Union countries for their support.")
    assert report.attributions == ()
