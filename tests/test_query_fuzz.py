"""Fuzzing the query path: a few thousand generated queries never raise, and errors are one line."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus  # noqa: E402

from reader.index import CorpusIndex  # noqa: E402

WORDS = [
    "budget",
    "inflation",
    "storm",
    "senate",
    "draw",
    "lopez",
    "towns",
    "x",
    "the",
    "ünïcödé",
    "2025-10-01",
    "0",
    "-1",
    "budg",
    "infla",
    "ſ",
    "İstanbul",
    "ß",
    "日本",
    "😀",
]
FIELDS = ["title", "body", "outlet", "quote", "speaker", "story", "date", "id", "url", "nosuch", ""]
SYNTAX = [
    '"',
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "*",
    "?",
    "^",
    "~",
    "\\",
    "'",
    "-",
    "+",
    "/",
    " TO ",
    " AND ",
    " OR ",
    " NOT ",
    " ANDNOT ",
    " ANDMAYBE ",
    "<",
    ">",
    "=",
    "!",
    "&&",
    "||",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\t",
    "\n",
    "\r",
    "\x7f",
    "\x9b",
    "%",
    "$",
    "#",
    "@",
    "…",
]


def generate(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.05:
        return "".join(chr(rng.randrange(0, 0x2FFF)) for _ in range(rng.randrange(0, 40)))
    if kind < 0.08:
        return rng.choice(SYNTAX) * rng.randrange(1, 400)
    parts = []
    for _ in range(rng.randrange(1, 9)):
        r = rng.random()
        if r < 0.45:
            parts.append(rng.choice(WORDS))
        elif r < 0.65:
            parts.append(rng.choice(SYNTAX))
        elif r < 0.8:
            parts.append(f"{rng.choice(FIELDS)}:{rng.choice(WORDS + SYNTAX)}")
        elif r < 0.9:
            parts.append(f"{rng.choice(FIELDS)}:[{rng.choice(WORDS)} TO {rng.choice(WORDS + [''])}]")
        else:
            parts.append(rng.choice(WORDS)[: rng.randrange(0, 6)] + rng.choice("*?"))
    sep = rng.choice([" ", "", "  ", " AND ", " OR "])
    return sep.join(parts)


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    base = tmp_path_factory.mktemp("fuzz")
    ix = CorpusIndex([make_corpus(base / "corpus")], base / "index")
    ix.update()
    yield ix
    ix.close()


def test_thousands_of_generated_queries_never_raise(index):
    rng = random.Random(20251122)
    queries = [generate(rng) for _ in range(2000)]
    errors = answered = 0
    for q in queries:
        res = index.search(q, limit=5)
        assert isinstance(res.hits, list), q
        if res.error:
            errors += 1
            assert "\n" not in res.error and len(res.error) < 200, (q, res.error)
        else:
            answered += 1
        for hit in res.hits:
            for snippet in hit.snippets:
                for start, end in snippet.matches:
                    assert 0 <= start < end <= len(snippet.text)
        if res.corrected is not None:
            assert isinstance(res.corrected, str)
    # The generator produces both kinds: the test would notice if everything became an error.
    assert answered > 700 and errors > 10


def test_generated_queries_with_filters_and_ranges(index):
    """Whatever the query, the filters hold for every hit and match ranges stay in the text."""
    rng = random.Random(7)
    text = index.get("reuters/budget-vote").text
    filtered = 0
    # The generated queries, then each word alone: those found Reuters' articles only with a `*`
    # (every article), now a hint, and the outlet filter was then exercised on no hit.
    for q in [generate(rng) for _ in range(300)] + WORDS:
        limit = rng.choice([1, 3, 50])
        outlet = rng.choice([None, "Reuters", "x\x00"])
        since = rng.choice([None, "2025-10-01", "2025", "junk"])
        until = rng.choice([None, "2025-10-31", "9999"])
        story = rng.choice([None, "nosuch"])
        res = index.search(
            q, limit=limit, outlet=outlet, since=since, until=until, sort=rng.choice(["relevance", "date"]), story=story
        )
        assert len(res.hits) <= limit, q
        if story == "nosuch" or outlet == "x\x00":
            assert res.hits == [], (q, story, outlet)
        for hit in res.hits:
            filtered += outlet == "Reuters"
            if outlet == "Reuters":
                assert (hit.outlet or "").casefold() == "reuters", (q, hit.outlet)
            if since == "2025-10-01" and hit.date:
                assert hit.date[:10] >= "2025-10-01", (q, hit.date)
            if until == "2025-10-31" and hit.date:
                assert hit.date[:10] <= "2025-10-31", (q, hit.date)
        for start, end in index.match_ranges("reuters/budget-vote", q):
            assert 0 <= start < end <= len(text), q
    assert filtered > 0  # the outlet filter was exercised on real hits
