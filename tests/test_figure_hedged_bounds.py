"""A bound before a hedged amount ("as much as about 16 percent") opens the hedge's range to one
side, as the differing-figures flag reads it. Made-up sentences; each rule has a case that must
still differ."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # up to about 16 holds nearly 12
        (
            "Acme shares closed down nearly 12 percent on the Nasdaq.",
            "Acme shares dropped as much as about 16 percent on the Nasdaq.",
            [],
        ),
        # at least about 200 holds 300
        (
            "The storm damaged 300 homes in the county, officials said.",
            "The storm damaged no fewer than about 200 homes in the county, officials said.",
            [],
        ),
        # above the loose top: still differs
        (
            "Acme shares closed down 25 percent on the Nasdaq.",
            "Acme shares dropped as much as about 16 percent on the Nasdaq.",
            [("25 percent", "as much as about 16 percent")],
        ),
    ],
)
def test_a_bound_before_a_hedge_opens_its_range(a, b, expected):
    assert flag_diff(a, b) == expected
