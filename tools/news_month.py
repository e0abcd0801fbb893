"""Collect one month of one outlet's articles from the history of a news-crawl repository.

Some public repositories of RSS crawls (ptnews/Store: a Hugo site, one Markdown file per article
with front matter ``title``, ``date``, ``link``, ``source`` and an HTML body) rewrite or delete
their article files on every run, so a month's coverage lies spread over hundreds of commits.
This tool walks the history of the content folder of a local bare mirror (``git --git-dir``),
takes every version of every article file, keeps those whose ``date`` falls in the month and
whose ``source`` (the feed) contains ``--feed``, and writes each distinct article once: the
newest version of each file; a second file with the same address (query and fragment dropped)
or the same headline (case and spaces folded) is a duplicate. Each text is cleaned as the news
evaluation cleans it (``tools/news_texts.py``: headline first, paragraphs, no HTML, no
all-capitals promotion lines) and written as ``<date>-<file name>.md`` with front matter
(date, outlet, url, title, and the pointer: repo, commit, path, SHA-256 of the cleaned text)
into ``--out`` (default ``tests/data/news/month/<YYYY-MM>/``, git-ignored: the texts are
copyrighted and never committed). A JSON summary goes to standard output.

Example:
  python tools/news_month.py --month 2026-01 --feed feeds.foxnews.com --outlet "Fox News"

Exit codes:
  0  the month was collected (articles that could not be cleaned are counted and named on
     standard error, one line each; the others are written)
  2  bad usage (a month that is not YYYY-MM, an output path that is a file)
  3  the mirror is absent: no bare repository for --repo under --mirrors (or at --git-dir)
  4  git could not read the mirror's history or objects
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import news_texts as nt

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "data" / "news" / "month"
EXIT_OK, EXIT_USAGE, EXIT_MISSING, EXIT_GIT = 0, 2, 3, 4
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_SPACES = re.compile(r"\s+")


class GitError(Exception):
    """git refused to read the mirror."""


@dataclass(frozen=True)
class Version:
    commit: str
    path: str


@dataclass
class Tally:
    versions: int = 0
    files: int = 0
    in_month: int = 0
    written: int = 0
    duplicate_url: int = 0
    duplicate_title: int = 0
    empty: int = 0
    broken: int = 0
    words: int = 0
    days: Counter[str] = field(default_factory=Counter)
    feeds: Counter[str] = field(default_factory=Counter)


# --------------------------------------------------------------------------- git


def _git(git_dir: Path, *args: str, stdin: bytes | None = None) -> bytes:
    proc = subprocess.run(["git", "--git-dir", str(git_dir), *args], input=stdin, capture_output=True, check=False)
    if proc.returncode != 0:
        reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed on {git_dir}: {reason[-1] if reason else proc.returncode}")
    return proc.stdout


def article_versions(git_dir: Path, folder: str) -> list[Version]:
    """Each article file under ``folder`` once, at the newest commit that added or changed it."""
    log = _git(git_dir, "log", "--all", "--format=C %H", "--diff-filter=AM", "--name-only", "--", folder)
    seen: set[str] = set()
    versions: list[Version] = []
    commit = ""
    for line in log.decode("utf-8", "replace").splitlines():
        if line.startswith("C "):
            commit = line[2:].strip()
        elif line.strip() and line.endswith((".md", ".html")) and line not in seen:
            seen.add(line)
            versions.append(Version(commit, line))
    return versions


def read_blobs(git_dir: Path, versions: list[Version]) -> Iterator[tuple[Version, bytes | None]]:
    """The bytes of each version (None when the object is missing), read in one ``cat-file --batch``."""
    request = "".join(f"{v.commit}:{v.path}\n" for v in versions).encode("utf-8")
    out = _git(git_dir, "cat-file", "--batch", stdin=request)
    pos = 0
    for version in versions:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        if header[-1] == b"missing":
            pos = end + 1
            yield version, None
            continue
        size = int(header[2])
        yield version, out[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1


# --------------------------------------------------------------------------- selection


def url_key(url: str) -> str:
    """An address without scheme, query, fragment, ``www.`` or trailing slash, in lower case."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}".lower()


def title_key(title: str) -> str:
    return _SPACES.sub(" ", title).strip().casefold()


def slug(path: str) -> str:
    stem = Path(path).stem
    return re.sub(r"[^a-z0-9-]+", "-", stem.lower()).strip("-")[:120] or "article"


def front_matter(fields: dict[str, str]) -> str:
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n"


@dataclass
class Collector:
    """Keeps the month's distinct articles of the feed and writes them."""

    repo: str
    month: str
    feed: str
    outlet: str
    out: Path
    tally: Tally = field(default_factory=Tally)
    urls: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    names: dict[str, int] = field(default_factory=dict)

    def take(self, version: Version, raw: bytes) -> None:
        try:
            fields, _ = nt.split_front_matter(raw.decode("utf-8"))
        except (nt.Broken, UnicodeDecodeError):
            return  # not an article file of this crawl: no front matter to date it by
        day, source = fields.get("date", "")[:10], fields.get("source", "")
        if not day.startswith(self.month) or self.feed not in source:
            return
        self.tally.in_month += 1
        url, title = fields.get("link") or fields.get("url") or "", fields.get("title", "")
        if url and url_key(url) in self.urls:
            self.tally.duplicate_url += 1
            return
        if title and title_key(title) in self.titles:
            self.tally.duplicate_title += 1
            return
        if url:
            self.urls.add(url_key(url))
        if title:
            self.titles.add(title_key(title))
        self._write(version, raw, day, url, source)

    def _write(self, version: Version, raw: bytes, day: str, url: str, source: str) -> None:
        try:
            text = nt.extract_frontmatter_html(raw, None)
        except (nt.Broken, UnicodeDecodeError) as exc:
            self.tally.broken += 1
            print(f"news_month: {version.commit[:12]}:{version.path}: {exc}", file=sys.stderr)
            return
        headline, _, body = text.partition("\n\n")
        if not body.strip():
            self.tally.empty += 1
            return
        meta = {
            "date": day,
            "outlet": self.outlet,
            "url": url,
            "title": headline,
            "repo": self.repo,
            "commit": version.commit,
            "path": version.path,
            "sha256": nt.sha256_text(text),
        }
        name = f"{day}-{slug(version.path)}"
        count = self.names[name] = self.names.get(name, 0) + 1
        path = self.out / (f"{name}.md" if count == 1 else f"{name}-{count}.md")  # same file name in two folders
        path.write_text(front_matter(meta) + text, encoding="utf-8")
        self.tally.written += 1
        self.tally.words += len(text.split())
        self.tally.days[day] += 1
        self.tally.feeds[source] += 1


# --------------------------------------------------------------------------- command line


def summary(args: argparse.Namespace, git_dir: Path, tally: Tally, out: Path) -> dict[str, object]:
    return {
        "repo": args.repo,
        "mirror": str(git_dir),
        "month": args.month,
        "feed": args.feed,
        "outlet": args.outlet,
        "files_in_history": tally.files,
        "versions_read": tally.versions,
        "in_month_and_feed": tally.in_month,
        "written": tally.written,
        "duplicates_by_url": tally.duplicate_url,
        "duplicates_by_title": tally.duplicate_title,
        "empty": tally.empty,
        "broken": tally.broken,
        "words": tally.words,
        "days": len(tally.days),
        "first_day": min(tally.days, default=None),
        "last_day": max(tally.days, default=None),
        "per_feed": dict(tally.feeds.most_common()),
        "out": str(out),
    }


def collect(args: argparse.Namespace, git_dir: Path, out: Path) -> Tally:
    collector = Collector(args.repo, args.month, args.feed, args.outlet, out)
    versions = article_versions(git_dir, args.folder)
    collector.tally.files = len(versions)
    for version, raw in read_blobs(git_dir, versions):
        if raw is not None:
            collector.tally.versions += 1
            collector.take(version, raw)
    return collector.tally


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--month", required=True, help="YYYY-MM: the month of the articles' front matter date")
    parser.add_argument("--repo", default="ptnews/Store", help="owner/name of the crawl repository")
    parser.add_argument("--mirrors", type=Path, default=nt.DEFAULT_MIRRORS, help="folder of bare git mirrors")
    parser.add_argument("--git-dir", type=Path, help="the bare repository itself (instead of --mirrors)")
    parser.add_argument("--folder", default="content/news", help="the folder of article files in the repository")
    parser.add_argument("--feed", default="feeds.foxnews.com", help="keep articles whose source feed contains this")
    parser.add_argument("--outlet", default="Fox News", help="outlet name written into the front matter")
    parser.add_argument("--out", type=Path, help="output folder (default tests/data/news/month/<YYYY-MM>)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not _MONTH.fullmatch(args.month):
        print(f"news_month: --month {args.month!r}: not YYYY-MM", file=sys.stderr)
        return EXIT_USAGE
    if args.git_dir is not None:
        git_dir = args.git_dir if (args.git_dir / "objects").is_dir() else None
    else:
        git_dir = nt.find_mirror(args.mirrors, args.repo)
    if git_dir is None:
        where = args.git_dir or args.mirrors
        print(f"news_month: {where}: no bare mirror of {args.repo} (fetch it first)", file=sys.stderr)
        return EXIT_MISSING
    out = args.out or DEFAULT_OUT / args.month
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"news_month: {out}: cannot make the output folder ({exc.strerror})", file=sys.stderr)
        return EXIT_USAGE
    try:
        tally = collect(args, git_dir, out)
    except GitError as exc:
        print(f"news_month: {exc}", file=sys.stderr)
        return EXIT_GIT
    print(json.dumps(summary(args, git_dir, tally, out), indent=1))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
