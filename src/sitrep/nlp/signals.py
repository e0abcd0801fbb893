"""Signal component: what a careful reader should be warned about.

- ``headline``: a heading line inside the body (short, no closing punctuation);
- ``social_embed``: the text of an embedded post: its byline "— Name (@handle) Date",
  hashtags, ``pic.twitter.com`` and ``t.co`` links;
- ``unverifiable_marker``: a credibility tag the text cannot back, "(verified source)";
- ``off_topic``: link bait, and vague commentary with no fact of its own that shares
  little vocabulary with the rest of the article;
- ``opinion``: loaded or evaluative words in the article's own voice (not quoted,
  not credited to a source).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep.model import Signal
from sitrep.nlp.lexicon import Lexicons, load_lexicons
from sitrep.nlp.mentions import Findings, findings

BYLINE = re.compile(r"[—–-]{1,2}\s*[^\n()]{1,80}\(@\w{1,30}\)(?:\s+\w+\s+\d{1,2},\s+\d{4})?")
EMBED_MARKS = re.compile(r"pic\.twitter\.com/\w+|https?://t\.co/\w+|(?<![\w&])#[A-Za-z][\w]*|(?<![\w.])@\w{2,30}")
LIST_MARK = re.compile(r"^\s*(?:[-*+•●▪◦–]|\d{1,2}[.)])\s")
# Cohesion below which a commentary sentence counts as filler; calibrated on the seed article,
# where the two inserted sentences share 0-25% of their content words with the rest and
# genuine sentences 30-80%.
COHESION_FLOOR = 0.35


class SignalFinder:
    """Find the five kinds of signal."""

    def __init__(self, lex: Lexicons) -> None:
        self.filler = lex.cue_list("filler_phrases")
        self.link_bait = lex.cue_list("link_bait")
        markers = "|".join(re.escape(m) for m in sorted(lex.cue_list("unverifiable_markers"), key=len, reverse=True))
        self.marker = re.compile(r"[(\[]\s*(?:" + markers + r")\s*[)\]]", re.I)
        self.strong = set(lex.cue_list("opinion", "strong"))
        self.weak = lex.cue_list("opinion", "weak")

    def __call__(self, doc: Doc) -> Doc:
        found = findings(doc)
        sents = list(doc.sents)
        lemmas = _content_counts([s for s in sents if not any(c in s.text.lower() for c in self.filler)])
        for index, sent in enumerate(sents):
            found.signals.extend(self._signals(doc, found, sents, index, sent, lemmas))
        return doc

    def _signals(
        self, doc: Doc, found: Findings, sents: list[Span], index: int, sent: Span, lemmas: Counter[str]
    ) -> Iterator[Signal]:
        text = sent.text
        embed = _embed(sent)
        if embed is not None:
            yield Signal("social_embed", index, embed[2], embed[0], embed[1], "text of an embedded social-media post")
        for m in self.marker.finditer(text):
            yield Signal(
                "unverifiable_marker",
                index,
                m.group(0),
                sent.start_char + m.start(),
                sent.start_char + m.end(),
                "a credibility tag with nothing behind it",
            )
        if embed is None and _is_heading(doc, sents, index, found):
            yield Signal("headline", index, text.strip(), sent.start_char, sent.end_char, "a heading inside the body")
        if self._off_topic(found, sent, index, lemmas):
            yield Signal(
                "off_topic", index, text.strip(), sent.start_char, sent.end_char, "does not belong to the story"
            )
        opinion = self._opinion(found, sent, index)
        if opinion is not None:
            yield opinion

    def _off_topic(self, found: Findings, sent: Span, index: int, lemmas: Counter[str]) -> bool:
        lower = sent.text.lower()
        if any(cue in lower for cue in self.link_bait) and len(sent) < 40:
            return True
        if not any(cue in lower for cue in self.filler):
            return False
        has_fact = (
            any(q.sentence == index for q in found.quantities)
            or any(a.sentence == index for a in found.attributions)
            or any(e.sentence == index for e in found.events)
        )
        return not has_fact and _cohesion(sent, lemmas) < COHESION_FLOOR

    def _opinion(self, found: Findings, sent: Span, index: int) -> Signal | None:
        if any(a.sentence == index for a in found.attributions):
            return None
        hits = [
            t
            for t in sent
            if (t.lower_ in self.strong or t.lemma_.lower() in self.strong)
            and not any(s <= t.idx < e for s, e in found.quoted)
        ]
        lower = sent.text.lower()
        weak = sum(1 for w in self.weak if re.search(r"\b" + re.escape(w) + r"\b", lower))
        if len(hits) >= 2 or (hits and weak >= 2):
            start, end = hits[0].idx, hits[-1].idx + len(hits[-1].text)
            return Signal(
                "opinion",
                index,
                sent.doc.text[start:end],
                start,
                end,
                "loaded or evaluative wording in the article's own voice",
            )
        return None


def _embed(sent: Span) -> tuple[int, int, str] | None:
    text = sent.text
    spans = [(m.start(), m.end()) for m in BYLINE.finditer(text)]
    marks = list(EMBED_MARKS.finditer(text))
    hashtags = [m for m in marks if m.group(0).startswith("#")]
    links = [m for m in marks if "/" in m.group(0)]
    if links or len(hashtags) >= 2 or spans:
        spans += [(m.start(), m.end()) for m in marks]
    if not spans:
        return None
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return sent.start_char + start, sent.start_char + end, text[start:end]


def _is_heading(doc: Doc, sents: list[Span], index: int, found: Findings) -> bool:
    sent = sents[index]
    text = sent.text.strip()
    start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
    end = start + len(text)
    line_start = start == 0 or "\n" in doc.text[max(0, start - 2) : start]
    line_end = end >= len(doc.text.rstrip()) or "\n" in doc.text[end : end + 2]
    if not (line_start and line_end) or not text or text[-1] in ".!?:;,\"”'’)":
        return False
    words = [t for t in sent if t.is_alpha]
    if not 3 <= len(words) <= 20 or LIST_MARK.match(text) or text[0] in "—–-#@" or not text[0].isupper():
        return False
    first_line = doc.text.lstrip().split("\n", 1)[0].strip()
    return text != first_line


def _content_counts(sents: list[Span]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for sent in sents:
        counts.update({t.lemma_.lower() for t in sent if t.pos_ in ("NOUN", "VERB", "ADJ") and not t.is_stop})
    return counts


def _cohesion(sent: Span, counts: Counter[str]) -> float:
    words = {t.lemma_.lower() for t in sent if t.pos_ in ("NOUN", "VERB", "ADJ") and not t.is_stop}
    if not words:
        return 1.0
    return sum(1 for w in words if counts[w] > 1) / len(words)


@Language.factory(
    "sitrep_signals", requires=["doc._.sitrep"], assigns=["doc._.sitrep"], default_config={"lexicon_dir": None}
)
def make_signals(nlp: Language, name: str, lexicon_dir: str | None) -> SignalFinder:
    """Factory of the signal component."""
    return SignalFinder(load_lexicons(lexicon_dir))
