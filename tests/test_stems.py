"""The linker's stems: content_stems and stem_spans share one filter (counted_stem) and give what
the filter written out in each of them gave."""

from __future__ import annotations

import pytest

from reader.analysis.stems import WORD_RE, content_stems, counted_stem, stem_spans, without_possessive, word_stem
from reader.analysis.textstats import STOPWORDS, tokenize

TEXTS = [
    "Senators voted against the bill on Tuesday.",
    "Russia’s foreign minister, Sergei Lavrov, said 43,885,310 people's votes were 35.7% of the total.",
    "The Straße was closed: ĲSSELMEER, İstanbul and Ǆ were named in the “report” — o’clock, don't.",
    "A B C d e f 1 2 3 a_b __init__ x'y ''quoted'' it's's I i",
    "Die Straße’s Bürger's Maß's's",
    "The the THE said Said a an I'm it's 's s' ss",
    "",
]
MAPPINGS = [
    {},
    {"sergei": "sergey"},
    # a stopword or a one-letter word as the spelling mapped is still not counted; a counted
    # word mapped to a stopword is counted under the stopword's stem
    {"the": "sergey", "a": "anna", "senators": "the", "lavrov": "x", "straße": "strasse"},
]


def filter_written_out(tokens, mapping):
    """The filter as content_stems and stem_spans each wrote it before counted_stem."""
    return [word_stem(mapping.get(t, t)) for t in tokens if len(t) > 1 and t not in STOPWORDS]


@pytest.mark.parametrize("mapping", MAPPINGS)
@pytest.mark.parametrize("text", TEXTS)
def test_content_stems_are_the_filter_written_out(text, mapping):
    assert content_stems(text, mapping) == filter_written_out(tokenize(text), mapping)


@pytest.mark.parametrize("mapping", MAPPINGS)
@pytest.mark.parametrize("text", TEXTS)
def test_stem_spans_are_the_filter_written_out_with_each_words_offsets(text, mapping):
    folded = text.replace("’", "'").casefold()
    if len(folded) == len(text):
        tokens = [(m.start(), m.end(), without_possessive(m.group())) for m in WORD_RE.finditer(folded)]
    else:
        tokens = [(m.start(), m.end(), t) for m in WORD_RE.finditer(text) for t in tokenize(m.group())]
    expected = [
        (start, end, word_stem(mapping.get(t, t))) for start, end, t in tokens if len(t) > 1 and t not in STOPWORDS
    ]
    assert stem_spans(text, mapping) == expected


def test_a_stopword_or_a_one_letter_word_has_no_counted_stem():
    assert [counted_stem(t) for t in ["the", "said", "a", "1", "i"]] == [None] * 5
    assert counted_stem("senators") == word_stem("senators") == "senat"
