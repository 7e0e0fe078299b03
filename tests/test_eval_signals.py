"""bench/eval_signals.py: the trial machinery reproduces the shipped fit, and each trial changes
only what it says (no corpus: synthetic rows, or a few sentences of our own)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from reader.analysis import align

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_comparison as ev  # noqa: E402
import eval_signals as signals  # noqa: E402
from test_eval_comparison import _pair  # noqa: E402

LEFT = [
    "The senator delayed the steel tariffs until June.",
    "Officials met in Geneva on Monday to discuss the talks.",
    "The senator delayed the steel tariffs until June.",
]
RIGHT = [
    "Tariffs on steel were pushed back to June by the senator.",
    "The weather in Geneva was cold on Monday.",
    "The senator delayed the steel tariffs until June.",
]


@pytest.fixture
def synthetic() -> list[ev.PairData]:
    rng = np.random.default_rng(5)
    return [_pair(rng, f"p{k}", ["A – B", "A – C", "B – C"][k % 3]) for k in range(6)]


@pytest.fixture
def texts_pair() -> ev.PairData:
    keys, rows = align.candidate_features(LEFT, RIGHT, {})
    labels = np.array([1 if (i, j) in {(0, 0), (2, 2), (0, 2), (2, 0)} else 0 for i, j in keys])
    sentences = [object()] * 3
    return ev.PairData(
        "texts", sentences, sentences, set(), set(), [0, 1, 2], [0, 1, 2], {(0, 0)}, set(), {}, keys, rows, labels,
        "A – B", (LEFT, RIGHT),
    )  # fmt: skip


def test_a_trial_with_no_change_is_the_shipped_model(synthetic):
    shipped, trial = ev.fit(synthetic[:5]), signals.fit_trial(synthetic[:5])
    held_out = synthetic[5]
    shape = (len(held_out.left), len(held_out.right))
    assert np.allclose(
        shipped.probabilities(held_out.keys, held_out.rows, shape),
        trial.probabilities(held_out.keys, held_out.rows, shape),
    )
    assert (shipped.threshold, shipped.possible, shipped.weak) == (trial.threshold, trial.possible, trial.weak)


def test_paired_splits_fit_the_second_method_on_the_other_rows(synthetic):
    seen: list[int] = []
    noisy = [ev.PairData(**(p.__dict__ | {"rows": np.hstack([p.rows, np.zeros((len(p.keys), 1))])})) for p in synthetic]

    def second(training):
        seen.append(training[0].rows.shape[1])
        return signals.fit_trial(training)

    a, b = ev.paired_splits(synthetic, ev.fit, second, 3, seed=2, other_pairs=noisy)
    assert seen == [len(align.FEATURES) + 1] * 3
    assert np.allclose(a, b)  # a constant column changes nothing


def test_the_monotone_path_prefers_an_order_both_articles_keep():
    through, best = signals._monotone_through(np.array([[1.0, 0.8], [0.8, 1.0]]))
    assert best == pytest.approx(2.0)
    assert through[0, 0] == through[1, 1] == pytest.approx(2.0)
    assert through[0, 1] == through[1, 0] == pytest.approx(0.8)  # a crossing link leaves the path


def test_expected_links_count_the_other_candidates_of_each_sentence():
    keys = [(0, 0), (0, 1), (1, 1)]
    out = signals.expected_links(keys, np.array([0.9, 0.5, 0.2]), (2, 2))
    assert np.allclose(out, [[0.0, 0.5], [0.2, 0.9], [0.0, 0.5]])


def test_soft_scores_match_identical_words_and_drop_weak_similarities():
    left, right = [["senator", "tariffs"]], [["senator", "tariffs"], ["weather"]]
    precision, recall = signals.soft_scores(left, right)
    assert precision[0, 0] == pytest.approx(1.0) and recall[0, 0] == pytest.approx(1.0)
    floored, _ = signals.soft_scores(left, right, floor=0.99)
    assert floored[0, 1] == 0.0 and floored[0, 0] == pytest.approx(1.0)
    centred, _ = signals.soft_scores(left, right, centre=signals.pair_centre(left, right))
    assert centred[0, 0] == pytest.approx(1.0) and centred[0, 1] < 1.0


def test_text_trials_add_or_replace_only_their_own_columns(texts_pair):
    width = len(align.FEATURES)
    added = {
        signals.top_directions_removed: 1,
        signals.article_centred: 1,
        signals.soft_weaker_side: 1,
        signals.soft_without_names: 2,
        signals.soft_floored: 2,
        signals.figures: 3,
    }
    for trial, extra in added.items():
        rows = trial(texts_pair).rows
        assert rows.shape == (len(texts_pair.keys), width + extra), trial.__name__
        assert np.array_equal(rows[:, :width], texts_pair.rows), trial.__name__
    for trial in (signals.centred_soft, signals.pair_standardised):
        rows = trial(texts_pair).rows
        assert rows.shape == texts_pair.rows.shape
        changed = np.flatnonzero(~np.isclose(rows, texts_pair.rows).all(0))
        assert set(changed) <= set(signals._SOFT) | set(signals._SIMILARITIES), trial.__name__
    # The same sentence on both sides is still a full match once the story's direction is removed.
    same = texts_pair.keys.index((0, 2))
    assert signals.centred_soft(texts_pair).rows[same, align.FEATURES.index("soft_f1")] == pytest.approx(1.0)


def test_cross_encoder_trials_add_its_scores_for_the_same_candidates(texts_pair, monkeypatch, tmp_path):
    keys = [list(k) for k in texts_pair.keys]
    forward = [0.9 if k == [0, 0] else 0.1 for k in keys]
    backward = [0.7 if k == [0, 0] else 0.3 for k in keys]
    monkeypatch.setattr(signals, "CROSS_SCORES", {"texts": {"keys": keys, "forward": forward, "backward": backward}})
    width, at = len(align.FEATURES), texts_pair.keys.index((0, 0))
    rows = signals.cross_encoder(texts_pair).rows
    assert np.array_equal(rows[:, :width], texts_pair.rows)
    assert rows[at, width] == pytest.approx(np.log(0.8 / 0.2))  # both orders averaged, as log-odds
    rows = signals.cross_encoder_max(texts_pair).rows
    assert rows[at, width + 1] == pytest.approx(np.log(0.9 / 0.1))
    rows = signals.cross_encoder_competition(texts_pair).rows
    assert rows.shape[1] == width + 3 and rows[at, width + 1] == pytest.approx(0.0)  # the best of its row
    # One order scored: it stands for both.
    signals.CROSS_SCORES["texts"]["backward"] = None
    assert signals.cross_encoder(texts_pair).rows[at, width] == pytest.approx(np.log(0.9 / 0.1))
    # Scores for other candidates are refused, not misread.
    signals.CROSS_SCORES["texts"]["keys"] = keys[::-1]
    with pytest.raises(SystemExit, match="other candidates"):
        signals.cross_encoder(texts_pair)


def test_every_trial_has_a_unique_name():
    names = [t.name for t in signals.TRIALS]
    assert len(names) == len(set(names)) == 17
