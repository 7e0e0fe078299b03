"""A listing's code after its exchange ("(JP:8306)") is no figure for the differing-figures
flag. Made-up sentences; a count written with a colon otherwise is still compared."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff

from reader.analysis.figures import find_flag_figures


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (
            "Acme Financial (JP:8306: news, chart) lost 2.6 percent to 444,000 yen.",
            "Zenith Bank (JP:8411: news, chart) lost 2.6 percent to 444,000 yen.",
            [],
        ),
        (
            "Acme Holdings (HK:0005) fell 1 percent.",
            "Acme Holdings (HK:0011) fell 1 percent.",
            [],
        ),
        # a count after a word and a colon with a space is a count
        ("Result: 8306 votes for the plan.", "Result: 8411 votes for the plan.", [("8306", "8411")]),
    ],
)
def test_a_listing_code_is_no_figure(a, b, expected):
    assert flag_diff(a, b) == expected


def test_only_the_code_is_dropped():
    texts = [f.text for f in find_flag_figures("Acme Financial (TYO:7203) rose 3 percent to 2,150 yen.")]
    assert texts == ["3 percent", "2,150"]
