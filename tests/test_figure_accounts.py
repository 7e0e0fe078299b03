"""An amount told of a company's account ("revenue of $388 million", "a loss of $55 million")
is that account's, as the differing-figures flag reads it: revenue, profit and a loss are three
quantities. Made-up sentences; each rule has a case that must still differ."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # revenue against a loss, a loss against revenue, profit against a loss
        (
            "Acme reported quarterly revenue of $212.4 million, compared with $198.7 million in the same period a year ago.",
            "That compared with a loss of $41.2 million, or $3.10 per share, in the same period a year earlier.",
            [],
        ),
        (
            "Acme's operating loss rose 59 percent to $73 million.",
            "Acme's operating revenue fell 4.5 percent to $2.3 billion.",
            [],
        ),
        (
            "Acme expected earnings of between 7 cents and 11 cents a share.",
            "Acme expected a loss of between 1 and 4 cents a share.",
            [],
        ),
        # sales are revenue: compared
        (
            "Acme earned $991 million on sales of $4.7 billion.",
            "Acme earned $991 million on revenue of $4.62 billion.",
            [("$4.7 billion", "$4.62 billion")],
        ),
        # one account on both sides, or on one side only: compared
        (
            "Acme posted a net loss of $6.6 million.",
            "Acme posted a loss of $7.2 million.",
            [("$6.6 million", "$7.2 million")],
        ),
        (
            "Acme posted a net loss of $6.6 million.",
            "Acme posted a deficit of $7.2 million.",
            [("$6.6 million", "$7.2 million")],
        ),
    ],
)
def test_amounts_of_two_accounts_are_two_quantities(a, b, expected):
    assert flag_diff(a, b) == expected


def test_profit_taking_is_no_account():
    # selling to take profits: the move is the shares', no profit's, and meets a move told beside sales
    a = "Profit-taking sent Acme shares down 2 percent on Friday."
    b = "Weak sales sent Acme shares down 3 percent on Friday."
    assert flag_diff(a, b) == [("2 percent", "3 percent")]


def test_an_account_told_keeps_two_exchanges_apart():
    # the two sentences share the account: their exchanges still tell two prices
    a = "After its revenue fell, Acme shares dropped 5 percent on the London Stock Exchange."
    b = "After its revenue fell, Acme shares dropped 7 percent on the New York Stock Exchange."
    assert flag_diff(a, b) == []
    assert flag_diff(a, b.replace("New York", "London")) == [("5 percent", "7 percent")]
