"""`sitrep ingest`, `rejects` and `reprocess` against real SQLite files and a real PostgreSQL server."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language

from pagecheck import assert_pages_kept
from sitrep.cli import main
from sitrep.store import open_db
from testdata import GOLD

SMALL_DOCS = [
    "putin-aliyev-call-2022-05-31.txt",
    "zelenskyy-biden-call-2022-03-30.txt",
    "yermak-zaluzhny-sullivan-milley-call-2022-06-02.txt",
    "zelenskyy-vinnytsia-strike-2022-03-06.txt",
    "2022-03-30-readout-of-president-bidens-call-with-president-zelenskyy-of-ukraine-8.md",
    "2021-06-18-statement-by-press-secretary-jen-psaki-on-ukraine-security-assistance.md",
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    for index, name in enumerate(SMALL_DOCS):
        shutil.copy(GOLD / "docs" / name, folder / ("sub" if index % 2 else "") / name)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _counts(db_url: str) -> dict[str, int]:
    with open_db(db_url) as db:
        return {
            table: int(db.scalar(f"SELECT COUNT(*) FROM {table}"))
            for table in ("articles", "sentences", "quantities", "events", "attributions", "rejects")
        }


def test_ingest_is_idempotent_and_keeps_rejects(nlp: Language, db_url: str, corpus: Path) -> None:
    refused = f"sitrep: {corpus / 'empty.txt'}: file is empty"
    code, out = _invoke("ingest", "--db", db_url, "--no-progress", str(corpus))
    assert code == 0, out
    assert out.strip().splitlines()[0] == refused  # one line on stderr per refused input
    assert out.strip().splitlines()[-1].startswith(f"{len(SMALL_DOCS)} new, 0 already stored, 1 rejected")
    first = _counts(db_url)
    assert first["articles"] == len(SMALL_DOCS)
    assert first["events"] > 0
    code, out = _invoke("ingest", "--db", db_url, "--no-progress", str(corpus))
    assert out.strip().splitlines()[-1].startswith(f"0 new, {len(SMALL_DOCS)} already stored, 1 rejected")
    assert _counts(db_url) == first
    code, out = _invoke("rejects", "--db", db_url, "--format", "csv")
    assert out.splitlines() == [
        "input,reason,rejected_at",
        f"{corpus / 'empty.txt'},file is empty,{out.split(',')[-1]}".strip(),
    ]


def test_reprocess_reanalyzes_only_other_versions(nlp: Language, db_url: str, corpus: Path) -> None:
    _invoke("ingest", "--db", db_url, "--no-progress", str(corpus / "sub"))
    before = _counts(db_url)
    with open_db(db_url) as db:
        db.execute("UPDATE articles SET pipeline_version = '0.0.1' WHERE doc LIKE ?", ("%zelenskyy-biden%",))
    code, out = _invoke("reprocess", "--db", db_url)
    assert code == 0, out
    assert out.strip().splitlines()[-1].startswith("1 re-analyzed")
    assert _counts(db_url) == before
    code, out = _invoke("reprocess", "--db", db_url)
    assert out.strip().splitlines()[-1].startswith("0 re-analyzed")


def test_a_copy_with_other_whitespace_is_the_same_article(nlp: Language, tmp_path: Path) -> None:
    db_url = str(tmp_path / "s.db")
    source = GOLD / "docs" / SMALL_DOCS[0]
    copy = tmp_path / "copy.txt"
    copy.write_text(source.read_text(encoding="utf-8").replace(". ", ".  "), encoding="utf-8")
    _code, out = _invoke("ingest", "--db", db_url, "--no-progress", str(source), str(copy))
    assert out.strip().startswith("1 new, 1 already stored")


def test_near_duplicates_are_linked(nlp: Language, tmp_path: Path) -> None:
    db_url = str(tmp_path / "s.db")
    source = GOLD / "docs" / "us-aid-pause-article.txt"
    text = source.read_text(encoding="utf-8")
    syndicated = tmp_path / "syndicated.txt"
    syndicated.write_text(text.replace("Meetings between", "Talks between", 1) + "\nReporting by a wire service.\n")
    _code, out = _invoke("ingest", "--db", db_url, "--no-progress", str(source), str(syndicated))
    assert out.strip().startswith("2 new"), out
    assert "(1 near-duplicates linked)" in out
    with open_db(db_url) as db:
        (row,) = db.query(
            "SELECT a.doc AS copy, b.doc AS original FROM duplicates d"
            " JOIN articles a ON a.id = d.article_id JOIN articles b ON b.id = d.duplicate_of"
        )
        assert_pages_kept(db)  # the copy's source no longer counts as independent where both are
    assert row == {"copy": str(syndicated), "original": str(source)}


def test_a_copy_keeps_its_source_independent_where_another_article_of_that_source_reports_the_event(
    nlp: Language, tmp_path: Path
) -> None:
    db_url = str(tmp_path / "s.db")
    text = (GOLD / "docs" / "us-aid-pause-article.txt").read_text(encoding="utf-8")
    wire, paper = tmp_path / "wire", tmp_path / "paper"
    wire.mkdir()
    paper.mkdir()
    (wire / "a.txt").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    story = "\n".join(lines[: len(lines) // 3])  # the paper's own story of the same day
    (paper / "b.md").write_text(f'---\ndate: "2025-07-08"\n---\n\n{story}\n', encoding="utf-8")
    (paper / "c.txt").write_text(text.replace("Meetings between", "Talks between", 1), encoding="utf-8")  # a copy
    _code, out = _invoke("ingest", "--db", db_url, "--no-progress", str(wire / "a.txt"), str(paper))
    assert "(1 near-duplicates linked)" in out, out
    with open_db(db_url) as db:
        assert_pages_kept(db)
        both = db.query("SELECT counted FROM clusters WHERE articles = 3")
    assert both and all(json.loads(r["counted"]) == ["paper", "wire"] for r in both)


def _ingest_process(db_url: str, corpus: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-c",
        # Ctrl-C as a terminal sends it, even when the tests run as a background job: its shell ignores SIGINT,
        # and Python then leaves it ignored instead of raising KeyboardInterrupt
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); from sitrep.cli import main; main()",
        "ingest",
        "--db",
        db_url,
        "--no-progress",
        "--batch-size",
        "1",
        "--workers",
        "1",  # one article stored at a time, so the kill lands between two (the pool is killed in tests/robustness)
        str(corpus),
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ})


def _interrupt_midway(db_url: str, corpus: Path, sig: signal.Signals) -> subprocess.Popen[bytes]:
    """Start an ingest and send it ``sig`` once two articles are stored (however long a loaded machine takes)."""
    process = _ingest_process(db_url, corpus)
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline and process.poll() is None:
        if _articles(db_url) >= 2:
            break
        time.sleep(0.02)
    process.send_signal(sig)
    process.wait(timeout=60)
    return process


def test_sigkill_midway_then_resume_loses_and_duplicates_nothing(
    nlp: Language, db_url: str, corpus: Path, tmp_path: Path
) -> None:
    total = len(SMALL_DOCS) + _add_copies(corpus)
    _interrupt_midway(db_url, corpus, signal.SIGKILL)
    after_kill = _articles(db_url)
    assert 2 <= after_kill < total, f"not killed midway: {after_kill} of {total} stored"
    resumed = _ingest_process(db_url, corpus)
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err.decode()
    assert out.decode().startswith(f"{total - after_kill} new, {after_kill} already stored, 1 rejected")
    reference = str(tmp_path / "reference.db")
    _invoke("ingest", "--db", reference, "--no-progress", str(corpus))  # one uninterrupted run, in process
    assert _fingerprint(db_url) == _fingerprint(reference)


def _add_copies(corpus: Path, count: int = 14) -> int:
    """Enough more articles that a signal sent once two are stored lands midway even on a loaded machine."""
    seed = (GOLD / "docs" / SMALL_DOCS[0]).read_text(encoding="utf-8")
    for number in range(count):
        (corpus / f"copy-{number:02d}.txt").write_text(f"{seed}\nCopy {number}.\n", encoding="utf-8")
    return count


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(nlp: Language, tmp_path: Path, corpus: Path) -> None:
    db_url = str(tmp_path / "s.db")
    total = len(SMALL_DOCS) + _add_copies(corpus)
    process = _interrupt_midway(db_url, corpus, signal.SIGINT)
    assert process.returncode == 130
    assert process.stderr is not None
    assert "interrupted; run the same command again to resume" in process.stderr.read().decode()
    stored = _articles(db_url)
    _code, out = _invoke("ingest", "--db", db_url, "--no-progress", str(corpus))
    assert out.splitlines()[-1].startswith(f"{total - stored} new, {stored} already stored")


def _articles(db_url: str) -> int:
    with open_db(db_url) as db:
        return int(db.scalar("SELECT COUNT(*) FROM articles"))


def _fingerprint(db_url: str) -> list[tuple[str, int, int, int]]:
    with open_db(db_url) as db:
        rows = db.query(
            "SELECT a.id, (SELECT COUNT(*) FROM sentences s WHERE s.article_id = a.id) AS s,"
            " (SELECT COUNT(*) FROM quantities q WHERE q.article_id = a.id) AS q,"
            " (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS e FROM articles a ORDER BY a.id"
        )
    return [(r["id"], int(r["s"]), int(r["q"]), int(r["e"])) for r in rows]


def test_csv_with_a_column_mapping_and_stdin(nlp: Language, tmp_path: Path) -> None:
    db_url = str(tmp_path / "s.db")
    body = (GOLD / "docs" / SMALL_DOCS[0]).read_text(encoding="utf-8")
    table = tmp_path / "releases.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["link", "headline", "date", "body"])
        writer.writerow(["https://x.test/1", "A call", "2022-05-31T12:00:00Z", body])
        writer.writerow(["https://x.test/2", "Nothing", "2022-06-01", ""])
    args = ["--text", "body", "--title", "headline", "--date", "date", "--url", "link"]
    code, out = _invoke("ingest", "--db", db_url, "--no-progress", *args, str(table))
    assert code == 0  # rejects are stored and listed by `sitrep rejects`, not an error of the run
    assert out.strip().splitlines() == [
        f"sitrep: {table}:3: no text in field 'body'",
        "1 new, 0 already stored, 1 rejected, 0 failed (0 near-duplicates linked)",
    ]
    with open_db(db_url) as db:
        row = db.query("SELECT doc, title, url, published FROM articles")[0]
    assert row == {"doc": f"{table}:2", "title": "A call", "url": "https://x.test/1", "published": "2022-05-31"}
    result = CliRunner().invoke(main, ["ingest", "--db", db_url, "--no-progress", "-"], input=body)
    assert result.output.strip().startswith("0 new, 1 already stored")


def test_a_templated_document_with_other_figures_is_not_a_duplicate(nlp: Language, tmp_path: Path) -> None:
    db_url = str(tmp_path / "s.db")
    source = GOLD / "docs" / "us-aid-pause-article.txt"
    other = tmp_path / "other-figures.txt"
    other.write_text(source.read_text(encoding="utf-8").replace("8,400 artillery rounds", "9,000 artillery rounds"))
    _code, out = _invoke("ingest", "--db", db_url, "--no-progress", str(source), str(other))
    assert out.strip().startswith("2 new"), out
    assert "(0 near-duplicates linked)" in out


def test_templated_memoranda_of_other_dates_are_all_stored(nlp: Language, db_url: str, tmp_path: Path) -> None:
    memo = (
        "Memorandum for the Secretary of State. By the authority vested in me as President, I hereby delegate to "
        "the Secretary the authority to direct the drawdown of up to $300 million in defense articles and services "
        "of the Department of Defense to provide assistance to Ukraine."
    )
    table = tmp_path / "memos.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["link", "headline", "date", "body"])
        writer.writerow(["https://x.test/memo-1", "Memorandum", "2023-03-03", memo])
        writer.writerow(["https://x.test/memo-2", "Memorandum", "2023-07-25", memo])  # a repeat: another date
        writer.writerow(["https://mirror.test/memo-1", "Memorandum", "2023-03-03", memo])  # a republication
    args = ["--text", "body", "--title", "headline", "--date", "date", "--url", "link"]
    code, out = _invoke("ingest", "--db", db_url, "--no-progress", *args, str(table))
    assert code == 0, out
    assert out.strip().splitlines()[-1] == (
        "2 new, 1 already stored, 0 rejected, 0 failed (0 near-duplicates linked),"
        " 1 repeats of a stored text with another date"
    )
    code, again = _invoke("ingest", "--db", db_url, "--no-progress", *args, str(table))
    assert again.strip().splitlines()[-1].startswith("0 new, 3 already stored")
    with open_db(db_url) as db:
        assert [r["published"] for r in db.query("SELECT published FROM articles ORDER BY published")] == [
            "2023-03-03",
            "2023-07-25",
        ]
        assert db.scalar("SELECT COUNT(*) FROM repeats") == 1
        assert db.scalar("SELECT COUNT(*) FROM duplicates") == 0  # a repeat is no near-duplicate copy
        assert db.query("SELECT url FROM republications") == [{"url": "https://mirror.test/memo-1"}]
        assert db.scalar("SELECT COUNT(*) FROM events WHERE type = 'AID'") == 2
