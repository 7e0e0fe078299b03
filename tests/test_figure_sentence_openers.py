"""A sentence's first word as the subject of amounts its later clauses tell ("Sun was the lone
vendor ..., falling 2.9 percent"), as the differing-figures flag reads it: two sentences opening
with two words before one verb are told of two subjects when the sentence's own grammar makes one
of the words a name (capitals only, or written capitalised again inside it). Made-up sentences;
each has a case that must still differ."""

from __future__ import annotations

import pytest

from figure_helpers import flag_diff


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # two companies before one verb, one in capitals only: two subjects
        (
            "Zenix was the only maker to lose ground, falling 2.9 percent to 5,100 units.",
            "ACME (NYSE: ACME) was the fastest-growing maker, with sales jumping 37 percent to 22,000 units.",
            [],
        ),
        # the first word written capitalised again in its sentence is a name
        (
            "Zenix had a weak quarter, with sales of 3 million units, as Zenix lost orders.",
            "Orbit had a strong quarter, with sales of 8 million units.",
            [],
        ),
    ],
)
def test_two_sentences_opening_with_two_names_before_one_verb_tell_two_subjects(a, b, expected):
    assert flag_diff(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # two ordinary first words: one thing may be told two ways
        (
            "Sales rose in the quarter, climbing 5 percent to $3 million.",
            "Revenue rose in the quarter, climbing 7 percent to $3 million.",
            [("5 percent", "7 percent")],
        ),
        # the same name on both sides
        (
            "ACME was the fastest-growing maker, with sales jumping 37 percent.",
            "ACME was the top maker, with sales jumping 35 percent.",
            [("37 percent", "35 percent")],
        ),
        # a determiner opens no name
        (
            "The company was the fastest-growing maker, with sales jumping 37 percent.",
            "ACME was the top maker, with sales jumping 35 percent.",
            [("37 percent", "35 percent")],
        ),
        # two verbs: the sentences are not told alike
        (
            "Zenix lost ground in the quarter, with sales falling 3 percent, as Zenix lost orders.",
            "Orbit gained ground in the quarter, with sales falling 5 percent.",
            [("3 percent", "5 percent")],
        ),
        # a speech verb opens someone's words: two sources' counts of one thing
        (
            "Police reported a rise in thefts, with 30 cars stolen, as Police said.",
            "CNN reported a rise in thefts, with 25 cars stolen.",
            [("30", "25")],
        ),
    ],
)
def test_sentence_openers_that_stay_compared(a, b, expected):
    assert flag_diff(a, b) == expected
