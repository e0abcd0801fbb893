"""Options shared by commands that live in different modules."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

import click

from sitrep.store.db import DEFAULT_DB


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--db URL``: an SQLite file (default ``sitrep.db`` or ``$SITREP_DB``) or a PostgreSQL URL."""
    return click.option(
        "--db",
        "db_url",
        default=lambda: os.environ.get("SITREP_DB", DEFAULT_DB),
        show_default="sitrep.db or $SITREP_DB",
        metavar="URL",
        help="SQLite file (sitrep.db) or postgresql://user@host/dbname.",
    )(func)


def workers_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--workers N``: analysis processes (default: all cores; 1 analyzes in this process)."""
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        show_default="all cores",
        help="Analysis processes; 1 analyzes in this process.",
    )(func)


def day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """Option callback: ``YYYY-MM-DD`` as a date (None when the option is not given)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-07-08") from None
