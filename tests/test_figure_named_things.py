"""What an amount is told of (session 59): a title-case line names nothing, a company described
("the Cupertino iPhone maker") is not named, and who puts a toll at a figure is who tells it.
Made-up sentences; each rule has a case that must still hold the amounts apart."""

from __future__ import annotations

from figure_helpers import flag_diff

from reader.analysis.figures import find_flag_figures


def test_a_title_case_line_names_nothing() -> None:
    # a headline capitalises every word: "Storm", "Leaves", "Dead" are no names
    assert flag_diff("Storm Leaves 3 People Dead On Coast", "Hurricane Ida left 5 people dead on the coast.") == [
        ("3", "5")
    ]
    [f] = find_flag_figures("Storm Leaves 3 People Dead On Coast")
    assert f.subject == frozenset() and f.names == frozenset()
    # but the word before "Shares" or "Stock" still names the company, in any case
    [f] = find_flag_figures("Acme Shares Rise 5 Percent In Early Trade")
    assert f.subject == frozenset({"acme"}) and f.names == frozenset()
    assert flag_diff("Acme Shares Rise 5%", "Zenith shares rose 6%.") == []
    assert flag_diff("ACME SHARES ROSE 5 PERCENT", "ZENITH SHARES ROSE 6 PERCENT") == []
    assert flag_diff("Apple, Google And Microsoft Shares Rose 5 Percent", "Amazon shares rose 6 percent.") == []
    assert flag_diff("Acme Stock Rises 5%", "Acme shares rose 6%.") == [("5%", "6%")]
    assert flag_diff("Acme Class A Shares Rise 5%", "Zenith shares rose 6%.") == []
    assert flag_diff("Royal Dutch Shell Shares Rise 5%", "Royal Dutch Shell shares rose 6%.") == [("5%", "6%")]
    # a sentence keeps its names: two named stocks are still two quantities
    assert (
        flag_diff("Shares of Acme rose 5 percent in early trade.", "Shares of Zenith rose 6 percent in early trade.")
        == []
    )


def test_a_company_described_is_not_named() -> None:
    assert flag_diff("Apple Inc. shares rose 5 percent.", "Shares of the Cupertino iPhone maker rose 6 percent.") == [
        ("5 percent", "6 percent")
    ]
    assert flag_diff("Acme shares rose 5 percent.", "The Seattle-based retailer's shares rose 6 percent.") == [
        ("5 percent", "6 percent")
    ]
    # a name ending in such a noun is still a name, and so is a named thing after "the"
    assert flag_diff("Acme shares rose 5 percent.", "Shares of the Zenith Bank rose 6 percent.") == []
    assert flag_diff("The Acme Company shares rose 5 percent.", "Zenith shares rose 6 percent.") == []
    # "company" and "firm" tell no trade: a capitalised word before them is the name
    assert flag_diff("The Acme company's shares rose 5 percent.", "Zenith shares rose 6 percent.") == []
    assert flag_diff("Shares of the Acme firm rose 5 percent.", "Shares of Zenith rose 6 percent.") == []
    # ... and a place "-based" before them describes, as a trade does
    assert flag_diff("Acme shares rose 5 percent.", "Shares of the Seattle-based company rose 6 percent.") == [
        ("5 percent", "6 percent")
    ]
    assert flag_diff("Acme shares rose 5 percent.", "The tech company's shares rose 6 percent.") == [
        ("5 percent", "6 percent")
    ]


def test_who_puts_a_toll_at_a_figure_tells_it() -> None:
    assert flag_diff(
        "Red Cross officials put the toll at 300 people.", "United Nations officials put the toll at 400 people."
    ) == [("300", "400")]
    assert flag_diff(
        "Red Cross officials placed the death toll at 300.", "United Nations officials said the death toll was 400."
    ) == [("300", "400")]
    # a company putting its own money somewhere is not a teller
    assert flag_diff("Shares of Acme put on 5 percent at the open.", "Shares of Zenith put on 6 percent.") == []


def test_rates_against_two_currencies_are_two_quantities() -> None:
    assert (
        flag_diff(
            "Against the Swiss franc, the dollar was at 1.31 francs, down 0.2 percent.",
            "Against the yen the dollar was down 0.7 percent at 110.73 yen.",
        )
        == []
    )
    # "the Japanese currency" is the yen: one rate told two ways is still compared
    assert flag_diff(
        "The dollar fell 0.6 percent against the yen.", "The dollar fell 0.8 percent against the Japanese currency."
    ) == [("0.6 percent", "0.8 percent")]


def test_a_share_on_two_exchanges_is_two_quantities() -> None:
    assert (
        flag_diff(
            "Acme shares slipped 0.8 percent to 433 pence in trading on the London Stock Exchange.",
            "Acme shares slipped 0.4 percent to $41.72 in trading on the New York Stock Exchange.",
        )
        == []
    )
    assert flag_diff(
        "Acme shares slipped 0.8 percent on the New York Stock Exchange.",
        "Acme shares slipped 0.4 percent on the NYSE.",
    ) == [("0.8 percent", "0.4 percent")]


def test_a_group_a_sentence_opens_with_tells_of_whom_its_amounts_are() -> None:
    assert (
        flag_diff(
            "Among Fox viewers, 41 percent call themselves Republicans.",
            "Among CNN viewers, 29 percent call themselves Republicans.",
        )
        == []
    )
    assert flag_diff(
        "Among Fox viewers, 41 percent call themselves Republicans.",
        "Among viewers of Fox, 39 percent call themselves Republicans.",
    ) == [("41 percent", "39 percent")]


def test_two_traded_goods_are_two_quantities() -> None:
    assert (
        flag_diff(
            "October gasoline settled 1.47 cents lower at 78.70 cents a gallon.",
            "October heating oil ended down 0.41 cent at 70.74 cents a gallon.",
        )
        == []
    )
    assert flag_diff(
        "October heating oil settled 0.85 cent lower at 69.89 cents a gallon.",
        "October heating oil ended down 0.41 cent at 70.74 cents a gallon.",
    ) == [("0.85", "0.41"), ("69.89", "70.74")]


def test_a_level_told_for_last_year_is_the_latest_years() -> None:
    # an annual amount told for no period is the latest year's, as "last year" tells it
    assert flag_diff(
        "Two-way trade between the countries totals more than $34 billion.",
        "Two-way trade between the countries was $33.4 billion last year.",
    ) == [("more than $34 billion", "$33.4 billion")]
    # a move told for last year, or a part of last year, is still another period's
    assert flag_diff("Acme's sales rose 5 percent last year.", "Acme's sales rose 8 percent.") == []
    assert flag_diff("In the same quarter last year, Acme earned $354 million.", "Acme earned $126 million.") == []
    # two spans of as many units are two periods: the mark of a latest year joins no others
    assert (
        flag_diff("Sales rose 5 percent over the past two years.", "Sales rose 7 percent over the past two months.")
        == []
    )
    assert flag_diff("Trade was $33.4 billion last year.", "Trade totaled $34 billion last year.") == [
        ("$33.4 billion", "$34 billion")
    ]


def test_a_sentence_opening_since_a_year_tells_a_span() -> None:
    # "Since Sept. 11, 2001, ..." tells a span up to now, not last year's
    assert (
        flag_diff(
            "The largest airlines had $75.4 billion in revenue last year.",
            "Since Sept. 11, 2001, the largest airlines have lost a combined $18 billion.",
        )
        == []
    )


def test_initials_ending_at_a_period_end_no_clause() -> None:
    # "U.S." and "John F." end no clause: the capitals before them still name the amount's subject
    assert find_flag_figures("Acme's U.S. sales rose 5 percent.")[0].subject == {"acme"}
    assert {"john", "acme"} <= find_flag_figures("Shares of John F. Acme Co. rose 5 percent.")[0].subject
