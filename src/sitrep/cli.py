"""Sitrep's command line: thin commands over ``sitrep.service``.

Exit codes: 0 all inputs analyzed; 1 usage or unexpected error; 2 at least one
input refused (the others were still analyzed); 3 the pipeline failed on an input;
4 a store error; 5 a record not found.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from sitrep import cli_corpus
from sitrep.cli_options import day, workers_option
from sitrep.errors import SitrepError
from sitrep.model import Article, Report
from sitrep.scale import cli as scale_cli
from sitrep.version import __version__
from sitrep.web import cli as web_cli

log = logging.getLogger("sitrep")


def _fail(source: str, reason: str) -> None:
    click.echo(f"sitrep: {source}: {reason}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitrep")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def main(verbose: int) -> None:
    """Sitrep: turn reporting on war and military aid into sourced, structured facts.

    \b
    Quick start:
      sitrep analyze article.txt               readable report
      sitrep analyze --format facts a.txt b.md JSON Lines facts (spec/facts.md)
      sitrep eval tests/data/gold/dev.jsonl    score against a gold file
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _articles(paths: tuple[str, ...], published: dt.date | None, failures: list[int]) -> Iterator[tuple[str, Article]]:
    from sitrep.ingest import read_path, read_stream

    for path in paths:
        try:
            if path == "-":
                yield path, read_stream(sys.stdin.buffer, doc="<stdin>", published=published)
            else:
                yield path, read_path(path, published=published)
        except SitrepError as exc:
            _fail(exc.source, exc.reason)
            failures.append(exc.exit_code)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "facts"]),
    default="text",
    show_default=True,
    help="text: readable report; json: the full report; facts: JSON Lines per spec/facts.md.",
)
@click.option(
    "--published",
    callback=day,
    metavar="DATE",
    help="Publication date (YYYY-MM-DD) used to resolve 'Monday', 'last week'…",
)
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when on a terminal).")
@workers_option
def analyze(
    paths: tuple[str, ...], fmt: str, published: dt.date | None, color: bool | None, workers: int | None
) -> None:
    """Analyze articles (.txt, .md, .html; '-' for stdin) into a report.

    \b
    Examples:
      sitrep analyze ../shared/seed/us-aid-pause-article.txt
      sitrep analyze --format facts docs/*.txt > facts.jsonl
      curl -s URL | sitrep analyze --format json -
      sitrep analyze --workers 2 --format facts corpus/*.md > facts.jsonl
    """
    from sitrep.parallel import analyze_parallel, default_workers
    from sitrep.service import analyze_results

    failures: list[int] = []
    pending = list(_articles(paths, published, failures))
    color = sys.stdout.isatty() if color is None else color
    workers = workers or default_workers()
    articles = (a for _, a in pending)
    results = analyze_parallel(articles, workers) if workers > 1 else analyze_results(articles)
    for index, ((path, _), result) in enumerate(zip(pending, results, strict=True)):
        if isinstance(result, SitrepError):
            _fail(result.source, result.reason)
            failures.append(result.exit_code)
            continue
        _emit(result, path, fmt, color, first=index == 0)
    if failures:
        sys.exit(2 if 2 in failures else max(failures))


def _emit(report: Report, path: str, fmt: str, color: bool, first: bool) -> None:
    from sitrep.render import facts_lines, render_text, report_json

    if fmt == "facts":
        for line in facts_lines(report, doc=path):
            click.echo(line)
    elif fmt == "json":
        click.echo(report_json(report))
    else:
        if not first:
            click.echo("\n" + "─" * 80 + "\n")
        click.echo(render_text(report, color=color), color=color)


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--details", is_flag=True, help="List every missed gold fact and every false alarm.")
@click.option("--min-f1", "min_f1", multiple=True, metavar="KIND=F", help="Exit 1 if a kind's F1 is below F.")
def evaluate(gold: str, details: bool, min_f1: tuple[str, ...]) -> None:
    """Score Sitrep against a gold file (precision, recall, F1 per kind).

    \b
    Example:
      sitrep eval tests/data/gold/seed.jsonl --details
    """
    from sitrep.evaluate import Scoreboard, load_gold
    from sitrep.ingest import read_path
    from sitrep.service import analyze

    board = Scoreboard()
    for doc in load_gold(gold):
        published = dt.date.fromisoformat(doc["published"]) if doc.get("published") else None
        try:
            report = analyze(read_path(doc["path"], published=published))
            facts: list[dict[str, Any]] = report.facts()
        except SitrepError as exc:
            _fail(exc.source, exc.reason)
            facts = []
        board.add(doc["doc"], doc.get("facets") or (), doc["facts"], facts)
    result = board.result(details)
    click.echo(json.dumps(result, indent=1, ensure_ascii=False))
    low = [
        bound for bound in min_f1 if (result.get(bound.split("=")[0], {}).get("f1") or 0) < float(bound.split("=")[1])
    ]
    if low:
        _fail(Path(gold).name, "below the bar: " + ", ".join(low))
        sys.exit(1)


# The command groups of the other modules: each adds its commands to ``main``, here and only here.
for _register in (cli_corpus.register, scale_cli.register, web_cli.register):
    _register(main)

if __name__ == "__main__":  # pragma: no cover
    main()
