"""Amounts told for a quarter or half named by its place ("in the first quarter", "third-quarter",
"Q2") are that part's, as the differing-figures flag reads them. Made-up sentences; each rule
has a case that must still differ."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # two quarters: two quantities
        (
            "Acme posted a net loss of $6.6 million on revenue of $15.5 million in its second fiscal quarter.",
            "In the first quarter, Acme posted a net loss of $724,000 on revenue of $13.5 million.",
            [],
        ),
        ("Acme earned $12 million in Q3, it said.", "Acme earned $9 million in Q2, it said.", []),
        ("Zenith sales rose 4 percent in the first half.", "Zenith sales rose 7 percent in the second half.", []),
        # one quarter, or a quarter and "the quarter" told of: compared
        (
            "Acme posted third-quarter revenue of $15.5 million.",
            "Acme posted revenue of $13.5 million in the third quarter.",
            [("$15.5 million", "$13.5 million")],
        ),
        (
            "During the fiscal second quarter, Acme earned $991 million on sales of $4.7 billion.",
            "Acme earned $991 million on revenue of $4.62 billion for the quarter.",
            [("$4.7 billion", "$4.62 billion")],
        ),
        # one side names no quarter: compared as before
        (
            "In the first quarter, Acme posted revenue of $13.5 million.",
            "Acme posted revenue of $15.5 million.",
            [("$13.5 million", "$15.5 million")],
        ),
        # a sentence naming two quarters says not which amount is whose: compared as before
        (
            "Acme earned $5 million in the second quarter after $3 million in the first quarter.",
            "Acme earned $6 million in the second quarter.",
            [("$5 million", "$6 million")],
        ),
    ],
)
def test_amounts_of_two_named_quarters_are_two_quantities(a, b, expected):
    assert flag_diff(a, b) == expected
