"""Malformed queries get a one-line hint; outlets are matched the same way by --outlet and outlet:."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import write_article  # noqa: E402

from conftest import run_main  # noqa: E402
from reader.corpus.outlet_match import OutletNotFound, match_outlet  # noqa: E402
from reader.index import CorpusIndex  # noqa: E402
from reader.index.query_check import query_problem, valid_date  # noqa: E402

OUTLETS = {"fox": "Fox News", "mt": "The Moscow Times", "nyt": "The New York Times", "r": "Reuters"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("outlets") / "corpus"
    for number, (rel, outlet) in enumerate(OUTLETS.items(), 1):
        write_article(
            root,
            rel,
            f"Budget news {rel}",
            outlet,
            f"2025-10-0{number}",
            "The budget vote happened today in the senate.",
        )
    return root


@pytest.fixture(scope="module")
def index(corpus, tmp_path_factory):
    ix = CorpusIndex([corpus], tmp_path_factory.mktemp("outlets-ix") / "ix")
    ix.update()
    yield ix
    ix.close()


run = run_main  # (exit code, stdout, stderr) of `reader ARGV` in this process


# -- 15: malformed queries -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, hint",
    [
        ('"putin budapest', "unbalanced quote mark"),
        ("(putin OR trump", "add the missing )"),
        ("putin) trump", "a ) has no ("),
        ("title:", "title: needs a value"),
        ("putin title: budapest", "title: needs a value"),
        ("date:[2010 TO", "unclosed date range"),
        ("date:[2010-13-01 TO 2011-01-01]", "not a date: '2010-13-01'"),
        ("date:[2010-02-30 TO]", "not a date: '2010-02-30'"),
        ("date:2010-13", "not a date"),
        ("date:[2010]", "needs TO"),
        ("date:[* TO 2010]", "open end is left empty: date:[TO 2010] or date:[2010 TO]"),
        ("date:[2010 TO *]", "open end is left empty"),
        # What the parser would drop without a word: a dangling operator, a field not there, an empty range.
        ("budget AND", "AND needs a word after it"),
        ("budget OR", "OR needs a word after it"),
        ("budget NOT", "NOT needs a word after it"),
        ("(budget OR) vote", "OR needs a word after it"),
        ("AND", "AND needs a word on each side"),
        ("(OR)", "OR needs a word on each side"),
        ("NOT", "NOT needs a word after it"),
        ("AND budget", "AND needs a word before it"),
        ("vote (OR budget)", "OR needs a word before it"),
        # Two operators in a row: the parser took the second for a word, and found nothing.
        ("budget OR OR vote", "OR OR: two operators in a row"),
        ("budget AND  AND vote", "AND AND: two operators in a row"),
        ("budget NOT OR vote", "NOT OR: two operators in a row"),
        ("budget NOT NOT vote", "NOT NOT: two operators in a row"),
        (
            "foo:bar",
            "there is no field foo: the fields are title, body, outlet, author, quote, speaker, story and date",
        ),
        ('budget foo:"a phrase"', "there is no field foo"),
        ("date:[2011-01-01 TO 2010-01-01]", "the date range is empty: 2011-01-01 is after 2010-01-01"),
        ("date:[2011 TO 2010-12]", "the date range is empty"),
        # A minus as web search engines use it: the parser searched the word it was to leave out.
        ("budget -vote", "-vote would search vote: to leave a word out, write NOT vote"),
        ("-senate", "write NOT senate"),
        ("(budget OR -vote)", "write NOT vote"),
        ("budget title:-obama", "title:-obama would search title:obama: to leave it out, write NOT title:obama"),
        ("Body:-obama", "write NOT body:obama"),
        ("Outlet:-fox", "write NOT outlet:fox"),
        # A date written as other boxes and countries write it said only "not a date: '=2024'".
        ("budget date:=2024", "date:=2024: write date:2024 (no =), since:2024 or until:2024"),
        ("date:==2024-05", "write date:2024-05 (no =)"),
        ("date:2024/05/31", "date:2024/05/31: write date:2024-05-31 (dates are YYYY-MM-DD, YYYY-MM or YYYY)"),
        ("date:2024.05", "write date:2024-05 "),
        ("date:=abc", "not a date: '=abc'"),
        ("date:2024/13", "not a date: '2024/13'"),
    ],
)
def test_malformed_queries_get_a_one_line_hint(index, query, hint):
    assert hint in query_problem(query)
    res = index.search(query)
    assert res.hits == [] and hint in res.error and "\n" not in res.error


@pytest.mark.parametrize(
    "query",
    [
        "budget",
        '"budget vote"',
        "(budget OR senate) AND vote",
        'title:"budget news"',
        "date:[2025-10-01 TO 2025-10-31]",
        "date:[2025 TO]",
        "date:{2024 TO 2026}",
        "date:2025-10",
        "Note: budget",
        'budget "a (phrase" vote',
        "12:30 budget",
        "http://example.com budget",
        '"budget AND"',
        "budget AND NOT vote",
        "NOT budget",
        "budget OR NOT vote",
        '"budget OR OR vote"',
        "date:[2010-12 TO 2010-12-31]",
        "Jong-un budget",
        '"budget -vote"',
        "budget - vote",
        "budget -5",
    ],
)
def test_well_formed_queries_have_no_hint(query):
    assert query_problem(query) is None


def test_field_names_are_read_whatever_their_case(index):
    """`Title:budget` found nothing (the parser knows only `title`) and `Date:2025` searched the
    word 2025, though the hints took both for fields."""
    for upper, lower in (
        ("Title:budget", "title:budget"),
        ("BODY:senate", "body:senate"),
        ("Date:2025-10-02", "date:2025-10-02"),
        ('Title:"budget news" Date:[2025-10-01 TO 2025-10-03]', 'title:"budget news" date:[2025-10-01 TO 2025-10-03]'),
    ):
        expected = sorted(hit.id for hit in index.search(lower).hits)
        assert expected and sorted(hit.id for hit in index.search(upper).hits) == expected, upper
    assert [hit.id for hit in index.search("Date:2025-10-02").hits] == ["mt"]
    assert index.search('"Title:budget"').hits == []  # inside a phrase it is words, as written


def test_valid_dates_are_calendar_dates():
    assert valid_date("2024-02-29") and valid_date("2025-10") and valid_date("2025")
    assert not valid_date("2025-02-29") and not valid_date("2010-13-01") and not valid_date("soon")


def test_cli_refuses_invalid_since_and_until_dates(corpus, tmp_path, capsys):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    for option in ("--since", "--until"):
        code, out, err = run(capsys, *base, "search", "budget", option, "2010-13-01")
        assert code == 2 and out == "" and err.count("\n") == 1
        assert f"{option} must be a real date" in err and "2010-13-01" in err
    code, out, err = run(capsys, *base, "search", "date:[2010 TO")
    assert code == 2 and "unclosed date range" in err and err.count("\n") == 1


def test_a_reversed_since_until_range_is_an_error_not_an_empty_result(corpus, index, tmp_path, capsys):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, err = run(capsys, *base, "search", "budget", "--since", "2026", "--until", "2025")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "the date range is empty: --since 2026 is after --until 2025" in err
    res = index.search("budget", since="2025-11", until="2025-10")
    assert res.hits == [] and "the date range is empty" in res.error
    assert index.search("budget", since="2025-10", until="2025-10").hits  # one month: not empty


# -- 16: outlets matched the same way everywhere ----------------------------------------------------


def test_the_no_outlet_list_shows_is_said_to_be_no_outlet_s_name():
    # `list` shows "(no outlet)" in its outlet column; `list --outlet "(no outlet)"` was told "did
    # you mean Fox News?", and "shows the 1 outlets" counted one outlet as many.
    with pytest.raises(OutletNotFound, match=r"^\(no outlet\) is how an article whose metadata names no outlet"):
        match_outlet("(no outlet)", ["Fox News", "Reuters"])
    with pytest.raises(OutletNotFound, match=r"\(`reader list` shows the 1 outlet\)$"):
        match_outlet("zzz", ["Fox News"])
    with pytest.raises(OutletNotFound, match=r"\(`reader list` shows its 1 outlet\)$"):
        match_outlet("bbc", ["Fox News"])


def test_outlet_matching_rules():
    names = list(OUTLETS.values())
    assert match_outlet("fox news", names).how == "name"
    assert match_outlet("FOX NEWS", names).name == "Fox News"
    assert match_outlet("Moscow Times", names).how in ("name", "alias")  # "The" is ignored
    nyt = match_outlet("nyt", names)
    assert (nyt.name, nyt.how) == ("The New York Times", "alias")
    mosc = match_outlet("mosc", names)
    assert (mosc.name, mosc.how) == ("The Moscow Times", "prefix")
    assert match_outlet("reu", names).describe("reu") == "outlet 'reu' is short for Reuters"
    with pytest.raises(OutletNotFound, match="matches 2 outlets"):
        match_outlet("times", names)
    with pytest.raises(OutletNotFound, match="did you mean Fox News"):
        match_outlet("foks", names)
    with pytest.raises(OutletNotFound, match="no outlet matches 'zzz'"):
        match_outlet("zzz", names)
    with pytest.raises(OutletNotFound, match="no outlet matches '!!!': an outlet's name has letters or digits"):
        match_outlet("!!!", names)  # given, not missing
    with pytest.raises(OutletNotFound, match="an outlet name is needed"):
        match_outlet("  ", names)
    # A registered outlet the corpus has no article of is named, not taken for an unknown word.
    with pytest.raises(OutletNotFound, match="no outlet matches 'bbc': BBC News has no articles in this corpus"):
        match_outlet("bbc", names)


def test_outlet_option_and_query_field_find_the_same_articles(corpus, tmp_path, capsys):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    for asked, rel in (("fox", "fox"), ("FOX", "fox"), ("nyt", "nyt"), ("mosc", "mt"), ("Reuters", "r")):
        code, out, err = run(capsys, *base, "search", "budget", "--outlet", asked, "--json")
        assert code == 0 and [h["id"] for h in json.loads(out)] == [rel], asked
        said = err
        code, out, err = run(capsys, *base, "search", f"budget outlet:{asked}", "--json")
        assert code == 0 and [h["id"] for h in json.loads(out)] == [rel], asked
        assert err == said  # the same note (or none) either way
        code, out, err = run(capsys, *base, "list", "--outlet", asked, "--json")
        assert code == 0 and [a["id"] for a in json.loads(out)] == [rel], asked
    code, out, err = run(capsys, *base, "search", "budget", "--outlet", "mosc")
    assert "outlet 'mosc' is short for The Moscow Times" in err


def test_an_unknown_or_ambiguous_outlet_is_a_usage_error(corpus, tmp_path, capsys):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, err = run(capsys, *base, "search", "budget", "--outlet", "times")
    assert code == 2 and out == "" and "The Moscow Times, The New York Times" in err
    code, out, err = run(capsys, *base, "list", "--outlet", "foks")
    assert code == 2 and out == "" and "did you mean Fox News" in err
    # In a query an ambiguous outlet word keeps matching every outlet with that word.
    code, out, err = run(capsys, *base, "search", "outlet:times", "--json")
    assert code == 0 and {h["id"] for h in json.loads(out)} == {"mt", "nyt"}


def test_an_outlet_field_that_names_no_outlet_says_so_when_nothing_is_found(corpus, index, tmp_path, capsys):
    """`outlet:foxx` found nothing and said nothing (exit 1), where `--outlet foxx` names the
    outlet meant; a word that still finds one (`outlet:foxes`, stemmed) needs no note."""
    res = index.search("budget outlet:foxx")
    assert res.hits == [] and res.notes == ["no outlet matches 'foxx'; did you mean Fox News?"]
    assert [hit.id for hit in index.search("outlet:foxes").hits] == ["fox"] and index.search("outlet:foxes").notes == []
    assert not any("no outlet" in note for note in index.search("outlet:times").notes)  # several: no miss
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, err = run(capsys, *base, "search", "outlet:zzz", "--json")
    assert code == 1 and json.loads(out) == [] and "no outlet matches 'zzz'" in err and err.count("\n") == 1


@pytest.mark.parametrize("marks", ["\u201c\u201d", "\u201e\u201c", "\u00ab\u00bb", "\uff02\uff02"])
def test_smart_quotes_and_guillemets_make_a_phrase(index, marks):
    """“vote budget” (smart quotes, or pasted) searched the two words anywhere; it is a phrase,
    as "vote budget" is (which no article has, in that order)."""
    opening, closing = marks
    assert [h.id for h in index.search('"budget vote"').hits]
    for words in ("budget vote", "vote budget"):
        expected = sorted(h.id for h in index.search(f'"{words}"').hits)
        assert sorted(h.id for h in index.search(f"{opening}{words}{closing}").hits) == expected
    assert index.search("vote budget").hits  # the words alone are everywhere
    assert "unbalanced quote mark" in index.search(f"{opening}budget vote").error
    assert [h.id for h in index.search(f"outlet:{opening}fox news{closing} budget").hits] == ["fox"]


def test_an_outlet_field_that_names_no_outlet_names_the_listing_of_this_corpus(corpus, tmp_path, capsys):
    # `outlet:zzz` hinted a bare `reader list`, which lists another corpus (the bundled seeds).
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, err = run(capsys, *base, "search", "outlet:zzz", "--json")
    assert code == 1 and f"(`reader --corpus {corpus} --index {tmp_path / 'ix'} list` shows the 4 outlets)" in err


@pytest.mark.parametrize(
    "names",
    [
        ["Rally \u2764\ufe0f News", "Rally \u2764 News"],
        ["Rally \u2764\ufe0f News", "Rally \u2764 News", "Rally \u2764\ufe0e News"],
        ["Daily Planet", "DAILY PLANET"],
    ],
)
def test_names_of_one_outlet_are_one_outlet_to_match(names):
    # "matches 2 outlets; say which" for one outlet written with and without an emoji's selector
    # or in capitals, which --outlet and outlet: then filter as one (outlet_key).
    found = match_outlet(names[0].split()[0][:4].lower(), names)
    assert found.how == "prefix" and found.name in names
    assert match_outlet(names[-1], reversed(names)).name == found.name  # one name shown, in any order


def test_outlets_whose_names_differ_by_an_emoji_alone_are_told_apart():
    # name_key drops the emoji: by_key kept the last one, so `--outlet "Rally ❤️ News"` gave 🔥's.
    names = ["Rally \u2764 News", "Rally \U0001f525 News"]
    assert match_outlet("Rally \u2764\ufe0f News", names).name == "Rally \u2764 News"
    assert match_outlet("Rally \U0001f525 News", reversed(names)).name == "Rally \U0001f525 News"
    with pytest.raises(OutletNotFound, match=r"'rally news' matches 2 outlets \(Rally ❤ News, Rally 🔥 News\)"):
        match_outlet("rally news", names)


def test_list_outlet_finds_every_article_of_an_outlet_written_two_ways(tmp_path, capsys):
    root = tmp_path / "corpus"
    for rel, outlet in (
        ("a", "Daily Planet"),
        ("b", "DAILY PLANET"),
        ("c", "Rally \u2764 News"),
        ("d", "Rally \U0001f525 News"),
    ):
        write_article(root, rel, f"Storm {rel}", outlet, "2025-10-01", "The storm hit the coast today.")
    base = ["--corpus", str(root), "--index", str(tmp_path / "ix")]
    code, out, err = run(capsys, *base, "list", "--outlet", "daily", "--json")
    assert code == 0 and sorted(a["id"] for a in json.loads(out)) == ["a", "b"], err
    code, out, err = run(capsys, *base, "list", "--outlet", "Rally \u2764\ufe0f News", "--json")
    assert code == 0 and [a["id"] for a in json.loads(out)] == ["c"], err
