"""Turn raw bytes into text: refuse binary files, then find the encoding."""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

from sitrep.errors import InputError

logger = logging.getLogger(__name__)

#: Magic numbers of common binary formats someone may hand us by mistake.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_OFFICE_PARTS = (
    (b"word/", "Word document (DOCX)"),
    (b"xl/", "Excel workbook (XLSX)"),
    (b"ppt/", "PowerPoint presentation (PPTX)"),
    (b"mimetypeapplication/epub", "EPUB book"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D} | {0x7F}
_MAX_CONTROL_SHARE = 0.05
_SAMPLE = 64 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_SINGLE_BYTE_LATIN = {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_15", "cp775"}
_ESCAPED_RUNS = re.compile("[\udc80-\udcff]+")
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
_MIN_UTF8_PER_BAD_RUN = 2
UNDECODABLE = "not valid UTF-8 and no text encoding could be detected"


def binary_kind(data: bytes) -> str | None:
    """Why ``data`` is binary rather than text (``None`` when it looks like text)."""
    if _bom_encoding(data) is not None:
        return None
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return _zip_kind(data) if kind == "ZIP archive" else kind
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return None if _utf16_without_bom(sample) else "data (contains NUL bytes)"
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if controls > _MAX_CONTROL_SHARE * len(sample):
        return f"data ({controls / len(sample):.0%} control bytes)"
    return None


def _zip_kind(data: bytes) -> str:
    """Name the Office or EPUB format a ZIP file holds, when its member names say so."""
    head = data[:_SAMPLE]
    for marker, kind in _OFFICE_PARTS:
        if marker in head:
            return kind
    return "ZIP archive or Office document"


def _bom_encoding(data: bytes) -> str | None:
    """The UTF-16/32 encoding announced by a byte-order mark, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL, as in BOM-less UTF-16 text."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, source: str, *, markup: bool = False) -> str:
    """Decode ``data``: UTF-8 (BOM or not), UTF-16/32 with BOM, else a detected encoding.

    ``markup`` lets an HTML ``<meta charset>`` declaration be tried before detection.
    A non-UTF-8 encoding is logged as a warning; undecodable data raises ``InputError``.
    """
    encoding = _bom_encoding(data) or _utf16_without_bom(data[:_SAMPLE])
    if encoding is not None:
        return _decode_strict(data, encoding, source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = _damaged_utf8(data, source) or (_declared(data, source) if markup else None) or _detected(data, source)
    if text is None:
        raise InputError(source, UNDECODABLE)
    return text


def _damaged_utf8(data: bytes, source: str) -> str | None:
    """UTF-8 with a few bad bytes (a cut or corrupted file), each bad run marked with U+FFFD.

    Taken as UTF-8 when its valid multi-byte characters are at least
    ``_MIN_UTF8_PER_BAD_RUN`` times as many as its runs of invalid bytes: text in a
    legacy code page almost never holds a valid UTF-8 sequence, and guessing a code
    page for damaged UTF-8 would garble every one of its accented letters and quotes.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED_RUNS.findall(text))
    good = len(_NON_ASCII.findall(text))
    if good < _MIN_UTF8_PER_BAD_RUN * bad:
        return None
    logger.warning("%s: not valid UTF-8: %d damaged sequence(s) replaced with U+FFFD", source, bad)
    return data.decode("utf-8-sig", errors="replace")


def _decode_strict(data: bytes, encoding: str, source: str) -> str:
    """Decode with a known encoding, dropping its BOM; failure is an ``InputError``."""
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise InputError(source, f"not valid {encoding.upper()} despite its byte-order mark") from None


def _declared(data: bytes, source: str) -> str | None:
    """Decode with the charset an HTML page declares, when it is known and fits."""
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        text = data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
    logger.warning("%s: not UTF-8; decoded as %s, the charset the page declares", source, name)
    return text


def _detected(data: bytes, source: str) -> str | None:
    """Decode with the encoding charset-normalizer finds most plausible, if any."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    encoding = best.encoding
    if encoding in _SINGLE_BYTE_LATIN and _mostly_ascii(data):
        encoding = _prefer_cp1252(data, encoding)
    logger.warning("%s: not UTF-8; decoded as %s (detected)", source, encoding)
    return data.decode(encoding, errors="replace")


def _mostly_ascii(data: bytes) -> bool:
    """True when high bytes are a small minority, as in Western text with a few accents."""
    high = sum(1 for byte in data[:_SAMPLE] if byte >= 0x80)
    return high < 0.3 * min(len(data), _SAMPLE)


def _prefer_cp1252(data: bytes, encoding: str) -> str:
    """cp1252 over a near-identical Latin code page it ties with (cp1250, latin-1 ...)."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return encoding
    return "cp1252"
