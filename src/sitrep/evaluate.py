"""Score predicted facts against a gold file, by the matching rules of ``spec/facts.md``.

Per kind: precision, recall and F1 over all articles (a predicted fact of a kind
that an article does not list in ``facets`` is not counted), plus the accuracy of
``measure`` and ``qualifier`` over matched quantities.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("quantity", "event", "attribution", "signal")
_PLACE_SPELLINGS = {
    "kiev": "kyiv",
    "odessa": "odesa",
    "kharkov": "kharkiv",
    "nikolaev": "mykolaiv",
    "zaporozhye": "zaporizhzhia",
    "lvov": "lviv",
    "dnepr": "dnipro",
}
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})

Fact = dict[str, Any]


def normalize(text: object) -> str:
    """Lower case, NFKC, straight quotes, single spaces."""
    value = unicodedata.normalize("NFKC", str(text or "")).translate(_QUOTES)
    return " ".join(value.lower().split())


def _place(value: object) -> str:
    text = normalize(value)
    return _PLACE_SPELLINGS.get(text, text)


def _number_equal(a: object, b: object) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-6  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _source_ok(option: Fact, pred: Fact) -> bool:
    if option.get("source_kind") != pred.get("source_kind"):
        return False
    if option.get("source") == "*":
        return True
    a, b = normalize(option.get("source")), normalize(pred.get("source"))
    return bool(a and b) and (a in b or b in a)


def _quantity(gold: Fact, pred: Fact) -> bool:
    return (
        gold.get("event") == pred.get("event")
        and gold.get("category") == pred.get("category")
        and _number_equal(gold.get("value"), pred.get("value"))
    )


def _event(gold: Fact, pred: Fact) -> bool:
    if gold.get("type") != pred.get("type"):
        return False
    if gold.get("phase") and gold["phase"] != pred.get("phase"):
        return False
    if not set(gold.get("actors") or ()) <= set(pred.get("actors") or ()):
        return False
    return not gold.get("place") or _place(gold["place"]) == _place(pred.get("place"))


def _attribution(gold: Fact, pred: Fact) -> bool:
    if normalize(gold.get("quote")) not in normalize(pred.get("sentence")):
        return False
    return any(_source_ok(option, pred) for option in [gold, *(gold.get("alt") or [])])


def _signal(gold: Fact, pred: Fact) -> bool:
    if gold.get("signal") != pred.get("signal"):
        return False
    quote, text = normalize(gold.get("quote")), normalize(pred.get("text"))
    return quote in normalize(pred.get("sentence")) or quote in text or (len(text) >= 4 and text in quote)


MATCHERS: dict[str, Callable[[Fact, Fact], bool]] = {
    "quantity": _quantity,
    "event": _event,
    "attribution": _attribution,
    "signal": _signal,
}


def match(gold: Fact, pred: Fact) -> bool:
    """Whether ``pred`` matches ``gold`` under the contract's rules."""
    kind = gold.get("kind")
    return kind == pred.get("kind") and kind in MATCHERS and MATCHERS[kind](gold, pred)


def pair_up(golds: list[Fact], preds: list[Fact]) -> dict[int, int]:
    """A maximum one-to-one matching, gold index -> prediction index (augmenting paths)."""
    options = [[j for j, p in enumerate(preds) if match(g, p)] for g in golds]
    taken: dict[int, int] = {}

    def claim(i: int, visited: set[int]) -> bool:
        for j in options[i]:
            if j not in visited:
                visited.add(j)
                if j not in taken or claim(taken[j], visited):
                    taken[j] = i
                    return True
        return False

    for i in range(len(golds)):
        claim(i, set())
    return {i: j for j, i in taken.items()}


@dataclass
class Tally:
    """Counts of one kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float | int | None]:
        """tp/fp/fn with precision, recall and F1 (None where undefined)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f1 = None if p is None or r is None else (2 * p * r / (p + r) if p + r else 0.0)
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": _round(p),
            "recall": _round(r),
            "f1": _round(f1),
        }


@dataclass
class Scoreboard:
    """The running result of an evaluation."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    accuracy: dict[str, list[int]] = field(default_factory=lambda: {"measure": [0, 0], "qualifier": [0, 0]})
    details: list[dict[str, Any]] = field(default_factory=list)

    def add(self, doc: str, facets: Iterable[str], golds: list[Fact], preds: list[Fact]) -> None:
        """Score one article's predictions."""
        wanted = set(facets)
        golds = [g for g in golds if g.get("kind") in wanted]
        preds = [p for p in preds if p.get("kind") in wanted]
        pairs = pair_up(golds, preds)
        for i, gold in enumerate(golds):
            tally = self.tallies[gold["kind"]]
            if i not in pairs:
                tally.fn += 1
                self.details.append({"doc": doc, "missed": gold})
                continue
            tally.tp += 1
            if gold["kind"] == "quantity":
                self._accuracy(gold, preds[pairs[i]])
        used = set(pairs.values())
        for j, pred in enumerate(preds):
            if j not in used:
                self.tallies[pred["kind"]].fp += 1
                self.details.append({"doc": doc, "false_alarm": pred})

    def _accuracy(self, gold: Fact, pred: Fact) -> None:
        for key in ("measure", "qualifier"):
            if gold.get(key):
                self.accuracy[key][1] += 1
                self.accuracy[key][0] += int(gold[key] == pred.get(key))

    def result(self, details: bool = False) -> dict[str, Any]:
        """The JSON-ready result."""
        out: dict[str, Any] = {kind: tally.scores() for kind, tally in self.tallies.items()}
        for key, (ok, n) in self.accuracy.items():
            out[f"{key}_accuracy"] = _round(ok / n) if n else None
        if details:
            out["details"] = self.details
        return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold articles of a JSON Lines file, each with ``path`` resolved from the file's folder."""
    base = Path(path).resolve().parent
    docs = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            doc["path"] = str((base / doc["doc"]).resolve())
            docs.append(doc)
    return docs
