"""Searching: the query language, filters, sorting, snippets and ranges, did-you-mean, bad input."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import ARTICLES, make_corpus, write_article  # noqa: E402
from search_corpus import indexed  # noqa: E402

from reader.index import CorpusIndex  # noqa: E402
from reader.index import search, textproc, whoosh_internals  # noqa: E402
from reader.index.snippets import make_snippets  # noqa: E402


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    base = tmp_path_factory.mktemp("search")
    articles = dict(ARTICLES)
    # Same word in a title vs once in a long body: the title match must rank first.
    articles["bbc/walrus-title"] = (
        "Walrus spotted on beach",
        "BBC",
        "2025-08-01",
        "Beachgoers were surprised on Sunday morning. " * 5,
    )
    articles["bbc/walrus-body"] = (
        "Seaside news roundup",
        "BBC",
        "2025-08-02",
        "Many things happened. " * 10 + "A walrus was seen. " + "More news. " * 10,
    )
    root = make_corpus(base / "corpus", articles)
    ix = CorpusIndex([root], base / "index")
    ix.update()
    yield ix
    ix.close()


def ids(results):
    return [h.id for h in results.hits]


def test_words_are_stemmed_and_all_must_match(index):
    assert set(ids(index.search("inflation"))) == {"ap/inflation", "reuters/budget-vote", "ap/budget-vote"}
    assert set(ids(index.search("inflation worries"))) == {"reuters/budget-vote"}
    assert "ap/inflation" in ids(index.search("slowing"))  # "slowed" and "slowing" share a stem


def test_boolean_operators_grouping_and_phrases(index):
    assert set(ids(index.search("storm OR draw"))) == {"reuters/storm", "bbc/football"}
    assert ids(index.search("inflation NOT budget")) == ["ap/inflation"]
    assert set(ids(index.search("(storm OR cup) AND rain"))) == {"bbc/football"}
    assert ids(index.search('"coastal towns"')) == ["reuters/storm"]
    assert ids(index.search('"towns coastal"')) == []


def test_fields(index):
    assert set(ids(index.search("outlet:reuters"))) == {"reuters/budget-vote", "reuters/storm"}
    assert ids(index.search("title:draw")) == ["bbc/football"]
    assert ids(index.search("speaker:lopez")) == ["reuters/budget-vote"]
    assert set(ids(index.search("quote:fight"))) == {"ap/budget-vote"}
    assert ids(index.search("quote:thursday")) == []  # in the body, not inside a quotation
    got = set(ids(index.search("date:[2025-10-01 TO 2025-10-31]", limit=50)))
    assert got == {"reuters/budget-vote", "ap/budget-vote", "ap/inflation"}


def test_a_year_or_a_month_in_date_is_the_whole_period(index):
    october = {"reuters/budget-vote", "ap/budget-vote", "ap/inflation"}
    everything = october | {"reuters/storm", "bbc/football", "bbc/walrus-title", "bbc/walrus-body"}
    assert set(ids(index.search("date:2025-10", limit=50))) == october
    assert set(ids(index.search("date:2025", limit=50))) == everything
    assert set(ids(index.search("date:[2025 TO 2025]", limit=50))) == everything
    # A range starts on its start's first day and ends on its end's last day.
    assert set(ids(index.search("date:[2025-10-01 TO 2025-10]", limit=50))) == october
    assert set(ids(index.search("date:[2025-09 TO 2025-10]", limit=50))) == october | {"reuters/storm"}
    assert set(ids(index.search("date:[TO 2025-08]", limit=50))) == {"bbc/walrus-title", "bbc/walrus-body"}
    # An excluded end leaves out its whole period.
    assert set(ids(index.search("date:{2025-09 TO 2025-11}", limit=50))) == october
    assert set(ids(index.search("inflation date:2025-10", limit=50))) == {
        "ap/inflation",
        "reuters/budget-vote",
        "ap/budget-vote",
    }


def test_the_list_filters_date_forms_search_the_same_range(index):
    # `f` filters with date:A..B, since: and until:; the search said "not a date: '2025-09..2025-10'"
    # and "there is no field since".
    october = {"reuters/budget-vote", "ap/budget-vote", "ap/inflation"}
    assert set(ids(index.search("date:2025-09..2025-10", limit=50))) == october | {"reuters/storm"}
    assert set(ids(index.search("date:..2025-08", limit=50))) == {"bbc/walrus-title", "bbc/walrus-body"}
    assert set(ids(index.search("Since:2025-10-01 budget OR inflation", limit=50))) == october
    assert set(ids(index.search("since:2025-09 until:2025-09", limit=50))) == {"reuters/storm"}
    assert ids(index.search('"since:2025"')) == []  # a phrase is words
    assert index.search("date:2025-11..2025-10").error == "the date range is empty: 2025-11 is after 2025-10"
    assert index.search("since:soon").error == (
        "not a date: 'soon' (write YYYY-MM-DD, YYYY-MM or YYYY, or today, yesterday, 3d (days ago) or 2w (weeks ago))"
    )


def test_a_since_or_until_without_a_date_says_so(index):
    # `budget since:` searched budget alone, silently; `date:today` said "not a date: 'today'".
    assert index.search("budget since:").error == (
        "since: needs a date right after the colon, like since:2025-10-01 or since:3d"
    )
    assert index.search("(budget Until:)").error.startswith("Until: needs a date right after the colon")
    assert index.search('"budget since:"').error is None  # a phrase is words


def test_the_date_forms_are_read_after_the_query_is_cleaned(index):
    # A pasted query's colour codes and curly quotes go before the forms are read: the search said
    # "there is no field since", and read since: inside a curly-quoted phrase.
    october = {"reuters/budget-vote", "ap/budget-vote", "ap/inflation"}
    assert set(ids(index.search("since:2025-10\x1b[0m budget OR inflation", limit=50))) == october
    assert set(ids(index.search("since:\u200b2025-10 budget OR inflation", limit=50))) == october
    assert ids(index.search("\u201csince:2025\u201d")) == []


def test_a_relative_date_in_a_query_counts_from_today():
    from datetime import date

    from reader.index.query_check import filter_dates

    today = date(2025, 10, 21)
    assert filter_dates("budget since:3d", today) == "budget date:[2025-10-18 TO]"
    assert filter_dates("(until:yesterday)", today) == "(date:[TO 2025-10-20])"
    assert filter_dates("date:2w..today", today) == "date:[2025-10-07 TO 2025-10-21]"
    assert filter_dates('"date:2010..2011" date:..', today) == '"date:2010..2011" date:..'
    assert filter_dates("date:Today date:2010 since:soon", today) == "date:2025-10-21 date:2010 since:soon"


def test_title_matches_rank_higher(index):
    assert ids(index.search("walrus"))[:2] == ["bbc/walrus-title", "bbc/walrus-body"]


def test_filters_and_sorting(index):
    assert set(ids(index.search("budget", outlet="reuters"))) == {"reuters/budget-vote"}
    assert set(ids(index.search("budget", outlet="Associated Press"))) == {"ap/budget-vote"}
    assert set(ids(index.search("inflation", since="2025-10-10"))) == {"ap/inflation"}
    assert set(ids(index.search("inflation", until="2025-10-02"))) == {"reuters/budget-vote"}
    assert set(ids(index.search("inflation OR storm", until="2025-09"))) == {"reuters/storm"}
    dated = index.search("inflation OR storm OR draw", sort="date")
    dates = [h.date for h in dated.hits]
    assert dates == sorted(dates, reverse=True) and len(dates) == 5


def test_wildcard_search_with_an_outlet_filter_returns_only_that_outlet(index, monkeypatch):
    # Wildcards run under a time limit whose collector applies the filter itself, from Whoosh's
    # private sets (whoosh_internals.filter_sets).
    assert set(ids(index.search("budg*"))) == {"reuters/budget-vote", "ap/budget-vote"}
    assert ids(index.search("budg*", outlet="reuters")) == ["reuters/budget-vote"]
    assert ids(index.search("budg*", outlet="Associated Press", sort="date")) == ["ap/budget-vote"]
    assert set(ids(index.search("infla*", outlet="associated press"))) == {"ap/inflation", "ap/budget-vote"}
    assert ids(index.search("infla*", outlet="BBC")) == []
    assert ids(index.search("infla*", since="2025-10-10")) == ["ap/inflation"]
    # Without those sets the filter would be ignored in silence (what the check on import of
    # whoosh_internals guards against): the same search then leaks the other outlet.
    monkeypatch.setattr(whoosh_internals, "filter_sets", lambda collector: (None, None))
    assert set(ids(index.search("budg*", outlet="reuters"))) == {"reuters/budget-vote", "ap/budget-vote"}
    bad = index.search("budget", since="last week")
    assert bad.error and "since" in bad.error and not bad.hits
    assert index.search("budget", sort="sideways").error


def test_limit_and_total(index):
    res = index.search("the OR a OR budget OR storm OR draw OR inflation OR walrus", limit=2)
    assert len(res.hits) == 2 and res.total >= 2


MANY = "the OR a OR budget OR storm OR draw OR inflation OR walrus"


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_the_next_page_starts_where_the_first_ended(index, sort):
    everything = ids(index.search(MANY, limit=None, sort=sort))
    assert len(everything) >= 4
    first = index.search(MANY, limit=2, sort=sort)
    second = index.search(MANY, limit=2, offset=2, sort=sort)
    rest = index.search(MANY, limit=None, offset=4, sort=sort)
    assert ids(first) + ids(second) + ids(rest) == everything
    assert first.total == second.total == rest.total == len(everything)
    assert all(hit.snippets for hit in second.hits)  # a later page is as complete as the first


def test_no_limit_gives_every_result(index):
    everything = index.search(MANY, limit=None)
    assert len(everything.hits) == everything.total > 2
    assert len(index.search(MANY, limit=2).hits) == 2


def test_an_offset_past_the_end_gives_no_hits_but_the_total(index):
    res = index.search(MANY, limit=5, offset=10_000)
    assert res.hits == [] and res.total > 0 and not res.error


def test_snippets_carry_match_ranges_on_the_article_text(index):
    res = index.search("inflation budget")
    hit = res.hits[0]
    article = index.get(hit.id)
    assert hit.snippets
    for snippet in hit.snippets:
        assert " ".join(article.text[snippet.start : snippet.end].split()) == snippet.text
        assert snippet.matches
        for start, end in snippet.matches:
            word = snippet.text[start:end].lower()
            assert textproc.stem(word) in {"inflat", "budget"}
    d = hit.to_dict()
    assert set(d) >= {"id", "outlet", "title", "date", "score", "snippets"}
    assert all(set(s) >= {"text", "start", "end", "matches"} for s in d["snippets"])


def test_match_ranges_for_a_whole_article(index):
    article = index.get("reuters/budget-vote")
    ranges = index.match_ranges("reuters/budget-vote", "budget OR taxpayer*")
    words = [article.text[s:e].lower() for s, e in ranges]
    assert words == ["budget", "taxpayers"]
    assert index.match_ranges("reuters/budget-vote", "budget NOT storm") == ranges[:1]
    assert index.match_ranges("no/such", "budget") == []
    assert index.match_ranges("reuters/budget-vote", "((((") == []


def test_did_you_mean(index):
    res = index.search("inflaton")
    assert res.corrected == "inflation"
    assert index.search("Sennate budgett").corrected == "Senate budget"
    assert index.search("inflation").corrected is None


def test_a_did_you_mean_is_a_word_written_as_close_to_the_word_typed_as_its_stem(tmp_path):
    # The stems were a letter apart, the words suggested not: café (cafe) was "cases" (case's
    # first word found), goverment (govern) "governance", where an article writes government.
    index = indexed(
        tmp_path,
        {
            "a/cases": ("Court", "Two cases were heard."),
            "b/govern": ("Policy", "Governance matters. The government said so."),
        },
    )
    try:
        assert index.search("café").corrected is None
        assert index.search("goverment").corrected == "government"
        assert index.search("casse").corrected == "cases"  # (as close as its stem: as before)
    finally:
        index.close()


def test_an_accent_typed_is_kept_by_a_did_you_mean_and_a_folded_match_needs_none(tmp_path):
    # café was "case" in a corpus with no café: one who types the accent spells a word on purpose.
    index = indexed(
        tmp_path,
        {
            "a/case": ("Court", "The case was closed."),
            "b/names": ("People", "Thomas Müller scored."),
        },
    )
    try:
        for query in ("café", "Café", unicodedata.normalize("NFD", "café"), "cafés"):
            assert index.search(query).corrected is None, query
        assert index.search("cafe").corrected == "case"  # (no accent typed: a one-letter guess as before)
        # The folded form matches an indexed word: found, nothing suggested, either way round.
        for query in ("Muller", "MÜLLER", unicodedata.normalize("NFD", "müller"), "müllèr", "cäse"):
            result = index.search(query)
            assert result.hits and result.corrected is None, query
        # A typo of an accented word is corrected into it, accent and all.
        assert index.search("Müler").corrected == "Müller"
        assert index.search("Mühler", unfinished=True).corrected == "Müller"
    finally:
        index.close()


def test_the_word_being_typed_is_not_corrected_while_indexed_words_begin_with_it(index):
    # Search as you type suggested "inflatio" -> another word while "inflation" was being typed.
    assert index.search("inflat", unfinished=True).corrected is None  # on the way to inflation
    assert index.search("Sennate infla", unfinished=True).corrected == "Senate infla"  # the words before, at once
    assert index.search("inglation", unfinished=True).corrected == "inflation"  # no indexed word begins so
    # A slip at its end may be a word going on ("inflat" + "on..." is the stem inflat's): said once finished.
    assert index.search("inflaton", unfinished=True).corrected is None
    assert index.search("inflaton").corrected == "inflation"
    assert index.search("Sennate infla").corrected == "Senate inflation"  # finished: as before


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        "(unbalanced (parens",
        "unbalanced)) parens",
        "nosuchfield:budget",
        "AND",
        "OR OR",
        "NOT",
        "NOT NOT NOT",
        "budget AND",
        "\x1b[2J\x00\x07 budget",
        "date:[garbage TO x]",
        "date:[2025 TO]",
        "title:",
        ":",
        "*",
        "*e*",
        "?",
        "bud*",
        "b*",
        "x" * 10_000,
        "(" * 3000,
        "budget^",
        "budget^abc",
        "[",
        "]",
        "{",
        "}",
        "~",
        "budget~2",
        "'",
        "\\",
        'outlet:"',
        "\u202e\u200b",
    ],
)
def test_malformed_input_never_raises(index, query):
    res = index.search(query)
    if res.error:  # a one-line reason, and no results that would look like an answer
        assert "\n" not in res.error and len(res.error) < 200 and res.hits == []
    else:
        assert set(ids(res)) <= set(ARTICLES) | {"bbc/walrus-title", "bbc/walrus-body"}


def test_wildcard_policy(index):
    assert "3 letters" in index.search("*e*").error
    assert "3 letters" in index.search("bu*").error
    assert set(ids(index.search("budg*"))) == {"reuters/budget-vote", "ap/budget-vote"}


def test_long_query_is_explained(index):
    res = index.search("budget " * 2000)
    assert res.error and "too long" in res.error


def test_searcher_reopens_after_another_writer_commits(index, tmp_path):
    # A second CorpusIndex on the same folder (another process, in effect) adds a file.
    root = index.roots[0]
    write_article(root, "bbc/narwhal", "Narwhal", "BBC", "2025-12-12", "A narwhal appeared.")
    try:
        other = CorpusIndex(index.roots, index.index_dir)
        assert other.update().indexed == 1
        other.close()
        assert ids(index.search("narwhal")) == ["bbc/narwhal"]
        assert "bbc/narwhal" in [a.id for a in index.articles()]
    finally:
        (root / "bbc" / "narwhal.md").unlink()
        CorpusIndex(index.roots, index.index_dir).update()


def test_make_snippets_windows():
    text = ("alpha " * 50) + "needle " + ("beta " * 80) + "needle haystack " + ("gamma " * 40)
    start = text.index("needle")
    ranges = textproc.find_term_ranges(text, {"needl", "haystack"})
    assert ranges[0] == (start, start + 6)
    snippets = make_snippets(text, ranges)
    assert len(snippets) == 2
    assert "needle haystack" in snippets[0].text or "needle haystack" in snippets[1].text
    for s in snippets:
        for a, b in s.matches:
            assert s.text[a:b] in ("needle", "haystack")
    assert make_snippets("", []) == []
    lead = make_snippets("short text only", [])
    assert lead[0].text == "short text only" and lead[0].matches == []


def test_a_snippet_shows_each_run_of_white_space_as_one_space_with_its_matches_on_their_words():
    """A paragraph break read "2014.  The former" (each newline a space, to keep offsets)."""
    text = "The vote was held in 2014.\n\nThe former minister\t\tresigned   in\n\n\n protest.\n\nHe left."
    ranges = textproc.find_term_ranges(text, {"former", "protest"})
    (snippet,) = make_snippets(text, ranges)
    assert snippet.text == "The vote was held in 2014. The former minister resigned in protest. He left."
    assert [snippet.text[a:b] for a, b in snippet.matches] == ["former", "protest"]
    assert (snippet.start, snippet.end) == (0, len(text))
    former, protest = snippet.text.index("former"), snippet.text.index("protest")
    assert snippet.to_dict() == {
        "text": snippet.text,
        "start": 0,
        "end": len(text),
        "matches": [[former, former + 6], [protest, protest + 7]],
    }
    # a window cut in a paragraph break starts and ends on a word: start and end say where
    body = "word " * 60 + "\n\n  needle\n\n" + "word " * 60
    at = body.index("needle")
    (cut,) = make_snippets(body, [(at, at + 6)], width=40)
    assert cut.text == " ".join(body[cut.start : cut.end].split())
    assert not body[cut.start].isspace() and not body[cut.end - 1].isspace()
    assert [cut.text[a:b] for a, b in cut.matches] == ["needle"]


def test_snippets_of_wide_characters_take_as_many_cells_as_english():
    """A snippet is about SNIPPET_WIDTH terminal cells: of Chinese (two cells a character, no
    spaces to snap to) it held 240 characters, 480 cells, and one result filled the app's list."""
    import unicodedata

    from reader.index.snippets import SNIPPET_WIDTH

    text = "日本首相与美国总统举行会谈，讨论了贸易问题。" * 30 + "东京峰会" + "双方同意加强安全合作。" * 60
    start = text.index("东京")
    (snippet,) = make_snippets(text, [(start, start + 2)])
    assert snippet.text[slice(*snippet.matches[0])] == "东京"
    cells = sum(2 if unicodedata.east_asian_width(ch) == "W" else 1 for ch in snippet.text)
    assert SNIPPET_WIDTH - 4 <= cells <= SNIPPET_WIDTH + 4
    latin = "word " * 100 + "needle " + "word " * 100
    at = latin.index("needle")
    (plain,) = make_snippets(latin, [(at, at + 6)])
    assert SNIPPET_WIDTH <= len(plain.text) <= SNIPPET_WIDTH + 10  # English as before


@pytest.mark.parametrize("width", range(40, 200, 7))
def test_a_snippet_never_cuts_a_character_from_its_marks(width):
    """Thai written without spaces (and long Indic or Arabic runs) has no word start within
    reach: a snippet started on a vowel sign (drawn on the ellipsis) or ended on a letter
    without it."""
    import unicodedata

    text = "ประเทศไทยมีประชากรประมาณหกสิบหกล้านคนและกรุงเทพมหานครเป็นเมืองหลวงที่ใหญ่ที่สุด" * 6
    family = "👨\u200d👩\u200d👧"
    for body in (text, (family * 3 + "x") * 40):
        at = body.index("กรุงเทพ", 200) if body is text else 200
        for snippet in make_snippets(body, [(at, at + 3)], width=width):
            end = snippet.end
            assert unicodedata.category(snippet.text[0])[0] != "M" and snippet.text[0] != "\u200d"
            assert end == len(body) or (
                unicodedata.category(body[end])[0] != "M" and "\u200d" not in body[end - 1 : end + 1]
            )


def test_find_term_ranges_agrees_with_the_indexer():
    text = "Happy hoping relational runners ran; U.S. economies' state-of-the-union. Naïve café"
    positions, _ = textproc.term_positions(text)
    terms = set(positions)
    found = set()
    for s, e in textproc.find_term_ranges(text, terms):
        word = text[s:e]
        # A hyphenated compound is highlighted whole: its joined word, and its parts inside it.
        found.add(textproc.analyse(word.replace("-", "").lower()))
        found.update(textproc.analyse(part) for part, _, _ in textproc.words(word) if "-" in word)
    assert found - {None} == terms


def test_snippets_of_an_article_holding_the_word_thousands_of_times_are_quick(tmp_path, monkeypatch):
    """One article with the searched word 400,000 times: every match was found, analysed and
    weighed for two snippets (20 s a search, in the app as you type). Snippets are now chosen
    among the first MAX_RANGES matches."""
    from reader.index import search as search_module
    from reader.index.snippets import MAX_RANGES

    body = "The council met today. " + "said " * 20_000 + "The end."
    root = make_corpus(tmp_path / "corpus", {"x/many": ("Many", "BBC", "2025-08-01", body)})
    seen: list[int] = []

    def spy(text, ranges, *args, **kwargs):
        seen.append(len(ranges))
        return make_snippets(text, ranges, *args, **kwargs)

    monkeypatch.setattr(search_module, "make_snippets", spy)
    ix = CorpusIndex([root], tmp_path / "index")
    ix.update()
    try:
        [hit] = ix.search("said").hits
    finally:
        ix.close()
    assert seen == [MAX_RANGES]
    assert len(hit.snippets) == 2 and all(s.text.startswith("said said") for s in hit.snippets)


def test_find_term_ranges_stops_at_the_limit():
    text = "Budget talks: the budget, budgets and more budget. 预算预算 预算"
    every = textproc.find_term_ranges(text, {"budget", "预算"})
    assert len(every) > 3
    for limit in (1, 2, 3, len(every) + 5):
        assert textproc.find_term_ranges(text, {"budget", "预算"}, limit=limit) == every[:limit]
    turkish = "İstanbul budget " * 5  # lower-casing moves the offsets: the other way of scanning
    every = textproc.find_term_ranges(turkish, {"budget"})
    assert textproc.find_term_ranges(turkish, {"budget"}, limit=2) == every[:2]


def test_match_ranges_in_an_article_holding_the_word_thousands_of_times_are_the_first_ones(tmp_path):
    # Finding (and drawing) 400,000 matches took seconds: the reader highlights the first ones
    # and is told there are more; a normal article is untouched.
    from reader.index.snippets import MAX_HIGHLIGHTS

    articles = {
        "bbc/flood": ("Flood", "BBC", "2025-08-01", "walrus " * (MAX_HIGHLIGHTS + 500)),
        "bbc/one": ("One", "BBC", "2025-08-02", "A walrus was seen. Another walrus too."),
    }
    ix = CorpusIndex([make_corpus(tmp_path / "corpus", articles)], tmp_path / "index")
    try:
        ix.update()
        many = ix.match_ranges("bbc/flood", "walrus")
        assert len(many) == MAX_HIGHLIGHTS and many.capped
        assert many[0] == (0, 6) and many == sorted(many)
        few = ix.match_ranges("bbc/one", "walrus")
        assert len(few) == 2 and not few.capped
    finally:
        ix.close()


@pytest.fixture(scope="module")
def counted_index(tmp_path_factory):
    """Twelve articles with "harbour crane" as a phrase, twelve with both words apart, spread over
    two outlets and two years."""
    base = tmp_path_factory.mktemp("counted")
    articles = {}
    for number in range(12):
        outlet, date = ("Herald", "2024-03-01") if number % 2 else ("Courier", "2025-03-01")
        filler = "Boats came and went. " * (1 + number % 5)
        articles[f"near/{number}"] = (f"Port report {number}", outlet, date, f"{filler}The harbour crane stood still.")
        articles[f"apart/{number}"] = (
            f"Dock report {number}",
            outlet,
            date,
            f"The harbour was calm. {filler}A crane was idle.",
        )
    ix = CorpusIndex([make_corpus(base / "corpus", articles)], base / "index")
    ix.update()
    yield ix
    ix.close()


@pytest.mark.parametrize(
    "query, options",
    [
        ('"harbour crane"', {}),
        ('"harbour crane"', {"sort": "date"}),
        ("harbour crane", {"since": "2025-01-01"}),
        ("harbour OR crane OR boats", {"outlet": "herald"}),
        ('"harbour crane" OR boats', {"until": "2024-12-31"}),
    ],
)
def test_the_total_is_the_exact_count_whatever_the_limit(counted_index, query, options):
    """The CLI said "5 of about 24 results" for a phrase 12 articles hold (Whoosh's estimate is an
    upper bound: it counts both words' articles), and the app "5 of 24": the total is now counted."""
    everything = counted_index.search(query, limit=None, **options)
    assert everything.hits and not everything.error
    for limit in (1, 5):
        page = counted_index.search(query, limit=limit, **options)
        assert page.total == len(everything.hits)
        assert ids(page) == ids(everything)[:limit]  # and a page is the start of the full ranking


def test_a_snippet_says_whether_the_article_goes_on_before_and_after_it():
    # "…" was printed after every snippet, also after an article's last word.
    whole = "  The council voted on Tuesday.\n"
    (snippet,) = make_snippets(whole, [(6, 13)])
    assert snippet.text == "The council voted on Tuesday."
    assert not snippet.cut_before and not snippet.cut_after
    long = " ".join(f"word{n}" for n in range(200)) + " council " + " ".join(f"more{n}" for n in range(200))
    start = long.index("council")
    (snippet,) = make_snippets(long, [(start, start + 7)])
    assert snippet.cut_before and snippet.cut_after
    (snippet,) = make_snippets(long, [(0, 5)])
    assert not snippet.cut_before and snippet.cut_after


def test_the_word_being_typed_finds_the_words_it_begins_while_the_word_alone_finds_none(index):
    # "inflatio" on the way to inflation found nothing until the word was whole: "No matches".
    assert not index.search("inflatio").hits  # finished (a space, Enter): read as typed
    typing = index.search("inflatio", unfinished=True)
    assert typing.hits and typing.query == "inflatio" and typing.corrected is None
    assert typing.begun == "inflatio*"  # what the listed hits are of, for the label and next pages
    assert [h.id for h in typing.hits] == [h.id for h in index.search("inflatio*").hits]
    # Only a plain word being typed: not a phrase's, nor a word no indexed word begins with.
    assert not index.search('"inflatio', unfinished=True).hits
    assert not index.search("zzqx", unfinished=True).hits
    found = index.search("budget", unfinished=True)
    assert [h.id for h in found.hits] == [h.id for h in index.search("budget").hits]


@pytest.mark.parametrize("prefix", ["inflatio*", "inflati*", "inflat*", "Inflatio*", "body:inflatio*"])
def test_a_wildcard_finds_the_words_it_begins_though_their_stem_is_shorter(index, prefix):
    # inflation is held as its stem inflat: inflatio* matched no term and found nothing.
    assert set(ids(index.search(prefix))) == set(ids(index.search("inflation")))


def test_a_wildcard_finds_no_stem_it_does_not_begin_with(index):
    assert not index.search("inflatioz*").hits  # infl... stems are tried only as the word's start
    assert not index.search("zzqx*").hits
    assert index.search("inflation", unfinished=True).begun == ""  # found as typed


def test_a_wildcard_finds_no_shorter_word_whose_stem_it_does_not_begin(tmp_path):
    # plane* found the plans too: plan (plane less the e of an ending) was taken for a stem it begins.
    articles = {
        "a/plan": ("Roads", "The council's plans and planning."),
        "b/plane": ("Sky", "Two planes landed."),
        "c/planet": ("Space", "A planet seen."),
        "d/citing": ("Law", "Citing the ruling."),
        "e/elect": ("Vote", "They elected a mayor."),
        "f/city": ("Town", "The city and its citizens."),
        "g/cited": ("Court", "The judge cited a case."),
        "h/happy": ("Mood", "A happy crowd."),
        "i/hope": ("Rain", "Farmers hope for rain."),
    }
    index = indexed(tmp_path, articles)
    try:
        assert set(ids(index.search("plane*"))) == {"b/plane", "c/planet"}
        assert set(ids(index.search("plan*"))) == {"a/plan", "b/plane", "c/planet"}
        assert set(ids(index.search("plann*"))) == {"a/plan"}  # planning's stem is plan
        # citing's stem is cite, which the index also holds cited as: citi* finds the article
        # writing citing and the one writing citizens, not the one writing cited only.
        assert set(ids(index.search("citi*"))) == {"d/citing", "f/city"}
        assert set(ids(index.search("hopi*"))) == set()  # (hoping is hope: i/hope writes hope only)
        assert set(ids(index.search("happy*"))) == {"h/happy"}  # happy's stem is happi: y made i
        assert set(ids(index.search("electe*"))) == {"e/elect"}
        assert set(ids(index.search("plane", unfinished=True))) == {"b/plane"}  # found as typed
        assert set(ids(index.search("planes pla", unfinished=True))) == {"b/plane"}
    finally:
        index.close()


def test_a_wildcard_matches_the_words_as_written_whatever_their_stems(tmp_path):
    # As ripgrep matches a prefix: citi* is cities, citizens and citing (whose stem is cite), not
    # city (citi, the prefix's own stem) nor cited (cite); hopi* is hoping (hope), not hope.
    articles = {
        "d/citing": ("Law", "Citing the ruling."),
        "f/city": ("Town", "The city is big."),
        "g/cited": ("Court", "The judge cited a case."),
        "h/citizens": ("Town", "Its citizens voted."),
        "i/hoping": ("Rain", "They were hoping for rain."),
        "j/hope": ("Rain", "Farmers hope for rain."),
    }
    index = indexed(tmp_path, articles)
    try:
        assert set(ids(index.search("citi*"))) == {"d/citing", "h/citizens"}
        assert set(ids(index.search("hopi*"))) == {"i/hoping"}
        assert set(ids(index.search("cit*"))) == {"d/citing", "f/city", "g/cited", "h/citizens"}
        assert [("Citing the ruling."[a:b]) for a, b in index.match_ranges("d/citing", "citi*")] == ["Citing"]
        assert index.match_ranges("g/cited", "citi*") == []
        # Typed key by key, `hopi` read as hopi* leaves out hope's articles (each read for the
        # words written, hundreds of a common verb's, at every key): hoping typed finds them.
        assert ids(index.search("hopi", unfinished=True)) == []
        assert ids(index.search("citin", unfinished=True)) == []
        assert set(ids(index.search("hoping", unfinished=True))) == {"i/hoping", "j/hope"}  # (stem hope)
        assert set(ids(index.search("citi", unfinished=True))) == {"f/city"}  # citi typed: the word city
    finally:
        index.close()


def test_the_pages_of_a_word_being_typed_are_of_one_search(tmp_path):
    # `maki` typed reads as maki*, without the stems the stemmer rewrote (make, of making): its
    # next page (SearchResults.next_page) brought making in, which its first page left out.
    index = indexed(
        tmp_path, {"k/makita": ("Tools", "A Makita drill."), "l/making": ("Work", "They were making bread.")}
    )
    try:
        first = index.search("maki", limit=1, unfinished=True)
        assert first.begun == "maki*" and ids(first) == ["k/makita"] and first.total == 1
        query, how = first.next_page()
        more = index.search(query, limit=1, offset=1, **how)
        assert ids(more) == [] and more.total == first.total
        assert index.search("maki*", limit=1, offset=1).total == 2  # typed with its *: every word it begins
    finally:
        index.close()


def test_a_wildcard_finds_only_stems_an_article_writes_as_a_word_it_begins(tmp_path):
    # carbin* found the carbs (carbing's stem carb), ration* the ratio (rationess's ratio), and a
    # made-up blorbatio* the stem blorbat: stems of words no article writes.
    articles = {
        "a/carb": ("Diet", "Cut the carbs from your plate."),
        "b/carbine": ("Arms", "A carbine was found."),
        "c/ratio": ("Maths", "The ratio fell."),
        "d/rationing": ("War", "Rationing of bread began."),
        "e/inflation": ("Prices", "Inflationary pressure, and inflation rose."),
        "f/blorbat": ("Odd", "The blorbat sang."),
    }
    index = indexed(tmp_path, articles)
    try:
        assert set(ids(index.search("carbin*"))) == {"b/carbine"}
        assert set(ids(index.search("ration*"))) == {"d/rationing"}
        assert set(ids(index.search("blorbatio*"))) == set()
        assert set(ids(index.search("inflatio*"))) == {"e/inflation"}
        body = "Inflationary pressure, and inflation rose."
        assert [body[a:b] for a, b in index.match_ranges("e/inflation", "inflatio*")] == ["Inflationary", "inflation"]
        assert index.match_ranges("a/carb", "carbin*") == []
    finally:
        index.close()


def test_a_wildcard_finds_a_common_stems_rare_form_past_its_hundredth_article(tmp_path):
    # thinkin* is the stem think of thinking: only the 121st article holding think writes thinking
    # (the first 100 were read for it, and thinkin* found nothing).
    articles = {f"a/think{n:03}": (f"Note {n}", "We think so.") for n in range(120)}
    articles["z/thinking"] = ("Last", "Wishful thinking.")
    index = indexed(tmp_path, articles)
    try:
        hits = index.search("thinkin*", limit=None)
        assert "z/thinking" in ids(hits)
        body = "Wishful thinking."
        assert [body[a:b] for a, b in index.match_ranges("z/thinking", "thinkin*")] == ["thinking"]
    finally:
        index.close()


def test_a_stem_no_article_writes_for_a_prefix_is_not_scanned_again_for_a_longer_one(tmp_path, monkeypatch):
    # Typing governo, then governor: govern (government's stem) is no word governo begins in any
    # article; governor's check knows it from governo's, without reading the articles again.
    articles = {f"a/gov{n:02}": (f"Note {n}", "The government and the governors met.") for n in range(30)}
    index = indexed(tmp_path, articles)
    try:
        reader = index.searcher().reader()
        found = search._written_in(reader, "body", "govern", "governo")
        read: list[int] = []
        real = type(reader).stored_fields
        monkeypatch.setattr(type(reader), "stored_fields", lambda self, n: read.append(n) or real(self, n))
        assert (found, search._written_in(reader, "body", "govern", "governor")) == (False, False)
        assert read == []
        assert search._written_in(reader, "body", "govern", "governm") is True  # another prefix: read
        assert read
    finally:
        index.close()


def test_the_next_page_of_a_typed_word_with_hits_is_not_its_prefix_s(tmp_path):
    # The word as typed has a hit (on the first page): its second page is empty, never a page
    # of the words it begins (plan*: planet too), which a list scrolled on would have added.
    index = indexed(tmp_path, {"a/plan": ("Roads", "The council's plan."), "b/planet": ("Sky", "A planet seen.")})
    try:
        assert ids(index.search("plan", unfinished=True)) == ["a/plan"]
        assert not index.search("plan", unfinished=True, offset=1).hits
        assert not index.search("plane", unfinished=True, offset=1).hits  # plane* is planet alone
    finally:
        index.close()


def test_a_wildcard_finds_the_words_written_with_its_prefix_only(tmp_path):
    # The index holds stems: hope* found an article writing hoping only (its stem is hope),
    # happi* one writing happy (happi), and supportiv* every article writing support (the stem
    # of supportive). A wildcard is a prefix of the written word: hits, counts and highlights.
    articles = {
        "a/hoping": ("Rain", "They were hoping for rain."),
        "b/hope": ("Rain", "Hope came, and they kept hoping."),
        "c/happy": ("Joy", "A happy day."),
        "d/happiness": ("Joy", "Happiness is here."),
        "e/support": ("Aid", "They support the plan."),
        "f/supportive": ("Aid", "A supportive crowd."),
    }
    index = indexed(tmp_path, articles)
    try:
        queries = ("hope*", "happi*", "supportiv*", "supportive*", "hoping*", "hop*", "support*")
        found = {query: index.search(query) for query in queries}
        assert {query: sorted(hit.id for hit in res.hits) for query, res in found.items()} == {
            "hope*": ["b/hope"],
            "happi*": ["d/happiness"],
            "supportiv*": ["f/supportive"],
            "supportive*": ["f/supportive"],  # a whole word: parsed as its stem, support
            "hoping*": ["a/hoping", "b/hope"],
            "hop*": ["a/hoping", "b/hope"],
            "support*": ["e/support", "f/supportive"],
        }
        assert found["hope*"].total == 1
        highlighted = [s.text[a:b] for s in found["hope*"].hits[0].snippets for a, b in s.matches]
        assert highlighted == ["Hope"]
        body = "Hope came, and they kept hoping."
        assert [body[a:b] for a, b in index.match_ranges("b/hope", "hope*")] == ["Hope"]
        assert [body[a:b] for a, b in index.match_ranges("b/hope", "hope* hoping")] == ["Hope", "hoping"]
        assert [body[a:b] for a, b in index.match_ranges("b/hope", "hop*")] == ["Hope", "hoping"]
    finally:
        index.close()


def test_a_wildcard_all_of_whose_articles_write_its_prefix_is_searched_as_before(tmp_path):
    # Nothing to leave out: the query is Whoosh's prefix as it was (the same hits and scores).
    index = indexed(tmp_path, {"a/plan": ("Plans", "The planning of plans."), "b/planet": ("Sky", "A planet.")})
    try:
        searcher = index.searcher()
        parsed = search.parse(searcher.schema, "plan*")
        assert search.with_written_stems(parsed, searcher.reader()) == parsed
    finally:
        index.close()


def test_a_quotation_mark_left_open_is_an_error_unless_asked_to_search_the_words(tmp_path):
    # The CLI's typist closes the phrase (the hint says how); the app's paste of a passage that
    # opens a quotation it never closes searches the words after the mark, the phrases closed
    # before it kept, and says so.
    articles = {
        "a/talks": ("Talks", "The peace talks resumed in Geneva."),
        "b/apart": ("Apart", "Talks of peace, and Geneva resumed."),
    }
    index = indexed(tmp_path, articles)
    try:
        typed = index.search('"peace talks" geneva "resumed')
        assert typed.error == 'unbalanced quote mark: close the phrase with "' and not typed.hits
        pasted = index.search('"peace talks" geneva "resumed', open_quote_as_words=True)
        assert pasted.error is None and [hit.id for hit in pasted.hits] == ["a/talks"]
        assert pasted.notes and "left open" in pasted.notes[0]
        apart = index.search("geneva “resumed peace", open_quote_as_words=True)
        assert sorted(hit.id for hit in apart.hits) == ["a/talks", "b/apart"]
        assert index.match_ranges("b/apart", 'geneva "resumed') != []
    finally:
        index.close()


def test_an_article_writing_no_word_a_prefix_begins_is_not_read_again_for_a_longer_one(tmp_path, monkeypatch):
    # Typing supporti, then supportiv: the articles of support that write no supporti... write
    # no supportiv... either; only those that did are read again.
    articles = {f"a/s{n:02}": ("Aid", "They support the plan.") for n in range(20)}
    articles["b/supportive"] = ("Aid", "A supportive crowd.")
    index = indexed(tmp_path, articles)
    try:
        reader = index.searcher().reader()
        terms = ["support"]
        assert search._articles_not_writing(reader, "body", "supporti", terms) is not None
        read: list[int] = []
        real = type(reader).stored_fields
        monkeypatch.setattr(type(reader), "stored_fields", lambda self, n: read.append(n) or real(self, n))
        assert search._articles_not_writing(reader, "body", "supportiv", terms) is not None
        assert len(read) == 1  # the supportive article's
        assert [hit.id for hit in index.search("supportiv*").hits] == ["b/supportive"]
    finally:
        index.close()
