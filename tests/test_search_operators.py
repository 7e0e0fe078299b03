"""Operators as other search languages and CJK keyboards write them: `&&`, `||`, `!word`,
ＡＮＤ / ＯＲ / ＮＯＴ and a field's full-width colon (`title：budget`) are AND, OR, NOT and
title:budget (they were words or punctuation: `peace && (talks || budget)` found nothing,
`!vote` found the very articles with vote)."""

from __future__ import annotations

import pytest
from search_corpus import ids, indexed

from reader.index.query_check import plain_operators

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
