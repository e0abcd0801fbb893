"""Doc -> Report: the only reader of what the components left on a ``Doc``."""

from __future__ import annotations

import dataclasses
import itertools

from spacy.tokens import Doc

from sitrep.model import Article, Entity, Quantity, Report, Sentence
from sitrep.nlp.mentions import Findings, findings, sentence_index
from sitrep.nlp.merge import to_events
from sitrep.version import __version__

# Marks that close a quotation. The parser may open the next sentence with the mark that closes one
# ("... law and order.|\" Trump left."); the mark stuck to the stop is given back to the sentence it closes.
CLOSING_MARKS = ('"', "”", "’", "''")


def _sentences(doc: Doc) -> tuple[Sentence, ...]:
    bounds = [[sent.start_char, sent.end_char] for sent in doc.sents]
    text = doc.text
    for before, after in itertools.pairwise(bounds):
        mark = next((m for m in CLOSING_MARKS if text.startswith(m, after[0])), None)
        if (
            mark
            and before[1] == after[0]
            and text[before[1] - 1] in ".?!…"
            and (text[after[0] + len(mark) :][:1] or " ").isspace()
        ):
            before[1] = after[0] = after[0] + len(mark)
    out = []
    for index, (start, end) in enumerate(bounds):
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        out.append(Sentence(index, start + lead, start + lead + len(body), body))
    return tuple(out)


def _entities(doc: Doc, found: Findings, sent_of: list[int]) -> tuple[Entity, ...]:
    def ent(start: int, end: int, label: str, **kw: str | None) -> Entity:
        span = doc[start:end]
        return Entity(span.text, label, span.start_char, span.end_char, sent_of[start], **kw)

    out = [ent(a.start, a.end, a.kind.upper(), code=a.code) for a in found.actors]
    out += [ent(p.start, p.end, "PERSON", code=p.code) for p in found.persons]
    out += [ent(p.start, p.end, "PLACE", code=p.country) for p in found.places]
    out += [ent(m.start, m.end, "WEAPON" if m.kind == "name" else "ITEM", category=m.category) for m in found.items]
    out += [ent(d.start, d.end, "DATE", code=d.value) for d in found.dates]
    return tuple(sorted(out, key=lambda e: (e.start, e.end)))


def _unique_quantities(found: Findings) -> tuple[Quantity, ...]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for q in sorted(found.quantities, key=lambda q: q.start):
        if (q.start, q.end, q.measure) not in seen:  # "40 drones launched were shot down": two measures
            seen.add((q.start, q.end, q.measure))
            out.append(q)
    return tuple(out)


def build_report(doc: Doc, article: Article) -> Report:
    """Assemble the frozen ``Report`` of one analyzed ``Doc``."""
    found = findings(doc)
    sent_of = sentence_index(doc)
    if found.published and article.published is None:
        article = dataclasses.replace(article, published=found.published, published_inferred=found.published_inferred)
    return Report(
        article=article,
        sentences=_sentences(doc),
        entities=_entities(doc, found, sent_of),
        quantities=_unique_quantities(found),
        events=tuple(to_events(doc, found.events)),
        attributions=tuple(found.attributions),
        signals=tuple(found.signals),
        pipeline_version=__version__,
    )
