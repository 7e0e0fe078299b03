"""An outlet is found by its name spelt joined, hyphenated or spaced, as by the registry's aliases:
`reader search foxnews` finds Fox News's articles, `nytimes` The New York Times's, `al jazeera`
an outlet written AlJazeera; no other outlet's articles meet those spellings."""

from __future__ import annotations

import pytest

from tests.search_corpus import ids, index_fixture

BODY = "The senate voted on the budget."  # no outlet's name in any text: the outlet field alone finds it
ARTICLES = {
    "Fox News/vote": ("Budget vote", BODY),
    "Foxboro Gazette/vote": ("Budget vote", BODY),
    "The New York Times/vote": ("Budget vote", BODY),
    "Al-Jazeera/vote": ("Budget vote", BODY),
    "AlJazeera/vote": ("Budget vote", BODY),
    "Jazeera Weekly/vote": ("Budget vote", BODY),
    "HuffPost/vote": ("Budget vote", BODY),
    "Los Angeles Times/vote": ("Budget vote", BODY),
    "The Guardian/vote": ("Budget vote", BODY),
    "The Moscow Times/vote": ("Budget vote", BODY),
}


index = index_fixture("index", ARTICLES)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        # Joined: nothing found these (the outlet field had the name's words alone).
        ("foxnews", ["Fox News/vote"]),
        ("FoxNews", ["Fox News/vote"]),
        ("nytimes", ["The New York Times/vote"]),  # the registry's alias, joined
        ("newyorktimes", ["The New York Times/vote"]),
        ("aljazeera", ["Al-Jazeera/vote", "AlJazeera/vote"]),
        # Spaced, for an outlet written joined (the registry's name's words).
        ('"al jazeera"', ["Al-Jazeera/vote", "AlJazeera/vote"]),
        # As before: the name's words.
        ("fox", ["Fox News/vote"]),
        ("jazeera", ["Al-Jazeera/vote", "AlJazeera/vote", "Jazeera Weekly/vote"]),
        # An alias's words are not the outlet's ("Fox Business" is one of Fox News's aliases).
        ("business", []),
        # A several-word alias written as one word is the outlet's: huffingtonpost.com, latimes.
        ("huffingtonpost", ["HuffPost/vote"]),
        ("latimes", ["Los Angeles Times/vote"]),
        ("foxbusiness", ["Fox News/vote"]),
        # ... but "The Observer", an alias of The Guardian, is one word: not the Guardian's.
        ("observer", []),
        # A two-letter alias (MT, The Moscow Times's) is a word of text too: "Mt Everest".
        ("mt", []),
        ("moscowtimes", ["The Moscow Times/vote"]),
    ],
)
def test_a_bare_word_finds_an_outlet_by_any_spelling_of_it(index, query, found):
    results = index.search(query)
    assert (ids(results) if results.hits else []) == found


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("outlet:foxnews", ["Fox News/vote"]),
        ("outlet:aljazeera", ["Al-Jazeera/vote", "AlJazeera/vote"]),
        ('outlet:"al jazeera"', ["Al-Jazeera/vote", "AlJazeera/vote"]),
        ("outlet:nytimes", ["The New York Times/vote"]),
    ],
)
def test_the_outlet_field_meets_joined_and_spaced_spellings_alike(index, query, found):
    assert ids(index.search(query)) == found
