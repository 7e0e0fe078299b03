"""bench/finetune_encoder.py's folds: each labelled pair is held out by exactly one fold, with its story."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import finetune_encoder as fe  # noqa: E402


def test_every_story_is_held_out_by_exactly_one_fold_and_its_pairs_with_it():
    pairs = [{"name": f"p{k}", "story": f"s{k % 7}"} for k in range(20)]
    folds = [fe.held_out_stories(pairs, k, 3) for k in range(3)]
    stories = {p["story"] for p in pairs}
    assert set().union(*folds) == stories
    assert sum(len(f) for f in folds) == len(stories)  # no story in two folds
    assert all(len(f) in (2, 3) for f in folds)
    assert fe.held_out_stories(pairs, 1, 3) == folds[1]  # the same folds on every run
    assert fe.held_out_stories(pairs, None, 3) == set()  # no hold-out: train on everything
