"""Date resolution against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.nlp.dates import explicit_dates, infer_published, iso_week, relative_dates

PUB = dt.date(2025, 7, 8)  # a Tuesday


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("Trump said Monday", "2025-07-07"),
        ("last Friday", "2025-07-04"),
        ("over the coming week", "2025-W29"),
        ("in the past week", "2025-W27"),
        ("last week", "2025-W27"),
        ("this week", "2025-W28"),
        ("yesterday", "2025-07-07"),
        ("this morning", "2025-07-08"),
        ("last month", "2025-06"),
        ("drones struck the city overnight", "2025-07-08"),
        ("early Thursday", "2025-07-03"),
        ("on Wednesday", "2025-07-02"),
        ("three days ago", "2025-07-05"),
        ("two weeks ago", "2025-W26"),
        ("a month ago", "2025-06"),
        ("this month", "2025-07"),
    ],
)
def test_relative_expressions_resolve_against_publication(phrase: str, value: str) -> None:
    spans = relative_dates(phrase, PUB)
    assert [s.value for s in spans] == [value]


def test_partial_date_takes_the_publication_year_not_the_previous_one() -> None:
    assert [s.value for s in explicit_dates("talks on July 10", PUB)] == ["2025-07-10"]


def test_past_partial_date_after_publication_goes_back_a_year() -> None:
    spans = explicit_dates("the attack on December 29", dt.date(2023, 1, 5))
    assert [s.value for s in spans] == ["2022-12-29"]


def test_list_of_dates_shares_the_year_of_its_last_member() -> None:
    text = "agreements of November 9, 2020, January 11 and November 26, 2021"
    assert [s.value for s in explicit_dates(text, dt.date(2022, 5, 31))] == ["2020-11-09", "2021-01-11", "2021-11-26"]


def test_month_and_year() -> None:
    assert [s.value for s in explicit_dates("an official visit to Moscow in February 2022", None)] == ["2022-02"]


def test_publication_inferred_from_latest_full_date() -> None:
    text = "It began on June 2, 2025.\n— A Person (@handle) July 8, 2025\nmore"
    assert infer_published(text, today=dt.date(2026, 1, 1)) == dt.date(2025, 7, 8)


def test_future_dates_are_not_taken_as_publication() -> None:
    assert infer_published("Elections on May 1, 2031.", today=dt.date(2026, 1, 1)) is None


def test_iso_week() -> None:
    assert iso_week(dt.date(2023, 1, 18)) == "2023-W03"
