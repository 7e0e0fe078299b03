"""The words a link is shown to share are the words the sentence linker compares."""

from __future__ import annotations

import pytest

from reader.analysis import align
from reader.analysis.link_evidence import shared_words
from reader.analysis.stems import stem_spans

TEXTS = [
    "Senators voted against the bill on Tuesday.",
    "Russia’s foreign minister, Sergei Lavrov, said 43,885,310 people's votes were 35.7% of the total.",
    "The Straße was closed: ĲSSELMEER, İstanbul and Ǆ were named in the “report” — o’clock, don't.",
    "A B C d e f 1 2 3 a_b __init__ x'y ''quoted'' it's's",
    "Die Straße’s Bürger's Maß's's",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_stems_shown_are_those_the_linker_counts_at_the_words_places(text):
    mapping = {"sergei": "sergey"}
    spans = stem_spans(text, mapping)
    assert [key for *_, key in spans] == align._stems(text, mapping)
    for start, end, key in spans:
        assert align._stems(text[start:end], mapping) == [key]


def test_shared_words_are_the_linkers_stems_written_as_each_sentence_writes_them():
    left, right = "Senators voted against the bill on Tuesday.", "The vote in the Senate failed; the bill died."
    shared = shared_words(left, right)
    # "Senators" and "Senate" are one stem to the linker (the old plural folding kept them apart).
    assert shared.written() == ["Senators/Senate", "voted/vote", "bill"]
    assert [left[s:e] for s, e in shared.left] == ["Senators", "voted", "bill"]
    assert [right[s:e] for s, e in shared.right] == ["vote", "Senate", "bill"]


def test_words_written_alike_but_for_capitals_or_a_possessive_are_shown_once():
    shared = shared_words(
        "Obama's chief of staff, the Counsel said.", "Mr. Obama, the Chief of Staff, and the counsel."
    )
    assert shared.written() == ["Obama's", "chief", "staff", "Counsel"]
    assert shared.right_words == ["Obama", "Chief", "Staff", "counsel"]  # the JSON keeps each spelling


def test_a_name_variant_is_shared_under_both_spellings():
    shared = shared_words("Sergey Lavrov spoke.", "Lavrov, first name Sergei, spoke.", {"sergei": "sergey"})
    assert shared.written() == ["Sergey/Sergei", "Lavrov", "spoke"]
