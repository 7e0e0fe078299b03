"""A year or a month as a date bound is the whole period: its first day to its last."""

from __future__ import annotations

import pytest

from reader.calendar_dates import bound, empty_range, span


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("2010", ("2010-01-01", "2010-12-31")),
        ("2010-12", ("2010-12-01", "2010-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),  # a leap year
        ("2023-02", ("2023-02-01", "2023-02-28")),
        ("2010-05-07", ("2010-05-07", "2010-05-07")),
    ],
)
def test_a_period_spans_from_its_first_day_to_its_last(text, days):
    assert span(text) == days
    assert (bound(text, end=False), bound(text, end=True)) == days


@pytest.mark.parametrize("text", ["2010-13", "2010-02-30", "2010-5", "soon", "", None, "3d"])
def test_what_is_no_calendar_date_has_no_span(text):
    assert span(text) is None and bound(text, end=True) is None


def test_an_empty_range_starts_after_it_ends():
    assert empty_range("2011-01-01", "2010-01-01") and empty_range("2013", "2012")
    assert not empty_range("2010", "2010") and not empty_range("2010-12-31", "2010")
    assert not empty_range(None, "2010") and not empty_range("2010", "soon")
