"""A run of textproc.JUNK_RUN characters or more with no space is passed over by the highlighter
(symbols run together), unless it holds a script written without spaces between words (Thai,
Lao, Khmer, Burmese): such a run is a paragraph, read word by word as the index read it, so a
hit deep inside it is highlighted in the article and its snippet."""

from __future__ import annotations

import pytest
from search_corpus import ids, indexed

from reader.index import textproc

THAI = "ประเทศไทยจัดการเลือกตั้ง"
LAO = "ປະເທດລາວມີການເລືອກຕັ້ງ"
KHMER = "ប្រទេសកម្ពុជាបោះឆ្នោត"
BURMESE = "မြန်မာနိုင်ငံရွေးကောက်ပွဲ"


def _run(script: str, inside: str) -> str:
    """A paragraph of `script` with no space, longer than a junk run, `inside` deep in it."""
    half = script * (textproc.JUNK_RUN // len(script) + 1)
    return f"{half}{inside}{half}"


@pytest.mark.parametrize("script", [THAI, LAO, KHMER, BURMESE])
@pytest.mark.parametrize(
    "inside, terms, shown",
    [
        ("(budget)", {"budget"}, ["budget"]),
        ("“AT&T”", {"att"}, ["AT&T"]),
        ("(1,000)", {"1000"}, ["1,000"]),
        ("/e-mail/", {"email"}, ["e-mail"]),
        ("(www.example.org)", {"example.org"}, ["www.example.org"]),
        ("(.NET)", {"net"}, [".NET"]),
    ],
)
def test_a_hit_deep_in_a_long_run_of_an_unspaced_script_is_highlighted(script, inside, terms, shown):
    text = "Intro " + _run(script, inside) + " budget"
    assert textproc._junk_runs(text, 0, len(text))  # a run the highlighter guards against
    found = textproc.find_term_ranges(text, frozenset(terms))
    assert [text[a:b] for a, b in found] == shown + (["budget"] if "budget" in terms else [])


def test_the_words_of_a_long_run_are_those_the_index_holds():
    # Letters of the script touching a Latin word make one word with it: no budget there.
    text = "x " + _run(THAI, f"{THAI}budget{THAI}(budget)") + " y"
    positions, _ = textproc.term_positions(text)
    indexed_words = [(a, b) for word, a, b in textproc.words(text) if textproc.analyse(word) in positions]
    assert textproc.find_term_ranges(text, frozenset(positions)) == indexed_words
    assert [text[a:b] for a, b in textproc.find_term_ranges(text, frozenset({"budget"}))] == ["budget"]


def test_a_long_run_of_symbols_alone_is_still_passed_over():
    junk = ("AT&T" * textproc.JUNK_RUN)[: 2 * textproc.JUNK_RUN]
    text = f"AT&T {junk}(budget){junk} AT&T"
    assert [text[a:b] for a, b in textproc.find_term_ranges(text, frozenset({"att", "budget"}))] == ["AT&T", "AT&T"]


def test_the_limit_counts_the_hits_inside_a_run():
    text = "budget " + _run(THAI, "(budget)" * 50) + " budget"
    found = textproc.find_term_ranges(text, frozenset({"budget"}), limit=10)
    assert len(found) == 10 and found == sorted(found)
    assert textproc.find_term_ranges(text, frozenset({"budget"}))[:10] == found


def test_an_article_of_a_long_thai_paragraph_shows_its_hit_in_the_snippet(tmp_path):
    body = "ข่าว " + _run(THAI, "(budget)") + " จบ"
    index = indexed(tmp_path, {"t/run": ("ข่าว", body)})
    try:
        results = index.search("budget")
        assert ids(results) == ["t/run"]
        (snippet,) = [s for s in results.hits[0].snippets if s.matches]
        assert [snippet.text[a:b] for a, b in snippet.matches] == ["budget"]
        assert [body[a:b] for a, b in index.match_ranges("t/run", "budget")] == ["budget"]
    finally:
        index.close()


# Pieces of hostile runs: the script's letters, words touching them or parted by what cuts a run
# (brackets, a comma before a letter) or not (a hyphen, a comma between digits, an & in a name),
# names and numbers written with symbols, "US", "U.S.", characters past the first plane (a bold letter, a
# tag character, a CJK ideograph's variation selector, emoji, a flag) and diacritics a term leaves out,
# marks piled on a letter; at the run's very start and end too (_EDGES).
_FRAGMENTS = [
    THAI,
    THAI * 40,
    "budget",
    "(budget)",
    "ก,budget,",
    "budgie",
    "co-pays",
    "e-mail",
    "AT&T",
    "1,000",
    "(US)",
    "US",
    "𝐛udget",
    "bud\U000e0041get",
    "b\u0301udget",
    "/",
    ",",
    "-",
    "(",
    "x\U0001d173",
    "U.S.",
    "😀",
    "👍🏽",
    "\U0001f1fa\U0001f1f8",
    "𝐛𝐮𝐝𝐠𝐞𝐭",
    "b\u0301\u0302\u0303\u0304udget",
    "budget\u0301\u0302",
    "ก\u0e48\u0e49\u0e4a" * 50,
    "\u0301" * 30,
    "\u200dbudget",
    "&",
    ",000",
]
# What may stand at a run's very start or end: a name or number written with symbols, "U.S.", a compound.
_EDGES = ["AT&T", "1,000", "U.S.", "US", "co-pays", "budget", "", "😀budget"]


@pytest.mark.parametrize("seed", range(30))
def test_the_highlights_of_a_hostile_run_are_the_words_the_index_holds(seed):
    import random

    rng = random.Random(seed)
    # A run of several pieces (JUNK_RUN characters each or more), hits near and far from their ends.
    parts = []
    while sum(map(len, parts)) < 3 * textproc.JUNK_RUN:
        parts.append(rng.choice(_FRAGMENTS) if rng.random() < 0.7 else THAI * rng.randint(1, 400))
    text = "x " + rng.choice(_EDGES) + "".join(parts) + rng.choice(_EDGES) + " y"
    ((start, stop),) = textproc._junk_runs(text, 0, len(text))
    for terms in ({"budget"}, {"copay", "pay"}, {"email"}, {"att"}, {"1000"}, {"u.s"}, {"budget", "1000", "att"}):
        # The run read whole, every word looked at: as the index reads it.
        whole = textproc._indexed_ranges(text, frozenset(terms), start, stop, None, {}, lambda word: True)
        assert textproc.find_term_ranges(text, frozenset(terms)) == whole, (seed, terms)
