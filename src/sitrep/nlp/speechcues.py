"""Typed cues of who says what: ``cues/attribution.json`` and ``cues/evaluative.json``.

The attribution component reads every list of ``AttributionCues``; the signal component reads
the verbs of saying from it too (a sentence that reports speech is no opinion of the writer's)
and the polar words of ``EvaluativeCues``. A key missing from either file fails at load,
naming the file and the key (``sitrep.nlp.cuesets``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.nlp.cuesets import cueset


@cueset("attribution")
@dataclass(frozen=True)
class AttributionCues:
    """The cue lists of ``cues/attribution.json`` (see its ``_about``)."""

    speech_strong: frozenset[str]
    speech_weak: frozenset[str]
    attitude_adjectives: frozenset[str]
    speech_quote_frame: frozenset[str]
    speech_intent: dict[str, tuple[str, ...]]
    document_findings: frozenset[str]
    speech_object: dict[str, tuple[str, ...]]
    speech_prep: dict[str, tuple[str, ...]]
    speech_prep_not: frozenset[str]
    speech_framing: dict[str, tuple[str, ...]]
    speech_from: dict[str, tuple[str, ...]]
    speech_nouns: frozenset[str]
    speech_content_nouns: frozenset[str]
    speech_event_nouns: frozenset[str]
    according_to: tuple[str, ...]
    anonymous: tuple[str, ...]
    official_nouns: frozenset[str]
    document_nouns: frozenset[str]
    roles: tuple[str, ...]
    role_synonyms: dict[str, str]
    people_nouns: frozenset[str]
    outlet_nouns: frozenset[str]
    speech_acts: frozenset[str]
    social_nouns: frozenset[str]
    body_name_words: frozenset[str]
    title_labels: frozenset[str]
    leader_roles: tuple[str, ...]


@cueset("evaluative")
@dataclass(frozen=True)
class EvaluativeCues:
    """The polar words of ``cues/evaluative.json``: ``positive`` and ``negative`` under ``evaluative_words``."""

    evaluative_words: dict[str, tuple[str, ...]]
