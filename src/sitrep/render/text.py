"""The readable terminal report: facts first, each with its sentence, then warnings."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import click

from sitrep.eventtypes import sides_text
from sitrep.model import Event, Report

Style = Callable[..., str]


def _shorten(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _header(report: Report, style: Style) -> str:
    art = report.article
    if art.published is None:
        when = "date unknown"
    else:
        when = f"published {'≈ ' if art.published_inferred else ''}{art.published.isoformat()}"
        when += " (inferred from a date in the text)" if art.published_inferred else ""
    count = sum(1 for s in report.sentences if s.text)
    return style(art.doc, bold=True) + f"  ·  {when}  ·  {count} sentences" + (f"\n{art.title}" if art.title else "")


def _event_line(event: Event, report: Report, style: Style) -> Iterator[str]:
    sides = sides_text(event.type, event.actors)
    label = f"{event.type} {event.phase or ''}".strip()
    extras = [x for x in (event.place, event.date) if x]
    yield f"  {style(label.ljust(16), fg='cyan', bold=True)} {sides.ljust(22)} {'  '.join(extras)}"
    if event.persons:
        yield f"  {'':16} people: {', '.join(event.persons)}"
    counted = [q for q in report.quantities if q.event == event.type and q.sentence in event.mentions]
    if counted:
        by_measure: dict[str, list[str]] = {}
        for q in counted:
            by_measure.setdefault(q.measure, []).append(q.text)
        yield f"  {'':16} " + " · ".join(f"{m}: {', '.join(t)}" for m, t in by_measure.items())
    elif event.items:
        yield f"  {'':16} items: {', '.join(i.replace('_', ' ') for i in event.items)}"
    if event.value_usd:
        yield f"  {'':16} value: ${_number(event.value_usd)}"
    if event.area_km2:
        yield f"  {'':16} area: {_number(event.area_km2)} km²"
    yield f"  {'':16} {style('§' + str(event.sentence), dim=True)} “{_shorten(report.sentences[event.sentence].text)}”"


def _sections(report: Report, style: Style) -> Iterator[str]:
    yield _header(report, style)
    if report.events:
        yield "\n" + style("EVENTS", bold=True)
        for event in report.events:
            yield from _event_line(event, report, style)
    if report.quantities:
        yield "\n" + style("QUANTITIES", bold=True)
        yield style(
            f"  {'value':>10}  {'qualifier':10} {'category':24} {'event / measure':20} {'actor':6} what", dim=True
        )
        for q in report.quantities:
            yield (
                f"  {_number(q.value):>10}  {q.qualifier:10} {q.category:24} {q.event + ' / ' + q.measure:20} "
                f"{q.actor or '-':6} {q.text}  {style('§' + str(q.sentence), dim=True)}"
            )
    if report.attributions:
        yield "\n" + style("WHO SAYS WHAT", bold=True)
        yield from _sources(report, style)
    if report.signals:
        yield "\n" + style("WARNINGS", bold=True)
        for s in report.signals:
            label = style(s.signal.replace("_", " ").ljust(20), fg="yellow")
            yield f"  {label} §{s.sentence:<3} “{_shorten(s.text, 70)}”  {style(s.note, dim=True)}"
    yield "\n" + _summary(report)


def _sources(report: Report, style: Style) -> Iterator[str]:
    """Claims grouped by source, in order of first appearance."""
    groups: dict[tuple[str, str, str | None], list[int]] = {}
    for a in report.attributions:
        groups.setdefault((a.source, a.source_kind, a.via), []).append(a.sentence)
    for (source, kind, via), sentences in groups.items():
        relay = f" via {via}" if via else ""
        yield f"  {style(source, fg='green')} ({kind}{relay})"
        for index in sentences:
            yield f"      {style('§' + str(index), dim=True)} {_shorten(report.sentences[index].text)}"


def _summary(report: Report) -> str:
    return (
        f"{len(report.facts())} facts · {len(report.events)} events · {len(report.quantities)} quantities · "
        f"{len(report.attributions)} attributions · {len(report.signals)} warnings"
        "    --format json | facts for machines"
    )


def render_text(report: Report, color: bool = False) -> str:
    """The report as terminal text; ANSI colour only when ``color``."""

    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if color else text  # type: ignore[arg-type]

    return "\n".join(_sections(report, style))
