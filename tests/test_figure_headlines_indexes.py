"""Figures read as a reader reads them in three more places: a number in a headline capitalised
word by word that ends a name ("Flight 370 Search Resumes"), a market index's number before a
plural ("the FTSE 100 firms") and the second end of a money range told with a bare scale ("$5-10
billion"). Made-up sentences; each rule has a case that must still count or differ."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff

from reader.analysis.figures import find_figures, find_flag_figures


def counts(text: str) -> list[str]:
    return [f.text for f in find_flag_figures(text) if f.kind == "count"]


@pytest.mark.parametrize(
    "text",
    [
        "Flight 370 Search Resumes",
        "Boeing 737 Crash Probe Opens In Kansas",
        "Class 3 Felony Charge Filed Against Mayor",
        "Exclusive: Flight 370 Search Resumes",  # a headline opened after a label
        "New Clues In Flight 370 Mystery",  # a name after a preposition
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
        # a bare verb after its subject, or after "to" or a modal, before a modifier and a plural
        ("Israel To Release 26 Palestinian Prisoners", ["26"]),
        ("Rebels Free 2 Aid Workers", ["2"]),
        ("Police Arrest 3 Gang Members", ["3"]),
        ("Iran Will Execute 2 Drug Smugglers", ["2"]),
        ("Gunmen Abduct 40 School Girls", ["40"]),
    ],
)
def test_a_headline_number_after_a_verb_or_before_a_plural_still_counts(text: str, expected: list[str]) -> None:
    # guards: base counted all of these; the headline rule must leave them counts
    assert counts(text) == expected


def test_two_headlines_naming_two_flights_raise_no_figure() -> None:
    assert flag_diff("Flight 370 Search Resumes", "Flight 17 Search Resumes") == []
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


def test_points_after_an_index_number_are_its_move() -> None:
    assert flag_diff("The news pushed the DAX 40 points higher.", "The news pushed the DAX 45 points higher.") == [
        ("40 points", "45 points")
    ]
    assert linked("Traders drove the FTSE 100 points lower.") == [("100", "count", "point")]


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
    # guards: base raised the same flags (its "10 billion" of nothing met money either way)
    assert flag_diff("The plan would cost $5-10 billion.", "The plan would cost $10 billion.") == []
    assert flag_diff("The plan would cost $5-10 billion.", "The plan would cost $12 billion.") != []
    # a count's range keeps counting what it counts
    assert [f.kind for f in find_flag_figures("Some 5 to 10 million people fled.")] == ["count", "count"]


@pytest.mark.parametrize(
    "text",
    [
        "Run `echo S$1` in the shell to print it.",
        "Type =SUM(C$5:C$9) in the cell.",
        "Run `echo $5` in the shell.",
        "The cell =A$5 holds the total.",
    ],
)
def test_a_dollar_amount_glued_to_code_punctuation_is_no_money(text: str) -> None:
    assert [f.text for f in find_flag_figures(text) if f.kind == "money"] == []


def test_money_beside_prose_punctuation_is_still_money() -> None:
    # guards of the rule above    assert [f.text for f in find_flag_figures("The fare is S$1; it was S$2.")] == ["S$1", "S$2"]
    assert flag_diff("The fee (C$5 million) stands.", "The fee (C$6 million) stands.") == [
        ("C$5 million", "C$6 million")
    ]
    assert flag_diff("Prices rose to $5:", "Prices rose to $6:") == [("$5", "$6")]
    # a Markdown escape and a label's colon are no code
    assert [f.text for f in find_flag_figures(r"Tickets cost \$5 each.")] == ["$5"]
    assert [f.text for f in find_flag_figures("Price:$5 each.")] == ["$5"]


def linked(text: str) -> list[tuple[str, str, str | None]]:
    return [(f.text, f.kind, f.unit) for f in find_figures(text)]


def test_the_linker_counts_past_a_name_ending_in_a_number_as_the_flags_do() -> None:
    assert linked("The three Apollo 11 astronauts met again.") == [("three", "count", "astronaut")]
    assert linked("She bought two Windows 10 laptops.") == [("two", "count", "laptop")]
    assert linked("The three FTSE 100 firms gained.") == [("three", "count", "firm")]
    assert linked("The FTSE 100 firms gained.") == []
    # a year before a name in capitals is no count of it; a count after a name still counts
    assert ("30", "count", "member") in linked("In 2019 NATO 30 members met.")
    assert linked("He told Reuters 12 people were hurt.") == [("12", "count", "people")]


def test_the_linker_reads_rupees_as_money_as_the_flags_do() -> None:
    assert linked("The ticket costs Rs 300 at the gate.") == [("Rs 300", "money", "inr")]
    assert linked("The bridge cost Rs. 5 crore.") == [("Rs. 5 crore", "money", "inr")]
    assert linked("A meal costs ₹300.") == [("₹300", "money", "inr")]
    # other countries' dollars stay the linker's "$" as its signals were fitted
    assert linked("The farm sold for A$5 million.") == [("$5 million", "money", "usd")]


def test_capitals_with_dots_before_a_noun_do_not_end_what_a_count_counts() -> None:
    assert linked("About 400 U.S. troops arrived.") == [("About 400", "count", "troop")]
    assert flag_diff("She met 3 U.N. inspectors.", "She met 4 inspectors.") == [("3", "4")]
    assert linked("About 400 U.S. troops and 50 U.N. staff arrived.")[1] == ("50", "count", "staff")


@pytest.mark.parametrize(
    "text",
    ["Coke is the No. 2 U.S. soft drink maker.", "She was a no. 1 seed.", "He lives at No. 10 Downing Street."],
)
def test_a_number_after_no_is_a_rank(text: str) -> None:
    assert [(f.text, f.kind) for f in find_flag_figures(text)][0][1] == "rank"


def test_ranks_after_no_are_compared_with_ranks_only() -> None:
    # guards (base raised the same): two ranks differ, a rank and a count are not compared
    assert flag_diff("Pepsi, the No. 2 soft drink maker, rose.", "Pepsi, the No. 3 soft drink maker, rose.") == [
        ("2", "3")
    ]
    assert flag_diff("The No. 2 soft drink maker rose.", "The 3 soft drink makers rose.") == []
    # "No" as a word is no number sign: "No, 3 people came" counts
    assert counts("No, 3 people came.") == ["3"]


def test_counts_in_two_places_named_with_in_are_two_things_counted() -> None:
    # one sentence names both places (session 56: where neither does, they are compared)
    based, spread = (
        "About 40,000 British troops are based in Germany.",
        "There are 90,000 British troops in Europe, most of them in Germany.",
    )
    assert flag_diff(based, spread) == []
    assert flag_diff(spread, based) == []


def test_counts_in_one_place_or_without_a_place_name_still_differ() -> None:
    # guards: the place rule must leave these flags
    assert flag_diff("The blast killed 30 people in Baghdad.", "The blast killed 35 people in Baghdad on Monday.") == [
        ("30", "35")
    ]
    assert flag_diff("The blast killed 30 people in March.", "The blast killed 35 people in Baghdad.") == [("30", "35")]
    # capitals before a noun name no place ("the Iraqi capital" may be Baghdad)
    assert flag_diff("The blast killed 30 people in the Iraqi capital.", "The blast killed 35 people in Baghdad.") == [
        ("30", "35")
    ]
