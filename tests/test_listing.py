"""Filtering and sorting the app's article list (core, no UI)."""

from __future__ import annotations

import unicodedata
import pytest

from reader.listing import (
    FilterError,
    ListFilter,
    filter_key,
    group_star_marks,
    parse_filter,
    sort_articles,
    still_shown,
)
from reader.state.marks import UNMARKED, Mark


def test_words_and_states():
    spec = parse_filter("Budapest is:unread  IS:starred")
    assert spec.words == ("budapest",) and spec.states == {"unread", "starred"}
    assert spec.matches("summit in budapest", "2025-10-21", read=False, starred=True)
    assert not spec.matches("summit in budapest", "2025-10-21", read=True, starred=True)
    assert not spec.matches("summit in budapest", "2025-10-21", read=False, starred=False)
    assert not spec.matches("summit in vienna", "2025-10-21", read=False, starred=True)
    assert not ListFilter().active and parse_filter("is:read").matches("x", None, True, False)


def test_a_phrase_in_quotes_is_one_word_of_the_filter():
    spec = parse_filter('"Hillary   Clinton" is:unread')
    assert spec.words == ("hillary clinton",) and spec.states == {"unread"}
    assert spec.matches("hillary clinton releases tax returns", None, read=False, starred=False)
    assert not spec.matches("clinton and hillary", None, read=False, starred=False)
    # Typographic quotes, a closing quote not typed yet, an empty phrase; a token in quotes is a phrase.
    assert parse_filter("\u201chillary clinton\u201d").words == ("hillary clinton",)
    assert parse_filter('"hillary cl').words == ("hillary cl",)
    assert parse_filter('"" "').words == ()
    assert parse_filter('"is:unread"') == ListFilter(words=("is:unread",))


def test_a_quotation_mark_in_a_phrase_is_written_as_the_search_writes_it():
    # `"he said \"no\""` was the phrase `he said \` and the word `no\""`, found in no title.
    spec = parse_filter(r'"he said \"no\""')
    assert spec.words == ('he said "no"',)
    for title in ('he said "no" to the plan', "he said \u201cno\u201d to the plan", "he said \u00abno\u00bb"):
        assert spec.matches(filter_key(title), None, read=False, starred=False), title
    assert not spec.matches("he said nothing", None, read=False, starred=False)
    # Outside a phrase it is punctuation, as in the search.
    assert parse_filter(r"he said \"no\"").words == ("he", "said", "no")
    assert parse_filter(r"budget \"").words == ("budget",)
    # Typed up to the backslash, the phrase is as it was before: one word, not two.
    assert parse_filter('"he said \\').words == ("he said \\",)


@pytest.mark.parametrize(
    "text, since, until",
    [
        ("since:2025-10-20", "2025-10-20", None),
        ("until:2025-10", None, "2025-10-31"),
        ("until:2024-02", None, "2024-02-29"),
        ("date:2025", "2025-01-01", "2025-12-31"),
        ("date:2025-10-01..2025-10-21", "2025-10-01", "2025-10-21"),
        ("date:2025-10..", "2025-10-01", None),
        ("date:..2025-09", None, "2025-09-30"),
    ],
)
def test_date_bounds(text, since, until):
    spec = parse_filter(text)
    assert (spec.since, spec.until) == (since, until)


def test_date_range_matches_inclusive_and_never_undated():
    spec = parse_filter("date:2025-10-20..2025-10-21")
    assert spec.matches("", "2025-10-20", False, False) and spec.matches("", "2025-10-21", False, False)
    assert not spec.matches("", "2025-10-22", False, False)
    assert not spec.matches("", None, False, False)


@pytest.mark.parametrize(
    "text, says",
    [
        ("since:2025-13-01", "no month 13"),
        ("until:2025-02-30", "no day 30"),
        ("since:someday", "not a date"),
        ("is:new", "is:unread"),
        ("since:", "needs a value"),
        ("date:..", "needs a date on one side"),
        ("since:2025-10-22 until:2025-10-01", "range is empty"),
    ],
)
def test_bad_tokens_say_why(text, says):
    with pytest.raises(FilterError, match=says):
        parse_filter(text)


def test_other_colons_are_words():
    assert parse_filter("10:30 re:think").words == ("10:30", "re:think")


def test_a_search_field_in_the_filter_says_what_the_filter_does():
    """`outlet:fox` was the literal word "outlet:fox": every article hidden, and only "No
    matches" said. The filter has no fields (it matches words anywhere in a row); it says so and
    names the search, which has them."""
    with pytest.raises(FilterError) as caught:
        parse_filter("budget outlet:fox")
    message = str(caught.value)
    assert "'outlet:fox'" in message and "type fox alone" in message and "search for outlet:fox" in message
    with pytest.raises(FilterError, match="search for speaker:trump"):
        parse_filter("speaker:trump")


def test_the_filter_knows_every_field_search_has():
    from reader.index.query_check import FIELD_NAMES
    from reader.listing import SEARCH_FIELDS

    assert set(SEARCH_FIELDS) == set(FIELD_NAMES) - {"date"}  # date: is a filter token too


def test_sort_orders_keep_undated_last():
    items = [
        ("b", "2025-10-20", "Zeta"),
        ("a", "2025-10-21", "Alpha"),
        ("c", None, "Alpha"),
        ("d", "2025-10-19", "Alpha"),
    ]
    date, outlet, title = (lambda i: i[1]), (lambda i: i[2]), (lambda i: i[0])
    assert [i[0] for i in sort_articles(items, "newest", date, outlet, title)] == ["a", "b", "d", "c"]
    assert [i[0] for i in sort_articles(items, "oldest", date, outlet, title)] == ["d", "b", "a", "c"]
    assert [i[0] for i in sort_articles(items, "outlet", date, outlet, title)] == ["a", "d", "c", "b"]


def test_versions_of_one_day_are_listed_in_the_order_they_were_fetched():
    """Versions dated one day (a page edited the day it came out, or fetched twice the day a
    feed's time never moves) were listed by title: "(version 1 of 3, replaced)" came before
    "(version 3 of 3)" newest first, and "version 10" before "version 2". Other articles keep
    their places, and a version of another day its own."""
    from reader.index.article_versions import VersionPlace

    class Row:
        def __init__(self, id: str, date: str | None, title: str):
            self.id, self.date, self.title = id, date, title

    day = "2025-10-22"
    rows = [Row("other", day, "Other"), Row("v0", "2025-10-21", "Status")]
    rows += [
        Row(f"v{n}", day, f"Status  (version {n + 1} of 11{', replaced' if n < 10 else ''})") for n in range(1, 11)
    ]
    places = {f"v{n}": VersionPlace(n + 1, 11, "v10") for n in range(11)}
    date, outlet, title = (lambda r: r.date), (lambda r: "Fox"), (lambda r: r.title)
    newest = [r.id for r in sort_articles(rows, "newest", date, outlet, title, places)]
    assert newest == ["other", *(f"v{n}" for n in range(10, 0, -1)), "v0"]
    oldest = [r.id for r in sort_articles(rows, "oldest", date, outlet, title, places)]
    assert oldest == ["v0", "other", *(f"v{n}" for n in range(1, 11))]
    assert [r.id for r in sort_articles(rows, "outlet", date, outlet, title, places)] == newest
    by_title = [r.id for r in sort_articles(rows, "newest", date, outlet, title)]  # (no places: as before)
    assert by_title[:4] == ["other", "v9", "v10", "v1"]


@pytest.mark.parametrize(
    "good, bad, shown",
    [
        ("since", "since:", ""),  # the word was the token half typed
        ("budget since", "budget since:2", "budget"),
        ("is", "is:bogus", ""),
        ("since:2025", "since:2025-1", "since:2025"),  # a token on its way to a longer date stays
        ("budget", "budget until:2025-13", "budget"),
        ("since:2025", "since:2025 until:2024", "since:2025"),  # an empty range: no token to blame
        ("Since", "since:", ""),
        ("dat", "date:..x", ""),
        ("news", "news is:", "news"),  # "news" is no prefix of a token
    ],
)
def test_a_bad_token_keeps_the_last_good_filter_without_the_word_typed_into_it(good, bad, shown):
    assert still_shown(good, bad) == shown


def test_starring_a_group_stars_all_then_takes_back_only_what_it_starred():
    marks = {"a": Mark(starred=True), "b": Mark(read=True)}
    starred, changed = group_star_marks(["a", "b", "c"], marks, UNMARKED)
    assert starred and changed == {"b": Mark(read=True, starred=True), "c": Mark(starred=True)}
    marks.update(changed)
    starred, changed = group_star_marks(["a", "b", "c"], marks, UNMARKED, frozenset(changed))
    assert not starred and changed == {"b": Mark(read=True), "c": Mark()}  # "a" was starred before
    starred, changed = group_star_marks(["a", "b"], {"a": Mark(starred=True), "b": Mark(starred=True)}, UNMARKED)
    assert not starred and set(changed) == {"a", "b"}  # nothing starred by the group: all unstarred


def test_the_marks_part_of_a_filter():
    assert ListFilter(states=frozenset({"unread"})).marks_match(read=False, starred=False)
    assert not ListFilter(states=frozenset({"unread"})).marks_match(read=True, starred=True)
    assert not ListFilter(states=frozenset({"starred"})).marks_match(read=False, starred=False)
    assert ListFilter().marks_match(read=True, starred=False)


def test_the_filter_key_reads_typographic_variants_alike():
    # As the list builds its rows' text and reads the typed filter: one key for both.
    assert filter_key("O\u2019Reilly \u201cNo\u201d 2020\u201321 New\u00a0York \ufb01nal CO\u2082") == (
        'o\'reilly "no" 2020-21 new york final co2'
    )
    assert filter_key("Plain ASCII") == "plain ascii"
    # Each run of white space is one space, in plain ASCII as in the rest: a phrase typed with
    # one space found a title with a no-break space in it, not one with two spaces or a tab.
    phrase = parse_filter('"hillary clinton"')
    for title in ("Hillary  Clinton wins", "Hillary\tClinton wins", "Hillary\u00a0\u00a0Clinton wins"):
        assert phrase.matches(filter_key(title), None, read=False, starred=False), title
    assert parse_filter("o\u2019reilly \u00abno\u00bb").words == ("o'reilly", "no")


@pytest.mark.parametrize("name", ["AT&T", "C++", "F#"])
def test_the_filter_finds_a_name_written_with_symbols(name):
    # The search cannot (its words are too short: its hint points here), the filter finds it as written.
    spec = parse_filter(name.lower())
    assert spec.matches(filter_key(f"{name} rises"), None, read=False, starred=False)
    assert not spec.matches(filter_key("A T T and C and F rise"), None, read=False, starred=False)


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("pena", "Peña wins"),
        ("peña", "PENA WINS"),
        ("pena", "Pen\u0303a wins"),  # decomposed: n and a combining tilde
        ("pen\u0303a", "Peña wins"),
        ("istanbul", "İstanbul talks"),
        ("İSTANBUL", "istanbul talks"),
        ("ıstanbul", "ISTANBUL TALKS"),
        ("strasse", "Die Straße"),
        ("straße", "Die Strasse"),
        ("οδοσ", "Η Οδός"),
        ("ΟΔΟΣ", "η οδός"),
        ('"sao paulo"', "São Paulo votes"),
    ],
)
def test_the_filter_folds_letters_as_the_search_does(typed, title):
    # `pena` did not find Peña in the list (the search did): the filter folds with the search's fold.
    from reader.index.textproc import fold

    spec = parse_filter(typed, fold)
    assert spec.matches(filter_key(title, fold), None, read=False, starred=False)
    assert not spec.matches(filter_key("Budget vote", fold), None, read=False, starred=False)


def test_the_filter_folds_nothing_without_the_search_s_fold():
    assert not parse_filter("pena").matches(filter_key("Peña wins"), None, read=False, starred=False)


@pytest.mark.parametrize(
    "title",
    [
        "Pe\u202bña\u202c wins",  # a bidi embedding around letters of the word
        "Pe\u200fña wins",  # a right-to-left mark inside it
        "Pen" + "\u0303" * 1000 + "a wins",  # a tilde stacked a thousand deep
        "x" * 2000 + " Peña wins",  # a 2,000-character title
        "Pe\u0301\u0300n\u0303a wins",  # several marks on one letter
    ],
)
def test_the_folding_filter_reads_hostile_titles_as_their_letters(title):
    # The fold drops invisible controls and every combining mark (as the search's terms do): a
    # title so written is found by its letters, and not by another word.
    from reader.index.textproc import fold

    hay = filter_key(title, fold)
    assert parse_filter("pena", fold).matches(hay, None, read=False, starred=False)
    assert parse_filter('"pena wins"', fold).matches(hay, None, read=False, starred=False)
    assert not parse_filter("budget", fold).matches(hay, None, read=False, starred=False)
    assert len(hay) <= len(title)


def test_dated_within_reads_short_dates_as_their_whole_period_and_keeps_undated_out():
    from reader.listing import dated_within

    days = ["2025-09-30", "2025-10-01", "2025-10-31T23:00:00", "2025-11-01", None]
    assert dated_within(days, lambda d: d, "2025-10", "2025-10") == ["2025-10-01", "2025-10-31T23:00:00"]
    assert dated_within(days, lambda d: d, None, "2025-09") == ["2025-09-30"]
    assert dated_within(days, lambda d: d, None, None) == days  # no bound: every one, undated too


@pytest.mark.parametrize("typed", ["zebra", "zebra cross", "al-jazeera", "al-jazeera news", "x"])
@pytest.mark.parametrize("hay", ["zebra crossing", "aljazeera news", "al-jazeera", "cross zebra", ""])
def test_the_words_test_made_once_says_what_matches_says(typed, hay):
    spec = parse_filter(typed)
    assert spec.words_only
    assert spec.words_test()(hay) == spec.matches(hay, None, read=False, starred=False)


def test_a_filter_with_marks_or_dates_is_not_words_only():
    assert not parse_filter("zebra is:unread").words_only
    assert not parse_filter("zebra since:2025-10-01").words_only


def test_an_ids_shortest_start_names_it_alone_and_never_cuts_a_letter_or_stops_at_a_folder():
    """What a narrow terminal's `list` shows of an id, which `reader show` takes back: a start no
    other id has, an exact id kept whole ("ab", though "abc" starts with it), never an accent
    without its letter, never a folder's name ("fox" of "fox/a" names the folder)."""
    from reader.listing import shortest_id_starts

    ids = ["2010-02-20-fox-40b85964", "2010-02-20-fox-4aa01b2c", "2010-02-20-hpo-f3d0ebba", "ab", "abc"]
    ids += ["fox/a1", "foo", "cafe\u0301-x", "cafe\u0301-y", "re\u0301sume\u0301", "zeta", "my file", "myfile"]
    starts = shortest_id_starts(ids)
    assert starts["2010-02-20-fox-40b85964"] == "2010-02-20-fox-40"
    assert starts["2010-02-20-hpo-f3d0ebba"] == "2010-02-20-h"
    assert (starts["ab"], starts["abc"], starts["zeta"]) == ("ab", "abc", "z")
    assert starts["fox/a1"] == "fox/a"  # past the slash: "fox" and "fox/" name the folder
    assert starts["my file"] == "my f"  # past the space: "my " looked like "my", which starts both
    assert starts["cafe\u0301-x"] == "café-x" and starts["re\u0301sume\u0301"] == "r"
    composed = {unicodedata.normalize("NFC", one): one for one in ids}
    for one, start in starts.items():
        assert unicodedata.normalize("NFC", one).startswith(start)
        others = [key for key in composed if key != unicodedata.normalize("NFC", one)]
        whole = start == unicodedata.normalize("NFC", one)  # an exact id is looked up first
        assert whole or not any(other.startswith(start) for other in others), (one, start)
