"""What a format parser hands back before the common checks build the ``Article``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Parsed:
    """Cleaned text plus whatever metadata the format carried."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
