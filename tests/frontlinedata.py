"""SEIZE reports for the store, tracker, export and dashboard tests, built as ``Report`` objects.

The texts are short wire-style sentences written for these tests; the events on them are what
the SEIZE extraction is to find, stored through the real writer. Story (June 2025):

* 06-02 two outlets: Russian forces captured Vovchansk (one also Tykhe, an unresolvable village).
* 06-03 an outlet: Russian forces captured two villages (no place: its own event, not Vovchansk).
* 06-05 a claim and a counter-claim on Kupiansk the same day (contested).
* 06-07 Ukraine regained 400 square kilometres (no place).
* 06-10 Ukraine retook Vovchansk, 40 square kilometres around it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sitrep.eventtypes import EventType
from sitrep.model import Article, Attribution, Event, Report, Sentence
from sitrep.store.db import Database
from sitrep.store.writer import save_report


@dataclass(frozen=True)
class Seize:
    """One SEIZE event on a sentence of its own."""

    sentence: str
    actors: tuple[str, ...]
    place: str | None = None
    area_km2: float | None = None
    claimed_by: str | None = None  # the source the sentence attributes the claim to


def seize_report(doc: str, published: dt.date, outlet: str, seizes: list[Seize]) -> Report:
    """A report whose every sentence carries one SEIZE event (dated by the publication day)."""
    text = " ".join(s.sentence for s in seizes)
    sentences, events, claims, start = [], [], [], 0
    for index, s in enumerate(seizes):
        sentences.append(Sentence(index, start, start + len(s.sentence), s.sentence))
        anchor = next(w for w in ("captured", "retook", "regained", "taken", "took") if w in s.sentence)
        events.append(
            Event(EventType.SEIZE, None, s.actors, index, anchor, place=s.place, area_km2=s.area_km2, mentions=(index,))
        )
        if s.claimed_by:
            claims.append(Attribution(s.claimed_by, "official_body", index, "said"))
        start += len(s.sentence) + 1
    article = Article(text=text, doc=doc, title=doc, published=published, outlet=outlet)
    return Report(
        article=article,
        sentences=tuple(sentences),
        events=tuple(events),
        attributions=tuple(claims),
        pipeline_version="test",
    )


RUS_UKR = ("RUS", "UKR")
UKR_RUS = ("UKR", "RUS")

REPORTS = [
    seize_report(
        "wire-0602.txt",
        dt.date(2025, 6, 2),
        "Front Wire",
        [
            Seize(
                "Russian forces captured Vovchansk, the defence ministry in Moscow said.",
                RUS_UKR,
                "Vovchansk",
                claimed_by="the defence ministry in Moscow",
            ),
            Seize("They also captured the village of Tykhe.", RUS_UKR, "Tykhe"),
        ],
    ),
    seize_report(
        "paper-0602.txt",
        dt.date(2025, 6, 2),
        "Daily Paper",
        [Seize("Moscow said its troops had taken Vovchansk after weeks of fighting.", RUS_UKR, "Vovchansk")],
    ),
    seize_report(
        "wire-0603.txt",
        dt.date(2025, 6, 3),
        "Front Wire",
        [Seize("Russian forces captured two more villages, the ministry said.", RUS_UKR)],
    ),
    seize_report(
        "wire-0605.txt",
        dt.date(2025, 6, 5),
        "Front Wire",
        [Seize("Russia said its forces captured Kupiansk.", RUS_UKR, "Kupiansk")],
    ),
    seize_report(
        "paper-0605.txt",
        dt.date(2025, 6, 5),
        "Daily Paper",
        [Seize("Ukraine said its troops retook Kupiansk on Thursday.", UKR_RUS, "Kupiansk", claimed_by="Ukraine")],
    ),
    seize_report(
        "wire-0607.txt",
        dt.date(2025, 6, 7),
        "Front Wire",
        [Seize("Ukrainian forces regained 400 square kilometres in the south.", ("UKR",), area_km2=400)],
    ),
    seize_report(
        "paper-0610.txt",
        dt.date(2025, 6, 10),
        "Daily Paper",
        [Seize("Ukraine retook Vovchansk and 40 square kilometres around it.", UKR_RUS, "Vovchansk", 40)],
    ),
]


def store_seizes(db: Database) -> None:
    """Write every report of the story into ``db``."""
    for report in REPORTS:
        assert save_report(db, report)
