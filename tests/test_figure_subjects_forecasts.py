"""Figures told of two named things, or as a forecast against a result (session 58): two
quantities, not one told twice. Made-up sentences; each rule has a case that must still differ."""

from __future__ import annotations

from figure_helpers import flag_diff

from reader.analysis.figures import find_flag_figures


def test_a_forecast_is_not_compared_with_a_result() -> None:
    assert (
        flag_diff(
            "Analysts had expected earnings of 41 cents a share on sales of $3.2 billion.",
            "Zenith earned $210 million, or 44 cents a share, on sales of $3.4 billion.",
        )
        == []
    )
    assert (
        flag_diff(
            "Excluding charges, Zenith expects a profit of 8 cents to 12 cents a share.",
            "Excluding charges, Zenith made a profit of 5 cents a share.",
        )
        == []
    )
    # two forecasts, or two results, still differ
    assert flag_diff(
        "Analysts polled by a research firm forecast a profit of $2.15 a share.",
        "The consensus of analysts called for a profit of $2.25 a share.",
    ) == [("$2.15", "$2.25")]
    assert flag_diff("Zenith earned 44 cents a share.", "Zenith earned 47 cents a share.") == [("44", "47")]


def test_a_result_told_against_a_forecast_is_neither() -> None:
    assert (
        flag_diff("Analysts had expected 31 cents a share.", "The profit was 4 cents a share lower than the forecast.")
        == []
    )
    [f] = [f for f in find_flag_figures("Profit was 4 cents a share better than expected.") if f.kind == "count"]
    assert f.forecast == "against"


def test_better_than_expected_is_a_result() -> None:
    # "better-than-expected" and "as expected" tell a result, not a forecast
    assert [f.forecast for f in find_flag_figures("Zenith posted a better-than-expected profit of $9 million.")] == [
        None
    ]
    assert flag_diff(
        "Zenith posted a better-than-expected profit of $9 million.", "Zenith posted a profit of $11 million."
    ) == [("$9 million", "$11 million")]
    assert [f.forecast for f in find_flag_figures("Sales rose, as expected, to $40 million.")] == [None]


def test_an_estimate_of_a_count_is_no_forecast() -> None:
    # "estimates run from ... to 2.4 million": a count told loosely, still compared
    assert flag_diff(
        "Estimates of how many voters could be included run from 800,000 to 2.4 million.",
        "It is a lawsuit involving as many as 2.1 million voters seeking pay.",
    ) == [("2.4 million", "as many as 2.1 million")]


def test_two_named_stocks_are_not_compared() -> None:
    assert (
        flag_diff(
            "Shares of Acme Tools rose $1.10, or 6 percent, to $19.40 on the Nasdaq.",
            "Shares of Zenith Labs rose $2.05, or 9 percent, to $24.15 on the Nasdaq.",
        )
        == []
    )
    # one stock named two ways (its initials) still differs
    assert flag_diff(
        "In late trading, Hewlett-Packard shares rose 62 cents to $22.83.",
        "In late trading, H-P shares rose 55 cents to $22.86.",
    ) == [("62", "55"), ("$22.83", "$22.86")]
    # a side that names nothing is compared
    assert flag_diff("Shares of Acme Tools fell 3 percent.", "The stock fell 4 percent.") == [
        ("3 percent", "4 percent")
    ]


def test_a_relative_clause_tells_of_the_name_before_it() -> None:
    assert (
        flag_diff(
            "Gainers included Acme, which rose 40 cents, and Zenith, which rose 65 cents to $30.10.",
            "Gainers included Acme, which rose 40 cents, and Borealis, which rose 85 cents to $52.20.",
        )
        == []
    )
    assert flag_diff("Gainers included Acme, which rose 40 cents.", "Gainers included Acme, which rose 45 cents.") == [
        ("40", "45")
    ]


def test_two_named_storms_are_not_compared() -> None:
    assert (
        flag_diff(
            "At 5 a.m., the center of Hurricane Ida was near latitude 14.2 north, longitude 41.6 west.",
            "At 5 a.m., Jorge's center was near latitude 22.9 north, longitude 88.1 west.",
        )
        == []
    )
    assert flag_diff(
        "At 5 a.m., the center of Hurricane Ida was near latitude 14.2 north.",
        "At 5 a.m., Ida's center was near latitude 14.9 north.",
    ) == [("14.2", "14.9")]


def test_a_sentence_first_word_alone_names_nothing() -> None:
    # "Officials reported" / "Doctors reported": any word opens a sentence capitalised
    assert flag_diff("Officials reported 18 new cases.", "Doctors reported 22 new cases.") == [("18", "22")]
    assert flag_diff("Acme shares fell 3 percent.", "Zenith shares fell 4 percent.") == []


def test_a_place_or_venue_names_no_subject() -> None:
    # capitals after a preposition tell where: "at Harbor Mall" is no second thing spent on
    assert flag_diff(
        "They spent over $300 at Harbor Mall and $4,281.50 on Pine Lake Retreat.",
        "A $95.20 lunch at Verdi and a $4,218.50 stay at the Pine Lake Retreat.",
    ) == [("$4,281.50", "$4,218.50")]
    assert flag_diff("In Oslo, Acme shares fell 3 percent.", "In Bergen, Acme shares fell 4 percent.") == [
        ("3 percent", "4 percent")
    ]


def test_a_family_told_in_the_plural_is_its_member() -> None:
    assert flag_diff("The Hallorans paid $43 million in taxes.", "Ed Halloran paid $46 million in taxes.") == [
        ("$43 million", "$46 million")
    ]


def test_a_point_before_three_digits_of_a_strength_groups_thousands() -> None:
    # "a 4.600-strong force" is 4,600 (a European thousands point): no strength is fractional
    assert [f.value for f in find_flag_figures("The 4.600-strong force left.")] == [4600]
    assert flag_diff("The 4.600-strong force left.", "The 4,600-strong force left.") == []
    assert flag_diff("The 4.600-strong force left.", "The 3,900-strong force left.") == [("4.600", "3,900")]
    # a decimal before anything else stays one
    assert [f.value for f in find_flag_figures("a 2.125-inch pipe")] == [2.125]


def test_who_tells_an_amount_is_not_what_it_is_of() -> None:
    # two sources telling one toll or cost disagree: the flag's very case
    assert flag_diff(
        "Police Chief Ann Lee said 12 people died in the fire.", "Mayor Tom Berg said 15 people died in the fire."
    ) == [("12", "15")]
    assert flag_diff(
        "Red Cross officials said 300 people were killed.", "United Nations officials said 400 people were killed."
    ) == [("300", "400")]
    assert flag_diff(
        "Senate Leader Ann Lee said the bill would cost $800 billion.",
        "House Speaker Tom Berg said the bill would cost $1 trillion.",
    ) == [("$800 billion", "$1 trillion")]
    # unless what is told is of the speaker: two companies' own results
    assert flag_diff("Acme Corp. said it earned $5 million.", "Zenith Inc. said it earned $6 million.") == []
    assert flag_diff("Acme Corp. said its sales rose 5 percent.", "Zenith Inc. said its sales rose 6 percent.") == []
