"""Typed cue objects: each component declares the cue lists it reads as a frozen dataclass.

A class decorated with ``@cueset("events")`` names one cue file (``lexicons/cues/events.json``);
each of its fields is one key of that file, typed by what the key holds:

* ``frozenset[str]`` or ``tuple[str, ...]``: a list of phrases (lower-cased);
* ``dict[str, tuple[str, ...]]``: phrases by label (lower-cased);
* ``dict[str, str]``: a plain table (kept as written, e.g. web sites to state codes);
* ``dict[str, float]``: numbers by phrase (lower-cased phrases, e.g. units of area).

``load_cues(Cls, lex)`` reads them all; a key that is missing, or holds the wrong shape,
fails at load with a ``CueError`` naming the file and the key. ``CUE_SETS`` lists every
declared class, so a test can check that every key of every cue file is read by one.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sitrep.nlp.lexicon import Lexicons

T = TypeVar("T")

#: Every declared cue class with the stem of its cue file, in order of declaration.
CUE_SETS: list[tuple[type[Any], str]] = []


class CueError(ValueError):
    """A cue file lacks a key a component reads, or the key holds the wrong shape."""


def cueset(file: str) -> Callable[[type[T]], type[T]]:
    """Declare a frozen dataclass as the typed cues of ``lexicons/cues/<file>.json``."""

    def register(cls: type[T]) -> type[T]:
        CUE_SETS.append((cls, file))
        return cls

    return register


def cue_file_of(cls: type[Any]) -> str:
    """The cue file stem a class was declared for."""
    return next(file for declared, file in CUE_SETS if declared is cls)


def _phrases(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise CueError(f"{where}: expected a list of phrases")
    return [x.lower() for x in value]


def _convert(hint: Any, value: Any, where: str) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is frozenset:
        return frozenset(_phrases(value, where))
    if origin is tuple:
        return tuple(_phrases(value, where))
    if origin is dict and args == (str, str):
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise CueError(f"{where}: expected a table of strings")
        return dict(value)
    if origin is dict and args == (str, float):
        if not isinstance(value, dict) or not all(isinstance(v, (int, float)) for v in value.values()):
            raise CueError(f"{where}: expected numbers by phrase")
        return {str(k).lower(): float(v) for k, v in value.items()}
    if origin is dict:
        if not isinstance(value, dict):
            raise CueError(f"{where}: expected phrases by label")
        return {str(label): tuple(_phrases(words, f"{where}.{label}")) for label, words in value.items()}
    if hint is int and isinstance(value, int):
        return value
    raise CueError(f"{where}: cannot read a {hint} from {type(value).__name__}")


def load_cues(cls: type[T], lex: Lexicons) -> T:
    """The typed cues of ``cls`` read from ``lex`` (``CueError`` naming file and key when one is missing)."""
    file = cue_file_of(cls)
    path = Path(lex.directory) / "cues" / f"{file}.json"
    data = lex.cue_files.get(file)
    if data is None:
        raise CueError(f"{path}: no such cue file (needed by {cls.__name__})")
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for spec in dataclasses.fields(cls):  # type: ignore[arg-type]
        if spec.name not in data:
            raise CueError(f"{path}: no cue list {spec.name!r} (needed by {cls.__name__})")
        values[spec.name] = _convert(hints[spec.name], data[spec.name], f"{path}: {spec.name}")
    return cls(**values)
