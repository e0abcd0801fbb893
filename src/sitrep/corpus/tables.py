"""Render rows (dicts) as a terminal table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

MAX_CELL = 60
CHUNK = 500  # rows rendered together when streamed
TABLE_CHUNK = 5000  # a table's: its columns are as wide as the widest cell so far (all of them up to 5,000 rows)


def render(rows: Sequence[dict[str, Any]], fmt: str) -> str:
    """``table`` (aligned columns), ``csv`` (with a header) or ``json`` (a list of objects)."""
    if fmt == "json":
        return json.dumps(list(rows), indent=1, ensure_ascii=False, default=str) + "\n"
    if fmt == "csv":
        return to_csv(rows)
    return to_table(rows)


def stream(rows: Iterable[dict[str, Any]], fmt: str) -> Iterator[str]:
    """``render`` of rows read as they come, ``CHUNK`` rows at a time: the same text for JSON and CSV, and for
    a table of up to ``TABLE_CHUNK`` rows; a longer table's columns widen (never narrow) from one chunk of
    ``TABLE_CHUNK`` rows to the next. Memory holds one chunk."""
    it = iter(rows)
    size = TABLE_CHUNK if fmt == "table" else CHUNK
    first = list(islice(it, size))
    if fmt == "json":
        yield "[" if first else "[]\n"
    widths: list[int] = []
    chunk, done = first, 0
    while chunk:
        if fmt == "json":
            yield "".join(("," if done or n else "") + "\n " + _json(r) for n, r in enumerate(chunk))
        elif fmt == "csv":
            yield to_csv(chunk) if not done else to_csv(chunk).split("\n", 1)[1]
        else:
            text, widths = _table(chunk, widths, header=not done)
            yield text
        done += len(chunk)
        chunk = list(islice(it, size))
    if fmt == "json" and first:
        yield "\n]\n"
    elif fmt == "table" and not first:
        yield "(none)\n"


def _json(row: dict[str, Any]) -> str:
    """One object of ``json.dumps(rows, indent=1)``: indented one level more."""
    return json.dumps(row, indent=1, ensure_ascii=False, default=str).replace("\n", "\n ")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ";".join(map(str, v)) if isinstance(v, (list, tuple)) else v for k, v in row.items()})
    return out.getvalue()


def to_table(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return "(none)\n"
    return _table(rows, [], header=True)[0]


def _table(rows: Sequence[dict[str, Any]], at_least: list[int], header: bool) -> tuple[str, list[int]]:
    """Rows as aligned lines (with the header line), columns no narrower than ``at_least``; and the widths."""
    names = list(rows[0])
    cells = [[_shorten(_cell(row.get(n))) for n in names] for row in rows]
    widths = [max(len(n), *(len(c[i]) for c in cells)) for i, n in enumerate(names)]
    widths = [max([w, *at_least[i : i + 1]]) for i, w in enumerate(widths)]
    lines = ["  ".join(n.upper().ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()] if header else []
    lines += ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in cells]
    return "\n".join(lines) + "\n", widths


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"
