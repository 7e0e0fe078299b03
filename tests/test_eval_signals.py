"""bench/eval_signals.py: the trial machinery reproduces the shipped fit, and each trial changes
only what it says (no corpus: synthetic rows, or a few sentences of our own)."""

from __future__ import annotations

import dataclasses
import json
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
    assert signals.centred_soft(texts_pair).rows[same, align.FEATURES.index("context_f1")] == pytest.approx(1.0)


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
    assert len(names) == len(set(names)) == 33


def test_the_bridge_goes_through_the_third_versions_best_sentence():
    through_c = np.array([[0.9, 0.1], [0.2, 0.6]])  # A x C
    from_c = np.array([[0.8, 0.3], [0.1, 0.7]])  # C x B
    low, product = signals._bridge_matrices(through_c, from_c)
    assert np.allclose(low, [[0.8, 0.3], [0.2, 0.6]])
    assert np.allclose(product, [[0.72, 0.27], [0.16, 0.42]])
    empty = signals._bridge_matrices(np.zeros((2, 0)), np.zeros((0, 3)))
    assert empty[0].shape == (2, 3) and not empty[0].any()


class _ColumnScorer:
    """Scores a candidate by its first feature column: known probabilities for the bridge."""

    def probabilities(self, keys, rows, shape):
        return rows[:, 0]


def test_bridge_features_read_every_third_version_and_keep_the_best():
    keys, shape = [(0, 0), (0, 1), (1, 1)], (2, 2)

    def third(name, a, b):
        return signals.Third(
            name, 2, [(0, 0), (1, 1)], np.array([[a], [0.5]]), [(0, 0), (1, 1)], np.array([[b], [0.4]])
        )

    one = third("c1", 0.9, 0.3)
    assert np.allclose(signals.bridge_probability(_ColumnScorer(), keys, shape, (one,))[:, 0], [0.3, 0.0, 0.4])
    both = signals.bridge_probability(_ColumnScorer(), keys, shape, (one, third("c2", 0.6, 0.7)))
    assert np.allclose(both[:, 0], [0.6, 0.0, 0.4])  # the better third version counts
    assert np.allclose(signals.bridge_product(_ColumnScorer(), keys, shape, (one,))[:, 0], [0.27, 0.0, 0.2])
    assert not signals.bridge_probability(_ColumnScorer(), keys, shape, ()).any()  # no third: nothing
    # Both told in C, through different sentences: no bridge, but each sentence's best in C.
    coverage = signals.bridge_coverage(_ColumnScorer(), keys, shape, (one,))
    assert np.allclose(coverage[1], [0.0, 0.4, 0.9])
    assert np.allclose(coverage[0], [0.3, 0.3, 0.9])


def test_a_bridge_trial_without_third_versions_is_the_shipped_model(synthetic):
    shipped = ev.fit(synthetic[:5])
    trial = signals.fit_trial(synthetic[:5], bridge=signals.bridge_probability)
    held_out = synthetic[5]
    shape = (len(held_out.left), len(held_out.right))
    assert np.allclose(
        shipped.probabilities(held_out.keys, held_out.rows, shape),
        trial.probabilities(held_out.keys, held_out.rows, shape),
    )


def test_a_bridge_trial_scores_each_training_pair_with_a_first_stage_fitted_without_it(synthetic, monkeypatch):
    seen: list[int] = []

    def bridge(scorer, keys, shape, thirds):
        seen.append(len(scorer.first.mean))
        return np.zeros((len(keys), 1))

    fitted: list[list[str]] = []
    real = ev._regression

    def regression(pairs, extra=None):
        fitted.append([p.name for p in pairs])
        return real(pairs, extra)

    monkeypatch.setattr(ev, "_regression", regression)
    signals.fit_trial(synthetic[:4], bridge=bridge)
    folds = [names for names in fitted if len(names) == 3]
    assert sorted(set(p.name for p in synthetic[:4]) - set(names) for names in folds) == [
        {"p0"},
        {"p1"},
        {"p2"},
        {"p3"},
    ]
    assert seen == [len(align.FEATURES)] * 4


def _article(folder: Path, name: str, outlet: str, body: str) -> None:
    (folder / f"{name}.md").write_text(f"---\ntitle: {name}\noutlet: {outlet}\n---\n\n{body}\n", encoding="utf-8")


def test_third_versions_come_from_the_same_story(tmp_path):
    import json

    left = "The senator delayed the steel tariffs until June. Officials met in Geneva on Monday."
    right = "Tariffs on steel were pushed back to June by the senator. The weather in Geneva was cold."
    _article(tmp_path, "a-fox", "Fox News", left)
    _article(tmp_path, "a-nyt", "The New York Times", right)
    _article(tmp_path, "a-hpo", "HuffPost", "The senator put off the steel tariffs until June.")
    _article(tmp_path, "b-fox", "Fox News", "Another story about the senator and tariffs.")
    _article(tmp_path, "b-hpo", "HuffPost", "The senator spoke about tariffs again.")
    _article(tmp_path, "b-nyt", "The New York Times", "")
    (tmp_path / "stories.yaml").write_text(
        "- story: a\n  articles: [a-fox.md, a-nyt.md, a-hpo.md]\n- story: b\n  articles: [b-fox.md, b-hpo.md, b-nyt.md, b-gone.md]\n",
        encoding="utf-8",
    )
    gold = tmp_path / "gold"
    gold.mkdir()
    for left_id, right_id in (("a-fox", "a-nyt"), ("b-fox", "b-hpo")):
        texts = [
            (tmp_path / f"{i}.md").read_text(encoding="utf-8").split("---\n\n")[1].strip() for i in (left_id, right_id)
        ]
        record = {
            "left_id": left_id, "right_id": right_id,
            "left_sentences": [texts[0]], "right_sentences": [texts[1]],
            "links": [], "secondary_links": [],
        }  # fmt: skip
        (gold / f"{left_id}__{right_id}.json").write_text(json.dumps(record), encoding="utf-8")
    pairs = signals.third_versions(ev.load(gold, tmp_path), tmp_path, tmp_path)
    first, second = pairs
    assert [t.name for t in first.thirds] == ["a-hpo"]  # the story's third article, not the other story's
    c = first.thirds[0]
    assert c.size == 1 and (0, 0) in c.left_keys and (0, 0) in c.right_keys
    assert c.left_rows.shape[1] == c.right_rows.shape[1] == len(align.FEATURES)
    assert second.thirds == ()  # its story's other articles are empty or missing


def _contextual_scores(pair: ev.PairData) -> dict:
    """Contextual BERTScore matrices for texts_pair: (0, 0) the best of its row, not of its column."""
    precision = np.array([[0.9, 0.5, 0.6], [0.4, 0.8, 0.5], [0.85, 0.5, 1.0]])
    recall = np.array([[0.7, 0.5, 0.6], [0.4, 0.6, 0.5], [0.85, 0.5, 1.0]])
    variant = {"precision": precision.tolist(), "recall": recall.tolist()}
    return {pair.name: {"keys": [list(k) for k in pair.keys], "shape": [3, 3], "variants": {"L6-idf": variant}}}


def test_contextual_trials_add_or_replace_only_their_own_columns(texts_pair, monkeypatch):
    monkeypatch.setattr(signals, "CTX_SCORES", _contextual_scores(texts_pair))
    monkeypatch.setattr(signals, "CTX_VARIANT", "L6-idf")
    width, at = len(align.FEATURES), texts_pair.keys.index((0, 0))
    f1 = 2 * 0.9 * 0.7 / 1.6
    added = {
        signals.ctx_bertscore: [f1],
        signals.ctx_bertscore_sides: [f1, 0.9, 0.7],  # the larger side first, whichever it is
        signals.ctx_bertscore_competition: [f1, f1 - 0.85, 0.0],  # margins to its column's and row's best
        signals.ctx_bertscore_all: [f1, 0.9, 0.7, f1 - 0.85, 0.0],
    }
    for trial, expected in added.items():
        rows = trial(texts_pair).rows
        assert rows.shape == (len(texts_pair.keys), width + len(expected)), trial.__name__
        assert np.array_equal(rows[:, :width], texts_pair.rows), trial.__name__
        assert np.allclose(rows[at, width:], expected), trial.__name__
    for trial in (signals.ctx_replacing_soft, signals.ctx_replacing_soft_margins):
        rows = trial(texts_pair).rows
        assert rows.shape == texts_pair.rows.shape
        changed = np.flatnonzero(~np.isclose(rows, texts_pair.rows).all(0))
        assert set(changed) <= set(signals._SOFT), trial.__name__
        assert rows[at, align.FEATURES.index("context_f1")] == pytest.approx(f1)
        assert rows[at, align.FEATURES.index("context_max")] == pytest.approx(0.9)
    margins = signals.ctx_replacing_soft_margins(texts_pair).rows[at]
    assert margins[align.FEATURES.index("context_margin_low")] == pytest.approx(f1 - 0.85)  # smaller first
    assert margins[align.FEATURES.index("context_margin_high")] == pytest.approx(0.0)


def test_contextual_scores_for_other_candidates_or_variants_are_refused(texts_pair, monkeypatch):
    scores = _contextual_scores(texts_pair)
    monkeypatch.setattr(signals, "CTX_SCORES", scores)
    monkeypatch.setattr(signals, "CTX_VARIANT", "L4-plain")
    with pytest.raises(SystemExit, match="no contextual variant 'L4-plain'"):
        signals.ctx_bertscore(texts_pair)
    monkeypatch.setattr(signals, "CTX_VARIANT", "L6-idf")
    scores["texts"]["keys"] = scores["texts"]["keys"][::-1]
    with pytest.raises(SystemExit, match="other candidates"):
        signals.ctx_bertscore(texts_pair)
    monkeypatch.setattr(signals, "CTX_SCORES", {})
    with pytest.raises(SystemExit, match="no contextual scores"):
        signals.ctx_bertscore(texts_pair)


def test_ranking_leaves_secondary_links_out():
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.95])
    labels = np.array([1, 0, 1, 0, 0, -1])  # the best score is a secondary link: not counted
    auc, average, best = signals.ranking(scores, labels)
    assert auc == pytest.approx(5 / 6)  # of 6 link/non-link pairs, only (0.8 over 0.7) is misordered
    assert average == pytest.approx((1 + 2 / 3) / 2)
    assert best == pytest.approx(0.8)  # a threshold at 0.7: P 2/3, R 1
    assert signals.ranking(np.array([0.1, 0.2]), np.array([0, 0])) == (0.0, 0.0, 0.0)


def test_scored_on_fits_the_trial_once_on_every_pair_and_scores_only_the_others(synthetic):
    fitted: list[list[str]] = []

    def fitter(pairs):
        fitted.append([p.name for p in pairs])
        return signals.fit_trial(pairs)

    others = synthetic[4:]
    rows = signals.scored_on(fitter, synthetic[:4], others)
    assert fitted == [["p0", "p1", "p2", "p3"]]
    assert [r["links"] for r in rows] == [len(p.links) for p in others]
    assert rows == [ev.learned_method(p, signals.fit_trial(synthetic[:4])) for p in others]
    # A scored pair of a story fitted on (sharing an article) is scored by the fit without it.
    fitted.clear()
    story = dataclasses.replace(synthetic[5], name="p0__p9")
    signals.scored_on(fitter, synthetic[:4], [story])
    assert fitted == [["p1", "p2", "p3"]]


def test_contextual_bertscore_matches_tokens_weighted_by_the_pairs_idf():
    import contextual_tokens as ctx

    def sentence(ids, vectors):
        vectors = np.array(vectors, dtype=np.float32)
        return {"ids": np.array(ids), 6: vectors / np.linalg.norm(vectors, axis=1, keepdims=True)}

    # Token 1 is in every sentence (IDF near 0); token 2 means what token 3 does, token 4 not.
    left = [sentence([1, 2], [[1, 0, 0], [0, 1, 0]])]
    right = [sentence([1, 3], [[1, 0, 0], [0, 1, 0.1]]), sentence([1, 4], [[1, 0, 0], [0, 0, 1]])]
    precision, recall = ctx.bertscore(left, right, 6, weighted=False)
    assert precision.shape == (1, 2)
    assert precision[0, 0] == pytest.approx((1 + 1 / np.sqrt(1.01)) / 2)
    assert precision[0, 1] == pytest.approx(0.5)  # only the shared token matches
    weighted, _ = ctx.bertscore(left, right, 6, weighted=True)
    assert weighted[0, 1] < precision[0, 1]  # the shared common token counts for little
    assert weighted[0, 0] > weighted[0, 1]
    same, back = ctx.bertscore(left, left, 6, weighted=True)
    assert same[0, 0] == pytest.approx(1.0) and back[0, 0] == pytest.approx(1.0)
    empty, _ = ctx.bertscore([sentence([], np.zeros((0, 3)))], right, 6, weighted=False)
    assert not empty.any()  # a sentence of punctuation only matches nothing
    assert ctx.idf([np.array([1, 2]), np.array([1])])[1] < ctx.idf([np.array([1, 2]), np.array([1])])[2]
    assert ctx.variant_name(4, True) == "L4-idf"


def _scored(pair: ev.PairData, values: np.ndarray) -> dict:
    return {"keys": [list(k) for k in pair.keys], "forward": values.tolist(), "backward": values.tolist()}


def test_a_score_alone_links_each_pair_at_a_threshold_chosen_on_the_others(synthetic, monkeypatch):
    cross = {p.name: _scored(p, 0.2 + 0.7 * (p.labels == 1)) for p in synthetic}
    monkeypatch.setattr(signals, "CROSS_SCORES", cross)
    chosen, grades = [], signals.alone_grades
    monkeypatch.setattr(signals, "alone_grades", lambda ps, s: chosen.append({p.name for p in ps}) or grades(ps, s))
    rows = signals.alone_as_linker(synthetic, signals.cross_probability)
    assert chosen == [{p.name for p in synthetic} - {p.name} for p in synthetic]
    total = ev._total(rows)
    assert total["tp"] == total["links"] and total["fp"] == 0  # a score that separates links links them all
    # The threshold is not held to the 0.2-0.8 of fitted probabilities.
    cross.update({p.name: _scored(p, 0.9 + 0.09 * (p.labels == 1)) for p in synthetic})
    assert 0.9 < grades(synthetic, [signals.cross_probability(p) for p in synthetic]).threshold <= 0.99


def test_score_on_and_cross_alone_print_the_pairs_nobody_tuned_on(synthetic, monkeypatch, tmp_path, capsys):
    rng = np.random.default_rng(9)
    others = [_pair(rng, f"other{k}", "A – B") for k in range(3)]
    monkeypatch.setattr(ev, "load", lambda folder, articles: others if folder.name == "extra" else synthetic)
    monkeypatch.setattr(signals, "seed_pair", lambda: synthetic[0])
    monkeypatch.setattr(signals, "seed_score", lambda model, pair: "seeds")
    main_scores, other_scores = tmp_path / "main.json", tmp_path / "other.json"
    main_scores.write_text(json.dumps({p.name: _scored(p, 0.3 + 0.4 * (p.labels == 1)) for p in synthetic}))
    other_scores.write_text(json.dumps({p.name: _scored(p, 0.3 + 0.4 * (p.labels == 1)) for p in others}))
    argv = ["dev", "--score-on", str(tmp_path / "extra"), "--cross-scores", str(main_scores), str(other_scores)]
    signals.main([*argv, "--only", "cross-encoder", "--splits", "0", "--cross-alone"])
    out = capsys.readouterr().out
    assert (
        "shipped                on the other pairs: F1" in out
        and "cross-encoder          on the other pairs: F1" in out
    )
    assert "cross-encoder          alone: AUC 1.000, AP 1.000, best F1 1.000" in out
    assert "on " + str(tmp_path / "extra") + ": cross-encoder          alone: AUC 1.000" in out
    assert "as a linker graded on the others F1 1.000" in out  # the grades chosen on the main pairs


def test_dumped_candidates_carry_labels_and_stem_cosine_for_finetuning(synthetic, monkeypatch, tmp_path):
    seeds = ev.PairData(**{**synthetic[0].__dict__, "name": "seeds"})
    monkeypatch.setattr(signals, "seed_pair", lambda: seeds)
    signals.dump_candidates(synthetic[:2], tmp_path / "c.json")
    dumped = json.loads((tmp_path / "c.json").read_text())
    stem = align.FEATURES.index("stem_cosine")
    assert dumped["p0"]["labels"] == synthetic[0].labels.tolist()
    assert dumped["p1"]["stem_cosine"] == pytest.approx(synthetic[1].rows[:, stem].tolist())
    assert "labels" not in dumped["seeds"]  # unlabelled: scored, never trained on
