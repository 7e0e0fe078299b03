"""A number joined by a hyphen to a noun ("a four-day week", "a three-term congressman") counts
that noun, as the differing-figures flag reads it. Made-up sentences; each rule has a case that
must still differ."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff

from reader.analysis.figures import find_flag_figures


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # a count of days, of terms: no count of the other side's points, votes
        (
            "The Dow Jones industrial average rose 98.74 points on Friday.",
            "The Dow Jones industrial average rose 2.9 percent during the four-day trading week.",
            [],
        ),
        (
            "With all precincts reporting, Jones — a three-term mayor from Dayton — had 61 percent of the vote.",
            "With all precincts reporting, Jones had 52,310 votes, or 61 percent of the total.",
            [],
        ),
        # the same noun on both sides: still compared
        (
            "The drug costs $20,000 per eight-week course of treatment.",
            "The drug costs $20,000 per 12-week course of treatment.",
            [("eight", "12")],
        ),
    ],
)
def test_a_number_hyphened_to_a_noun_counts_that_noun(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a four-day trading week", [("four", "day")]),
        ("a 30-day supply", [("30", "day")]),
        ("advancers led by a 4-to-3 ratio", None),  # "to" is no noun: left as read
    ],
)
def test_the_noun_a_hyphen_joins_is_the_unit(text, expected):
    counts = [(f.text, f.unit) for f in find_flag_figures(text) if f.kind == "count"]
    if expected is None:
        assert all(unit != "to" for _, unit in counts)
    else:
        assert counts == expected
