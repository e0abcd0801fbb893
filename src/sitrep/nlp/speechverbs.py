"""Which verbs credit their subject with a claim: the verb classes of the attribution component.

A verb of saying credits its subject in every use ("said", "told"); a weaker verb only when it
takes what is said as a clause ("warned that ...", "believes the talks will fail"); a speech act
when it has an object ("accused Moscow of ..."); a verb of asking, proposing or promising when it
takes what is asked or promised ("threatened to walk out", "asked for talks", "proposed a tax");
a document that finds or shows something ("the study found 31 cases"); and a few verbs through a
noun or preposition of speech ("shared his assessment", "spoke about the crimes"). The word lists
are in ``cues/attribution.json``; the grammar (which dependents count) is here.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.nlp.speechcues import AttributionCues
from sitrep.nlp.speechnouns import makes_clear

# Grammar, not lexicon (closed classes of English, kept beside the rules that read them): the words that
# point back to the sentence before ("This was stated by ...").
DEMONSTRATIVES = {"this", "that", "these", "it"}
# Verbs that give their object a name ("called / branded / dubbed the vote a sham"): a claim with the name.
NAMING_VERBS = {"call", "brand", "dub", "label", "term"}
# Verbs of feeling that also take a state ("feel stung", "felt tired"): a belief only with a full clause.
SENSE_VERBS = {"feel"}


class SpeechVerbs:
    """Tell a verb of saying, in its use in a sentence, from any other verb."""

    def __init__(self, cues: AttributionCues) -> None:
        self.strong = set(cues.speech_strong)
        self.weak = set(cues.speech_weak)
        self.attitudes = set(cues.attitude_adjectives)
        self.acts = set(cues.speech_acts)
        self.intent = cues.speech_intent
        self.findings = set(cues.document_findings)
        self.documents = set(cues.document_nouns)
        self.objects = cues.speech_object
        self.preps = cues.speech_prep
        self.preps_not = set(cues.speech_prep_not)
        self.framing = cues.speech_framing

    def is_speech(self, token: Token) -> bool:
        """The verb ``token`` credits its subject with what it governs."""
        if token.dep_ == "acomp" and token.lower_ in self.attitudes:  # "is convinced that ...", like "believes"
            return has_clause(token)
        if token.pos_ not in ("VERB", "AUX"):
            return False
        lemma = token.lemma_.lower()
        if lemma in self.strong:
            if any(c.dep_ == "neg" for c in token.children) and not has_clause(token):
                return False  # "cannot comment on the letter", "did not say": nothing claimed
            if not (lemma == "point" and not any(c.lower_ == "out" for c in token.children)):
                return True  # "pointed to the report" is left to speech_prep
        if lemma in self.weak and has_clause(token):
            return lemma not in SENSE_VERBS or _full_clause(token)
        if lemma in self.acts and any(c.dep_ in ("dobj", "ccomp") for c in token.children):
            return True  # "accused Moscow of ...", "condemned the strike", "dismissed the report as ..."
        if lemma in self.findings and self._document_finds(token):
            return True  # "the study found 31 cases", "the poll shows Smith ahead"
        if lemma in NAMING_VERBS and names_as(token):
            return True  # "called the vote a sham", "branded the town a fortress"
        if makes_clear(token):
            return True
        if lemma in self.weak and is_passive_credit(token):
            return any(c.dep_ == "nsubjpass" and c.lower_ in DEMONSTRATIVES for c in token.children)
        if self._intent(token, lemma) or self._speech_object(token, lemma) or self._speech_prep(token, lemma):
            return True
        return self._framing(token, lemma)

    def outer_speech(self, verb: Token) -> Token | None:
        """The verb of saying whose clausal complement holds ``verb`` ("Smith said [the study found ...]"),
        through any clause or relative clause in between; None when ``verb`` is said in no one's words."""
        node, inside = verb, False
        while node.head.i != node.i:
            inside = inside or node.dep_ == "ccomp"
            node = node.head
            if inside and self.is_speech(node):
                return node
        return None

    def _intent(self, token: Token, lemma: str) -> bool:
        """ "urged Congress to act", "vowed to fight on", "called for talks", "proposed a tax": what is asked,
        urged, proposed or promised, in the form the lexicon names: a clause (to- or that-), an object, or a
        preposition with its object (not a date: "called on Monday" is no call on anyone)."""
        takes = self.intent.get(lemma)
        if takes is None or any(c.dep_ in ("neg", "nsubjpass", "agent") for c in token.children):
            return False  # "did not ask", "was asked to" (the one asked is not the one asking)
        to_clause = any(c.dep_ == "xcomp" and _is_to_clause(c) for c in token.children)
        if "clause" in takes and (has_clause(token) or to_clause):
            return True
        for child in token.children:
            if "object" in takes and (child.dep_ == "dobj" or (child.dep_ == "xcomp" and child.tag_ == "VBG")):
                return True  # "proposed a tax", "proposes doing away with the mandate"
            if child.dep_ in ("prep", "prt") and child.lower_ in takes and any(_asked_of(c) for c in child.children):
                return True  # "asked for help", "called on Congress" (the parser may take "on" for a particle)
        return False

    def _document_finds(self, token: Token) -> bool:
        """A document subject ("the study", "a new poll") with what it finds as an object or a clause."""
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lemma_.lower() not in self.documents:
            return False
        return any(c.dep_ in ("dobj", "ccomp") for c in token.children)

    def _speech_object(self, token: Token, lemma: str) -> bool:
        """ "shared his assessment", "provided an update", "expressed hope that ...", "made the case for ...",
        and the object as the noun the verb's relative clause describes ("the remarks he made about her")."""
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if not objects and token.dep_ == "relcl":
            objects = [token.head]
        for obj in objects:
            for entry in self.objects.get(lemma, []):
                word, _, marker = entry.partition(" ")
                if (obj.lemma_.lower() == word or obj.lower_ == word) and _marked(token, obj, marker):
                    return True
        return False

    def _framing(self, token: Token, lemma: str) -> bool:
        """ "attacked her rival as a fraud", "likened the blockade to a siege": an object framed by the
        preposition the lexicon lists (not "attacked the town", nor "as night fell", a clause)."""
        preps = self.framing.get(lemma)
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if not preps or not objects:
            return False
        framed = (*token.children, *objects[0].children)  # the parser hangs "to a siege" on the verb or the object
        # what it is framed as: a noun, or an adjective the parser hangs on the preposition ("rated it as false")
        framing = ("pobj", "pcomp", "amod", "acomp")
        as_what = [c for c in framed if c.dep_ == "prep" and c.lower_ in preps]
        return any(g.dep_ in framing for c in as_what for g in c.children)

    def _speech_prep(self, token: Token, lemma: str) -> bool:
        """ "spoke about the crimes", "updated X on the status" (not "spoke with X about")."""
        preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
        return bool(preps & set(self.preps.get(lemma, []))) and not preps & self.preps_not


def _marked(verb: Token, obj: Token, marker: str) -> bool:
    """The object's entry is met: no marker; "that" (a that-clause on the object: "expressed hope that ...");
    a preposition on the verb or the object ("made the case for", "made remarks about"); or a subordinating
    word on the verb ("as the minister put it")."""
    if not marker:
        return True
    if marker == "that":
        return any(t.lower_ == "that" and t.dep_ == "mark" for t in obj.subtree)
    for c in (*verb.children, *obj.children):
        if c.lower_ == marker and c.dep_ == "mark":
            return True  # "as the minister put it"
        if c.lower_ == marker and c.dep_ == "prep" and any(_asked_of(g) for g in c.children):
            return True  # not a date: "made a comment on Monday"
    return False


def _asked_of(token: Token) -> bool:
    """The object of "asked for", "called on": a thing, someone or an act ("called for cutting the tax"),
    not a date or a time ("called on Monday")."""
    if token.dep_ == "pcomp":
        return token.tag_ == "VBG"  # "called for cutting the tax": an act asked for
    return token.dep_ == "pobj" and token.ent_type_ not in ("DATE", "TIME")


def _is_to_clause(clause: Token) -> bool:
    """An infinitive with "to" ("to act"), its subject before it or not ("urged Congress to act")."""
    return clause.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _full_clause(verb: Token) -> bool:
    """A clause with its own subject or a "that" ("felt the plan was unfair"), not a state ("felt stung")."""
    return any(
        c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass", "expl") or g.lower_ == "that" for g in c.children)
        for c in verb.children
    )


def names_as(verb: Token) -> bool:
    """ "called X a Y": an object and what it is called (not "called on", "called for", "called him to ...")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    names = [c for c in verb.children if c.dep_ in ("oprd", "attr")]
    if not objects:  # "was called a charlatan by his peers": the name given by the agent; "he called [her]
        # “disgusting”", the object lost by the parser: a subject and a word of judgment (not a proper name:
        # "the group, called the Harbour Fund, ..." only names it)
        judged = any(c.pos_ != "PROPN" for c in names) and any(c.dep_ == "nsubj" for c in verb.children)
        return bool(names) and (is_passive_credit(verb) or judged)
    if len(objects) == 2:
        return True  # "branded [the strike] [a provocation]": the parser may take the name for a second object
    named = (*verb.children, *objects[0].children)
    # "called his counterpart to discuss the grain": a phone call and its purpose, not a name given
    return any(c.dep_ in ("oprd", "attr") or (c.dep_ == "xcomp" and not _is_to_clause(c)) for c in named)


def has_clause(token: Token) -> bool:
    """The verb takes a clause ("said that ..."); a "that" on a verb that is itself a clause does not count."""
    embedded = token.dep_ in ("ccomp", "advcl", "relcl", "acl")
    return any(
        c.dep_ in ("ccomp", "oprd") or (c.dep_ == "mark" and c.lower_ == "that" and not embedded)
        for c in token.children
    )


def is_passive_credit(token: Token) -> bool:
    """The verb names its speaker in a "by" phrase ("was stated by the minister")."""
    return any(c.dep_ == "agent" for c in token.children)


def tag_only(sent: Span, verb: Token) -> bool:
    """A sentence that is only a speech tag ("Clinton said.", "He added:"): what is said stands in another."""
    if any(c.dep_ in ("ccomp", "dobj", "xcomp", "oprd", "dative") for c in verb.children):
        return False
    words = [t for t in sent if not t.is_punct and not t.is_space]
    return len(words) <= 6 and not any(t.is_quote for t in sent)
