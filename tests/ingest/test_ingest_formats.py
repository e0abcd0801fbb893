"""Each format parses real sample files into the expected ``Article``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sitrep.ingest import read_bytes, read_path, read_text

Write = Callable[[str, str | bytes], Path]

TWEET_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>US to resume some arms deliveries to Ukraine | Example News</title>
<meta property="og:title" content="US to resume some arms deliveries to Ukraine">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-07-09T10:30:00+00:00">
<link rel="canonical" href="https://news.example.com/world/us-arms-ukraine">
</head><body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/login">Sign in</a></nav></header>
<article>
<h1>US to resume some arms deliveries to Ukraine</h1>
<p>Meetings between top U.S. and Ukrainian officials in Italy and Ukraine could lead to the
restart of American military aid that was recently put on hold.</p>
<p>The halted shipments included 8,400 artillery rounds, 142 Hellfire missiles and 30 Patriot
missiles, according to Politico.</p>
<h2>Russia increases attacks</h2>
<p>Russia launched about 1,270 drones and 39 missiles in the past week, President Zelenskyy said.</p>
<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Trump said Monday the U.S. would resume
providing arms to Ukraine. But who was responsible?
<a href="https://twitter.com/hashtag/UkraineWar">#UkraineWar</a>
<a href="https://t.co/NELTB07601">pic.twitter.com/NELTB07601</a></p>&mdash; The Defence Technocrat
(@DefenceTech_) <a href="https://twitter.com/DefenceTech_/status/1">July 8, 2025</a></blockquote>
<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
<ul><li>8,400 artillery rounds</li><li>142 Hellfire missiles</li></ul>
<p>The White House has described the pause as temporary.</p>
</article>
<footer><p>Copyright 2025 Example News. All rights reserved.</p></footer>
</body></html>
"""


def test_biden_markdown_metadata(biden_md: Path) -> None:
    article = read_path(biden_md)
    assert article.fmt == "md"
    assert article.title == "Remarks by President Biden on Continued Support for Ukraine"
    assert article.published == dt.date(2023, 1, 25)
    assert article.published_inferred is False
    assert article.url == (
        "https://bidenwhitehouse.archives.gov/briefing-room/speeches-remarks/2023/01/25/"
        "remarks-by-president-biden-on-continued-support-for-ukraine/"
    )
    assert article.outlet == "bidenwhitehouse.archives.gov"
    assert article.language == "en"
    assert article.doc == str(biden_md)


def test_biden_markdown_body(biden_md: Path) -> None:
    text = read_path(biden_md).text
    assert text.startswith("Roosevelt Room\n\n12:01 P.M. EST\n\nTHE PRESIDENT: Good almost morning.")
    # hard-wrapped lines of one paragraph come out as one line
    assert (
        "\n\nAnd today — today, I’m announcing that the United States will be sending 31 Abram "
        "tanks to Ukraine, the equivalent of one Ukrainian battalion.\n\n"
    ) in text
    # escapes resolved: \[800\] -> [800]
    assert "more than 8,000 [800] artillery systems" in text
    assert "Findalization [Finlandization] of Europe" in text
    assert "\\" not in text and "---" not in text and "title:" not in text
    # the stray hard break inside a sentence is joined like a soft wrap
    assert "standing shoulder-to-shoulder with our Allies and partners" in text
    assert text.endswith("Thank you.\n\n12:10 P.M. EST")
    assert "\n\n\n" not in text


def test_fact_sheet_bullets_stay_on_their_own_lines(shared: Path) -> None:
    path = (
        shared
        / "corpus/whitehouse/docs/statements-releases/2022-03"
        / "2022-03-16-fact-sheet-on-u-s-security-assistance-for-ukraine.md"
    )
    article = read_path(path)
    assert article.title == "Fact Sheet on U.S. Security Assistance for Ukraine"
    assert article.published == dt.date(2022, 3, 16)
    assert (
        "The new $800 million assistance package includes:\n\n"
        "- 800 Stinger anti-aircraft systems;\n"
        "- 2,000 Javelin, 1,000 light anti-armor weapons, and 6,000 AT-4 anti-armor systems;\n"
    ) in article.text


def test_gold_txt_headline_is_the_title(shared: Path) -> None:
    path = shared / "gold/docs/putin-aliyev-call-2022-05-31.txt"
    article = read_path(path)
    assert article.fmt == "txt"
    assert article.title == "Telephone conversation with President of Azerbaijan Ilham Aliyev"
    assert article.text.startswith(
        "Telephone conversation with President of Azerbaijan Ilham Aliyev\n\nThe Presidents assessed"
    )
    assert article.published is None  # never read from the text
    assert article.text == path.read_text(encoding="utf-8").strip()


def test_gold_txt_headline_with_dash(shared: Path) -> None:
    article = read_path(shared / "gold/docs/eu-weapons-zelenskyy-2022-06-20.txt")
    assert article.title == (
        "By providing weapons, EU countries help Ukraine oust the aggressor from its land, "
        "not attack other states - Volodymyr Zelenskyy"
    )


def test_seed_txt_keeps_lines_and_has_no_title(shared: Path) -> None:
    path = shared / "seed/us-aid-pause-article.txt"
    article = read_path(path)
    assert article.title is None  # first line is a sentence and no blank line follows
    lines = article.text.split("\n")
    assert lines[0].startswith("Meetings between top U.S. and Ukrainian officials")
    assert "Russia increases attacks as Ukraine awaits defensive weapons" in lines
    assert "— The Defence Technocrat (@DefenceTech_) July 8, 2025" in lines
    assert len(lines) == len(path.read_text(encoding="utf-8").strip().split("\n"))


def test_txt_cleanup(write: Write) -> None:
    raw = (
        "\ufeffUS pauses arms to Kyiv  \r\n\r\nThe Pentagon\u00a0halted\x07 shipments.\t \r"
        "It cites stocks.\r\n\r\n\r\n\r\nMore later.\n"
    )
    article = read_path(write("a.txt", raw))
    assert article.text == "US pauses arms to Kyiv\n\nThe Pentagon halted shipments.\nIt cites stocks.\n\nMore later."
    assert article.title == "US pauses arms to Kyiv"


def test_txt_nfc(write: Write) -> None:
    article = read_path(write("a.txt", "Zelenskyy met Macro\u0301n in Kyiv on Monday, officials said."))
    assert "Macrón" in article.text and "\u0301" not in article.text


def test_txt_title_needs_blank_line_and_no_final_punctuation(write: Write) -> None:
    body = "Russia launched 40 drones at Kyiv overnight, officials said."
    assert read_path(write("a.txt", f"Drones hit Kyiv\n{body}")).title is None
    assert read_path(write("b.txt", f"Drones hit Kyiv.\n\n{body}")).title is None
    assert read_path(write("c.txt", f"\n\nDrones hit Kyiv\n\n{body}")).title == "Drones hit Kyiv"


def test_html_page_with_tweet(write: Write) -> None:
    article = read_path(write("page.html", TWEET_PAGE))
    assert article.fmt == "html"
    assert article.title == "US to resume some arms deliveries to Ukraine"
    assert article.published == dt.date(2025, 7, 9)
    assert article.author == "Jane Doe"
    assert article.outlet == "Example News"
    assert article.url == "https://news.example.com/world/us-arms-ukraine"
    paragraphs = article.text.split("\n\n")
    assert (
        "The halted shipments included 8,400 artillery rounds, 142 Hellfire missiles and 30 "
        "Patriot missiles, according to Politico."
    ) in paragraphs
    assert "Trump said Monday the U.S. would resume providing arms to Ukraine." in article.text
    assert "pic.twitter.com/NELTB07601" in article.text
    assert "(@DefenceTech_)" in article.text
    assert "- 8,400 artillery rounds\n- 142 Hellfire missiles" in article.text
    assert "Sign in" not in article.text and "Copyright" not in article.text
    assert "<" not in article.text


def test_html_extensions_and_caller_date(write: Write) -> None:
    path = write("page.htm", TWEET_PAGE)
    article = read_path(path, published=dt.date(2025, 7, 10))
    assert article.fmt == "html"
    assert article.published == dt.date(2025, 7, 10)


def test_markdown_extension_variants(write: Write) -> None:
    doc = "---\ntitle: Aid\ndate: 2024-04-24\n---\nThe United States will send more\nATACMS missiles to Ukraine.\n"
    article = read_path(write("a.markdown", doc))
    assert article.fmt == "md"
    assert article.text == "The United States will send more ATACMS missiles to Ukraine."
    assert article.published == dt.date(2024, 4, 24)


def test_unknown_extension_is_sniffed(write: Write) -> None:
    assert read_path(write("page.php", TWEET_PAGE)).fmt == "html"
    md = "---\ntitle: Aid\n---\nThe United States will send more\nATACMS missiles to Ukraine.\n"
    assert read_path(write("note", md)).fmt == "md"
    assert read_path(write("note.dat", "Russia launched 40 drones at Kyiv.")).fmt == "txt"


def test_read_bytes_sniffs_stdin() -> None:
    html = read_bytes(TWEET_PAGE.encode(), doc="<stdin>")
    assert html.fmt == "html" and html.doc == "<stdin>"
    md = read_bytes(b"---\ntitle: Aid\n---\nThe United States will send\nmore missiles to Ukraine.\n", doc="<stdin>")
    assert (md.fmt, md.title, md.text) == ("md", "Aid", "The United States will send more missiles to Ukraine.")
    txt = read_bytes(b"Russia launched 40 drones at Kyiv overnight.", doc="<stdin>")
    assert txt.fmt == "txt"


def test_read_bytes_explicit_format() -> None:
    data = b"# Kyiv under fire\n\nRussia launched 40 drones at Kyiv,\nofficials said.\n"
    article = read_bytes(data, doc="<stdin>", fmt="markdown")
    assert article.fmt == "md"
    assert article.title == "Kyiv under fire"
    assert article.text == "Kyiv under fire\n\nRussia launched 40 drones at Kyiv, officials said."


def test_read_text_defaults_to_txt() -> None:
    article = read_text("# Not a heading here\n\nRussia launched 40 drones at Kyiv.")
    assert article.fmt == "txt"
    assert article.doc == "<stdin>"
    assert article.text.startswith("# Not a heading here")


def test_read_text_auto_and_published() -> None:
    article = read_text(TWEET_PAGE, doc="page", fmt="auto", published=dt.date(2025, 1, 2))
    assert (article.fmt, article.doc, article.published) == ("html", "page", dt.date(2025, 1, 2))


def test_stdin_starting_with_a_rule_is_text() -> None:
    article = read_bytes(b"---\nRussia launched 40 drones at Kyiv overnight, officials said.\n", doc="<stdin>")
    assert article.fmt == "txt"
    assert article.text.startswith("---\nRussia launched")
