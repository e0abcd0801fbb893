"""The news evaluation: gold without article text, rebuilt locally, scored by the shared scorer.

The committed gold (``tests/data/news/gold/{dev,blind}.jsonl``) carries no words of the articles:
each fact's quote is a character span ``[start, end]`` into the cleaned text whose SHA-256 the
gold line records. ``build`` rebuilds the texts from the public repositories' mirrors
(``tools/news_texts.py``), checks the SHA-256, writes each article as Markdown with its
publication date, outlet and address in front matter, and writes gold files with the quotes
filled in, all under ``tests/data/news/build/`` (git-ignored). ``score`` (the default) then runs
``../shared/tools/score.py`` on the dev set, the frozen blind part and the second dev sample (dev2:
events and quantities only), analyzes the off-topic
set and counts its events, and prints one JSON object.

``encode`` turns annotators' working gold (one JSON file per article, with quotes) into the
committed form.

Exit codes:
  0  scored (or built / encoded)
  2  bad usage, unreadable gold or manifest, a quote that is not in its text
  3  some texts could not be rebuilt (the repositories are not on this machine, as in CI);
     the message names each missing article, and nothing is scored
  4  a rebuilt text does not match the SHA-256 its gold line records
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT / "tests" / "data" / "news"
GOLD = NEWS / "gold"
BUILD = NEWS / "build"
TEXTS = NEWS / "texts"
SCORER = ROOT.parent / "shared" / "tools" / "score.py"
SETS = ("dev", "blind", "dev2")
FACETS = ["quantity", "event", "attribution", "signal"]
EXIT_OK, EXIT_USAGE, EXIT_MISSING, EXIT_MISMATCH = 0, 2, 3, 4


class EvalError(Exception):
    """A problem that ends the run, with its exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_jsonl(path: Path) -> list[dict[str, object]]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as exc:
        raise EvalError(f"{path}: cannot read ({exc})", EXIT_USAGE) from None


def manifest() -> dict[str, dict[str, object]]:
    return {str(e["id"]): e for e in read_jsonl(NEWS / "manifest.jsonl")}


def span_of(text: str, quote: str, where: str) -> list[int]:
    start = text.find(quote)
    if start < 0:
        raise EvalError(f"{where}: quote {quote[:60]!r} is not in the text", EXIT_USAGE)
    return [start, start + len(quote)]


def encode_one(path: Path, texts: Path, entries: dict[str, dict[str, object]]) -> dict[str, object]:
    """One annotator file (quotes) as a committed gold line (spans and the text's SHA-256)."""
    working = json.loads(path.read_text(encoding="utf-8"))
    doc_id = Path(str(working["doc"])).stem
    text = (texts / f"{doc_id}.txt").read_text(encoding="utf-8")
    if sha256_text(text) != entries[doc_id]["sha256"]:
        raise EvalError(f"{path}: text of {doc_id} differs from the manifest's SHA-256", EXIT_MISMATCH)
    facts = []
    for i, fact in enumerate(working["facts"]):
        out = {k: v for k, v in fact.items() if k != "quote"}
        out["span"] = span_of(text, str(fact["quote"]), f"{path} fact {i}")
        facts.append(out)
    return {"id": doc_id, "sha256": entries[doc_id]["sha256"], "published": working.get("published"),
            "facets": working.get("facets", FACETS), "facts": facts}


def encode(src: Path, texts: Path) -> int:
    entries = manifest()
    lines: dict[str, list[dict[str, object]]] = {name: [] for name in SETS}
    for path in sorted(src.glob("*.json")):
        line = encode_one(path, texts, entries)
        lines[str(entries[str(line["id"])]["set"])].append(line)
    GOLD.mkdir(parents=True, exist_ok=True)
    for name, rows in lines.items():
        if not rows:
            continue
        body = "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)
        (GOLD / f"{name}.jsonl").write_text(body, encoding="utf-8")
        print(f"{name}: {len(rows)} articles, {sum(len(r['facts']) for r in rows)} facts")  # type: ignore[arg-type]
    return EXIT_OK


def rebuild_texts(mirrors: str | None) -> None:
    command = [sys.executable, str(ROOT / "tools" / "news_texts.py"), "-q", "--out", str(TEXTS)]
    if mirrors:
        command += ["--mirrors", mirrors]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode == EXIT_MISSING:
        raise EvalError("news texts are missing (their repositories are not on this machine):\n"
                        + proc.stdout + proc.stderr, EXIT_MISSING)
    if proc.returncode != EXIT_OK:
        raise EvalError(f"tools/news_texts.py failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}",
                        proc.returncode if proc.returncode in (EXIT_USAGE, EXIT_MISMATCH) else EXIT_USAGE)


def front_matter(entry: dict[str, object]) -> str:
    fields = {"date": entry.get("published"), "outlet": entry.get("outlet"), "url": entry.get("url")}
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items() if v]
    return "---\n" + "\n".join(lines) + "\n---\n"


def build_article(doc_id: str, entry: dict[str, object]) -> str:
    text = (TEXTS / f"{doc_id}.txt").read_text(encoding="utf-8")
    if sha256_text(text) != entry["sha256"]:
        raise EvalError(f"{doc_id}: rebuilt text differs from its SHA-256", EXIT_MISMATCH)
    (BUILD / "docs" / f"{doc_id}.md").write_text(front_matter(entry) + text, encoding="utf-8")
    return text


def build_gold_line(line: dict[str, object], entry: dict[str, object]) -> dict[str, object]:
    doc_id = str(line["id"])
    if line["sha256"] != entry["sha256"]:
        raise EvalError(f"{doc_id}: gold was made on another text than the manifest's", EXIT_MISMATCH)
    text = build_article(doc_id, entry)
    facts = []
    for fact in line["facts"]:  # type: ignore[attr-defined]
        start, end = fact["span"]
        facts.append({**{k: v for k, v in fact.items() if k != "span"}, "quote": text[start:end]})
    return {"doc": f"docs/{doc_id}.md", "published": line["published"], "facets": line["facets"], "facts": facts}


def build(mirrors: str | None) -> None:
    rebuild_texts(mirrors)
    entries = manifest()
    (BUILD / "docs").mkdir(parents=True, exist_ok=True)
    for name in SETS:
        if not (GOLD / f"{name}.jsonl").exists():
            continue
        rows = [build_gold_line(line, entries[str(line["id"])]) for line in read_jsonl(GOLD / f"{name}.jsonl")]
        body = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        (BUILD / f"{name}.jsonl").write_text(body, encoding="utf-8")
    for doc_id, entry in entries.items():
        if entry["set"] == "offtopic":
            build_article(doc_id, entry)


def run_scorer(name: str, sitrep: str, details: bool) -> dict[str, object]:
    command = [sys.executable, str(SCORER), "--gold", str(BUILD / f"{name}.jsonl"),
               "--run", f"{shlex.quote(sitrep)} analyze --format facts {{paths}}"]
    proc = subprocess.run(command + (["--details"] if details else []), capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise EvalError(f"score.py on {name} failed ({proc.returncode}):\n{proc.stderr[-2000:]}", EXIT_USAGE)
    result: dict[str, object] = json.loads(proc.stdout)
    if details:
        (BUILD / f"{name}-details.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
        result.pop("details", None)
    return result


def offtopic_events(sitrep: str) -> dict[str, object]:
    paths = [BUILD / "docs" / f"{i}.md" for i, e in sorted(manifest().items()) if e["set"] == "offtopic"]
    proc = subprocess.run([sitrep, "analyze", "--format", "facts", *map(str, paths)],
                          capture_output=True, text=True, check=False)
    facts = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    events = [f for f in facts if f.get("kind") == "event"]
    if proc.returncode not in (0, 2):
        raise EvalError(f"sitrep analyze on the off-topic set failed ({proc.returncode}):\n{proc.stderr[-2000:]}",
                        EXIT_USAGE)
    per_doc: dict[str, int] = {}
    for fact in events:
        stem = Path(str(fact.get("doc", ""))).stem
        per_doc[stem] = per_doc.get(stem, 0) + 1
    return {"articles": len(paths), "events": len(events),
            "events_per_article": round(len(events) / len(paths), 4) if paths else None,
            "articles_with_events": dict(sorted(per_doc.items()))}


def summary(result: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for kind in FACETS:
        row = result.get(kind) or {}
        out[kind] = {k: row.get(k) for k in ("precision", "recall", "f1", "tp", "fp", "fn")}  # type: ignore[union-attr]
    out["measure_accuracy"] = result.get("measure_accuracy")
    out["qualifier_accuracy"] = result.get("qualifier_accuracy")
    return out


def git_commit() -> str | None:
    proc = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True, check=False)
    return proc.stdout.strip() or None


def score(args: argparse.Namespace) -> int:
    build(args.mirrors)
    report: dict[str, object] = {"date": dt.date.today().isoformat(), "commit": git_commit()}
    for name in SETS:
        if args.only in (None, name):
            rows = read_jsonl(BUILD / f"{name}.jsonl")
            report[name] = {"articles": len(rows), **summary(run_scorer(name, args.sitrep, args.details))}
    if args.only in (None, "offtopic"):
        report["offtopic"] = offtopic_events(args.sitrep)
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return EXIT_OK


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="score", choices=("score", "build", "encode"))
    parser.add_argument("--mirrors", help="folder of bare git mirrors (default /work/.mirror)")
    parser.add_argument("--sitrep", default=str(ROOT / ".venv" / "bin" / "sitrep"), help="the sitrep command")
    parser.add_argument("--details", action="store_true", help="also write build/<set>-details.json")
    parser.add_argument("--set", dest="only", choices=(*SETS, "offtopic"), help="score: only this set")
    parser.add_argument("--src", type=Path, help="encode: folder of annotators' <id>.json files")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if args.command == "encode":
            if not args.src:
                raise EvalError("encode needs --src FOLDER", EXIT_USAGE)
            return encode(args.src, TEXTS)
        if args.command == "build":
            build(args.mirrors)
            return EXIT_OK
        return score(args)
    except EvalError as exc:
        print(f"news_eval: {exc}", file=sys.stderr)
        return exc.code


if __name__ == "__main__":
    sys.exit(main())
