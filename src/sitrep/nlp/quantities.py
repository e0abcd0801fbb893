"""Quantity component: every counted weapon, piece of equipment and group of people.

A number ("8,400", "five", "three dozen", "1.5 thousand", "8,000 [800]", see
``sitrep.nlp.numbers``) is tied to the counted thing that follows it (or, for "80
others" and "including 500", the thing counted just before), given the category of
that thing, a qualifier from the words before it, and the event and measure of the
trigger that governs it (``sitrep.nlp.countevents``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitrep.eventtypes import EventType
from sitrep.model import Quantity
from sitrep.nlp.categories import PEOPLE
from sitrep.nlp.countevents import CountEvents, Measured, verb_after
from sitrep.nlp.countevents import is_list_item as _is_list_item  # noqa: F401  (kept importable for the tests)
from sitrep.nlp.countevents import lead_in as _lead_in  # noqa: F401
from sitrep.nlp.counts import CountContext
from sitrep.nlp.cuesets import cueset, load_cues
from sitrep.nlp.lexicon import Lexicons, load_lexicons
from sitrep.nlp.mentions import FLOW, ItemMention, text_of
from sitrep.nlp.numbers import Number, NumberReader

# Part-of-speech tags that end a run of name words, and the closed-class words that lead an
# ellipsis ("including", "which"): grammar, not vocabulary.
RUN_STOP_POS = {"VERB", "AUX", "ADP", "PUNCT", "CCONJ", "PRON", "DET", "SCONJ", "PART", "SPACE", "NUM", "X", "SYM"}
ELLIPSIS_LEAD = {"including", "incl.", "which", "them", "among"}
# "another 23" after a count: a further count of the same thing (the determiner right before the number).
FURTHER_LEAD = {"another"}


@cueset("quantities")
@dataclass(frozen=True)
class QuantityCues:
    """The cue lists of the quantity component in cues/quantities.json."""

    qualifiers: dict[str, tuple[str, ...]]  # "approx": ("about", ...)
    system_heads: tuple[str, ...]  # head nouns of a weapon system (when heads.jsonl is empty)
    elliptic_heads: tuple[str, ...]  # "more than 100 of them"
    uncounted_heads: frozenset[str]  # nouns a number before does not count (but a state's casualty estimate)
    in_action: tuple[str, ...]  # "killed in action"
    casualty_heads: frozenset[str]  # "deaths", "fatalities", "dead": the killed of a casualty estimate
    military_modifiers: frozenset[str]  # "troop deaths", "military dead": soldiers' deaths
    loss_verbs: frozenset[str]  # "Russia suffered 300,000 fatalities": the subject's own losses
    status_complements: frozenset[str]  # "took 13 soldiers prisoner": what the counted people became
    population_heads: frozenset[str]  # "a town of 18,000 people": how many live there
    intercept_verbs: frozenset[str]  # "40 drones launched were shot down": also intercepted
    launch_verbs: frozenset[str]  # "all 40 drones launched": also launched


class QuantityExtractor:
    """Find numbers, tie each to what it counts and to its event."""

    def __init__(self, lex: Lexicons) -> None:
        self.reader = NumberReader(lex)
        self.events = CountEvents(lex)
        cues = load_cues(QuantityCues, lex)
        self.qualifiers = sorted(
            ((p.split(), q) for q, ps in cues.qualifiers.items() for p in ps), key=lambda e: -len(e[0])
        )
        self.heads = dict(lex.heads) or {w: "system" for w in cues.system_heads}
        self.elliptic = sorted((p.split() for p in cues.elliptic_heads), key=len, reverse=True)
        self.people_verbs = self.events.people_verbs
        self.uncounted = set(cues.uncounted_heads)
        self.in_action = [p.split() for p in cues.in_action]
        self.casualty_heads = set(cues.casualty_heads)
        self.military_words = set(cues.military_modifiers)
        self.loss_verbs = set(cues.loss_verbs)
        self.status_complements = set(cues.status_complements)
        self.population_heads = set(cues.population_heads)
        self.intercept_verbs = set(cues.intercept_verbs)
        self.opponents = lex.opponents
        self.launch_verbs = set(cues.launch_verbs)

    def __call__(self, doc: Doc) -> Doc:
        ctx = CountContext.of(doc)
        date_tokens = {i for d in ctx.found.dates for i in range(d.start, d.end)}
        item_tokens = {i: m for m in ctx.found.items for i in range(m.start, m.end)}
        numbers = list(self.reader.numbers(doc, date_tokens, item_tokens))
        for index, number in enumerate(numbers):
            low = _range_low(doc, numbers[index - 1], number) if index else None
            quantity = self._quantity(ctx, number, ctx.sents[ctx.sent_of[number.start]], low)
            if quantity is not None:
                ctx.add(quantity)
                twin = self._launched_and_intercepted(doc, quantity)
                if twin is not None:
                    ctx.add(twin)
        return doc

    def _launched_and_intercepted(self, doc: Doc, quantity: Quantity) -> Quantity | None:
        """ "All 40 drones launched were shot down", "91 drones that were intercepted" after an attack:
        the same count is launched and intercepted, one attack with both figures."""
        if quantity.event != EventType.ATTACK or quantity.measure not in ("launched", "intercepted"):
            return None
        noun = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if noun is None:
            return None
        head = noun.root
        verbs = [c for c in head.children if c.dep_ in ("acl", "relcl", "amod")]
        if head.dep_ in ("nsubjpass", "nsubj"):
            verbs.append(head.head)
        lemmas = {v.lemma_.lower() for v in verbs} | {p.lower_ for v in verbs for p in v.children if p.dep_ == "prt"}
        other = "intercepted" if quantity.measure == "launched" else "launched"
        wanted = self.intercept_verbs if other == "intercepted" else self.launch_verbs
        return replace(quantity, measure=other) if lemmas & wanted else None

    # --- the counted thing -------------------------------------------------
    def _quantity(self, ctx: CountContext, number: Number, sent: Span, low: Number | None = None) -> Quantity | None:
        doc = ctx.doc
        counted = self._counted(ctx, number, sent)
        if counted is None:
            return None
        category, end = self._dead_of(ctx, *counted, sent)
        if doc[end - 1].lower_ in self.uncounted and not self._states_estimate(ctx, number, end):
            return None  # "20 casualties" of a strike: killed and wounded together, no count of either
        estimate = self._casualty_estimate(ctx, number, end, category)
        event: Measured | None
        if estimate is not None:
            category, event = estimate, ((EventType.LOSS, "killed"), None)
        else:
            event = self.events.people_event(ctx, number, end, category, sent) if category in PEOPLE else None
            if event is None and category in PEOPLE and self.events.moved(ctx, end, sent):
                return None
            event = event or self.events.event(ctx, number, category, sent)
        if event is None:
            return None
        (ev, measure), mention = event
        if ev == EventType.ATTACK and measure in ("killed", "injured") and self.events.accidental(ctx, sent):
            return None
        if category == "military" and measure == "killed":
            ev = EventType.LOSS  # soldiers killed are a loss of their own side
        q_start, qualifier = self._qualifier(doc, number, sent)
        if qualifier == "exact" and number.value == 1 and doc[number.start].lower_ == "one":
            return None  # "one person was found dead": a singular, no count (a bound, "at least one", is)
        value = number.value
        if low is not None:  # "between 300,000 and 400,000 casualties": at least the lower bound
            value, qualifier = low.value, "at_least"
            q_start = low.start - 1 if low.start > sent.start and doc[low.start - 1].lower_ == "between" else low.start
        start_char = doc[q_start].idx
        end_char = doc[end - 1].idx + len(doc[end - 1].text)
        return Quantity(
            value=value,
            qualifier=qualifier,
            category=category,
            event=ev.value,
            measure=measure,
            text=text_of(doc)[start_char:end_char],
            start=start_char,
            end=end_char,
            sentence=ctx.sent_of[number.start],
            actor=self.events.actor(ctx, ev, measure, mention, number, end) or self._shot_at(ctx, ev, measure, sent),
        )

    def _dead_of(self, ctx: CountContext, category: str, end: int, sent: Span) -> tuple[str, int]:
        """ "900 bodies of civilians": the dead are of the people named after them."""
        doc = ctx.doc
        if doc[end - 1].lemma_.lower() not in self.events.dead_heads or end >= sent.end or doc[end].lower_ != "of":
            return category, end
        after = [m for m in ctx.items_in(doc[end + 1 : min(end + 4, sent.end)]) if m.category in PEOPLE]
        return (after[0].category if after else category), end

    def _shot_at(self, ctx: CountContext, ev: str, measure: str, sent: Span) -> str | None:
        """ "Ukraine said it shot down 91 drones": the drones were the one enemy's of the side that names itself."""
        if ev != EventType.ATTACK or measure != "intercepted":
            return None
        sides = ctx.actors.codes_in(sent)
        enemies = self.opponents.get(sides[0], ()) if len(sides) == 1 else ()
        return enemies[0] if len(enemies) == 1 else None

    def _casualty_estimate(self, ctx: CountContext, number: Number, end: int, category: str) -> str | None:
        """ "140,000 troop deaths", "300,000 Russian dead", "Russia suffered 300,000 deaths": a side's soldiers killed.

        Casualties (killed and wounded together) count only as a warring state's estimate ("Russia suffered
        1.2 million casualties", the news reading of the contract); a strike's or a unit's stay uncounted.
        """
        doc = ctx.doc
        head = doc[end - 1]
        if category in PEOPLE and head.lower_ in self.uncounted:
            return "military"  # only a state side's estimate gets here (``_states_estimate``)
        if category not in PEOPLE or head.lemma_.lower() not in self.casualty_heads | {"death"}:
            return None
        words = doc[number.end : end - 1]
        if category == "military" or any(t.lower_ in self.military_words for t in words):
            return "military"
        if ctx.actors.codes_in(words) and not any(t.lower_ == "civilian" for t in words):
            return "military"
        verb = head.head
        if head.dep_ == "dobj" and verb.lemma_.lower() in self.loss_verbs:
            subject = [c for c in verb.children if c.dep_ == "nsubj"]
            if subject and ctx.actors.codes_in(subject[0].subtree):
                return "military"
        return None

    def _states_estimate(self, ctx: CountContext, number: Number, end: int) -> bool:
        """ "Russia suffered 1.2 million casualties", "300,000 Ukrainian casualties": a warring state's estimated
        casualties count as its military killed (the news reading); a unit's or a strike's casualties do not."""
        doc = ctx.doc
        head = doc[end - 1]
        if head.lower_ not in self.uncounted:
            return False
        if self._state_words(ctx, doc[number.end : end - 1]):
            return True
        verb = head.head
        if head.dep_ != "dobj" or verb.lemma_.lower() not in self.loss_verbs:
            return False
        subject = [c for c in verb.children if c.dep_ == "nsubj"]
        return bool(subject) and self._state_words(ctx, list(subject[0].subtree))

    @staticmethod
    def _state_words(ctx: CountContext, words: list[Token] | Span) -> bool:
        """Whether ``words`` name a state side ("Russia", "Ukrainian"), not a unit or a company ("Wagner")."""
        kinds = [ctx.actors.actor_at.get(t.i) for t in words]
        return any(a is not None and a.code and a.kind in ("state", "demonym") for a in kinds)

    def _population(self, doc: Doc, number: Number) -> bool:
        """ "a town of 18,000 people", "home to 40,000 residents": how many live there, not a count of victims."""
        before = doc[max(0, number.start - 2) : number.start]
        if len(before) == 2 and before[1].lower_ == "to" and before[0].lower_ == "home":
            return True
        return len(before) == 2 and before[1].lower_ == "of" and before[0].lemma_.lower() in self.population_heads

    def _counted(self, ctx: CountContext, number: Number, sent: Span) -> tuple[str, int] | None:
        doc = ctx.doc
        if self._population(doc, number):
            return None
        bare = self._bare_people(ctx, number, sent)
        if bare is not None:
            return bare
        stop = _run_end(doc, number, sent)
        elliptic = self._elliptic_len(doc, number.end, sent.end)
        inside = ctx.items.between(number.end, min(max(stop, number.end + 1), sent.end))
        if elliptic and any(number.end + elliptic <= m.start <= number.end + elliptic + 2 for m in inside):
            elliptic = 0  # "two more NASAMS systems": "more" qualifies a named thing
        if elliptic and _noun_follows(doc, number.end + elliptic, sent.end):
            return None  # "14 more Russians": "more" qualifies a noun that is no counted thing
        heads = [i for i in range(number.end, stop) if doc[i].pos_ in ("NOUN", "PROPN")]
        head_word = doc[heads[-1]].lower_ if heads else None
        if inside and heads and not any(m.start <= heads[-1] < m.end for m in inside):
            if head_word not in self.heads or not any(m.kind == "name" for m in inside):
                return None  # "two tank battalions": the count is of battalions
            return self._category(doc, inside, head_word), heads[-1] + 1  # "two NASAMS systems"
        if len(inside) > 1 and doc[inside[-1].end - 1].lower_ in self.status_complements:
            inside = inside[:-1]  # "took 13 soldiers prisoner": soldiers counted, prisoner is what they became
        if inside and not elliptic:
            inside = self._shared_head(ctx, number, inside, sent)
            end = max(m.end for m in inside)
            return self._category(doc, inside), end  # "casualties" are weighed in ``_quantity``
        if heads and not elliptic:
            return None  # "the two countries": the number counts its own noun, which is no counted thing
        lead = {t.lower_ for t in doc[max(sent.start, number.start - 4) : number.start]}
        further = number.start > sent.start and doc[number.start - 1].lower_ in FURTHER_LEAD
        if elliptic or further or lead & ELLIPSIS_LEAD:
            return _counted_before(ctx, number, sent, elliptic)
        return None

    def _shared_head(
        self, ctx: CountContext, number: Number, inside: list[ItemMention], sent: Span
    ) -> list[ItemMention]:
        """ "1 million grenade, mortar, and artillery rounds": a singular noun before a comma or
        "and" modifies the plural head at the end of the list, which decides the category."""
        doc = ctx.doc
        last = max(inside, key=lambda m: m.end)
        if number.value <= 1 or last.kind == "name" or last.end - last.start > 1 or doc[last.start].tag_ != "NN":
            return inside
        if last.end >= sent.end or doc[last.end].lower_ not in (",", "and", "or"):
            return inside
        for m in ctx.items.between(last.end + 1, min(sent.end, last.end + 8)):
            if doc[m.end - 1].tag_ == "NNS":
                between = doc[last.end : m.start]
                if all(t.pos_ in ("PUNCT", "CCONJ", "NOUN", "SPACE") for t in between):
                    return [m]
        return inside

    def _elliptic_len(self, doc: Doc, end: int, limit: int) -> int:
        """Length of an elliptic head ("others", "of them") right after the number, else 0."""
        for words in self.elliptic:
            if end + len(words) <= limit and [t.lower_ for t in doc[end : end + len(words)]] == words:
                return len(words)
        return 0

    def _bare_people(self, ctx: CountContext, number: Number, sent: Span) -> tuple[str, int] | None:
        """A count of people with no noun: "9,000 killed in action", "1,478 have surrendered"."""
        doc = ctx.doc
        root = doc[number.end - 1]
        measure = self.people_verbs.get(root.head.lemma_.lower()) if root.head.pos_ == "VERB" else None
        if root.dep_ == "dobj" and measure in ("killed", "injured") and root.head.i < number.start:
            return "person", number.end  # "a strike that killed 50", "killing two and wounding three"
        verb = verb_after(doc, number.end, sent.end)
        if verb is None or verb.pos_ not in ("VERB", "ADJ") or verb.lemma_.lower() not in self.people_verbs:
            return None
        after = [t.lower_ for t in doc[verb.i + 1 : verb.i + 3]]
        if any(after[: len(words)] == words for words in self.in_action):
            return "military", verb.i + 1
        here = ctx.sent_of[number.start]
        return (ctx.last_people(here - 4, here) or "person"), verb.i + 1

    def _category(self, doc: Doc, inside: list[ItemMention], head_word: str | None = None) -> str:
        names = [m for m in inside if m.kind == "name"]
        nouns = [m for m in inside if m.kind != "name"]
        last = max(inside, key=lambda m: m.end)
        head_word = head_word or doc[last.end - 1].lower_
        if names:
            name = names[0]
            role = self.heads.get(head_word)
            if role == "system" and name.system:
                return name.system
            if role == "munition" and name.munition:
                return name.munition
            if last.kind != "name" and last.category in PEOPLE:
                return last.category
            return name.category
        return max(nouns, key=lambda m: (m.end, m.end - m.start)).category

    def _qualifier(self, doc: Doc, number: Number, sent: Span) -> tuple[int, str]:
        for words, qualifier in self.qualifiers:
            begin = number.start - len(words)
            if begin >= sent.start and [t.lower_ for t in doc[begin : number.start]] == words:
                return begin, qualifier
        return number.start, "exact"


# Words that join the two bounds of a range: "40 to 50", "between 300 and 400", "40-50".
RANGE_GLUE = {"to", "and", "-", "–"}


def _range_low(doc: Doc, low: Number, high: Number) -> Number | None:
    """The lower bound of a range ("between 300,000 and 400,000", "5,000 to 6,000", "40-50") ending at ``high``."""
    glue = doc[low.end : high.start]
    if len(glue) != 1 or glue[0].lower_ not in RANGE_GLUE or not 0 < low.value < high.value:
        return None
    between = low.start > 0 and doc[low.start - 1].lower_ == "between"
    return low if glue[0].lower_ != "and" or between else None


def _run_end(doc: Doc, number: Number, sent: Span) -> int:
    """The end of the run of words after the number that may name what it counts (at most 8)."""
    stop = number.end
    while stop < sent.end and stop - number.end < 8:
        tok = doc[stop]
        if tok.like_num and stop > number.end and doc[stop - 1].pos_ in ("NOUN", "PROPN"):
            break  # "30 missiles two days before": a new number after the counted noun starts something else
        if tok.pos_ in RUN_STOP_POS and not (
            (tok.text == "-" and not tok.whitespace_) or tok.like_num or (tok.pos_ == "VERB" and tok.dep_ == "amod")
        ):
            break  # "200 downed aircraft": a participle before the noun stays in the run
        stop += 1
    return stop


def _noun_follows(doc: Doc, index: int, limit: int) -> bool:
    """Whether a noun comes right after ``index`` (past adjectives): "14 more Russians", "two more senior aides"."""
    while index < limit and doc[index].pos_ == "ADJ":
        index += 1
    return index < limit and doc[index].pos_ in ("NOUN", "PROPN")


def _counted_before(ctx: CountContext, number: Number, sent: Span, elliptic: int) -> tuple[str, int] | None:
    """ "80 others", "including 500": the thing counted just before, in this sentence or the one before."""
    before = ctx.items.between(sent.start, number.start)
    index = ctx.sent_of[sent.start]
    if not before and elliptic and index > 0:
        before = ctx.items_in(ctx.sents[index - 1])  # "... 8,100 troops. Over 4,000 of them ..."
    if before:
        return before[-1].category, number.end + elliptic
    return None


@Language.factory(
    "sitrep_quantities",
    requires=FLOW["sitrep_quantities"].requires,
    assigns=FLOW["sitrep_quantities"].assigns,
    default_config={"lexicon_dir": None},
)
def make_quantities(nlp: Language, name: str, lexicon_dir: str | None) -> QuantityExtractor:
    """Factory of the quantity component."""
    return QuantityExtractor(load_lexicons(lexicon_dir))
