"""Operators as other search languages and CJK keyboards write them: `&&`, `||`, `!word`,
ＡＮＤ / ＯＲ / ＮＯＴ and a field's full-width colon (`title：budget`) are AND, OR, NOT and
title:budget (they were words or punctuation: `peace && (talks || budget)` found nothing,
`!vote` found the very articles with vote)."""

from __future__ import annotations

import pytest
from search_corpus import ids, indexed

from reader.index.query_check import plain_operators, query_start, without_closing_question_marks

ARTICLES = {
    "a/budget": ("Budget vote", "The budget vote was held. Climate change talks."),
    "a/peace": (
        "Other",
        "Peace talks in Budapest went on, the president said. Read more at https://example.com/talks?id=7 today.",
    ),
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


@pytest.mark.parametrize(
    "query", ["budget~abc", "bud~get", "budget~2x", "budget~1.5", "budget~~", "10~20", "title:budget~vote", "budgit~0"]
)
def test_a_fuzziness_that_is_no_number_is_a_hint(index, query):
    # `budget~abc` searched budget~ and abc side by side (nothing found, no word why), and
    # `budget~2x` or `budget~1.5` dropped the rest: as `budget^abc`, it is a hint.
    results = index.search(query)
    assert results.error and "a word's ~ takes the letters it may be off, 1 or 2" in results.error


@pytest.mark.parametrize("query", ['"peace talks"~abc', '"peace talks"~2x', '"peace talks"~0'])
def test_a_phrase_slop_that_is_no_number_is_a_hint(index, query):
    results = index.search(query)
    assert results.error and "a phrase's ~ takes a number of words" in results.error


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("budgit~", ["a/budget"]),
        ("budgit~2", ["a/budget"]),
        ("budgit~1/2", ["a/budget"]),  # Whoosh's ~N/P: N letters off, the first P as typed
        ("budgit~2^3", ["a/budget"]),
        ('"peace talks"~3', ["a/peace"]),
        ('"peace talks"~3^2', ["a/peace"]),
        ("(budgit~) OR budapest", ["a/budget", "a/peace"]),
        ("budget ~5", ["a/budget"]),  # a ~ with a space before it is no operator
    ],
)
def test_a_tilde_the_syntax_takes_is_read_as_before(index, query, found):
    assert ids(index.search(query)) == found


@pytest.mark.parametrize(
    "query", ["budget[vote]", "budget{vote}", "budget(vote)", "budget]vote", "budget}vote", "vote[budget"]
)
def test_brackets_and_braces_inside_a_word_are_its_text(index, query):
    # Whoosh's range and group marks glued to words search the words, as the text writes them.
    assert ids(index.search(query)) == ["a/budget"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("budget?", ["a/budget"]),  # a wildcard `budget?` wanted one letter more: budgets, not budget
        ("Budget vote?!", ["a/budget"]),
        ("budget ?", ["a/budget"]),  # a lone ? was refused as a wildcard with no letters
        ("(peace talks?)", ["a/peace"]),
        ("¿budget?", ["a/budget"]),
        ("title:budget?", ["a/budget"]),
        ("talks? OR budget?", ["a/budget", "a/peace"]),
        ("budg?t", ["a/budget"]),  # inside a word: a wildcard
        ("budg*?", ["a/budget"]),  # with a * too: a wildcard
    ],
)
def test_a_question_mark_ending_a_word_is_punctuation(index, query, found):
    assert ids(index.search(query)) == found


def test_a_question_mark_ending_a_word_leaves_the_word_to_be_corrected(index):
    assert index.search("budgte?").corrected == "budget?"


def test_a_word_a_question_mark_follows_is_finished_while_the_query_is_typed(index):
    # The app's search as you type leaves the last word alone while indexed words begin with it
    # ("presiden" on the way to president); `presiden?` ends in a question mark, so its word is
    # finished: corrected as on Enter (the app suggested nothing, `reader search` president?).
    assert index.search("presiden", unfinished=True).corrected is None
    assert index.search("presiden?", unfinished=True).corrected == "president?"
    assert index.search("presiden?").corrected == "president?"
    assert without_closing_question_marks('what?! "is it?" colo?r') == 'what ! "is it?" colo?r'


@pytest.mark.parametrize("query", ["example.com/talks?id=7", "https://example.com/talks?id=7"])
def test_a_question_mark_in_a_pasted_address_is_its_punctuation(index, query):
    # A wildcard is one word's: example.com/talks?id=7 as one found nothing, the address being words.
    assert ids(index.search(query)) == ["a/peace"]


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ("date:>2024", "date:>2024: write since:2024 for the dates from it on, until:2024 for those up to it"),
        ("budget date:<=2024-03", "write since:2024-03 for the dates from it on, until:2024-03"),
    ],
)
def test_a_date_compared_as_other_search_boxes_write_it_points_to_since_and_until(index, query, hint):
    results = index.search(query)
    assert results.error and hint in results.error


@pytest.mark.parametrize("query", ["\U0001f525", '"\U0001f525 \u2764"'])
def test_a_query_of_emoji_alone_says_they_are_not_searched(index, query):
    results = index.search(query)
    assert results.error == "the query has no words to search for: symbols and emoji (\U0001f525) are not searched"


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("C+", "C+: + is not searched and C is too short"),
        ("x#y", "x#y: # is not searched and x, y are too short"),
        ('title:"A&&B"', "A&&B: & is not searched and A, B are too short"),
        ("AT&T&T OR C+", "AT&T&T: & is not searched and AT, T are too short"),
        ("C+#", "C+#: + # are not searched and C is too short"),
    ],
)
def test_a_name_of_short_letters_and_symbols_says_why_and_where_to_find_it(index, query, said):
    # It said only "words too common or too short (AT, T)": the symbols of a name that is no word
    # (AT&T, C++ and F# are: test_search_symbols_numbers) are no part of it, so the letters left
    # are searched; the list filter finds the name as written in titles.
    name = said.split(":")[0]
    error = index.search(query).error
    assert error == (
        f"{said} or common to be; the list filter (f) finds it in titles (reader list | grep -iF '{name}')"
    )


@pytest.mark.parametrize(("query", "shown"), [("title:the", "the"), ("Author:of AND title:a", "of, a")])
def test_a_field_name_is_not_listed_among_the_words_too_short(index, query, shown):
    # `title:the` said "(title, the)", as if title were a word too common to be searched.
    assert (
        index.search(query).error
        == f"only words too common or too short to be searched ({shown}): add one that says more"
    )


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("date:202?", "not a date: '202?' (write YYYY-MM-DD, YYYY-MM or YYYY)"),
        ("budget since:2024-0?", "not a date: '2024-0?'"),
        ("Outlet:ab?", "a wildcard needs at least 3 letters"),
    ],
)
def test_a_question_mark_ending_a_date_or_a_name_is_its_value_as_typed(index, query, error):
    # A date, a story's id or an outlet's name is no question: `date:202?` was refused as not a
    # date '202', a value the user had not typed, and `outlet:ab?` said ab was a word too short.
    results = index.search(query)
    assert results.error and error in results.error
