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


@pytest.mark.parametrize(
    "a, b",
    [
        # one thing told by two sources or two words for one subject: still a differing figure
        ("Analysts expected 27 cents a share.", "Wall Street expected 28 cents a share."),
        ("Officials said 12 people died.", "Police said 14 people died."),
        ("NASA reported 3 failures in the test.", "The agency reported 4 failures in the test."),
        ("FEMA sent 300 trailers to the coast.", "The agency sent 350 trailers to the coast."),
        (
            "IBM earned $1.2 billion in the quarter.",
            "International Business Machines earned $1.3 billion in the quarter.",
        ),
        (
            "Toyota sold 9.5 million vehicles last year, as Toyota expanded.",
            "Japan's Toyota sold 9.7 million vehicles last year.",
        ),
        ("Obama won 52 percent of the vote, and Obama thanked voters.", "Barack Obama won 53 percent of the vote."),
        ("Microsoft earned $5 billion, as Microsoft sold more licences.", "Redmond-based Microsoft earned $6 billion."),
        ("Boeing delivered 120 jets, as Boeing caught up.", "Chicago-based Boeing delivered 125 jets."),
        (
            "Sony was hit hard, with sales falling 3 percent, as Sony cut prices.",
            "Sony Corp. was hit hard, with sales falling 5 percent.",
        ),
        (
            "Exxon was the biggest gainer, rising 3 percent, as Exxon shares led.",
            "Exxon Mobil Corp. was the biggest gainer, rising 4 percent.",
        ),
        (
            "UAW members ratified the deal, with 60 percent voting yes.",
            "United Auto Workers members ratified the deal, with 65 percent voting yes.",
        ),
        ("BAGHDAD, Iraq - Bombs killed 12 people on Monday.", "Bombs killed 14 people on Monday."),
        # a common noun capitalised again in a title or before a speech verb makes no name
        ("Police arrested 12 people, Police Chief John Smith said.", "Officers arrested 14 people."),
        ("Police arrested 12 people, Police said.", "Officers arrested 14 people."),
    ],
)
def test_one_subject_told_two_ways_is_still_flagged(a, b):
    assert len(flag_diff(a, b)) == 1


def test_a_name_and_its_initials_opening_two_sentences_are_one_subject():
    a = "IBM was the top seller, with sales of 500 units."
    assert flag_diff(a, "International Business Machines was the top seller, with sales of 700 units.") == [
        ("500", "700")
    ]
    assert flag_diff(a, "International Business Machines Corp. was the top seller, with sales of 700 units.") == [
        ("500", "700")
    ]
    assert flag_diff(a, "Hewlett Packard was the top seller, with sales of 700 units.") == []  # two companies
