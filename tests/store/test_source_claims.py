"""Claims by source on real SQLite files and a real PostgreSQL server: spellings grouped by the key
stored with each attribution, dates as published, articles named by title or file name, paging in SQL."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from click.testing import CliRunner

from sitrep.cli import main
from sitrep.corpus.claims import ClaimFilter, claims_of, count_claims, count_sources, sources
from sitrep.model import Article, Attribution, Event, Report, Sentence
from sitrep.store import open_db, save_report
from sitrep.store.db import Database, _migrations, _statements


def _report(doc: str, lines: list[tuple[str, str, str]], persons: tuple[str, ...] = (), **article: Any) -> Report:
    """An article of one sentence per (speaker, kind, sentence), each attributed to its speaker."""
    text, sentences, attributions = "", [], []
    for i, (speaker, kind, sentence) in enumerate(lines):
        start = len(text) + (1 if text else 0)
        text = f"{text} {sentence}" if text else sentence
        sentences.append(Sentence(i, start, len(text), sentence))
        attributions.append(Attribution(speaker, kind, i, "said"))
    events = (Event("CONSULT", None, ("LTU", "NATO"), 0, "met", persons=persons),) if persons else ()
    return Report(
        article=Article(text=text, doc=doc, **article),
        sentences=tuple(sentences),
        events=events,
        attributions=tuple(attributions),
        pipeline_version="test",
    )


REPORTS = [
    _report(
        "/srv/feeds/wire/2025/vilnius-summit.md",
        [
            ("Gitanas Nausėda", "person", "Lithuania will send twelve armoured vehicles, Nausėda said."),
            ("Mark Rutte", "person", "Allies will add air defence systems this winter, Rutte said."),
        ],
        title="Vilnius summit ends",
        outlet="Wire One",
        published=dt.date(2025, 7, 10),
    ),
    _report(
        "/home/analyst/inbox/transcript-0711.txt",  # a transcript: speaker labels in capitals, no title, no date
        [
            ("NAUSĖDA", "person", "We will keep our promise to Kyiv."),
            ("RUTTE", "person", "There are no plans to send troops."),
            ("Liudas Kernagis", "person", "The drills start on Monday."),
            ("KERNAGIS", "person", "Eight battalions take part."),
        ],
    ),
    _report(
        "/srv/feeds/paper/2025-07-12.md",
        [
            ("Zelensky", "person", "Russia launched forty drones overnight, Zelensky said."),
            ("the Pentagon", "official_body", "More interceptors are on the way, the Pentagon said."),
        ],
        title="Drones over Odesa",
        published=dt.date(2025, 7, 12),
    ),
    _report(
        "/srv/feeds/history/background.txt",  # a date inferred from the text (a birth year) is no publication
        [("Volodymyr Zelenskyy", "person", "He was born in 1978, Zelenskyy recalled.")],
        published=dt.date(1978, 1, 25),
        published_inferred=True,
    ),
    _report(
        "/srv/feeds/paper/2025-07-14.md",
        [
            ("Zelenskyy", "person", "Air defence shot down most of them, Zelenskyy said."),
            ("Pentagon", "official_body", "The delivery was on time, the Pentagon said."),
            ("Kernagis", "person", "The drills went well, Kernagis said."),
        ],
        title="Air defence holds",
        published=dt.date(2025, 7, 14),
        persons=("Liudas Kernagis",),
    ),
]


def _store(db_url: str) -> None:
    with open_db(db_url) as db:
        for report in REPORTS:
            assert save_report(db, report)


def _by_name(rows: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {r["source"]: r for r in rows}


def test_spellings_and_speaker_labels_group_under_one_name(db_url: str) -> None:
    _store(db_url)
    with Database(db_url, migrate=False) as db:
        rows = _by_name(sources(db))
        assert count_sources(db) == 5
    assert set(rows) == {"Volodymyr Zelenskyy", "Gitanas Nausėda", "Mark Rutte", "Liudas Kernagis", "Pentagon"}
    zelenskyy = rows["Volodymyr Zelenskyy"]
    assert (zelenskyy["claims"], zelenskyy["articles"]) == (3, 3)
    assert (zelenskyy["first_seen"], zelenskyy["last_seen"]) == ("2025-07-12", "2025-07-14")  # never 1978
    assert zelenskyy["spellings"] == ["Volodymyr Zelenskyy", "Zelensky", "Zelenskyy"]
    assert (rows["Mark Rutte"]["claims"], rows["Mark Rutte"]["spellings"]) == (2, ["Mark Rutte", "RUTTE"])
    assert rows["Gitanas Nausėda"]["spellings"] == ["Gitanas Nausėda", "NAUSĖDA"]
    kernagis = rows["Liudas Kernagis"]  # not in the lexicon: surname and label matched within each article
    assert (kernagis["claims"], kernagis["articles"], kernagis["kind"]) == (3, 2, "person")
    assert (kernagis["first_seen"], kernagis["last_seen"]) == ("2025-07-14", "2025-07-14")
    assert (rows["Pentagon"]["claims"], rows["Pentagon"]["kind"]) == (2, "official_body")


def test_the_claims_of_a_source_name_articles_by_title_or_file_name(db_url: str) -> None:
    _store(db_url)
    with Database(db_url, migrate=False) as db:
        key = next(r["key"] for r in sources(db) if r["source"] == "Gitanas Nausėda")
        found = claims_of(db, ClaimFilter(key=key))
        matching = claims_of(db, ClaimFilter(source="nauseda"))  # accents folded in the search too
    assert matching == found
    assert [(c["source"], c["as_written"], c["published"], c["article"], c["sentence"]) for c in found] == [
        ("Gitanas Nausėda", "Gitanas Nausėda", "2025-07-10", "Vilnius summit ends", 0),
        ("Gitanas Nausėda", "NAUSĖDA", None, "transcript-0711.txt", 0),  # the file name, not /home/analyst/...
    ]
    assert found[0]["outlet"] == "Wire One"
    assert found[1]["quote"] == "We will keep our promise to Kyiv."
    assert not any("/" in str(c["article"]) for c in found)


def test_sources_and_claims_are_paged_in_sql(db_url: str) -> None:
    _store(db_url)
    with Database(db_url, migrate=False) as db:
        everything = sources(db)
        pages = [sources(db, limit=2, offset=start) for start in (0, 2, 4)]
        assert [len(p) for p in pages] == [2, 2, 1]
        assert [r["key"] for p in pages for r in p] == [r["key"] for r in everything]
        flt = ClaimFilter(source="zelensk")
        assert count_claims(db, flt) == 3
        listed = claims_of(db, flt)
        assert [c["published"] for c in listed] == ["2025-07-12", "2025-07-14", None]  # undated last
        assert claims_of(db, flt, limit=2, offset=1) == listed[1:]
        assert claims_of(db, ClaimFilter(source="50%_")) == []  # LIKE wildcards are plain text


def test_sitrep_claims_shows_grouped_sources_and_their_claims(db_url: str) -> None:
    _store(db_url)
    runner = CliRunner()
    table = runner.invoke(main, ["claims", "--db", db_url])
    assert table.exit_code == 0, table.output
    assert "Mark Rutte" in table.output and "RUTTE " not in table.output.replace("Mark Rutte", "")
    assert "/srv/" not in table.output and "/home/" not in table.output
    one = runner.invoke(main, ["claims", "--db", db_url, "--source", "rutte", "--format", "json"])
    assert one.exit_code == 0, one.output
    rows = json.loads(one.output)
    assert [(r["source"], r["as_written"], r["article"]) for r in rows] == [
        ("Mark Rutte", "Mark Rutte", "Vilnius summit ends"),
        ("Mark Rutte", "RUTTE", "transcript-0711.txt"),
    ]
    listed = runner.invoke(main, ["claims", "--db", db_url, "--source", "rutte"])
    assert "transcript-0711.txt" in listed.output and "/home/" not in listed.output


def undo_page_tables(db: Database) -> None:
    """Take the store back to before migration 0011 (its tables, triggers, columns and indexes)."""
    from sitrep.store.bulk import without_counts

    without_counts(db)
    for table in ("strike_figures", "strike_cells", "cluster_months", "cluster_places"):
        db.execute(f"DROP TABLE {table}")
    db.execute("DROP INDEX articles_doc")
    for table in ("cluster_conflicts", "aid_groups", "aid_group_articles", "aid_money_articles", "aid_cells"):
        db.execute(f"DROP TABLE {table}")
    db.execute("DROP TABLE store_counts")
    db.execute("DROP TABLE source_spellings")
    db.execute("DROP INDEX articles_source")
    db.execute("DROP INDEX clusters_place")
    db.execute("DROP INDEX clusters_money")
    for column in ("first_published", "first_report_idx", "counted", "value_usd", "usd", "area_km2", "tied"):
        db.execute(f"ALTER TABLE clusters DROP COLUMN {column}")


def test_a_store_from_before_source_keys_is_keyed_when_migrated(db_url: str) -> None:
    _store(db_url)
    with Database(db_url) as db:  # as 0007 left it: no key column or index, claims kept per name as written
        expected = sources(db)
        db.execute("DROP INDEX attributions_source_key")
        db.execute("ALTER TABLE attributions DROP COLUMN source_key")
        db.execute("DROP TABLE source_claims")
        for statement in _statements(dict(_migrations())[7]):
            db.execute(statement)
        undo_page_tables(db)
        db.execute("DROP TABLE minhash_bands")  # 0015's near-duplicate index, made again by the migration
        db.execute("DROP INDEX minhashes_unbanded")
        db.execute("ALTER TABLE minhashes DROP COLUMN banded")
        db.execute("DELETE FROM schema_version WHERE version >= 10")
    with Database(db_url) as db:
        assert db.scalar("SELECT COUNT(*) FROM attributions WHERE source_key IS NULL") == 0
        assert sources(db) == expected
