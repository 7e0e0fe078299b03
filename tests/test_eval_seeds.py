"""bench/eval_seeds.py: issue 8's seed pairs are found by their text and scored as compare() links."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import eval_seeds as ev  # noqa: E402

from reader.analysis.compare import compare  # noqa: E402


@pytest.fixture(scope="module")
def comparison():
    fox, moscow = ev.seed_articles()
    return compare(fox, moscow)


def test_issue_numbers_are_reading_order_from_one(comparison):
    fox = ev._number(comparison.left.sentences, ev.FOX, "F")
    moscow = ev._number(comparison.right.sentences, ev.MOSCOW, "M")
    assert fox == {n: n - 1 for n in ev.FOX}
    assert moscow == {n: n - 1 for n in ev.MOSCOW}


def test_a_snippet_found_twice_or_not_at_all_stops_the_score(comparison):
    with pytest.raises(SystemExit, match="F1"):
        ev._number(comparison.left.sentences, {1: "Trump"}, "F")
    with pytest.raises(SystemExit, match="M9"):
        ev._number(comparison.right.sentences, {9: "no such words here"}, "M")


def test_the_score_counts_compare_links(comparison, capsys):
    assert ev.main([]) == 0
    out = capsys.readouterr().out
    fox = ev._number(comparison.left.sentences, ev.FOX, "F")
    moscow = ev._number(comparison.right.sentences, ev.MOSCOW, "M")
    linked = {(p.left, p.right) for p in comparison.pairs}
    found = sum((fox[a], moscow[b]) in linked for a, b in ev.SAME_FACT)
    assert out.startswith(f"seeds: {found} of 14 same-fact pairs linked (target 12)")
    # the four pairs the issue tolerates are not counted outside, whether linked or not
    listed = {(fox[a], moscow[b]) for a, b in ev.SAME_FACT + ev.TOLERATED}
    tolerated = sum((fox[a], moscow[b]) in linked for a, b in ev.TOLERATED)
    assert f", {len(linked - listed)} outside (at most 2), {tolerated} of the 4 tolerated linked: " in out
    # every listed pair is printed with its probability and state
    for a, b in ev.SAME_FACT + ev.TOLERATED:
        assert f"F{a}-M{b}" in out


def test_each_listed_pair_shows_what_the_comparison_shows(comparison, capsys):
    """A pair is "possibly" when either of its sentences has the other as its closest partner
    below a link (the right side's "possibly told in" counts too)."""
    ev.main([])
    out = capsys.readouterr().out
    fox = ev._number(comparison.left.sentences, ev.FOX, "F")
    moscow = ev._number(comparison.right.sentences, ev.MOSCOW, "M")
    linked = {(p.left, p.right): p.weak for p in comparison.pairs}
    possibly = {(q.sentence, q.candidate) for q in comparison.possibly_left}
    possibly |= {(q.candidate, q.sentence) for q in comparison.possibly_right}
    shown = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0].startswith("F") and "-M" in parts[0]:
            shown[parts[0]] = " ".join(parts[2:])
    for a, b in ev.SAME_FACT + ev.TOLERATED:
        key = (fox[a], moscow[b])
        expected = ("weak link" if linked[key] else "link") if key in linked else "possibly" if key in possibly else "-"
        assert shown[f"F{a}-M{b}"] == expected
