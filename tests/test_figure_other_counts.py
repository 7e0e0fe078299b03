"""A count told with "other" ("the other two unions", "nine other measures", "four others")
counts the rest of a group, as the differing-figures flag reads it: compared only with another
count of the rest. Made-up sentences; each rule has a case that must still differ."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff

from reader.analysis.figures import FigureDifference, differing_figures, find_flag_figures


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # the whole against the rest: two groups
        (
            "The minister is to meet the three unions separately on Monday.",
            "The minister is to meet the other two unions separately on Monday.",
            [],
        ),
        (
            "The state ranked last in 13 of the 17 measures.",
            "The state ranked last on nine other measures.",
            [],
        ),
        # the rest on both sides: compared
        (
            "Two miners were killed and six other protesters injured.",
            "Two miners were killed and nine other protesters injured.",
            [("six", "nine")],
        ),
        # "four others" is no more the "Four people" before it: the rest told with other values
        (
            "Four people were found dead and three others were wounded, officials said.",
            "Four people were found dead and four others were wounded, officials said.",
            [("three", "four")],
        ),
        # the rest of what: one side does not say
        (
            "The bomb killed two people and injured 150 others near the station.",
            "The bomb killed two people and injured 120 other people near the station.",
            [("150", "120")],
        ),
    ],
)
def test_a_count_of_the_other_ones_is_compared_only_with_another(a, b, expected):
    assert flag_diff(a, b) == expected


def test_a_count_of_other_people_is_described_in_plain_words():
    a = find_flag_figures("Two miners were killed and six other people injured.")
    b = find_flag_figures("Two miners were killed and nine other people injured.")
    [(f, g)] = differing_figures(a, b)
    assert FigureDifference(f, g, 0, 0).what == "count of other people"
