"""When an amount is told (session 60): a day told after it, a level now against one a year ago,
a sentence opening "Since <an event> in <a year>," and a line opening "The Stock Market".
Made-up sentences; each rule has a case that must still be compared."""

from __future__ import annotations

import json

from pathlib import Path

from figure_helpers import flag_diff

from reader.analysis.compare import compare
from reader.analysis.figures import days_by_date, find_flag_figures
from reader.corpus.model import Article


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


def _dated(id_: str, text: str, date: str | None) -> Article:
    return Article(id=id_, path=Path(f"{id_}.txt"), text=text, outlet=f"Outlet {id_}", title="Virus cases", date=date)


def _compared_figures(left: str, right: str, left_date: str | None, right_date: str | None) -> list[tuple[str, str]]:
    result = compare(_dated("a", left, left_date), _dated("b", right, right_date))
    return [(d.left.text, d.right.text) for d in result.figures]


def test_yesterday_is_the_weekday_the_articles_dates_make_it() -> None:
    left = "The state reported 65 new cases yesterday, officials said."
    right = "The state reported 55 new cases on Friday, officials said."
    # a story of Saturday 11 April 2020: its "yesterday" is Friday, one day's two counts
    assert _compared_figures(left, right, "2020-04-11", "2020-04-11") == [("65", "55")]
    # a story of Tuesday: its "yesterday" is Monday, not Friday's count
    assert _compared_figures(left, right, "2020-04-14", "2020-04-11") == []
    # one side undated: "yesterday" may be any day, still compared
    assert _compared_figures(left, right, None, "2020-04-11") == [("65", "55")]
    # a day's "today" and the next day's "yesterday" are one day
    today = "The state reported 65 new cases today, officials said."
    assert _compared_figures(today, left.replace("65", "55"), "2020-04-10", "2020-04-11") == [("65", "55")]
    assert _compared_figures(today, left.replace("65", "55"), "2020-04-10", "2020-04-13") == []


def test_an_unreadable_date_leaves_the_days_as_told() -> None:
    figures = find_flag_figures("Acme shares closed at $5 yesterday.")
    assert days_by_date(figures, "not a date") == figures
    assert days_by_date(figures, "0001-01-01") == figures  # no day before it
    assert days_by_date(figures, "2020-04-11")[0].frame == ("day", "friday")


def test_a_day_opening_the_sentence_is_its_amounts_day() -> None:
    # session 64: "Yesterday, ..." and "On Monday, ..." tell the day as "... yesterday" does
    assert flag_diff("On Monday, Acme shares closed at $5.", "On Tuesday, Acme shares closed at $6.") == []
    assert flag_diff("Early Tuesday Acme shares fell 4 percent.", "Acme shares fell 2 percent on Monday.") == []
    assert flag_diff("Monday morning, the index fell 30 points.", "The index fell 20 points on Friday.") == []
    [f] = find_flag_figures("Yesterday, the state reported 65 cases.")
    assert f.frame == ("day", "yesterday")
    # one day told both ways is still compared
    assert flag_diff("On Monday, Acme shares closed at $5.", "Acme shares closed at $6 on Monday.") == [("$5", "$6")]


def test_an_opening_day_stops_at_a_speech_verb_a_clause_or_another_day() -> None:
    # when it was said, not the sales' day
    [f] = find_flag_figures("On Monday, Acme said its sales rose 5 percent.")
    assert f.frame is None
    assert find_flag_figures("On Monday, Acme reported that sales rose 5 percent.")[0].frame is None
    assert find_flag_figures("Yesterday, shares fell 3 percent; they rose 2 percent.")[1].frame is None
    # a day starting a name is no day
    assert find_flag_figures("Sunday Times reported 5 cases.")[0].frame is None
    assert find_flag_figures("Monday Night Football drew 5 million viewers.")[0].frame is None
    assert find_flag_figures("On Monday Acme shares rose 2 percent.")[0].frame == ("day", "monday")
    # a day's possessive opening the sentence is what happened, not the count's day
    assert find_flag_figures("Monday's storm killed 5 people.")[0].frame is None
    # the amount's own day wins over the opening one
    assert find_flag_figures("On Monday, shares fell 3 percent after a 2 percent rise on Friday.")[1].frame == (
        "day",
        "friday",
    )


def test_an_opening_yesterday_is_named_by_the_articles_date() -> None:
    left = "Yesterday, the state reported 65 new cases, officials said."
    right = "The state reported 55 new cases on Friday, officials said."
    assert _compared_figures(left, right, "2020-04-11", "2020-04-11") == [("65", "55")]
    assert _compared_figures(left, right, "2020-04-14", "2020-04-11") == []


def _timed_figures(left: str, right: str, left_time: str | None, right_date: str) -> list[tuple[str, str]]:
    """The figures compared where the left article is dated by its moment (Article.time)."""
    a = Article(id="a", path=Path("a.txt"), text=left, outlet="A", title="Cases", date=left_time[:10], time=left_time)
    result = compare(a, _dated("b", right, right_date))
    return [(d.left.text, d.right.text) for d in result.figures]


def test_yesterday_near_midnight_names_no_weekday_for_sure() -> None:
    # session 64: Saturday 11 April 2020's "yesterday" is Friday, unless its clock is near midnight;
    # then it may be Thursday too, so it is compared with Thursday's count (review v1: a day that
    # may be the other's is one day, as an undated "yesterday" is with any)
    left = "The state reported 65 new cases yesterday, officials said."
    right = "The state reported 55 new cases on Thursday, officials said."
    assert _timed_figures(left, right, "2020-04-11T12:00:00Z", "2020-04-11") == []
    assert _timed_figures(left, right, "2020-04-11T14:00:00", "2020-04-11") == []
    # 02:00 UTC is Friday evening in New York: "yesterday" may be Thursday
    assert _timed_figures(left, right, "2020-04-11T02:00:00Z", "2020-04-11") == [("65", "55")]
    # on its own clock, just after midnight: written on Friday, its "yesterday" may be Thursday
    assert _timed_figures(left, right, "2020-04-11T00:30:00", "2020-04-11") == [("65", "55")]
    # late on its own clock is still that day
    assert _timed_figures(left, right, "2020-04-11T23:30:00", "2020-04-11") == []
    # 22:00 UTC is Sunday in Asia: "yesterday" may be Saturday, never Thursday
    assert _timed_figures(left, right, "2020-04-11T22:00:00Z", "2020-04-11") == []
    saturday = right.replace("Thursday", "Saturday")
    assert _timed_figures(left, saturday, "2020-04-11T22:00:00Z", "2020-04-11") == [("65", "55")]
    # a day that is sure and one it may be are still one day: Friday stays compared
    friday = right.replace("Thursday", "Friday")
    assert _timed_figures(left, friday, "2020-04-11T02:00:00Z", "2020-04-11") == [("65", "55")]
    assert _timed_figures(left, friday, "2020-04-11T12:00:00Z", "2020-04-11") == [("65", "55")]


def test_an_uncertain_yesterday_is_both_days_it_may_be() -> None:
    figures = find_flag_figures("Acme shares closed at $5 yesterday.")
    assert days_by_date(figures, "2020-04-11", "2020-04-11T01:00:00Z")[0].frame == ("day", "thursday or friday")
    assert days_by_date(figures, "2020-04-11", "2020-04-11T20:00:00Z")[0].frame == ("day", "friday or saturday")
    # a UTC stamp on another day than the date: dated in the source's own zone, whose day it is
    assert days_by_date(figures, "2020-04-11", "2020-04-12T01:00:00Z")[0].frame == ("day", "friday")
    assert days_by_date(figures, "2020-04-11", "not a time")[0].frame == ("day", "friday")
    # midnight to the second is a date written with no time
    assert days_by_date(figures, "2020-04-11", "2020-04-11T00:00:00Z")[0].frame == ("day", "friday")


def test_a_pacific_or_asian_stamp_leaves_yesterday_uncertain() -> None:
    # review v1 (session 64): the zones news is written in reach UTC-10 and UTC+10, not five hours
    left = "The state reported 65 new cases yesterday, officials said."
    thursday = "The state reported 55 new cases on Thursday, officials said."
    saturday = thursday.replace("Thursday", "Saturday")
    # 07:00 UTC is Friday evening in Los Angeles: its "yesterday" may be Thursday
    assert _timed_figures(left, thursday, "2020-04-11T07:00:00Z", "2020-04-11") == [("65", "55")]
    # 15:00 UTC is Sunday in Tokyo: its "yesterday" may be Saturday
    assert _timed_figures(left, saturday, "2020-04-11T15:00:00Z", "2020-04-11") == [("65", "55")]
    # 10:00 to 13:59 UTC is Saturday from Honolulu to Sydney: "yesterday" is Friday, no other day
    for stamp in ("2020-04-11T10:00:00Z", "2020-04-11T13:59:00Z"):
        assert _timed_figures(left, thursday, stamp, "2020-04-11") == []
        assert _timed_figures(left, saturday, stamp, "2020-04-11") == []
    figures = find_flag_figures("Acme shares closed at $5 yesterday.")
    assert days_by_date(figures, "9999-12-31", "9999-12-31T23:00:00Z") == figures  # no day after it


def test_a_reported_figure_is_not_the_opening_days() -> None:
    # review v1 (session 64): the day a company reports its sales is not the sales' day
    assert find_flag_figures("On Monday, Acme reported sales of $5 million.")[0].frame is None
    assert find_flag_figures("On Monday, Acme posted a loss of $5 million.")[0].frame is None
    assert find_flag_figures("On Monday, Acme reported a 5 percent rise in sales.")[0].frame is None
    assert find_flag_figures("On Monday, Acme reported sales rose 5 percent.")[0].frame is None
    assert flag_diff(
        "On Monday, Acme reported quarterly sales of $5 million.", "Acme reported quarterly sales of $6 million."
    ) == [("$5 million", "$6 million")]
    # a count told right after its verb is the day's count
    assert find_flag_figures("Yesterday, the state reported 65 cases.")[0].frame == ("day", "yesterday")
    assert [f.frame for f in find_flag_figures("Yesterday, the state recorded more than 65 cases and 3 deaths.")] == [
        ("day", "yesterday"),
        ("day", "yesterday"),
    ]


def test_an_opening_day_is_read_once_a_sentence(monkeypatch) -> None:
    # review v1 (session 64): a long sentence of many amounts searched its text once an amount
    # (3,000 amounts in 93 KB took minutes); the stop after the opening day is found once
    from reader.analysis import figures

    searched: list[int] = []
    stop = figures._OPENING_DAY_STOP

    class Counting:
        def search(self, text: str, *args: int):  # type: ignore[no-untyped-def]
            searched.append(len(text))
            return stop.search(text, *args)

    monkeypatch.setattr(figures, "_OPENING_DAY_STOP", Counting())
    figures._sentence_opening_day.cache_clear()
    sentence = "Yesterday, " + "the state reported 5 cases and " * 60 + "the city 7."
    found = find_flag_figures(sentence)
    assert len(found) == 61 and all(f.frame == ("day", "yesterday") for f in found)
    assert len(searched) == 1
    # the day reaches to its first stop and no further
    assert [f.frame for f in find_flag_figures("Yesterday, 5 cases; 7 deaths.")] == [("day", "yesterday"), None]


def test_a_clause_after_a_semicolon_is_dated_by_its_own_opening_day() -> None:
    # session 65: the clause after ";" is its own statement, dated as its own sentence would be
    rose, fell = find_flag_figures("Sales rose 5% on Monday; on Tuesday they fell 3%.")
    assert (rose.frame, fell.frame) == (("day", "monday"), ("day", "tuesday"))
    assert find_flag_figures("Shares rose 2 percent; Yesterday, they fell 3 percent.")[1].frame == ("day", "yesterday")
    # two days' moves are two, not one move told differently
    assert flag_diff("Sales rose 5% on Monday; on Tuesday they fell 3%.", "Sales fell 4% on Wednesday.") == []
    # the first clause's opening day still stops at the ";"
    assert find_flag_figures("On Monday, shares fell 3 percent; they rose 2 percent.")[1].frame is None


def test_a_day_a_report_governs_is_the_reports_not_the_amounts() -> None:
    # session 65: the day the sales were reported, not the day they were made
    assert find_flag_figures("Acme reported sales of $5 million on Monday.")[0].frame is None
    assert find_flag_figures("Acme announced a profit of $5 million Monday.")[0].frame is None
    assert find_flag_figures("Acme reported 5 percent growth on Monday.")[0].frame is None
    assert flag_diff("Acme reported sales of $5 million on Monday.", "Acme's sales were $6 million on Tuesday.") == [
        ("$5 million", "$6 million")
    ]
    # what happened that day keeps it
    assert find_flag_figures("Acme reported that shares fell 5 percent on Monday.")[0].frame == ("day", "monday")
    assert find_flag_figures("Acme posted a 2 percent gain on Monday.")[0].frame == ("day", "monday")
    # a count reported on a day is the day's count
    assert find_flag_figures("The state reported 65 cases on Tuesday.")[0].frame == ("day", "tuesday")
    assert find_flag_figures("The state had 65 new cases reported Tuesday.")[0].frame == ("day", "tuesday")
    assert flag_diff("Officials said 65 new cases were reported on Tuesday.", "55 cases were reported Monday.") == []


def test_the_json_says_the_day_each_figure_is_told_for() -> None:
    # session 65: the "x or y" day behind a flag was in no key of `compare --json`
    left = "The state reported 65 new cases yesterday, officials said."
    a = Article(
        id="a", path=Path("a.txt"), text=left, outlet="A", title="Cases", date="2020-04-11", time="2020-04-11T02:00:00Z"
    )
    b = _dated("b", "The state reported 55 new cases on Thursday, officials said.", "2020-04-11")
    data = json.loads(json.dumps(compare(a, b).to_dict()))
    [figure] = data["figures"]
    assert (figure["left"]["day"], figure["left"]["days"]) == ("thursday or friday", ["thursday", "friday"])
    assert (figure["right"]["day"], figure["right"]["days"]) == ("thursday", ["thursday"])
    assert figure["occurrences"][0]["left"]["day"] == "thursday or friday"
    # no day told: null and []; an undated "yesterday" names no weekday
    undated = compare(_dated("a", "Acme sold 5 cars yesterday.", None), _dated("b", "Acme sold 6 cars.", None))
    [figure] = json.loads(json.dumps(undated.to_dict()))["figures"]
    assert (figure["left"]["day"], figure["left"]["days"]) == ("yesterday", [])
    assert (figure["right"]["day"], figure["right"]["days"]) == (None, [])


def test_a_moves_end_told_from_two_days_levels_is_two_days() -> None:
    # session 65 (msrp-dev pair 729): each yield is the day after its start's, Friday's and Monday's
    assert (
        flag_diff(
            "Treasury prices rose, sending the 10-year yield down to 4.38 percent from 4.39 percent late Friday.",
            "Treasury prices gained, pushing the 10-year yield down to 4.35 percent from 4.36 percent late Monday.",
        )
        == []
    )
    assert find_flag_figures("The euro slipped to $1.1884, up from $1.1857 late Monday.")[0].frame == (
        "from day",
        "monday",
    )
    # from one day's level, or against a day told outright, still compared
    assert flag_diff(
        "The yield fell to 4.31 percent, versus 4.35 percent at Wednesday's close.",
        "The yield fell to 4.30 percent, down from 4.35 percent late Wednesday.",
    ) == [("4.31 percent", "4.30 percent")]
    assert flag_diff(
        "The yield fell to 4.31 percent from 4.35 percent late Friday.", "The yield fell to 4.30 percent on Monday."
    ) == [("4.31 percent", "4.30 percent")]


def test_a_move_told_in_a_clause_of_its_own_after_a_report_keeps_its_day() -> None:
    # review v1 (session 65): with no "that", the report's rule took the move's own day away
    # ("Reports say the index fell 2 percent on Monday" was undated, so compared with Tuesday's)
    for sentence in (
        "Reports say the index fell 2 percent on Monday.",
        "Acme reported sales rose 5 percent on Monday.",
        "Sales reported by Acme rose 5 percent on Monday.",
        "Acme reported sales were $5 million on Monday.",
    ):
        assert find_flag_figures(sentence)[0].frame == ("day", "monday"), sentence
    assert flag_diff("Reports say the index fell 2 percent on Monday.", "The index fell 3 percent on Tuesday.") == []
    # what the report itself tells is still the report's day
    assert find_flag_figures("Acme reported a drop of 3% in sales on Monday.")[0].frame is None


def test_a_moves_end_told_from_yesterdays_level_is_named_by_the_date() -> None:
    # review v1 (session 65): "from ... yesterday" in Tuesday's and in Wednesday's paper are Monday's
    # and Tuesday's levels, so the ends are two days' moves; "yesterday" stayed unnamed and they were
    # compared as one day's
    tuesday, wednesday = "2020-04-14", "2020-04-15"
    left = "The yield fell to 4.31 percent from 4.35 percent yesterday."
    right = "The yield fell to 4.25 percent from 4.28 percent yesterday."
    assert _compared_figures(left, right, tuesday, wednesday) == []
    # one paper's date: one day's level, the ends compared
    assert _compared_figures(left, right, tuesday, tuesday) == [
        ("4.31 percent", "4.25 percent"),
        ("4.35 percent", "4.28 percent"),
    ]


def test_a_total_is_not_compared_with_what_was_added_to_one() -> None:
    # review v1 (session 65, msrp-dev pair 253): the running total against one day's rise
    left = "Taiwan reported 18 additional cases giving it a total of 149 cases and 13 deaths."
    right = "On Thursday, Taiwan reported 131 suspected cases of the disease -- up 11 cases from a day earlier."
    assert ("149", "11") not in flag_diff(left, right)
    assert [(f.text, f.tally) for f in find_flag_figures(left)] == [("18", "added"), ("149", "total"), ("13", None)]
    # what was added against a count told plainly may be the same count told otherwise
    assert flag_diff("Bush will send 1,500 additional troops.", "Bush will send 2,000 troops.") == [("1,500", "2,000")]
    # two totals, or two rises, are compared
    assert flag_diff("A total of 149 cases.", "A total of 131 cases.") == [("149", "131")]


def test_two_moments_of_one_trading_day_are_two_prices() -> None:
    # review v1 (session 65, msrp-dev pairs 240, 455, 2486): a morning price against a late
    # afternoon one, an afternoon price against the close
    assert (
        flag_diff(
            "By late afternoon, the Dow Jones industrial average was up 12.81, or 0.1 percent, at 9,331.77.",
            "In morning trading, the Dow Jones industrial average was down 8.76, or 0.1 percent, at 9,310.20.",
        )
        == []
    )
    assert (
        flag_diff(
            "Shares of Coke were up 6 cents at $44.42 in afternoon trading Wednesday.",
            "Shares of Coke were down 26 cents to close at $44.10.",
        )
        == []
    )
    # one moment, or a moment against none, still compared
    assert flag_diff("Acme fell 3 percent in morning trading.", "Acme fell 4 percent in morning trading.") == [
        ("3 percent", "4 percent")
    ]
    assert flag_diff("Acme fell 3 percent in morning trading.", "Acme fell 4 percent.") == [("3 percent", "4 percent")]
    # a sentence of two moments tells no one moment
    [f] = find_flag_figures("Acme, up in morning trading, closed down 3 percent.")
    assert f.session is None
    rose, closed = find_flag_figures("Stocks rose 1 percent in early trading Monday before closing down 2 percent.")
    assert rose.session is closed.session is None
