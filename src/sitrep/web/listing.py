"""What the API's list routes share: paging (``limit``, ``offset``), day filters and the ``Page`` they answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query
from pydantic import BaseModel

Day = Annotated[
    str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", examples=["2025-07-08"], description="A day, YYYY-MM-DD.")
]
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]


class Page(BaseModel):
    """One page of rows: ``total`` matching, this page's ``limit`` and ``offset``, and the ``items``."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


@dataclass(frozen=True)
class Paging:
    """The page a list route was asked for."""

    limit: int
    offset: int

    def page(self, total: int, items: list[dict[str, Any]]) -> Page:
        """``items`` (already cut to this page) out of ``total`` matching rows."""
        return Page(total=total, limit=self.limit, offset=self.offset, items=items)

    def cut(self, rows: list[dict[str, Any]]) -> Page:
        """This page of all the matching ``rows``."""
        return self.page(len(rows), rows[self.offset : self.offset + self.limit])


def paging(default_limit: int) -> Callable[[int, int], Paging]:
    """The dependency reading ``limit`` (``default_limit`` when absent) and ``offset`` from the query."""

    def read(limit: Limit = default_limit, offset: Offset = 0) -> Paging:
        return Paging(limit, offset)

    return read


Paged = Annotated[Paging, Depends(paging(100))]
LongPaged = Annotated[Paging, Depends(paging(1000))]  # the trackers: one row per month or day and category


def day(name: str, value: str | None) -> dt.date | None:
    """A ``Day`` query parameter as a date; 422 when it is no calendar day (2025-02-30)."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a day like 2025-07-08") from None


@dataclass(frozen=True)
class Days:
    """The ``since`` and ``until`` days of a list route, both ends included."""

    since: dt.date | None
    until: dt.date | None


def days(since: Day = None, until: Day = None) -> Days:
    """The dependency reading ``since`` and ``until`` from the query."""
    return Days(day("since", since), day("until", until))


DayRange = Annotated[Days, Depends(days)]
