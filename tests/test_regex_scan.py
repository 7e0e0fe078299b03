"""finditer_from gives exactly pattern.finditer's matches for look-behind patterns."""

import random
import re

from reader.analysis.quote_marks import _SINGLE_OPENING, _SINGLE_QUOTE
from reader.analysis.letters import UPPER
from reader.analysis.regex_scan import finditer_from
from reader.analysis.speaker_resolver import _CAPITALISED, _NAME, _capitalised_words, _names

_CAPITAL = re.compile(f"[{UPPER}]")  # where a _NAME or _CAPITALISED match can start (any alphabet's capital)


def _spans(matches):
    return [(m.start(), m.end(), m.groups()) for m in matches]


def _random_texts(count: int, seed: int = 7) -> list[str]:
    # Pieces chosen so that matches overlap, nest, start after newlines and apostrophes, and
    # fail after a promising start.
    pieces = [
        "Mr. ",
        "O'Brien ",
        "'We will win this' ",
        "‘Hello there friend.’ ",
        "don't ",
        "Donald Trump",
        "'s ",
        "\n",
        ": ",
        "(",
        "—",
        "'",
        "’",
        "A. B. Smith ",
        "the ",
        "Sen. Lindsey Graham ",
        "x",
        "'Abc",
        " said ",
        "Ünïcode ",
        "Łukasz Сергей ",
        "-Jones ",
        "''",
        "New York Times ",
        ".",
    ]
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_same_matches_as_finditer_on_varied_text():
    cases = [(_NAME, _CAPITAL), (_CAPITALISED, _CAPITAL), (_SINGLE_QUOTE, _SINGLE_OPENING)]
    for text in _random_texts(3000):
        for pattern, first in cases:
            assert _spans(finditer_from(pattern, first, text)) == _spans(pattern.finditer(text)), (pattern, text)


def test_capitalised_words_and_names_found_from_them_are_the_regular_expressions_matches():
    for text in _random_texts(3000, seed=11):
        words = _capitalised_words(text)
        assert words == [(m.start(), m.group()) for m in _CAPITALISED.finditer(text)], text
        assert _spans(_names(text, words)) == _spans(_NAME.finditer(text)), text


def test_a_match_hides_the_candidates_inside_it():
    pattern = re.compile(r"(?<![a-z])A[A-Z]*")
    text = "xAB AAA bA AxA"
    assert _spans(finditer_from(pattern, re.compile("A"), text)) == _spans(pattern.finditer(text))
    assert [m.group() for m in finditer_from(pattern, re.compile("A"), text)] == ["AAA", "A"]


def test_the_look_behind_sees_the_text_before_the_start():
    # "'We" after a letter is an apostrophe, not an opening mark; after a newline it opens.
    text = "x'Abc def ghi'\n'Abc def ghi.'"
    found = [m.start() for m in finditer_from(_SINGLE_QUOTE, _SINGLE_OPENING, text)]
    assert found == [m.start() for m in _SINGLE_QUOTE.finditer(text)] == [15]


def test_quotation_marks_and_doubled_single_marks_are_found_as_before():
    from reader.analysis.quote_marks import _ALL_MARKS, _MARK_OR_DOUBLED_SINGLE

    plain = re.compile("[" + re.escape(_ALL_MARKS) + "]|’(?=’)|'(?=')")
    rng = random.Random(1)
    for _ in range(20_000):
        text = "".join(rng.choice("“«„”»\"’'a ") for _ in range(10))
        assert _spans(_MARK_OR_DOUBLED_SINGLE.finditer(text)) == _spans(plain.finditer(text)), text
