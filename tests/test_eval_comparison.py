"""bench/eval_comparison.py's fitting of the two-stage link model, on synthetic pairs (no corpus)."""

from __future__ import annotations

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


def test_cross_validation_and_held_out_pairings_score_every_pair(pairs):
    held_out = ev.cross_validated(pairs)
    assert len(held_out) == len(pairs)
    total = ev._total(held_out)
    assert total["links"] == sum(len(p.links) for p in pairs)
    assert ev._f1(total) > 0.5  # the links are easy to tell here
    by_pairing = ev.by_outlets(pairs)
    assert sorted(by_pairing) == ["A – B", "A – C", "B – C"]
    assert sum(len(rows) for rows in by_pairing.values()) == len(pairs)
