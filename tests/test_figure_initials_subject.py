"""A word in capitals only that opens a sentence ("RJR spends", "IBM said") names what its
amounts are told of, as the differing-figures flag reads it; any other first word may be
anything ("Analysts expected"). Made-up sentences; each rule has a case that must still differ."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # two named payers: two amounts
        (
            "RJR spends an estimated $30 million annually on the league.",
            "NASCAR will get an estimated $75 million a year from the league.",
            [],
        ),
        ("IBM shipped 220,000 servers, up 37 percent.", "HP shipped 59,692 servers, up 37 percent.", []),
        # the same initials on both sides: compared
        (
            "IBM shipped 220,000 servers last quarter.",
            "IBM shipped 210,000 servers last quarter.",
            [("220,000", "210,000")],
        ),
        # a first word not in capitals only names nothing: compared
        (
            "Analysts expect revenue of $28.15 billion.",
            "Forecasters expect revenue of $25.56 billion.",
            [("$28.15 billion", "$25.56 billion")],
        ),
    ],
)
def test_initials_opening_a_sentence_name_its_amounts_subject(a, b, expected):
    assert flag_diff(a, b) == expected
