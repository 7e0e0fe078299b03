"""A passage pasted from an article, cut mid-word at its start or its end ("ent Trump said he
would", "...said he would me"), finds the article: the search leaves the cut word out
(search.passage_without_cut_ends) when the passage as pasted finds nothing, and says so."""

from __future__ import annotations

import pytest
from search_corpus import ids, index_fixture

from reader.index.search import passage_without_cut_ends

index = index_fixture(
    "index",
    {
        "nyt/promise": (
            "A promise on trade",
            "Speaking in Ohio, President Trump said he would meet the leaders of both parties next week."
            ' Asked again, President Trump said "he would" and meant it.',
        ),
        "fox/other": ("Weather", "Rain fell on the coast and the roads were closed for the evening."),
    },
)


@pytest.mark.parametrize(
    "passage, left_out",
    [
        ("ent Trump said he would", "first word “ent”"),
        ('"ent Trump said he would"', "first word “ent”"),
        ('"Trump said he would me"', "last word “me”"),
        ("“ent Trump said he would me”", "first word “ent” and its last word “me”"),
        ('"ent Trump said he would me', "first word “ent” and its last word “me”"),  # a quotation mark left open
        # quoted words and a lower-case "and" inside, as an article's passage has them
        ('ent Trump said "he would" and me', "first word “ent” and its last word “me”"),
    ],
)
def test_a_passage_cut_mid_word_finds_its_article(index, passage, left_out):
    found = index.search(passage, open_quote_as_words=True)
    assert ids(found) == ["nyt/promise"]
    assert found.trimmed and found.query == passage
    assert any(left_out in note and "cut mid-word" in note for note in found.notes), found.notes


def test_a_passage_found_whole_is_searched_as_pasted(index):
    found = index.search('"Trump said he would meet"')
    assert ids(found) == ["nyt/promise"]
    assert found.trimmed == "" and not found.notes


@pytest.mark.parametrize(
    "query",
    [
        # A word at an end that no article writes there as part of a word: meant, not cut, so
        # the passage is not found (without it, "Trump said he would" is)
        "Trump said he would walrus",
        "walrus Trump said he would",
        "walrus Trump said he would walrus",
        "ent Trump said he would walrus",
        "Trump said he would eet",  # eet ends meet, it does not begin it
        "dent Trump said he would leaders",  # leaders is written, not after would
        "ent Trump",  # a query of a few words: each word meant
        "trump walrus",  # a word no article writes in a short query: no passage cut short
        "title:ent Trump said he would",  # a field, an operator, a wildcard: a query, not a passage
        "ent Trump said AND he would",
        "ent* Trump said he would",
    ],
)
def test_a_query_that_is_no_cut_passage_is_not_trimmed(index, query):
    found = index.search(query)
    assert found.trimmed == "" and not any("cut mid-word" in note for note in found.notes)


def test_a_cut_word_is_read_in_the_text_folded_and_in_any_case(index):
    found = index.search("IDENT TRUMP SAID HE WOULD ME")
    assert ids(found) == ["nyt/promise"] and found.trimmed == "TRUMP SAID HE WOULD"


def test_the_trimmed_passages_leave_out_each_end_then_both():
    assert passage_without_cut_ends('"a b c d e"') == [
        ('"b c d e"', "its first word “a”"),
        ('"a b c d"', "its last word “e”"),
        ('"b c d"', "its first word “a” and its last word “e”"),
    ]
    assert [t for t, _ in passage_without_cut_ends("a b c d")] == ["b c d", "a b c"]  # two words left: a query
    # A passage's own quotations, "and", "said:" and parentheses are its words, not a query's forms.
    assert [t for t, _ in passage_without_cut_ends('ent Trump and Rubio said: "we will" (R-Iowa) me')] == [
        'Trump and Rubio said: "we will" (R-Iowa) me',
        'ent Trump and Rubio said: "we will" (R-Iowa)',
        'Trump and Rubio said: "we will" (R-Iowa)',
    ]
    assert passage_without_cut_ends('ent Trump said "we will me"') == []  # its last word closes a quotation
    assert passage_without_cut_ends('"ent said "no" to me"') == []  # quoted whole, quotations inside
    assert passage_without_cut_ends("Title: ent Trump said he") == []  # a field, whatever its case
    assert passage_without_cut_ends("date:[2010 TO 2011] a b c d") == []
    assert passage_without_cut_ends("[2010 TO 2011] a b c d") == []  # a range in a bare word's place
    assert len(passage_without_cut_ends("a [b] c TO d e")) == 3  # brackets and a TO, no range
    assert passage_without_cut_ends(None) == []


def test_a_passage_searched_without_its_cut_ends_says_they_were_not_tried(index):
    # (the app's word typed key by key: the passage finished tries them)
    found = index.search("ent Trump said he would", cut_passages=False)
    assert found.total == 0 and found.cut_untried and not found.trimmed
    assert not index.search("trump walrus", cut_passages=False).cut_untried  # no passage: nothing to try
    assert not index.search("ent Trump said he would").cut_untried  # tried, and found
