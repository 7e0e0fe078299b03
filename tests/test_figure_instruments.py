"""Bonds and notes named by their term or the year they mature ("the 10-year note", "the 2013
note", "the note maturing in 2008"), as the differing-figures flag reads them: two instruments'
yields are two quantities, and the years and terms naming them no differing fact. Made-up
sentences; each rule has a case that must still differ."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # two maturities: two notes, their years and yields apart
        (
            "The yield on the 4 percent March 2031 note fell to 3.1 percent.",
            "The yield on the 2 percent note maturing in 2027 fell to 2.4 percent.",
            [],
        ),
        ("Bonds due 2040 yielded 5.2 percent.", "Bonds due 2035 yielded 4.8 percent.", []),
        # two terms: a note and a bond
        ("The 10-year note yield rose to 4.1 percent.", "The 30-year bond yield rose to 4.7 percent.", []),
    ],
)
def test_two_instruments_are_two_quantities(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # one instrument on both sides: compared
        (
            "The 10-year note yield rose to 4.1 percent.",
            "The 10-year note yield rose to 4.7 percent.",
            [("4.1 percent", "4.7 percent")],
        ),
        # an instrument named on one side only: compared
        (
            "The 10-year note yield rose to 4.1 percent.",
            "The benchmark yield rose to 4.7 percent.",
            [("4.1 percent", "4.7 percent")],
        ),
        # a year that names no bond is still a date told
        (
            "The bank issued the note in 2013, paying 4 percent.",
            "The bank issued the note in 2008, paying 4 percent.",
            [("2013", "2008")],
        ),
    ],
)
def test_instruments_that_stay_compared(a, b, expected):
    assert flag_diff(a, b) == expected
