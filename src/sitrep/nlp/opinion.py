"""Opinion: loaded or evaluative wording in the article's own voice.

Not quoted, not credited to a source and not reported speech ("The minister said ...", "the
ministry's view that ..."): opinion quoted from a named source, or a view credited to its holder,
is theirs, not the writer's. Cues score points: a loaded word 2, an intensified adjective
("utterly absurd") 2, a prescription in the writer's voice ("the council should reopen the
library") 2, a stance or sarcasm marker ("predictably", "so-called"), a hedging modal ("may",
"might") and a rhetorical question or exclamation 1 each. A sentence with ``OPINION_POINTS`` and
at least one evaluative cue is flagged. The cue lists are the ``opinion`` table of
``cues/signals.json`` and the polar words of ``cues/evaluative.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from spacy.tokens import Span, Token

from sitrep.model import Signal
from sitrep.nlp.cuesets import CueError, load_cues
from sitrep.nlp.lexicon import Lexicons
from sitrep.nlp.mentions import CharRanges, text_of
from sitrep.nlp.speechcues import AttributionCues, EvaluativeCues

# The dependency labels of a subject.
SUBJECTS = ("nsubj", "nsubjpass")
# The writer's own possessives: "my view that ..." is the writer's view, not a reported one.
FIRST_PERSON_POSSESSIVE = frozenset({"my", "our"})
# The words that open an indirect question after an adjective of knowing ("not clear whether ...");
# "it is clear that ..." is the writer vouching for a claim, and stays a cue.
CLAUSE_OPENERS = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who", "which"})
# Points that make a sentence an opinion (see the module docstring).
OPINION_POINTS = 2
# One to three words in quotation marks in the writer's own sentence: the sarcasm of scare quotes.
SCARE_QUOTE = re.compile(r"[“\"‘][^\W\d][\w’'-]*(?: [\w’'-]+){0,2}[”\"’](?!\w)")
# The writer giving a view in the first person: "I think", "in my view", "we must", "let us".
WRITER_VIEW = re.compile(
    r"\b(?:i|we) (?:(?:really|honestly|strongly|firmly|still|do) )?"
    r"(?:think|believe|feel|doubt|suspect|guess|hope|fear)\b"
    r"|\bin (?:my|our) (?:view|opinion|judgment|judgement|book)\b|\b(?:i|we) (?:must|should|ought to|need to|have to)\b"
    r"|\blet(?:'s|’s| us)\b|\bif you ask me\b|\bfrankly\b|\bto be honest\b|\bi'm (?:sure|convinced|afraid)\b"
)

# Grammar: words of quantity and degree after an intensifier ("so many", "too late") are no evaluation.
QUANTIFIERS = frozenset(
    {"many", "much", "few", "little", "more", "less", "most", "least", "far", "long", "late", "soon"}
)


class SentenceFacts(Protocol):
    """What the opinion finder needs of the document's findings: where the quotations are, and
    which sentences are credited to a source."""

    @property
    def quoted(self) -> CharRanges: ...

    @property
    def attributed(self) -> frozenset[int]: ...


@dataclass(frozen=True)
class Cue:
    """One opinion cue found in a sentence: its characters, its points, whether it evaluates."""

    start: int
    end: int
    points: int
    evaluative: bool
    marks_quote: bool = False  # the cue is the quotation marks themselves (scare quotes), not words quoted


# The labels of the "opinion" table of signals.json that the opinion finder reads (a missing one fails at load).
OPINION_LISTS = ("strong", "weak", "intensifiers", "evaluative", "prescriptive", "hedges", "views", "epistemic")


class OpinionFinder:
    """Loaded or evaluative wording in the article's own voice (see the module docstring)."""

    def __init__(self, lex: Lexicons, table: dict[str, tuple[str, ...]]) -> None:
        missing = [name for name in OPINION_LISTS if name not in table]
        if missing:
            raise CueError(f"{Path(lex.directory) / 'cues' / 'signals.json'}: opinion: no cue list {missing[0]!r}")
        opinion = {name: list(table[name]) for name in OPINION_LISTS}
        strong = opinion["strong"]
        self.strong = frozenset(w for w in strong if " " not in w)
        self.strong_phrases = _phrases([w for w in strong if " " in w])
        self.weak = _phrases(opinion["weak"])
        self.intensifiers = frozenset(opinion["intensifiers"])
        self.evaluative = frozenset(opinion["evaluative"])
        self.prescriptive = frozenset(opinion["prescriptive"])
        self.hedges = frozenset(opinion["hedges"])
        self.views = frozenset(opinion["views"])
        self.epistemic = frozenset(opinion["epistemic"])
        polar = load_cues(EvaluativeCues, lex).evaluative_words
        self.polar = frozenset(polar.get("positive", ()) + polar.get("negative", ()))
        speech = load_cues(AttributionCues, lex)
        self.speech = speech.speech_strong
        self.speech_weak = speech.speech_weak
        self.according = _phrases(list(speech.according_to))

    def __call__(self, facts: SentenceFacts, sent: Span, index: int) -> Signal | None:
        if self._reported(facts, sent, index):
            return None
        cues = [c for c in self._cues(sent) if c.marks_quote or not facts.quoted.holds(c.start)]
        if sum(c.points for c in cues) < OPINION_POINTS or not any(c.evaluative for c in cues):
            return None
        start, end = min(c.start for c in cues), max(c.end for c in cues)
        text = text_of(sent.doc)[start:end]
        return Signal("opinion", index, text, start, end, "loaded or evaluative wording in the article's own voice")

    def _cues(self, sent: Span) -> Iterator[Cue]:
        yield from (c for t in sent if (c := self._word_cue(t)) is not None)
        base, lower = sent.start_char, sent.text.lower()
        for m in self.strong_phrases.finditer(lower):
            yield Cue(base + m.start(), base + m.end(), 2, True)
        for m in self.weak.finditer(lower):
            yield Cue(base + m.start(), base + m.end(), 1, False)
        for m in SCARE_QUOTE.finditer(sent.text):
            yield Cue(base + m.start(), base + m.end(), 1, True, marks_quote=True)  # held at arm's length: "experts"
        for m in WRITER_VIEW.finditer(lower.replace("’", "'")):
            yield Cue(base + m.start(), base + m.end(), 2, True)
        text = sent.text.rstrip()
        if text.endswith(("?", "!")):
            yield Cue(base + len(text) - 1, base + len(text), 1, False)

    def _word_cue(self, t: Token) -> Cue | None:
        """A loaded word, an intensified adjective, an evaluative adjective or a prescriptive modal."""
        end = t.idx + len(t)
        if t.lower_ in self.strong or t.lemma_.lower() in self.strong:
            return Cue(t.idx, end, 2, True)
        if t.lower_ in self.intensifiers and t.dep_ == "advmod" and _intensified(t):
            return Cue(t.idx, t.head.idx + len(t.head), 2, True)
        if t.lower_ in self.evaluative and t.pos_ == "ADJ":
            return Cue(t.idx, end, 1, True)
        if t.lower_ in self.polar and t.pos_ in ("ADJ", "ADV") and not self._knowing(t):
            # said of something outright ("the plan is reckless") it is a verdict: worth more than a modifier
            verdict = t.pos_ == "ADJ" and t.dep_ in ("acomp", "attr", "oprd")
            return Cue(t.idx, end, 2 if verdict else 1, True)
        if t.lower_ in ("you", "your", "yourself") and t.pos_ == "PRON":
            return Cue(t.idx, end, 1, False)  # the writer addressing the reader
        if t.lower_ in self.prescriptive and t.tag_ == "MD" and not _first_person_subject(t.head):
            return Cue(t.idx, end, 2, True)
        if t.lower_ in self.hedges and t.tag_ == "MD":
            return Cue(t.idx, end, 1, True)  # the writer's own guess ("the plan may fail"): a stance, not a fact
        return None

    def _knowing(self, t: Token) -> bool:
        """An adjective of knowing before an indirect question or after "make": "it is not clear whether
        ...", "the talks made clear that ...": what is known or not, no verdict."""
        if t.lower_ not in self.epistemic:
            return False
        after = t.nbor().lower_ if t.i + 1 < len(t.doc) else ""
        return after in CLAUSE_OPENERS or t.head.lemma_.lower() == "make"

    def _reported(self, facts: SentenceFacts, sent: Span, index: int) -> bool:
        """True when the sentence reports what someone said: the words are theirs."""
        if index in facts.attributed:
            return True
        lower = sent.text.lower()
        return bool(self.according.search(lower)) or any(self._speech_verb(t) or self._held_view(t) for t in sent)

    def _speech_verb(self, token: Token) -> bool:
        """A verb of saying with a speaker ("the minister said"), or a reporting clause ("..., saying")."""
        if token.pos_ not in ("VERB", "AUX"):
            return False
        lemma = token.lemma_.lower()
        if _first_person_subject(token):
            return False  # "I believe that ...": the writer's own view, not someone's reported words
        has_subject = any(c.dep_ in SUBJECTS for c in token.children)
        if lemma in self.speech:
            return has_subject or token.dep_ in ("advcl", "parataxis")
        return lemma in self.speech_weak and has_subject and any(c.dep_ == "ccomp" for c in token.children)

    def _held_view(self, token: Token) -> bool:
        """A view someone holds, spelt out in a clause: "the ministry's view that the sanctions should go",
        "their position that ..."; its wording is the holder's (the writer's own is "my view", "our position")."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.views:
            return False
        holder = any(c.dep_ == "poss" and c.lower_ not in FIRST_PERSON_POSSESSIVE for c in token.children)
        if not holder:
            return False
        following = token.nbor() if token.i + 1 < len(token.doc) else token
        return following.lower_ in ("that", "whether") or any(
            c.dep_ in ("acl", "ccomp") and _that_clause(c) for c in token.children
        )


def _that_clause(verb: Token) -> bool:
    """True when the clause opens with "that" (or "whether"): a content clause, not a relative one."""
    return any(c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in verb.children)


def _intensified(token: Token) -> bool:
    """True when the intensifier modifies a following adjective of quality ("utterly absurd", not "so many")."""
    head = token.head
    return head.pos_ == "ADJ" and token.i < head.i and head.lower_ not in QUANTIFIERS


def _first_person_subject(verb: Token) -> bool:
    """True when the verb's subject is the writer: "we must", "I should"."""
    return any(c.dep_ in SUBJECTS and c.lower_ in ("i", "we") for c in verb.children)


def _phrases(words: list[str]) -> re.Pattern[str]:
    """One pattern that finds any of ``words`` (lower case) as whole words."""
    if not words:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])")
