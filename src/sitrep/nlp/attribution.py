"""Attribution component: who says each claim.

Covers reported speech ("X said that ...", "X described this pause as ..."),
"according to X", passive credits ("This was stated by X", which also credits the
sentence before), direct quotations of several sentences closed by "..., X said",
dash credits at the end of a title ("... - Volodymyr Zelenskyy"), anonymous
sources relayed by an outlet, and pronoun or role subjects ("he", "the President")
resolved to the last named person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitrep.model import Attribution
from sitrep.nlp.actors import ActorIndex
from sitrep.nlp.lexicon import Lexicons, load_lexicons
from sitrep.nlp.mentions import Findings, PersonMention, findings

QUOTE_PAIRS = re.compile(r"“[^”]{3,}?”|\"[^\"\n]{3,}?\"|«[^»]{3,}?»")
DASH_CREDIT = re.compile(r"\s[-–—]\s*([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*$")
PRONOUNS = {"he", "she", "him", "her"}


@dataclass(frozen=True)
class _Source:
    name: str
    kind: str
    via: str | None = None


class AttributionFinder:
    """Credit sentences to their sources."""

    def __init__(self, lex: Lexicons) -> None:
        self.strong = set(lex.cue_list("speech_strong"))
        self.weak = set(lex.cue_list("speech_weak"))
        self.according = sorted((p.split() for p in lex.cue_list("according_to")), key=len, reverse=True)
        self.anonymous = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in lex.cue_list("anonymous")) + r")\b")
        self.official = set(lex.cue_list("official_nouns"))
        self.document = set(lex.cue_list("document_nouns"))
        self.roles = lex.cue_list("roles")

    def __call__(self, doc: Doc) -> Doc:
        found = findings(doc)
        state = _State(doc, found, ActorIndex(doc, found))
        sents = list(doc.sents)
        found.quoted = [(m.start(), m.end()) for m in QUOTE_PAIRS.finditer(doc.text)]
        for index, sent in enumerate(sents):
            for source, cue in self._sentence_sources(state, sent):
                state.add(index, source, cue)
                if cue == "stated by" and index > 0 and sent[0].lower_ in ("this", "that", "these"):
                    state.add(index - 1, source, cue)
        self._quotes(state, sents)
        found.attributions.sort(key=lambda a: a.sentence)
        return doc

    # --- per sentence ------------------------------------------------------
    def _sentence_sources(self, state: _State, sent: Span) -> list[tuple[_Source, str]]:
        according = list(self._according(state, sent))
        if according:
            return _combine_relayed(according)
        found = []
        for token in sent:
            if state.in_quote(token.idx) or not self._is_speech(token):
                continue
            source = self._speaker(state, token)
            if source is not None:
                found.append((source, "stated by" if _is_passive_credit(token) else token.lemma_.lower()))
        dash = self._dash_credit(state, sent)
        return found + ([dash] if dash else [])

    def _is_speech(self, token: Token) -> bool:
        if token.pos_ not in ("VERB", "AUX"):
            return False
        lemma = token.lemma_.lower()
        if lemma in self.strong:
            return not (lemma == "point" and not any(c.lower_ == "out" for c in token.children))
        if lemma in self.weak:
            return any(c.dep_ in ("ccomp", "oprd") or (c.dep_ == "mark" and c.lower_ == "that") for c in token.children)
        return False

    def _according(self, state: _State, sent: Span) -> Iterator[tuple[_Source, str]]:
        lowers = [t.lower_ for t in sent]
        for i in range(len(lowers)):
            for words in self.according:
                if lowers[i : i + len(words)] != words or i + len(words) >= len(lowers):
                    continue
                obj = sent[i + len(words)]
                phrase = _phrase_from(obj)
                source = self._classify(state, phrase)
                if source is not None:
                    yield source, " ".join(words)
                break

    def _speaker(self, state: _State, verb: Token) -> _Source | None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            return self._classify(state, _np(pobj)) if pobj is not None else None
        node = verb
        for _ in range(3):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                if subj.dep_ == "nsubjpass" and subj.lower_ not in PRONOUNS:
                    return None
                return self._classify(state, _np(subj))
            if node.dep_ not in ("advcl", "xcomp", "conj", "acl") or node.head.i == node.i:
                return None
            node = node.head
        return None

    def _dash_credit(self, state: _State, sent: Span) -> tuple[_Source, str] | None:
        match = DASH_CREDIT.search(sent.text)
        if not match:
            return None
        start = sent.start_char + match.start(1)
        span = state.doc.char_span(start, sent.end_char - (len(sent.text) - match.end(1)), alignment_mode="expand")
        person = state.person_in(span) if span is not None else None
        return (_Source(person, "person"), "dash") if person else None

    # --- naming the source -------------------------------------------------
    def _classify(self, state: _State, phrase: Span | None) -> _Source | None:
        if phrase is None or not phrase.text.strip():
            return None
        lower = phrase.text.lower()
        person = state.person_in(phrase)
        root = phrase.root
        if root.lower_ in PRONOUNS:
            name = state.last_person(phrase.start)
            return _Source(name, "person") if name else None
        if self.anonymous.search(lower) and not person:
            return _Source(_clean(phrase.text), "anonymous")
        actor = state.outlet_or_body(phrase)
        if person and (actor is None or root.i in range(*state.person_range(phrase))):
            return _Source(person, "person")
        if actor is not None:
            return actor
        role = self._role(state, phrase)
        if role:
            return _Source(role, "person")
        if root.lemma_.lower() in self.official or root.lower_ in self.official:
            return _Source(_clean(phrase.text), "official_body")
        if root.lemma_.lower() in self.document:
            return _Source(_clean(phrase.text), "document")
        return None

    def _role(self, state: _State, phrase: Span) -> str | None:
        words = " ".join(t.lower_ for t in phrase if t.lower_ not in ("the", "a", "our", "this"))
        if words not in self.roles and not any(words == r or words.endswith(" " + r) for r in self.roles):
            return None
        return state.last_person(phrase.start, role=words)

    # --- quotations ----------------------------------------------------------
    def _quotes(self, state: _State, sents: list[Span]) -> None:
        for start, end in state.found.quoted:
            source = self._quote_speaker(state, sents, start, end)
            if source is None:
                continue
            for index, sent in enumerate(sents):
                if sent.start_char < end - 1 and sent.end_char > start + 1:
                    state.add(index, source, "quote")

    def _quote_speaker(self, state: _State, sents: list[Span], start: int, end: int) -> _Source | None:
        for sent in sents:
            if sent.start_char <= end - 1 < sent.end_char or sent.start_char <= start < sent.end_char:
                for token in sent:
                    if (token.idx >= end or token.idx < start) and self._is_frame_verb(token):
                        source = self._speaker(state, token)
                        if source is not None:
                            return source
        return None

    def _is_frame_verb(self, token: Token) -> bool:
        return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.strong | self.weak


class _State:
    """Per-doc lookups and the growing list of attributions."""

    def __init__(self, doc: Doc, found: Findings, actors: ActorIndex) -> None:
        self.doc, self.found, self.actors = doc, found, actors
        self.seen: set[tuple[int, str]] = set()
        self.speakers: list[tuple[int, str]] = []

    def in_quote(self, char: int) -> bool:
        return any(s < char < e for s, e in self.found.quoted)

    def add(self, index: int, source: _Source, cue: str) -> None:
        key = (index, source.name.lower())
        if key in self.seen:
            return
        self.seen.add(key)
        self.found.attributions.append(Attribution(source.name, source.kind, index, cue, source.via))
        if source.kind == "person":
            self.speakers.append((index, source.name))

    def _persons_in(self, span: Span) -> list[PersonMention]:
        return [p for p in self.found.persons if span.start <= p.start < span.end]

    def person_in(self, span: Span) -> str | None:
        people = self._persons_in(span)
        return people[0].name if people else None

    def person_range(self, span: Span) -> tuple[int, int]:
        people = self._persons_in(span)
        return (people[0].start, people[0].end) if people else (0, 0)

    def outlet_or_body(self, span: Span) -> _Source | None:
        for actor in self.found.actors:
            if span.start <= actor.start < span.end and actor.kind in ("outlet", "institution", "alliance"):
                kind = actor.source_kind or ("outlet" if actor.kind == "outlet" else "official_body")
                text = span.text if span.root.i not in range(actor.start, actor.end) and len(span) <= 8 else actor.text
                return _Source(_clean(text), kind)
        return None

    def last_person(self, before: int, role: str | None = None) -> str | None:
        candidates = [p for p in self.found.persons if p.start < before]
        if role:
            key = role.split()[-1]
            with_role = [p for p in candidates if any(key in r.lower() for r in p.roles)]
            candidates = with_role or candidates
        elif self.speakers:
            return self.speakers[-1][1]
        return candidates[-1].name if candidates else None


def _np(token: Token) -> Span:
    doc = token.doc
    return doc[token.left_edge.i : token.right_edge.i + 1]


def _phrase_from(token: Token) -> Span:
    """The noun phrase that starts at ``token`` ("Politico", "people familiar with the ...")."""
    head = token
    while (
        head.head.i != head.i
        and head.head.i >= token.i
        and head.dep_ in ("compound", "amod", "det", "nmod", "poss", "nummod")
    ):
        head = head.head
    span = _np(head)
    return span.doc[token.i : span.end] if span.start < token.i else span


def _is_passive_credit(token: Token) -> bool:
    return any(c.dep_ == "agent" for c in token.children)


def _clean(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"[\s,;:]+$", "", text)


def _combine_relayed(sources: list[tuple[_Source, str]]) -> list[tuple[_Source, str]]:
    """An anonymous source and the outlet relaying it become one attribution."""
    outlets = [s for s, _ in sources if s.kind == "outlet"]
    anonymous = [(s, c) for s, c in sources if s.kind == "anonymous"]
    if outlets and anonymous:
        return [(_Source(s.name, s.kind, outlets[0].name), c) for s, c in anonymous]
    return sources


@Language.factory(
    "sitrep_attribution", requires=["doc._.sitrep"], assigns=["doc._.sitrep"], default_config={"lexicon_dir": None}
)
def make_attribution(nlp: Language, name: str, lexicon_dir: str | None) -> AttributionFinder:
    """Factory of the attribution component."""
    return AttributionFinder(load_lexicons(lexicon_dir))
