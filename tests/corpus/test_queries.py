"""Cross-article queries and exports over two reports of the same events (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from spacy.language import Language

from sitrep.cli import main
from testdata import DRONES_OVER_KYIV

WIRE = """---
title: US sends Patriots
date: 2025-07-08
source_url: https://www.wire-one.test/news/patriots
---

The United States delivered 30 Patriot missiles to Ukraine on Monday, the Pentagon said.

Russia launched 40 drones at Kyiv overnight, and Ukraine's air force said 35 drones were shot down.
"""
PAPER = """---
title: Patriot missiles arrive in Ukraine
date: 2025-07-08
source_url: https://paper-two.test/world/ukraine-patriots
---

Ukraine received 32 Patriot missiles from the United States on Monday, officials said.

Meanwhile, Russia launched 42 drones at Kyiv overnight.
"""


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def store(nlp: Language, db_url: str, tmp_path: Path) -> str:
    (tmp_path / "wire.md").write_text(WIRE, encoding="utf-8")
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    _run("ingest", "--db", db_url, "--no-progress", str(tmp_path / "wire.md"), str(tmp_path / "paper.md"))
    return db_url


def test_events_cluster_across_articles_with_independent_sources(store: str) -> None:
    rows = json.loads(_run("events", "--db", store, "--type", "aid", "--format", "json"))
    assert len(rows) == 1
    (aid,) = rows
    assert (aid["type"], aid["phase"], aid["actors"]) == ("AID", "delivered", ["USA", "UKR"])
    assert aid["first_day"] == "2025-07-07"
    assert (aid["articles"], aid["independent_sources"]) == (2, 2)
    assert aid["sources"] == ["paper-two.test", "wire-one.test"]
    assert {m["quote"] for m in aid["mentions"]} >= {
        "The United States delivered 30 Patriot missiles to Ukraine on Monday, the Pentagon said."
    }


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--actor", "rus"], {"ATTACK"}),
        (["--place", "kyiv", "--actor", "RUS"], {"ATTACK"}),
        (["--since", "2025-07-08"], {"ATTACK"}),
        (["--until", "2025-07-07"], {"AID"}),
        (["--since", "2025-07-09"], set()),
    ],
)
def test_event_filters(store: str, args: list[str], expected: set[str]) -> None:
    rows = json.loads(_run("events", "--db", store, "--format", "json", *args))
    assert {r["type"] for r in rows} == expected


def test_conflicts_name_both_values_and_their_sentences(store: str) -> None:
    rows = json.loads(_run("conflicts", "--db", store, "--format", "json"))
    found = {(r["event"], r["category"]): r["values"] for r in rows}
    assert found == {("AID", "air_defense_missile"): [30, 32], ("ATTACK", "drone"): [40, 42]}
    table = _run("conflicts", "--db", store).splitlines()
    assert table[0].split()[:4] == ["CLUSTER", "DAY", "EVENT", "MEASURE"]
    assert "40, 42" in table[1]  # the latest day first: the drones of 2025-07-08, then the missiles of 07-07
    assert "30, 32" in table[2]


def _page(*args: str) -> tuple[str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


@pytest.mark.parametrize(
    ("command", "noun", "key"),
    [
        (["events"], "events", "type"),
        (["conflicts"], "conflicts", "event"),
        (["claims"], "sources", "source"),
    ],
)
def test_lists_show_a_page_and_say_what_is_left_out(store: str, command: list[str], noun: str, key: str) -> None:
    every, note = _page(*command, "--db", store, "--format", "json", "--all")
    assert note == ""
    rows = json.loads(every)
    total = len(rows)
    assert total >= 2
    first, note = _page(*command, "--db", store, "--format", "json", "--limit", "1")
    assert json.loads(first) == rows[:1]
    assert note == f"sitrep: showing 1-1 of {total} {noun}; --offset 1 for the next 1, --all for every one\n"
    last, note = _page(*command, "--db", store, "--format", "json", "--limit", "1", "--offset", str(total - 1))
    assert json.loads(last) == rows[-1:]
    assert note == f"sitrep: showing {total}-{total} of {total} {noun}; --all for every one\n"
    rest, _ = _page(*command, "--db", store, "--format", "csv", "--offset", "1")
    assert [r[key] for r in csv.DictReader(io.StringIO(rest))] == [str(r[key]) for r in rows[1:]]
    beyond, note = _page(*command, "--db", store, "--format", "json", "--offset", str(total + 5))
    assert json.loads(beyond) == []
    assert note.startswith(f"sitrep: showing none of {total} {noun};")
    whole, note = _page(*command, "--db", store, "--format", "json")  # a small store fits the default page
    assert (json.loads(whole), note) == (rows, "")


def test_events_come_latest_first_and_all_refuses_a_window(store: str) -> None:
    rows = json.loads(_run("events", "--db", store, "--format", "json", "--all"))
    days = [r["first_day"] for r in rows]
    assert days == sorted(days, reverse=True)
    assert (rows[0]["first_day"], rows[-1]["type"], rows[-1]["first_day"]) == ("2025-07-08", "AID", "2025-07-07")
    result = CliRunner().invoke(main, ["events", "--db", store, "--all", "--offset", "1"])
    assert result.exit_code == 2
    assert "--all shows every row" in result.stderr


def test_trackers_count_each_event_once(store: str) -> None:
    aid = json.loads(_run("tracker", "aid", "--db", store, "--format", "json"))
    assert aid == [
        {
            "month": "2025-07",
            "donor": "USA",
            "category": "air_defense_missile",
            "phase": "delivered",
            "total": 32,
            "events": 1,
            "articles": 2,
        }
    ]
    strikes = list(csv.DictReader(io.StringIO(_run("tracker", "strikes", "--db", store, "--format", "csv"))))
    assert strikes == [
        {
            "day": "2025-07-08",
            "attacker": "RUS",
            "category": "drone",
            "launched": "42.0",
            "intercepted": "35.0",
            "articles": "2",
        }
    ]


def test_claims_per_source_and_for_one_source(store: str) -> None:
    summary = json.loads(_run("claims", "--db", store, "--format", "json"))
    assert {(r["source"], r["kind"], r["claims"]) for r in summary} == {
        ("Pentagon", "official_body", 1),
        ("Ukraine's air force", "official_body", 1),
        ("officials", "official_body", 1),
    }
    (one,) = json.loads(_run("claims", "--db", store, "--format", "json", "--source", "penta"))
    assert (one["source"], one["published"], one["sentence"]) == ("Pentagon", "2025-07-08", 0)
    assert one["quote"].startswith("The United States delivered 30 Patriot missiles")


def test_exports_in_every_format(store: str, tmp_path: Path) -> None:
    out = tmp_path / "export"
    listing = _run("export", "--db", store, "--format", "parquet", "--out", str(out))
    assert "acled.parquet" in listing
    acled = pq.read_table(out / "acled.parquet").to_pylist()
    aid = next(r for r in acled if r["sub_event_type"] == "Aid delivered")
    assert (aid["event_date"], aid["actor1"], aid["actor2"], aid["independent_sources"]) == (
        "2025-07-07",
        "USA",
        "UKR",
        2,
    )
    assert pq.read_table(out / "articles.parquet").num_rows == 2
    rows = list(csv.DictReader(io.StringIO(_run("export", "--db", store, "--table", "acled", "--out", "-"))))
    assert {r["event_type"] for r in rows} == {"Strategic developments", "Explosions/Remote violence"}
    plover = [
        json.loads(line)
        for line in _run("export", "--db", store, "--format", "jsonl", "--table", "plover", "--out", "-").splitlines()
    ]
    assert {"event_type", "mode", "actor", "recipient", "date", "location", "anchor_quote"} <= set(plover[0])


RELEASE = """---
title: Evening address
date: 2022-05-08
source_url: https://www.president.test/news/address
---

Russia's defence industry delivered 20 Su-34 aircraft to the Aerospace Forces last week, the ministry said.

The Navy received five submarines and 11 ships on Monday.

Since February 24, the Russian army has launched 2,275 missiles at Ukraine.

Today Russia launched another missile strike at Odesa.

Five more missiles hit a peaceful city.
"""
NIGHT = DRONES_OVER_KYIV
BOUND = """---
title: Night attack on Kyiv
date: 2025-07-08
source_url: https://paper-two.test/world/kyiv-night
---

Meanwhile, Russia launched more than 35 drones at Kyiv overnight.
"""


@pytest.fixture
def mixed(nlp: Language, db_url: str, tmp_path: Path) -> str:
    """A Ukrainian release with a cumulative figure and deliveries to a state's own forces, and two
    reports of one night's drones, one of them a lower bound."""
    paths = []
    for name, text in (("release.md", RELEASE), ("night.md", NIGHT), ("bound.md", BOUND)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    _run("ingest", "--db", db_url, "--no-progress", *paths)
    return db_url


def test_strikes_take_one_day_figures_only(mixed: str) -> None:
    rows = json.loads(_run("tracker", "strikes", "--db", mixed, "--format", "json"))
    found = {(r["day"], r["attacker"], r["category"]): r["launched"] for r in rows}
    assert found[("2022-05-08", "RUS", "missile")] == 5  # "Five more missiles", not "since February 24, 2,275"
    assert found[("2025-07-08", "RUS", "drone")] == 40
    assert 2275 not in found.values()
    assert "?" not in {r["attacker"] for r in rows}


def test_aid_needs_a_known_donor_giving_to_another_side(mixed: str) -> None:
    from sitrep.corpus.queries import aid_tracker
    from sitrep.store import open_db

    assert json.loads(_run("tracker", "aid", "--db", mixed, "--format", "json")) == []
    with open_db(mixed) as db:
        unknown = aid_tracker(db, unknown_donors=True)
    assert {(r["donor"], r["category"]) for r in unknown} == {("?", "aircraft"), ("?", "vessel")}


def test_conflicts_need_ranges_that_cannot_both_hold(mixed: str) -> None:
    # "more than 35" and 40 drones agree; the release's 2,275 since February is a total, never compared
    assert json.loads(_run("conflicts", "--db", mixed, "--format", "json")) == []


@pytest.mark.parametrize(
    ("sentence", "before", "period"),
    [
        ("Since February 24, the Russian army has launched 2,275 missiles at Ukraine.", None, True),
        ("In a little over two months, 2154 Russian missiles hit our cities.", None, True),
        ("During the month of the war, Russia fired more than a thousand missiles.", None, True),
        ("As of April 8, they used about a thousand missiles.", None, True),
        ("Our troops must be supplied, in the next few years, with 200 aircraft.", None, True),
        (
            "113 cruise missiles were fired.",
            "In five days of invasion, already 56 missile strikes were carried out.",
            True,
        ),
        ("In the past week alone, Russia launched about 1,270 drones.", None, True),
        ("Russia launched 40 drones at Kyiv overnight.", None, False),
        ("In total, 40 drones were shot down overnight.", None, False),
        ("As of now - 8 dead.", None, False),
        ("In the next few days, we intend to announce more than $800 million.", None, False),
        ("I request funding for fiscal year 2022.", None, False),
        ("Five more missiles hit a peaceful city on May 8.", "Since February 24, Russia fired 2,000 missiles.", False),
    ],
)
def test_covers_period(sentence: str, before: str | None, period: bool) -> None:
    from sitrep.corpus.periods import covers_period

    assert covers_period(sentence, before) is period
