"""bench/eval_possibly.py's routes and tallies on a made-up pair (no corpus, no fitting)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from reader.analysis import align

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import eval_comparison as ev  # noqa: E402
import eval_possibly as ep  # noqa: E402

# Left L1-L4, right R1-R6. L1-R1 and L4-R4 are links; L2 has no link, its best partner R6 (0.40,
# out of order: two past L4's partner) beats its labelled counterpart R2 (0.30, between L1's and
# L4's partners); L3 has no link, a candidate R3 (0.35), and no counterpart in the labels.
KEYS = [(0, 0), (1, 1), (1, 5), (2, 2), (3, 3)]
FINAL = np.array([0.95, 0.30, 0.40, 0.35, 0.90])
FIRST = np.array([0.90, 0.45, 0.20, 0.30, 0.80])
MODEL = SimpleNamespace(threshold=0.5, possible=0.25)


def _scored() -> ep.Scored:
    sentences = [SimpleNamespace(text=f"sentence {k}") for k in range(6)]
    pair = ev.PairData(
        "made-up",
        sentences[:4],
        sentences,
        set(),
        set(),
        [0, 1, 2, 3],
        [0, 1, 2, 3, 4, 5],
        {(0, 0), (3, 3)},
        {(1, 1)},
        {},
        KEYS,
        np.zeros((len(KEYS), len(align.FEATURES))),
        np.array([1, -1, 0, 0, 1]),
    )
    links = align.grade(KEYS, FINAL, MODEL)
    assert sorted(links.possible_left) == [1, 2]
    return ep.scored_from(pair, links, FINAL, FIRST)


def test_the_shipped_route_names_the_likeliest_candidate_and_misses_here():
    s = _scored()
    route = ep.routes()["link probability (shipped)"]
    assert route(s, "L", 1, s.marks[0][2]) == 5
    # Marks: L2, L3 and, on the right, R2 (its only candidate L2), R3 and R6. Told: L2 and R2
    # (their secondary link). Named: R2's L2 only.
    assert ep.tally([s], route) == (5, 2, 1)


def test_the_first_stage_and_the_order_of_the_links_name_the_counterpart():
    s = _scored()
    for name in ("first stage's probability", "in order, then probability"):
        assert ep.routes()[name](s, "L", 1, s.marks[0][2]) == 1, name
        assert ep.tally([s], ep.routes()[name]) == (5, 2, 2), name


def test_the_wrong_names_are_sorted_into_classes():
    counts = ep.classes([_scored()], 0)
    assert counts == {"counterpart ranked 2": 1, "no counterpart in the labels": 3}
