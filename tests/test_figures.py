"""Figures: what counts as a number, date or amount, and when two differ for the same fact."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff

from reader.analysis.figures import (
    KIND_NAMES,
    MAX_FIGURES_COMPARED,
    FigureDifference,
    differing_figures,
    find_figures,
    find_flag_figures,
)


def figs(text):
    return [(f.text, f.kind, f.value, f.unit) for f in find_figures(text)]


def diff(a: str, b: str) -> list[tuple[str, str]]:
    return [(f.text, g.text) for f, g in differing_figures(find_figures(a), find_figures(b))]


def test_kinds_and_values():
    got = figs(
        "$2.5 billion, 3,000 troops, 45% of voters, on Oct. 21, 2025, in 2022, "
        "twenty-five people, 1.5 million homes, 10 per cent"
    )
    assert got == [
        ("$2.5 billion", "money", 2_500_000_000, "usd"),
        ("3,000", "count", 3000, "troop"),
        ("45%", "percent", 45, "%"),
        ("Oct. 21, 2025", "date", (10, 21, 2025), None),
        ("2022", "year", 2022, None),
        ("twenty-five", "count", 25, "people"),
        ("1.5 million", "count", 1_500_000, "home"),
        ("10 per cent", "percent", 10, "%"),
    ]


def test_offsets_with_a_base():
    text = "He won eight races."
    (f,) = find_figures(text, base=100)
    assert (f.start, f.end) == (107, 112)


def test_one_alone_is_not_a_figure():
    assert figs("one of them left") == []
    assert figs("one hostage was freed") == [("one", "count", 1, "hostage")]


@pytest.mark.parametrize(
    "a,b,expected",
    [
        ("he won peace in eight conflicts", "he won peace in seven", [("eight", "seven")]),
        ("he won peace in eight conflicts", "he won peace in seven conflicts", [("eight", "seven")]),
        ("they would meet within two weeks", "they would meet in the coming weeks", []),
        ("8 conflicts", "eight conflicts", []),
        ("$3 million", "$3,000,000", []),
        ("12 people died", "12 people died and 40 were hurt", []),
        ("12 people died", "14 people died", [("12", "14")]),
        ("turnout was 45%", "turnout was 48 percent", [("45%", "48 percent")]),
        ("the vote on March 3", "the vote on March 4, 2020", [("March 3", "March 4, 2020")]),
        ("the vote on March 3", "the vote on March 3, 2020", []),
        ("12 people died", "12 percent of voters", []),  # different kinds
        ("5 tanks", "7 planes", []),  # different things counted
        ("he was elected in 2019", "he was elected in 2020", [("2019", "2020")]),
        # A rounded figure agrees with the exact one; two exact ones that differ do not.
        ("a tax rate of 36 percent", "a tax rate of 35.7 percent", []),
        ("they paid $43 million in taxes", "they paid $43,885,310 in taxes", []),
        ("they earned $141 million", "they earned $139 million", [("$141 million", "$139 million")]),
        # Same kind, but the words around them differ: another fact of the sentence.
        ("Lauten wrote that the two girls should show class", "The aide, Elizabeth Lauten, 31, wrote on Facebook", []),
        ("she was sworn in on Friday", "she was sworn in on Thursday", []),  # weekdays: left out
    ],
)
def test_differing(a, b, expected):
    assert diff(a, b) == expected


@pytest.mark.parametrize(
    "text,kinds",
    [
        ("", []),
        ("\x00\x1b[2J", []),
        ("9" * 5000, ["count"]),
        ("1,2,3,4,5,6,7,8", []),
        ("$", []),
        ("%%%", []),
    ],
)
def test_odd_input(text, kinds):
    figures = find_figures(text, base=10)
    assert [f.kind for f in figures] == kinds
    assert all(f.text == text[f.start - 10 : f.end - 10] for f in figures)


@pytest.mark.parametrize(
    "a,b,expected",
    [
        # Vague amounts are ranges: "tens of thousands" stops short of 100,000, and "hundreds
        # of thousands" starts above it; both count files, as "100,000 secret files" does.
        (
            "the hackers took tens of thousands of files",
            "the hackers took 100,000 secret files",
            [("tens of thousands", "100,000")],
        ),
        (
            "the hackers took hundreds of thousands of Iranian files",
            "the hackers took 100,000 secret files",
            [("hundreds of thousands", "100,000")],
        ),
        ("the hackers took tens of thousands of files", "the hackers took 60,000 files", []),
        ("dozens of protesters were held", "about 40 protesters were held", []),
        # Hedged amounts: "more than 40" agrees with 45, "nearly 40" does not.
        ("more than 40 people were hurt", "45 people were hurt", []),
        ("nearly 40 people were hurt", "45 people were hurt", [("nearly 40", "45")]),
        # A part of a month is a range of days.
        ("he announced the tariffs on March 8", "he announced the tariffs in early March", []),
        (
            "he announced the tariffs on March 18",
            "he announced the tariffs in early March",
            [("March 18", "early March")],
        ),
        # Complementary odds tell one fact from its two sides.
        (
            "gave his party a two-in-three chance of holding the House",
            "said there is a 1 in 3 chance of losing the House",
            [],
        ),
        (
            "gave his party a 1 in 4 chance of holding the House",
            "gave his party a 1 in 3 chance of holding the House",
            [("1 in 4", "1 in 3")],
        ),
    ],
)
def test_vague_hedged_and_partial_figures(a, b, expected):
    assert diff(a, b) == expected


def test_several_figures_of_one_kind_pair_by_what_they_count_not_by_order():
    # the same numbers, swapped between the two things counted: both differ
    assert diff(
        "the shelling killed 12 soldiers and 30 civilians", "the shelling killed 30 soldiers and 12 civilians"
    ) == [("12", "30"), ("30", "12")]
    # told in the other order: only the tanks differ
    assert diff("the army lost 3 tanks and 12 planes", "the army lost 12 planes and 4 tanks") == [("3", "4")]


def test_a_count_names_the_noun_it_qualifies():
    assert figs("100,000 secret files")[0][3] == "file"
    assert figs("thousands of Iranian files were taken")[0][3] == "file"
    assert figs("12 people died")[0][3] == "people"


def test_a_difference_says_which_kind_of_figure_it_is():
    from reader.analysis.figures import FigureDifference

    cases = [
        ("the state paid $5 million", "the state paid $6 million", "money", "money"),
        ("turnout was 45 percent", "turnout was 48 percent", "percent", "percentage"),
        ("the vote on March 3", "the vote on March 4", "date", "date"),
        ("the hackers took 12 files", "the hackers took 15 files", "count", "count of files"),
    ]
    for a, b, kind, what in cases:
        ((f, g),) = differing_figures(find_figures(a), find_figures(b))
        difference = FigureDifference(f, g, 0, 0)
        assert (difference.kind, difference.what) == (kind, what)
        data = difference.to_dict()
        assert data["kind"] == kind and data["what"] == what and data["left"]["kind"] == kind


def test_two_dozen_is_twenty_four():
    assert figs("he signed two-dozen executive actions") == [("two-dozen", "count", 24, "action")]
    # so "nearly two dozen" (20 to 24) agrees with 23
    assert diff("he signed nearly two dozen executive actions", "he signed 23 executive actions") == []


def test_an_age_written_years_old_is_an_age_not_a_count():
    assert figs("Mark Mattioli, whose 6-year-old son was killed") == [("6", "age", 6, None)]
    assert figs("his six-year-old son") == [("six", "age", 6, None)]
    assert figs("a boy 7 years old") == [("7", "age", 7, None)]
    assert (
        diff(
            "Mark Mattioli, the father of one Newtown shooting victim, spoke",
            "Hutchinson called up Mark Mattioli, whose 6-year-old son was killed",
        )
        == []
    )


def test_figures_sharing_only_names_around_them_are_different_quantities():
    # taxes paid and income earned by the same people: not one fact told twice
    assert (
        diff(
            "the documents show the Clintons have paid $43 million in federal taxes",
            "she and former President Bill Clinton earned $139 million in adjusted gross income",
        )
        == []
    )
    # a word that is not a name in common still pairs them
    assert diff("Clinton paid $43 million in taxes", "Clinton paid $45 million in taxes") == [
        ("$43 million", "$45 million")
    ]


def test_a_year_since_is_not_compared_with_a_year_in():
    assert diff("a program launched in 2007 called PRISM", "Congress has been briefed on the programs since 2009") == []
    assert diff("he has served since 2007", "he has served since 2009") == [("2007", "2009")]


@pytest.mark.parametrize(
    "a,b,expected",
    [
        # one year's rate and the rate over eight years are two quantities
        (
            "The Clintons' effective federal tax rate for 2014 was 35.7 percent.",
            "From 2007 through 2014 the couple paid $43,885,310 in federal taxes, for an effective tax rate "
            "of 31.55 percent.",
            [],
        ),
        (
            "Last year, the Clintons paid an effective federal tax rate of 35.7 percent.",
            "Between 2007 and 2014 the couple paid an effective tax rate of 31.55 percent.",
            [],
        ),
        # two different years (the years themselves may differ, the rates are not compared)
        (
            "In 2012, turnout in the state was 58 percent.",
            "Turnout in the state was 55 percent in 2016.",
            [("2012", "2016")],
        ),
        # the same year, or no year on either side: still compared
        (
            "In 2014 the effective tax rate was 35.7 percent.",
            "The effective tax rate was 31.5 percent in 2014.",
            [("35.7 percent", "31.5 percent")],
        ),
        (
            "The effective tax rate was 35.7 percent.",
            "The effective tax rate was 31.5 percent in 2014.",
            [("35.7 percent", "31.5 percent")],
        ),
        (
            "From 2007 to 2014 the effective tax rate was 35.7 percent.",
            "The effective tax rate over 2007-2014 was 31.5 percent.",
            [("35.7 percent", "31.5 percent")],
        ),
    ],
)
def test_amounts_for_different_periods_are_different_quantities(a, b, expected):
    assert diff(a, b) == expected


def test_one_givers_part_is_not_all_givers_total():
    # "a donor ... $5 million" and "donors ... $25 million": a part and the whole, two quantities
    assert (
        diff(
            "The mayor's brother was the fund's top donor in May, contributing $5 million.",
            "In May, prominent donors poured $25 million into the fund.",
        )
        == []
    )
    # the same number on both sides still pairs them
    assert diff("donors poured $5 million into the fund", "donors poured $25 million into the fund") == [
        ("$5 million", "$25 million")
    ]
    # what the figures count may be singular on one side ("1 donor") and plural on the other
    assert diff("the fund had 1 donor in May", "the fund had 3 donors in May") == [("1", "3")]


@pytest.mark.parametrize(
    "a,b,expected",
    [
        # A number of one or two digits is exact to its last digit, its zero too: 20 is no
        # rounding of 23 (the flag was lost: "20" counted as "about 23").
        ("the storm killed 20 people", "the storm killed 23 people", [("20", "23")]),
        ("the measure won 60 votes", "the measure won 61 votes", [("60", "61")]),
        ("he was sentenced to 25 years in prison", "he was sentenced to 20 years in prison", [("25", "20")]),
        ("Twenty people died in the fire", "23 people died in the fire", [("Twenty", "23")]),
        ("turnout was 50 percent", "turnout was 52 percent", [("50 percent", "52 percent")]),
        ("the state paid $20 million", "the state paid $23 million", [("$20 million", "$23 million")]),
        # ... while a longer one's trailing zeros are rounding, to the nearest, not cut short
        ("300 people marched", "320 people marched", []),
        ("300 people marched", "350 people marched", [("300", "350")]),
        ("1,000 people marched", "1,012 people marched", []),
        ("1,000 people marched", "1,500 people marched", [("1,000", "1,500")]),
        ("the bank got $700 billion", "the bank got $716 billion", []),
        # decimals and scale words round as written; a digit that is no zero may be cut short
        ("a tax rate of 36 percent", "a tax rate of 35.7 percent", []),
        ("a tax rate of 35 percent", "a tax rate of 35.7 percent", []),
        ("three million people marched", "3.2 million people marched", []),
        ("30 million people marched", "32 million people marched", [("30 million", "32 million")]),
        # the same figure in other words is no difference
        ("two soldiers were killed in the attack", "2 soldiers were killed in the attack", []),
        ("twenty-three people died in the fire", "23 people died in the fire", []),
        ("the deal is worth $1.2 billion", "the deal is worth $1,200 million", []),
        ("the deal is worth $1.2 billion", "the deal is worth $1.2bn", []),
        ("the fund holds £2bn", "the fund holds 2 billion pounds", []),
        ("the company cut 1,000 jobs", "the company cut 1000 jobs", []),
        ("he won 52% of the vote", "he won fifty-two percent of the vote", []),
        ("the attack on Sept. 11 killed 12 people", "the attack on 11 September killed twelve people", []),
        ("rates rose to 0.5 percent", "rates rose to 0.25 percent", [("0.5 percent", "0.25 percent")]),
    ],
)
def test_a_figure_agrees_only_with_its_own_rounding(a, b, expected):
    assert diff(a, b) == expected


def test_the_words_around_two_figures_are_compared_by_stem():
    # "the vote" and "voted" tell one vote: its two dates differ (they shared no word before)
    assert diff("The vote was on March 5, 2014, in the Senate.", "The Senate voted on March 6, 2014.") == [
        ("March 5, 2014", "March 6, 2014")
    ]


@pytest.mark.parametrize("digits", [400, 2000])
def test_a_number_too_long_for_a_float_is_compared_without_crashing(digits):
    huge = "9" * digits
    # each stands for infinity as a float: rounding it raised OverflowError
    assert diff(f"the fund lost {huge} dollars", "the fund lost 5 dollars") == [(huge, "5")]
    assert diff(f"the fund lost ${huge} million", "the fund lost $5 million") == [(f"${huge} million", "$5 million")]
    assert diff(f"the fund lost {huge} dollars", f"the fund lost {huge} dollars") == []


@pytest.mark.parametrize(
    "a,b,expected",
    [
        # a time of day is one figure: its minutes are no count ("30" against "20")
        (
            "The shooting began at 9:30 a.m. on Monday.",
            "The shooting began at 9:20 a.m. on Monday.",
            [("9:30 a.m.", "9:20 a.m.")],
        ),
        ("The polls close at 8 p.m.", "The polls close at 7 p.m.", [("8 p.m.", "7 p.m.")]),
        ("The polls close at 8 p.m.", "The polls close at 8 a.m.", [("8 p.m.", "8 a.m.")]),
        ("The vote closed at 11:59 p.m.", "The vote closed at 12:01 a.m.", [("11:59 p.m.", "12:01 a.m.")]),
        # the same time in other words
        ("The shooting began at 9:30 a.m. on Monday.", "The shooting began at 9.30am on Monday.", []),
        ("The polls close at 8 p.m.", "The polls close at 20:00.", []),
        ("The polls close at 8 P.M. sharp.", "The polls close at 8 pm sharp.", []),
        # a round hour or a loose time is no precise one
        ("The shooting began at 9 a.m. on Monday.", "The shooting began at 9:15 a.m. on Monday.", []),
        ("The shooting began at about 9:30 a.m.", "The shooting began at 9:45 a.m.", []),
        # a time's minutes never meet a count of the sentence
        (
            "Police arrived at 10:30 p.m. and found 30 bodies.",
            "Police found 30 bodies after arriving at 10:30pm.",
            [],
        ),
        (
            "Police arrived at 10:30 p.m. and found 30 bodies.",
            "Police arrived at 10:30 p.m. and found 31 bodies.",
            [("30", "31")],
        ),
    ],
)
def test_a_time_of_day_is_compared_whole(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "text",
    ["99:99 a.m.", "25:00", "0 a.m.", "13 p.m.", "9:60 a.m.", "at 5 amps", ":" * 500, "1:" * 300, "\x00 9:30 a.m."],
)
def test_no_time_of_day_in_odd_input(text):
    figures = find_flag_figures(text, base=7)
    assert all(f.text == text[f.start - 7 : f.end - 7] for f in figures)
    assert all(f.kind != "time" or f.text in ("9:30 a.m.",) for f in figures)


def test_the_sentence_linker_still_reads_a_time_as_numbers():
    # find_figures (what the link signals were fitted on) is unchanged: two counts
    assert [(f.text, f.kind) for f in find_figures("at 9:30 a.m.")] == [("9", "count"), ("30", "count")]


@pytest.mark.parametrize(
    "a,b,expected",
    [
        # two numbers joined by a colon are a time only with a.m. / p.m. or words of time
        ("He quoted John 3:16 in the speech.", "He quoted John 3:16 in the speech.", []),
        ("He quoted John 3:16 in the speech.", "He quoted John 3:17 in the speech.", [("3:16", "3:17")]),
        ("He quoted John 3:16 in the speech.", "He quoted John 16:3 in the speech.", [("3:16", "16:3")]),
        ("The board backed it in a 3:1 vote.", "The board backed it in a 4:1 vote.", [("3:1", "4:1")]),
        (
            "The meeting began at 14:05 local time.",
            "The meeting began at 14:15 local time.",
            [("14:05 local time", "14:15 local time")],
        ),
        ("John 3:16 was read at 10:30.", "John 3:16 was read at 10:45.", [("10:30", "10:45")]),
    ],
)
def test_a_verse_or_a_tally_is_no_time_of_day(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize("text", ["He quoted John 3:16.", "It passed in a 3:1 vote.", "They led 2:14 into the game."])
def test_a_colon_between_numbers_without_words_of_time_is_no_time(text):
    figures = find_flag_figures(text)
    assert [f.kind for f in figures] == ["pair"]
    assert "time" not in FigureDifference(figures[0], figures[0], 0, 0).what
    assert KIND_NAMES["pair"].startswith("number pair")


@pytest.mark.parametrize(
    "a,b,expected",
    [
        # one amount with and without its currency, in figures or in words
        ("The deal cost $1.2bn, officials said.", "The deal cost 1.2bn, officials said.", []),
        ("The deal cost $1.2bn, officials said.", "The deal cost 1.2 billion, officials said.", []),
        ("The deal cost 1.2bn, officials said.", "The deal cost 1.2 billion, officials said.", []),
        ("The deal cost £1.2bn, officials said.", "The deal cost 1.2 billion, officials said.", []),
        # "1.2 billion" open against another money figure of the sentence no longer pairs it
        (
            "The deal cost $1.2bn and a $3bn loan, officials said.",
            "The deal cost 1.2 billion and a $3bn loan, officials said.",
            [],
        ),
        # and a bare amount that differs is flagged
        (
            "The deal cost 1.2bn, officials said.",
            "The deal cost $1.5 billion, officials said.",
            [("1.2bn", "$1.5 billion")],
        ),
        # a count of things is no money
        ("The country has 1.2 billion people, officials said.", "The country has $1.5 billion, officials said.", []),
    ],
)
def test_an_amount_without_its_currency_is_the_same_figure(a, b, expected):
    assert flag_diff(a, b) == expected


def test_a_bare_amount_differing_from_money_is_told_as_money():
    left = find_flag_figures("The deal cost 1.2bn, officials said.")
    right = find_flag_figures("The deal cost $1.5 billion, officials said.")
    assert [FigureDifference(f, g, 0, 0).what for f, g in differing_figures(left, right)] == ["money"]


@pytest.mark.parametrize(
    "a,b,expected",
    [
        # the same number in points and in percent: one of them has the unit wrong
        (
            "Unemployment rose 2 percentage points last year.",
            "Unemployment rose 2 percent last year.",
            [("2 percentage points", "2 percent")],
        ),
        (
            "Unemployment rose 3 points last year.",
            "Unemployment rose 3 percent last year.",
            [("3 points", "3 percent")],
        ),
        # an index's points and its percent are two numbers, both true
        ("The index fell 300 points on Monday.", "The index fell 2 percent on Monday.", []),
    ],
)
def test_points_and_percent_never_agree(a, b, expected):
    assert flag_diff(a, b) == expected


def test_the_same_number_in_points_and_percent_is_told_as_a_unit_difference():
    left = find_flag_figures("Unemployment rose 2 percentage points last year.")
    right = find_flag_figures("Unemployment rose 2 percent last year.")
    ((f, g),) = differing_figures(left, right)
    assert FigureDifference(f, g, 0, 0).what == "the same number in other units (points / percent)"


def test_the_sentence_linker_still_reads_no_figure_in_a_bare_bn():
    # find_figures (what the link signals were fitted on) is unchanged
    assert find_figures("The deal cost 1.2bn.") == []
    assert [f.kind for f in find_figures("John 3:16")] == ["count", "count"]


@pytest.mark.parametrize(
    "text,bare",
    [
        ("The deal cost 1.2 billion.", True),
        ("It was a 1.2 billion deal.", True),
        ("The country has 1.2 billion people.", False),
        ("Some 11 million undocumented immigrants live here.", False),
        ("The 37 million-member group spoke.", False),
        ("It sold 5,000 tickets.", False),  # no scale of millions: a count as ever
    ],
)
def test_an_amount_that_counts_something_is_not_bare(text, bare):
    assert [f.bare for f in find_flag_figures(text)] == [bare]


@pytest.mark.parametrize(
    "text,kinds",
    [
        # "to", "and", "or" join two of anything: the second half of a verse or a ratio is no time
        ("Matthew 5:3 to 5:12 was read.", ["pair", "pair"]),
        ("Dilution from 1:10 to 1:20 works.", ["pair", "pair"]),
        ("The vote went 3:10 and then 3:12.", ["pair", "pair"]),
        # they carry a time on from a time
        ("It runs between 9:30 and 10:15 daily.", ["time", "time"]),
        ("The shop is open from 9:30 to 17:00 daily.", ["time", "time"]),
        ("It left at 14:05 or 14:10 on Monday.", ["time", "time"]),
        ("It ran from 9:30 to 9:45 a.m.", ["time", "time"]),
    ],
)
def test_a_linking_word_carries_a_time_only_from_a_time(text, kinds):
    assert [f.kind for f in find_flag_figures(text)] == kinds


@pytest.mark.parametrize(
    "a,b",
    [
        ("The deal was worth 1.2 billion yuan, officials said.", "The deal was worth $170 million, officials said."),
        ("Seoul spent 120 billion won on the plan.", "Seoul spent $90 million on the plan."),
        ("The firm paid 1.2bn rand, officials said.", "The firm paid $1.5bn, officials said."),
        ("It will cost 1.2 billion Chinese yuan, officials said.", "It will cost $170 million, officials said."),
        ("They agreed a 2 billion South African rand loan.", "They agreed a $110 million loan."),
    ],
)
def test_an_amount_in_a_currency_the_money_parser_does_not_read_is_not_bare(a, b):
    assert not any(f.bare for f in find_flag_figures(a))
    assert flag_diff(a, b) == []


@pytest.mark.parametrize(
    "text", ["A 1.2 billion real estate deal fell through.", "A 1.2bn real estate deal fell through."]
)
def test_real_estate_is_no_currency(text):
    assert [f.bare for f in find_flag_figures(text)] == [True]


@pytest.mark.parametrize("text", ["He took 2 million of the files.", "It lost 2 million of its users."])
def test_a_determiner_after_of_still_counts_a_thing(text):
    assert [f.bare for f in find_flag_figures(text)] == [False]
    assert flag_diff(text, text.replace("2 million", "$3 million")) == []


@pytest.mark.parametrize(
    "a,b,expected",
    [
        # a score is one figure, told from either side
        ("Brazil beat them 3-1 on Sunday.", "Brazil won 3-1 on Sunday.", []),
        ("Brazil beat Chile 3-1 on Sunday.", "Chile lost 1-3 to Brazil on Sunday.", []),
        # written with a colon, the same score: larger first when told as one, not a verse
        ("Bayern lost 1:3 on Sunday.", "Bayern lost 1-3 on Sunday.", []),
        ("Brazil beat them 3-1 on Sunday.", "Brazil won 2-1 on Sunday.", [("3-1", "2-1")]),
        ("The court ruled 5-4 on Monday.", "The court ruled 6-3 on Monday.", [("5-4", "6-3")]),
        ("It was a 5-4 ruling, the court said.", "It was a 6-3 ruling, the court said.", [("5-4", "6-3")]),
        # told after a hedge, a pair is a rough proportion (msrp-dev: two houses' votes)
        ("The house voted nearly 2-1 in favor.", "The house gave it a 62-43 vote.", []),
        ("The board backed it about 3:1 on Monday.", "The board backed it 4:1 on Monday.", []),
    ],
)
def test_a_score_is_one_figure(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize("text", ["Brazil beat them 3-1 on Sunday.", "The Senate voted 52-48.", "a 2-1 win"])
def test_a_score_is_a_number_pair(text):
    figures = find_flag_figures(text)
    assert [f.kind for f in figures] == ["pair"]
    assert FigureDifference(figures[0], figures[0], 0, 0).what.startswith("number pair (score")
    # the sentence linker still reads two counts
    assert [f.kind for f in find_figures(text)] == ["count", "count"]


@pytest.mark.parametrize(
    "text", ["Voters aged 18-24 turned out.", "He led by 5-7 points.", "They won 20-30 seats.", "Prices rose 3-4%."]
)
def test_a_range_is_no_score(text):
    assert "pair" not in [f.kind for f in find_flag_figures(text)]


@pytest.mark.parametrize(
    "a,b",
    [
        ("The plan would help 11 million, officials said.", "The plan would cost $11 million, officials said."),
        ("Some 11 million were uninsured, officials said.", "Some $11 million was lost, officials said."),
    ],
)
def test_an_amount_no_money_word_tells_is_no_money(a, b):
    assert [f.bare for f in find_flag_figures(a)] == [False]
    assert flag_diff(a, b) == []
    assert flag_diff(a, b.replace("$11", "$12")) == []


def test_a_count_agreeing_with_no_money_leaves_the_money_open():
    # "11 million" (people helped) does not close "$11 million": the costs differ
    left = "The plan would help 11 million and would cost $12 million, officials said."
    right = "The plan would cost $11 million, officials said."
    assert flag_diff(left, right) == [("$12 million", "$11 million")]


@pytest.mark.parametrize(
    "text",
    [
        "His time fell from 1:58 to 2:03 in the final.",
        "Her best went between 2:09 and 2:11 this year.",
        "The flight took 2:30 hours.",
    ],
)
def test_a_duration_told_as_no_time_is_no_time_of_day(text):
    assert {f.kind for f in find_flag_figures(text)} == {"pair"}


def test_a_range_told_as_times_is_still_times():
    assert [f.kind for f in find_flag_figures("It runs from 1:58 to 2:03 p.m.")] == ["time", "time"]
    assert [f.kind for f in find_flag_figures("It runs from 1:58 to 2:03 local time.")] == ["time", "time"]


@pytest.mark.parametrize(
    "text,pairs",
    [
        # the word of a result comes before the player's name, however long the name
        ("Kukushkin had beaten Botic van de Zanschulp 6-2, 6-2 on Friday.", ["6-2", "6-2"]),
        ("Tsonga cruised past Uchiyama 6-2, 6-1 and Nishioka won.", ["6-2", "6-1"]),
        ("Spain beat the Netherlands in Johannesburg 1-0.", ["1-0"]),
        ("Haase defeated Bublik 7-5, 3-6, 7-6 (5), 6-4.", ["7-5", "3-6", "7-6", "6-4"]),
        # the word of a result after the last set
        ("It was Alex de Minaur's 6-4, 6-3 victory over Galan.", ["6-4", "6-3"]),
        ("It was Alex de Minaur's 7-6 (5), 6-3 victory over Galan.", ["7-6", "6-3"]),
    ],
)
def test_a_score_after_a_name_is_a_number_pair(text, pairs):
    assert [f.text for f in find_flag_figures(text) if f.kind == "pair"] == pairs
    # the sentence linker still reads counts
    assert "pair" not in [f.kind for f in find_figures(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Voters ages 18-24, 25-34 turned out.",
        "Polls of voters in Ohio 18-24 were held.",
        "The vote on March 3-4 was close.",  # days, though a word of a result is near
        "The Senate voted to ban it for people ages 18-24.",
    ],
)
def test_a_range_after_a_name_or_a_month_is_no_score(text):
    assert "pair" not in [f.kind for f in find_flag_figures(text)]


def test_a_score_after_a_name_differs_from_another_score():
    # read as two counts it was the count 2 against 3
    left = "Kukushkin had beaten Botic van de Zanschulp 6-2 on Friday."
    right = "Kukushkin had beaten Botic van de Zanschulp 6-3 on Friday."
    assert flag_diff(left, right) == [("6-2", "6-3")]


@pytest.mark.parametrize(
    "text",
    ["The plan gives $5 million to help 11 million.", "It would cost $5 million to help 11 million."],
)
def test_money_spent_on_a_count_does_not_make_the_count_money(text):
    money, count = find_flag_figures(text)
    assert (money.kind, money.value, count.kind, count.bare) == ("money", 5_000_000, "count", False)


@pytest.mark.parametrize(
    "a,b,expected",
    [
        # the count is never money: swapped figures are two differences, not one agreement
        (
            "The plan gives $5 million to help 11 million.",
            "The plan gives $11 million to help 5 million.",
            [("$5 million", "$11 million"), ("11 million", "5 million")],
        ),
        # nor the money a count, in either direction
        (
            "The plan gives $5 million to help 11 million.",
            "The plan gives $5 million to help 12 million.",
            [("11 million", "12 million")],
        ),
        (
            "The plan gives $5 million to help 12 million.",
            "The plan gives $6 million to help 12 million.",
            [("$5 million", "$6 million")],
        ),
        ("It would cost $5 million to help 11 million.", "It would cost 5 million to help 11 million.", []),
        (
            "It would cost 5 million to help 11 million.",
            "It would cost $11 million to help 11 million.",
            [("5 million", "$11 million")],
        ),
        ("Congress gave 5 million dollars to help 11 million.", "Congress gave $5 million to help 11 million.", []),
    ],
)
def test_money_and_a_count_in_one_sentence_stay_apart(a, b, expected):
    assert flag_diff(a, b) == expected
    assert flag_diff(b, a) == [(y, x) for x, y in expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a range's second end told with a bare scale is money of the first end's currency
        ("It would cost $5-10 billion over a decade.", ("money", "usd", False)),
        # a change's end and an alternative stay bare amounts (compared with money either way)
        ("Sales rose from $1.2bn to 1.5 billion.", ("count", None, True)),
        ("It lost £2m or 3 million.", ("count", None, True)),
    ],
)
def test_the_other_end_of_a_money_range_is_money(text, expected):
    other = find_flag_figures(text)[-1]
    assert (other.kind, other.unit, other.bare) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The storm caused $2 million or 3 million in damages to the town.",
        "It cost them £2m or 3 million in lost revenue last year.",
    ],
)
def test_the_other_end_of_a_money_range_mid_clause_is_money(text):
    # "or" joins two clauses too ("or 3 million went unclaimed"): what the amount is in tells
    assert find_flag_figures(text)[-1].bare
    assert flag_diff(text, text.replace(" 3 million", " $3 million")) == []


@pytest.mark.parametrize(
    "text",
    [
        "It would cost between $5 million and 8 million.",
        "Costs rose $5 million to 7 million.",
        "Costs rose from $5 million to 7 million last year.",
    ],
)
def test_the_other_end_of_a_money_range_joined_by_a_word_is_money(text):
    assert find_flag_figures(text)[-1].bare


@pytest.mark.parametrize(
    "a,b",
    [
        # "and", "or" join two clauses: the count after them is no money
        (
            "The state has spent $5 million and 11 million have enrolled.",
            "The state has spent $5 million and $12 million went to insurers.",
        ),
        (
            "The fund paid $2 million or 3 million went unclaimed.",
            "The fund paid $2 million or $4 million went to aid.",
        ),
        ("It gave $5 million to 11 million people in need.", "It gave $5 million to $12 million in grants."),
    ],
)
def test_a_count_after_money_and_a_joining_word_is_no_money(a, b):
    assert [f.bare for f in find_flag_figures(a)] == [False, False]
    assert flag_diff(a, b) == []


class _SetsSpy:
    """_SETS_AFTER recording how many characters each match reads."""

    def __init__(self, pattern):
        self.pattern, self.lengths = pattern, []

    def match(self, text, pos):
        m = self.pattern.match(text, pos)
        self.lengths.append(m.end() - pos)
        return m


def test_a_long_list_of_pairs_is_read_in_linear_time(monkeypatch):
    # each pair read every set after it: "1-2, " * 16000 took seconds
    from reader.analysis import figures

    spy = _SetsSpy(figures._SETS_AFTER)
    monkeypatch.setattr(figures, "_SETS_AFTER", spy)
    find_flag_figures("1-2, " * 2000)
    assert len(spy.lengths) == 2000
    assert max(spy.lengths) <= 5 * len(", 1-2")


@pytest.mark.parametrize(
    "text,pair",
    [
        # a month as a player's surname, after a given name
        ("Parliament defeated Theresa May 432-202 on her Brexit deal.", "432-202"),
        ("Kerri Walsh Jennings beat Misty May 2-1.", "2-1"),
        # names in any script are passed over to the word of a result
        ("He was beaten by Botic van de Świątek 6-2.", "6-2"),
        ("Federer was beaten by Serbia's Novak Đoković 6-2.", "6-2"),
        ("He lost to Czech veteran Radek Štěpánek 6-2.", "6-2"),
        ("She lost to Misty May 2-1 in Rome.", "2-1"),
        ("Nadal beat Federer in Rome 6-4.", "6-4"),
    ],
)
def test_a_score_after_a_name_in_any_script_or_a_month_is_one_pair(text, pair):
    assert [(f.kind, f.text) for f in find_flag_figures(text)] == [("pair", pair)]


@pytest.mark.parametrize(
    "text",
    [
        "The vote on Monday, May 3-4 was close.",
        "The team won on Monday May 3-4.",
        "He won praise in Rome on May 3-4.",
        # a place before the month: no given name of a player called May
        "Delegates voted in Rome May 3-4.",
        "The party won seats at Camp David May 3-4.",
    ],
)
def test_days_after_a_month_stay_no_score(text):
    assert "pair" not in [f.kind for f in find_flag_figures(text)]


@pytest.mark.parametrize(
    "a,b,expected",
    [
        # one digit changed in a precise amount, only names around it in common: one figure
        # copied wrong ("only names in common" would otherwise say two people's amounts)
        (
            "They spent $3,544.00 at Mariel's Boutique, and $5,687.75 on Martha's Vineyard Holistic Retreat.",
            "A $466.30 dinner at CityZen and a $5,587.75 vacation at the Martha's Vineyard Holistic Retreat.",
            [("$5,687.75", "$5,587.75")],
        ),
        # nor is the slipped figure closed by a bound of another amount ("over $300" holds it)
        (
            "They spent over $300 at Build-A-Bear and $5,687.75 on Martha's Vineyard Holistic Retreat.",
            "A $466.30 dinner at CityZen and a $5,587.75 vacation at the Martha's Vineyard Holistic Retreat.",
            [("$5,687.75", "$5,587.75")],
        ),
        # two digits next to each other swapped
        ("Ann Wang gave $1,254 to Chen.", "Chen got $1,524 from Bo Li.", [("$1,254", "$1,524")]),
        # two digits changed: two amounts, and only a name in common
        ("The Clintons paid $43,885 in taxes.", "Bill Clinton earned $48,805 in fees.", []),
        # a short or round number is no slip: with only a name in common, two people's amounts
        ("Ann Wang gave $15 to Chen.", "Chen got $16 from Bo Li.", []),
        ("Ann Wang gave $1,500 to Chen.", "Chen got $1,600 from Bo Li.", []),
        # rounding is agreement, not a slip
        ("The watch cost $43,350.", "The watch cost $43,000.", []),
        # the last digit told is how a price moves between two reports, not a copying slip (a
        # share in early trading and after hours; msrp-dev's Microsoft pair)
        ("Microsoft fell 5 percent to $27.45 in early trading.", "Shares of Microsoft were at $27.54 after hours.", []),
    ],
)
def test_a_digit_slip_in_a_precise_figure_is_one_figure_told_differently(a, b, expected):
    assert flag_diff(a, b) == expected


def test_a_difference_with_an_approximate_figure_says_so():
    left = find_flag_figures("The letter was signed by about 50 faculty members.")
    right = find_flag_figures("The letter was signed by 120 faculty members.")
    (difference,) = (FigureDifference(f, g, 0, 0) for f, g in differing_figures(left, right))
    assert (difference.left.text, difference.right.text) == ("about 50", "120")
    assert difference.approximate == ["left"]
    assert (difference.what, difference.described) == ("count of members", "count of members (approximate)")
    assert difference.to_dict()["approximate"] == ["left"]
    assert difference.to_dict()["what"] == "count of members"
    # a bound is no approximation: "more than 40" against "30" is a plain difference
    left = find_flag_figures("More than 40 people were arrested on Friday.")
    right = find_flag_figures("Some 30 people were arrested on Friday.")
    (difference,) = (FigureDifference(f, g, 0, 0) for f, g in differing_figures(left, right))
    assert difference.approximate == ["right"]
    exact = find_flag_figures("Exactly 30 people were arrested on Friday.")
    (difference,) = (FigureDifference(f, g, 0, 0) for f, g in differing_figures(left, exact))
    assert difference.approximate == [] and difference.described == "count of people"


def test_a_digit_slip_does_not_take_a_figure_from_its_twin_told_as_a_bound():
    # "as high as $368.90" is the "up to $369.50" of a level not seen since February (they
    # agree), not the "$367.90" the other wire quoted later, one digit apart
    got = flag_diff(
        "Gold was fetching $365.25 an ounce at 0520 GMT, having galloped as high as $368.90, a level not seen since February.",
        "Gold was quoted at $367.90 an ounce at 1000 GMT, having marched up to $369.50, a level not seen since February.",
    )
    assert ("$368.90", "$367.90") not in got


@pytest.mark.parametrize(
    "a,b",
    [
        # a number that names something is no amount: a bare run of digits, one changed, shares
        # only a name or a word with the other and must not read as one figure copied wrong
        ("Reporters reached Smith at 456-1111 on Monday.", "Smith, whose number is 456-1411, declined to comment."),
        ("Smith moved to Springfield, IL 62704, in March.", "Smith, of Springfield 62740, declined."),
        ("Smith introduced H.R. 1234, a farm measure.", "Jones backed H.R. 1243, Smith's tax plan."),
        ("Smith was aboard Flight 1549 from LaGuardia.", "Flight 1594 carried Smith's family to Denver."),
        ("Smith met reporters in Room 2141 of the Rayburn building.", "Smith's office is in Room 2114."),
        ("Smith has served since 2014.", "Smith's term ends in 2041."),
    ],
)
def test_a_digit_slip_is_read_only_in_an_amount_not_in_a_number_naming_something(a, b):
    assert flag_diff(a, b) == []


def test_a_digit_slip_in_a_number_of_thousands_of_digits_does_not_crash():
    # int() refuses a string of more than 4,300 digits (ValueError): such a run of digits is no
    # amount copied wrong, and the comparison goes on
    many = "1" * 5000
    assert flag_diff(f"Smith paid ${many} for it.", f"Smith paid ${many[:-1]}2 for it.") == []
    assert flag_diff(f"Smith counted {many} votes.", f"Smith counted {many[:-1]}2 votes.") == []


def test_a_sentence_of_thousands_of_figures_compares_its_first_ones_only(monkeypatch):
    # a table run into one sentence: every figure met every other (2,000 a side took minutes),
    # so each side is cut; a difference among the first ones is still told
    import reader.analysis.figures as figures_module

    table = " ".join(f"lot {i} went for ${1000 + i * 7:,} in {1990 + i % 30}," for i in range(700))
    left = find_flag_figures(f"Smith paid $43,350 for the gold watch; {table} and so on.")
    right = find_flag_figures(f"Smith paid $45,000 for the gold watch; {table} and so on.")
    assert len(left) > 1000 > MAX_FIGURES_COMPARED
    checked = []
    closed = figures_module._closed
    monkeypatch.setattr(
        figures_module, "_closed", lambda f, others, **kw: checked.append(len(others)) or closed(f, others, **kw)
    )
    pairs = differing_figures(left, right)
    assert [(f.text, g.text) for f, g in pairs] == [("$43,350", "$45,000")]
    assert len(checked) == 2 * MAX_FIGURES_COMPARED and max(checked) == MAX_FIGURES_COMPARED
