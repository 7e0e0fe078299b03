"""When an amount is told (session 60): a day told after it, a level now against one a year ago,
a sentence opening "Since <an event> in <a year>," and a line opening "The Stock Market".
Made-up sentences; each rule has a case that must still be compared."""

from __future__ import annotations

from figure_helpers import flag_diff

from reader.analysis.figures import find_flag_figures


def test_one_price_told_on_two_days_is_two_prices() -> None:
    assert flag_diff("Acme shares closed at $5 on Monday.", "Acme shares closed at $6 on Tuesday.") == []
    # one outlet's "today" is the next morning paper's "yesterday": still compared
    assert flag_diff("Acme shares closed at $5 yesterday.", "Acme shares closed at $6 today.") == [("$5", "$6")]
    # "yesterday" may be Tuesday, and a day of telling is no day of the amount
    assert flag_diff("Acme shares closed at $5 yesterday.", "Acme shares closed at $6 on Tuesday.") == [("$5", "$6")]
    assert flag_diff("Acme shares closed at $5, the company said Monday.", "Acme shares closed at $6 on Tuesday.") == [
        ("$5", "$6")
    ]
    assert flag_diff("Acme shares closed at $5 on Monday.", "Acme shares closed at $6.") == [("$5", "$6")]
    assert flag_diff("Acme shares closed at $5 on Monday.", "Acme shares closed at $6 on Monday.") == [("$5", "$6")]


def test_a_level_last_year_and_one_now_are_two_moments() -> None:
    # a unit of time in -s before an amount is a noun, no verb in the present (review v1)
    [f] = find_flag_figures("In recent years 5,000 people came.")
    assert f.frame is None
    assert flag_diff("Acme employed 5,000 people last year.", "Acme employs 6,000 people.") == []
    assert flag_diff("Acme's debt was $75.4 billion last year.", "Acme's debt is $18 billion.") == []
    # a level told in the past, or told now on both sides, is still compared
    assert flag_diff("Acme employed 5,000 people last year.", "Acme employed 6,000 people.") == [("5,000", "6,000")]
    assert flag_diff("Acme employs 5,000 people.", "Acme employs 6,000 people.") == [("5,000", "6,000")]
    assert flag_diff("Acme's debt is $75.4 billion.", "Acme's debt was $18 billion.") == [
        ("$75.4 billion", "$18 billion")
    ]
    # "was" and "plus" are no verbs in the present
    [f] = find_flag_figures("The total was 6,000.")
    assert f.frame is None


def test_a_sentence_opening_since_an_event_in_a_year_tells_a_span() -> None:
    assert (
        flag_diff(
            "Acme's debt was $75.4 billion last year.",
            "Since the company's founding in 2001, Acme's debt has been $18 billion.",
        )
        == []
    )
    # a sentence that only mentions a year later on tells no span
    assert flag_diff(
        "Acme's debt was $75.4 billion last year.", "Acme, founded in 2001, has had $18 billion in debt, Lee says."
    ) == [("$75.4 billion", "$18 billion")]


def test_the_stock_market_at_a_line_start_names_no_exchange() -> None:
    [f] = find_flag_figures("The Stock Market fell 2 percent.")
    assert f.markets == frozenset()
    assert flag_diff("The Stock Market fell 2 percent.", "On the London Stock Exchange, shares fell 3 percent.") == [
        ("2 percent", "3 percent")
    ]
    [f] = find_flag_figures("The New York Stock Exchange fell 2 percent.")
    assert ("exchange", "new york") in f.markets


def test_a_sum_told_in_the_present_is_the_latest_total() -> None:
    # "totals" tells a year's sum, which "last year" tells too (session 59's pair)
    assert flag_diff("Trade between them totals $34 billion.", "Trade between them was $33.4 billion last year.") == [
        ("$34 billion", "$33.4 billion")
    ]
