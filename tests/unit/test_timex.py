"""Time expressions -> (date, precision), with and without a publication date."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pipelines.extraction.timex import TimeValue, normalise_time

MONDAY = datetime(2024, 12, 2, 9, 30)  # published on Monday 2 December 2024
SUNDAY = datetime(2024, 12, 1, 18, 0)
NEW_YEAR = datetime(2025, 1, 3, 8, 0)  # a Friday


@pytest.mark.parametrize(
    ("expression", "expected", "precision"),
    [
        ("Monday", date(2024, 12, 2), "day"),
        ("on Monday", date(2024, 12, 2), "day"),
        ("on Sunday", date(2024, 12, 1), "day"),
        ("Friday", date(2024, 11, 29), "day"),
        ("last Monday", date(2024, 11, 25), "day"),
        ("next Monday", date(2024, 12, 9), "day"),
        ("next Wednesday", date(2024, 12, 4), "day"),
        ("early on Monday morning", date(2024, 12, 2), "day"),
        ("Sunday night", date(2024, 12, 1), "day"),
        ("yesterday", date(2024, 12, 1), "day"),
        ("today", date(2024, 12, 2), "day"),
        ("this morning", date(2024, 12, 2), "day"),
        ("tonight", date(2024, 12, 2), "day"),
        ("tomorrow", date(2024, 12, 3), "day"),
        ("last night", date(2024, 12, 1), "day"),
        ("overnight", date(2024, 12, 2), "day"),
        ("three days ago", date(2024, 11, 29), "day"),
        ("2 days ago", date(2024, 11, 30), "day"),
        ("last week", date(2024, 11, 25), "week"),
        ("this week", date(2024, 12, 2), "week"),
        ("earlier this week", date(2024, 12, 2), "week"),
        ("next week", date(2024, 12, 9), "week"),
        ("a week ago", date(2024, 11, 25), "week"),
        ("over the weekend", date(2024, 11, 25), "week"),
        ("last month", date(2024, 11, 1), "month"),
        ("this month", date(2024, 12, 1), "month"),
        ("in January", date(2024, 1, 1), "month"),
        ("in December", date(2024, 12, 1), "month"),
        ("mid-December", date(2024, 12, 1), "month"),
        ("in May", date(2024, 5, 1), "month"),
        ("June 8", date(2024, 6, 8), "day"),
        ("Sunday, June 8", date(2024, 6, 8), "day"),
        ("earlier this year", date(2024, 1, 1), "year"),
        ("last year", date(2023, 1, 1), "year"),
        ("two years ago", date(2022, 1, 1), "year"),
    ],
)
def test_normalise_time_resolves_relative_expressions_against_publication(expression, expected, precision):
    assert normalise_time(expression, MONDAY) == TimeValue(expected, precision)


@pytest.mark.parametrize(
    ("expression", "expected", "precision"),
    [
        ("December 2, 2024", date(2024, 12, 2), "day"),
        ("Dec. 2, 2024", date(2024, 12, 2), "day"),
        ("2 December 2024", date(2024, 12, 2), "day"),
        ("the 2nd of December 2024", date(2024, 12, 2), "day"),
        ("Monday, December 2, 2024", date(2024, 12, 2), "day"),
        ("2024-11-30", date(2024, 11, 30), "day"),
        ("12/02/2024", date(2024, 12, 2), "day"),
        ("December 2024", date(2024, 12, 1), "month"),
        ("in March 2023", date(2023, 3, 1), "month"),
        ("June, 2005", date(2005, 6, 1), "month"),
        ("2011", date(2011, 1, 1), "year"),
        ("in 2011", date(2011, 1, 1), "year"),
        ("since 2011", date(2011, 1, 1), "year"),
    ],
)
def test_normalise_time_reads_absolute_dates_with_or_without_publication(expression, expected, precision):
    assert normalise_time(expression, None) == TimeValue(expected, precision)
    assert normalise_time(expression, MONDAY) == TimeValue(expected, precision)


@pytest.mark.parametrize(
    "expression",
    [
        "Monday",
        "yesterday",
        "last week",
        "overnight",
        "in January",
        "June 8",
        "earlier this year",
        "three days ago",
        "over the weekend",
        "this month",
        "next Monday",
    ],
)
def test_normalise_time_leaves_relative_expressions_null_without_publication(expression):
    assert normalise_time(expression, None) == TimeValue(None, None)


@pytest.mark.parametrize(
    "expression",
    [
        "recently",
        "in recent weeks",
        "the 1990s",
        "decades",
        "May",
        "annually",
        "the past decade",
        "February 30, 2024",
        "",
        "24-hour",
    ],
)
def test_normalise_time_leaves_vague_or_invalid_expressions_null(expression):
    assert normalise_time(expression, MONDAY) == TimeValue(None, None)


@pytest.mark.parametrize(
    ("expression", "published_at", "expected", "precision"),
    [
        ("Sunday", SUNDAY, date(2024, 12, 1), "day"),
        ("last Sunday", SUNDAY, date(2024, 11, 24), "day"),
        ("over the weekend", SUNDAY, date(2024, 11, 25), "week"),
        ("December 30", NEW_YEAR, date(2024, 12, 30), "day"),
        ("January 5", NEW_YEAR, date(2025, 1, 5), "day"),
        ("in December", NEW_YEAR, date(2024, 12, 1), "month"),
        ("in January", NEW_YEAR, date(2025, 1, 1), "month"),
        ("last month", NEW_YEAR, date(2024, 12, 1), "month"),
        ("last week", NEW_YEAR, date(2024, 12, 23), "week"),
        ("yesterday", date(2025, 1, 1), date(2024, 12, 31), "day"),
    ],
)
def test_normalise_time_crosses_week_month_and_year_boundaries(expression, published_at, expected, precision):
    assert normalise_time(expression, published_at) == TimeValue(expected, precision)
