"""Figures read as a reader reads them in five more places (session 56): a place that may lie
inside the other side's place, "No. N" in the linker's figures, a market index's number (read
as a year, or before the points it moves by), a headline's last word after a preposition's name
("Search For Flight 370 Resumes"), an amount inside the other side's range, and an amount set
equal to a number in code. Made-up sentences; each rule has a case that must still count or
differ."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff

from reader.analysis.figures import find_figures, find_flag_figures


def counts(text: str) -> list[str]:
    return [f.text for f in find_flag_figures(text) if f.kind == "count"]


def money(text: str) -> list[str]:
    return [f.text for f in find_flag_figures(text) if f.kind == "money"]


def test_a_place_and_a_place_that_may_lie_inside_it_are_compared() -> None:
    assert flag_diff("The blast killed 30 people in Iraq.", "The blast killed 35 people in Baghdad.") == [("30", "35")]
    # the place a place lies in, told after a comma, is part of it
    assert flag_diff("Floods left 20 people dead in France.", "Floods left 24 people dead in Lyon, France.") == [
        ("20", "24")
    ]


def test_the_linker_reads_a_number_after_no_as_a_rank() -> None:
    assert [(f.text, f.kind) for f in find_figures("Coke is the No. 2 soft drink maker.")] == [("2", "rank")]
    # a count of the same noun is no rank
    assert [(f.text, f.kind) for f in find_figures("The 2 soft drink makers rose.")] == [("2", "count")]


def test_a_market_index_number_is_no_year() -> None:
    assert [f.text for f in find_flag_figures("Russell 2000 stocks fell 2 percent on Monday.")] == ["2 percent"]
    # guards: a year before a name, and a year after a name that is no index, stay years
    assert [f.kind for f in find_flag_figures("In 2000 Russell won the seat.")] == ["year"]
    assert [f.kind for f in find_flag_figures("He left Boston in 2000 for good.")] == ["year"]


def test_points_after_an_index_word_and_a_number_are_its_move() -> None:
    assert flag_diff(
        "The selloff sent the Nasdaq 100 points lower.", "The selloff sent the Nasdaq 150 points lower."
    ) == [("100 points", "150 points")]
    # the index's own number before anything else still names it
    assert counts("Nasdaq 100 stocks rose on Monday.") == []


@pytest.mark.parametrize(
    "text", ["Search For Flight 370 Resumes", "Hunt For Flight 17 Ends.", "Medals For Apollo 11 Astronauts"]
)
def test_a_headline_word_in_s_ending_it_after_a_preposition_name_is_no_counted_noun(text: str) -> None:
    assert counts(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Fire Destroys 40 Homes", ["40"]),  # after a verb
        ("Aid Arrives For 300 Families", ["300"]),  # no name before the number
        ("Apollo 11 Astronauts Honoured", ["11"]),  # the name opens the headline
        ("Search For Flight 370 Resumes In Ocean", ["370"]),  # not the headline's last word
    ],
)
def test_a_headline_count_before_a_plural_that_does_not_end_it_after_a_preposition_counts(
    text: str, expected: list[str]
) -> None:
    assert counts(text) == expected


def test_an_amount_inside_a_range_differs_from_neither_end() -> None:
    assert flag_diff("The plan would cost $5-10 billion.", "The plan would cost $7 billion.") == []
    assert flag_diff("The plan would cost $7 billion.", "The plan would cost $5-10 billion.") == []
    assert flag_diff("Between 30 and 40 people died.", "35 people died.") == []
    # guards: an amount outside differs, and a change's ends hold nothing between them
    assert flag_diff("The plan would cost $5-10 billion.", "The plan would cost $12 billion.") != []
    assert flag_diff(
        "Shares of Acme fell $2.04 to $3.18 in midday trading.",
        "Shares of Acme plunged $1.99 to $3.33 in midday trading.",  # from two starts (see _one_move_seen_twice)
    ) == [
        ("$2.04", "$1.99"),
        ("$3.18", "$3.33"),
    ]


def test_an_amount_set_equal_to_a_number_is_code() -> None:
    assert money("Set C$5 = 0 in the sheet.") == []
    # guards: an exchange rate sets money equal to money
    assert money("The peg was US$1 = HK$7.8 then.") == ["US$1", "HK$7.8"]
    assert money("Then $1 = 7.8 yuan.") == ["$1", "7.8"]
    assert money("It cost $5 = a bargain.") == ["$5"]


def test_amounts_of_two_market_indexes_named_with_no_word_in_common_are_two_quantities() -> None:
    assert (
        flag_diff(
            "The Acme Composite Index rose 12.4 points, or 0.5 percent, to 1,612.3.",
            "The broader Zenith 300 Index rose 3.1 points, or 0.2 percent, to 912.6.",
        )
        == []
    )
    assert flag_diff("The Acme industrial average fell 90 points.", "The Zenith Composite Index fell 12 points.") == []


def test_amounts_of_one_market_index_still_differ() -> None:
    # guards: one index told twice, under two spellings that share a word, or named on one side only
    assert flag_diff(
        "The Acme Composite Index rose 12.4 points, or 0.5 percent.",
        "The Acme Composite Index rose 14.8 points, or 0.9 percent.",
    ) == [("12.4 points", "14.8 points"), ("0.5 percent", "0.9 percent")]
    assert flag_diff("The Standard & Poor's 500 Index fell 12 points.", "The S&P 500 fell 20 points.") == [
        ("12 points", "20 points")
    ]
    assert flag_diff("The Acme Composite Index rose 12.4 points.", "Acme rose 14.8 points.") == [
        ("12.4 points", "14.8 points")
    ]


def test_a_scale_joined_by_a_hyphen_scales_its_amount() -> None:
    assert flag_diff("She was freed on $2-million bail.", "She posted $2 million bail.") == []
    assert [(f.text, f.value) for f in find_flag_figures("A $4.5-billion plan")] == [("$4.5-billion", 4_500_000_000)]
    # guard: two amounts so told still differ
    assert flag_diff("She was freed on $2-million bail.", "She posted $3 million bail.") == [
        ("$2-million", "$3 million")
    ]


def test_one_market_index_told_by_its_name_and_its_abbreviation_still_differs() -> None:
    # an abbreviation's letters are the name's initials ("Hargrove & Lee" / "H&L"), and a
    # number written "400-stock" is the index's 400
    for left, right in (
        ("The Hargrove & Lee index fell 12 points.", "The H&L 400 fell 20 points."),
        ("The Hargrove & Lee 400-stock index fell 12 points.", "The H&L 400 fell 20 points."),
        ("The H&L index fell 12 points.", "The Hargrove & Lee 400 Index fell 20 points."),
        ("The Kestrel Vane industrial average rose 12 points.", "The KV Index rose 20 points."),
    ):
        assert [(f[:2], g[:2]) for f, g in flag_diff(left, right)] == [("12", "20")], (left, right)


def test_an_amount_after_an_index_amount_of_its_kind_is_no_index_amount() -> None:
    # Globex's 6 percent and 5 percent are one quantity told two ways, though each follows an index
    left = "The Acme Composite Index fell 2 percent and Globex shares fell 6 percent."
    right = "The Zenith industrial average fell 2 percent and Globex shares fell 5 percent."
    assert "6 percent" in [f for f, _ in flag_diff(left, right)]
    # guard: the index's move, its share and its level are all the index's
    assert (
        flag_diff(
            "The Zenith Composite Index rose 7 points, or 0.4 percent, at 1,612.5.",
            "The Acme 300 Index rose 3 points, or 0.2 percent, at 912.6.",
        )
        == []
    )


def test_a_market_index_word_alone_names_the_index() -> None:
    # "the Nasdaq" names an index with no "Index" after it; its points are not the Zenith's
    assert (
        flag_diff("The Zenith Composite Index gained 44 points.", "Later the Nasdaq Stock Market gained 39 points.")
        == []
    )
    assert flag_diff(
        "The Nasdaq Composite Index gained 44 points.", "Later the Nasdaq Stock Market gained 39 points."
    ) == [("44 points", "39 points")]
