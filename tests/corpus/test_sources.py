"""Reading many inputs lazily: directory trees, JSONL and CSV records with a column mapping."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from sitrep.errors import InputError
from sitrep.ingest.sources import Columns, count_inputs, iter_sources

BODY = "Russia launched 40 drones at Kyiv overnight, Ukraine's air force said on Tuesday morning."


def test_a_directory_tree_is_read_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text("---\ntitle: Two\n---\n\n" + BODY, encoding="utf-8")
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    (tmp_path / "SOURCE.md").write_text("Where these documents come from: " + BODY, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    items = list(iter_sources([str(tmp_path)]))
    assert [getattr(i, "doc", None) or i.source for i in items] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "two.md"),
        str(tmp_path / "empty.txt"),
    ]
    assert isinstance(items[2], InputError)
    assert count_inputs([str(tmp_path)]) == 3


def test_csv_records_follow_the_column_mapping(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["link", "headline", "date", "body"])
        writer.writerow(["https://x.test/1", "Drones", "2022-06-24T17:30:00Z", BODY + " " + "x" * 150_000])
        writer.writerow(["https://x.test/2", "Empty", "2022-06-25", ""])
    columns = Columns(text="body", title="headline", date="date", url="link")
    first, second = iter_sources([str(path)], columns)
    assert not isinstance(first, InputError)
    assert (first.title, first.url, str(first.published)) == ("Drones", "https://x.test/1", "2022-06-24")
    assert first.doc == f"{path}:2"
    assert isinstance(second, InputError)
    assert second.source == f"{path}:3"
    assert count_inputs([str(path)], columns) == 2


def test_a_csv_without_the_text_column_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    (item,) = iter_sources([str(path)], Columns(text="body"))
    assert isinstance(item, InputError)
    assert "no column 'body'" in item.reason


def test_jsonl_records_and_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    lines = [json.dumps({"text": BODY, "title": "T", "date": "2022-03-06", "url": "https://x.test/a"}), "{oops", "[1]"]
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    first, broken, array = iter_sources([str(path)])
    assert not isinstance(first, InputError)
    assert (first.title, str(first.published)) == ("T", "2022-03-06")
    assert isinstance(broken, InputError)
    assert broken.source == f"{path}:2"
    assert isinstance(array, InputError)
    assert count_inputs([str(path)]) == 3


def test_iteration_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    items = iter_sources([str(path), str(tmp_path / "missing.txt")])
    assert not isinstance(next(items), InputError)
    missing = next(items)
    assert isinstance(missing, InputError)
    assert missing.reason == "no such file"
