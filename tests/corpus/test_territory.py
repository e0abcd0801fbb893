"""SEIZE after extraction: stored, clustered by place, tracked, exported (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner
from spacy.language import Language

from frontlinedata import store_seizes
from sitrep.cli import main
from sitrep.corpus.export import table_rows
from sitrep.corpus.territory import front_line, territory_tracker
from sitrep.eventtypes import ACLED_REGAINS, EventType, spec
from sitrep.store.db import Database
from testdata import DATA


@pytest.fixture
def store(db_url: str) -> str:
    with Database(db_url) as db:
        store_seizes(db)
    return db_url


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _key(row: dict[str, object]) -> tuple[object, ...]:
    return row["day"], row["place"], row["taken_by"], row["lost_by"], row["area_km2"], row["articles"]


def test_area_and_place_are_stored_with_the_event(store: str) -> None:
    with Database(store) as db:
        rows = db.query("SELECT place, area_km2, country, lat FROM events WHERE area_km2 IS NOT NULL ORDER BY area_km2")
    assert [(r["place"], r["area_km2"], r["country"]) for r in rows] == [("Vovchansk", 40, "UKR"), (None, 400, None)]
    assert rows[0]["lat"] == pytest.approx(50.29, abs=0.01)


def test_tracker_rows_per_day_and_place(store: str) -> None:
    with Database(store) as db:
        rows = territory_tracker(db)
    assert [_key(r) for r in rows] == [
        ("2025-06-02", "Tykhe", "RUS", "UKR", None, 1),
        ("2025-06-02", "Vovchansk", "RUS", "UKR", None, 2),  # two outlets, one event
        ("2025-06-03", None, "RUS", "UKR", None, 1),  # no place: not merged into Vovchansk the day before
        ("2025-06-05", "Kupiansk", "RUS", "UKR", None, 1),
        ("2025-06-05", "Kupiansk", "UKR", "RUS", None, 1),
        ("2025-06-07", None, "UKR", None, 400, 1),
        ("2025-06-10", "Vovchansk", "UKR", "RUS", 40, 1),
    ]
    assert rows[1]["sources"] == ["Daily Paper", "Front Wire"] and rows[1]["independent_sources"] == 2
    assert rows[1]["claimed_by"] == ["the defence ministry in Moscow"]  # attributed in one of its two reports
    assert [r["claimed_by"] for r in rows[3:5]] == [[], ["Ukraine"]]


def test_tracker_time_filter(store: str) -> None:
    with Database(store) as db:
        rows = territory_tracker(db, since=dt.date(2025, 6, 4), until=dt.date(2025, 6, 7))
    assert [(r["day"], r["place"]) for r in rows] == [
        ("2025-06-05", "Kupiansk"),
        ("2025-06-05", "Kupiansk"),
        ("2025-06-07", None),
    ]


def test_front_line_gives_the_last_taker_and_leaves_a_contested_place_open(store: str) -> None:
    with Database(store) as db:
        now = {h.place: h for h in front_line(db)}
        before = {h.place: h for h in front_line(db, until=dt.date(2025, 6, 8))}
        recent = [h.place for h in front_line(db, since=dt.date(2025, 6, 6))]
    assert (now["Vovchansk"].side, now["Vovchansk"].lost_by, now["Vovchansk"].times_taken) == ("UKR", "RUS", 2)
    assert now["Vovchansk"].lat == pytest.approx(50.29, abs=0.01)
    assert (before["Vovchansk"].side, before["Vovchansk"].day) == ("RUS", dt.date(2025, 6, 2))
    assert now["Kupiansk"].contested and now["Kupiansk"].claimants == ("RUS", "UKR")
    assert now["Tykhe"].lat is None  # not resolvable: listed, not drawn
    assert list(now) == ["Vovchansk", "Kupiansk", "Tykhe"]  # latest change first
    assert recent == ["Vovchansk"]


def test_cli_tracker_territory_formats(store: str) -> None:
    table = _run("tracker", "territory", "--db", store, "--until", "2025-06-03")
    assert table.splitlines()[0].split() == [
        "DAY",
        "PLACE",
        "TAKEN_BY",
        "LOST_BY",
        "AREA_KM2",
        "CLAIMED_BY",
        "ARTICLES",
        "INDEPENDENT_SOURCES",
        "SOURCES",
    ]
    assert len(table.splitlines()) == 4
    rows = list(csv.DictReader(io.StringIO(_run("tracker", "territory", "--db", store, "--format", "csv"))))
    assert rows[0]["place"] == "Vovchansk" and rows[0]["area_km2"] == "40.0" and rows[0]["taken_by"] == "UKR"
    data = json.loads(_run("tracker", "territory", "--db", store, "--format", "json", "--since", "2025-06-07"))
    assert [(r["place"], r["area_km2"], r["sources"]) for r in data] == [  # latest first
        ("Vovchansk", 40, ["Daily Paper"]),
        (None, 400, ["Front Wire"]),
    ]


def _page(*args: str) -> tuple[str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def test_cli_territory_pages_the_tracker_latest_first(store: str) -> None:
    with Database(store) as db:
        tracked = territory_tracker(db)  # every SEIZE cluster with its mentions, by day
    every, note = _page("tracker", "territory", "--db", store, "--format", "json", "--all")
    rows = json.loads(every)
    assert note == "" and len(rows) == len(tracked) == 7
    assert sorted(rows, key=lambda r: r["cluster"]) == sorted(tracked, key=lambda r: r["cluster"])
    assert [r["day"] for r in rows] == sorted((r["day"] for r in rows), reverse=True)
    first, note = _page("tracker", "territory", "--db", store, "--format", "json", "--limit", "3", "--offset", "2")
    assert json.loads(first) == rows[2:5]
    assert note == "sitrep: showing 3-5 of 7 rows; --offset 5 for the next 3, --all for every one\n"
    since, note = _page(
        "tracker", "territory", "--db", store, "--format", "json", "--limit", "1", "--since", "2025-06-05"
    )
    assert json.loads(since) == rows[:1] and "showing 1-1 of 4 rows" in note


def test_cli_rejects_a_bad_day(store: str) -> None:
    result = CliRunner().invoke(main, ["tracker", "territory", "--db", store, "--since", "2025-13-01"])
    assert result.exit_code == 2 and "is not a date like" in result.output


def test_acled_territory_sub_event_types(store: str) -> None:
    with Database(store) as db:
        rows = [r for r in table_rows(db, "acled") if r["event_type"] == spec(EventType.SEIZE).acled.event_type]
    by_place = {(r["location"], r["actor1"]): r for r in rows}
    assert by_place[("Vovchansk", "UKR")]["sub_event_type"] == ACLED_REGAINS  # Ukraine's own town, retaken
    assert by_place[("Vovchansk", "RUS")]["sub_event_type"] == spec(EventType.SEIZE).acled.sub_event_type
    assert by_place[("Vovchansk", "UKR")]["area_km2"] == 40
    assert by_place[("Vovchansk", "RUS")]["country"] == "UKR" and by_place[("Vovchansk", "RUS")]["articles"] == 2
    assert len(rows) == 7


def test_plover_seize_records(store: str) -> None:
    with Database(store) as db:
        records = [r for r in table_rows(db, "plover") if r["event_type"] == spec(EventType.SEIZE).plover.event_type]
    assert len(records) == 7
    retaken = next(r for r in records if r["location"] == "Vovchansk" and r["actor"] == "UKR")
    assert (retaken["mode"], retaken["recipient"], retaken["date"], retaken["area_km2"]) == (
        spec(EventType.SEIZE).plover.mode,
        "RUS",
        "2025-06-10",
        40,
    )
    assert retaken["anchor_quote"] == "Ukraine retook Vovchansk and 40 square kilometres around it."


def test_end_to_end_from_written_reports(nlp: Language, db_url: str) -> None:
    """Ingest the short reports of tests/data/frontline, then track: extraction, store, clusters, tracker, export."""
    _run("ingest", "--db", db_url, "--no-progress", str(DATA / "frontline"))
    rows = json.loads(_run("tracker", "territory", "--db", db_url, "--format", "json"))
    found = {(r["day"], r["place"], r["taken_by"], r["lost_by"], r["area_km2"]) for r in rows}
    assert ("2025-06-02", "Vovchansk", "RUS", "UKR", None) in found
    assert ("2025-06-10", "Vovchansk", "UKR", "RUS", 40) in found
    assert {r["place"] for r in rows if r["day"] == "2025-06-12"} == {"Tykhe"}  # the denial is no event
    retaken = next(r for r in rows if r["day"] == "2025-06-10")
    assert retaken["sources"] == ["front-wire.test"] and retaken["claimed_by"]
    with Database(db_url) as db:
        (now,) = [h for h in front_line(db) if h.place == "Vovchansk"]
        acled = next(r for r in table_rows(db, "acled") if r["event_id_cnty"] == retaken["cluster"])
    assert (now.side, now.times_taken, now.lat is not None) == ("UKR", 2, True)
    assert acled["sub_event_type"] == ACLED_REGAINS


def test_the_place_is_part_of_a_seizure_group_only() -> None:
    from sitrep.corpus.clusters import group_of

    seize, attack = EventType.SEIZE, EventType.ATTACK
    assert group_of(seize, None, ["RUS", "UKR"], "Vovchansk") == group_of(seize, None, ("RUS", "UKR"), "VOVCHANSK")
    assert group_of(seize, None, ["RUS", "UKR"], "Vovchansk") != group_of(seize, None, ["RUS", "UKR"], None)
    assert group_of(seize, None, ["RUS", "UKR"], "Vovchansk") != group_of(seize, None, ["UKR", "RUS"], "Vovchansk")
    assert group_of(attack, "held", ["RUS", "UKR"], "Kyiv") == group_of(attack, "held", ["RUS", "UKR"], "Lviv")
