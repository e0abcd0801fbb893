"""Attribution component: who says each claim.

Covers reported speech ("X said that ...", "X described this pause as ...",
"X shared his assessment", "X spoke about ...", "heard information from X"),
"according to X", passive credits ("This was stated by X", which also credits the
sentence before), direct quotations of several sentences closed by "..., X said",
dash and colon credits in a title ("... - Volodymyr Zelenskyy", "Zelenskyy ...:
Close the sky"), anonymous sources relayed by an outlet, pronoun subjects
resolved to the last person subject, and role names ("the President of Ukraine",
"the Head of State", "the Adviser to the Head of the Office") resolved to the
person who holds the role in the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitrep.model import Attribution
from sitrep.nlp.actors import ActorIndex
from sitrep.nlp.lexicon import Lexicons, load_lexicons
from sitrep.nlp.mentions import FLOW, ByStart, CharRanges, Findings, PersonMention, findings, text_of
from sitrep.nlp.quotations import (
    Paragraphs,
    Quotation,
    continues,
    dash_credit,
    find_quotations,
    quotations,
    speaker_turns,
)

DASH_CREDIT = re.compile(r"\s[-–—]\s*([A-Z][\w.'’-]*(?:(?:\s+(?:of|to|the|for|and|on|in))*\s+[A-Z][\w.'’-]*)*)\s*$")
PRONOUNS = {"he", "she", "him", "her"}
DEMONSTRATIVES = {"this", "that", "these", "it"}
GROUP_PRONOUNS = {"it", "they"}
ROLE_CONNECTORS = {"of", "to", "for", "in", "at", "on"}
ROLE_SKIP = {"the", "a", "an", "our", "this", "his", "her", "their", "its", "'s", "’s", "-", "also", "then", ","}
TITLE_GLUE = {"of", "the", "to", "for", "'s", "’s", "-", "in", "on"}


@dataclass(frozen=True)
class _Source:
    """A source: ``name`` resolved (the canonical name of a person), ``shown`` as the sentence names it."""

    name: str
    kind: str
    via: str | None = None
    shown: str | None = None

    @property
    def label(self) -> str:
        """The name a fact carries: as written where the sentence names the source, else the resolved name."""
        return self.shown or self.name


@dataclass(frozen=True)
class _Role:
    """A role phrase split as head words ("vice", "president") and the rest ("ukraine")."""

    head: tuple[str, ...]
    rest: frozenset[str]
    code: str | None = None


class AttributionFinder:
    """Credit sentences to their sources."""

    def __init__(self, lex: Lexicons) -> None:
        self.strong = set(lex.cue_list("speech_strong"))
        self.weak = set(lex.cue_list("speech_weak"))
        self.acts = set(lex.cue_list("speech_acts"))
        self.frames = self.strong | self.weak | set(lex.cue_list("speech_quote_frame"))
        self.objects: dict[str, list[str]] = lex.cues.get("speech_object", {})
        self.preps: dict[str, list[str]] = lex.cues.get("speech_prep", {})
        self.preps_not = set(lex.cue_list("speech_prep_not"))
        self.from_objects: dict[str, list[str]] = lex.cues.get("speech_from", {})
        self.nouns = set(lex.cue_list("speech_nouns"))
        self.according = sorted((p.split() for p in lex.cue_list("according_to")), key=len, reverse=True)
        self.anonymous = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in lex.cue_list("anonymous")) + r")\b")
        self.official = set(lex.cue_list("official_nouns"))
        self.document = set(lex.cue_list("document_nouns"))
        self.people = set(lex.cue_list("people_nouns"))
        self.outlet_nouns = set(lex.cue_list("outlet_nouns"))
        self.social = set(lex.cue_list("social_nouns")) - {"x", "telegram"}
        self.synonyms: dict[str, str] = lex.cues.get("role_synonyms", {})
        self.role_heads = {r.split()[-1] for r in lex.cue_list("roles")} | set(self.synonyms)

    def __call__(self, doc: Doc) -> Doc:
        found = findings(doc)
        found.quoted = find_quotations(text_of(doc))
        state = _State(doc, found, ActorIndex(doc, found))
        for index, sent in enumerate(state.sents):
            for source, cue in self._sentence_sources(state, sent):
                state.add(index, source, cue)
                if cue == "stated by" and index > 0 and sent[0].lower_ in DEMONSTRATIVES:
                    state.add(index - 1, source, cue)
            self._note_subject(state, index, sent)
        lines = Paragraphs(text_of(doc))
        self._quotes(state, lines)
        self._blocks(state, lines)
        found.attributions.sort(key=lambda a: a.sentence)
        return doc

    def _note_subject(self, state: _State, index: int, sent: Span) -> None:
        subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ in PRONOUNS:
            return
        source = self._classify(state, _np(subj))
        if source is not None and source.kind == "person":
            state.subjects.append((index, source.name))

    # --- per sentence ------------------------------------------------------
    def _sentence_sources(self, state: _State, sent: Span) -> list[tuple[_Source, str]]:
        according = list(self._according(state, sent))
        found: list[tuple[_Source, str]] = []
        if according:
            if any(s.kind == "anonymous" for s, _ in according):  # "Politico reported, citing people familiar"
                according += [(s, c) for s, c in self._verb_sources(state, sent) if s.kind == "outlet"]
            return _combine_relayed(according)
        found.extend(self._verb_sources(state, sent))
        credit = self._dash_credit(state, sent) or self._colon_credit(state, sent)
        return found + ([credit] if credit else [])

    def _verb_sources(self, state: _State, sent: Span) -> list[tuple[_Source, str]]:
        found = []
        for token in sent:
            if state.in_quote(token.idx):
                continue
            if self._is_frame_verb(token):
                self._speaker(state, token)  # found now, while the pools hold only what came before
            if self._is_speech(token) and not _tag_only(sent, token):
                source = self._speaker(state, token)
                if source is not None:
                    found.append((source, "stated by" if _is_passive_credit(token) else token.lemma_.lower()))
            found.extend(self._informant(state, token))
        return found

    def _is_speech(self, token: Token) -> bool:
        if token.pos_ not in ("VERB", "AUX"):
            return False
        lemma = token.lemma_.lower()
        if lemma in self.strong:
            if any(c.dep_ == "neg" for c in token.children) and not _has_clause(token):
                return False  # "cannot comment on the letter", "did not say": nothing claimed
            return not (lemma == "point" and not any(c.lower_ == "out" for c in token.children))
        if lemma in self.weak and _has_clause(token):
            return True
        if lemma in self.acts and any(c.dep_ in ("dobj", "ccomp") for c in token.children):
            return True  # "accused Moscow of ...", "condemned the strike", "dismissed the report as ..."
        if lemma == "call" and _names_as(token):
            return True  # "called the vote a sham"
        if lemma in self.weak and _is_passive_credit(token):
            return any(c.dep_ == "nsubjpass" and c.lower_ in DEMONSTRATIVES for c in token.children)
        return self._speech_object(token, lemma) or self._speech_prep(token, lemma)

    def _speech_object(self, token: Token, lemma: str) -> bool:
        """ "shared his assessment", "provided an update", "expressed hope that ..." """
        for obj in (c for c in token.children if c.dep_ == "dobj"):
            for entry in self.objects.get(lemma, []):
                word, _, clause = entry.partition(" ")
                if obj.lemma_.lower() == word or obj.lower_ == word:
                    return not clause or any(t.lower_ == "that" and t.dep_ == "mark" for t in obj.subtree)
        return False

    def _speech_prep(self, token: Token, lemma: str) -> bool:
        """ "spoke about the crimes", "updated X on the status" (not "spoke with X about")."""
        preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
        return bool(preps & set(self.preps.get(lemma, []))) and not preps & self.preps_not

    def _informant(self, state: _State, token: Token) -> Iterator[tuple[_Source, str]]:
        """ "heard information from X" and "the mention by X of ..." credit X, not the subject."""
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in self.from_objects:
            objects = [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in self.from_objects[lemma]]
            heads = [token, *objects]
            marker = "from"
        elif token.pos_ == "NOUN" and lemma in self.nouns:
            heads, marker, objects = [token], "by", []
        else:
            return
        for head in heads:
            for prep in _preps(head, marker):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                source = self._classify(state, _np(pobj)) if pobj is not None else None
                if source is not None and (marker == "by" or len(heads) > 1):
                    yield source, lemma

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
        """The verb's speaker, found once (in text order, so that pronouns see only what came before)."""
        if verb.i not in state.speaker_of:
            state.speaker_of[verb.i] = self._find_speaker(state, verb)
        return state.speaker_of[verb.i]

    def _find_speaker(self, state: _State, verb: Token) -> _Source | None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            return self._classify(state, _np(pobj)) if pobj is not None else None
        node = verb
        for _ in range(3):
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            # a quotation the parser took for a subject ("“...,” said X") is what is said, not who says it
            subj = next((c for c in subjects if not state.in_quote(c.idx)), subjects[0] if subjects else None)
            if subj is not None:
                if subj.dep_ == "nsubjpass" and subj.lower_ not in PRONOUNS:
                    return None
                return self._classify(state, _np(subj))
            if node.dep_ == "pcomp" and node.head.dep_ == "prep":  # "... by saying that", "after saying"
                node = node.head
            if node.dep_ not in ("advcl", "xcomp", "conj", "acl", "prep") or node.head.i == node.i:
                return None
            if node.dep_ == "conj" and node.head.dep_ == "ccomp":
                return None  # "noting that X is ..., and spoke": X is not the speaker
            node = node.head
        return None

    def _dash_credit(self, state: _State, sent: Span) -> tuple[_Source, str] | None:
        match = DASH_CREDIT.search(sent.text)
        if not match:
            return None
        start = sent.start_char + match.start(1)
        span = state.doc.char_span(start, sent.end_char - (len(sent.text) - match.end(1)), alignment_mode="expand")
        source = self._classify(state, span) if span is not None else None
        return (source, "dash") if source is not None and source.kind == "person" else None

    def _colon_credit(self, state: _State, sent: Span) -> tuple[_Source, str] | None:
        """A title that opens with a person and a colon: "Zelenskyy after the strike: Close the sky"."""
        colon = next((t for t in sent if t.text == ":"), None)
        if colon is None or colon.i - sent.start > 14 or colon.i == sent.end - 1:
            return None
        prefix = state.doc[sent.start : colon.i]
        if any(t.pos_ in ("VERB", "AUX") for t in prefix):
            return None
        person = next(iter(state.persons.between(sent.start, min(sent.start + 4, colon.i))), None)
        return (_Source(person.name, "person", shown=person.text), "colon") if person is not None else None

    # --- naming the source -------------------------------------------------
    def _classify(self, state: _State, phrase: Span | None) -> _Source | None:
        if phrase is None or not phrase.text.strip():
            return None
        lower = phrase.text.lower()
        mention = state.mention_in(phrase)
        person = mention.name if mention else None
        if person and all(w in self.role_heads for w in person.lower().split()):
            person = None  # a title the NER took for a name ("the Adviser")
        root = phrase.root
        if root.lower_ in PRONOUNS:
            name = state.outer_speaker(root) or state.pronoun_person(phrase.start)
            return _Source(name, "person") if name else None
        if root.lower_ in GROUP_PRONOUNS:
            return state.pronoun_body(phrase.start)
        if self.anonymous.search(lower) and not person:
            return _Source(_clean(phrase.text), "anonymous")
        actor = state.outlet_or_body(phrase)
        is_role = self._is_role_word(root)
        if person and (actor is None or is_role or root.i in range(*state.person_range(phrase))):
            return _Source(person, "person", shown=mention.text if mention else None)
        role = self._role_person(state, phrase) if is_role else None
        if role:
            return _Source(role, "person")
        if actor is not None:
            return actor
        if root.lemma_.lower() in self.official or root.lower_ in self.official:
            return _Source(_clean(phrase.text), "official_body")
        return self._by_head_noun(state, phrase)

    def _by_head_noun(self, state: _State, phrase: Span) -> _Source | None:
        """A source named by a common noun: "the newspaper", "a leaked memo", "his post"."""
        lemma = phrase.root.lemma_.lower()
        for kind, nouns in (("outlet", self.outlet_nouns), ("social_media", self.social), ("document", self.document)):
            if lemma in nouns:
                return _Source(_clean(_head_phrase(phrase).text), kind)
        return self._unlisted(state, phrase)

    def _unlisted(self, state: _State, phrase: Span) -> _Source | None:
        """A source no lexicon lists: a proper name, a state, a group or role of unnamed people."""
        root = phrase.root
        if root.pos_ == "PROPN":
            name = _proper_name(root)
            body = _body_name(root, name) or state.is_place(root.i)  # "Kyiv said": the government seated there
            return _Source(name, "official_body" if body else "person")
        actor = state.actors.actor_at.get(root.i)
        if actor is not None and actor.kind == "state":
            return _Source(_clean(actor.text), "official_body")
        if root.lemma_.lower() in self.people or root.lower_ in self.people or self._is_role_word(root):
            return _Source(_clean(_head_phrase(phrase).text), "anonymous")
        return None

    def _is_role_word(self, token: Token) -> bool:
        return token.lower_ in self.role_heads or token.lemma_.lower() in self.role_heads

    # --- roles ("the President of Ukraine") ----------------------------------
    def _role_of(self, state: _State, tokens: Span | list[Token]) -> _Role | None:
        words: list[str] = []
        code = None
        for token in tokens:
            actor = state.actors.actor_at.get(token.i)
            if actor is not None and actor.code and actor.kind in ("state", "demonym"):
                code = code or actor.code
            elif not token.is_punct or token.text == "-":
                words.append(token.lower_)
        return self._role_from_words(words, code)

    def _role_from_words(self, words: list[str], code: str | None) -> _Role | None:
        text = " ".join(w for w in words if w not in ROLE_SKIP)
        for word, canon in self.synonyms.items():
            text = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", canon, text)
        parts = text.split()
        cut = next((i for i, w in enumerate(parts) if w in ROLE_CONNECTORS), len(parts))
        if not cut or parts[cut - 1] not in self.role_heads:
            return None
        return _Role(tuple(parts[:cut]), frozenset(w for w in parts[cut:] if w not in ROLE_CONNECTORS), code)

    def _role_person(self, state: _State, phrase: Span) -> str | None:
        query = self._role_of(state, phrase)
        if query is None:
            return None
        roles = self._person_roles(state)
        names = [name for name, held in roles.items() if _role_fits(query, held, state.code(name))]
        return state.choose(names, phrase.start)

    def _person_roles(self, state: _State) -> dict[str, list[_Role]]:
        """Every role each person holds, once each: from the lexicon and from titles before the name."""
        if state.roles is None:
            roles: dict[str, dict[_Role, None]] = {}
            for person in state.found.persons:
                held = [self._role_from_words(_split_title(r), None) for r in person.roles]
                held.append(self._role_of(state, _title_before(state.doc, person)))
                roles.setdefault(person.name, {}).update((r, None) for r in held if r is not None)
            state.roles = {name: list(held_once) for name, held_once in roles.items()}
        return state.roles

    # --- quotations ----------------------------------------------------------
    def _quotes(self, state: _State, lines: Paragraphs) -> None:
        last: tuple[Quotation, _Source] | None = None
        for quote in quotations(lines, state.found.quoted):
            source = self._quote_speaker(state, quote.start, quote.end) or self._dash_after(state, lines, quote)
            if source is None and last is not None and continues(lines, quote, last[0]):
                source = last[1]
            last = (quote, source) if source is not None else None
            if source is None:
                continue
            for index in state.sentences_across(quote.start + 1, quote.end - 1):
                state.add(index, source, "quote")

    def _blocks(self, state: _State, lines: Paragraphs) -> None:
        """Paragraphs credited as a whole: the one after "He added:" and a transcript's "SMITH: ..." turns."""
        for sent in state.sents:
            text = sent.text.rstrip()
            if not text.endswith(":") or lines.text[sent.start_char + len(text) :].split("\n", 1)[0].strip():
                continue
            verbs = (t for t in sent if t.i in state.speaker_of and state.speaker_of[t.i] is not None)
            verb = next(verbs, None)
            following = lines.next_with_text(lines.index(sent.start_char))
            if verb is not None and following is not None:
                source = state.speaker_of[verb.i]
                assert source is not None
                for n in state.sentences_across(*lines.bounds(following)):
                    state.add(n, source, "block")
        for name, (start, end) in speaker_turns(lines):
            for n in state.sentences_across(start, end):
                state.add(n, _Source(name, "person"), "turn")

    def _quote_speaker(self, state: _State, start: int, end: int) -> _Source | None:
        """The speaker of a verb of saying next to the quotation, in a sentence it touches or in the
        one that follows it on its line (“Is this right?” | she asked.)."""
        text = text_of(state.doc)
        after = len(text[end:]) - len(text[end:].lstrip(" \t"))
        for index in state.sentences_holding(start, end - 1, end + after):
            for token in state.sents[index]:
                if (token.idx >= end or token.idx < start) and self._is_frame_verb(token):
                    source = self._speaker(state, token)
                    if source is not None:
                        return source
        return None

    def _dash_after(self, state: _State, lines: Paragraphs, quote: Quotation) -> _Source | None:
        """ "“How did we get here?” ― Jane Doe": the name after a dash credits the quotation."""
        chars = dash_credit(lines.text, quote)
        span = state.doc.char_span(*chars, alignment_mode="expand") if chars else None
        source = self._classify(state, span) if span is not None else None
        return source if source is not None and source.kind == "person" else None

    def _is_frame_verb(self, token: Token) -> bool:
        return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.frames


class _Pool:
    """Names noted per sentence (speakers, subjects), in the order they were noted."""

    def __init__(self) -> None:
        self.noted: list[tuple[int, str]] = []
        self._by_sentence: dict[int, list[tuple[int, str]]] = {}

    def append(self, entry: tuple[int, str]) -> None:
        self._by_sentence.setdefault(entry[0], []).append((len(self.noted), entry[1]))
        self.noted.append(entry)

    def recent(self, here: int) -> list[str]:
        """Names from the three sentences before sentence ``here``, latest noted first."""
        found = [e for index in range(here - 3, here) for e in self._by_sentence.get(index, ())]
        return [name for _, name in sorted(found, reverse=True)]


class _State:
    """Per-doc lookups and the growing list of attributions."""

    def __init__(self, doc: Doc, found: Findings, actors: ActorIndex) -> None:
        self.doc, self.found, self.actors = doc, found, actors
        self.sents = list(doc.sents)
        self.sent_at = {s.start: i for i, s in enumerate(self.sents)}
        self._sent_chars = ([s.start_char for s in self.sents], [s.end_char for s in self.sents])
        self.quotes = CharRanges(found.quoted)
        self.persons = ByStart(found.persons)
        self._actors_at = ByStart(found.actors)
        self._names: dict[str, ByStart[tuple[int, PersonMention]]] = {}
        self.seen: set[tuple[int, str]] = set()
        self.speakers = _Pool()
        self.subjects = _Pool()
        self.bodies = _Pool()
        self.speaker_of: dict[int, _Source | None] = {}
        self._place_tokens: set[int] | None = None
        self.body_sources: dict[str, _Source] = {}
        self.roles: dict[str, list[_Role]] | None = None

    def in_quote(self, char: int) -> bool:
        return self.quotes.holds_inside(char)

    def sentences_across(self, first: int, last: int) -> range:
        """Indexes of the sentences that end after character ``first`` and start before ``last``."""
        starts, ends = self._sent_chars
        return range(bisect_right(ends, first), bisect_left(starts, last))

    def sentences_holding(self, *chars: int) -> list[int]:
        """Indexes of the sentences that hold any of ``chars``, in text order."""
        starts, ends = self._sent_chars
        found = {bisect_right(starts, c) - 1 for c in chars}
        return sorted(i for i in found if i >= 0 and any(starts[i] <= c < ends[i] for c in chars))

    def add(self, index: int, source: _Source, cue: str) -> None:
        key = (index, source.name.lower())
        if key in self.seen:
            return
        self.seen.add(key)
        self.found.attributions.append(Attribution(source.label, source.kind, index, cue, source.via))
        if source.kind == "person":
            self.speakers.append((index, source.name))
        else:
            self.bodies.append((index, source.name))
            self.body_sources[source.name] = source

    def _persons_in(self, span: Span) -> list[PersonMention]:
        return self.persons.between(span.start, span.end)

    def mention_in(self, span: Span) -> PersonMention | None:
        people = self._persons_in(span)
        return people[0] if people else None

    def person_range(self, span: Span) -> tuple[int, int]:
        people = self._persons_in(span)
        return (people[0].start, people[0].end) if people else (0, 0)

    def code(self, name: str) -> str | None:
        return self.actors.person_codes.get(name)

    def outlet_or_body(self, span: Span) -> _Source | None:
        for actor in self._actors_at.between(span.start, span.end):
            if actor.kind in ("outlet", "institution", "alliance"):
                kind = actor.source_kind or ("outlet" if actor.kind == "outlet" else "official_body")
                text = span.text if span.root.i not in range(actor.start, actor.end) and len(span) <= 8 else actor.text
                return _Source(_clean(text), kind)
        return None

    def _recent(self, before: int, pool: _Pool) -> list[str]:
        """Names in ``pool`` from the three sentences before the one holding token ``before``, latest first."""
        return pool.recent(self.sent_at[self.doc[before].sent.start])

    def pronoun_person(self, before: int) -> str | None:
        """The subject of a recent sentence, else the last speaker, else the last person named."""
        recent = self._recent(before, self.subjects) + self._recent(before, self.speakers)
        if recent:
            return recent[0]
        if self.speakers.noted:
            return self.speakers.noted[-1][1]
        candidate = self.persons.last_before(before)
        return candidate.name if candidate else None

    def outer_speaker(self, pronoun: Token) -> str | None:
        """The person whose words hold the pronoun: "Trump said [he believes ...]" -> Trump."""
        node = pronoun.head
        for _ in range(4):
            if node.dep_ == "ccomp" and node.head.i in self.speaker_of:
                outer = self.speaker_of[node.head.i]
                return outer.name if outer is not None and outer.kind == "person" else None
            if node.head.i == node.i or node.dep_ not in ("ccomp", "conj", "xcomp", "advcl"):
                return None
            node = node.head
        return None

    def is_place(self, i: int) -> bool:
        """Whether token ``i`` is part of a named place."""
        if self._place_tokens is None:
            self._place_tokens = {t for p in self.found.places for t in range(p.start, p.end)}
        return i in self._place_tokens

    def pronoun_body(self, before: int) -> _Source | None:
        """ "it" or "they": the body, outlet, document or group credited in the three sentences before."""
        recent = self._recent(before, self.bodies)
        return self.body_sources[recent[0]] if recent else None

    def choose(self, names: list[str], at: int) -> str | None:
        """The role holder: a recent subject or speaker, else the home side's, else the nearest mention."""
        if len(names) <= 1:
            return names[0] if names else None
        recent = [n for n in self._recent(at, self.subjects) + self._recent(at, self.speakers) if n in names]
        if recent:
            return recent[0]
        home = [n for n in names if self.code(n) and self.code(n) == self.actors.home]
        if len(home) == 1:
            return home[0]
        before = [hit for n in names if (hit := self._named(n).last_before(at))]
        after = [hit for n in names if (hit := self._named(n).first_from(at))]
        return max(before)[1].name if before else (min(after)[1].name if after else None)

    def _named(self, name: str) -> ByStart[tuple[int, PersonMention]]:
        """The mentions of one person, each with its place in ``found.persons``."""
        if not self._names:
            grouped: dict[str, list[tuple[int, PersonMention]]] = {}
            for n, person in enumerate(self.found.persons):
                grouped.setdefault(person.name, []).append((n, person))
            self._names = {key: ByStart(mentions, lambda e: e[1].start) for key, mentions in grouped.items()}
        return self._names.get(name) or ByStart([])


def _role_fits(query: _Role, held: list[_Role], code: str | None) -> bool:
    """A role query fits a person when one held role has the same head and all extra words are known."""
    if query.code and code and query.code != code:
        return False
    known = {w for r in held for w in r.head} | {w for r in held for w in r.rest}
    for role in held:
        if role.head[-1] != query.head[-1] or not set(role.head[:-1]) <= set(query.head) | query.rest:
            continue
        if set(query.head[:-1]) <= known and query.rest <= known:
            return not (query.code and not code and role.code != query.code)
    return False


def _split_title(title: str) -> list[str]:
    return title.lower().replace("’s", " 's").replace("'s", " 's").split()


def _title_before(doc: Doc, person: PersonMention) -> list[Token]:
    """The title right before a name: "Adviser to the Head of the Office of the President [Oleksiy Arestovych]"."""
    i = person.start - 1
    sent_start = doc[person.start].sent.start
    while i >= sent_start and person.start - i <= 12:
        tok = doc[i]
        if not (tok.lower_ in TITLE_GLUE or (tok.is_title and tok.pos_ in ("PROPN", "NOUN", "ADJ"))):
            break
        i -= 1
    return list(doc[i + 1 : person.start])


def _names_as(verb: Token) -> bool:
    """ "called X a Y": an object and what it is called (not "called on", "called for", "called him")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and any(c.dep_ in ("oprd", "xcomp", "attr") for c in (*verb.children, *objects[0].children))


def _tag_only(sent: Span, verb: Token) -> bool:
    """A sentence that is only a speech tag ("Clinton said.", "He added:"): what is said stands in another."""
    if any(c.dep_ in ("ccomp", "dobj", "xcomp", "oprd", "dative") for c in verb.children):
        return False
    words = [t for t in sent if not t.is_punct and not t.is_space]
    return len(words) <= 6 and not any(t.is_quote for t in sent)


def _has_clause(token: Token) -> bool:
    """The verb takes a clause ("said that ..."); a "that" on a verb that is itself a clause does not count."""
    embedded = token.dep_ in ("ccomp", "advcl", "relcl", "acl")
    return any(
        c.dep_ in ("ccomp", "oprd") or (c.dep_ == "mark" and c.lower_ == "that" and not embedded)
        for c in token.children
    )


def _preps(head: Token, marker: str) -> list[Token]:
    """Prepositions ``marker`` under ``head``, or right after it ("the mention once again by X")."""
    found = [c for c in head.children if c.dep_ in ("prep", "agent") and c.lower_ == marker]
    if found or head.pos_ != "NOUN":
        return found
    for token in head.doc[head.i + 1 : head.i + 5]:
        if token.lower_ == marker:
            return [token]
        if token.pos_ not in ("ADV", "ADJ"):
            break
    return []


def _np(token: Token) -> Span:
    doc = token.doc
    return doc[token.left_edge.i : token.right_edge.i + 1]


def _proper_name(root: Token) -> str:
    """The run of proper nouns that ends at ``root`` ("Rep. Jason Chaffetz")."""
    start = root.i
    while start > 0 and root.doc[start - 1].pos_ == "PROPN" and root.doc[start - 1].head.i == root.i:
        start -= 1
    return _clean(root.doc[start : root.i + 1].text)


def _body_name(root: Token, name: str) -> bool:
    """A proper name that names a body: a state, a people, or an organisation of several words or initials
    (the small model takes many lone surnames for organisations, so one plain word is a person)."""
    if root.ent_type_ in ("GPE", "NORP"):
        return True
    return root.ent_type_ in ("ORG", "FAC") and (" " in name or name.isupper())


def _head_phrase(phrase: Span) -> Span:
    """The phrase cut before a comma, an apposition or a clause that describes its head."""
    root = phrase.root
    cut = [c.left_edge.i for c in root.rights if c.dep_ in ("relcl", "acl", "appos", "punct")]
    end = min([phrase.end, *cut])
    return phrase.doc[phrase.start : max(end, root.i + 1)]


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
        return [(_Source(s.name, s.kind, outlets[0].label, s.shown), c) for s, c in anonymous]
    return sources


@Language.factory(
    "sitrep_attribution",
    requires=FLOW["sitrep_attribution"].requires,
    assigns=FLOW["sitrep_attribution"].assigns,
    default_config={"lexicon_dir": None},
)
def make_attribution(nlp: Language, name: str, lexicon_dir: str | None) -> AttributionFinder:
    """Factory of the attribution component."""
    return AttributionFinder(load_lexicons(lexicon_dir))
