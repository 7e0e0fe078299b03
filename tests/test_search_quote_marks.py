"""A quotation mark inside a phrase: written \\" (or, as pasted, a curly one inside a phrase in
straight quotes), it is a quotation mark of the words, never the phrase's end; as in an article,
punctuation between words."""

from __future__ import annotations

import json

import pytest
from conftest import run_main
from search_corpus import indexed

from reader.index import schema, search
from reader.index.query_check import query_start

ARTICLES = {
    "daily/refusal": ("Refusal", 'Asked about the plan, he said "no" to the budget and left.'),
    "daily/apart": ("Apart", "He said the talks would go on. No one knew when."),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return tmp_path_factory.mktemp("quote_marks")


@pytest.fixture(scope="module")
def index(base):
    ix = indexed(base, ARTICLES)
    yield ix
    ix.close()


def _parsed(text: str) -> str:
    return str(search.parse(schema.build_schema(), text, ()))


@pytest.mark.parametrize(
    "query",
    [
        r'"he said \"no\""',
        '"he said “no”"',  # curly marks pasted inside straight ones
        '"he said «no»"',
        r'"he said \“no\”"',
        "\"he said 'no'\"",
    ],
)
def test_a_quotation_mark_inside_a_phrase_is_one_of_its_words_marks(query):
    assert _parsed(query) == _parsed('"he said no"')


def test_smart_quotes_around_a_phrase_still_make_it_one():
    for query in ("“he said no”", '"he said no”', '“he said no"', "«he said no»"):
        assert _parsed(query) == _parsed('"he said no"'), query
    # Two phrases in smart quotes, and a straight one beside them.
    assert _parsed("“peace talks” AND “he said”") == _parsed('"peace talks" AND "he said"')


def test_an_escaped_quotation_mark_outside_a_phrase_is_punctuation():
    assert _parsed(r"he said \"no\"") == _parsed("he said no")


def test_a_phrase_left_open_after_an_escaped_mark_is_still_refused():
    with pytest.raises(search.QueryProblem, match="unbalanced quote"):
        _parsed(r'"he said \"no')


def test_the_phrase_finds_the_article_quoting_the_word(index):
    for query in (r'"he said \"no\" to"', '"he said “no” to"'):
        results = index.search(query)
        assert results.error is None, results.error
        assert [h.id for h in results.hits] == ["daily/refusal"], query


def test_the_cli_reads_it_alike(base, index, capsys, tmp_path):
    # (`index` made the corpus in `base`.)
    argv = ["--corpus", str(base / "corpus"), "--index", str(tmp_path / "ix")]
    code, out, err = run_main(capsys, *argv, "search", r'"he said \"no\""', "--json")
    assert code == 0, err
    assert [hit["id"] for hit in json.loads(out)] == ["daily/refusal"]


def test_a_long_query_is_not_cut_at_an_escaped_mark():
    text = r'"he said \"no\" to" ' + "budget " * 10
    assert query_start(text, 30) == r'"he said \"no\" to" budget'
    assert query_start(r'budget "he said \"no\" to the plan"', 26) == "budget"
