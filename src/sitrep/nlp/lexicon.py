"""Load Sitrep's lexicons (data files in ``lexicons/``) into typed, read-only tables.

The files are data, not code: a new conflict needs new rows, not new ``if`` chains.
They are read once per process (``load_lexicons`` is cached).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).with_name("lexicons")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ItemTerm:
    """A countable thing: a weapon name (case-sensitive) or a generic noun."""

    term: str
    category: str
    kind: str
    system: str | None = None
    munition: str | None = None
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorTerm:
    """A state, demonym, institution, alliance or outlet, with its code."""

    term: str
    code: str | None
    kind: str
    source_kind: str | None = None
    refers: str | None = None  # kind "reference": "enemy" or "self", resolved per document


@dataclass(frozen=True)
class PersonTerm:
    """A known public figure: canonical name, aliases, state and roles."""

    name: str
    aliases: tuple[str, ...]
    code: str | None
    roles: tuple[str, ...]


@dataclass(frozen=True)
class PlaceTerm:
    """A place that is not a state, with the state it lies in."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    kind: str


@dataclass(frozen=True)
class Lexicons:
    """All lexicons of one language pack."""

    items: tuple[ItemTerm, ...]
    actors: tuple[ActorTerm, ...]
    persons: tuple[PersonTerm, ...]
    places: tuple[PlaceTerm, ...]
    cues: dict[str, Any] = field(hash=False, compare=False)
    cue_files: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False, compare=False)
    directory: str = field(default="", hash=False, compare=False)
    heads: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    opponents: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    backed: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def cue_list(self, *path: str) -> list[str]:
        """The list of cue phrases at ``path`` in cues.json (lower case)."""
        node: Any = self.cues
        for key in path:
            node = node[key]
        return [str(x).lower() for x in node]


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc})") from exc


def plural(word: str) -> str:
    """A regular English plural of ``word`` (last word of a phrase)."""
    lower = word.lower()
    if lower.endswith(("s", "x", "ch", "sh", "z")):
        return word + "es"
    if lower.endswith("y") and len(word) > 1 and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _items(path: Path) -> Iterator[ItemTerm]:
    for row in _read_jsonl(path):
        kind = row.get("kind", "noun")
        forms = {row["term"]}
        if kind == "noun" or row.get("plural"):
            forms.add(row.get("plural") or plural(row["term"]))
        for form in sorted(forms):
            yield ItemTerm(
                form,
                row["category"],
                kind,
                row.get("system"),
                row.get("munition"),
                tuple(row.get("not_before", ())),
                tuple(row.get("not_after", ())),
            )


def _actors(path: Path) -> Iterator[ActorTerm]:
    for row in _read_jsonl(path):
        yield ActorTerm(
            row["term"], row.get("code"), row.get("kind", "state"), row.get("source_kind"), row.get("refers")
        )


def _persons(path: Path) -> Iterator[PersonTerm]:
    for row in _read_jsonl(path):
        yield PersonTerm(row["name"], tuple(row.get("aliases", ())), row.get("code"), tuple(row.get("roles", ())))


def _places(path: Path) -> Iterator[PlaceTerm]:
    for row in _read_jsonl(path):
        yield PlaceTerm(row["name"], tuple(row.get("aliases", ())), row.get("country"), row.get("kind", "city"))


def _cue_files(folder: Path) -> dict[str, dict[str, Any]]:
    """Every ``cues/*.json`` file by its stem ("events"), without its ``_about`` note."""
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("_about", None)
        files[path.stem] = data
    return files


def _cues(files: dict[str, dict[str, Any]], folder: Path) -> dict[str, Any]:
    """Every cue file merged into one mapping (keys are unique across files)."""
    merged: dict[str, Any] = {}
    for stem, data in files.items():
        clash = set(data) & set(merged)
        if clash:
            raise ValueError(f"{folder / stem}.json: cue lists {sorted(clash)} are defined twice")
        merged.update(data)
    return merged


def _heads(path: Path) -> Iterator[tuple[str, str]]:
    """Head nouns that pick a name's ``system`` or ``munition`` category."""
    for row in _read_jsonl(path):
        for form in {row["term"], row.get("plural") or plural(row["term"])}:
            yield form.lower(), row["role"]


def _opponents(path: Path) -> dict[str, tuple[str, ...]]:
    """For each side of a listed war, the sides it fights (``conflicts.jsonl``; absent file: none)."""
    table: dict[str, list[str]] = {}
    if not path.exists():
        return {}
    for row in _read_jsonl(path):
        first, second = row["sides"]
        table.setdefault(first, []).append(second)
        table.setdefault(second, []).append(first)
    return {side: tuple(others) for side, others in table.items()}


def _backed(path: Path) -> dict[str, str]:
    """For each backer of a side at war, the side it backs (``conflicts.jsonl`` ``backers``; one side each)."""
    if not path.exists():
        return {}
    return {
        backer: side
        for row in _read_jsonl(path)
        for side, backers in (row.get("backers") or {}).items()
        for backer in backers
    }


@lru_cache(maxsize=4)
def load_lexicons(directory: str | None = None) -> Lexicons:
    """Read every lexicon file in ``directory`` (default: the packaged one)."""
    base = Path(directory) if directory else LEXICON_DIR
    cue_files = _cue_files(base / "cues")
    lex = Lexicons(
        items=tuple(_items(base / "items.jsonl")),
        actors=tuple(_actors(base / "actors.jsonl")),
        persons=tuple(_persons(base / "persons.jsonl")),
        places=tuple(_places(base / "places.jsonl")),
        cues=_cues(cue_files, base / "cues"),
        cue_files=cue_files,
        directory=str(base),
        heads=dict(_heads(base / "heads.jsonl")),
        opponents=_opponents(base / "conflicts.jsonl"),
        backed=_backed(base / "conflicts.jsonl"),
    )
    log.debug(
        "lexicons: %d items, %d actors, %d persons, %d places",
        len(lex.items),
        len(lex.actors),
        len(lex.persons),
        len(lex.places),
    )
    return lex
