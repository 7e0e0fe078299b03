"""Times of day as the differing-figures flag reads them: in a zone ("6 p.m. EDT"), as wire copy
writes them ("0520 GMT"), and as the time amounts were quoted at ("654 pence by 1018 GMT").
Made-up sentences; each rule has a case that must still differ."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff

from reader.analysis.figures import find_flag_figures


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # one moment told in two zones: compared in UTC
        ("The vote closes at 6 p.m. EDT on Sunday.", "The vote closes at 3 p.m. PDT on Sunday.", []),
        ("The vote closes at 8am (AEST) on Monday.", "The vote closes at 6 p.m. EDT on Sunday.", []),
        (
            "The vote closes at 6 p.m. EDT on Sunday.",
            "The vote closes at 5 p.m. PDT on Sunday.",
            [("6 p.m. EDT", "5 p.m. PDT")],
        ),
        # a zone with no known offset is compared only with itself
        ("The vote closes at 6 p.m. EDT on Sunday.", "The vote closes at 3 p.m. Arizona time on Sunday.", []),
        (
            "The vote closes at 6 p.m. Arizona time on Sunday.",
            "The vote closes at 3 p.m. Arizona time on Sunday.",
            [("6 p.m. Arizona time", "3 p.m. Arizona time")],
        ),
        # one side says no zone: compared as told, in the zone the other tells
        (
            "The vote closes at 6 p.m. EDT on Sunday.",
            "The vote closes at 3 p.m. on Sunday.",
            [("6 p.m. EDT", "3 p.m.")],
        ),
        ("The vote closes at 6 p.m. EDT on Sunday.", "The vote closes at 6 p.m. on Sunday.", []),
        ("The vote closes at 10 p.m. on Sunday.", "The vote closes at 10 p.m. EDT on Sunday.", []),
        # one hour told in two zones: two moments, each shown with its zone
        (
            "The vote closes at 8 p.m. EST on Sunday.",
            "The vote closes at 8 p.m. PST on Sunday.",
            [("8 p.m. EST", "8 p.m. PST")],
        ),
    ],
)
def test_times_told_in_two_zones_are_compared_as_one_clock(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # "ET" is EST or EDT: 10 a.m. ET is 3 p.m. or 2 p.m. GMT
        ("Trading resumes at 10 a.m. ET on Monday.", "Trading resumes at 3 p.m. GMT on Monday.", []),
        ("Trading resumes at 10 a.m. ET on Monday.", "Trading resumes at 2 p.m. GMT on Monday.", []),
        ("Trading resumes at 1 p.m. PT on Monday.", "Trading resumes at 3 p.m. CT on Monday.", []),
        ("Trading resumes at 11 a.m. MT on Monday.", "Trading resumes at 1 p.m. EDT on Monday.", []),
        # neither season's reading meets the other side: two moments
        (
            "Trading resumes at 10 a.m. ET on Monday.",
            "Trading resumes at 5 p.m. GMT on Monday.",
            [("10 a.m. ET", "5 p.m. GMT")],
        ),
        (
            "Trading resumes at 9 a.m. PT on Monday.",
            "Trading resumes at 9 a.m. ET on Monday.",
            [("9 a.m. PT", "9 a.m. ET")],
        ),
        # still a zone whose moment cannot be told meets only itself
        ("Trading resumes at 10 a.m. ET on Monday.", "Trading resumes at 5 p.m. local time on Monday.", []),
    ],
)
def test_a_us_zone_told_without_its_season_is_either_offset(a, b, expected):
    assert flag_diff(a, b) == expected


def test_four_digits_before_a_zone_are_a_time_of_day_not_a_count():
    kinds = [(f.text, f.kind) for f in find_flag_figures("The blast was heard at 0520 GMT, police said.")]
    assert kinds == [("0520 GMT", "time")]
    assert flag_diff(
        "The blast was heard at 0520 GMT, police said.", "The blast was heard at 0610 GMT, police said."
    ) == [("0520 GMT", "0610 GMT")]


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # prices quoted at two times: two quantities, and the times no differing fact
        (
            "Acme shares were up 0.3 percent at 654 pence by 1018 GMT.",
            "Acme shares were unchanged at 652 pence by 0835 GMT.",
            [],
        ),
        (
            "Spot gold was quoted at $365.25 an ounce at 0520 GMT, traders said.",
            "Spot gold was quoted at $367.90 an ounce at 1000 GMT, traders said.",
            [],
        ),
        # quoted at the same time, or at a time on one side only: compared
        (
            "Spot gold was quoted at $365.25 an ounce at 0520 GMT, traders said.",
            "Spot gold was quoted at $367.90 an ounce at 0520 GMT, traders said.",
            [("$365.25", "$367.90")],
        ),
        (
            "Spot gold was quoted at $365.25 an ounce at 0520 GMT, traders said.",
            "Spot gold was quoted at $367.90 an ounce, traders said.",
            [("$365.25", "$367.90")],
        ),
        # a time before the amounts dates an event, it quotes nothing: both compared
        (
            "At 0520 GMT the fire had destroyed 300 homes in the valley.",
            "At 0610 GMT the fire had destroyed 240 homes in the valley.",
            [("0520 GMT", "0610 GMT"), ("300", "240")],
        ),
        # an event's hour after its counts: the counts and the hours are compared
        (
            "Fifty people were killed in the blast at 3 p.m., police said.",
            "Sixty people were killed in the blast at 4 p.m., police said.",
            [("Fifty", "Sixty"), ("3 p.m.", "4 p.m.")],
        ),
        (
            "The quake, of magnitude 6.1, struck at 0520 GMT.",
            "The quake, of magnitude 6.3, struck at 0620 GMT.",
            [("6.1", "6.3"), ("0520 GMT", "0620 GMT")],
        ),
        # counts standing "by" an hour: the hours only stamp them
        (
            "Fifty people had been rescued by 3 p.m., police said.",
            "Sixty people had been rescued by 5 p.m., police said.",
            [],
        ),
    ],
)
def test_amounts_quoted_at_two_times_of_day_are_two_quantities(a, b, expected):
    assert flag_diff(a, b) == expected
