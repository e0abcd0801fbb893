"""Clusters kept in the store: the same as clustering everything at once, whatever the ingest order;
ids that never change, merged ids that still resolve, and `recluster`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from fastapi.testclient import TestClient

from pagecheck import assert_pages_kept
from sitrep.corpus.clusters import cluster, load_mentions
from sitrep.model import Article, Event, Report, Sentence
from sitrep.store import open_db, save_report
from sitrep.store.clusters_sql import recluster, resolve
from sitrep.store.db import Database
from sitrep.store.writer import replace_report
from sitrep.web.app import create_app
from sitrep.web.settings import Settings

Spec = tuple[str, str | None, tuple[str, ...], str | None, str | None]  # type, phase, sides, date, place
_KINDS = [
    ("ATTACK", None, ("RUS", "UKR")),
    ("CONSULT", None, ("USA", "UKR")),
    ("CONSULT", None, ("UKR", "USA")),  # the same meeting, sides named the other way round
    ("AID", "delivered", ("USA", "UKR")),
]
_PLACES = [None, None, None, "Kharkiv", "Odesa"]


def _report(doc: str, specs: list[Spec], published: dt.date | None = None) -> Report:
    text = f"Report {doc.rsplit('/', 1)[-1]}: " + " ".join(f"Sentence {i}." for i in range(len(specs)))
    events = tuple(
        Event(kind, phase, sides, 0, "anchor", date=date, place=place) for kind, phase, sides, date, place in specs
    )
    return Report(
        article=Article(text=text, doc=doc, published=published),
        sentences=(Sentence(0, 0, len(text), text),),
        events=events,
        pipeline_version="0.1.0",
    )


def _random_reports(seed: int, count: int) -> list[Report]:
    rng = random.Random(seed)
    reports = []
    for n in range(count):
        specs: list[Spec] = []
        for _ in range(rng.randint(1, 3)):
            kind, phase, sides = rng.choice(_KINDS)
            date = (
                None
                if rng.random() < 0.1
                else (dt.date(2025, 3, 1) + dt.timedelta(days=rng.randint(0, 40))).isoformat()
            )
            specs.append((kind, phase, sides, date, rng.choice(_PLACES)))
        reports.append(_report(f"doc-{n:03d}", specs))
    return reports


def _partition(db: Database) -> set[frozenset[tuple[str, int]]]:
    """The stored clusters, as sets of (document, event index)."""
    groups: dict[str, set[tuple[str, int]]] = {}
    for m in load_mentions(db):
        assert m.cluster_id, f"{m.doc} event {m.idx} has no cluster"
        groups.setdefault(m.cluster_id, set()).add((m.doc, m.idx))
    return {frozenset(g) for g in groups.values()}


def _all_at_once(db: Database) -> set[frozenset[tuple[str, int]]]:
    """The clusters of the similarity rule over every stored mention at once."""
    mentions = [dataclasses.replace(m, cluster_id=None) for m in load_mentions(db)]
    return {frozenset((m.doc, m.idx) for m in c.mentions) for c in cluster(mentions)}


def _check_rows(db: Database) -> None:
    """Each cluster row agrees with its mentions."""
    for c in cluster(load_mentions(db)):
        row = db.query("SELECT * FROM clusters WHERE id = ?", (c.id,))[0]
        days = (c.first_day.isoformat() if c.first_day else None, c.last_day.isoformat() if c.last_day else None)
        assert (row["first_day"], row["last_day"], row["mentions"], row["place"]) == (*days, len(c.mentions), c.place)
    assert db.scalar("SELECT COUNT(*) FROM clusters") == len(_partition(db))
    from sitrep.corpus.cluster_queries import summary_rows
    from sitrep.corpus.queries import cluster_row

    kept = {r["cluster"]: r for r in summary_rows(db)}  # what lists show, kept with each cluster
    assert kept == {c.id: cluster_row(c) for c in cluster(load_mentions(db))}
    assert_pages_kept(db)


def test_clusters_do_not_depend_on_the_order_of_ingest(db_url: str) -> None:
    reports = _random_reports(seed=7, count=40)
    partitions = []
    for order in range(3):
        shuffled = reports[:]
        random.Random(order).shuffle(shuffled)
        url = db_url if order == 0 else f"{db_url}-{order}" if "://" not in db_url else db_url
        with open_db(url) as db:
            if order:
                db.execute("DELETE FROM articles")
                db.execute("DELETE FROM clusters")
                db.execute("DELETE FROM cluster_aliases")
            for report in shuffled:
                assert save_report(db, report)
            partitions.append(_partition(db))
            assert partitions[-1] == _all_at_once(db)
            _check_rows(db)
    assert partitions[0] == partitions[1] == partitions[2]
    assert len(partitions[0]) > 10  # the random store has many events, not one


def test_a_report_that_bridges_two_clusters_merges_them_and_old_ids_resolve(db_url: str) -> None:
    call = ("CONSULT", None, ("USA", "UKR"))
    with open_db(db_url) as db:
        save_report(db, _report("b.txt", [(*call, "2025-03-06", None)]))
        save_report(db, _report("a.txt", [(*call, "2025-03-01", None)]))
        first = {m.doc: m.cluster_id for m in load_mentions(db)}
        assert first["a.txt"] != first["b.txt"]  # five days apart: two calls
        save_report(db, _report("c.txt", [(*reversed_call(call), "2025-03-04", None)]))  # a readout between them
        after = {m.doc: m.cluster_id for m in load_mentions(db)}
        assert len(set(after.values())) == 1
        survivor = after["a.txt"]
        assert survivor in (first["a.txt"], first["b.txt"])  # one id survives...
        assert resolve(db, str(first["a.txt"])) == resolve(db, str(first["b.txt"])) == survivor  # ...both resolve
        assert resolve(db, "no-such-id") is None
    with TestClient(create_app(Settings(db_url=db_url))) as client:  # the event page link of before still works
        for old in (first["a.txt"], first["b.txt"]):
            response = client.get(f"/events/{old}")
            assert response.status_code == 200
            assert response.json()["cluster"] == survivor
            assert {m["doc"] for m in response.json()["mentions"]} == {"a.txt", "b.txt", "c.txt"}


def reversed_call(call: tuple[str, None, tuple[str, ...]]) -> tuple[str, None, tuple[str, ...]]:
    return (call[0], call[1], tuple(reversed(call[2])))


def test_daily_reports_of_the_same_sides_do_not_chain_into_one_event_of_months(db_url: str) -> None:
    """Reports two days apart each would chain for ever within the 3-day window; a cluster spans 14 days at most,
    whichever order the reports come in, and a report joins the latest cluster still open to it."""
    attack = ("ATTACK", None, ("RUS", "UKR"))
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=2 * n) for n in range(30)]  # 58 days of reports
    reports = [_report(f"r{n:02d}.txt", [(*attack, day.isoformat(), None)]) for n, day in enumerate(days)]
    partitions = []
    for order, batch in enumerate((reports, list(reversed(reports)))):
        with open_db(db_url) as db:
            if order:
                for table in ("articles", "clusters", "cluster_aliases"):
                    db.execute(f"DELETE FROM {table}")
            for report in batch:
                save_report(db, report)
            partitions.append(_partition(db))
            assert partitions[-1] == _all_at_once(db)
            _check_rows(db)
            spans = db.query("SELECT first_day, last_day FROM clusters ORDER BY first_day")
    assert partitions[0] == partitions[1]
    assert [(r["first_day"], r["last_day"]) for r in spans] == [
        ("2025-01-01", "2025-01-15"),
        ("2025-01-17", "2025-01-31"),
        ("2025-02-02", "2025-02-16"),
        ("2025-02-18", "2025-02-28"),
    ]


def test_reanalysis_that_drops_a_mention_splits_the_cluster_again(db_url: str) -> None:
    attack = ("ATTACK", None, ("RUS", "UKR"))
    with open_db(db_url) as db:
        for doc, day in (("a.txt", "2025-03-01"), ("c.txt", "2025-03-04"), ("b.txt", "2025-03-06")):
            save_report(db, _report(doc, [(*attack, day, None)]))
        assert len(_partition(db)) == 1
        bridge = str(db.scalar("SELECT id FROM articles WHERE doc = 'c.txt'"))
        replace_report(db, bridge, _report("c.txt", [("SANCTION", None, ("USA", "RUS"), "2025-03-04", None)]))
        assert _partition(db) == _all_at_once(db)
        assert len(_partition(db)) == 3
        _check_rows(db)


def test_recluster_rebuilds_the_same_clusters_with_the_same_ids(db_url: str) -> None:
    with open_db(db_url) as db:
        for report in _random_reports(seed=3, count=25):
            save_report(db, report)
        before = {(m.doc, m.idx): m.cluster_id for m in load_mentions(db)}
        assert recluster(db) == len(set(before.values()))
        assert {(m.doc, m.idx): m.cluster_id for m in load_mentions(db)} == before
        db.execute("UPDATE events SET cluster_id = NULL, group_key = NULL")  # a store of facts loaded in bulk
        db.execute("DELETE FROM clusters")
        recluster(db)
        assert _partition(db) == _all_at_once(db)
        _check_rows(db)


def test_an_event_page_shows_the_conflicting_figures_of_its_cluster_and_no_machine_path(db_url: str) -> None:
    from sitrep.model import Quantity

    with open_db(db_url) as db:
        named = (("/srv/feeds/a.txt", "Strike on the port", None, 9), ("/srv/feeds/b.txt", None, "Wire", 12))
        for doc, title, outlet, killed in named:
            base = _report(doc, [("ATTACK", None, ("RUS", "UKR"), "2025-03-01", None)])
            article = dataclasses.replace(base.article, title=title, outlet=outlet)
            figure = Quantity(killed, "exact", "civilians", "ATTACK", "killed", f"{killed} civilians", 0, 5, 0, "RUS")
            save_report(db, dataclasses.replace(base, article=article, quantities=(figure,)))
        ident = str(db.scalar("SELECT id FROM clusters"))
    with TestClient(create_app(Settings(db_url=db_url))) as client:
        page = client.get(f"/event/{ident}")
        assert page.status_code == 200
        assert "9 vs 12" in page.text
        assert "/srv/feeds" not in page.text  # articles are named by title, else outlet, never by a machine path
        assert "Strike on the port" in page.text and "Wire" in page.text
        ident_a = str(client.get("/articles?limit=5").json()["items"][0]["id"])
        assert "/srv/feeds" not in client.get(f"/article/{ident_a}").text
        assert [c["values"] for c in client.get(f"/events/{ident}").json()["conflicts"]] == [[9.0, 12.0]]


def test_the_timeline_pages_its_events_and_counts_them_all(tmp_path: object) -> None:
    from pathlib import Path

    url = str(Path(str(tmp_path)) / "s.db")
    start = dt.date(2020, 1, 1)
    with open_db(url) as db:
        for n in range(230):  # 230 attacks five days apart: 230 events
            day = (start + dt.timedelta(days=5 * n)).isoformat()
            save_report(db, _report(f"r{n:03d}.txt", [("ATTACK", None, ("RUS", "UKR"), day, None)]))
    with TestClient(create_app(Settings(db_url=url))) as client:
        first = client.get("/timeline?type=ATTACK")
        assert first.status_code == 200
        assert "230 events; 1–200 below, latest first." in first.text
        assert first.text.count('href="/event/') == 200
        assert "/timeline?type=ATTACK&amp;offset=200" in first.text  # the link to earlier events
        assert start.isoformat() not in first.text  # the earliest event is on the next page
        second = client.get("/timeline?type=ATTACK&offset=200")
        assert second.text.count('href="/event/') == 30
        assert start.isoformat() in second.text


def test_clusters_made_in_bulk_are_those_of_recluster(db_url: str) -> None:
    from sitrep.store.bulk import cluster_new, without_counts

    columns = "group_key, first_day, last_day, place, place_day, first_doc, first_idx, mentions, sources, articles"
    with open_db(db_url) as db:
        for report in _random_reports(seed=5, count=30):
            save_report(db, report)
        before = sorted(tuple(map(str, r.values())) for r in db.query(f"SELECT {columns} FROM clusters"))
        without_counts(db)
        db.execute("UPDATE events SET cluster_id = NULL, group_key = NULL")  # facts loaded in bulk
        db.execute("DELETE FROM clusters")
        assert cluster_new(db) == len(before)
        assert _partition(db) == _all_at_once(db)
        assert sorted(tuple(map(str, r.values())) for r in db.query(f"SELECT {columns} FROM clusters")) == before
        _check_rows(db)


def test_an_event_page_reads_its_reports_and_figures_a_page_at_a_time(db_url: str) -> None:
    """A cluster of 120 dated reports (and one of 60 undated ones), each with a figure: every page of the
    event page's lists holds the rows of the whole list sorted (by day, article and index), from the offset
    asked for."""
    from sitrep.corpus.cluster_pages import page_order
    from sitrep.corpus.cluster_queries import event_page
    from sitrep.corpus.figures import quantity_reports
    from sitrep.model import Quantity

    start = dt.date(2025, 3, 1)
    with open_db(db_url) as db:
        for n in range(180):  # twelve reports a day for 10 days, then 60 with no day
            day = (start + dt.timedelta(days=n // 12)).isoformat() if n < 120 else None
            base = _report(f"wire-{(n * 7) % 180:03d}.txt", [("ATTACK", None, ("RUS", "UKR"), day, None)])
            figure = Quantity(n + 1, "exact", "civilians", "ATTACK", "killed", f"{n + 1} civilians", 0, 5, 0, "RUS")
            save_report(db, dataclasses.replace(base, quantities=(figure,)))
        clusters = db.query("SELECT id, mentions FROM clusters ORDER BY mentions DESC")
        assert [int(c["mentions"]) for c in clusters] == [120, 60]
        for ident in (str(c["id"]) for c in clusters):
            mentions = load_mentions(db, clusters=[ident])
            every = [(m.doc, m.idx) for m in sorted(mentions, key=lambda m: page_order(m.day, m.article_id, m.idx))]
            figures = sorted(quantity_reports(db, cluster=ident), key=lambda r: page_order(r.day, r.article_id, 0))
            for offset in (0, 1, 49, 50, 100, 119, 150):
                page = event_page(db, ident, 50, offset)
                assert [(m["doc"], 0) for m in page["mentions"]] == every[offset : offset + 50]
                shown = quantity_reports(db, cluster=ident, limit=50, offset=offset)
                assert [r.value for r in shown] == [r.value for r in figures[offset : offset + 50]]
    with TestClient(create_app(Settings(db_url=db_url))) as client:
        ident = str(clusters[0]["id"])
        first = client.get(f"/event/{ident}").text
        assert "Reports 1–50 of 120." in first
        assert 'href="?reports=50#reports-h"' in first and "Previous 50" not in first
        assert "(1–50 of 120)" in first and 'href="?figures=50#q-h"' in first
        last = client.get(f"/event/{ident}?reports=100&figures=50").text
        assert "Reports 101–120 of 120." in last
        assert 'href="?figures=50&amp;reports=50#reports-h"' in last and "Next 50</a>" not in last
        assert "(51–100 of 120)" in last and 'href="?figures=100&amp;reports=100#q-h"' in last


def test_conflicts_kept_a_kind_at_a_time_equal_those_found_at_once(db_url: str) -> None:
    """Reports joining one cluster, each with figures of some kinds: after each, the kept conflicts (written
    again only for the kinds the new report gives) are those of the whole store, numbered alike."""
    from sitrep.corpus.figures import find_conflicts
    from sitrep.corpus.queries import conflicts
    from sitrep.model import Quantity

    kinds = [("civilians", "killed", "RUS"), ("soldiers", "killed", "RUS"), ("drones", "launched", "RUS")]
    rng = random.Random(11)
    with open_db(db_url) as db:
        for n in range(14):
            day = (dt.date(2025, 3, 1) + dt.timedelta(days=n // 2)).isoformat()
            base = _report(f"doc-{n:02d}", [("ATTACK", None, ("RUS", "UKR"), day, None)])
            figures = tuple(
                Quantity(
                    rng.choice([8, 9, 12, 40, 45]),
                    rng.choice(["exact", "approx"]),
                    cat,
                    "ATTACK",
                    measure,
                    "x",
                    0,
                    1,
                    0,
                    actor,
                )
                for cat, measure, actor in rng.sample(kinds, rng.randint(1, 2))
            )
            save_report(db, dataclasses.replace(base, quantities=figures))
            assert conflicts(db) == find_conflicts(db)
        assert db.scalar("SELECT COUNT(*) FROM clusters") == 1
        assert len({c["category"] for c in conflicts(db)}) >= 2  # conflicts of several kinds in the one cluster
        assert_pages_kept(db)
