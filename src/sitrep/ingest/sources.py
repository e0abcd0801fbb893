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
from sitrep.ingest.archives import count_items, is_feed, is_warc, iter_feed, iter_warc
from sitrep.ingest.decode import binary_kind
from sitrep.ingest.limits import Limits
from sitrep.ingest.reader import _os_reason, read_path, read_stream, read_text
from sitrep.model import Article

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})
_NOTES = ("SOURCE", "README", "LICENSE", "LICENCE")
RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
Item = Article | InputError
_SNIFF_BYTES = 8192  # the start of a records file checked for binary content


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
    if source.startswith(("http://", "https://")) or is_feed(source):
        yield from iter_feed(source, limits)
    elif is_warc(path):
        yield from iter_warc(path, limits)
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


def unreadable_records_file(path: Path) -> InputError | None:
    """Why a JSONL or CSV file holds no records at all: missing, a directory, empty or binary; else None."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        return InputError(str(path), _os_reason(exc))
    if not head:
        return InputError(str(path), "file is empty")
    kind = binary_kind(head)
    return InputError(str(path), f"binary {kind}, not text") if kind else None


def _jsonl(path: Path, columns: Columns, limits: Limits) -> Iterator[Item]:
    refused = unreadable_records_file(path)
    if refused is not None:
        yield refused
        return
    with path.open(encoding="utf-8", errors="replace") as handle:
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
    """One item per record; a file without the text column is one reject, a short record another."""
    _raise_csv_limit()
    refused = unreadable_records_file(path)
    if refused is not None:
        yield refused
        return
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or ())
        if columns.text not in header:
            named = ", ".join(repr(name) for name in header)
            yield InputError(str(path), f"no column {columns.text!r} in the header row (columns: {named})")
            return
        for number, row in enumerate(reader, start=2):
            doc = f"{path}:{number}"
            yield _short_record(row, header, doc, columns) or record_article(row, doc, columns, limits)


def _short_record(row: Mapping[str, Any], header: list[str], doc: str, columns: Columns) -> InputError | None:
    """The reject of a CSV record that stops before its text column (csv fills the missing cells with None)."""
    if row.get(columns.text) is not None:
        return None
    missing = [name for name in header if row.get(name) is None]
    present = len(header) - len(missing)
    return InputError(doc, f"record has {present} of {len(header)} columns; missing: {', '.join(missing)}")


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
    """How many items ``iter_sources`` will yield (for a progress bar), without reading documents.

    An estimate: a source that cannot be counted (missing, binary, a broken archive) counts
    as one item, the reject it will give; counting never raises.
    """
    total = 0
    for source in sources:
        try:
            total += _count_source(source)
        except Exception as exc:  # noqa: BLE001 - only a progress bar's length depends on it
            log.debug("%s: not counted (%s: %s)", source, type(exc).__name__, exc)
            total += 1
    return total


def _count_source(source: str) -> int:
    path = Path(source)
    kind = RECORD_SUFFIXES.get(path.suffix.lower())
    if source != "-" and path.is_dir():
        return sum(1 for p in path.rglob("*") if p.is_file() and _is_document(p))
    if is_feed(source) or is_warc(path):
        return count_items(path)
    if kind is not None and unreadable_records_file(path) is not None:
        return 1
    if kind == "jsonl":
        with path.open(encoding="utf-8", errors="replace") as handle:
            return sum(1 for line in handle if line.strip())
    if kind == "csv":
        _raise_csv_limit()
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            return max(1, sum(1 for _ in csv.DictReader(handle)))
    return 1


def _is_document(path: Path) -> bool:
    """A document to read from a directory: not hidden, and not a corpus note (SOURCE, README, LICENSE)."""
    name = path.name.upper()
    if path.name.startswith(".") or name.startswith(_NOTES):
        return False
    return path.suffix.lower() in DOCUMENT_SUFFIXES
