"""Identity that loses nothing: a document is its text and the date its input states.

Templated documents (written here, not taken from any corpus) repeat each other word for word
but for the date: each date is its own document, stored and linked to the first as a repeat.
"""

from __future__ import annotations

import datetime as dt

from sitrep.model import Article, Event, Report, Sentence
from sitrep.store import open_db, save_report
from sitrep.store.writer import article_id, has_article, link_republication

MEMO = (
    "By the authority vested in me, I hereby direct the drawdown of up to $250 million in defense articles "
    "and services of the Department of Defense to provide assistance to Freedonia."
)


def _report(text: str, day: dt.date | None, doc: str, url: str | None = None) -> Report:
    article = Article(text=text, doc=doc, title="Memorandum", published=day, url=url)
    return Report(
        article=article,
        sentences=(Sentence(0, 0, len(text), text),),
        events=(Event("AID", "announced", ("USA", "FRE"), 0, "drawdown", value_usd=250e6),),
        pipeline_version="0.1.0",
    )


def test_the_same_text_on_another_day_is_another_document_linked_as_a_repeat(db_url: str) -> None:
    days = [dt.date(2024, 3, 1), dt.date(2024, 5, 9), dt.date(2024, 8, 20)]
    with open_db(db_url) as db:
        for index, day in enumerate(days):
            assert save_report(db, _report(MEMO, day, f"memo-{index}.txt")) is True
        assert save_report(db, _report(MEMO, days[1], "memo-1.txt")) is False  # the same input again: nothing new
        rows = db.query("SELECT id, published FROM articles ORDER BY published")
        assert [r["published"] for r in rows] == [d.isoformat() for d in days]
        assert rows[0]["id"] == article_id(MEMO)  # the first edition keeps the plain content hash
        repeats = db.query("SELECT article_id, repeat_of FROM repeats ORDER BY article_id")
        assert {r["article_id"] for r in repeats} == {rows[1]["id"], rows[2]["id"]}
        assert {r["repeat_of"] for r in repeats} == {rows[0]["id"]}
        assert db.scalar("SELECT COUNT(*) FROM events") == 3


def test_the_same_text_at_another_address_on_the_same_day_is_one_article_republished(db_url: str) -> None:
    day = dt.date(2024, 3, 1)
    first = _report(MEMO, day, "site-a/memo.html", "https://a.test/memo")
    copy = _report(MEMO, day, "site-b/memo.html", "https://b.test/memo")
    with open_db(db_url) as db:
        assert save_report(db, first) is True
        assert has_article(db, article_id(MEMO), "2024-03-01")
        assert save_report(db, copy) is False
        link_republication(db, copy.article)
        link_republication(db, copy.article)  # idempotent
        link_republication(db, first.article)  # the stored input itself is no republication
        assert db.scalar("SELECT COUNT(*) FROM articles") == 1
        rows = db.query("SELECT doc, url FROM republications")
        assert rows == [{"doc": "site-b/memo.html", "url": "https://b.test/memo"}]


def test_an_undated_copy_is_any_stored_edition_of_its_text(db_url: str) -> None:
    with open_db(db_url) as db:
        assert save_report(db, _report(MEMO, dt.date(2024, 3, 1), "memo.txt")) is True
        assert has_article(db, article_id(MEMO), "")
        assert save_report(db, _report(MEMO, None, "pasted.txt")) is False
        assert not has_article(db, article_id(MEMO), "2024-03-02")
        assert db.scalar("SELECT COUNT(*) FROM articles") == 1


def test_whitespace_does_not_make_another_document(db_url: str) -> None:
    day = dt.date(2024, 3, 1)
    with open_db(db_url) as db:
        assert save_report(db, _report(MEMO, day, "a.txt")) is True
        assert save_report(db, _report(MEMO.replace(" ", "  "), day, "b.txt")) is False
