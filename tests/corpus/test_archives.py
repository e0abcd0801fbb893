"""RSS/Atom feeds and WARC archives as ingest sources."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.errors import InputError
from sitrep.ingest.archives import html_to_text
from sitrep.ingest.sources import count_inputs, iter_sources

BODY = "Russia launched 40 drones at Kyiv overnight, Ukraine's air force said on Tuesday morning."
RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire One</title><link>https://wire-one.test/</link>
<item><title>Drones over Kyiv</title><link>https://wire-one.test/a</link><guid>a-1</guid>
<pubDate>Tue, 08 Jul 2025 06:00:00 GMT</pubDate>
<description><![CDATA[<p>{BODY}</p><p>Air defenses shot down 35 of them.</p>]]></description></item>
<item><title>Empty</title><link>https://wire-one.test/b</link><guid>b-2</guid><description></description></item>
</channel></rss>
"""
PAGE = f"""<html><head><title>Drones over Kyiv</title></head><body><article><h1>Drones over Kyiv</h1>
<p>{BODY}</p><p>Air defenses shot down 35 of them, and debris fell on two districts of the capital, officials said.</p>
<p>The attack lasted several hours and damaged power lines in the region around the city.</p></article></body></html>"""


def test_feed_entries_become_articles(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text(RSS, encoding="utf-8")
    first, empty = iter_sources([str(feed)])
    assert not isinstance(first, InputError)
    assert (first.title, first.url, first.outlet, str(first.published)) == (
        "Drones over Kyiv",
        "https://wire-one.test/a",
        "Wire One",
        "2025-07-08",
    )
    assert first.doc == f"{feed}#a-1"
    assert first.text == BODY + "\n\nAir defenses shot down 35 of them."
    assert isinstance(empty, InputError)
    assert empty.source == f"{feed}#b-2"
    assert count_inputs([str(feed)]) == 2


def _warc(path: Path) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for uri, kind, body in [
            ("https://wire-one.test/a", "text/html; charset=utf-8", PAGE),
            ("https://wire-one.test/logo.png", "image/png", "PNG"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=headers
            )
            writer.write_record(record)


def test_warc_html_responses_become_articles(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive)
    (article,) = iter_sources([str(archive)])
    assert not isinstance(article, InputError)
    assert article.doc == f"{archive}#https://wire-one.test/a"
    assert article.url == "https://wire-one.test/a"
    assert BODY in article.text


def test_a_broken_warc_is_one_reject(tmp_path: Path) -> None:
    archive = tmp_path / "broken.warc"
    archive.write_bytes(b"this is not an archive at all\r\n\r\n")
    (item,) = iter_sources([str(archive)])
    assert isinstance(item, InputError)
    assert item.source == str(archive)


def test_html_to_text_keeps_paragraphs() -> None:
    assert html_to_text("<p>One  two.</p><p>Three<br>four</p>") == "One two.\n\nThree\n\nfour"
    assert html_to_text("plain") == "plain"
