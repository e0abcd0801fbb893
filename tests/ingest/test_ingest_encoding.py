"""Encodings: UTF-8 with or without BOM, UTF-16, and legacy code pages found by detection."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import read_bytes, read_path

Write = Callable[[str, str | bytes], Path]
HEADLINE = "Pentagon resumes arms deliveries"
BODY = (
    "The President\u2019s \u201cpackage\u201d includes 31 Abrams tanks \u2014 and more, "
    "the caf\u00e9 owner in Kyiv was told by officials on Monday."
)
TEXT = f"{HEADLINE}\n\n{BODY}\n"


def test_utf8_with_bom(write: Write) -> None:
    article = read_path(write("a.txt", b"\xef\xbb\xbf" + TEXT.encode()))
    assert article.title == HEADLINE
    assert article.text == f"{HEADLINE}\n\n{BODY}"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_utf16_and_utf32(write: Write, encoding: str) -> None:
    article = read_path(write("a.txt", TEXT.encode(encoding)))
    assert article.text == f"{HEADLINE}\n\n{BODY}"


def test_cp1252_is_detected_and_logged(write: Write, caplog: pytest.LogCaptureFixture) -> None:
    path = write("legacy.txt", TEXT.encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="sitrep.ingest"):
        article = read_path(path)
    assert article.text == f"{HEADLINE}\n\n{BODY}"
    assert f"{path}: not UTF-8; decoded as cp1252" in caplog.text


def test_latin1_accents_survive(write: Write) -> None:
    text = "Zelenskyy met Macron and the na\u00efve caf\u00e9 owner in Kyiv on Monday, officials said."
    article = read_path(write("latin.txt", text.encode("latin-1")))
    assert article.text == text


def test_koi8r_is_decoded_then_refused_as_russian(write: Write) -> None:
    russian = (
        "\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 \u0420\u043e\u0441\u0441\u0438\u0438 "
        "\u043f\u0440\u043e\u0432\u0435\u043b \u0442\u0435\u043b\u0435\u0444\u043e\u043d\u043d\u044b\u0439 "
        "\u0440\u0430\u0437\u0433\u043e\u0432\u043e\u0440 \u0441 "
        "\u043f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442\u043e\u043c "
        "\u0410\u0437\u0435\u0440\u0431\u0430\u0439\u0434\u0436\u0430\u043d\u0430."
    )
    path = write("ru.txt", russian.encode("koi8-r"))
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(info.value) == f"{path}: text is not English (detected: ru)"


def test_html_declared_charset(caplog: pytest.LogCaptureFixture) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Aid</title></head><body><article>'
        f"<p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )
    with caplog.at_level(logging.WARNING, logger="sitrep.ingest"):
        article = read_bytes(page.encode("cp1252"), doc="page")
    assert article.fmt == "html"
    assert BODY in article.text
    assert "page: not UTF-8; decoded as windows-1252, the charset the page declares" in caplog.text


def test_control_characters_are_removed() -> None:
    article = read_bytes(f"{HEADLINE}\n\n{BODY}\x1b\x7f\u0085more text.".encode(), doc="<stdin>")
    assert article.text == f"{HEADLINE}\n\n{BODY}\nmore text."
