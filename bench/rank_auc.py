"""ROC AUC by ranks (ties averaged), NumPy only: shared by eval_signals.py's ranking figures and
train_cross_encoder.py (which runs in a PyTorch venv without reader's dependencies)."""

from __future__ import annotations

import numpy as np


def rank_auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """The chance that a random positive scores above a random negative (ties count half);
    0.0 when either class is empty."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    for value in np.unique(scores):
        same = scores == value
        ranks[same] = ranks[same].mean()
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    if not n_pos or not n_neg:
        return 0.0
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
