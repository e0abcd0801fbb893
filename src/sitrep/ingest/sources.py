"""Iterate the articles of many inputs, lazily: files, directory trees, JSONL, CSV, feeds, WARC, stdin.

Each input yields ``Article`` or, for an input that cannot be used, the ``InputError``
saying why (``source`` names the file, or ``file:line`` for a record), so one bad
record never stops a corpus. Records of JSONL and CSV files are mapped to articles
by a ``Columns`` mapping (``--text body --title headline --date date --url link``).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest import archives
from sitrep.ingest.limits import Limits
from sitrep.ingest.reader import read_path, read_stream, read_text
from sitrep.model import Article

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})
_NOTES = ("SOURCE", "README", "LICENSE", "LICENCE")
RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
Item = Article | InputError


@dataclasses.dataclass(frozen=True)
class Columns:
    """Which field of a JSONL/CSV record holds the text, title, date and URL."""

    text: str = "text"
    title: str | None = "title"
    date: str | None = "date"
    url: str | None = "url"


def _raise_csv_limit() -> None:
    """Let the csv module read fields as long as a whole article (the default is 128 KiB)."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10


def iter_sources(sources: list[str], columns: Columns | None = None, limits: Limits | None = None) -> Iterator[Item]:
    """Articles (or the errors of refused inputs) of every source, in order, one at a time."""
    columns = columns or Columns()
    limits = limits or Limits.from_env()
    for source in sources:
        yield from iter_source(source, columns, limits)


def iter_source(source: str, columns: Columns, limits: Limits) -> Iterator[Item]:
    """The items of one source: ``-`` (stdin), a directory, a JSONL/CSV file, a feed, a WARC or a document."""
    if source == "-":
        yield _guard("<stdin>", lambda: read_stream(sys.stdin.buffer, doc="<stdin>", limits=limits))
        return
    path = Path(source)
    if path.is_dir():
        yield from _directory(path, limits)
        return
    kind = RECORD_SUFFIXES.get(path.suffix.lower())
    if source.startswith(("http://", "https://")) or archives.is_feed(source):
        yield from archives.iter_feed(source, limits)
    elif archives.is_warc(path):
        yield from archives.iter_warc(path, limits)
    elif kind == "jsonl":
        yield from _jsonl(path, columns, limits)
    elif kind == "csv":
        yield from _csv(path, columns, limits)
    else:
        yield _guard(source, lambda: read_path(path, limits=limits))


def _guard(source: str, read: Any) -> Item:
    try:
        article: Article = read()
    except InputError as exc:
        return exc
    except Exception as exc:
        log.exception("unexpected failure reading %s", source)
        return InputError(source, f"cannot read the input ({type(exc).__name__}: {exc})")
    return article


def _directory(root: Path, limits: Limits) -> Iterator[Item]:
    """Every document under ``root`` in sorted order (so a resumed run goes the same way), notes skipped."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and _is_document(path):
            yield _guard(str(path), lambda p=path: read_path(p, limits=limits))
        elif path.is_file() and path.suffix.lower() in RECORD_SUFFIXES:
            log.info("%s: records files inside a directory are not read; name them as a source", path)


def _jsonl(path: Path, columns: Columns, limits: Limits) -> Iterator[Item]:
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except OSError as exc:
        yield InputError(str(path), f"cannot read the file ({exc.strerror or exc})")
        return
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            doc = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError(doc, f"not a JSON record ({exc.msg})")
                continue
            if not isinstance(record, dict):
                yield InputError(doc, "not a JSON object")
                continue
            yield record_article(record, doc, columns, limits)


def _csv(path: Path, columns: Columns, limits: Limits) -> Iterator[Item]:
    _raise_csv_limit()
    try:
        handle = path.open(encoding="utf-8", errors="replace", newline="")
    except OSError as exc:
        yield InputError(str(path), f"cannot read the file ({exc.strerror or exc})")
        return
    with handle:
        reader = csv.DictReader(handle)
        if columns.text not in (reader.fieldnames or ()):
            yield InputError(str(path), f"no column {columns.text!r} (columns: {', '.join(reader.fieldnames or ())})")
            return
        for number, row in enumerate(reader, start=2):
            yield record_article(row, f"{path}:{number}", columns, limits)


def record_article(record: Mapping[str, Any], doc: str, columns: Columns, limits: Limits) -> Item:
    """The article of one JSONL/CSV record, or the reason it cannot be one."""
    text = record.get(columns.text)
    if not isinstance(text, str) or not text.strip():
        return InputError(doc, f"no text in field {columns.text!r}")
    item = _guard(doc, lambda: read_text(text, doc=doc, fmt="auto", limits=limits))
    if isinstance(item, InputError):
        return item
    return dataclasses.replace(
        item,
        title=_field(record, columns.title) or item.title,
        url=_field(record, columns.url) or item.url,
        published=_date(_field(record, columns.date)) or item.published,
    )


def _field(record: Mapping[str, Any], name: str | None) -> str | None:
    value = record.get(name) if name else None
    return " ".join(str(value).split()) or None if value not in (None, "") else None


def _date(value: str | None) -> dt.date | None:
    """``2022-06-24``, ``2022-06-24T17:30:00Z`` and the like; None otherwise."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        log.debug("unreadable date %r", value)
        return None


def count_inputs(sources: list[str], columns: Columns | None = None) -> int:
    """How many items ``iter_sources`` will yield (for a progress bar), without reading documents."""
    columns = columns or Columns()
    total = 0
    for source in sources:
        path = Path(source)
        kind = RECORD_SUFFIXES.get(path.suffix.lower())
        try:
            if source != "-" and path.is_dir():
                total += sum(1 for p in path.rglob("*") if p.is_file() and _is_document(p))
            elif archives.is_feed(source) or archives.is_warc(path):
                total += archives.count_items(path)
            elif kind == "jsonl":
                with path.open(encoding="utf-8", errors="replace") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif kind == "csv":
                _raise_csv_limit()
                with path.open(encoding="utf-8", errors="replace", newline="") as handle:
                    total += sum(1 for _ in csv.DictReader(handle))
            else:
                total += 1
        except OSError:
            total += 1
    return total


def _is_document(path: Path) -> bool:
    """A document to read from a directory: not hidden, and not a corpus note (SOURCE, README, LICENSE)."""
    name = path.name.upper()
    if path.name.startswith(".") or name.startswith(_NOTES):
        return False
    return path.suffix.lower() in DOCUMENT_SUFFIXES
