"""Rebuild the news evaluation texts from pointers (tests/data/news/manifest.jsonl).

The articles are copyrighted: the repository holds only pointers (public GitHub repository,
commit, path, optional record locator, extraction method) and the SHA-256 of each cleaned
text. This tool reads each pointed-to file out of a local bare mirror of its repository
(``git --git-dir``), extracts and cleans the article the way the manifest says, checks the
SHA-256 and writes the text to the output folder (untracked, git-ignored).

Mirrors are looked for as ``MIRRORS/owner+name/repo``, ``MIRRORS/owner+name`` or
``MIRRORS/owner/name`` (the layout of ``fetch``: ``/work/.mirror/owner+name/repo``).

Exit codes:
  0  every article rebuilt and verified
  2  bad usage or unreadable manifest
  3  some articles could not be rebuilt because a repository or commit is absent
     (nothing is wrong with the ones that were rebuilt; CI without network ends here)
  4  some rebuilt text does not match its SHA-256 (or its record is not in the file)
With ``--allow-missing``, a run whose only problem is absent repositories exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MANIFEST = ROOT / "tests" / "data" / "news" / "manifest.jsonl"
DEFAULT_OUT = ROOT / "tests" / "data" / "news" / "texts"
DEFAULT_MIRRORS = Path("/work/.mirror")

EXIT_OK, EXIT_USAGE, EXIT_MISSING, EXIT_MISMATCH = 0, 2, 3, 4
REQUIRED = ("id", "set", "outlet", "repo", "commit", "path", "extract", "sha256")


class Missing(Exception):
    """The repository or the commit/path is not available locally."""


class Broken(Exception):
    """The source is there but the article cannot be extracted as the manifest says."""


@dataclass(frozen=True)
class Entry:
    id: str
    set: str
    repo: str
    commit: str
    path: str
    extract: str
    sha256: str
    record: str | None


# --------------------------------------------------------------------------- cleaning

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|div|tr)\s*>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SCRIPT = re.compile(r"<(script|style|figure|figcaption)\b.*?</\1\s*>", re.I | re.S)
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")


def html_to_paragraphs(markup: str) -> list[str]:
    """Paragraph texts of an HTML fragment: tags dropped, entities decoded, spaces folded."""
    markup = _SCRIPT.sub(" ", markup)
    markup = _BLOCK_END.sub("\n", markup)
    text = html.unescape(_TAG.sub("", markup))
    paras = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [p for p in paras if p]


def is_promo(paragraph: str) -> bool:
    """An all-capitals line with no lower-case letter ('CLICK HERE TO GET THE APP')."""
    letters = [c for c in paragraph if c.isalpha()]
    return len(letters) >= 8 and not any(c.islower() for c in letters)


def join_article(title: str, paragraphs: list[str]) -> str:
    """Headline as the first line, a blank line, then the paragraphs separated by blank lines."""
    body = [p for p in paragraphs if not is_promo(p)]
    head = [_SPACES.sub(" ", title).strip()] if title.strip() else []
    return "\n\n".join(head + body) + "\n"


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The simple ``key: value`` fields of a YAML front matter (quotes stripped) and the body."""
    match = re.match(r"---\r?\n(.*?)\r?\n---\r?\n(.*)", text, re.S)
    if not match:
        raise Broken("no front matter")
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key and not key.startswith((" ", "-")):
            fields[key.strip()] = value.strip().strip("'\"")
    return fields, match.group(2)


def extract_frontmatter_html(raw: bytes, record: str | None) -> str:
    """A Markdown file with YAML front matter (title:) and an HTML article body."""
    fields, body = split_front_matter(raw.decode("utf-8"))
    return join_article(html.unescape(fields.get("title", "")), html_to_paragraphs(body))


def _json_in_js(raw: bytes) -> object:
    text = raw.decode("utf-8")
    start = text.find("{")
    if start < 0:
        raise Broken("no JSON object in the file")
    try:
        value, _ = json.JSONDecoder().raw_decode(text[start:])
    except json.JSONDecodeError as exc:
        raise Broken(f"JSON does not parse: {exc}") from exc
    return value


def _locate(value: object, record: str) -> dict[str, object]:
    for step in record.split("/"):
        if isinstance(value, list) and step.isdigit() and int(step) < len(value):
            value = value[int(step)]
        elif isinstance(value, dict) and step in value:
            value = value[step]
        else:
            raise Broken(f"record {record!r} is not in the file")
    if not isinstance(value, dict):
        raise Broken(f"record {record!r} is not an object")
    return value


def extract_js_json_record(raw: bytes, record: str | None) -> str:
    """One record (title, body) of a JSON object assigned in a JavaScript file."""
    if not record:
        raise Broken("this extraction needs a record locator")
    item = _locate(_json_in_js(raw), record)
    title, body = str(item.get("title") or ""), str(item.get("body") or "")
    paras = [_SPACES.sub(" ", p).strip() for p in body.split("\n")]
    return join_article(title, [p for p in paras if p])


EXTRACTORS: dict[str, Callable[[bytes, str | None], str]] = {
    "frontmatter-html-v1": extract_frontmatter_html,
    "js-json-record-v1": extract_js_json_record,
}


# --------------------------------------------------------------------------- sources


def find_mirror(mirrors: Path, repo: str) -> Path | None:
    """The bare git directory of ``owner/name`` under ``mirrors``, if there is one."""
    flat = mirrors / repo.replace("/", "+")
    for cand in (flat / "repo", flat, mirrors / repo):
        if (cand / "objects").is_dir() and (cand / "HEAD").is_file():
            return cand
    return None


def read_blob(git_dir: Path, commit: str, path: str) -> bytes:
    """The bytes of ``path`` at ``commit`` in a bare repository; Missing if absent."""
    proc = subprocess.run(
        ["git", "--git-dir", str(git_dir), "cat-file", "blob", f"{commit}:{path}"],
        capture_output=True,
        check=False,
    )
    if proc.returncode != 0:
        raise Missing(f"{commit[:12]}:{path} is not in {git_dir}")
    return proc.stdout


def rebuild(entry: Entry, mirrors: Path) -> str:
    """The cleaned text of one article (Missing / Broken on failure, no hash check)."""
    git_dir = find_mirror(mirrors, entry.repo)
    if git_dir is None:
        raise Missing(f"repository {entry.repo} has no mirror under {mirrors}")
    extractor = EXTRACTORS.get(entry.extract)
    if extractor is None:
        raise Broken(f"unknown extraction {entry.extract!r}")
    return extractor(read_blob(git_dir, entry.commit, entry.path), entry.record)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- manifest


def load_manifest(path: Path) -> list[Entry]:
    """Entries of a JSON-lines manifest; ValueError names the line that is wrong."""
    entries: list[Entry] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        missing = [key for key in REQUIRED if not row.get(key)]
        if missing:
            raise ValueError(f"{path}:{number}: missing {', '.join(missing)}")
        args = {key: str(row[key]) for key in REQUIRED if key != "outlet"}
        entries.append(Entry(record=row.get("record"), **args))
    return entries


# --------------------------------------------------------------------------- command line


def _one(entry: Entry, mirrors: Path, out: Path) -> tuple[str, str]:
    try:
        text = rebuild(entry, mirrors)
    except Missing as exc:
        return "missing", str(exc)
    except (Broken, UnicodeDecodeError) as exc:
        return "broken", str(exc)
    got = sha256_text(text)
    if got != entry.sha256:
        return "mismatch", f"sha256 {got[:16]}... expected {entry.sha256[:16]}..."
    (out / f"{entry.id}.txt").write_text(text, encoding="utf-8")
    return "ok", str(out / f"{entry.id}.txt")


def run(entries: list[Entry], mirrors: Path, out: Path, quiet: bool) -> dict[str, int]:
    """Rebuild every entry, print one line per problem (or per article), return counts."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {"ok": 0, "missing": 0, "broken": 0, "mismatch": 0}
    for entry in entries:
        status, detail = _one(entry, mirrors, out)
        counts[status] += 1
        if status != "ok" or not quiet:
            stream = sys.stdout if status == "ok" else sys.stderr
            print(f"{entry.id} [{entry.set}] {status}: {detail}", file=stream)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST)
    parser.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS, help="folder of bare git mirrors")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the cleaned texts go")
    parser.add_argument("--set", dest="only", choices=("dev", "dev2", "blind", "offtopic"), help="only this set")
    parser.add_argument("--allow-missing", action="store_true", help="absent repositories are not an error")
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems and the summary only")
    args = parser.parse_args(argv)
    try:
        entries = load_manifest(args.manifest)
    except (OSError, ValueError) as exc:
        print(f"news_texts: {exc}", file=sys.stderr)
        return EXIT_USAGE
    entries = [e for e in entries if args.only in (None, e.set)]
    counts = run(entries, args.mirrors, args.out, args.quiet)
    print(f"news_texts: {json.dumps(counts)} -> {args.out}", file=sys.stderr)
    if counts["mismatch"] or counts["broken"]:
        return EXIT_MISMATCH
    if counts["missing"] and not args.allow_missing:
        return EXIT_MISSING
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
