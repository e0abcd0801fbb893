"""Whether the reports of one figure disagree: the linear check gives the pairwise definition's answer."""

from __future__ import annotations

import random

from sitrep.corpus.figures import QuantityReport, _disagree, _range

_QUALIFIERS = ["exact", "approx", "at_least", "more_than", "up_to"]


def _pairwise(reports: list[QuantityReport]) -> bool:
    """The definition: two reports of different articles whose ranges have no value in common."""
    return any(
        a.article_id != b.article_id and (_range(a)[1] < _range(b)[0] or _range(b)[1] < _range(a)[0])
        for i, a in enumerate(reports)
        for b in reports[i + 1 :]
    )


def _report(rng: random.Random) -> QuantityReport:
    value = float(rng.choice([10, 11, 12, 20, 25, 100, 105, 110, 120]))
    return QuantityReport(
        event="ATTACK",
        measure="killed",
        category="people",
        actor=None,
        value=value,
        qualifier=rng.choice(_QUALIFIERS),
        text=str(value),
        doc="d",
        sentence=0,
        quote="q",
        day=None,
        cluster="c",
        article_id=rng.choice("abcd"),
    )


def test_the_linear_check_agrees_with_every_pair() -> None:
    rng = random.Random(3)
    answers = set()
    for _ in range(3000):
        reports = [_report(rng) for _ in range(rng.randint(1, 7))]
        assert _disagree(reports) == _pairwise(reports), reports
        answers.add(_pairwise(reports))
    assert answers == {True, False}


def test_one_article_never_disagrees_with_itself() -> None:
    rng = random.Random(5)
    reports = [_report(rng) for _ in range(20)]
    same = [QuantityReport(**{**r.__dict__, "article_id": "a"}) for r in reports]
    assert not _disagree(same)
