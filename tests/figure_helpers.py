"""What the figure tests ask of two made-up sentences: the differing figures the flags find."""

from __future__ import annotations

from reader.analysis.figures import differing_figures, find_flag_figures


def flag_diff(a: str, b: str) -> list[tuple[str, str]]:
    """The (left, right) texts of the figures two sentences tell differently, as the flags read them."""
    return [(f.text, g.text) for f, g in differing_figures(find_flag_figures(a), find_flag_figures(b))]
