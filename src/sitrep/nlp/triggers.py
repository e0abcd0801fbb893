"""Event trigger words (from cues/events.json) found in a parsed ``Doc``.

A trigger is one word or a short phrase ("shoot down", "put on hold") matched on
lemmas or lower-cased forms, labelled with its family (an ``EventType``: the cue keys
of each type are declared in ``sitrep.eventtypes``) and, where the family has them,
its phase or measure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from sitrep.eventtypes import REGISTRY, EventType
from sitrep.nlp.cuesets import CueError
from sitrep.nlp.lexicon import Lexicons

# Closed-class grammar words (forms of "be", future and plan auxiliaries), not domain vocabulary.
BE_FORMS = {"is", "are", "am", "was", "were", "be", "being", "'re", "’re", "'s", "’s", "'m", "’m"}
# "according (to)" is attribution grammar, never an "accord" trigger; future and plan auxiliaries: grammar.
SKIP_FORMS = {"according", "accordingly"}
FUTURE_AUX = {"will", "shall", "'ll", "going", "would", "could", "may", "might", "plan", "intend", "expect"}


@dataclass(frozen=True)
class Trigger:
    """A trigger at tokens [start, end): ``family`` and its ``label`` (phase or measure)."""

    start: int
    end: int
    family: EventType
    label: str | None

    def head(self, doc: Doc) -> Token:
        """The syntactic head token of the trigger phrase."""
        span = doc[self.start : self.end]
        return span.root


class TriggerIndex:
    """First-word index over every trigger phrase of the cue lexicon."""

    def __init__(self, lex: Lexicons) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], EventType, str | None]]] = defaultdict(list)
        events = lex.cue_files.get("events", {})
        for spec in REGISTRY.values():
            for cue in spec.cues:
                if cue.key not in events:
                    raise CueError(
                        f"{lex.directory}/cues/events.json: no cue list {cue.key!r} (triggers of {spec.type})"
                    )
                phrases = events[cue.key]
                by_label = phrases.items() if isinstance(phrases, dict) else [(cue.label, phrases)]
                for label, words in by_label:
                    for phrase in words:
                        self._add(phrase, spec.type, label)
        for entries in self.by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def _add(self, phrase: str, family: EventType, label: str | None) -> None:
        words = tuple(phrase.lower().split())
        self.by_first[words[0]].append((words, family, label))

    def find(self, doc: Doc, blocked: set[int] | None = None) -> list[Trigger]:
        """Every trigger in ``doc`` outside ``blocked`` tokens (weapon names like
        "Multiple Launch Rocket System"); a token may start triggers of several families."""
        found: list[Trigger] = []
        for token in doc:
            if token.pos_ not in ("VERB", "NOUN", "PROPN", "AUX", "ADJ", "ADP", "ADV") or token.lower_ in SKIP_FORMS:
                continue
            if (blocked and token.i in blocked) or _hyphen_compound(doc, token.i):
                continue
            for form in dict.fromkeys((token.lower_, token.lemma_.lower())):  # surface form first, in a fixed order
                for words, family, label in self.by_first.get(form, ()):
                    if _phrase_at(doc, token.i, words):
                        found.append(Trigger(token.i, token.i + len(words), family, label))
        return _dedupe(found)


def _hyphen_compound(doc: Doc, i: int) -> bool:
    """The second half of "anti-ship", "counter-attack": not a trigger of its own."""
    return (
        i > 1
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and doc[i - 2].lower_ in ("anti", "counter", "non", "pre", "post")
    )


def _phrase_at(doc: Doc, i: int, words: tuple[str, ...]) -> bool:
    if i + len(words) > len(doc):
        return False
    return all(doc[i + k].lemma_.lower() == w or doc[i + k].lower_ == w for k, w in enumerate(words))


def _dedupe(found: list[Trigger]) -> list[Trigger]:
    seen: set[tuple[int, EventType, str | None]] = set()
    out = []
    for trig in sorted(found, key=lambda t: (t.start, -(t.end - t.start))):
        key = (trig.start, trig.family, trig.label)
        if key not in seen:
            seen.add(key)
            out.append(trig)
    return out


@lru_cache(maxsize=4)
def trigger_index(lex: Lexicons) -> TriggerIndex:
    """The cached trigger index of a lexicon set."""
    return TriggerIndex(lex)


def is_future(token: Token) -> bool:
    """Whether a verb (or the verb governing a noun) speaks of the future or a plan."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for tok in (verb, *verb.ancestors):
        for child in tok.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in FUTURE_AUX:
                return True
        if tok.lemma_ in ("schedule", "plan", "expect", "set", "intend", "prepare") and tok.i != token.i:
            return True
        if tok.dep_ not in (
            "xcomp",
            "ccomp",
            "advcl",
            "conj",
            "relcl",
            "acl",
            "pcomp",
            "pobj",
            "prep",
            "dobj",
            "nsubj",
        ):
            break
    return False


def is_progressive(verb: Token) -> bool:
    """``is sending``, ``are donating``: present progressive of a verb."""
    return verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and (c.lemma_ == "be" or c.lower_ in BE_FORMS) for c in verb.children
    )


def is_completed(verb: Token) -> bool:
    """Past tense or present perfect (``sent``, ``have donated``)."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
