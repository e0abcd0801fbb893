"""Markdown cleaning, one feature at a time, and front matter handling."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.errors import InputError
from sitrep.ingest import read_text
from sitrep.ingest.markdown import clean_body, inline

BODY = "The United States will send more missiles to Ukraine, officials said."


def test_unwraps_paragraphs_and_collapses_blank_lines() -> None:
    body = "First line of a\nparagraph  that   wraps.\n\n\n\nSecond\nparagraph.\n"
    assert clean_body(body) == "First line of a paragraph that wraps.\n\nSecond paragraph."


def test_headings_stand_alone_without_markers() -> None:
    body = "## Security Assistance ##\nThe package includes\nthe following.\n# Next"
    assert clean_body(body) == "Security Assistance\n\nThe package includes the following.\n\nNext"


def test_setext_heading_and_rule() -> None:
    body = "Key Outcomes\n============\nAllies agree.\n\n***\n\nMore text\n---\n"
    assert clean_body(body) == "Key Outcomes\n\nAllies agree.\n\nMore text"


def test_list_items_with_continuations_and_nesting() -> None:
    body = (
        "The package includes:\n\n"
        "-   800 Stinger anti-aircraft\n    systems;\n"
        "    -   nested item\n"
        "* 2,000 Javelin;\n"
        "+ 100 drones;\n"
        "\u2022 25,000 helmets.\n"
        "1.  First point\n"
        "2)  Second point\n"
    )
    assert clean_body(body) == (
        "The package includes:\n\n"
        "- 800 Stinger anti-aircraft systems;\n"
        "- nested item\n"
        "- 2,000 Javelin;\n"
        "- 100 drones;\n"
        "- 25,000 helmets.\n"
        "1. First point\n"
        "2. Second point"
    )


def test_wrapped_number_does_not_start_a_list() -> None:
    body = "The aid was approved in\n2022. It arrived later.\n1. But this is a list."
    assert clean_body(body) == "The aid was approved in 2022. It arrived later.\n1. But this is a list."


def test_table_rows_stay_separate() -> None:
    body = "Deliveries:\n\n| System | Count |\n|---|---:|\n| Patriot | 30 |\n| HIMARS | 12 |\n\nEnd."
    assert clean_body(body) == "Deliveries:\n\nSystem | Count\nPatriot | 30\nHIMARS | 12\n\nEnd."


def test_table_without_outer_pipes() -> None:
    body = "System | Count\n--- | ---\nPatriot | 30\n"
    assert clean_body(body) == "System | Count\nPatriot | 30"


def test_escapes_are_resolved_and_not_taken_for_markup() -> None:
    body = "More than 8,000 \\[800\\] systems \\*not bold\\* \\_x\\_ \\#1 \\(1\\) C:\\\\dir"
    assert clean_body(body) == "More than 8,000 [800] systems *not bold* _x_ #1 (1) C:\\dir"


def test_links_images_and_emphasis() -> None:
    body = (
        "![Photo of tanks](https://x.test/t.jpg) [**President\nTrump**](https://x.com/status/1)**:** "
        "*Slava Ukraini*, __said__ _he_ at [the summit][ref] in `Kyiv`, snake_case and 5*3 stay.\n\n"
        "[ref]: https://example.test/summit\n"
    )
    assert clean_body(body) == (
        "President Trump: Slava Ukraini, said he at the summit in Kyiv, snake_case and 5*3 stay."
    )


def test_link_with_parentheses_in_url() -> None:
    assert inline("see [Leopard 2](https://en.wikipedia.org/wiki/Leopard_2_(tank)) now") == "see Leopard 2 now"


def test_inline_html_struck_text_and_figures() -> None:
    body = (
        "We made sure <s>Russia</s> \\[Ukraine\\] had <u>funds</u> by December 13<sup>th</sup>.\n\n"
        '<figure>\n<img\nsrc="https://x.test/image.gif"\ntitle="Anchor" />\n</figure>\n\n'
        "<!-- a comment -->Funding of ~~$300~~ $30 billion.<br>Next <https://whitehouse.gov>."
    )
    assert clean_body(body) == (
        "We made sure [Ukraine] had funds by December 13th.\n\nFunding of $30 billion. Next https://whitehouse.gov."
    )


def test_hard_breaks_keep_datelines_but_join_mid_sentence() -> None:
    body = "Aboard Air Force One  \nEn Route Munich, Germany\n\nstanding with  \nour Allies.\nA line\\\nB line"
    assert clean_body(body) == (
        "Aboard Air Force One\nEn Route Munich, Germany\n\nstanding with our Allies. A line\nB line"
    )


def test_blockquote_and_code_fence() -> None:
    body = "> Quoted tweet text\n> continues here.\n\n```\nraw  code\nline two\n```\nAfter."
    assert clean_body(body) == "Quoted tweet text continues here.\n\nraw  code\nline two\n\nAfter."


def test_front_matter_fields() -> None:
    doc = (
        "---\n"
        "title: Remarks by President\u00a0Biden \\[draft\\]\n"
        "published_time: 2023-01-25 22:48:53-05:00\n"
        "source_url: https://www.whitehouse.gov/briefing-room/x/\n"
        "author: [Jane Doe, John Roe]\n"
        "---\n"
        f"{BODY}\n"
    )
    article = read_text(doc, fmt="md", doc="x.md")
    assert article.title == "Remarks by President Biden [draft]"
    assert article.published == dt.date(2023, 1, 25)  # the local date as written, not UTC
    assert article.url == "https://www.whitehouse.gov/briefing-room/x/"
    assert article.outlet == "whitehouse.gov"
    assert article.author == "Jane Doe, John Roe"
    assert article.text == BODY


def test_front_matter_outlet_and_date_precedence() -> None:
    doc = (
        "---\ndate: '2024-02-01'\npublished_time: 2024-01-31 23:00:00\n"
        "outlet: Reuters\nsource_url: https://reuters.test/a\n---\n" + BODY
    )
    article = read_text(doc, fmt="md")
    assert (article.published, article.outlet) == (dt.date(2024, 2, 1), "Reuters")


def test_no_front_matter_title_from_first_heading() -> None:
    article = read_text(f"# Kyiv *under* fire\n\n{BODY}", fmt="md")
    assert article.title == "Kyiv under fire"
    assert article.published is None and article.url is None


def test_unparseable_front_matter_date_is_ignored() -> None:
    article = read_text(f"---\ndate: sometime in May\n---\n{BODY}", fmt="md")
    assert article.published is None


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        (f"---\ntitle: [unclosed\n---\n{BODY}", "malformed YAML front matter: "),
        (f"---\n- a\n- b\n---\n{BODY}", "front matter is not a mapping of keys to values"),
        (f"---\ntitle: x\n{BODY}", "front matter block is not closed by a '---' line"),
    ],
)
def test_bad_front_matter(doc: str, reason: str) -> None:
    with pytest.raises(InputError) as info:
        read_text(doc, fmt="md", doc="bad.md")
    assert str(info.value).startswith(f"bad.md: {reason}")
    assert info.value.source == "bad.md"


def test_malformed_yaml_names_the_line() -> None:
    with pytest.raises(InputError) as info:
        read_text(f"---\ntitle: ok\ndate: [2024\n---\n{BODY}", fmt="md", doc="bad.md")
    assert "(line 4)" in info.value.reason
