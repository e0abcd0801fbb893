"""Speakers the parser hung in the wrong place, and groups that "they" stands for: the repairs the
attribution component (``sitrep.nlp.attribution``) makes on the existing parse, kept apart from its rules.

- a speech tag's speaker between a closing quotation mark and the verb, or after a verb that opens its
  sentence ("“...,” Tulsa police Chief Jo Li said", "Said Li: “...”");
- a verb of saying hung on a noun ("a Times article hailed X", "tweets criticizing X", "a statement
  calling X a Y");
- a line that announces the words to follow ("X made the following statement:");
- a subject of several people, for "they" in the sentences after it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.nlp.sources import Source, SpeakerState, antecedent, clean_name, head_phrase, noun_phrase


class SpeakerRepairs:
    """Mixed into ``AttributionFinder``: it names the source of a phrase (``_classify``) and holds the
    noun sets read here."""

    speech_bearers: set[str]
    event_nouns: set[str]

    def _classify(self, state: SpeakerState, phrase: Span | None) -> Source | None:
        raise NotImplementedError

    def _note_people(self, state: SpeakerState, index: int, subj: Token) -> None:
        """A subject of several people that names a person ("Grassley and Leahy said ...", "Critics, like
        Senator Grassley, say ..."): "they" in the sentences after it stands for all of them."""
        if any(c.dep_ == "conj" for c in subj.children):
            state.note_group(index, Source(clean_name(noun_phrase(subj).text), "person"), True)
        elif subj.tag_ in ("NNS", "NNPS"):
            group = self._classify(state, head_phrase(noun_phrase(subj)))
            if group is not None and group.kind != "person":
                state.note_group(index, group, True)

    def _tag_words(self, state: SpeakerState, verb: Token) -> Source | None:
        """A speaker the parser hung elsewhere in a speech tag: the words between a closing quotation mark and
        the verb ("“...,” Tulsa police Chief Jo Li said") or after a verb that opens its sentence ("Said Li:")."""
        sent, doc = verb.sent, state.doc
        if verb.i == sent.start:
            end = next((t.i for t in doc[verb.i + 1 : min(sent.end, verb.i + 7)] if t.text in (":", ",")), None)
            words = doc[verb.i + 1 : end] if end is not None else None
        else:
            mark = next((t for t in reversed(doc[max(sent.start, verb.i - 8) : verb.i]) if t.is_quote), None)
            words = doc[mark.i + 1 : verb.i] if mark is not None and state.in_quote(mark.idx - 1) else None
        while words is not None and len(words) and words[0].is_punct:
            words = words[1:]
        if words is None or not len(words) or any(not (t.is_title or t.pos_ in ("NOUN", "DET")) for t in words):
            return None
        mention = state.mention_in(words)
        if mention is not None:
            return Source(mention.name, "person", shown=mention.text)
        named = [e for e in words.ents if e.label_ == "PERSON"]  # a name the person index left out
        return Source(clean_name(named[-1].text), "person") if named else self._classify(state, words)

    def _noun_speaker(self, state: SpeakerState, verb: Token) -> Source | None:
        """A verb the parser hung on a noun: a finite one has the noun for its subject ("a Times article
        hailed X as ..."); a participle on a document or a noun of speech speaks for the noun's owner, else for
        the subject of the verb that takes the noun, else for the document ("unleashed tweets criticizing X",
        "issued a statement calling X a Y", "a report showing ...")."""
        noun = verb.head
        if verb.tag_ in ("VBD", "VBZ", "VBP"):
            return self._classify(state, state.doc[noun.left_edge.i : verb.i]) if noun.i < verb.i else None
        if verb.tag_ != "VBG" or noun.lemma_.lower() not in self.speech_bearers:
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None:
            return self._classify(state, noun_phrase(owner))
        taken = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun  # "a series of tweets"
        subject = next((c for c in taken.head.children if c.dep_ == "nsubj"), None) if taken.dep_ == "dobj" else None
        if subject is not None and not state.in_quote(subject.idx):
            return self._classify(state, antecedent(subject, taken.head) or noun_phrase(subject))
        return self._classify(state, head_phrase(noun_phrase(noun)))

    def _announced(self, state: SpeakerState, sent: Span) -> Source | None:
        """The subject of a line that announces words to follow ("Smith made the following statement:")."""
        root = sent.root
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in self.event_nouns for c in root.children):
            return None
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        return self._classify(state, noun_phrase(subject)) if subject is not None else None
