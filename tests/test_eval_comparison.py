"""bench/eval_comparison.py's fitting of the two-stage link model, on synthetic pairs (no corpus)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from reader.analysis import align

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import eval_comparison as ev  # noqa: E402


def _pair(rng: np.random.Generator, name: str, outlets: str, n: int = 8) -> ev.PairData:
    """n x n sentences; (i, i) are the links, and a link's features are higher on average."""
    keys = [(i, j) for i in range(n) for j in range(n)]
    rows = rng.normal(size=(len(keys), len(align.FEATURES)))
    labels = np.array([1 if i == j else 0 for i, j in keys])
    rows[:, 0] += 2.5 * labels
    sentences = [SimpleNamespace(text=f"sentence {k}") for k in range(n)]
    return ev.PairData(
        name,
        sentences,
        list(sentences),
        set(),
        set(),
        list(range(n)),
        list(range(n)),
        {(i, i) for i in range(n)},
        set(),
        {},
        keys,
        rows,
        labels,
        outlets,
    )


@pytest.fixture
def pairs() -> list[ev.PairData]:
    rng = np.random.default_rng(7)
    return [_pair(rng, f"p{k}", ["A – B", "A – C", "B – C"][k % 3]) for k in range(6)]


def test_fit_makes_a_two_stage_model_with_ordered_grades(pairs):
    model = ev.fit(pairs)
    assert model.second is not None
    assert len(model.second.weights) == len(align.FEATURES) + len(align.CONTEXT_FEATURES)
    assert 0 <= model.possible <= model.threshold < model.weak < 1
    assert ev.fit(pairs, stages=1).second is None


def test_the_second_stage_learns_from_held_out_first_stage_probabilities(pairs, monkeypatch):
    """Each pair's context features come from a first stage fitted without that pair."""
    fitted_on: list[list[str]] = []
    real = ev._regression
    monkeypatch.setattr(
        ev, "_regression", lambda ps, extra=None: fitted_on.append([p.name for p in ps]) or real(ps, extra)
    )
    contexts: list[tuple[str, list[str]]] = []
    real_context = ev._context

    def spy(pair, first):
        contexts.append((pair.name, fitted_on[-1]))
        return real_context(pair, first)

    monkeypatch.setattr(ev, "_context", spy)
    ev.fit(pairs)
    assert [name for name, _ in contexts] == [p.name for p in pairs]
    for name, training in contexts:
        assert name not in training and len(training) == len(pairs) - 1


def test_a_nested_threshold_is_chosen_on_probabilities_of_models_that_never_saw_the_pair(pairs, monkeypatch):
    chosen_on: list[list[np.ndarray]] = []
    real = ev.choose_grades
    monkeypatch.setattr(
        ev, "choose_grades", lambda ps, probabilities: chosen_on.append(probabilities) or real(ps, probabilities)
    )
    plain = ev.fit(pairs)
    in_sample = chosen_on[-1]
    nested = ev.fit(pairs, nested_threshold=True)
    nested_on = chosen_on[-1]  # the inner fits chose their own grades before it
    # The model is the same; only the probabilities its grades are chosen on differ.
    assert nested.first == plain.first and nested.second == plain.second
    for k, pair in enumerate(pairs):
        without = ev.fit([p for kk, p in enumerate(pairs) if kk != k])
        assert np.allclose(nested_on[k], ev._probabilities(without, pair))
        assert not np.allclose(nested_on[k], in_sample[k])
    assert 0 <= nested.possible <= nested.threshold < nested.weak < 1


def test_cross_validation_and_held_out_pairings_score_every_pair(pairs):
    held_out = ev.cross_validated(pairs)
    assert len(held_out) == len(pairs)
    total = ev._total(held_out)
    assert total["links"] == sum(len(p.links) for p in pairs)
    assert ev._f1(total) > 0.5  # the links are easy to tell here
    by_pairing = ev.by_outlets(pairs)
    assert sorted(by_pairing) == ["A – B", "A – C", "B – C"]
    assert sum(len(rows) for rows in by_pairing.values()) == len(pairs)


def test_random_splits_are_reproducible_and_leave_pairs_out():
    splits = ev.random_splits(20, 14, seed=3)
    assert splits == ev.random_splits(20, 14, seed=3)
    assert splits != ev.random_splits(20, 14, seed=4)
    assert all(len(training) == 9 == len(set(training)) for training in splits)
    assert all(0 <= i < 14 for training in splits for i in training)
    assert len({tuple(training) for training in splits}) > 1
    assert all(len(training) == 2 for training in ev.random_splits(5, 3))  # one pair always left out


def test_paired_splits_score_both_methods_on_the_same_held_out_pairs(pairs):
    fitted_on: list[tuple[str, ...]] = []

    def one_stage(training):
        fitted_on.append(tuple(p.name for p in training))
        return ev.fit(training, stages=1)

    a, b = ev.paired_splits(pairs, one_stage, one_stage, 4, seed=1)
    assert len(a) == len(b) == 4
    assert np.array_equal(a, b)  # the same fit on the same split scores the same
    assert fitted_on[0::2] == fitted_on[1::2]  # both methods fit on the same pairs in each split
    assert all(len(names) == 4 for names in fitted_on)  # two thirds of six pairs
    assert (a > 0.5).all()  # scored on the left-out pairs, where the links are easy to tell
    line = ev._paired_line("one stage", "learned", a, b)
    assert "difference +0.000" in line and "better in 0 splits, worse in 0" in line


def test_better_worse_counts_pairs_by_f1():
    before = [{"tp": 2, "fp": 0, "links": 4}, {"tp": 1, "fp": 1, "links": 2}, {"tp": 0, "fp": 0, "links": 1}]
    after = [{"tp": 3, "fp": 0, "links": 4}, {"tp": 0, "fp": 1, "links": 2}, {"tp": 0, "fp": 2, "links": 1}]
    assert ev._better_worse(before, after) == (1, 1)


def test_pair_bootstrap_sees_a_better_method_and_no_change():
    before = [{"tp": 5, "fp": 5, "links": 10} for _ in range(30)]
    after = [{"tp": 8, "fp": 2, "links": 10} for _ in range(30)]
    differences = ev.pair_bootstrap(before, after)
    assert np.allclose(differences, 0.3)
    assert not ev.pair_bootstrap(before, before).any()
    mixed = [{"tp": 8, "fp": 2, "links": 10}] * 15 + [{"tp": 2, "fp": 8, "links": 10}] * 15
    assert 0 < (ev.pair_bootstrap(before, mixed) > 0).mean() < 1  # the draws disagree on these


def test_per_pair_writes_each_scored_sets_counts_by_pair_name(pairs, monkeypatch, tmp_path, capsys):
    rng = np.random.default_rng(5)
    others = [_pair(rng, f"other{k}", "A – B") for k in range(2)]
    monkeypatch.setattr(ev, "load", lambda source, articles, keep=None: others if source.name == "more" else pairs)
    out = tmp_path / "run.json"
    argv = [str(tmp_path / "align"), "--articles", str(tmp_path), "--by-outlets", "--score-on", str(tmp_path / "more")]
    assert ev.main([*argv, "--per-pair", str(out)]) == 0
    printed = capsys.readouterr().out
    run = json.loads(out.read_text(encoding="utf-8"))
    assert set(run) == {"held out", "by outlets", "scored on"}
    assert set(run["held out"]) == set(run["by outlets"]) == {p.name for p in pairs}
    assert set(run["scored on"]) == {"other0", "other1"}
    # The file holds what the printed totals were summed from.
    held_out = ev._total(list(run["held out"].values()))
    assert ev._line("learned, leave-one-pair-out", held_out) in printed
    assert ev._line("  all, learned", ev._total(list(run["by outlets"].values()))) in printed
    assert ev._line("  all of them", ev._total(list(run["scored on"].values()))) in printed


def test_scored_elsewhere_fits_on_every_pair_once_and_scores_only_the_others(pairs, monkeypatch):
    rng = np.random.default_rng(3)
    others = [_pair(rng, f"other{k}", "A – B") for k in range(2)]
    fitted, fit = [], ev.fit
    monkeypatch.setattr(ev, "fit", lambda ps, *a, **k: fitted.append([p.name for p in ps]) or fit(ps, *a, **k))
    rows = ev.scored_elsewhere(pairs, others)
    assert fitted == [[p.name for p in pairs]]
    assert [r["links"] for r in rows] == [len(p.links) for p in others]


def test_a_pair_of_a_story_fitted_on_is_scored_by_a_model_that_never_saw_the_story(pairs, monkeypatch):
    """A labelled pair sharing an article with training pairs (another pairing of the same event)
    is scored by the model fitted without them; pairs of the same unseen set share one fit."""
    rng = np.random.default_rng(3)
    named = [_pair(rng, name, "A – B") for name in ("fox1__nyt1", "fox2__hpo2", "nyt3__hpo3")]
    others = [
        _pair(rng, "fox1__hpo1", "A – B"),  # shares fox1 with the first training pair
        _pair(rng, "nyt1__hpo1", "A – B"),  # shares nyt1 with it too: the same unseen set
        _pair(rng, "fox9__nyt9", "A – B"),  # a story nobody fitted on
    ]
    fitted, fit = [], ev.fit
    monkeypatch.setattr(ev, "fit", lambda ps, *a, **k: fitted.append([p.name for p in ps]) or fit(ps, *a, **k))
    rows = ev.scored_elsewhere(named, others)
    assert fitted == [["fox2__hpo2", "nyt3__hpo3"], ["fox1__nyt1", "fox2__hpo2", "nyt3__hpo3"]]
    assert [r["links"] for r in rows] == [len(p.links) for p in others]


def test_more_training_pairs_are_fitted_never_scored(pairs, monkeypatch):
    rng = np.random.default_rng(5)
    more = [_pair(rng, "moreAB", "A – B"), _pair(rng, "moreBC", "B – C")]
    fitted, scored, fitting = [], [], []
    fit, learned = ev.fit, ev.learned_method

    def spy_fit(ps, *a, **k):  # fit() scores its training pairs to choose thresholds: not counted
        fitted.append({p.name for p in ps})
        fitting.append(True)
        try:
            return fit(ps, *a, **k)
        finally:
            fitting.pop()

    def spy_learned(p, *a, **k):
        if not fitting:
            scored.append(p.name)
        return learned(p, *a, **k)

    monkeypatch.setattr(ev, "fit", spy_fit)
    monkeypatch.setattr(ev, "learned_method", spy_learned)
    result = ev.with_more_training(pairs, more, splits=2, seeds=(0,))
    assert not {"moreAB", "moreBC"} & set(scored)
    alone, added = result["held_out"]
    assert len(alone) == len(added) == len(pairs)
    # Leave-one-pair-out: each model without its held-out pair, once alone and once with both extras.
    held_out_fits = fitted[: 2 * len(pairs)]
    for k, pair in enumerate(pairs):
        others = {p.name for p in pairs} - {pair.name}
        assert held_out_fits[2 * k] == others and held_out_fits[2 * k + 1] == others | {"moreAB", "moreBC"}
    # By outlets: the extra pair of the held-out pairing is left out as well.
    by_outlets = fitted[2 * len(pairs) : 2 * len(pairs) + 6]
    assert {"moreAB"} & by_outlets[1] == set() and "moreBC" in by_outlets[1]  # "A – B" held out
    assert "moreAB" in by_outlets[5] and "moreBC" not in by_outlets[5]  # "B – C" held out
    assert len(result["splits"][0][0]) == 2


def _article(folder: Path, name: str, outlet: str, body: str) -> str:
    (folder / f"{name}.md").write_text(f"---\ntitle: {name}\noutlet: {outlet}\n---\n\n{body}\n", encoding="utf-8")
    return ev.load_path(folder / f"{name}.md").articles[0].text


def test_label_files_hold_spans_not_text_and_load_like_a_folder(tmp_path):
    left = _article(
        tmp_path, "l", "Fox News", "The senator resigned on Monday. He cited his health. Voters were surprised."
    )
    right = _article(tmp_path, "r", "HuffPost", "Voters were stunned. The senator quit his seat on Monday.")
    record = {"left_id": "l", "right_id": "r", "links": [[0, 1]], "secondary_links": [[2, 0]]}
    for side, text, sentences in (
        ("left", left, ["The senator resigned on Monday.", "He cited his health.", "Voters were surprised."]),
        ("right", right, ["Voters were stunned.", "The senator quit his seat on Monday."]),
    ):
        record[f"{side}_spans"] = [list(span) for span in ev._spans(text, sentences)]
        record[f"{side}_digest"] = ev.text_digest(text)
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    (pair,) = ev.load(labels, tmp_path)
    assert pair.name == "l__r"
    assert pair.links == {(0, 1)} and pair.secondary == {(2, 0)}
    assert [pair.left[i].text for i, g in enumerate(pair.gold_left) if g == 0] == ["The senator resigned on Monday."]
    label = dict(zip(pair.keys, pair.labels))
    assert label.pop((0, 1)) == 1 and label.pop((2, 0)) == -1
    assert set(label.values()) <= {0}

    # The same labels as an align-dev-style folder (sentence texts) load the same way.
    folder = tmp_path / "folder"
    folder.mkdir()
    as_text = {k: v for k, v in record.items() if not k.endswith(("_spans", "_digest"))}
    as_text["left_sentences"] = [left[a:b] for a, b in record["left_spans"]]
    as_text["right_sentences"] = [right[a:b] for a, b in record["right_spans"]]
    (folder / "l__r.json").write_text(json.dumps(as_text), encoding="utf-8")
    (same,) = ev.load(folder, tmp_path)
    assert same.gold_left == pair.gold_left and same.gold_right == pair.gold_right
    assert (same.labels == pair.labels).all()


def test_label_spans_made_on_another_text_are_refused(tmp_path):
    text = _article(tmp_path, "l", "Fox News", "The senator resigned on Monday.")
    _article(tmp_path, "r", "HuffPost", "The senator quit on Monday.")
    record = {
        "left_id": "l",
        "right_id": "r",
        "left_spans": [[0, len(text)]],
        "right_spans": [[0, 27]],
        "left_digest": ev.text_digest(text + " changed"),
        "links": [[0, 0]],
        "secondary_links": [],
    }
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(SystemExit, match="not the text these labels were made on"):
        ev.load(labels, tmp_path)


def test_the_threshold_is_the_best_neighbourhood_not_a_lone_peak():
    thresholds = np.round(np.arange(0.40, 0.70, 0.01), 2)
    f1 = [0.70] * len(thresholds)
    f1[3] = 0.80  # a lone peak at 0.43
    for k in range(15, 22):
        f1[k] = 0.78  # a broad plateau at 0.55-0.61
    assert ev.smoothed_best(thresholds, f1) == 0.58  # the plateau's middle
    assert ev.smoothed_best(thresholds, f1, window=0) == 0.43  # unsmoothed: the peak
    # At the edges the curve is extended with its end values, not zeros.
    assert ev.smoothed_best(thresholds, sorted(f1)) == thresholds[-1]


def test_choose_grades_takes_the_smoothed_threshold(pairs, monkeypatch):
    seen = []
    real = ev.smoothed_best
    monkeypatch.setattr(ev, "smoothed_best", lambda t, f1: seen.append(list(f1)) or 0.61)
    threshold, possible, weak = ev.choose_grades(pairs, [np.full(len(p.keys), 0.9) for p in pairs])
    assert threshold == 0.61 and possible <= threshold and weak == round(0.61 + 0.39 / 3, 2)
    assert len(seen[0]) == len(ev.THRESHOLDS)
    assert real(ev.THRESHOLDS, seen[0]) == ev.THRESHOLDS[0]  # every threshold below 0.9 scores the same


def test_links_are_counted_apart_by_how_many_links_their_busier_sentence_has():
    # Left 0 is a lead linked to right 0, 1 and 2; right 3 is linked to left 1 and 2; (4, 4) alone.
    links = {(0, 0), (0, 1), (0, 2), (1, 3), (2, 3), (4, 4)}
    by = ev._links_by_partners(links)
    assert by == {1: {(4, 4)}, 2: {(1, 3), (2, 3)}, 3: {(0, 0), (0, 1), (0, 2)}}


def test_score_counts_found_links_by_partners_and_the_line_reads_them():
    n = 5
    sentences = [SimpleNamespace(text=f"s{k}") for k in range(n)]
    links = {(0, 0), (0, 1), (0, 2), (1, 3), (2, 3), (4, 4)}
    pair = ev.PairData("p", sentences, list(sentences), set(), set(), list(range(n)), list(range(n)), links,
                       set(), {}, [], np.zeros((0, len(align.FEATURES))), np.zeros(0))  # fmt: skip
    row = ev.score(pair, [(0, 0), (4, 4), (1, 3), (3, 3)], [], [])
    assert (row["tp"], row["fp"]) == (3, 1)
    assert [(row[f"tp_{k}"], row[f"links_{k}"]) for k in (1, 2, 3)] == [(1, 1), (1, 2), (1, 3)]
    line = ev.recall_by_partners(ev._total([row, row]))
    assert line.endswith("1: 1.000 of 2, 2: 0.500 of 4, 3+: 0.333 of 6")


def test_possibly_marks_are_scored_by_whether_their_sentence_is_told_and_its_counterpart_named():
    rng = np.random.default_rng(3)
    pair = _pair(rng, "p", "A – B", n=6)  # links (i, i)
    pair.links = {(0, 0), (1, 1)}
    pair.secondary = {(2, 3)}
    links = align.Links(
        possible_left={0: (0, 0.3), 2: (5, 0.2), 4: (4, 0.2)},  # named; told but not named; untold
        possible_right={3: (2, 0.25)},  # a secondary link, named
    )
    assert ev.possibly_scores(pair, links) == {"possibly": 4, "possibly_told": 3, "possibly_named": 2}
    line = ev._line("x", {"tp": 1, "fp": 0, "links": 2, "only": 1, "only_ok": 1, "only_strict": 1,
                          "possibly": 4, "possibly_told": 3, "possibly_named": 2})  # fmt: skip
    assert "possibly 4 (told by the other side 0.750, naming the counterpart 0.500)" in line


def test_a_source_without_labelled_pairs_is_refused_at_once(tmp_path):
    (tmp_path / "labels").mkdir()
    with pytest.raises(SystemExit, match="no labelled pairs in .*labels"):
        ev.load(tmp_path / "labels", tmp_path)


def _shape(value):
    """The key tree of a JSON value with every number as "number": what a file loaded by
    align.load_model has to match, whatever it was fitted on (names, fields, vector lengths)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return "number" if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def test_fit_writes_the_shipped_models_format_and_reads_back(pairs, monkeypatch, tmp_path):
    """The shipped link_model.json is what `--fit` writes (the recipe docs/comparison.md gives):
    the same fields, feature names and vector lengths, a model that loads to what was fitted.
    A hand-edited or stale file, or a --fit whose output load_model no longer reads, fails here."""
    shipped = json.loads(align.MODEL_PATH.read_text(encoding="utf-8"))
    written = tmp_path / "link_model.json"
    monkeypatch.setattr(align, "MODEL_PATH", written)
    monkeypatch.setattr(ev, "load", lambda source, articles, keep=None: pairs)
    assert ev.main([str(tmp_path / "align"), "--articles", str(tmp_path), "--fit"]) == 0
    data = json.loads(written.read_text(encoding="utf-8"))
    assert _shape(data | {"about": ""}) == _shape(shipped | {"about": ""})
    recipe = "Sentence-link model for reader compare; fitted by bench/eval_comparison.py --fit on the "
    assert data["about"].startswith(recipe) and shipped["about"].startswith(recipe)
    assert align.LinkModel.from_dict(data["model"]) == ev.fit(pairs)
    assert align.LinkModel.from_dict(shipped["model"]) == align.load_model()
