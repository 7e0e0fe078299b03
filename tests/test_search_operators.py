"""Operators as other search languages and CJK keyboards write them: `&&`, `||`, `!word`,
ＡＮＤ / ＯＲ / ＮＯＴ and a field's full-width colon (`title：budget`) are AND, OR, NOT and
title:budget (they were words or punctuation: `peace && (talks || budget)` found nothing,
`!vote` found the very articles with vote)."""

from __future__ import annotations

import pytest
from search_corpus import ids, indexed

from reader.index.query_check import plain_operators, query_start

ARTICLES = {
    "a/budget": ("Budget vote", "The budget vote was held. Climate change talks."),
    "a/peace": ("Other", "Peace talks in Budapest went on."),
}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    ix = indexed(tmp_path_factory.mktemp("operators"), ARTICLES)
    yield ix
    ix.close()


@pytest.mark.parametrize(
    ("query", "same_as", "found"),
    [
        ("peace && (talks || budget)", "peace AND (talks OR budget)", ["a/peace"]),
        ("budget || peace", "budget OR peace", ["a/budget", "a/peace"]),
        ("!vote", "NOT vote", ["a/peace"]),
        ("talks !vote", "talks NOT vote", ["a/peace"]),
        ("budget ＯＲ peace", "budget OR peace", ["a/budget", "a/peace"]),
        ("talks ＮＯＴ vote", "talks NOT vote", ["a/peace"]),
        ("title：budget", "title:budget", ["a/budget"]),
    ],
)
def test_other_spellings_of_the_operators_search_as_ours(index, query, same_as, found):
    assert ids(index.search(query)) == ids(index.search(same_as)) == found


def test_inside_a_phrase_and_inside_words_they_are_the_text():
    assert plain_operators('"this && that" a!b Yahoo! ＡＮＤROID !!!') == '"this && that" a!b Yahoo! ＡＮＤROID !!!'
    assert plain_operators("budget &&") == "budget AND"  # then refused, as budget AND is
    assert plain_operators("Note：budget since：2024") == "Note：budget since:2024"  # a field's colon only


def test_a_dangling_one_gets_the_operators_hint(index):
    results = index.search("budget ||")
    assert results.error and "OR needs a word after it" in results.error


@pytest.mark.parametrize("query", ["budget^abc", "title:budget^x", '"peace talks"^abc', "budget^1e9"])
def test_a_boost_that_is_no_number_is_a_hint(index, query):
    # It searched budget and abc side by side, finding nothing, without a word why.
    results = index.search(query)
    assert results.error and "a boost is a number, as in budget^2" in results.error


@pytest.mark.parametrize("query", ["budget^2", "budget^ vote", "budget ^_^", "E=mc^2 budget"])
def test_a_caret_that_is_no_boost_of_letters_is_read_as_before(index, query):
    assert index.search(query).error is None


def test_the_length_limit_counts_the_query_as_typed():
    from reader.index import schema, search

    typed = "!vote " * 166 + "abcd"  # 1,000 characters; written NOT vote, 1,498
    assert len(typed) == search.MAX_QUERY_CHARS
    assert "NOT" in str(search.parse(schema.build_schema(), typed, ()))
    with pytest.raises(search.QueryProblem, match=r"too long \(1001 characters"):
        search.parse(schema.build_schema(), typed + "x", ())


@pytest.mark.parametrize("operator", ["&&", "||", "ＡＮＤ", "ＯＲ", "ＮＯＴ", "title："])
def test_a_long_query_cut_after_an_operator_of_another_spelling_drops_it(operator):
    # As a cut after AND drops the AND: `budget &&` was then refused (AND needs a word after it).
    text = f"budget {operator} vote " + "word " * 200
    assert query_start(text, len(f"budget {operator}")) == "budget"
