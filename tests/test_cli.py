"""The command line as a user runs it: a real subprocess, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from testdata import SEED

SITREP = [sys.executable, "-m", "sitrep.cli"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SITREP, *args], capture_output=True, text=stdin is None, input=stdin, timeout=300, check=False
    )


def test_facts_are_json_lines_with_doc_and_sentence() -> None:
    proc = run("analyze", "--format", "facts", str(SEED))
    assert proc.returncode == 0, proc.stderr
    facts = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {f["kind"] for f in facts} == {"quantity", "event", "attribution", "signal"}
    text = SEED.read_text(encoding="utf-8")
    assert all(f["doc"] == str(SEED) and f["sentence"] in text for f in facts)


def test_bad_inputs_are_named_and_the_rest_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    pdf = tmp_path / "paper.txt"
    pdf.write_bytes(b"%PDF-1.7\n\x00\x01binary")
    missing = tmp_path / "missing.txt"
    proc = run("analyze", "--format", "facts", str(empty), str(SEED), str(pdf), str(missing))
    assert proc.returncode == 2
    errors = proc.stderr.strip().splitlines()
    assert errors == [
        f"sitrep: {empty}: file is empty",
        f"sitrep: {pdf}: binary PDF document, not text",
        f"sitrep: {missing}: no such file",
    ]
    assert {json.loads(line)["doc"] for line in proc.stdout.splitlines()} == {str(SEED)}


def test_text_report_shows_sections_and_inferred_date() -> None:
    proc = run("analyze", str(SEED))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for heading in ("EVENTS", "QUANTITIES", "WHO SAYS WHAT", "WARNINGS"):
        assert heading in out
    assert "published ≈ 2025-07-08 (inferred" in out
    assert "\x1b[" not in out  # no colour when piped


def test_stdin_and_published_option() -> None:
    proc = run(
        "analyze",
        "--format",
        "json",
        "--published",
        "2025-07-08",
        "-",
        stdin=b"Russia launched 40 drones at Kyiv on Monday, officials said.",
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["article"]["published"] == "2025-07-08"
    assert report["events"][0]["date"] == "2025-07-07"


def test_bad_date_is_a_usage_error() -> None:
    proc = run("analyze", "--published", "July 8", str(SEED))
    assert proc.returncode == 2
    assert "is not a date like 2025-07-08" in proc.stderr


def test_eval_reports_f1_per_kind() -> None:
    gold = Path(__file__).parent / "data" / "gold" / "seed.jsonl"
    proc = run("eval", str(gold), "--min-f1", "quantity=0.5")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert set(result) >= {"quantity", "event", "attribution", "signal", "measure_accuracy"}
    assert result["quantity"]["f1"] >= 0.5


def test_html_article_end_to_end() -> None:
    """A news page: metadata date and title, a body heading, an embedded post, link bait."""
    page = Path(__file__).parent / "data" / "html" / "news-article-with-embed.html"
    proc = run("analyze", "--format", "json", str(page))
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["article"]["published"] == "2025-07-10"
    assert report["article"]["title"] == "Zelensky says Russia fired 40 missiles overnight"
    signals = {(s["signal"], s["text"][:24]) for s in report["signals"]}
    assert ("headline", "Aid on the way") in signals
    assert ("social_embed", "— Volodymyr Zelenskyy (@") in signals
    assert ("off_topic", "Read more: Ten things to") in signals
    counts = {(q["value"], q["measure"], q["actor"]) for q in report["quantities"]}
    assert {(35, "intercepted", "RUS"), (2, "announced", "DEU")} <= counts
