"""Figures read as a reader reads them in three more places: a number in a headline capitalised
word by word that ends a name ("Flight 370 Search Resumes"), a market index's number before a
plural ("the FTSE 100 firms") and the second end of a money range told with a bare scale ("$5-10
billion"). Made-up sentences; each rule has a case that must still count or differ."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff

from reader.analysis.figures import find_flag_figures


def counts(text: str) -> list[str]:
    return [f.text for f in find_flag_figures(text) if f.kind == "count"]


@pytest.mark.parametrize(
    "text",
    [
        "Flight 370 Search Resumes",
        "Boeing 737 Crash Probe Opens In Kansas",
        "Class 3 Felony Charge Filed Against Mayor",
    ],
)
def test_a_number_after_a_noun_in_a_title_case_headline_names_a_thing(text: str) -> None:
    assert counts(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Storm Kills 3 In Valley", ["3"]),  # after a verb in -s
        ("Police Arrested 12 After Riot", ["12"]),  # after a verb in -ed
        ("Jets Win 3 Straight", ["3"]),  # a verb that no ending tells
        ("Fire Destroys 40 Homes", ["40"]),
        ("Apollo 11 Astronauts Honoured", ["11"]),  # a plural after it may be counted
        ("Quake Toll 300 Dead", ["300"]),  # what a count of people is told with
        ("Ferry Toll 300", ["300"]),  # nothing after it
    ],
)
def test_a_headline_number_after_a_verb_or_before_a_plural_still_counts(text: str, expected: list[str]) -> None:
    assert counts(text) == expected


def test_two_headlines_naming_two_flights_raise_no_figure() -> None:
    assert flag_diff("Flight 370 Search Resumes", "Flight 371 Search Resumes") == []
    assert flag_diff("Storm Kills 3 In Valley", "Storm Kills 4 In Valley") == [("3", "4")]


@pytest.mark.parametrize(
    "text",
    [
        "The FTSE 100 firms reported higher profits.",
        "Shares of S&P 500 companies rose on Monday.",
        "Most Nikkei 225 stocks fell in early trade.",
    ],
)
def test_a_market_index_number_before_a_plural_counts_nothing(text: str) -> None:
    assert counts(text) == []


def test_an_index_name_leaves_other_counts_and_names_in_capitals_alone() -> None:
    assert flag_diff("The FTSE 100 firms gained.", "The 90 firms gained.") == []
    assert flag_diff("The three FTSE 100 firms gained.", "The four FTSE 100 firms gained.") == [("three", "four")]
    assert flag_diff("NATO 30 members met in Brussels.", "NATO 29 members met in Brussels.") == [("30", "29")]
    assert counts("He told CNN 3 people were hurt.") == ["3"]


@pytest.mark.parametrize(
    "text, currency",
    [("The plan would cost $5-10 billion.", "usd"), ("The repairs will cost £2-3 million.", "gbp")],
)
def test_a_money_range_second_end_with_a_bare_scale_is_money_of_the_first_currency(text: str, currency: str) -> None:
    figures = find_flag_figures(text)
    assert [(f.kind, f.unit, f.range_end[0] if f.range_end else None) for f in figures] == [
        ("money", currency, "low"),
        ("money", currency, "high"),
    ]


def test_a_money_range_read_whole_is_compared_as_a_range() -> None:
    assert flag_diff("The plan would cost $5-10 billion.", "The plan would cost $10 billion.") == []
    assert flag_diff("The plan would cost $5-10 billion.", "The plan would cost $12 billion.") != []
    # a count's range keeps counting what it counts
    assert [f.kind for f in find_flag_figures("Some 5 to 10 million people fled.")] == ["count", "count"]
