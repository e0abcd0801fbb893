"""The Frontline page: places on the map coloured by the side that last took them, with a time filter.

Without scripts (strict CSP): the time filter is a GET form ("changed hands since", "as of") and a
row of links, one per day on which places changed hands, that shows the front line as of that day.
Colours are classes (``side-1`` … ``side-6``, ``side-contested``) given to the sides in order of the
places they took over the whole store, so that a side keeps its colour whatever the time filter.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape

from sitrep.corpus.territory import Holding
from sitrep.web import geo
from sitrep.web.api import store
from sitrep.web.listing import day
from sitrep.web.pages import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: Side colours in style.css (``.side-1`` … ``.side-6``); a seventh side reuses the first colour.
SIDE_COLOURS = 6


@dataclass(frozen=True)
class Side:
    """A side on the front line: its code, its colour class and the places it holds."""

    code: str
    css: str
    places: int


@dataclass(frozen=True)
class Point:
    """A place of the front line placed on the map."""

    holding: Holding
    lon: float
    lat: float


def palette(takers: list[str]) -> dict[str, str]:
    """A colour class per side: the side that took the most places first (ties by code)."""
    counts = Counter(takers)
    ranked = sorted(counts, key=lambda code: (-counts[code], code))
    return {code: f"side-{i % SIDE_COLOURS + 1}" for i, code in enumerate(ranked)}


def sides(held: list[Holding], colours: dict[str, str]) -> list[Side]:
    """The sides holding places in this view, most places first (then by code), in their colours."""
    counts = Counter(h.side for h in held if h.side)
    ranked = sorted(counts, key=lambda code: (-counts[code], code))
    return [Side(code, colours[code], counts[code]) for code in ranked]


def placed(held: list[Holding]) -> tuple[list[Point], list[Holding]]:
    """The places with coordinates (stored at ingest, else the map's own), and those without."""
    points, unplaced = [], []
    for h in held:
        where = (h.lon, h.lat) if h.lon is not None and h.lat is not None else geo.locate(h.place)
        if where is None:
            unplaced.append(h)
        else:
            points.append(Point(h, *where))
    return points, unplaced


def svg(points: list[Point], colours: dict[str, str], title: str) -> Markup:
    """The map, close around the places, a square per place in the colour of its side."""
    view = geo.close_frame([(p.lon, p.lat) for p in points])
    taken: list[geo.Box] = []
    return view.svg("".join(_mark(p, view.xy(p.lon, p.lat), colours, taken) for p in points), title)


def _mark(p: Point, at: str, colours: dict[str, str], taken: list[geo.Box]) -> str:
    h = p.holding
    x, y = (float(v) for v in at.split(","))
    if h.side:
        css, label = colours[h.side], f"{h.place}: taken by {h.side} on {h.day.isoformat()}"
    else:
        css, label = "side-contested", f"{h.place}: contested on {h.day.isoformat()} ({', '.join(h.claimants)})"
    size = 11.0
    return (
        f'<a href="/event/{escape(h.cluster)}" aria-label="{escape(label)}">'
        f'<rect x="{x - size / 2:.1f}" y="{y - size / 2:.1f}" width="{size:.0f}" height="{size:.0f}" rx="2"'
        f' class="held {css}"><title>{escape(label)}</title></rect>{geo.name_label(h.place, at, size / 2, taken)}</a>'
    )


@router.get("/frontline")
def frontline_page(request: Request, since: str = "", until: str = "") -> Response:
    """The front line as of ``until`` (default: everything stored), places changed since ``since``."""
    from sitrep.corpus.territory import front_line, territory_tracker

    first, last = day("since", since or None), day("until", until or None)
    with store(request) as db:
        held = front_line(db, first, last)
        rows = territory_tracker(db, first, last)
        everything = territory_tracker(db)
    days = sorted({r["day"] for r in everything if r["day"] and r["place"]})
    colours = palette([r["taken_by"] for r in everything if r["taken_by"] and r["place"]])
    ranked = sides(held, colours)
    points, unplaced = placed(held)
    context: dict[str, Any] = {
        "svg": svg(points, colours, "Front line: places by the side that last took them") if points else None,
        "held": held,
        "colours": colours,
        "sides": ranked,
        "unplaced": unplaced,
        "rows": rows,
        "days": days,
        "filters": {"since": since, "until": until},
    }
    return render(request, "frontline.html", **context)
