"""Numbers that end a name ("Apollo 11", "Route 66", "Flight 370") read by the differing-figures
flag: a count before such a name counts the noun after it, "top 10" is a place in a ranking, a
headline pasted as a sentence keeps its names, and a name told again elsewhere in the two texts
is a name before a plural too. Made-up sentences; each rule has a case that must still count."""

from __future__ import annotations

from pathlib import Path

import pytest

from figure_helpers import flag_diff

from reader.analysis.compare import compare
from reader.analysis.figures import find_flag_figures, name_number_keys, numbered_names
from reader.corpus.model import Article


def counts(text: str, **kwargs) -> list[tuple[str, str, str | None]]:
    return [(f.text, f.kind, f.unit) for f in find_flag_figures(text, **kwargs)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Three Apollo 11 astronauts waved from the stage.", [("Three", "count", "astronaut")]),
        ("The museum met two Gemini 4 pilots on Friday.", [("two", "count", "pilot")]),
        ("He bought two Windows 10 laptops for the office.", [("two", "count", "laptop")]),
        ("The airline flies 40 Boeing 737 jets.", [("40", "count", "jet")]),
        ("The air force bought three F-16 jets.", [("three", "count", "jet")]),
        # no name after it: the count's own noun
        ("Three Ohio voters spoke to us.", [("Three", "count", "voter")]),
    ],
)
def test_a_count_before_a_name_ending_in_a_number_counts_the_noun_after_the_name(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The song made the Top 10 list last year.", [("10", "rank", None)]),
        ("She had a top 10 finish in the race.", [("10", "rank", None)]),
        ("She had a top-five finish in Paris.", [("five", "rank", None)]),
        ("He never made the top 20 in his career.", [("20", "rank", None)]),
        # what the number counts follows: a count
        ("The top 10 firms paid less tax.", [("10", "count", "firm")]),
        ("The top two officials resigned.", [("two", "count", "official")]),
    ],
)
def test_top_and_a_number_is_a_place_in_a_ranking_unless_it_counts(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # a rank is no count of lists
        (
            "The song made the Top 10 list this week, the label said.",
            "The label said 3 lists this week carry the song.",
            [],
        ),
        # two ranks still differ
        (
            "She had a top 10 finish in the race on Sunday.",
            "She had a top 5 finish in the race on Sunday.",
            [("10", "5")],
        ),
    ],
)
def test_ranks_are_compared_with_ranks_only(a, b, expected):
    assert flag_diff(a, b) == expected


def read_with_names(*texts: str) -> list[list[tuple[str, str, str | None]]]:
    names = numbered_names(*texts)
    return [counts(text, names=names) for text in texts]


@pytest.mark.parametrize(
    "texts, expected",
    [
        # told as a name in one text, it is one in the other's headline pasted as a sentence
        (
            ("Ferry 212 Search Resumes After Storm", "Divers searched for Ferry 212 again on Monday."),
            [[], []],
        ),
        # and before a plural, in the same text or the other
        (("Route 99 fans gathered in Tulsa. They drove Route 99 through Texas.",), [[]]),
        (("Route 99 fans gathered in Tulsa.", "The Route 99 diner closed."), [[], []]),
        # two different nouns after one name ending in a number: no count of either
        (("Vista 11 users must update. Vista 11 devices restart tonight.",), [[]]),
    ],
)
def test_a_name_the_texts_tell_elsewhere_is_a_name_in_a_headline_and_before_a_plural(texts, expected):
    assert read_with_names(*texts) == expected


@pytest.mark.parametrize(
    "texts, expected",
    [
        # a headline with no name told elsewhere keeps its counts
        (
            ("Storm Kills 3 In Valley", "The storm killed 3 people in the valley."),
            [[("3", "count", None)], [("3", "count", "people")]],
        ),
        # a count after a word that never names anything elsewhere
        (("He told Reuters 12 people died.",), [[("12", "count", "people")]]),
        # one noun after it each time is what it counts
        (
            ("Route 99 fans gathered in Tulsa. Route 99 fans sang.",),
            [[("99", "count", "fan"), ("99", "count", "fan")]],
        ),
        # nor a tally, told twice
        (
            ("Smith 52, Jones 48. Smith 52 votes were counted.",),
            [[("52", "count", None), ("48", "count", None), ("52", "count", "vote")]],
        ),
    ],
)
def test_a_count_no_text_tells_as_a_name_stays_a_count(texts, expected):
    assert read_with_names(*texts) == expected


def _article(text: str, id_: str, outlet: str) -> Article:
    return Article(id=id_, path=Path(f"{id_}.txt"), text=text, outlet=outlet, title=id_)


@pytest.mark.parametrize(
    "told_elsewhere, expected",
    [
        # the other article drives the road by its name: its fans are no 99 fans
        ("The stretch of Route 99 through Harlow reopened last year.", []),
        # told nowhere as a name, "Route 99 fans" are 99 fans, and differ from 70
        ("The stretch of road through Harlow reopened last year.", [("99", "70")]),
    ],
)
def test_compare_reads_the_names_both_articles_tell(told_elsewhere, expected):
    left = _article("Route 99 fans gathered in Harlow on Monday for the festival, the mayor said.", "a", "Left Daily")
    right = _article(
        f"Exactly 70 fans gathered in Harlow on Monday for the festival, the mayor said. {told_elsewhere}",
        "b",
        "Right Times",
    )
    c = compare(left, right, [], [])
    assert [(f.left.text, f.right.text) for f in c.figures] == expected


def test_numbered_names_reads_only_the_names_asked_about():
    texts = ("Flight 808 vanished on Monday. The Route 99 diner closed.", "Divers searched for Ferry 212.")
    assert numbered_names(*texts) == {"flight 808", "route 99", "ferry 212"}
    assert numbered_names(*texts, only={"route 99", "gate 4"}) == {"route 99"}
    assert numbered_names(*texts, only=set()) == frozenset()
    # with each such number and the word after it, a count the other text may tell ("99 fans")
    assert name_number_keys("Route 99 fans met Nearly 300 people and Gate 4 staff.") == {
        "route 99",
        "gate 4",
        "99 fans",
        "4 staff",
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        # a count before an index's name ending in a number counts what follows the name
        ("The three FTSE 100 firms fell on Monday.", [("three", "count", "firm")]),
        ("Shares of 12 FTSE 100 companies rose.", [("12", "count", "company")]),
        # a year before the capitals is no count: the members are counted
        ("In 2019 NATO 30 members met in London.", [("30", "count", "member")]),
        ("He told CNN 3 people died.", [("3", "count", "people")]),
    ],
)
def test_a_count_before_an_index_name_counts_the_noun_after_it(text, expected):
    assert [(f.text, f.kind, f.unit) for f in find_flag_figures(text) if f.kind == "count"] == expected


def test_a_place_and_a_count_told_twice_with_two_nouns_stay_a_count():
    # two nouns after "Iraq 30", each after "in": a place and a count, told in other words
    texts = ("In Iraq 30 soldiers died on Monday. In Iraq 30 troops were hurt.", "Some 35 soldiers died on Monday.")
    assert numbered_names(*texts) == frozenset()
    names = numbered_names(*texts)
    assert [(f.text, f.unit) for f in find_flag_figures("In Iraq 30 soldiers died on Monday.", 0, names)] == [
        ("30", "soldier")
    ]
    # with no place word before, two nouns still make a name
    assert numbered_names("Vista 11 users must update. Vista 11 devices restart tonight.") == {"vista 11"}


def test_a_number_word_capitalised_inside_a_name_is_no_figure() -> None:
    # capitalised amid lower case, after a capitalised word: a name's ("Ground Zero", "Formula One")
    for told in (
        "The mosque near Ground Zero drew protests.",
        "The Apollo Eleven crew returned home.",
        "He raced in Formula One for years.",
        "They watched Ocean's Eleven again.",
    ):
        assert find_flag_figures(told) == [], told
    assert flag_diff("Crowds gathered near Ground Zero on Sunday.", "Crowds gathered near 3 sites on Sunday.") == []
    # a count told in words is still one, capitalised at the sentence's opening or not at all
    assert [f.value for f in find_flag_figures("Three people died near the coast.")] == [3]
    assert [f.value for f in find_flag_figures("The storm killed three people.")] == [3]
    assert flag_diff("The storm killed three people.", "The storm killed five people.") == [("three", "five")]


def test_a_number_joined_to_a_capitalised_word_names_a_thing() -> None:
    assert [f.text for f in find_flag_figures("He wrote Catch-22 in 1961.")] == ["1961"]
    assert flag_diff("Covid-19 cases rose to 500.", "Covid-19 cases rose to 900.") == [("500", "900")]
    # words that tell of the number, not a name: still figures
    assert [f.text for f in find_flag_figures("She played in the Under-21 final.")] == ["21"]
    assert [f.text for f in find_flag_figures("Prices rose since Mid-2019 levels.")] == ["2019"]


def test_a_headline_number_word_is_a_name_where_the_texts_tell_it_so() -> None:
    # a headline capitalises every word: the body's "near Ground Zero" says the headline's is a name
    body = "The plan for a mosque near Ground Zero drew protests on Sunday."
    names = numbered_names(body, only=name_number_keys("Mosque Near Ground Zero Draws Fire"))
    assert names == frozenset({"ground zero"})
    assert find_flag_figures("Mosque Near Ground Zero Draws Fire", 0, names) == []
    # untold in the texts, a headline's number word is read as a count ("Storm Kills Three")
    assert [f.value for f in find_flag_figures("Storm Kills Three in Texas", 0, frozenset())] == [3]
    counted = numbered_names("The storm killed three people.", only=name_number_keys("Storm Kills Three in Texas"))
    assert find_flag_figures("Storm Kills Three in Texas", 0, counted) != []


def test_a_verb_capitalised_before_a_number_word_tells_a_count() -> None:
    # "Kills", "Injures": a verb told in capitals amid lower case, not a name's first word
    assert flag_diff("Storm Kills Three in Texas as rain falls.", "Storm kills five in Texas as rain falls.") == [
        ("Three", "five")
    ]
    assert [f.value for f in find_flag_figures("Fire Injures Four at the plant, officials say.")] == [4]
    # a possessive or a word ending in -us/-ss is still a name's ("Ocean's Eleven", "Famous Five")
    assert find_flag_figures("They watched Ocean's Eleven and read the Famous Five again.") == []


def test_a_headline_number_word_is_a_name_the_body_tells_in_digits() -> None:
    headline = "Apollo Eleven Crew Honored"
    names = numbered_names("The Apollo 11 crew was honored on Sunday.", only=name_number_keys(headline))
    assert find_flag_figures(headline, 0, names) == []
    # a body that tells the number as a count leaves the headline's a count
    counted = numbered_names("The storm killed three people.", only=name_number_keys("Storm Kills Three In Texas"))
    assert [f.text for f in find_flag_figures("Storm Kills Three In Texas", 0, counted)] == ["Three"]
