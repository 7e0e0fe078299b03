"""Numbers, names written with symbols and domain names are whole words (terms v23): `1,000`
finds 1,000 and 1000, never 2,000; `3,5` is 3.5; AT&T, P&G, C++, F# are found as written (and
by their letters alone: ATT finds AT&T); `example.org` finds www.example.org. Highlights and
snippets show what was found."""

from __future__ import annotations

import pytest
from search_corpus import ids, index_fixture, indexed

from reader.index import textproc
from reader.index.languages import article_language

ARTICLES = {
    "n/thousand": ("Budget", "The council spent 1,000 dollars on roads."),
    "n/plain": ("Budget", "The council spent 1000 dollars on lamps."),
    "n/two": ("Budget", "The council spent 2,000 dollars on parks."),
    "n/million": ("Budget", "A grant of 1,000,000 dollars, 12,500.75 in fees, 12,500 in taxes for 500 people."),
    "n/decimal_dot": ("Rates", "Inflation rose 3.5 percent."),
    "n/decimal_comma": ("Rates", "Die Inflation stieg um 3,5 Prozent."),
    "n/list": ("Rates", "Options 1,2,3 were offered."),
    "n/sizes": ("Rates", "Sizes 10,20,30 were sold."),
    "n/years": ("Rates", "Sales in 2019,2020 fell."),
    "s/att": ("Carriers", "AT&T cut prices for wireless plans."),
    "s/att_plain": ("Carriers", "ATT is a ticker some write for the carrier."),
    "s/pg": ("Brands", "P&G raised its forecast."),
    "s/att_possessive": ("Carriers", "AT\u2019s rival and AT&T\u2019s network."),
    "s/cpp": ("Languages", "Code in C++ and F# was compared with C."),
    "s/dotnet": ("Languages", "Microsoft shipped .NET nine."),
    "s/net": ("Fishing", "The net was full of fish."),
    "d/www": ("Sites", "Read more at www.example.org today."),
    "d/bare": ("Sites", "Read more at example.org today."),
    "d/other": ("Sites", "Read more at www.example.com today."),
    "d/sub": ("Sites", "Read more at news.example.org now."),
    "d/uk": ("Sites", "Read more at news.bbc.co.uk now."),
}

index = index_fixture("index", ARTICLES)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("1,000", ["n/plain", "n/thousand"]),
        ("1000", ["n/plain", "n/thousand"]),
        ("2,000", ["n/two"]),
        ("1,000,000", ["n/million"]),
        ("1000000", ["n/million"]),
        ("12,500.75", ["n/million"]),
        ("3.5", ["n/decimal_comma", "n/decimal_dot"]),
        ("3,5", ["n/decimal_comma", "n/decimal_dot"]),
        ('"spent 1,000 dollars"', ["n/plain", "n/thousand"]),
    ],
)
def test_a_number_is_one_word_whatever_its_separators(index, query, expected):
    assert ids(index.search(query)) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("2019", ["n/years"]),
        ("2020", ["n/years"]),
        ("20", ["n/sizes"]),
        ("30", ["n/sizes"]),
        ("2019.2020", []),
        ("10.20.30", []),
    ],
)
def test_a_list_of_numbers_is_its_numbers(index, query, expected):
    # Only a thousands group or a number's one comma joins digits: "2019,2020" is two years.
    results = index.search(query)
    assert ids(results) == expected


def test_a_number_in_a_list_is_highlighted(index):
    body = ARTICLES["n/years"][1]
    assert [body[a:b] for a, b in index.match_ranges("n/years", "2019")] == ["2019"]
    assert [body[a:b] for a, b in index.match_ranges("n/years", "2020")] == ["2020"]


def test_a_number_no_longer_finds_its_last_group(index):
    # "000" was the term of 1,000 and 2,000 alike.
    results = index.search("000")
    assert results.error or ids(results) == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ("AT&T", ["s/att", "s/att_possessive"]),
        ("at&t", ["s/att", "s/att_possessive"]),
        ('"AT&T cut prices"', ["s/att"]),
        ("ATT", ["s/att", "s/att_plain", "s/att_possessive"]),
        ("AT&T's", ["s/att", "s/att_possessive"]),
        ("P&G", ["s/pg"]),
        ("PG", ["s/pg"]),
        ("C++", ["s/cpp"]),
        ("F#", ["s/cpp"]),
        (".NET", ["s/dotnet"]),  # a whole word since terms v24, as C++ is
        ("net", ["s/dotnet", "s/net"]),  # its letters alone, as ATT finds AT&T
        ("title:AT&T OR P&G", ["s/pg"]),
    ],
)
def test_a_name_with_symbols_is_one_word(index, query, expected):
    assert ids(index.search(query)) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("example.org", ["d/bare", "d/sub", "d/www"]),
        ("www.example.org", ["d/www"]),
        ("example.com", ["d/other"]),
        ("bbc.co.uk", ["d/uk"]),
        ("co.uk", []),
    ],
)
def test_a_domain_is_found_by_its_tail(index, query, expected):
    assert ids(index.search(query)) == expected


@pytest.mark.parametrize(
    "article, query, shown",
    [
        ("n/thousand", "1000", ["1,000"]),
        ("n/plain", "1,000", ["1000"]),
        ("n/decimal_comma", "3.5", ["3,5"]),
        ("s/att", "ATT", ["AT&T"]),
        ("s/att", "AT&T", ["AT&T"]),
        ("s/att_possessive", "ATT", ["AT&T\u2019s"]),
        ("s/cpp", "C++", ["C++"]),
        ("s/dotnet", "net", [".NET"]),  # the whole word the index matched, as ATT's AT&T
        ("d/www", "example.org", ["www.example.org"]),
    ],
)
def test_highlights_and_snippets_show_what_was_found(index, article, query, shown):
    body = ARTICLES[article][1]
    assert [body[a:b] for a, b in index.match_ranges(article, query)] == shown
    (hit,) = [h for h in index.search(query).hits if h.id == article]
    snippet = hit.snippets[0]
    assert [snippet.text[a:b] for a, b in snippet.matches] == shown


def test_a_highlight_never_takes_another_number(index):
    assert index.match_ranges("n/two", "1,000") == []
    assert index.match_ranges("n/million", "1,000") == []
    # A group of a number is no word of its own: 500 is highlighted alone, not in 12,500.75.
    body = ARTICLES["n/million"][1]
    assert index.match_ranges("n/million", "500") == [(body.index("500 people"), body.index("500 people") + 3)]


@pytest.mark.parametrize(
    "query",
    [
        "[bold]AT&T[/bold]",
        "AT&&T",
        "C+++",
        "&&",
        "++",
        "#",
        "1,,000",
        "1" + ",1" * 5000,
        "a&b" * 3000,
        ",000",
        "1," + "000," * 5000 + "000",
        "&" * 5000,
        "a&" * 3000,
        ".NET\x1b[31m",
        "\u202eAT&T",
        "www." + "a." * 3000 + "org",
    ],
)
def test_hostile_queries_give_an_answer_or_one_line(index, query):
    results = index.search(query)
    if results.error is not None:
        assert "\n" not in results.error and len(results.error) < 400
    else:
        assert all(h.id in ARTICLES for h in results.hits)


def test_the_symbol_patterns_stay_inside_words():
    # A name glued to a longer word, or more letters than a short name has, is words as before.
    assert [w for w, _, _ in textproc.words("Johnson&Johnson")] == ["johnson", "johnson"]
    assert [w for w, _, _ in textproc.words("x2C++")] == ["x2c"]
    assert [w for w, _, _ in textproc.words("1,2,3")] == ["1", "2", "3"]  # a list, as before
    assert [w for w, _, _ in textproc.words("2019,2020 1234,567 1,000,5")] == [
        "2019",
        "2020",
        "1234",
        "567",
        "1,000",
        "5",
    ]
    assert [w for w, _, _ in textproc.words("A&B&C and ABCD&T")] == ["a", "b", "c", "and", "abcd", "t"]
    assert [w for w, _, _ in textproc.words("paid 1,000, then")] == ["paid", "1,000", "then"]
    assert textproc.alternate_words("u.s.a") == ()
    # A registry's tail (co.uk, net.au) names every site of a country: not a word of the name.
    assert textproc.alternate_words("news.bbc.co.uk") == ("bbc.co.uk",)
    assert textproc.alternate_words("www.abc.net.au") == ("abc.net.au",)
    assert textproc.alternate_words("www.news.com") == ("news.com",)
    assert textproc.alternate_words("a.b.jane.blogspot.com") == ("b.jane.blogspot.com", "jane.blogspot.com")
    assert textproc.alternate_words("said.he.went") == ()  # a typo, no site: went is no suffix
    # Longer than a domain name can be: junk, not thousands of tails each as long as the rest.
    junk = ".".join(["ab"] * 3000) + ".com"
    assert textproc.alternate_words(junk) == ()
    assert len(textproc.term_positions(junk)[0]) == 1


def test_an_index_of_the_old_terms_is_rebuilt(tmp_path, monkeypatch):
    """An index built before terms v23 (schema 70: 1,000 was 1 and 000) is rebuilt by the next
    update, with progress, and then 1,000 finds 1000 and not 2,000."""
    from reader.index import CorpusIndex, layout, state, store

    old = layout.SCHEMA_VERSION - 1
    real_positions = textproc.term_positions
    articles = {k: ARTICLES[k] for k in ("n/thousand", "n/plain", "n/two")}

    def v22_positions(text, language=None):
        # v22 parted a number at its comma.
        return real_positions(text.replace(",", " "), language)

    with monkeypatch.context() as old_code:
        for module in (layout, store, state):
            old_code.setattr(module, "SCHEMA_VERSION", old)
        old_code.setattr(store, "VERSION_FIELD", f"schema_v{old}")
        old_code.setattr(textproc, "term_positions", v22_positions)
        index = indexed(tmp_path, articles)
        assert ids(index.search("1000")) == ["n/plain"]  # the old index, as it was
        index.close()
    index = CorpusIndex([tmp_path / "corpus"], tmp_path / "index")
    seen: list[tuple[int, int, str]] = []
    try:
        assert (
            "older version" in index.update(progress=lambda done, total, what: seen.append((done, total, what))).notice
        )
        assert seen and seen[-1][0] == seen[-1][1]
        assert ids(index.search("1,000")) == ["n/plain", "n/thousand"]
        assert ids(index.search("1000")) == ["n/plain", "n/thousand"]
    finally:
        index.close()


@pytest.mark.parametrize("form", ["1,000", "3,5", "AT&T", "C++", "example.org", "12.500.000", ".NET"])
def test_each_form_is_documented_in_the_readme_the_search_help_and_the_help_screen(form):
    from pathlib import Path

    from reader.commands.search import QUERY_HELP
    from reader.tui.screens.help import QUERY_LANGUAGE

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    screen = " ".join(f"{example} {meaning}" for example, meaning in QUERY_LANGUAGE)
    assert f"`{form}`" in readme and form in QUERY_HELP and form in screen


@pytest.mark.parametrize(
    "text, terms, shown",
    [
        ("AT&T AT&T and AT&T", {"att"}, ["AT&T", "AT&T", "AT&T"]),
        ("www.example.org www.example.org", {"example.org"}, ["www.example.org", "www.example.org"]),
        ("paid 1,000 1,000, 2,000 and 1000", {"1000"}, ["1,000", "1,000", "1000"]),
        ("rates 3,5 3,5 3.5 3,55", {"3.5"}, ["3,5", "3,5", "3.5"]),
        ("C++ C++ c++", {"c++"}, ["C++", "C++", "c++"]),
    ],
)
def test_each_of_words_side_by_side_is_highlighted(text, terms, shown):
    # The word after one found was once taken as looked at, and its own symbol skipped.
    assert [text[a:b] for a, b in textproc.find_term_ranges(text, frozenset(terms))] == shown


# Long enough for its language to be told (reader.index.languages): German writes thousands with dots.
GERMAN = (
    "Die Bundesregierung hat am Montag beschlossen, dass die Stadt 1.000 Euro für die Schulen und 4.600 Euro"
    " für die Straßen ausgeben wird. Das ist mehr als im letzten Jahr, sagte der Bürgermeister. Die Opposition"
    " kritisierte den Plan, weil sie die Kosten für zu hoch hält und nicht mit den Bürgern gesprochen wurde."
    " Insgesamt kostet das Projekt 12.500.000 Euro, davon 1.000,50 Euro für Gutachten, und die Arbeiten sollen"
    " im nächsten Frühjahr beginnen, wenn das Wetter es zulässt."
)
DOTS = {
    "e/de": ("Haushalt", GERMAN),
    "e/en": ("Rates", "The index rose 1.000 points and 4.600 percent; the fund holds 12.500.000 shares."),
    "e/plain": ("Rates", "The council spent 1000 dollars and 1000.50 on fees."),
    "w/dotnet": ("Languages", "Microsoft shipped .NET nine, and (.NET's) runtime."),
    "w/net": ("Fishing", "The net was full of fish."),
    "w/io": ("Sites", "A .io domain costs more than a .com one."),
    "w/bidi": ("Sites", "Read more at www.exa\u200fmple.org today."),
    "w/bidi_dot": ("Sites", "Read more at www.\u2067example.org today."),
}

dots = index_fixture("dots", DOTS)


@pytest.mark.parametrize(
    "query, expected",
    [
        # German writes a thousand 1.000; English 1.000 is a decimal (1.0).
        ("1000", ["e/de", "e/plain"]),
        ("1,000", ["e/de", "e/plain"]),
        ("4600", ["e/de"]),
        # Two dot groups are thousands in any language: no decimal has two points.
        ("12500000", ["e/de", "e/en"]),
        ("12,500,000", ["e/de", "e/en"]),
        ("12.500.000", ["e/de", "e/en"]),
        # A decimal comma after a dot group: 1.000,50 is 1000.50.
        ("1000.50", ["e/de", "e/plain"]),
        ("1.000,50", ["e/de", "e/plain"]),
        ('"kostet das Projekt 12500000 Euro"', ["e/de"]),
    ],
)
def test_a_number_with_thousands_dots_is_its_digits(dots, query, expected):
    assert ids(dots.search(query)) == expected


def test_one_dot_group_stays_a_decimal_in_english(dots):
    assert ids(dots.search("1.000")) == ["e/de", "e/en"]  # e/en's 1.000 as written; e/de's as 1000
    assert textproc.whole_number("1.000") == "1.000"
    assert textproc.whole_number("1.000", dot_thousands=True) == "1000"
    assert textproc.whole_number("1.5", dot_thousands=True) == "1.5"
    assert textproc.whole_number("1.0000", dot_thousands=True) == "1.0000"
    assert textproc.whole_number("12.500.000") == "12500000"
    assert textproc.whole_number("1.000,5") == "1000.5"


@pytest.mark.parametrize(
    "article, query, shown",
    [
        ("e/de", "1000", ["1.000"]),
        ("e/de", "4600", ["4.600"]),
        ("e/de", "12500000", ["12.500.000"]),
        ("e/de", "1000.50", ["1.000,50"]),
        ("e/en", "12500000", ["12.500.000"]),
        ("w/dotnet", ".NET", [".NET", ".NET's"]),
        ("w/dotnet", "net", [".NET", ".NET's"]),
        ("w/io", ".io", [".io"]),
        ("w/bidi", "example.org", ["www.exa\u200fmple.org"]),
        ("w/bidi_dot", "example.org", ["www.\u2067example.org"]),
    ],
)
def test_dotted_numbers_dot_names_and_bidi_domains_are_highlighted_as_found(dots, article, query, shown):
    body = DOTS[article][1]
    assert [body[a:b] for a, b in dots.match_ranges(article, query)] == shown
    (hit,) = [h for h in dots.search(query).hits if h.id == article]
    in_snippet = [hit.snippets[0].text[a:b] for a, b in hit.snippets[0].matches]
    assert in_snippet and in_snippet == shown[: len(in_snippet)]


@pytest.mark.parametrize(
    "query, expected",
    [
        (".NET", ["w/dotnet"]),
        (".net", ["w/dotnet"]),
        ("net", ["w/dotnet", "w/net"]),
        ('"shipped .NET nine"', ["w/dotnet"]),
        (".io", ["w/io"]),
        ("io", ["w/io"]),
        (".com", ["w/io"]),
        ("example.org", ["w/bidi", "w/bidi_dot"]),
        ("www.example.org", ["w/bidi", "w/bidi_dot"]),
    ],
)
def test_a_name_with_a_dot_before_it_is_one_word(dots, query, expected):
    assert ids(dots.search(query)) == expected


@pytest.mark.parametrize(
    "text, shown",
    [
        ("Use .NET now, (.net) or .NET's runtime. .NET.", [".NET", ".net", ".NET's", ".NET"]),
        # A dot that starts no name is no part of the word: net found after it, as the index has it.
        ("x...net -.net a/.net", ["net", "net", ".net"]),
        ("end.Net .NET.Framework", []),
        # A text whose lower case moves offsets (the dotted capital I) is read word by word.
        ("\u0130stanbul .NET and AT&T", [".NET"]),
    ],
)
def test_net_highlights_the_whole_dot_name_it_found(text, shown):
    found = textproc.find_term_ranges(text, frozenset({"net"}))
    assert [text[a:b] for a, b in found] == shown


def test_a_dot_starts_a_name_only_where_a_word_may_start():
    assert [w for w, _, _ in textproc.words(".NET (.io) \u201c.com\u201d a/.NET .co.uk")] == [
        ".net",
        ".io",
        ".com",
        "a",
        ".net",
        ".co.uk",
    ]
    # After a word, a dot or an apostrophe, a decimal, or a word going on with other letters.
    assert [w for w, _, _ in textproc.words("end.Net x...net 'quoted'.io .5 .Neté")] == [
        "end.net",
        "x",
        "net",
        "quoted",
        "io",
        "5",
        "neté",
    ]
    assert textproc.alternate_words(".net") == ("net",)
    assert textproc.alternate_words(".co.uk") == ("co.uk",)
    assert textproc.alternate_words(textproc.fold("www.exa\u200fmple.org")) == ("example.org",)


def test_an_index_of_terms_v23_is_rebuilt(tmp_path, monkeypatch):
    """An index built with terms v23 (schema 71: .NET was net, German 1.000 a decimal) is rebuilt
    by the next update, with progress, and then .NET finds .NET alone and 1000 the German 1.000."""
    from reader.index import CorpusIndex, layout, state, store

    old = layout.SCHEMA_VERSION - 1
    real_positions = textproc.term_positions
    articles = {k: DOTS[k] for k in ("e/de", "w/dotnet", "w/net")}

    def v23_positions(text, language=None):
        # v23 read a dot before a name as no part of it, and one dot group as a decimal.
        return real_positions(text.replace(".NET", " NET").replace("1.000", "1.0"), language)

    with monkeypatch.context() as old_code:
        for module in (layout, store, state):
            old_code.setattr(module, "SCHEMA_VERSION", old)
        old_code.setattr(store, "VERSION_FIELD", f"schema_v{old}")
        old_code.setattr(textproc, "term_positions", v23_positions)
        index = indexed(tmp_path, articles)
        assert ids(index.search("1000")) == []  # the old index, as it was
        index.close()
    index = CorpusIndex([tmp_path / "corpus"], tmp_path / "index")
    seen: list[tuple[int, int, str]] = []
    try:
        assert (
            "older version" in index.update(progress=lambda done, total, what: seen.append((done, total, what))).notice
        )
        assert seen and seen[-1][0] == seen[-1][1]
        assert ids(index.search(".NET")) == ["w/dotnet"]
        assert ids(index.search("1000")) == ["e/de"]
    finally:
        index.close()


def test_the_highlighter_passes_over_a_run_of_symbol_junk_with_no_space():
    """A run of textproc.JUNK_RUN characters with no space (symbols run together) is no prose:
    its candidate words, one every three characters, are not read (85 KB took 0.5 s); the words
    around it are highlighted as ever."""
    junk = ("AT&T" * textproc.JUNK_RUN)[: 2 * textproc.JUNK_RUN]
    text = f"AT&T budget {junk} budget AT&T"
    shown = [text[a:b] for a, b in textproc.find_term_ranges(text, frozenset({"att", "budget"}))]
    assert shown == ["AT&T", "budget", "budget", "AT&T"]
    # A shorter run is read whole, each of its words as the index has them.
    short = "C++ " + "x" * (textproc.JUNK_RUN - 10) + "C++"
    assert [short[a:b] for a, b in textproc.find_term_ranges(short, frozenset({"c++"}))] == ["C++"]
    # CJK text, written without spaces, is no junk: a word inside it is highlighted.
    cjk = "东京" * textproc.JUNK_RUN + "budget" + "东京" * 10
    assert [cjk[a:b] for a, b in textproc.find_term_ranges(cjk, frozenset({"budget"}))] == ["budget"]


@pytest.mark.parametrize("word", ["AT&T", "1,000", "C++", "www.example.org"])
def test_each_of_many_symbol_words_close_together_is_highlighted(word):
    # The words around the anchors are read in one scan while the anchors are near each other.
    term = {"AT&T": "att", "1,000": "1000", "C++": "c++", "www.example.org": "example.org"}[word]
    text = " ".join([word, "x"] * 3000)
    found = textproc.find_term_ranges(text, frozenset({term}))
    assert len(found) == 3000 and all(text[a:b] == word for a, b in found)


def test_the_words_inside_a_junk_run_are_not_highlighted_but_those_around_it_are():
    # Words a slash parts (a URL's path run on): each would be a highlight, were the run read.
    run = ("budget/" * textproc.JUNK_RUN)[: textproc.JUNK_RUN + 100]
    text = f"Budget news. {run} then budget."
    assert [text[a:b] for a, b in textproc.find_term_ranges(text, frozenset({"budget"}))] == ["Budget", "budget"]
    # One character short of a junk run, it is read: each of its words is highlighted.
    short = run[: textproc.JUNK_RUN - 1]
    assert len(textproc.find_term_ranges(short, frozenset({"budget"}))) == short.count("budget")


def test_an_article_with_a_long_url_is_found_and_its_snippet_stays_short(tmp_path):
    url = "https://example.com/budget/" + "abcdefgh" * 700 + "?q=budget"
    articles = {
        "j/url": ("Links", f"An opening line. {url} and a closing line."),
        "j/after": ("Links", f"Intro words here. {url} The budget passed at the end."),
    }
    index = indexed(tmp_path, articles)
    try:
        results = index.search("budget")
        assert ids(results) == ["j/after", "j/url"]
        for hit in results.hits:
            for snippet in hit.snippets:
                assert len(snippet.text) < 400
                assert all(snippet.text[a:b].lower() == "budget" for a, b in snippet.matches)
        (after,) = [h for h in results.hits if h.id == "j/after"]
        assert any(s.matches for s in after.snippets)  # the budget after the run, highlighted
    finally:
        index.close()


def test_a_number_starting_with_zero_and_a_dot_is_a_decimal_in_any_language():
    # No thousands group follows a lone zero: German's 0.500 is a half (as written), never 500.
    assert textproc.whole_number("0.500", dot_thousands=True) == "0.500"
    assert textproc.whole_number("0.500.000") == "0.500.000"
    assert textproc.whole_number("1.500", dot_thousands=True) == "1500"
    text = GERMAN.replace("1.000 Euro für die Schulen", "eine Quote von 0.500 für die Schulen")
    positions, _ = textproc.term_positions(text, "de")
    assert not any(term.split("@")[0] == "0500" for term in positions)
    assert any(term.split("@")[0] == "0.500" for term in positions)


def test_a_typo_of_net_is_corrected_to_the_word_not_to_the_dot_name(tmp_path):
    # net found in .NET (its alternate word) suggests net, which finds .NET and net alike;
    # `.NET` would find .NET alone.
    index = indexed(tmp_path, {"w/dotnet": ("Languages", "Microsoft shipped .NET nine.")})
    try:
        assert index.search("nett").corrected == "net"
    finally:
        index.close()


# A comma after a lone zero is a decimal comma, three digits after it or not: no thousands group
# follows a zero, so `0,500` is 0.500 (a half), never 500 nor 0500, in any article's language.
ZERO_COMMA = {
    "z/de": ("Quote", GERMAN.replace("1.000 Euro für die Schulen", "eine Quote von 0,500 für die Schulen")),
    "z/fr": (
        "Taux",
        "Le conseil municipal a voté hier soir un nouveau budget pour la ville, et le taux de la taxe"
        " passe à 0,500 pour cent, selon le maire, qui a présenté les comptes de l'année devant les"
        " élus réunis dans la grande salle de la mairie. Les habitants de la commune ont appris la"
        " nouvelle par le journal local, et ils ne sont pas tous contents de cette hausse des impôts.",
    ),
    "z/en": ("Rates", "The fund's rate was 0,500 last year, its reports say."),
    "z/dot": ("Rates", "The fund's rate was 0.500 this year."),
    "z/short": ("Rates", "The rate fell to 0,5 in May."),
    "z/five_hundred": ("Rates", "The fund paid 500 dollars."),
    "z/thousands": ("Rates", "The fund paid 10,500 dollars."),
}

zero_comma = index_fixture("zero_comma", ZERO_COMMA)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("0,500", ["z/de", "z/dot", "z/en", "z/fr"]),
        ("0.500", ["z/de", "z/dot", "z/en", "z/fr"]),
        ("500", ["z/five_hundred"]),
        ("0500", []),
        ("0,5", ["z/short"]),
        ("10,500", ["z/thousands"]),
        ("10500", ["z/thousands"]),
        ('"rate was 0,500"', ["z/dot", "z/en"]),
    ],
)
def test_a_comma_after_a_lone_zero_is_a_decimal_comma(zero_comma, query, expected):
    assert ids(zero_comma.search(query)) == expected


@pytest.mark.parametrize(
    "article, query, shown",
    [
        ("z/de", "0.500", ["0,500"]),
        ("z/fr", "0,500", ["0,500"]),
        ("z/en", "0.500", ["0,500"]),
        ("z/dot", "0,500", ["0.500"]),
        ("z/thousands", "10500", ["10,500"]),
    ],
)
def test_a_decimal_comma_after_a_zero_is_highlighted_whole(zero_comma, article, query, shown):
    body = ZERO_COMMA[article][1]
    assert [body[a:b] for a, b in zero_comma.match_ranges(article, query)] == shown
    (hit,) = [h for h in zero_comma.search(query).hits if h.id == article]
    assert [hit.snippets[0].text[a:b] for a, b in hit.snippets[0].matches] == shown


def test_the_zero_comma_articles_are_read_in_their_languages():
    assert [article_language(ZERO_COMMA[key][1]) for key in ("z/de", "z/fr", "z/en")] == ["de", "fr", "en"]


def test_a_group_after_a_zero_and_its_comma_is_not_highlighted_for_its_digits(zero_comma):
    assert zero_comma.match_ranges("z/en", "500") == []
    assert textproc.whole_number("0,500") == "0.500"
    assert textproc.whole_number("0,500", dot_thousands=True) == "0.500"
    assert textproc.whole_number("10,500") == "10500"
    for language in (None, "de", "fr", "es"):
        assert textproc.bare_term(textproc.analyse("0,500", language) or "") == "0.500"


@pytest.mark.parametrize(
    "text, word",
    [
        ("They wrote net'0,5 there.", "net'0,5"),  # one word across the decimal comma
        ("See (.io0,5, here.", ".io0"),  # a name with its dot ends at the comma
    ],
)
def test_a_word_before_a_number_comma_is_highlighted_as_indexed(text, word):
    # The prefix scan's candidate stopped at the comma and was taken for a group of a number.
    assert word in [w for w, _, _ in textproc.words(text)]
    found = textproc.find_term_ranges(text, frozenset({textproc.analyse(word)}))
    assert [text[a:b].lower() for a, b in found] == [word]


def test_a_typo_of_a_name_s_letters_is_corrected_to_its_letters_not_to_the_name_written_with_its_symbol(tmp_path):
    # atx was "Did you mean at&t": AT&T is where att is found, not a spelling of what was typed.
    index = indexed(tmp_path, {"s/att": ("Carriers", "AT&T cut prices for wireless plans.")})
    try:
        assert index.search("atx").corrected == "att"
        assert ids(index.search("att")) == ["s/att"]  # which finds AT&T
        assert index.search("wirelss").corrected == "wireless"  # a word's own form, as before
    finally:
        index.close()
