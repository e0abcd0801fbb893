"""Pages that read right at any size: the Aid page keeps kinds of items and money apart."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from sitrep.model import Article, Event, Quantity, Report, Sentence
from sitrep.store import open_db, save_report
from sitrep.web.app import create_app
from sitrep.web.settings import Settings


def _aid(doc: str, donor: str, figures: list[tuple[float, str]], usd: float | None = None) -> Report:
    text = f"{donor} sends aid to Ukraine ({doc})."
    quantities = tuple(
        Quantity(value, "exact", category, "AID", "delivered", f"{value} {category}", 0, 5, 0, donor)
        for value, category in figures
    )
    return Report(
        article=Article(text=text, doc=doc, published=dt.date(2025, 3, 1)),
        sentences=(Sentence(0, 0, len(text), text),),
        quantities=quantities,
        events=(Event("AID", "delivered", (donor, "UKR"), 0, "sends", date="2025-03-01", value_usd=usd),),
        pipeline_version="0.1.0",
    )


def test_the_aid_page_charts_each_kind_of_item_apart_from_money(db_url: str) -> None:
    with open_db(db_url) as db:
        save_report(db, _aid("a.txt", "USA", [(155000, "artillery_round"), (30, "armored_vehicle")], usd=4e8))
        save_report(db, _aid("b.txt", "DEU", [(12000, "artillery_round")], usd=None))
    with TestClient(create_app(Settings(db_url=db_url))) as client:
        page = client.get("/aid").text
    assert "artillery round by donor" in page and "armored vehicle by donor" in page
    assert "<figcaption>artillery round" in page  # each chart names its category where it is seen, not only in the SVG
    assert "155,030" not in page and "155030" not in page  # rounds and vehicles are never added up
    assert "Value in US dollars by donor" in page
