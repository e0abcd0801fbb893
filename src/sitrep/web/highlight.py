"""Mark up an article's text from a report's character offsets: quantities, entities, sources, signals.

Spans may nest (a weapon inside a counted quantity) or cross (a signal over part of a
sentence); the renderer closes and reopens spans where they cross, so the HTML is
always well formed. Sentences are the outermost spans, each with an ``id`` (``s12``)
that the facts table links to.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from sitrep.model import Report

ENTITY_KINDS = {
    "STATE": "actor",
    "DEMONYM": "actor",
    "INSTITUTION": "actor",
    "OUTLET": "actor",
    "PERSON": "person",
    "PLACE": "place",
    "DATE": "date",
    "ITEM": "item",
    "WEAPON": "item",
}

#: (css class, label, what it marks): the legend, in drawing order.
LEGEND = (
    ("quantity", "Quantity", "a counted weapon, item or group of people"),
    ("item", "Weapon / item", "a weapon system or counted noun"),
    ("actor", "State / body", "a state, institution or outlet"),
    ("person", "Person", "a named person"),
    ("place", "Place", "a city, region or area"),
    ("date", "Date", "a date or time expression"),
    ("source", "Source", "who says a claim (the sentence is underlined)"),
    ("signal", "Warning", "opinion, filler, unverifiable tag, embed or heading"),
)

_RANK = {name: rank for rank, (name, _, _) in enumerate(LEGEND)}


@dataclass(frozen=True)
class Span:
    """A highlight: ``[start, end)`` of the text, its CSS class and a tooltip."""

    start: int
    end: int
    kind: str
    title: str
    attrs: tuple[tuple[str, str], ...] = ()

    def open_tag(self) -> str:
        if self.kind == "sentence":
            extra = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs)
            return f"<span{extra}>"
        return f'<mark class="hl hl-{self.kind}" title="{escape(self.title)}">'

    def close_tag(self) -> str:
        return "</span>" if self.kind == "sentence" else "</mark>"


def _num(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def report_spans(report: Report) -> list[Span]:
    """Every highlight of the report, sentences included."""
    attributed = {a.sentence: a for a in report.attributions}
    spans = [_sentence_span(s.index, s.start, s.end, s.index in attributed) for s in report.sentences]
    for e in report.entities:
        kind = ENTITY_KINDS.get(e.label, "item")
        detail = " ".join(x for x in (e.label.lower(), e.code or "", e.category or "") if x)
        spans.append(Span(e.start, e.end, kind, f"{e.text}: {detail}"))
    for q in report.quantities:
        title = f"{_num(q.value)} ({q.qualifier}) {q.category} · {q.event}/{q.measure}" + (
            f" · {q.actor}" if q.actor else ""
        )
        spans.append(Span(q.start, q.end, "quantity", title))
    for sig in report.signals:
        spans.append(Span(sig.start, sig.end, "signal", f"{sig.signal.replace('_', ' ')}: {sig.note}"))
    for a in report.attributions:
        found = _find_source(report, a.sentence, a.source)
        if found:
            via = f" via {a.via}" if a.via else ""
            spans.append(Span(found[0], found[1], "source", f"source: {a.source} ({a.source_kind}{via})"))
    return spans


def _sentence_span(index: int, start: int, end: int, attributed: bool) -> Span:
    css = "sent attributed" if attributed else "sent"
    return Span(start, end, "sentence", "", (("id", f"s{index}"), ("class", css), ("data-index", str(index))))


def _find_source(report: Report, index: int, source: str) -> tuple[int, int] | None:
    """Where the source is named in its sentence: the full name, else its last word (Trump for Donald Trump)."""
    sentence = report.sentences[index]
    low = sentence.text.casefold()
    for needle in (source, source.rsplit(maxsplit=1)[-1] if source.split() else ""):
        at = low.find(needle.casefold()) if len(needle) > 2 else -1
        if at >= 0:
            return sentence.start + at, sentence.start + at + len(needle)
    return None


def render(text: str, spans: list[Span]) -> Markup:
    """``text`` as HTML with every span marked, crossing spans split so tags nest."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    bounds = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    order = sorted(spans, key=lambda s: (s.start, -s.end, s.kind != "sentence", _RANK.get(s.kind, 99)))
    out: list[str] = []
    stack: list[Span] = []
    pending = list(reversed(order))
    for a, b in pairwise(bounds):
        _close(stack, a, out)
        while pending and pending[-1].start == a:
            span = pending.pop()
            out.append(span.open_tag())
            stack.append(span)
        out.append(str(escape(text[a:b])))
    _close(stack, len(text), out)
    return Markup("".join(out))


def _close(stack: list[Span], at: int, out: list[str]) -> None:
    """Close the spans ending at ``at``; spans opened inside them and still running are reopened."""
    if not any(s.end <= at for s in stack):
        return
    lowest = min(i for i, s in enumerate(stack) if s.end <= at)
    reopen = [s for s in stack[lowest:] if s.end > at]
    for span in reversed(stack[lowest:]):
        out.append(span.close_tag())
    del stack[lowest:]
    for span in reopen:
        out.append(span.open_tag())
        stack.append(span)


def highlighted(report: Report) -> Markup:
    """The report's article as highlighted HTML."""
    return render(report.article.text, report_spans(report))


def fact_rows(report: Report) -> list[dict[str, Any]]:
    """The facts of ``report.facts()`` for a table: kind, the fact's fields as text, its sentence index."""
    index = {s.text: s.index for s in report.sentences}
    rows = []
    for fact in report.facts():
        fields = {k: v for k, v in fact.items() if k not in ("kind", "sentence")}
        shown = "; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in fields.items())
        rows.append(
            {"kind": fact["kind"], "fact": shown, "sentence": index.get(fact["sentence"]), "quote": fact["sentence"]}
        )
    return rows
