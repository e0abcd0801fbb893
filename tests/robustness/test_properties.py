"""Properties of the analysis on generated text (hypothesis), with the real pipeline.

Texts mix war-reporting vocabulary (numbers, weapons, cues of attribution, quotes,
hashtags, dates) with arbitrary Unicode, so that the extractors actually fire. Examples
are few and short, and there is no deadline: the suite shares a small machine.
"""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from sitrep.errors import InputError
from sitrep.ingest import read_text
from sitrep.model import Article, Entity, Quantity, Report, Signal
from sitrep.render import report_dict, report_json
from sitrep.service import analyze
from testdata import ROOT

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
BOUNDED = settings(
    max_examples=75,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

VOCABULARY = (
    "Russia",
    "Ukraine",
    "Kyiv",
    "the United States",
    "NATO",
    "the Pentagon",
    "Zelenskyy",
    "Putin",
    "Biden",
    "launched",
    "fired",
    "delivered",
    "paused",
    "resumed",
    "killed",
    "injured",
    "at least",
    "more than",
    "about",
    "nearly",
    "40",
    "1,270",
    "8,400",
    "$1.2 billion",
    "two",
    "dozens of",
    "drones",
    "missiles",
    "tanks",
    "Patriot",
    "HIMARS",
    "artillery rounds",
    "civilians",
    "soldiers",
    "said",
    "told",
    "according to",
    "officials",
    "a source familiar with the matter",
    "Reuters",
    "on Monday",
    "last week",
    "July 8, 2025",
    "2022-05-31",
    "(verified source)",
    "#UkraineWar",
    "pic.twitter.com/abc",
    "@DefenceTech_",
    "\u201c",
    "\u201d",
    '"',
    "\u2019",
    "\u2014",
    "(",
    ")",
    ".",
    ",",
    ";",
    ":",
    "?",
    "!",
    "\n",
    "\n\n",
    "- ",
    "1.",
    "|",
    "BREAKING:",
    "RESTORING BALANCE:",
    "\u00e9",
    "\U0001f1fa\U0001f1e6",
    "\u200b",
    "\t",
    "  ",
)
WORDS = st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=6))
TEXTS = st.lists(WORDS, min_size=1, max_size=60).map(" ".join)
ENGLISH = "Officials said Russia launched 40 drones at Kyiv on Monday. "


def _report(nlp: Language, text: str) -> Report | None:
    """The report of ``text`` read as plain text, or ``None`` when the reader refuses it."""
    try:
        article = read_text(ENGLISH + text, doc="<generated>", published=dt.date(2025, 7, 8))
    except InputError:
        return None
    return analyze(article, nlp=nlp)


@BOUNDED
@given(text=st.text(max_size=300))
def test_analysis_never_raises_on_arbitrary_text(nlp: Language, text: str) -> None:
    """Straight into the analyzer, without the reader's clean-up: any string at all."""
    report = analyze(Article(text=text, doc="<raw>"), nlp=nlp)
    assert report.article.text == text


@BOUNDED
@given(text=TEXTS)
def test_every_span_lies_inside_the_text(nlp: Language, text: str) -> None:
    report = _report(nlp, text)
    if report is None:
        return
    article = report.article.text
    for sentence in report.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(article)
        assert article[sentence.start : sentence.end] == sentence.text
    spans: list[Entity | Quantity | Signal] = [*report.entities, *report.quantities, *report.signals]
    for span in spans:
        assert 0 <= span.start < span.end <= len(article), span
        assert span.text == article[span.start : span.end], span
        assert 0 <= span.sentence < len(report.sentences), span


@BOUNDED
@given(text=TEXTS)
def test_every_fact_sentence_is_in_the_article(nlp: Language, text: str) -> None:
    report = _report(nlp, text)
    if report is None:
        return
    for fact in report.facts():
        assert fact["sentence"] in report.article.text, fact


@BOUNDED
@given(text=TEXTS)
def test_json_output_validates_against_the_schema(nlp: Language, text: str) -> None:
    report = _report(nlp, text)
    if report is None:
        return
    jsonschema.validate(report_dict(report), SCHEMA)
    assert json.loads(report_json(report)) == json.loads(json.dumps(report_dict(report)))
