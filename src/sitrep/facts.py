"""The flat fact view of a ``Report`` (``shared/spec/facts.md``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitrep.model import Report


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _drop_empty(fact: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fact.items() if v not in (None, [], (), "")}


def report_facts(report: Report) -> list[dict[str, Any]]:
    """One dict per fact, each with ``kind`` and the full ``sentence`` it came from."""
    text = [s.text for s in report.sentences]
    facts: list[dict[str, Any]] = []
    for q in report.quantities:
        facts.append(
            _drop_empty(
                {
                    "kind": "quantity",
                    "event": q.event,
                    "measure": q.measure,
                    "category": q.category,
                    "value": _number(q.value),
                    "qualifier": q.qualifier,
                    "actor": q.actor,
                    "text": q.text,
                    "sentence": text[q.sentence],
                }
            )
        )
    for e in report.events:
        facts.append(
            _drop_empty(
                {
                    "kind": "event",
                    "type": e.type,
                    "phase": e.phase,
                    "actors": list(e.actors),
                    "persons": list(e.persons),
                    "place": e.place,
                    "date": e.date,
                    "items": list(e.items),
                    "value_usd": _number(e.value_usd) if e.value_usd else None,
                    "area_km2": _number(e.area_km2) if e.area_km2 else None,
                    "sentence": text[e.sentence],
                }
            )
        )
    for a in report.attributions:
        facts.append(
            _drop_empty(
                {
                    "kind": "attribution",
                    "source": a.source,
                    "source_kind": a.source_kind,
                    "via": a.via,
                    "sentence": text[a.sentence],
                }
            )
        )
    for s in report.signals:
        facts.append(_drop_empty({"kind": "signal", "signal": s.signal, "text": s.text, "sentence": text[s.sentence]}))
    return facts
