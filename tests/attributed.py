"""Who a report credits, in the two shapes the attribution tests compare against."""

from __future__ import annotations

from sitrep.model import Report


def credited_by_sentence(report: Report) -> dict[int, set[str]]:
    """Each sentence's credited sources."""
    found: dict[int, set[str]] = {}
    for a in report.attributions:
        found.setdefault(a.sentence, set()).add(a.source)
    return found


def credited_pairs(report: Report) -> set[tuple[int, str]]:
    """Every (sentence, source) credited."""
    return {(a.sentence, a.source) for a in report.attributions}
