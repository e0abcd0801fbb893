"""Speech and attitude nouns that credit a source: "the ministry's claim that ...", "his warning that
...", "X's view is that ...", and the frame "In a statement, X ..." that makes the clause it opens
X's words. The word lists are ``speech_content_nouns`` and ``speech_event_nouns`` in
``cues/attribution.json``; the grammar (which dependents count) is here.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.nlp.speechcues import AttributionCues


class SpeechNouns:
    """Find who owns a claim named by a noun, and who speaks in a statement, speech or interview."""

    def __init__(self, cues: AttributionCues) -> None:
        self.content = set(cues.speech_content_nouns)
        self.events = set(cues.speech_event_nouns)

    def owner(self, token: Token) -> Token | None:
        """The owner of a speech or attitude noun with what is claimed as a "that" clause: "Kyiv's claim
        that the bridge fell", "her view is that ..." (not "his plan", "the ministry's statement on roads")."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.content:
            return None
        poss = next((c for c in token.children if c.dep_ == "poss"), None)
        if poss is None:
            return None
        clauses = [c for c in token.children if c.dep_ in ("acl", "ccomp", "appos")]
        if token.dep_ == "nsubj" and token.head.lemma_ == "be":  # "her view is that ..."
            clauses += [c for c in token.head.children if c.dep_ == "ccomp"]
        return poss if any(_that_clause(c) for c in clauses) else None

    def framed(self, sent: Span) -> Token | None:
        """The verb of a sentence opened by "In a statement," / "In his speech," / "In an interview with X,":
        its subject speaks in that statement."""
        root = sent.root
        for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "in" and c.i < root.i):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in self.events:
                return root
        return None


def _that_clause(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def makes_clear(verb: Token) -> bool:
    """ "made clear that ...", "made it clear he would stay": the subject says what it makes clear."""
    if verb.lemma_.lower() != "make":
        return False
    clear = next((c for c in verb.children if c.lower_ == "clear" and c.dep_ in ("ccomp", "oprd", "acomp")), None)
    if clear is None:
        return False
    return any(c.dep_ in ("ccomp", "csubj", "advcl") for c in (*verb.children, *clear.children) if c.i != clear.i)
