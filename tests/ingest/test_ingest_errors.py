"""Every unusable input raises ``InputError`` naming the input and the reason."""

from __future__ import annotations

import gzip
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import Limits, read_bytes, read_path, read_stream, read_text
from sitrep.ingest.reader import _os_reason

Write = Callable[[str, str | bytes], Path]
ENGLISH = "Russia launched 40 drones at Kyiv overnight, officials said.\n"


def refused(path: Path | str, **kwargs: object) -> str:
    """The ``str()`` of the ``InputError`` that reading ``path`` raises."""
    with pytest.raises(InputError) as info:
        read_path(path, **kwargs)  # type: ignore[arg-type]
    assert info.value.source == str(path)
    return str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    assert refused(path) == f"{path}: no such file"


def test_missing_file_given_as_str(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.md")
    assert refused(path) == f"{path}: no such file"


def test_path_through_a_file(write: Write) -> None:
    path = write("a.txt", ENGLISH) / "inner.txt"
    assert refused(path) == f"{path}: no such file"


def test_directory(tmp_path: Path) -> None:
    assert refused(tmp_path) == f"{tmp_path}: is a directory"


def test_unreadable_file(write: Write) -> None:
    path = write("secret.txt", ENGLISH)
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: use a write-only sysctl file instead
        path = Path("/proc/sys/vm/drop_caches")
        if not path.exists() or os.access(path, os.R_OK):
            pytest.skip("no unreadable file available to this user")
    assert refused(path) == f"{path}: permission denied: the file cannot be read"


def test_permission_reason() -> None:
    assert _os_reason(PermissionError(13, "Permission denied")) == "permission denied: the file cannot be read"
    assert _os_reason(OSError(5, "Input/output error")) == "cannot read the file (Input/output error)"


def test_too_large_is_refused_from_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # sparse: 20 MiB on paper, nothing to read
    assert refused(path) == f"{path}: file is 20.0 MB, over the 5.0 MB limit (SITREP_MAX_BYTES)"


def test_size_limit_from_env(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_MAX_BYTES", "1k")
    path = write("a.txt", ENGLISH * 40)
    assert refused(path) == f"{path}: file is 2,440 bytes, over the 1,024-byte limit (SITREP_MAX_BYTES)"


def test_bytes_and_stream_too_large() -> None:
    data = b"x" * (6 * 1024 * 1024)
    with pytest.raises(InputError) as info:
        read_bytes(data, doc="<stdin>")
    assert str(info.value) == "<stdin>: input is 6.0 MB, over the 5.0 MB limit (SITREP_MAX_BYTES)"
    with pytest.raises(InputError) as info:
        read_stream(io.BytesIO(data))
    assert str(info.value) == "<stdin>: input is over the 5.0 MB limit (SITREP_MAX_BYTES)"


def test_empty_file(write: Write) -> None:
    path = write("empty.txt", b"")
    assert refused(path) == f"{path}: file is empty"


def test_empty_input() -> None:
    with pytest.raises(InputError, match=r"^<stdin>: input is empty$"):
        read_bytes(b"", doc="<stdin>")
    with pytest.raises(InputError, match=r"^<stdin>: input is empty$"):
        read_text("")


@pytest.mark.parametrize("content", [" \n\t\n   \r\n", "\ufeff\u00a0\u200b\n\n"])
def test_whitespace_only(write: Write, content: str) -> None:
    path = write("blank.txt", content)
    assert refused(path) == f"{path}: file contains only whitespace"


def _zip(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF document"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", "PNG image"),
        ("photo.md", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01", "JPEG image"),
        ("anim.html", b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF image"),
        ("bundle.txt", _zip("notes.txt"), "ZIP archive or Office document"),
        ("memo.txt", _zip("word/document.xml"), "Word document (DOCX)"),
        ("article.txt", gzip.compress(ENGLISH.encode()), "gzip archive"),
        ("nul.txt", b"Russia launched\x00 40 drones at Kyiv overnight.", "data (contains NUL bytes)"),
        ("ctl.txt", b"\x01\x02\x03\x04 Russia launched 40 drones", "data (13% control bytes)"),
    ],
)
def test_binary(write: Write, name: str, data: bytes, kind: str) -> None:
    path = write(name, data)
    assert refused(path) == f"{path}: binary {kind}, not text"


def test_undecodable(write: Write) -> None:
    path = write("mystery.txt", bytes(range(0x80, 0x100)) * 4)
    assert refused(path) == f"{path}: not valid UTF-8 and no text encoding could be detected"


def test_line_too_long_default_limit(write: Write) -> None:
    path = write("long.txt", "Kyiv\n\n" + "a" * 200_001 + "\n")
    assert refused(path) == (
        f"{path}: line 3 is 200,001 characters long, over the 200,000-character limit (SITREP_MAX_LINE_CHARS)"
    )


def test_line_limit_from_env(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_MAX_LINE_CHARS", "30")
    path = write("a.txt", ENGLISH)
    assert refused(path) == f"{path}: line 1 is 60 characters long, over the 30-character limit (SITREP_MAX_LINE_CHARS)"


def test_unwrapped_markdown_paragraph_too_long(write: Write) -> None:
    text = "The United States will send more\nmissiles to Ukraine, officials said\non Monday in Washington.\n"
    path = write("a.md", text)
    assert refused(path, limits=Limits(max_line_chars=80)) == (
        f"{path}: a paragraph of the cleaned text is 93 characters long, over the 80-character limit "
        "(SITREP_MAX_LINE_CHARS)"
    )


def test_too_short(write: Write) -> None:
    path = write("short.txt", "Kyiv attacked.\n")
    assert refused(path) == (
        f"{path}: too short to analyze: 14 characters of text, at least 20 needed (SITREP_MIN_CHARS)"
    )


def test_too_short_after_markdown_cleaning(write: Write) -> None:
    path = write("a.md", "---\ntitle: A long title that does not count as text\n---\n![image](x.png)\n\n**Kyiv.**\n")
    assert refused(path) == f"{path}: too short to analyze: 5 characters of text, at least 20 needed (SITREP_MIN_CHARS)"


def test_not_english(write: Write) -> None:
    path = write(
        "de.txt",
        "Die Bundesregierung hat am Montag weitere Waffenlieferungen an die Ukraine angekündigt. "
        "Nach Angaben des Ministeriums sollen auch Systeme zur Flugabwehr geliefert werden.",
    )
    assert refused(path) == f"{path}: text is not English (detected: de)"


def test_html_without_article_text(write: Write) -> None:
    page = (
        "<html><head><title>Live updates</title></head><body><img src=a.png><script>var x = 1;</script></body></html>"
    )
    path = write("empty.html", page)
    assert refused(path) == f"{path}: no article text found in the HTML"


def test_deeply_nested_html(write: Write) -> None:
    page = "<html><body>" + "<div>" * 50_000 + "<p>" + ENGLISH + "</p>" + "</div>" * 50_000 + "</body></html>"
    path = write("deep.html", page)
    assert refused(path) == f"{path}: the HTML could not be parsed: it is nested too deeply (over 255 levels)"


@pytest.mark.parametrize(
    "markup",
    ["<<<>>><html<body", "<html><body><p>" + "</b></i>" * 1000, "<?xml ?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>"],
)
def test_malformed_html_is_refused_not_crashed(write: Write, markup: str) -> None:
    path = write("bad.html", markup)
    message = refused(path)
    assert message.startswith(f"{path}: ")


def test_unknown_format() -> None:
    with pytest.raises(InputError) as info:
        read_text(ENGLISH, doc="x", fmt="pdf")
    assert str(info.value) == "x: unknown format 'pdf' (expected txt, md or html)"


def test_bad_limit_variable(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_MAX_BYTES", "lots")
    with pytest.raises(InputError) as info:
        read_path(write("a.txt", ENGLISH))
    assert str(info.value) == "SITREP_MAX_BYTES: must be a positive whole number, got 'lots'"
