"""Size limits applied to every input before it reaches the pipeline."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields

from sitrep.errors import InputError

MIB = 1024 * 1024
#: Longest cleaned text the analyzer takes (spaCy's ``max_length``); longer text is refused.
MAX_TEXT_CHARS = 1_000_000

#: Environment variable that overrides each field of :class:`Limits`.
ENV_VARS: dict[str, str] = {
    "max_bytes": "SITREP_MAX_BYTES",
    "max_line_chars": "SITREP_MAX_LINE_CHARS",
    "min_chars": "SITREP_MIN_CHARS",
}

_SUFFIXES = {"": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": MIB, "mb": MIB, "mib": MIB}
_NUMBER = re.compile(r"(\d+)\s*([a-z]*)")


@dataclass(frozen=True)
class Limits:
    """Limits an input must respect to be accepted.

    ``max_bytes``
        Largest input accepted, in bytes (default 5 MiB; env ``SITREP_MAX_BYTES``,
        which also takes ``k``/``m`` suffixes such as ``10m``). Larger files are
        refused from their size on disk, before being read.
    ``max_line_chars``
        Longest single line accepted, in characters (default 200,000; env
        ``SITREP_MAX_LINE_CHARS``). For Markdown and HTML it also bounds each
        paragraph of the cleaned text.
    ``min_chars``
        Fewest characters of cleaned text worth analyzing (default 20; env
        ``SITREP_MIN_CHARS``).
    """

    max_bytes: int = 5 * MIB
    max_line_chars: int = 200_000
    min_chars: int = 20

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"Limits.{f.name} must be a positive integer, got {value!r}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """Defaults overridden by ``SITREP_MAX_BYTES``, ``SITREP_MAX_LINE_CHARS``, ``SITREP_MIN_CHARS``.

        An unset or empty variable keeps the default; a value that is not a positive
        whole number raises :class:`~sitrep.errors.InputError` naming the variable.
        """
        env = os.environ if environ is None else environ
        values: dict[str, int] = {}
        for name, var in ENV_VARS.items():
            raw = env.get(var, "").strip()
            if raw:
                values[name] = _parse_count(var, raw)
        return cls(**values)


def _parse_count(var: str, raw: str) -> int:
    """``raw`` as a positive integer; byte limits may carry a k/m suffix."""
    match = _NUMBER.fullmatch(raw.lower())
    suffixes = _SUFFIXES if var == ENV_VARS["max_bytes"] else {"": 1}
    if match is None or match.group(2) not in suffixes or int(match.group(1)) < 1:
        raise InputError(var, f"must be a positive whole number, got {raw!r}")
    return int(match.group(1)) * suffixes[match.group(2)]


def format_size(size: int) -> str:
    """A byte count in MB (MiB) with one decimal, as in ``5.0 MB``."""
    return f"{size / MIB:.1f} MB"
