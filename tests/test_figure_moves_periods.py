"""Figures read as a reader reads them (session 57): a move told beside the level it reached is
compared with moves, the level with levels. Made-up sentences; each rule has a case that must
still differ."""

from __future__ import annotations

from figure_helpers import flag_diff

from reader.analysis.figures import find_flag_figures


def test_a_move_is_not_compared_with_a_price() -> None:
    # "$1.20" (a move) against "$9.40" (a price) was flagged; the two prices are one quantity
    assert flag_diff(
        "Acme shares slipped $1.20 to close at $9.10.", "Acme shares slipped 40 cents to $9.40 on Friday."
    ) == [("$9.10", "$9.40")]
    assert flag_diff(
        "Acme rose 75 cents, or 4.1 percent, to $19.05.", "Acme rose $1.15, or 6.2 percent, to $19.65 in heavy trading."
    ) == [("4.1 percent", "6.2 percent"), ("$19.05", "$19.65")]  # two starts: one start is one move seen twice
    # a move told after the words "up" / "off" and a level told after "at"
    assert flag_diff(
        "Acme shares were up $2.10 at $31.40 in late trading.",
        "Acme shares were off $3.30, or 9 percent, at $33.50 in late trading.",
    ) == [
        ("$2.10", "$3.30"),
        ("$31.40", "$33.50"),
    ]


def test_a_level_after_lower_or_higher_is_a_level() -> None:
    assert flag_diff(
        "Corn futures settled .31 cent lower at 55.62 cents a bushel.",
        "Corn futures ended down 0.27 cent to 56.18 cents a bushel.",
    ) == [("55.62", "56.18")]


def test_a_range_with_no_move_word_is_no_move() -> None:
    # "$5 or $10" told with no move word: no move, no level
    assert [f.change for f in find_flag_figures("Tickets cost $5, or $10 at the gate.")] == [None, None]
    assert flag_diff("Acme fell $2 to $30.", "Acme fell $2 to $31.") == [("$30", "$31")]


def test_an_amount_told_for_an_earlier_period_is_not_compared_with_the_time_told_of() -> None:
    # the year-ago quarter's profit is not this quarter's
    assert (
        flag_diff(
            "In the quarter ended June 30, Acme earned $41.5 million, or 18 cents a share.",
            "That was up from the year-ago quarter, when Acme earned $33.2 million, or 15 cents a share.",
        )
        == []
    )
    assert flag_diff("Acme earned $12 million in revenue last year.", "Acme earned $9 million in revenue.") == []
    # both told for the year-ago quarter: one quantity, two values
    assert flag_diff(
        "Acme earned $33.2 million in the year-ago quarter.", "Acme earned $35.2 million in the year-ago quarter."
    ) == [("$33.2 million", "$35.2 million")]


def test_two_periods_told_keep_two_amounts_apart() -> None:
    assert (
        flag_diff(
            "The krone has risen 12 percent over the past nine months.", "The krone is up 3 percent for the month."
        )
        == []
    )
    # "the last year" is the past year, not last year
    assert flag_diff("Acme hired 40 engineers in the last year.", "Acme hired 45 engineers in the past year.") == [
        ("40", "45")
    ]


def test_a_change_from_a_year_earlier_is_told_for_the_time_told_of() -> None:
    # "from a year earlier" is what the change is measured from: the change is this period's
    assert flag_diff("Acme's sales rose 5 percent from a year earlier.", "Acme's sales rose 6 percent.") == [
        ("5 percent", "6 percent")
    ]


def test_a_number_before_a_capitalised_name_and_index_is_the_name() -> None:
    assert [f.text for f in find_flag_figures("The Widget & Co's 400 Index fell 3 points.")] == ["3 points"]
    # a count of indexes is a plural; a count before "index funds" counts funds
    assert [f.unit for f in find_flag_figures("Acme tracked 12 indexes.")] == ["index"]
    assert [f.unit for f in find_flag_figures("Acme sells 30 index funds.")] == ["fund"]


def test_a_rank_written_with_no_space_after_the_number_sign() -> None:
    # "No.5" read no figure at all; it is the rank "No. 5" is
    assert [(f.text, f.kind, f.value) for f in find_flag_figures("Acme is ranked No.5 in its trade.")] == [
        ("5", "rank", 5)
    ]
    assert flag_diff("Acme is ranked No.5 in its trade.", "Acme is ranked No. 7 in its trade.") == [("5", "7")]
    assert flag_diff("Acme is ranked No.5 in its trade.", "Acme is ranked No. 5 in its trade.") == []
    # a version or a longer number is no rank
    assert [f.kind for f in find_flag_figures("Acme shipped No.5.5 and No.55,000.")] == []


def test_a_tally_of_tries_is_one_pair() -> None:
    # "3-of-5" counted no yards: it is a tally, compared with tallies
    assert flag_diff("Smith was 3-of-5 for 24 yards.", "Smith ran for 40 yards in his career.") == [("24", "40")]
    assert flag_diff("Smith was 3-of-5 passing.", "Smith gained 40 yards.") == []
    assert flag_diff("Smith went 7-for-12 from the field.", "Smith went 5-for-12 from the field.") == [
        ("7-for-12", "5-for-12")
    ]
    # with no hyphens it counts what follows
    assert [(f.text, f.kind) for f in find_flag_figures("Acme won 3 of 5 cases.")] == [("3", "count"), ("5", "count")]
