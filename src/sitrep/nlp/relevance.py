"""Relevance: which event mentions belong in a report of war, aid, sanctions and diplomacy.

The last component of the pipeline. It reads the event mentions the other components
left and keeps only those a reader of a conflict report wants:

- a story (an input of ``STORY_SENTENCES`` sentences or more) that never speaks of armed
  conflict, military aid, sanctions or diplomacy between states gives no events at all
  (sport, courts, weather, business, celebrity news); shorter inputs are passages and are
  judged by the rules below alone;
- meetings, agreements and sanctions need a counterpart: at least two sides;
- an agreement is an event only when it was reached ("agreed", "signed", "a deal reached"),
  not when it is hoped for, near, or when someone agrees *with* an opinion;
- what is hypothetical, wished for, refused or threatened ("would strike", "could meet",
  "calls for talks", "refuses to sign", "threatens sanctions") is no held event;
- sanctions named as background ("sanctioned vessels", "to evade sanctions",
  "subject to sanctions") are no sanction event;
- an event's place is a place: a leading article is dropped ("the Donbas" is Donbas).

Quantities and signals were computed before this component and are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitrep.eventtypes import EventType
from sitrep.nlp.cuesets import cueset, load_cues
from sitrep.nlp.lexicon import Lexicons, load_lexicons
from sitrep.nlp.mentions import FLOW, EventMention, findings


@cueset("relevance")
@dataclass(frozen=True)
class RelevanceCues:
    """The cue lists of the relevance component in cues/relevance.json."""

    topic_lemmas: frozenset[str]  # words of war, aid, sanctions and diplomacy: "missile", "troop", "embassy"
    topic_ambiguous: frozenset[str]  # of those, the ones that count only as nouns ("the attack", not "attack")
    unreal_verbs: frozenset[str]  # "calls for talks", "threatened to strike": no held event
    unreal_aux: frozenset[str]  # "would strike", "could sign": no held attack, agreement or sanction
    plan_verbs: frozenset[str]  # "plans to sign": not yet held
    future_aux: frozenset[str]  # "will impose": not yet held
    agree_conclude_verbs: frozenset[str]  # "signed a deal", "the truce reached": an agreement held
    agree_opinion_preps: frozenset[str]  # "agree with him": an opinion, no agreement
    sanction_background_heads: frozenset[str]  # "to evade sanctions", "subject to sanctions": background
    fire_weapons: frozenset[str]  # "artillery fire", "sniper fire": fire that is an attack
    fire_verbs: frozenset[str]  # "opened fire", "returned fire": fire that is an attack
    idiom_objects: frozenset[str]  # "struck a tone", "struck a deal": no strike
    unreal_modifiers: frozenset[str]  # "a future attack", "possible sanctions": none held
    process_heads: frozenset[str]  # "amid peace talks", "as negotiations continue": a process, no one meeting


STORY_SENTENCES = 8  # shorter inputs are passages, not stories: no article-level judgement
TOPIC_MIN_SENTENCES = 2  # a story on topic names the war, aid, sanctions or diplomacy twice at least
# Types that need two sides, and types that are no event while only planned.
COUNTERPART_TYPES = (EventType.CONSULT, EventType.AGREE, EventType.SANCTION)
HELD_ONLY = (EventType.ATTACK, EventType.AGREE, EventType.SANCTION, EventType.SEIZE)
# Characters that end a full sentence (a headline has none of them).
TERMINAL = (".", "!", "?", '"', "'", "\u201d", "\u2019", ":", ")")
# Closed-class grammar words: subordinators of a condition ("if he wins", "unless they agree").
CONDITIONS = frozenset({"if", "unless"})
# Dependencies from a trigger up to the words that govern it ("threatened to impose sanctions").
CLIMB_DEPS = {"xcomp", "ccomp", "pobj", "prep", "dobj", "pcomp", "acl", "advcl", "relcl", "attr", "nsubjpass", "conj"}


class Relevance:
    """Drop event mentions of off-topic stories, one-sided meetings, unreal and background events."""

    def __init__(self, lex: Lexicons) -> None:
        self.opponents = lex.opponents
        cues = load_cues(RelevanceCues, lex)
        self.topic = cues.topic_lemmas
        self.ambiguous = cues.topic_ambiguous
        self.unreal_verbs = cues.unreal_verbs
        self.unreal_aux = cues.unreal_aux
        self.plan_verbs = cues.plan_verbs
        self.future_aux = cues.future_aux
        self.conclude = cues.agree_conclude_verbs
        self.opinion_preps = cues.agree_opinion_preps
        self.background = cues.sanction_background_heads
        self.fire_weapons = cues.fire_weapons
        self.fire_verbs = cues.fire_verbs
        self.idiom_objects = cues.idiom_objects
        self.unreal_modifiers = cues.unreal_modifiers
        self.process_heads = cues.process_heads

    def __call__(self, doc: Doc) -> Doc:
        found = findings(doc)
        if not found.events:
            return doc
        sents = list(doc.sents)
        if len(sents) >= STORY_SENTENCES and not self.on_topic(sents):
            found.events = []
            return doc
        officials = {p.name for p in found.persons if p.code}
        titles = _title_lines(sents) if len(sents) >= STORY_SENTENCES else set()
        kept = []
        for mention in found.events:
            if mention.sentence not in titles and self.keep(doc, mention, officials):
                if mention.place and mention.place.lower().startswith("the "):
                    mention.place = mention.place[4:]
                kept.append(mention)
        found.events = kept
        _agreements_at_their_meeting(kept)
        return doc

    def on_topic(self, sents: list[Span]) -> bool:
        """Whether at least ``TOPIC_MIN_SENTENCES`` sentences speak of war, aid, sanctions or diplomacy."""
        hits = 0
        for sent in sents:
            if any(self._topical(tok) for tok in sent):
                hits += 1
                if hits >= TOPIC_MIN_SENTENCES:
                    return True
        return False

    def _topical(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        if lemma not in self.topic:
            return False
        return lemma not in self.ambiguous or tok.pos_ == "NOUN"

    def keep(self, doc: Doc, mention: EventMention, officials: set[str]) -> bool:
        """Whether one mention is a relevant, real event."""
        if mention.type in COUNTERPART_TYPES and not self._two_sided(mention, officials):
            return False
        if mention.type == EventType.AID and len(mention.actors) > 1:
            giver, receiver = mention.actors[:2]
            if receiver in self.opponents.get(giver, ()):
                return False  # "Russian troops ... prompting Western aid": no side arms its enemy
        head = doc[mention.start : mention.end].root
        described = mention.type == EventType.ATTACK and head.dep_ == "amod"  # "the besieged city": a state
        chain = [head] if described else list(self._governors(head))
        if mention.type != EventType.AID and (self._unreal(chain, mention.type) or _conditional(head)):
            return False
        if mention.type in HELD_ONLY and self._planned(chain):
            return False
        if mention.type in HELD_ONLY and any(
            c.dep_ == "amod" and c.lower_ in self.unreal_modifiers for c in head.children
        ):
            return False  # "a future armed attack", "possible new sanctions"
        if mention.type == EventType.ATTACK and not self._attack_word(head):
            return False
        if mention.type == EventType.CONSULT and self._process(head):
            return False
        if mention.type == EventType.AGREE:
            return self._agreement_reached(head)
        if mention.type == EventType.SANCTION and head.lemma_.lower() in ("sanction", "sanctions"):
            return self._sanction_imposed(head)
        return True

    @staticmethod
    def _two_sided(mention: EventMention, officials: set[str]) -> bool:
        """Two sides, or for a meeting one side and named officials only ("called Chancellor Scholz")."""
        if len(set(mention.actors)) >= 2:
            return True
        named = bool(mention.persons) and all(name in officials for name in mention.persons)
        return mention.type == EventType.CONSULT and bool(mention.actors) and named

    @staticmethod
    def _governors(head: Token) -> Iterator[Token]:
        """The trigger and the words that govern it up to its clause's verb (and the verbs above it)."""
        node = head
        for _ in range(6):
            yield node
            if node.head.i == node.i or node.dep_ not in CLIMB_DEPS | {"nsubj", "amod", "compound"}:
                return
            node = node.head

    def _unreal(self, chain: list[Token], type_: str) -> bool:
        """Wished for, refused, threatened; for all but meetings also "would", "could", "may"."""
        for tok in chain:
            if tok.lemma_.lower() in self.unreal_verbs and tok is not chain[0]:
                return True
            if type_ != EventType.CONSULT and any(
                c.dep_ in ("aux", "auxpass") and c.lower_ in self.unreal_aux for c in tok.children
            ):
                return True
        return False

    def _planned(self, chain: list[Token]) -> bool:
        for tok in chain:
            if tok.lemma_.lower() in self.plan_verbs and tok is not chain[0]:
                return True
            going_to = tok.lemma_ == "go" and tok.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in tok.children)
            if going_to and tok is not chain[0]:
                return True  # "are going to take over" (not "the talks were going well")
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in self.future_aux for c in tok.children):
                return True
        return False

    def _process(self, head: Token) -> bool:
        """ "amid peace talks", "the pace of talks", "as negotiations continue", "talks of an attack":
        negotiations as a process (or a rumour), no one meeting."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return False
        if head.dep_ in ("nsubj", "pobj") and head.head.lemma_.lower() in self.process_heads:
            return True
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children) and head.lower_ == "talks"

    def _attack_word(self, head: Token) -> bool:
        """ "put out a fire", "a makeshift fire", "struck a tone" and "hit a dead end" are no attack; "artillery fire",
        "opened fire" and "struck Kyiv" are."""
        lemma = head.lemma_.lower()
        if lemma == "fire" and head.pos_ == "NOUN":
            if any(c.lower_ in self.fire_weapons for c in head.children if c.dep_ in ("compound", "amod")):
                return True
            under = head.dep_ == "pobj" and head.head.lower_ == "under"
            return under or (head.dep_ == "dobj" and head.head.lemma_.lower() in self.fire_verbs)
        if lemma in ("strike", "hit") and head.pos_ == "VERB":  # "hit a dead end", "hit a snag"
            return not any(c.dep_ == "dobj" and c.lemma_.lower() in self.idiom_objects for c in head.children)
        return True

    def _agreement_reached(self, head: Token) -> bool:
        """ "agreed to", "was agreed", "signed a deal", "the deal reached": yes; "agree with him", "a deal": no."""
        if head.pos_ in ("VERB", "AUX"):
            if head.tag_ not in ("VBD", "VBN"):
                return False
            return not any(
                c.dep_ == "ccomp" or (c.dep_ == "prep" and c.lower_ in self.opinion_preps) for c in head.children
            )
        node = head
        for _ in range(3):
            governor = node.head
            if governor.i == node.i:
                return False
            if governor.lemma_.lower() in self.conclude and governor.tag_ in ("VBD", "VBN"):
                return True
            node = governor
        return any(c.lemma_.lower() in self.conclude and c.tag_ == "VBN" for c in head.children)

    def _sanction_imposed(self, head: Token) -> bool:
        """ "sanctioned vessels", "to evade sanctions", "subject to sanctions": background, no event."""
        if head.dep_ == "amod":
            return False
        node = head
        for _ in range(3):
            if node.head.i == node.i:
                break
            node = node.head
            if node.lemma_.lower() in self.background:
                return False
            if node.pos_ in ("VERB", "AUX"):
                break
        return True


def _title_lines(sents: list[Span]) -> set[int]:
    """The headline and deck of a story: the lines before its first full sentence that end with no
    full stop ("Russia ratchets up battle for control of eastern Ukraine"). They repeat the story's
    events; the body tells them with their sides, places and dates."""
    titles: set[int] = set()
    for number, sent in enumerate(sents):
        text = sent.text.strip()
        if not text:
            continue
        if text[-1] in TERMINAL:
            break
        titles.add(number)
    return titles


def _agreements_at_their_meeting(mentions: list[EventMention]) -> None:
    """ "The leaders met in Paris. ... they signed a declaration": an agreement with no place of its own
    was reached at the meeting of its sides told just before (or in its sentence)."""
    meetings = [m for m in mentions if m.type == EventType.CONSULT and m.phase == "held" and m.place]
    for agreement in mentions:
        if agreement.type != EventType.AGREE or agreement.place:
            continue
        near = [
            m
            for m in meetings
            if agreement.sentence - 2 <= m.sentence <= agreement.sentence and set(m.actors) & set(agreement.actors)
        ]
        if near:
            agreement.place = near[-1].place


@Language.factory(
    "sitrep_relevance",
    requires=FLOW["sitrep_relevance"].requires,
    assigns=FLOW["sitrep_relevance"].assigns,
    default_config={"lexicon_dir": None},
)
def make_relevance(nlp: Language, name: str, lexicon_dir: str | None) -> Relevance:
    """Factory of the relevance component."""
    return Relevance(load_lexicons(lexicon_dir))


def _conditional(head: Token) -> bool:
    """ "if he wins, he would not rule out talking to Putin", "unless the talks fail": an event supposed
    on a condition (in the "if" clause or governed by it), none held or planned."""
    for tok in [head, *list(head.ancestors)[:6]]:
        clauses = [tok] if tok.dep_ == "advcl" else []
        clauses += [c for c in tok.children if c.dep_ == "advcl"]
        if any(m.dep_ == "mark" and m.lower_ in CONDITIONS for c in clauses for m in c.children):
            return True
    return False
