"""Claims per source kept as articles are stored equal counting every attribution, through re-analysis too."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.corpus.queries import claims
from sitrep.model import Article, Attribution, Report, Sentence
from sitrep.store import open_db, save_report
from sitrep.store.claims_sql import STATED
from sitrep.store.db import Database
from sitrep.store.writer import replace_report

COUNTED = (
    f"SELECT t.source_key AS key, COUNT(*) AS claims, COUNT(DISTINCT t.article_id) AS articles, MIN({STATED})"
    f" AS first_seen, MAX({STATED}) AS last_seen FROM attributions t JOIN articles a ON a.id = t.article_id"
    " GROUP BY t.source_key"
)
COUNTS = ("key", "claims", "articles", "first_seen", "last_seen")


def _report(doc: str, day: dt.date | None, sources: list[tuple[str, str]]) -> Report:
    text = f"Claims of {doc}."
    return Report(
        article=Article(text=text, doc=doc, published=day),
        sentences=(Sentence(0, 0, len(text), text),),
        attributions=tuple(Attribution(source, kind, 0, "said") for source, kind in sources),
        pipeline_version="0.1.0",
    )


def _same(db: Database) -> None:
    kept = sorted(({k: r[k] for k in COUNTS} for r in claims(db)), key=lambda r: str(r["key"]))
    assert kept == sorted(db.query(COUNTED), key=lambda r: str(r["key"]))


def test_kept_claims_equal_the_counted_ones(db_url: str) -> None:
    with open_db(db_url) as db:
        save_report(db, _report("a.txt", dt.date(2025, 3, 4), [("Kremlin", "org"), ("Kremlin", "org")]))
        save_report(db, _report("b.txt", dt.date(2025, 3, 1), [("Kremlin", "org"), ("Zelensky", "person")]))
        save_report(db, _report("c.txt", None, [("Zelensky", "person")]))
        _same(db)
        assert claims(db)[0] == {
            "source": "Kremlin", "kind": "org", "key": "kremlin", "claims": 3, "articles": 2,
            "first_seen": "2025-03-01", "last_seen": "2025-03-04", "spellings": ["Kremlin"],
        }  # fmt: skip
        ident = str(db.scalar("SELECT id FROM articles WHERE doc = 'a.txt'"))
        replace_report(db, ident, _report("a.txt", dt.date(2025, 3, 4), [("NATO", "org")]))  # re-analyzed
        _same(db)
        assert {r["source"] for r in claims(db)} == {"Kremlin", "NATO", "Volodymyr Zelenskyy"}


def test_a_bulk_load_gets_its_claims_counted_by_a_rebuild(db_url: str) -> None:
    from sitrep.store.claims_sql import rebuild

    with open_db(db_url) as db:
        save_report(db, _report("a.txt", dt.date(2025, 3, 4), [("Kremlin", "org"), ("NATO", "org")]))
        db.execute("DELETE FROM source_claims")  # as facts loaded in bulk, around the writer, leave it
        assert claims(db) == []
        assert rebuild(db) == 2
        _same(db)


@pytest.mark.parametrize("walked", [50_000, 0])  # pages walked from source_articles, or all sorted (deep pages)
def test_a_page_of_a_sources_claims_walked_either_way_equals_every_claim_sorted(
    db_url: str, walked: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitrep.corpus import claims as found
    from sitrep.corpus.claims import ClaimFilter, claims_of, stream_claims

    monkeypatch.setattr(found, "WALKED_ROWS", walked)
    from sitrep.store.db import _migrations, _statements

    days = [dt.date(2025, 3, 1), dt.date(2025, 3, 4), None, dt.date(2025, 3, 4), dt.date(2025, 2, 27)]
    with open_db(db_url) as db:
        for n, day in enumerate(days * 3):
            quoted = [("Zelensky", "person"), ("Olena Zelenska", "person"), ("Kremlin", "org")][: 1 + n % 3]
            save_report(db, _report(f"{'zyx'[n % 3]}{n}.txt", day, quoted * (1 + n % 2)))
        ident = str(db.scalar("SELECT id FROM articles WHERE doc = 'z0.txt'"))
        replace_report(db, ident, _report("z0.txt", dt.date(2025, 4, 1), [("Zelensky", "person")]))  # new date
        kept = db.query("SELECT source_key, article_id, published, doc FROM source_articles ORDER BY 1, 2")
        db.execute("DELETE FROM source_articles")
        for statement in _statements(dict(_migrations())[14]):  # what the migration fills for a stored store
            db.execute(statement)
        assert db.query("SELECT source_key, article_id, published, doc FROM source_articles ORDER BY 1, 2") == kept
        for flt in (ClaimFilter("zelensk"), ClaimFilter("Kremlin"), ClaimFilter(key="volodymyr zelensky")):
            every = list(stream_claims(db, flt, latest=True))  # sorted from every claim
            assert len(every) >= 7 and every[-1]["published"] is None
            assert every[0]["published"] == ("2025-03-04" if flt.source == "Kremlin" else "2025-04-01")
            oldest = list(stream_claims(db, flt))
            assert oldest[0]["published"] == "2025-02-27" and oldest[-1]["published"] is None
            for limit, offset in ((1, 0), (4, 0), (5, 3), (50, 7), (3, len(every) - 2)):
                assert claims_of(db, flt, limit, offset, latest=True) == every[offset : offset + limit]
                assert claims_of(db, flt, limit, offset) == oldest[offset : offset + limit]


def test_a_source_no_claim_names_has_an_empty_page(db_url: str) -> None:
    from sitrep.corpus.claims import ClaimFilter, claims_of, count_claims

    with open_db(db_url) as db:
        save_report(db, _report("a.txt", dt.date(2025, 3, 4), [("Kremlin", "org")]))
        for flt in (ClaimFilter("nobody by this name"), ClaimFilter("' OR 1=1 --")):
            assert count_claims(db, flt) == 0
            assert claims_of(db, flt, 50, 0, latest=True) == []
            assert claims_of(db, flt, 50, 0) == []
