"""What the pages read is kept as articles are stored, one at a time and in any order: the conflicts and
the aid tracker read from the kept tables equal those worked out from the whole store (SQLite and
PostgreSQL), and a re-analysis keeps them too."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language

from pagecheck import assert_pages_kept
from sitrep.cli import main
from sitrep.corpus import trackers_sql
from sitrep.corpus.figures import find_conflicts
from sitrep.corpus.queries import aid_tracker, conflicts, strikes_tracker
from sitrep.store.db import Database

_DOCS = {
    "wire.md": "---\ntitle: Aid arrives\ndate: 2025-07-08\nsource_url: https://wire.test/a\n---\n\n"
    "The United States delivered 30 Patriot missiles to Ukraine on Monday, the Pentagon said.\n\n"
    "Russia launched 40 drones at Kyiv overnight, and Ukraine's air force said 35 drones were shot down.\n",
    "paper.md": "---\ntitle: Patriots in Ukraine\ndate: 2025-07-08\nsource_url: https://paper.test/b\n---\n\n"
    "Ukraine received 32 Patriot missiles from the United States on Monday, officials said.\n\n"
    "Meanwhile, Russia launched 42 drones at Kyiv overnight.\n",
    "money.md": "---\ntitle: New package\ndate: 2025-07-09\nsource_url: https://third.test/c\n---\n\n"
    "Germany announced $500 million in military aid to Ukraine on Tuesday, including 20 armored vehicles.\n",
    "later.md": "---\ntitle: Package detailed\ndate: 2025-07-10\nsource_url: https://fourth.test/d\n---\n\n"
    "Germany announced $600 million in military aid to Ukraine, with 25 armored vehicles, on Wednesday.\n\n"
    "Russia launched 44 drones at Kyiv on Monday night.\n",
}


def _ingest(db_url: str, folder: Path, names: list[str]) -> None:
    for name in names:
        result = CliRunner().invoke(main, ["ingest", "--db", db_url, "--no-progress", str(folder / name)])
        assert result.exit_code == 0, result.output


def _old_aid(db: Database) -> list[dict[str, object]]:
    rows = trackers_sql.aid_quantities(db, False) + trackers_sql.aid_money(db, False)
    keys = ("month", "donor", "category", "phase", "total", "events", "articles")
    return sorted(({k: r[k] for k in keys} for r in rows), key=lambda r: tuple(str(r[k]) for k in keys))


@pytest.mark.parametrize("order", [0, 1])
def test_conflicts_and_aid_are_kept_as_articles_are_stored(
    nlp: Language, db_url: str, tmp_path: Path, order: int
) -> None:
    for name, text in _DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    names = list(_DOCS) if order == 0 else list(reversed(_DOCS))
    _ingest(db_url, tmp_path, names)
    with Database(db_url) as db:
        assert conflicts(db) == find_conflicts(db)
        assert conflicts(db), "the two reports of the missiles disagree"
        kept = sorted(aid_tracker(db), key=lambda r: tuple(str(r[k]) for k in r))
        assert kept == _old_aid(db)
        assert any(r["category"] == "usd" for r in kept)
        assert strikes_tracker(db) == trackers_sql.strikes(db)
        assert strikes_tracker(db), "drones launched at Kyiv"
        assert_pages_kept(db)


def test_reprocess_keeps_the_page_tables(nlp: Language, db_url: str, tmp_path: Path) -> None:
    for name, text in _DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    _ingest(db_url, tmp_path, list(_DOCS))
    result = CliRunner().invoke(main, ["reprocess", "--db", db_url, "--all"])
    assert result.exit_code == 0, result.output
    with Database(db_url) as db:
        assert conflicts(db) == find_conflicts(db)
        assert strikes_tracker(db) == trackers_sql.strikes(db)
        assert_pages_kept(db)
