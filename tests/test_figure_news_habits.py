"""How news prose tells figures, read by the differing-figures flag: a half rounded up, a
rounding across a power of ten. Made-up sentences; each rule has a case that must still differ,
so a rule that swallowed every difference would fail."""

from __future__ import annotations

import pytest

from reader.analysis.figures import _same, differing_figures, find_figures, find_flag_figures


def flag_diff(a: str, b: str) -> list[tuple[str, str]]:
    return [(f.text, g.text) for f, g in differing_figures(find_flag_figures(a), find_flag_figures(b))]


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.kind) for f in find_flag_figures(text)]


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # a reporter rounds a half up: 2.5 is 3, 0.25 is 0.3, 3.5 is 4
        (
            "Unemployment rose to 3 percent in the town, officials said.",
            "Unemployment rose to 2.5 percent in the town, officials said.",
            [],
        ),
        (
            "The levy rose 0.3 percent last month, the council said.",
            "The levy rose 0.25 percent last month, the council said.",
            [],
        ),
        (
            "Unemployment rose to 4 percent in the town, officials said.",
            "Unemployment rose to 3.5 percent in the town, officials said.",
            [],
        ),
        # and 2.5 cut short is still 2
        (
            "Unemployment rose to 2 percent in the town, officials said.",
            "Unemployment rose to 2.5 percent in the town, officials said.",
            [],
        ),
        # 2.4 is no 3, however rounded
        (
            "Unemployment rose to 3 percent in the town, officials said.",
            "Unemployment rose to 2.4 percent in the town, officials said.",
            [("3 percent", "2.4 percent")],
        ),
    ],
)
def test_a_half_rounds_up_as_a_reporter_rounds_it(a, b, expected):
    assert flag_diff(a, b) == expected


def test_the_linkers_rounding_takes_a_half_up_too():
    # _same is the linker's: "3 percent" can state 2.5 percent rounded, as "4 percent" 3.5
    (three,) = find_figures("rose 3 percent")
    (half,) = find_figures("rose 2.5 percent")
    (four,) = find_figures("rose 4 percent")
    (three_half,) = find_figures("rose 3.5 percent")
    assert _same(three, half) and _same(four, three_half)
    (other,) = find_figures("rose 2.4 percent")
    assert not _same(three, other)


def test_the_linkers_rounding_reads_the_rounder_figures_last_digit():
    (billion,) = find_figures("spent $1 billion")
    (millions,) = find_figures("spent $800 million")
    (fewer,) = find_figures("spent $400 million")
    assert _same(billion, millions) and _same(millions, billion)
    assert not _same(billion, fewer)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # the rounder figure's last digit decides, not the unit word: $800 million told to the
        # billion is $1 billion, as $950 million is
        ("The county spent $1 billion on the new tunnel.", "The county spent $950 million on the new tunnel.", []),
        ("The county spent $1 billion on the new tunnel.", "The county spent $800 million on the new tunnel.", []),
        ("The county spent $1 billion on the new tunnel.", "The county spent $0.8 billion on the new tunnel.", []),
        ("The plant will cut 1,000 jobs next year.", "The plant will cut 850 jobs next year.", []),
        ("The county spent $1.2 billion on the new tunnel.", "The county spent $1,200 million on the new tunnel.", []),
        # a rounding that moves the figure by more than a fifth is still another figure
        (
            "The county spent $1 billion on the new tunnel.",
            "The county spent $700 million on the new tunnel.",
            [("$1 billion", "$700 million")],
        ),
        ("The plant will cut 1,000 jobs next year.", "The plant will cut 1,400 jobs next year.", [("1,000", "1,400")]),
    ],
)
def test_a_rounding_across_a_power_of_ten_is_read_at_the_rounder_figures_last_digit(a, b, expected):
    assert flag_diff(a, b) == expected
