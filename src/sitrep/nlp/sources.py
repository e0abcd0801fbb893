"""Sources for the attribution component: how a source is named, and the per-article state that
resolves pronouns, roles and titles to the person or body named earlier in the article.

Inside an article a speaker is named once in full and then referred to as "he", "the minister",
"the company" or "it". ``SpeakerState`` keeps, sentence by sentence, the subjects, speakers and
bodies already credited, so that such references resolve to what came before them (never to a
name that comes later), and ``Source`` keeps both the resolved name and the words as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitrep.model import Attribution
from sitrep.nlp.actors import ActorIndex
from sitrep.nlp.mentions import ByStart, CharRanges, Findings, PersonMention

# Closed-class words of English grammar (personal pronouns, the glue inside titles), not a lexicon.
PRONOUNS = {"he", "she", "him", "her"}
TITLE_GLUE = {"of", "the", "to", "for", "'s", "’s", "-", "in", "on"}


@dataclass(frozen=True)
class Source:
    """A source: ``name`` resolved (the canonical name of a person), ``shown`` as the sentence names it."""

    name: str
    kind: str
    via: str | None = None
    shown: str | None = None
    written: str | None = None  # the pronoun or role the sentence uses, when ``name`` was resolved from it

    @property
    def label(self) -> str:
        """The name a fact carries: as written where the sentence names the source, else the resolved name."""
        return self.shown or self.name


@dataclass(frozen=True)
class Role:
    """A role phrase split as head words ("vice", "president") and the rest ("ukraine")."""

    head: tuple[str, ...]
    rest: frozenset[str]
    code: str | None = None


class Pool:
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


class SpeakerState:
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
        self.speakers = Pool()
        self.subjects = Pool()
        self.bodies = Pool()
        self.speaker_of: dict[int, Source | None] = {}
        self.skipped: set[int] = set()  # sentences of bylines, credits and captions
        self.credited: dict[int, list[Source]] = {}  # the sources credited in each sentence
        self._place_tokens: set[int] | None = None
        self.body_sources: dict[str, Source] = {}
        self.groups = Pool()  # the plural subjects that are no person ("Opponents of the plan")
        self.group_sources: dict[str, Source] = {}
        self.roles: dict[str, list[Role]] | None = None

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

    def add(self, index: int, source: Source, cue: str) -> None:
        if index in self.skipped:
            return
        key = (index, source.name.lower())
        if key in self.seen:
            return
        self.seen.add(key)
        written = source.written if source.written and source.written != source.label else None
        self.found.attributions.append(Attribution(source.label, source.kind, index, cue, source.via, written))
        self.credited.setdefault(index, []).append(source)
        if source.kind == "person":
            self.speakers.append((index, source.name))
        else:
            self.bodies.append((index, source.name))
            self.body_sources[source.name] = source

    def tag_before(self, char: int, line_start: int) -> Source | None:
        """The one person credited in the sentence before the one holding ``char``, on the same line: a
        quotation with no tag of its own goes on with the speaker just named ("“It hurts,” Lee said. “We need
        help.”", "The talks failed, Lee said. “We were misled.”")."""
        here = self.sentences_holding(char)
        if not here or here[0] == 0:
            return None
        before = self.sents[here[0] - 1]
        people = self.credited.get(here[0] - 1, [])
        if before.start_char < line_start or len(people) != 1 or people[0].kind != "person":
            return None
        return people[0]

    def introduced_by(self, char: int) -> Source | None:
        """The one source credited in the sentence that holds ``char``, the opening mark of a quotation that
        the sentence introduces with a comma or a colon ("According to Lee, “...”", "In a letter, the union
        wrote: “...”"): the whole quotation is that source's."""
        here = self.sentences_holding(char)
        if not here:
            return None
        lead = self.doc.text[self.sents[here[0]].start_char : char].rstrip()
        credited = self.credited.get(here[0], [])
        return credited[0] if lead.endswith((",", ":")) and len(credited) == 1 else None

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

    def outlet_or_body(self, span: Span) -> Source | None:
        for actor in self._actors_at.between(span.start, span.end):
            if actor.kind in ("outlet", "institution", "alliance"):
                kind = actor.source_kind or ("outlet" if actor.kind == "outlet" else "official_body")
                text = span.text if span.root.i not in range(actor.start, actor.end) and len(span) <= 8 else actor.text
                return Source(clean_name(text), kind)
        return None

    def _recent(self, before: int, pool: Pool) -> list[str]:
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

    def last_outlet(self, before: int) -> Source | None:
        """The outlet credited last before token ``before`` ("the paper" then means that one)."""
        here = self.sent_at[self.doc[before].sent.start]
        for entry in reversed(self.bodies.noted):
            source = self.body_sources.get(entry[1])
            if entry[0] < here and source is not None and source.kind == "outlet":
                return source
        return None

    def pronoun_body(self, before: int, plural: bool) -> Source | None:
        """ "it" or "they": the body, outlet, document or group credited in the three sentences before; for
        "they", else the plural subject of one of them that is no person ("Opponents met. They say ...").
        ("it" stays with credited bodies: it is too often a dummy subject, "it was hard to predict".)"""
        recent = self._recent(before, self.bodies)
        if recent:
            return self.body_sources[recent[0]]
        subjects = [n for n in self._recent(before, self.groups) if n in self.group_sources] if plural else []
        return self.group_sources[subjects[0]] if subjects else None

    def note_group(self, index: int, source: Source, plural: bool) -> None:
        """The subject of sentence ``index`` is a body or group, not a person (see ``pronoun_body``)."""
        if plural:
            self.groups.append((index, source.name))
            self.group_sources[source.name] = source

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


def role_fits(query: Role, held: list[Role], code: str | None) -> bool:
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


def split_title(title: str) -> list[str]:
    return title.lower().replace("’s", " 's").replace("'s", " 's").split()


def title_before(doc: Doc, person: PersonMention) -> list[Token]:
    """The title right before a name: "Adviser to the Head of the Office of the President [Oleksiy Arestovych]"."""
    i = person.start - 1
    sent_start = doc[person.start].sent.start
    while i >= sent_start and person.start - i <= 12:
        tok = doc[i]
        if not (tok.lower_ in TITLE_GLUE or (tok.is_title and tok.pos_ in ("PROPN", "NOUN", "ADJ"))):
            break
        i -= 1
    return list(doc[i + 1 : person.start])


def noun_phrase(token: Token) -> Span:
    """The phrase ``token`` heads, cut before a date or time the parser hung on it ("a panel in 2001")."""
    doc = token.doc
    end = token.right_edge.i + 1
    for prep in (c for c in token.children if c.dep_ == "prep" and c.i > token.i):
        if any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children):
            end = min(end, prep.i)
    return doc[token.left_edge.i : end]


def proper_name(root: Token) -> str:
    """The run of proper nouns that ends at ``root`` ("Rep. Jason Chaffetz")."""
    start = root.i
    while start > 0 and root.doc[start - 1].pos_ == "PROPN" and root.doc[start - 1].head.i == root.i:
        start -= 1
    return clean_name(root.doc[start : root.i + 1].text)


def body_name(root: Token, name: str, body_words: set[str]) -> bool:
    """A proper name that names a body: a state, a people, initials ("NATO", "IMF"), or a name with a
    word of organisations in it ("Wells Fargo Bank", "Sierra Club"). The small model takes many
    people's names for organisations, so its ORG label alone does not decide."""
    if root.ent_type_ in ("GPE", "NORP"):
        return True
    words = name.replace(".", " ").split()
    return name.isupper() or any(w.lower() in body_words for w in words)


def head_phrase(phrase: Span) -> Span:
    """The phrase cut before a comma, an apposition or a clause that describes its head."""
    root = phrase.root
    cut = [c.left_edge.i for c in root.rights if c.dep_ in ("relcl", "acl", "appos", "punct")]
    end = min([phrase.end, *cut])
    return phrase.doc[phrase.start : max(end, root.i + 1)]


def phrase_from(token: Token) -> Span:
    """The noun phrase that starts at ``token`` ("Politico", "people familiar with the ...")."""
    head = token
    while (
        head.head.i != head.i
        and head.head.i >= token.i
        and head.dep_ in ("compound", "amod", "det", "nmod", "poss", "nummod")
    ):
        head = head.head
    span = noun_phrase(head)
    return span.doc[token.i : span.end] if span.start < token.i else span


def clean_name(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"[\s,;:]+$", "", text)


# English agent nouns (one who does: "announcer", "narrator", "strategist", "historian", "businessman"), a
# morphological class of people that no word list holds whole; the nouns of things in -er and -or that speak
# ("letter", "paper", "center") are listed as documents, outlets or bodies, which are looked up first.
AGENT_NOUN = re.compile(r"^[a-z-]{3,}(?:[^aeiou]er|[^aeiou]or|ist|ian|[^o]man|woman|person)$")


# Words before "reports" that make them the press's: "media reports", "news reports", "unconfirmed reports".
PRESS_REPORTS = frozenset({"media", "news", "press", "local", "unconfirmed", "earlier", "recent", "several", "some"})


def news_reports(root: Token) -> bool:
    """ "reports" with no article or owner ("according to reports", "media reports"): what the press reports.
    A grammar rule (no determiner, plural) with a closed set of press words, kept in code beside it."""
    if root.lower_ != "reports" or root.tag_ != "NNS":
        return False
    mods = [c for c in root.children if c.dep_ in ("det", "poss", "compound", "amod", "nmod")]
    return all(c.lower_ in PRESS_REPORTS for c in mods)


def is_dateline(token: Token) -> bool:
    """A place in capitals opening a paragraph before a dash or colon: "KYIV --", "BRUSSELS:"."""
    sent = token.sent
    first = sent[0]
    if token.i - first.i > 2 or not token.text.isupper() or len(token.text) < 3:
        return False
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        nxt is not None
        and nxt.text in ("-", "--", "—", "–", ":")
        and all(t.text.isupper() for t in sent[: token.i - first.i + 1])
    )


def names_a_document(phrase: Span) -> bool:
    """ "the data", "Census Bureau figures": a common noun made definite by "the" or a name; not
    "preliminary data" (no source named) nor "our data" (the speaker's own)."""
    if phrase.root.pos_ != "NOUN" or any(t.lower_ in ("our", "my") for t in phrase):
        return False
    return any(t.lower_ == "the" or t.pos_ == "PROPN" for t in phrase)


def antecedent(subj: Token, verb: Token) -> Span | None:
    """The noun a relative pronoun stands for ("the study, which notes that ...", "a letter that says"):
    the words of the relative clause's head before the pronoun."""
    if subj.tag_ not in ("WDT", "WP"):
        return None
    doc, head = subj.doc, verb.head
    if verb.dep_ != "relcl":  # "the Police Department which reported ...", the clause hung elsewhere by the parser
        head = next((t for t in reversed(doc[max(0, subj.i - 3) : subj.i]) if not t.is_punct), doc[subj.i])
    if head.pos_ not in ("NOUN", "PROPN") or head.i >= subj.i:
        return None
    end = subj.i
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[head.left_edge.i : end] if end > head.i else None
