"""Sentence numbers as reader compare writes them: the screen's labels and its go-to box."""

from __future__ import annotations

import pytest

from reader.sentence_numbers import parse_sentence_number, sentence_label

COUNTS = {"left": 40, "right": 7}


def test_labels_name_a_cells_sentences_as_the_report_does():
    assert sentence_label("left", [11]) == "L12"
    assert sentence_label("right", [2, 3, 4]) == "R3-5"
    assert sentence_label("right", [2, 6]) == "R3,7"
    assert sentence_label("left", []) == ""


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        ("L12", "left", ("left", 11)),
        ("r3", "left", ("right", 2)),
        (" R 3 ", "left", ("right", 2)),
        ("12", "left", ("left", 11)),
        ("3", "right", ("right", 2)),
        ("#5", "right", ("right", 4)),
        ("L007", "right", ("left", 6)),
    ],
)
def test_a_number_names_a_side_and_a_sentence(text, default, expected):
    assert parse_sentence_number(text, default, COUNTS) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("L41", "No sentence L41: the left article's are L1 to L40."),
        ("R8", "No sentence R8: the right article's are R1 to R7."),
        ("0", "No sentence L0: the left article's are L1 to L40."),
        ("L" + "9" * 5000, "No sentence L999999999…: the left article's are L1 to L40."),
        ("", "No sentence number: type one as reader compare names it, L12 or R3 (12 alone: the left)."),
        ("[bold]L2[/bold]", "“[bold]L2[/bold]” is not a sentence number"),
        ("L-3", "“L-3” is not a sentence number"),
        ("١٢", "“١٢” is not a sentence number"),  # Arabic-Indic digits: not what the report writes
        ("x" * 100, "“" + "x" * 29 + "…” is not a sentence number"),
    ],
)
def test_bad_entries_and_numbers_out_of_range_say_why_in_one_line(text, reason):
    with pytest.raises(ValueError) as raised:
        parse_sentence_number(text, "left", COUNTS)
    assert str(raised.value).startswith(reason) and "\n" not in str(raised.value)


def test_a_side_with_no_sentences_says_so():
    with pytest.raises(ValueError, match="The right article has no sentence to go to."):
        parse_sentence_number("R1", "left", {"left": 3, "right": 0})
