"""Pairs session 60's figure-flag rules (groups in lower case, a level told now, a day told, a
rate's base, "Since ... 2001,") must not silence (review v1): one quantity told two ways by two
outlets, each a real contradiction a reader wants flagged. Made-up sentences."""

from __future__ import annotations

import pytest
from figure_helpers import flag_diff

STILL_FLAGGED = [
    # one poll's group, told with two nouns
    ("Fully 52 percent of voters backed the plan.", "Only 38 percent of respondents backed the plan.", "52", "38"),
    ("The firm cut 10 percent of jobs.", "The firm cut 12 percent of workers.", "10", "12"),
    ("In all, 31 percent of patients improved.", "In all, 44 percent of participants improved.", "31", "44"),
    ("Nearly 61 percent of households own a car.", "Nearly 73 percent of homes own a car.", "61", "73"),
    ("Some 21 percent of students failed the test.", "Some 35 percent of pupils failed the test.", "21", "35"),
    # one group told on one side only
    ("Some 30 percent of men smoke.", "Some 12 percent smoke, the survey found.", "30", "12"),
    # a level told now on both sides, or now against an untold time
    ("Acme employs 6,000 people.", "Acme employed 5,000 people.", "6,000", "5,000"),
    ("The death toll is 4,120.", "The death toll stood at 4,350.", "4,120", "4,350"),
    ("The city has 310 schools.", "There were 250 schools in the city.", "310", "250"),
    # one day told by both, or a day against none
    ("Acme shares fell to $20 on Friday.", "Acme shares fell to $21 Friday.", "$20", "$21"),
    ("Acme shares fell to $20 yesterday.", "Acme shares fell to $21 today.", "$20", "$21"),
    ("Acme shares fell to $20 on Friday.", "Acme shares fell to $21.", "$20", "$21"),
    # one currency's rate against one
    ("The dollar fell to 118.32 yen.", "The dollar slipped to 117.90 yen against the yen.", "118.32", "117.90"),
    # a span since one event, told on both sides
    (
        "Since the company's founding in 2001, sales have risen 40 percent.",
        "Since its founding in 2001, sales have risen 45 percent.",
        "40",
        "45",
    ),
    # "The Stock Market" at a line start names no exchange: one index's move
    ("The Stock Market fell 2 percent.", "The stock market fell 3 percent.", "2", "3"),
]


@pytest.mark.parametrize(("left", "right", "left_number", "right_number"), STILL_FLAGGED)
def test_one_quantity_told_two_ways_is_still_flagged(
    left: str, right: str, left_number: str, right_number: str
) -> None:
    found = flag_diff(left, right)
    assert any(left_number in a and right_number in b for a, b in found), found
