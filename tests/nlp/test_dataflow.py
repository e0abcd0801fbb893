"""Declared data flow: each component reads and writes only the ``Findings`` fields it declares
(``mentions.FLOW``), spaCy finds the order sound, and components run on hand-built ``Doc``s."""

from __future__ import annotations

import ast
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.eventtypes import EventType
from sitrep.nlp.events import EventExtractor
from sitrep.nlp.lexicon import load_lexicons
from sitrep.nlp.mentions import FLOW, INPUTS, MEMOS, ActorMention, Findings, PlaceMention
from sitrep.nlp.triggers import trigger_index
from testdata import ROOT

NLP = ROOT / "src" / "sitrep" / "nlp"
SHARED = ("mentions.py",)  # the memos (text_of) every component may fill
MODULES = {  # each component's modules; actors.py (ActorIndex) where the component builds one
    "sitrep_entities": ["entities.py", "places.py", "references.py", "dates.py"],
    "sitrep_events": ["events.py", "eventcontext.py", "eventsyntax.py", "triggers.py", "families", "actors.py"],
    "sitrep_quantities": ["quantities.py", "counts.py", "countevents.py", "numbers.py", "actors.py"],
    "sitrep_attribution": ["attribution.py", "actors.py"],
    "sitrep_signals": ["signals.py"],
}
OWNERS = ("found", "facts")  # names under which a component holds its Findings
VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower-case forms), no model


def fields_touched(path: Path) -> set[str]:
    """The ``Findings`` fields a module reads or writes through ``found.X`` / ``ctx.found.X``."""
    touched = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute):
            owner = node.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if name in OWNERS and node.attr in Findings.__dataclass_fields__:
                touched.add(node.attr)
    return touched


def _files(names: list[str]) -> list[Path]:
    paths = [NLP / n for n in names]
    return [p for path in paths for p in (sorted(path.glob("*.py")) if path.is_dir() else [path])]


def test_each_component_touches_only_what_it_declares() -> None:
    shared = set().union(*(fields_touched(NLP / n) for n in SHARED))
    undeclared = {}
    for component, names in MODULES.items():
        flow = FLOW[component]
        touched = set().union(shared, *(fields_touched(p) for p in _files(names)))
        extra = touched - set(flow.reads) - set(flow.writes) - MEMOS
        if extra:
            undeclared[component] = sorted(extra)
    assert undeclared == {}


def test_every_field_has_one_source() -> None:
    written = [f for flow in FLOW.values() for f in flow.writes]
    sources = set(written) | INPUTS | MEMOS
    assert sources == set(Findings.__dataclass_fields__)


def test_spacy_finds_the_declared_order_sound(nlp: Language) -> None:
    analysis = nlp.analyze_pipes(pretty=False)
    assert analysis is not None
    problems = analysis["problems"]
    assert all(not missing for missing in problems.values()), problems


def test_a_field_extension_reads_the_findings() -> None:
    doc = Doc(VOCAB, words=["Talks", "began", "."])
    doc._.sitrep = Findings(home="UKR")
    assert doc._.sitrep_home == "UKR"


def _captured() -> Doc:
    """ "Russian forces captured the village of Krasnohorivka ." parsed by hand."""
    words = ["Russian", "forces", "captured", "the", "village", "of", "Krasnohorivka", "."]
    doc = Doc(
        VOCAB,
        words=words,
        lemmas=["russian", "force", "capture", "the", "village", "of", "Krasnohorivka", "."],
        pos=["ADJ", "NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
        tags=["JJ", "NNS", "VBD", "DT", "NN", "IN", "NNP", "."],
        heads=[1, 2, 2, 4, 2, 4, 5, 2],
        deps=["amod", "nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
    )
    doc._.sitrep = Findings(
        actors=[ActorMention(0, 2, "RUS", "demonym", None, "Russian forces")],
        places=[PlaceMention(6, 7, "Krasnohorivka", "UKR")],
    )
    return doc


def test_triggers_on_a_hand_built_doc() -> None:
    doc = _captured()
    found = [(t.family, t.label) for t in trigger_index(load_lexicons()).find(doc)]
    assert (EventType.SEIZE, "taken") in found and (EventType.LOSS, "captured") in found


def test_event_component_on_a_hand_built_doc() -> None:
    doc = EventExtractor(load_lexicons())(_captured())
    found: Findings = doc._.sitrep
    assert [(m.type, m.actors, m.place) for m in found.events] == [(EventType.SEIZE, ["RUS", "UKR"], "Krasnohorivka")]
    assert found.by_trigger[2] is found.events[0]
    assert found.sent_of == [0] * 8


def test_spacy_finds_a_component_out_of_order() -> None:
    import sitrep.nlp.pipeline  # noqa: F401  (registers the factories)

    blank = spacy.blank("en")
    blank.add_pipe("sitrep_quantities")  # reads the events that sitrep_events has not written yet
    blank.add_pipe("sitrep_events")
    analysis = blank.analyze_pipes(pretty=False)
    assert analysis is not None
    assert "doc._.sitrep_events" in analysis["problems"]["sitrep_quantities"]
