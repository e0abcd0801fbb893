"""Paging of the commands that list a store's rows: one page by default, ``--all`` streamed.

A list command reads ``--limit`` rows (default ``DEFAULT_LIMIT``) from ``--offset`` in SQL, or with ``--all``
every row as it is read (a server-side cursor on PostgreSQL: memory stays flat and the first row comes
first); when rows are left out, one line on stderr says how many and how to get them.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import click

DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class Paging:
    """What a list command shows: ``limit`` rows from ``offset``, or everything (``every``)."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0
    every: bool = False

    def note(self, shown: int, total: int, noun: str) -> str | None:
        """The stderr line when rows are left out (None when none are): which rows, of how many, and how
        to get the others."""
        if self.every or shown >= total:
            return None
        first, last = self.offset + 1, self.offset + shown
        where = f"{first:,}-{last:,}" if shown else "none"
        more = f"--offset {last} for the next {self.limit:,}, " if last < total else ""
        return f"sitrep: showing {where} of {total:,} {noun}; {more}--all for every one"


def paging_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--limit N``, ``--offset N`` and ``--all``, given to the command as ``paging`` (a ``Paging``)."""

    @functools.wraps(func)
    def command(*args: Any, limit: int, offset: int, every: bool, **kwargs: Any) -> Any:
        if every and (offset or limit != DEFAULT_LIMIT):
            raise click.UsageError("--all shows every row: give it without --limit and --offset")
        return func(*args, paging=Paging(limit, offset, every), **kwargs)

    options = (
        click.option(
            "--limit",
            type=click.IntRange(min=1),
            default=DEFAULT_LIMIT,
            show_default=True,
            metavar="N",
            help="Rows to show; a note on stderr says how many are left out.",
        ),
        click.option(
            "--offset",
            type=click.IntRange(min=0),
            default=0,
            show_default=True,
            metavar="N",
            help="Rows to skip before them.",
        ),
        click.option("--all", "every", is_flag=True, help="Every row, streamed as it is read."),
    )
    for option in reversed(options):
        command = option(command)
    return command


def emit_page(rows: Iterable[dict[str, Any]], fmt: str, paging: Paging, total: int, noun: str) -> None:
    """Write rows (a page, or every row as it is read) as a table, CSV or JSON; then the note on what was
    left out, if anything was."""
    from sitrep.corpus.tables import stream

    shown = 0

    def counted() -> Iterable[dict[str, Any]]:
        nonlocal shown
        for row in rows:
            shown += 1
            yield row

    for text in stream(counted(), fmt):
        click.echo(text, nl=False)
    sys.stdout.flush()
    line = paging.note(shown, total, noun)
    if line:
        click.echo(line, err=True)
