"""Attribution component: who says each claim.

Covers reported speech with the verbs news uses ("X said that ...", "X warned ...", "the study
found that ...", "X accused Y of ...", "X called Y a Z", "X described this pause as ...",
"X shared his assessment", "heard information from X"), "according to X", passive credits
("This was stated by X", which also credits the sentence before), quotations (see
``quotations``: every sentence of a quotation, the quoted paragraphs that continue it, a dash
credit after it, the paragraph after "X continued:", transcript turns), dash and colon credits
in a title, anonymous sources relayed by an outlet, and sources of every kind: people, bodies,
outlets, documents, posts and unnamed people, named or resolved (see ``sources``). A named source
is given as the sentence writes it; a pronoun, title or role is resolved to the person or body
named before it. Bylines, reporting credits and captions are left out (``creditlines``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitrep.nlp.actors import ActorIndex
from sitrep.nlp.creditlines import credit_line
from sitrep.nlp.cuesets import load_cues
from sitrep.nlp.lexicon import Lexicons, load_lexicons
from sitrep.nlp.mentions import FLOW, findings, text_of
from sitrep.nlp.quotations import (
    Paragraphs,
    Quotation,
    continues,
    dash_credit,
    find_quotations,
    quotations,
    speaker_turns,
)
from sitrep.nlp.sources import (
    AGENT_NOUN,
    PRONOUNS,
    Role,
    Source,
    SpeakerState,
    antecedent,
    body_name,
    clean_name,
    head_phrase,
    is_dateline,
    names_a_document,
    news_reports,
    noun_phrase,
    phrase_from,
    proper_name,
    role_fits,
    split_title,
    title_before,
)
from sitrep.nlp.speakerrepairs import SpeakerRepairs
from sitrep.nlp.speechcues import AttributionCues
from sitrep.nlp.speechnouns import SpeechNouns
from sitrep.nlp.speechverbs import DEMONSTRATIVES, SpeechVerbs, is_passive_credit, tag_only

DASH_CREDIT = re.compile(r"\s[-–—]\s*([A-Z][\w.'’-]*(?:(?:\s+(?:of|to|the|for|and|on|in))*\s+[A-Z][\w.'’-]*)*)\s*$")
# Grammar, not lexicon: the pronouns that stand for a body, and the quantifiers that stand for a share of
# people ("some say", "many of his supporters believe").
GROUP_PRONOUNS = {"it", "they"}
QUANTIFIERS = {"some", "many", "most", "few", "several", "others", "all", "each", "both"}
# Grammar of a role phrase: the prepositions that join its head to the rest ("adviser to the head of ..."),
# and the articles, possessives and fillers dropped before comparing roles.
ROLE_CONNECTORS = {"of", "to", "for", "in", "at", "on"}
ROLE_SKIP = {"the", "a", "an", "our", "this", "his", "her", "their", "its", "'s", "’s", "-", "also", "then", ","}


class AttributionFinder(SpeakerRepairs):
    """Credit sentences to their sources."""

    def __init__(self, lex: Lexicons) -> None:
        cues = load_cues(AttributionCues, lex)
        self.verbs = SpeechVerbs(cues)
        self.claims = SpeechNouns(cues)
        self.frames = set(cues.speech_strong) | set(cues.speech_weak) | set(cues.speech_quote_frame)
        self.from_objects = cues.speech_from
        self.nouns = set(cues.speech_nouns)
        self.according = sorted((p.split() for p in cues.according_to), key=len, reverse=True)
        self.according_by_first: dict[str, list[list[str]]] = {}  # longest first, looked up by first word
        for words in self.according:
            self.according_by_first.setdefault(words[0], []).append(words)
        self.anonymous = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in cues.anonymous) + r")\b")
        self.official = set(cues.official_nouns)
        self.document = set(cues.document_nouns)
        self.people = set(cues.people_nouns)
        self.outlet_nouns = set(cues.outlet_nouns)
        self.label_words = set(cues.title_labels)
        self.body_words = self.official | self.outlet_nouns | set(cues.body_name_words)
        # "X" and "Telegram" name a platform but also a letter and a message: never a source by the noun alone
        self.social = set(cues.social_nouns) - {"x", "telegram"}
        self.synonyms = cues.role_synonyms
        self.role_heads = {r.split()[-1] for r in cues.roles} | set(self.synonyms)
        self.leader_roles = {tuple(r.split()) for r in cues.leader_roles}
        # nouns that carry what someone says: "tweets criticizing X", "a statement calling X a Y"
        self.speech_bearers = self.document | self.social | set(cues.speech_nouns) | set(cues.speech_event_nouns)
        self.event_nouns = set(cues.speech_nouns) | set(cues.speech_event_nouns)

    def __call__(self, doc: Doc) -> Doc:
        found = findings(doc)
        found.quoted = find_quotations(text_of(doc))
        state = SpeakerState(doc, found, ActorIndex(doc, found))
        lines = Paragraphs(text_of(doc))
        credits: dict[int, bool] = {}  # per line: a paragraph's sentences share one verdict
        state.skipped = {i for i, sent in enumerate(state.sents) if credit_line(lines, sent, credits)}
        for index, sent in enumerate(state.sents):
            for source, cue in self._sentence_sources(state, sent):
                state.add(index, source, cue)
                if cue == "stated by" and index > 0 and sent[0].lower_ in DEMONSTRATIVES:
                    state.add(index - 1, source, cue)
                if cue == "colon" and not lines.text[: sent.start_char].strip():  # the title line, all of it:
                    line_end = lines.bounds(lines.index(sent.start_char))[1]  # "Limbaugh: Hillary Asking ... Fear."
                    for later in state.sentences_across(sent.end_char, line_end):
                        state.add(later, source, cue)
            self._note_subject(state, index, sent)
        self._quotes(state, lines)
        self._blocks(state, lines)
        found.attributions.sort(key=lambda a: a.sentence)
        return doc

    def _note_subject(self, state: SpeakerState, index: int, sent: Span) -> None:
        subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ in PRONOUNS:
            return
        source = self._classify(state, noun_phrase(subj))
        if source is not None and source.kind == "person":
            state.subjects.append((index, source.name))
            self._note_people(state, index, subj)
        elif source is not None:
            state.note_group(index, source, subj.tag_ in ("NNS", "NNPS"))

    # --- per sentence ------------------------------------------------------
    def _sentence_sources(self, state: SpeakerState, sent: Span) -> list[tuple[Source, str]]:
        according = list(self._according(state, sent))
        found: list[tuple[Source, str]] = []
        if according and all(c == "citing" for _, c in according) and all(s.kind != "anonymous" for s, _ in according):
            according = []  # "X said, citing the ruling": X speaks and cites evidence (unlike "citing people familiar")
        if according:
            if any(s.kind == "anonymous" for s, _ in according):  # "Politico reported, citing people familiar"
                according += [(s, c) for s, c in self._verb_sources(state, sent) if s.kind == "outlet"]
            return _combine_relayed(according)
        found.extend(self._verb_sources(state, sent))
        credit = self._dash_credit(state, sent) or self._colon_credit(state, sent)
        return found + ([credit] if credit else [])

    def _verb_sources(self, state: SpeakerState, sent: Span) -> list[tuple[Source, str]]:
        found = []
        for token in sent:
            if state.in_quote(token.idx):
                continue
            if self._is_frame_verb(token):
                self._speaker(state, token)  # found now, while the pools hold only what came before
            if self.verbs.is_speech(token) and not tag_only(sent, token):
                source = self._speaker(state, token)
                outer = self.verbs.outer_speech(token)  # "X said the study found ...": X's claim, not the study's
                said_by = self._speaker(state, outer) if outer is not None else None
                if source is not None and (said_by is None or said_by.name == source.name):
                    found.append((source, "stated by" if is_passive_credit(token) else token.lemma_.lower()))
            found.extend(self._informant(state, token))
        return found + self._noun_sources(state, sent)

    def _noun_sources(self, state: SpeakerState, sent: Span) -> list[tuple[Source, str]]:
        """ "Kyiv's claim that ...": the owner of a claim named by a noun; "In a statement, X ...": X."""
        found = []
        for token in sent:
            owner = self.claims.owner(token) if not state.in_quote(token.idx) else None
            source = self._classify(state, state.doc[owner.left_edge.i : owner.i + 1]) if owner is not None else None
            if source is not None:
                found.append((source, token.lemma_.lower()))
        verb = self.claims.framed(sent)
        source = self._speaker(state, verb) if verb is not None and not state.in_quote(verb.idx) else None
        return found + ([(source, "in a statement")] if source is not None else [])

    def _informant(self, state: SpeakerState, token: Token) -> Iterator[tuple[Source, str]]:
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
                source = self._classify(state, noun_phrase(pobj)) if pobj is not None else None
                if source is not None and (marker == "by" or len(heads) > 1):
                    yield source, lemma

    def _according(self, state: SpeakerState, sent: Span) -> Iterator[tuple[Source, str]]:
        lowers = [t.lower_ for t in sent]
        for i in range(len(lowers)):
            for words in self.according_by_first.get(lowers[i], ()):
                if lowers[i : i + len(words)] != words or i + len(words) >= len(lowers):
                    continue
                obj = sent[i + len(words)]
                phrase = phrase_from(obj)
                source = self._classify(state, phrase)
                if source is None and len(words) > 1 and names_a_document(phrase):
                    source = Source(clean_name(head_phrase(phrase).text), "document")  # "according to the data"
                if source is not None:
                    yield source, " ".join(words)
                break

    def _speaker(self, state: SpeakerState, verb: Token) -> Source | None:
        """The verb's speaker, found once (in text order, so that pronouns see only what came before)."""
        if verb.i not in state.speaker_of:
            state.speaker_of[verb.i] = self._find_speaker(state, verb)
        return state.speaker_of[verb.i]

    def _find_speaker(self, state: SpeakerState, verb: Token) -> Source | None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            return self._classify(state, noun_phrase(pobj)) if pobj is not None else None
        if self._is_frame_verb(verb) and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            tagged = self._tag_words(state, verb)
            if tagged is not None:
                return tagged
        node = verb
        for _ in range(3):
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if len(subjects) > 1:  # "..., which critics say harms farms": the relative pronoun is what is said
                subjects = [c for c in subjects if c.tag_ not in ("WDT", "WP")] or subjects
            # a quotation the parser took for a subject ("“...,” said X") is what is said, not who says it
            subj = next((c for c in subjects if not state.in_quote(c.idx)), subjects[0] if subjects else None)
            if subj is not None:
                if subj.dep_ == "nsubjpass" and subj.lower_ not in PRONOUNS:
                    return None
                return self._classify(state, antecedent(subj, node) or noun_phrase(subj))
            if node.dep_ == "pcomp" and node.head.dep_ == "prep":  # "... by saying that", "after saying"
                node = node.head
            if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN"):
                return self._noun_speaker(state, node)
            if node.dep_ not in ("advcl", "xcomp", "conj", "acl", "prep", "acomp") or node.head.i == node.i:
                return None
            if node.dep_ == "conj" and node.head.dep_ == "ccomp":
                return None  # "noting that X is ..., and spoke": X is not the speaker
            node = node.head
        return None

    def _dash_credit(self, state: SpeakerState, sent: Span) -> tuple[Source, str] | None:
        match = DASH_CREDIT.search(sent.text)
        if not match:
            return None
        start = sent.start_char + match.start(1)
        span = state.doc.char_span(start, sent.end_char - (len(sent.text) - match.end(1)), alignment_mode="expand")
        source = self._classify(state, span) if span is not None else None
        return (source, "dash") if source is not None and source.kind == "person" else None

    def _colon_credit(self, state: SpeakerState, sent: Span) -> tuple[Source, str] | None:
        """A title that opens with a person and a colon: "Zelenskyy after the strike: Close the sky"."""
        colon = next((t for t in sent if t.text == ":"), None)
        if colon is None or colon.i - sent.start > 14 or colon.i == sent.end - 1:
            return None
        prefix = state.doc[sent.start : colon.i]
        if any(t.pos_ in ("VERB", "AUX") for t in prefix):
            return None
        person = next(iter(state.persons.between(sent.start, min(sent.start + 4, colon.i))), None)
        if person is not None:
            return Source(person.name, "person", shown=person.text), "colon"
        return self._label_credit(state, prefix)

    def _label_credit(self, state: SpeakerState, prefix: Span) -> tuple[Source, str] | None:
        """A short name before a title's colon: "Rush Limbaugh: ...", "Poll: ..." (not "The Latest: ...")."""
        if not 1 <= len(prefix) <= 4 or any(t.pos_ not in ("PROPN", "NOUN") for t in prefix):
            return None
        if any(t.lower_ in self.label_words for t in prefix):
            return None
        source = self._classify(state, prefix)
        return (source, "colon") if source is not None and source.kind != "anonymous" else None

    # --- naming the source -------------------------------------------------
    def _classify(self, state: SpeakerState, phrase: Span | None) -> Source | None:
        if phrase is None or not phrase.text.strip():
            return None
        lower = phrase.text.lower()
        mention = state.mention_in(phrase)
        person = mention.name if mention else None
        if person and all(w in self.role_heads for w in person.lower().split()):
            person = None  # a title the NER took for a name ("the Adviser")
        root = phrase.root
        if is_dateline(root):  # "PARIS -- The minister said ...": the place the story was filed from is no one
            rest = state.doc[root.i + 2 : phrase.end]  # the parser may have taken "-- The minister" into the phrase
            return self._classify(state, rest) if len(rest) and rest.root.i != root.i else None
        if root.pos_ == "PROPN" and len(head_phrase(phrase)) < len(phrase):
            return self._classify(state, head_phrase(phrase))  # "Christie, who campaigned for the GOP, ...": the name
        if root.lower_.strip("\"“”'‘’") in PRONOUNS:
            name = state.outer_speaker(root) or state.pronoun_person(phrase.start)
            return Source(name, "person", written=phrase.text.strip(' "“”')) if name else None
        if root.lower_ in GROUP_PRONOUNS:
            body = state.pronoun_body(phrase.start, plural=root.lower_ == "they")
            return dataclasses.replace(body, written=phrase.text.strip()) if body is not None else None
        if self.anonymous.search(lower) and not person:
            return Source(clean_name(phrase.text), "anonymous")
        if root.lower_ in QUANTIFIERS and root.pos_ in ("PRON", "ADJ", "DET", "NOUN"):
            return self._part_of(state, phrase)
        actor = state.outlet_or_body(phrase)
        is_role = self._is_role_word(root)
        named = range(*state.person_range(phrase))
        in_apposition = any(c.dep_ == "appos" and c.i in named for c in root.children)  # "an RT host, Jo Li,"
        if person and (actor is None or is_role or root.i in named or in_apposition):
            return Source(person, "person", shown=mention.text if mention else None)
        role = self._role_person(state, phrase) if is_role else None
        if role:
            return Source(role, "person", written=phrase.text.strip())
        if actor is not None:
            return actor
        if root.lemma_.lower() in self.official or root.lower_ in self.official:
            return Source(clean_name(phrase.text), "official_body")
        return self._by_head_noun(state, phrase)

    def _part_of(self, state: SpeakerState, phrase: Span) -> Source | None:
        """ "Many of his supporters", "some": a share of a group speaks as that group would (unnamed people
        when no group is named)."""
        of = next((c for c in phrase.root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            return Source(clean_name(phrase.text), "anonymous")
        group = self._classify(state, noun_phrase(pobj))
        return Source(clean_name(phrase.text), group.kind) if group is not None else None

    def _by_head_noun(self, state: SpeakerState, phrase: Span) -> Source | None:
        """A source named by a common noun: "the newspaper", "a leaked memo", "his post"."""
        root = phrase.root
        lemma = root.lemma_.lower()
        if news_reports(root):  # "according to reports", "media reports said": the press, not one document
            return Source(clean_name(head_phrase(phrase).text), "outlet")
        if lemma in self.outlet_nouns and any(c.lower_ == "the" for c in root.children):
            named = state.last_outlet(phrase.start)  # "the paper" after "The Daily Star reported": that outlet
            if named is not None:
                return dataclasses.replace(named, written=phrase.text.strip())
        for kind, nouns in (("outlet", self.outlet_nouns), ("social_media", self.social), ("document", self.document)):
            if lemma in nouns:
                if kind == "social_media" and root.pos_ == "PROPN":
                    kind = "official_body"  # "..., Facebook announced": the company speaks, not a post on it
                return Source(clean_name(head_phrase(phrase).text), kind)
        return self._unlisted(state, phrase)

    def _unlisted(self, state: SpeakerState, phrase: Span) -> Source | None:
        """A source no lexicon lists: a proper name, a state, a group or role of unnamed people."""
        root = phrase.root
        if root.pos_ == "PROPN":
            name = proper_name(root)
            # a named place ("Kyiv said") speaks for the government seated there
            body = body_name(root, name, self.body_words) or state.is_place(root.i)
            return Source(name, "official_body" if body else "person")
        actor = state.actors.actor_at.get(root.i)
        if actor is not None and actor.kind == "state":
            return Source(clean_name(actor.text), "official_body")
        if root.lemma_.lower() in self.people or root.lower_ in self.people or self._is_role_word(root):
            return Source(clean_name(head_phrase(phrase).text), "anonymous")
        owned = any(c.dep_ == "poss" for c in root.children)  # "Kyiv's lead negotiator": one person, unnamed here
        if root.pos_ == "NOUN" and not owned and AGENT_NOUN.search(root.lemma_.lower()):  # "the announcer"
            return Source(clean_name(head_phrase(phrase).text), "anonymous")
        return None

    def _is_role_word(self, token: Token) -> bool:
        return token.lower_ in self.role_heads or token.lemma_.lower() in self.role_heads

    # --- roles ("the President of Ukraine") ----------------------------------
    def _role_of(self, state: SpeakerState, tokens: Span | list[Token]) -> Role | None:
        words: list[str] = []
        code = None
        for token in tokens:
            actor = state.actors.actor_at.get(token.i)
            if actor is not None and actor.code and actor.kind in ("state", "demonym"):
                code = code or actor.code
            elif not token.is_punct or token.text == "-":
                words.append(token.lower_)
        return self._role_from_words(words, code)

    def _role_from_words(self, words: list[str], code: str | None) -> Role | None:
        text = " ".join(w for w in words if w not in ROLE_SKIP)
        for word, canon in self.synonyms.items():
            text = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", canon, text)
        parts = text.split()
        cut = next((i for i, w in enumerate(parts) if w in ROLE_CONNECTORS), len(parts))
        if not cut or parts[cut - 1] not in self.role_heads:
            return None
        return Role(tuple(parts[:cut]), frozenset(w for w in parts[cut:] if w not in ROLE_CONNECTORS), code)

    def _role_person(self, state: SpeakerState, phrase: Span) -> str | None:
        query = self._role_of(state, phrase)
        if query is None:
            return None
        roles = self._person_roles(state)
        names = [name for name, held in roles.items() if role_fits(query, held, state.code(name))]
        if not names and query.head == ("leader",) and query.code:  # "the Ukrainian leader": its president
            names = [
                name
                for name, held in roles.items()
                if state.code(name) == query.code and any(r.head in self.leader_roles for r in held)
            ]
        return state.choose(names, phrase.start)

    def _person_roles(self, state: SpeakerState) -> dict[str, list[Role]]:
        """Every role each person holds, once each: from the lexicon and from titles before the name."""
        if state.roles is None:
            roles: dict[str, dict[Role, None]] = {}
            for person in state.found.persons:
                held = [self._role_from_words(split_title(r), None) for r in person.roles]
                held.append(self._role_of(state, title_before(state.doc, person)))
                roles.setdefault(person.name, {}).update((r, None) for r in held if r is not None)
            state.roles = {name: list(held_once) for name, held_once in roles.items()}
        return state.roles

    # --- quotations ----------------------------------------------------------
    def _quotes(self, state: SpeakerState, lines: Paragraphs) -> None:
        last: tuple[Quotation, Source] | None = None
        for quote in quotations(lines, state.found.quoted):
            source = self._quote_speaker(state, quote.start, quote.end) or self._dash_after(state, lines, quote)
            if source is None and last is not None and continues(lines, quote, last[0]):
                source = last[1]
            if source is None and quote.opens_paragraph:
                source = self._paragraph_speaker(state, lines, quote)
            line_start = lines.bounds(quote.paragraph)[0]
            source = source or state.introduced_by(quote.start) or state.tag_before(quote.start, line_start)
            last = (quote, source) if source is not None else None
            if source is None:
                continue
            for index in state.sentences_across(quote.start + 1, quote.end - 1):
                state.add(index, source, "quote")

    def _paragraph_speaker(self, state: SpeakerState, lines: Paragraphs, quote: Quotation) -> Source | None:
        """The one person credited in the last sentence of the paragraph just before a quoted paragraph
        that names no speaker ("Smith said the plan failed.¶“It was doomed from the start.”")."""
        before = lines.previous_with_text(quote.paragraph)
        if before is None:
            return None
        start, end = lines.bounds(before)
        sentences = state.sentences_across(start, end)
        if not sentences:
            return None
        people = state.credited.get(sentences[-1], [])
        return people[0] if len(people) == 1 and people[0].kind == "person" else None

    def _blocks(self, state: SpeakerState, lines: Paragraphs) -> None:
        """Paragraphs credited as a whole: the one after "He added:" and a transcript's "SMITH: ..." turns."""
        for sent in state.sents:
            text = sent.text.rstrip()
            if not text.endswith(":") or lines.text[sent.start_char + len(text) :].split("\n", 1)[0].strip():
                continue
            verbs = (t for t in sent if t.i in state.speaker_of and state.speaker_of[t.i] is not None)
            verb = next(verbs, None)
            source = state.speaker_of[verb.i] if verb is not None else self._announced(state, sent)
            following = lines.next_with_text(lines.index(sent.start_char))
            if source is not None and following is not None:
                for n in state.sentences_across(*lines.bounds(following)):
                    state.add(n, source, "block")
        for name, (start, end) in speaker_turns(lines):
            for n in state.sentences_across(start, end):
                state.add(n, Source(name, "person"), "turn")

    def _quote_speaker(self, state: SpeakerState, start: int, end: int) -> Source | None:
        """The speaker of a verb of saying next to the quotation, in a sentence it touches or in the
        one that follows it on its line (“Is this right?” | she asked.)."""
        text = text_of(state.doc)
        after = len(text[end:]) - len(text[end:].lstrip(" \t"))
        for index in state.sentences_holding(start, end - 1, end + after):
            for token in state.sents[index]:
                # a verb inside any quotation is what someone says, never the frame of another quotation
                outside = (token.idx >= end or token.idx < start) and not state.in_quote(token.idx)
                if outside and self._is_frame_verb(token):
                    source = self._speaker(state, token)
                    if source is not None:
                        return source
        return None

    def _dash_after(self, state: SpeakerState, lines: Paragraphs, quote: Quotation) -> Source | None:
        """ "“How did we get here?” ― Jane Doe": the name after a dash credits the quotation."""
        chars = dash_credit(lines.text, quote)
        span = state.doc.char_span(*chars, alignment_mode="expand") if chars else None
        source = self._classify(state, span) if span is not None else None
        return source if source is not None and source.kind == "person" else None

    def _is_frame_verb(self, token: Token) -> bool:
        return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.frames


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


def _combine_relayed(sources: list[tuple[Source, str]]) -> list[tuple[Source, str]]:
    """An anonymous source and the outlet relaying it become one attribution."""
    outlets = [s for s, _ in sources if s.kind == "outlet"]
    anonymous = [(s, c) for s, c in sources if s.kind == "anonymous"]
    if outlets and anonymous:
        return [(Source(s.name, s.kind, outlets[0].label, s.shown), c) for s, c in anonymous]
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
