"""Where and when a share's move is told (session 62): the market a listing trades on, told by
its city, exchange or currency; the day told by a possessive ("in Monday's trading"); an
exchange by its initials. Made-up sentences; each rule has a case that must still be compared."""

from __future__ import annotations

from figure_helpers import flag_diff

from reader.analysis.figures import find_flag_figures


def test_one_share_told_on_two_markets_is_two_listings() -> None:
    # a city after "in" (msrp-dev 152) and "U.S. shares" against Amsterdam's euros (msrp-dev 2413)
    assert (
        flag_diff("Acme shares closed 1.9 percent down in Paris.", "In New York, Acme shares were 1.4 percent down.")
        == []
    )
    assert (
        flag_diff(
            "Shares of Acme rose 12 cents, or 2.3 percent, to 5.35 euros in Amsterdam.",
            "Acme's U.S. shares rose 52 cents, or 9 percent, to $6.30.",
        )
        == []
    )
    assert (
        flag_diff("Acme shares rose 2 percent on the New York exchange.", "Acme shares rose 3 percent in London.") == []
    )
    # a price in euros and one in dollars, no place told: two listings
    assert flag_diff("Acme shares rose 2 percent to 5.35 euros.", "Acme shares rose 3 percent to $6.30.") == []


def test_one_market_told_two_ways_is_still_compared() -> None:
    assert flag_diff("Acme shares rose 2 percent in New York.", "Acme shares rose 3 percent on Wall Street.") == [
        ("2 percent", "3 percent")
    ]
    assert flag_diff("Acme shares rose 2 percent on the NYSE.", "Acme shares rose 3 percent in New York.") == [
        ("2 percent", "3 percent")
    ]
    # where a company is based is not where its shares trade
    assert flag_diff(
        "Acme, based in Paris, saw its shares rise 2 percent.", "Acme shares rose 3 percent on Friday."
    ) == [("2 percent", "3 percent")]
    # a city in a sentence about no shares is no market
    [f] = find_flag_figures("Some 300 people marched in London.")
    assert f.markets == frozenset()


def test_a_day_told_by_its_possessive_is_when_not_what() -> None:
    assert (
        flag_diff("Acme shares rose 2 percent in Monday's trading.", "Acme shares rose 3 percent in Tuesday's trading.")
        == []
    )
    assert (
        flag_diff(
            "Acme fell 4 percent, extending Tuesday's 2 percent loss.",
            "Acme fell 4 percent after Monday's 3 percent loss.",
        )
        == []
    )
    [f] = find_flag_figures("Acme shares rose 2 percent in Monday's trading.")
    assert f.frame == ("day", "monday") and f.told_of == frozenset({"trade"})
    # one day on both sides, and a change's start "from Monday's close", are still compared
    assert flag_diff("Acme shares rose 2 percent in Monday's trading.", "Acme shares rose 3 percent on Monday.") == [
        ("2 percent", "3 percent")
    ]
    assert flag_diff("Acme shares rose 2 percent from Monday's close.", "Acme shares rose 3 percent on Tuesday.") == [
        ("2 percent", "3 percent")
    ]


def test_amounts_of_one_move_share_the_day_told_after_the_last() -> None:
    # "$1.49, or 6.6 percent, to $23.99 early Wednesday": all three on Wednesday (msrp-dev 2773)
    left = "Shares of Acme gained $1.49, or 6.6 percent, to $23.99 early Wednesday."
    assert flag_diff(left, "Acme shares were off 30 cents, or 1.3 percent, at $22.58 on Tuesday.") == []
    # (from two starts, $22.50 and $22.60: from one, the two would be one move told at two moments)
    assert flag_diff(left, "Acme shares were up $1.20, or 5.3 percent, at $23.80 on Wednesday.") == [
        ("$1.49", "$1.20"),
        ("6.6 percent", "5.3 percent"),
        ("$23.99", "$23.80"),
    ]
    # and the day told between a move and its close: "in Monday's trading, to 5.35 euros"
    assert (
        flag_diff(
            "Acme shares fell 3 percent in Monday's trading, to 5.35 euros.",
            "Acme shares fell 4 percent in Tuesday's trading, to 5.30 euros.",
        )
        == []
    )
    # a move's start after "from" keeps no day of its end: the end is some day after it (session 65)
    [f, g] = find_flag_figures("Acme rose to 4.92 percent, up from 4.89 percent on Thursday.")
    assert f.frame == ("from day", "thursday") and g.frame == ("day", "thursday")


def test_an_exchange_by_its_initials_is_the_exchange_by_its_name() -> None:
    assert flag_diff(
        "The NYSE composite index fell 20 points.", "The New York Stock Exchange composite index fell 25 points."
    ) == [("20 points", "25 points")]
    # session 61 review's miss, and what the amount is told of: "New" gives its initial, though
    # no word of a subject alone
    assert flag_diff(
        "NYSE volume was 1.2 billion shares.", "New York Stock Exchange volume was 1.9 billion shares."
    ) == [("1.2 billion", "1.9 billion")]
    assert flag_diff("New York Stock Exchange seat prices rose 5 percent.", "NYSE seat prices rose 3 percent.") == [
        ("5 percent", "3 percent")
    ]


def test_a_market_is_told_of_the_shares_not_of_what_the_sentence_turns_to() -> None:
    # review of session 62: the market and the trading words were given to every amount of the
    # sentence, so sales told after "while" on two markets were never compared
    assert flag_diff(
        "Acme shares rose 2 percent in Paris, while sales grew 5 percent.",
        "Acme shares rose 2 percent in New York, while sales grew 3 percent.",
    ) == [("5 percent", "3 percent")]
    assert flag_diff(
        "Acme shares rose 2 percent to 5 euros; sales grew 5 percent.",
        "Acme shares rose 2 percent to 5 euros; sales grew 3 percent.",
    ) == [("5 percent", "3 percent")]
    # one share's move told on with "and": still that market's
    assert (
        flag_diff("Acme shares rose 2 percent and closed at 5 euros in Paris.", "Acme shares rose 3 percent in London.")
        == []
    )
    # where a company is headquartered is no more where it trades than where it is based
    assert flag_diff(
        "Acme, headquartered in Paris, saw its shares rise 2 percent.",
        "Acme shares rose 3 percent on the New York exchange.",
    ) == [("2 percent", "3 percent")]


def test_the_fed_is_the_federal_reserve() -> None:
    # a known short form (figures._SHORT_FORM_WORDS): one bank's cut told two ways is compared
    assert flag_diff("The Fed cut rates by 0.25 percent.", "The Federal Reserve cut rates by 0.5 percent.") == [
        ("0.25 percent", "0.5 percent")
    ]
    # and another bank's is still another's
    assert flag_diff("The Fed cut rates by 0.25 percent.", "The ECB cut rates by 0.5 percent.") == []


def test_a_city_told_of_something_else_is_no_market() -> None:
    # the court's city, the summit's, the office's: no trading told there, so the moves are compared
    assert flag_diff(
        "Acme shares fell 2 percent after a court in London ruled against the company.",
        "Acme shares fell 3 percent in New York.",
    ) == [("2 percent", "3 percent")]
    assert flag_diff(
        "After a summit in Paris ended without a deal, Acme shares fell 2 percent.",
        "Acme shares fell 3 percent on the NYSE.",
    ) == [("2 percent", "3 percent")]
    assert flag_diff(
        "Acme, whose offices in Tokyo were raided, saw its shares fall 2 percent.",
        "Acme shares fell 3 percent in London.",
    ) == [("2 percent", "3 percent")]
    [f] = find_flag_figures("Acme shares fell 2 percent after a court in London ruled.")
    assert f.markets == frozenset()


def test_a_city_told_of_the_trading_is_still_a_market() -> None:
    # after the move, the price or the shares; opening a clause that tells the trading
    for told in (
        "Acme shares fell 2 percent in London.",
        "Acme shares closed at 15.80 euros in Paris, down 2 percent.",
        "Shares in London of Acme fell 2 percent.",
        "Acme, whose shares are listed in London, fell 2 percent.",
        "In London, Acme shares fell 2 percent.",
    ):
        markets = {m for f in find_flag_figures(told) for m in f.markets if m[0] == "market"}
        assert markets == {("market", "uk" if "London" in told else "france")}, told
    assert flag_diff("Acme shares fell 2 percent in London.", "Acme shares fell 3 percent in New York.") == []


def test_each_move_of_two_markets_keeps_its_own() -> None:
    two = "Acme shares fell 2 percent in Paris and 3 percent in New York."
    assert [sorted(f.markets) for f in find_flag_figures(two)] == [[("market", "france")], [("market", "us")]]
    # each side's move on one market is compared with the other side's on that market
    assert flag_diff(two, "Acme shares fell 5 percent in New York.") == [("3 percent", "5 percent")]
    assert flag_diff("Acme shares fell 5 percent in Paris.", two) == [("5 percent", "2 percent")]
    assert flag_diff(two, "Acme shares fell 2 percent in Paris and 4 percent in New York.") == [
        ("3 percent", "4 percent")
    ]


def test_a_move_told_on_no_market_against_two_pairs_with_neither() -> None:
    # which of the two moves "fell 5 percent" tells is not said: no pair is clear, so no flag
    two = "Acme shares fell 2 percent in Paris and 3 percent in New York."
    assert flag_diff(two, "Acme shares fell 5 percent.") == []
    assert flag_diff("Acme shares fell 5 percent.", two) == []
    opener = "In Paris, Acme shares fell 2 percent, while U.S. shares fell 3 percent."
    assert flag_diff("Acme shares fell 5 percent on Monday.", opener) == []
    # one market told: the move is compared as before
    assert flag_diff("Acme shares fell 5 percent.", "Acme shares fell 2 percent in Paris.") == [
        ("5 percent", "2 percent")
    ]


def test_one_move_told_at_two_moments_is_no_differing_figure() -> None:
    # each side's fall and price lead back to one start ($20.00): one price told earlier in the day
    assert flag_diff("Acme shares fell $1.50 to close at $18.50.", "Acme shares fell 90 cents to $19.10.") == []
    assert flag_diff("Acme shares rose $2 to $42 by midday.", "Acme shares rose $3 to close at $43.") == []
    # pence and cents told as counts: one start in one unit
    assert flag_diff("Acme stock fell 30 pence to 470 pence.", "Acme stock fell 55 pence to 445 pence.") == []
    # and the move's percent, told at each moment
    assert (
        flag_diff("Acme gained $1.49, or 6.6 percent, to $23.99.", "Acme was up $1.20, or 5.3 percent, at $23.70.")
        == []
    )


def test_two_moves_from_two_starts_still_differ() -> None:
    assert flag_diff("Acme shares fell $1.50 to close at $18.50.", "Acme shares fell 90 cents to $19.00.") == [
        ("$18.50", "$19.00")
    ]
    assert flag_diff("Acme shares fell $1.50 to $18.50.", "Acme shares fell $1.50 to $17.50.") == [("$18.50", "$17.50")]
    # a rise and a fall from one start are still two moves' values
    assert flag_diff("Acme shares rose $1 to $21.", "Acme shares fell $1 to $19.") != []


def test_a_move_told_at_two_moments_needs_two_moments_and_one_direction() -> None:
    # both levels the close: one moment told with two values, whatever start they share
    assert flag_diff("Acme shares fell $1.50 to close at $18.50.", "Acme shares fell $2.50 to close at $17.50.") == [
        ("$1.50", "$2.50"),
        ("$18.50", "$17.50"),
    ]
    assert flag_diff("Acme shares ended $1.50 lower at $18.50.", "Acme shares ended $2.50 lower at $17.50.") != []
    # a fall on one side and a rise on the other lead back to one start only if one is misread
    assert flag_diff("Acme shares fell $1 to $17.", "Acme shares rose $3 to $19.") == [("$1", "$3"), ("$17", "$19")]
    # a percent that is not its side's change from the shared start still differs
    assert flag_diff(
        "Acme gained $1.49, or 6.6 percent, to $23.99.", "Acme was up $1.20, or 9.3 percent, at $23.70."
    ) == [("6.6 percent", "9.3 percent")]


def test_a_percent_of_the_move_is_read_to_the_rounding_its_digits_tell() -> None:
    # from $14.69: $6.21 is 42.3 percent and $6.31 43.0, each told in whole points
    assert (
        flag_diff(
            "Shares of Acme rose $6.21, or 42 percent, to $20.90.", "Acme shares rose 43 percent, or $6.31, to $21."
        )
        == []
    )
    # 89 cents of $3.22 is 27.6 percent: "more than 27 percent" tells it
    assert (
        flag_diff(
            "Acme shares dropped 74 cents, or 23 percent, to $2.48.",
            "Acme shares were off 89 cents or more than 27 percent at $2.33.",
        )
        == []
    )
    # $5.99 of $14.69 is 40.8 percent, not the 40.1 told: that percent is no change from the shared start
    assert flag_diff(
        "Shares of Acme soared $5.99, or 40.1 percent, to $20.68.",
        "Shares of Acme rose $6.21, or 42 percent, to $20.90.",
    ) == [("40.1 percent", "42 percent")]


def test_close_to_a_level_is_no_days_close() -> None:
    # session 64: "close to its low" tells nearness: one side's level is no close, so the two
    # moves from one start ($20) are one move seen at two moments
    assert (
        flag_diff("Acme shares fell $1.50 to $18.50, close to its low.", "Acme shares fell $2.50 to close at $17.50.")
        == []
    )
    assert (
        flag_diff("Acme shares fell $1.50 to $18.50, closely watched.", "Acme shares fell $2.50 to close at $17.50.")
        == []
    )
    # a close told beside a "close to" is still the close: one moment told two ways
    assert flag_diff(
        "Acme shares fell $1.50 to close at $18.50, close to its low.", "Acme shares fell $2.50 to close at $17.50."
    ) == [("$1.50", "$2.50"), ("$18.50", "$17.50")]
