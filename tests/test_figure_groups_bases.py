"""What a rate or a share is of, told in lower case (session 60): two groups ("of men who took
placebo" / "of the men who took the drug", "of men" / "of women") and two currencies' rates
against one ("the dollar against the yen" / "against the yen, the euro"). Made-up sentences;
each rule has a case that must still be compared."""

from __future__ import annotations

from figure_helpers import flag_diff

from reader.analysis.figures import find_flag_figures


def test_two_groups_in_lower_case_are_two_quantities() -> None:
    assert flag_diff("Some 30 percent of men smoke.", "Some 12 percent of women smoke.") == []
    assert (
        flag_diff(
            "Some 30 percent of patients who took placebo, or 1,147 patients, fell ill.",
            "Some 12 percent of the patients who took the drug, or 803 patients, fell ill.",
        )
        == []
    )
    assert (
        flag_diff("Some 30 percent of patients taking placebo fell ill.", "Some 12 percent taking the drug fell ill.")
        == []
    )
    # one group, or a group against none, is still compared
    assert flag_diff("Some 30 percent of men smoke.", "Some 12 percent of men smoke.") == [
        ("Some 30 percent", "Some 12 percent")
    ]
    assert flag_diff(
        "Some 30 percent of patients taking placebo fell ill.", "Some 12 percent taking placebo fell ill."
    ) == [("Some 30 percent", "Some 12 percent")]
    assert flag_diff("Some 30 percent of voters backed the plan.", "Some 12 percent backed the plan.") == [
        ("Some 30 percent", "Some 12 percent")
    ]
    # a named subject is kept, a time is no group
    [f] = find_flag_figures("Shares of Acme rose 5 percent.")
    assert f.subject == frozenset({"acme"})
    [f] = find_flag_figures("Sales rose 5 percent of years.")
    assert f.subject == frozenset()


def test_two_currencies_against_one_are_two_rates() -> None:
    assert (
        flag_diff("The dollar was down 0.7 percent against the yen.", "Against the yen, the euro was down 0.9 percent.")
        == []
    )
    assert (
        flag_diff(
            "Falls pushed down the dollar against the yen, to 118.32 yen.",
            "Against the Japanese currency, the euro was at 136.06 yen.",
        )
        == []
    )
    # one currency's rate, named either way, is still compared
    assert flag_diff(
        "The dollar was down 0.7 percent against the yen.", "Against the yen, the dollar was down 0.9 percent."
    ) == [("0.7 percent", "0.9 percent")]
    assert flag_diff(
        "The dollar was down 0.7 percent against the yen.", "The greenback was down 0.9 percent against the yen."
    ) == [("0.7 percent", "0.9 percent")]
    # and one currency against two is still two rates (session 59)
    assert (
        flag_diff(
            "Against the Swiss franc, the dollar was down 0.7 percent.",
            "Against the yen the dollar was down 0.9 percent.",
        )
        == []
    )
