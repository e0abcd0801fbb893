"""Bounded fuzzing of the readers (hypothesis): only ``InputError`` may ever come out.

Each reader gets inputs built from the pieces of its own syntax (tags, entities and
comments for HTML; fences, tables, links and YAML for Markdown; quotes, delimiters
and JSON for the record files) mixed with arbitrary text and bytes. The example
counts keep the whole file to a few seconds on a small shared machine.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest import Limits, read_bytes, read_text, sources
from sitrep.model import Article

FUZZ = settings(
    max_examples=500,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
LIMITS = Limits(min_chars=1)
SENTENCE = "Russia launched 40 drones at Kyiv overnight, officials said on Monday."

HTML_PIECES = (
    "<html>",
    "</html>",
    "<head>",
    "</head>",
    "<body>",
    "</body>",
    "<article>",
    "</article>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<div class='content'>",
    "<span>",
    "</span>",
    "<b>",
    "</i>",
    "<br>",
    "<br/>",
    "<table>",
    "<tr><td>",
    "</td></tr>",
    "<ul><li>",
    "</li>",
    "<h1>",
    "</h1>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "<?xml version='1.0'?>",
    "<meta charset='koi8-r'>",
    "<meta charset='nonsense'>",
    "<meta name='date' content='2025-07-08'>",
    "<title>",
    "</title>",
    "&amp;",
    "&nbsp;",
    "&#0;",
    "&#xD800;",
    "&#99999999;",
    "&bogus;",
    "<",
    ">",
    "</",
    "/>",
    "=",
    "'",
    '"',
    "<a href=",
    "<img src=x onerror=y>",
    "<svg><foreignObject>",
    "<math>",
    "<template>",
    "<iframe srcdoc='<p>x'>",
    "\x00",
    "\ufeff",
    "\u2028",
    SENTENCE,
)
MARKDOWN_PIECES = (
    "---\n",
    "...\n",
    "title: Aid\n",
    "date: 2025-07-08\n",
    "date: 2025-13-45\n",
    "date: !!timestamp x\n",
    "source_url: http://[::1\n",
    "author: [a, b]\n",
    "tags: {a: [}\n",
    "a: &x [*x]\n",
    "? complex\n",
    "!!python/object:os.system\n",
    "title: |\n  block\n",
    "\t",
    "# ",
    "## Heading\n",
    "===\n",
    "---\n\n",
    "```\n",
    "~~~\n",
    "> ",
    "- ",
    "* ",
    "1. ",
    "2022. ",
    "| a | b |\n",
    "|---|---|\n",
    "+---+\n",
    "[link](",
    "](x)",
    "![img](y.png)",
    "[^1]",
    "[ref]: http://x\n",
    "~~",
    "**",
    "__",
    "_",
    "`",
    "\\",
    "\\\n",
    "  \n",
    "<s>",
    "</s>",
    "<del>x",
    "<!--",
    "<br>",
    "\n",
    "\n\n",
    SENTENCE,
)
RECORD_PIECES = (
    '{"text": "',
    '", "title": "',
    '", "date": "2025-07-08',
    '", "url": "http://x',
    '"}',
    "{",
    "}",
    "[",
    "]",
    '"',
    "\\",
    "\\u0000",
    "\\ud800",
    "null",
    "true",
    "1e999",
    ",",
    ":",
    "\n",
    "\r\n",
    "text,title,date\n",
    "title,date\n",
    '"a,b"',
    '""',
    ",,,",
    "\x00",
    "\ufeff",
    SENTENCE,
)


def _built(pieces: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=10)), max_size=40).map("".join)


def _only_input_errors(read: object) -> Article | InputError:
    """Run a reader; an ``InputError`` is a fine answer, any other exception fails the test."""
    try:
        article = read()  # type: ignore[operator]
    except InputError as exc:
        assert exc.reason and "\n" not in str(exc), exc
        return exc
    assert isinstance(article, Article)
    assert article.text.strip()
    return article


@FUZZ
@given(html=_built(HTML_PIECES))
def test_html_reader(html: str) -> None:
    _only_input_errors(lambda: read_text(html, doc="page", fmt="html", limits=LIMITS))


@FUZZ
@given(markdown=_built(MARKDOWN_PIECES))
def test_markdown_and_front_matter_reader(markdown: str) -> None:
    _only_input_errors(lambda: read_text(markdown, doc="note", fmt="md", limits=LIMITS))


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), _built(HTML_PIECES + MARKDOWN_PIECES).map(str.encode)))
def test_byte_reader_with_sniffing_and_decoding(data: bytes) -> None:
    _only_input_errors(lambda: read_bytes(data, doc="<stdin>", limits=LIMITS))


@FUZZ
@given(data=st.binary(max_size=300), encoding=st.sampled_from(["cp1252", "latin-1", "koi8-r", "utf-16", "cp1251"]))
def test_byte_reader_on_legacy_encodings(data: bytes, encoding: str) -> None:
    text = (SENTENCE + data.decode("latin-1")).encode(encoding, errors="replace")
    _only_input_errors(lambda: read_bytes(text, doc="<stdin>", limits=LIMITS))


@settings(FUZZ, max_examples=150)
@given(content=_built(RECORD_PIECES), suffix=st.sampled_from([".jsonl", ".csv"]))
def test_jsonl_and_csv_readers(
    tmp_path_factory: pytest.TempPathFactory, caplog: pytest.LogCaptureFixture, content: str, suffix: str
) -> None:
    path: Path = tmp_path_factory.mktemp("records") / f"records{suffix}"
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        items = list(sources.iter_sources([str(path)], limits=LIMITS))
    assert all(isinstance(item, (Article, InputError)) for item in items)
    # The sources layer turns a reader's unexpected exception into an InputError and logs it:
    # none may happen.
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR], caplog.text
