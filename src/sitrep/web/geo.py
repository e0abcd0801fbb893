"""The offline map: country outlines shipped with the app (Natural Earth 1:110m, simplified) and
GeoNames coordinates of the lexicon's places (see tools/make_web_geo.py), drawn as SVG.

Events are placed at their place's coordinates; a place without coordinates falls back to
its country's centre; anything else is listed as unmapped.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from sitrep.eventtypes import EventType

Ring = list[list[float]]


@cache
def countries() -> dict[str, list[Ring]]:
    return json.loads((resources.files("sitrep.web") / "data" / "countries.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def places() -> dict[str, list[Any]]:
    return json.loads((resources.files("sitrep.web") / "data" / "places.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def _place_country() -> dict[str, str]:
    """Place name or alias (case-folded) → its canonical name in places.json, or its country code."""
    from sitrep.nlp.lexicon import load_lexicons  # lexicon data only, no pipeline

    out: dict[str, str] = {}
    for term in load_lexicons().places:
        if term.country:
            for name in (term.name, *term.aliases):
                out[name.casefold()] = term.name if term.name in places() else term.country
    return out


def locate(place: str) -> tuple[float, float] | None:
    """Longitude and latitude of a place name, its country's centre, or None."""
    if place in places():
        return float(places()[place][0]), float(places()[place][1])
    resolved = _place_country().get(place.casefold(), "")
    if resolved in places():
        return float(places()[resolved][0]), float(places()[resolved][1])
    if resolved in countries():
        return centre(resolved)
    return None


def centre(code: str) -> tuple[float, float]:
    """The centre of a country's largest ring (by bounding box)."""
    ring = max(countries()[code], key=_box_area)
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def _box_area(ring: Ring) -> float:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return (max(xs) - min(xs)) * (max(ys) - min(ys))


@dataclass
class Marker:
    """Events at one place: how many, how many strikes, and the latest (an event row)."""

    place: str
    lon: float
    lat: float
    count: int = 0
    strikes: int = 0
    latest: dict[str, Any] = field(default_factory=dict)


def markers(rows: list[dict[str, Any]]) -> tuple[list[Marker], list[dict[str, Any]]]:
    """Event rows (``cluster_row``, in first-day order) or places' rows (``place``, ``events``, ``strikes``,
    ``latest``: ``cluster_queries.place_rows``) grouped into markers by place, and the rows not placed."""
    found: dict[str, Marker] = {}
    unmapped: list[dict[str, Any]] = []
    for row in rows:
        where = locate(row["place"]) if row.get("place") else None
        if where is None:
            unmapped.append(row)
            continue
        marker = found.setdefault(row["place"], Marker(row["place"], *where))
        marker.count += int(row.get("events", 1))
        marker.strikes += int(row["strikes"] if "strikes" in row else row["type"] == EventType.ATTACK)
        marker.latest = row.get("latest", row)
    return sorted(found.values(), key=lambda m: -m.count), unmapped


# Default view: Europe from the Atlantic to the Urals, the war's theatre.
DEFAULT_BOX = (-12.0, 34.0, 50.0, 62.0)


def _bounds(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points] + [DEFAULT_BOX[0], DEFAULT_BOX[2]]
    ys = [p[1] for p in points] + [DEFAULT_BOX[1], DEFAULT_BOX[3]]
    return min(xs) - 3, max(min(ys) - 3, -60), max(xs) + 3, min(max(ys) + 3, 80)


@dataclass(frozen=True)
class Frame:
    """A view of the world's box (west, south, east, north), equirectangular, scaled by its mid latitude."""

    west: float
    south: float
    east: float
    north: float
    width: float = 900.0

    @property
    def _k(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def _scale(self) -> float:
        return self.width / ((self.east - self.west) * self._k)

    @property
    def height(self) -> float:
        return (self.north - self.south) * self._scale

    def xy(self, lon: float, lat: float) -> str:
        """The SVG point of a longitude and latitude, as "x,y"."""
        return f"{(lon - self.west) * self._k * self._scale:.1f},{(self.north - lat) * self._scale:.1f}"

    def land(self) -> str:
        """The outlines of the countries in view, one titled ``path.land`` each."""
        shapes = []
        for code, rings in sorted(countries().items()):
            d = "".join(
                "M" + "L".join(self.xy(x, y) for x, y in ring) + "Z"
                for ring in rings
                if _overlaps(ring, self.west, self.south, self.east, self.north)
            )
            if d:
                shapes.append(f'<path d="{d}" class="land"><title>{escape(code)}</title></path>')
        return "".join(shapes)

    def svg(self, marks: str, title: str) -> Markup:
        """The map: sea, land, then ``marks`` (SVG drawn with ``xy``) on top."""
        t = escape(title)
        return Markup(
            f'<svg class="map" viewBox="0 0 {self.width:.0f} {self.height:.0f}" role="img" aria-label="{t}">'
            f'<title>{t}</title><rect width="100%" height="100%" class="sea"/>{self.land()}{marks}</svg>'
        )


def frame(points: list[tuple[float, float]]) -> Frame:
    """The frame that shows every (lon, lat) point and at least the default view."""
    return Frame(*_bounds(points))


def close_frame(points: list[tuple[float, float]], margin: float = 1.0, span: float = 6.0) -> Frame:
    """A frame close around the (lon, lat) points, twice as wide as high on screen.

    ``margin`` degrees beyond the points, ``span`` degrees of longitude at least.
    """
    if not points:
        return Frame(*DEFAULT_BOX)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    k = math.cos(math.radians(mid_y))
    half_x = max((max(xs) - min(xs)) / 2 + margin, span / 2)
    half_y = (max(ys) - min(ys)) / 2 + margin
    half_x, half_y = max(half_x, 2 * half_y / k), max(half_y, half_x * k / 2)
    return Frame(mid_x - half_x, max(mid_y - half_y, -60), mid_x + half_x, min(mid_y + half_y, 80))


def svg_map(found: list[Marker], title: str) -> Markup:
    """Countries in the bounds of the markers, with a dot per marker."""
    view = frame([(m.lon, m.lat) for m in found])
    taken: list[tuple[float, float, float, float]] = []
    return view.svg("".join(_dot(m, view.xy(m.lon, m.lat), taken) for m in found), title)


def _overlaps(ring: Ring, west: float, south: float, east: float, north: float) -> bool:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return max(xs) >= west and min(xs) <= east and max(ys) >= south and min(ys) <= north


Box = tuple[float, float, float, float]


def name_label(name: str, at: str, radius: float, taken: list[Box]) -> str:
    """An SVG text naming a mark at ``at`` ("x,y"), or "" when it would cover a label already in ``taken``."""
    x, y = (float(v) for v in at.split(","))
    box = (x - radius, y - 9, x + radius + 4 + 7.2 * len(name), y + 9)
    if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
        return ""
    taken.append(box)
    return f'<text x="{x + radius + 2:.1f}" y="{y + 4:.1f}" class="dot-label">{escape(name)}</text>'


def _dot(m: Marker, at: str, taken: list[Box]) -> str:
    """A marker, named on the map unless its name would cover one already drawn (busiest places first)."""
    x, y = (float(v) for v in at.split(","))
    radius = 5 + 3 * math.sqrt(m.count)
    kind = "strike" if m.strikes else "event"
    label = f"{m.place}: {m.count} events, {m.strikes} strikes"
    name = name_label(m.place, at, radius, taken)
    return (
        f'<a href="/timeline?place={quote(m.place)}" aria-label="{escape(label)}">'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" class="dot dot-{kind}"><title>{escape(label)}</title>'
        f"</circle>{name}</a>"
    )
