"""Score candidate link signals against the shipped two-stage model, as docs/comparison.md's table does.

    python bench/eval_signals.py ../shared/corpora/align-dev [--articles DIR] [--only NAME ...]
                                 [--splits 30] [--split-seeds 0,11] [--cross-scores FILE ...]
                                 [--cross-alone] [--third-from DIR] [--ctx-scores FILE [--ctx-variant L6-idf]]
                                 [--score-on DIR] [--ranking]

Each trial changes one thing (a feature added or replaced, a context input for the second stage,
or the second stage's form) and is scored in the same run as the shipped model, three ways:
held out leave-one-pair-out (F1, pairs better/worse), with a whole pairing of outlets held out
(`--by-outlets` of eval_comparison.py), and on paired random splits (eval_comparison's
`--splits`: both fitted on the same two thirds of the pairs, scored on the other third) for each
seed. A signal worth shipping gains on the splits of every seed, by several standard errors, and
does not lose held out or by outlets. None of these did (docs/comparison.md, "Telling a better signal from
noise") before the contextual ones below; the script keeps them reproducible, so the next attempt
starts from their figures.

The boosted-trees trial needs scikit-learn (not a dependency of reader); without it, it is
skipped. The cross-encoder trials read the scores bench/train_cross_encoder.py gives every
candidate pair (a MiniLM cross-encoder fine-tuned on MSRP, in a PyTorch venv of its own):
`--dump-candidates FILE` writes the candidates (align-dev's and the seeds'), its `score` command
scores them, `--cross-scores FILE` reads the result; each of those trials also prints the seed
count (bench/eval_seeds.py's) of the model fitted on all pairs, shipped and trial. Without
--cross-scores they are skipped. A labelled pair's dumped candidates carry their labels and stem
cosine, what train_cross_encoder.py's `finetune` trains on: its scores are out of fold (each pair
scored by a model that never saw its labels), and the pairs of --score-on by one trained on all
of them. --cross-alone prints the cross-encoder used alone, beside the stem cosine: its ranking
of the candidates (ROC AUC, average precision, best one-threshold F1; secondary links left out)
and as a linker, its threshold chosen on the other pairs (on --score-on's pairs: on all the
folder's pairs).

The bridge trials (`bridge-*`) read a third outlet's version C of each pair's story (A, B): the
other articles of its story in `--third-from`'s stories.yaml (BASIL-style; default: the articles
folder, where each align-dev event has a third outlet). C is never labelled: A x C and C x B are
scored by the first stage fitted without the held-out pair (for a training pair, the same nested
first stage its context comes from), or by the nested two-stage model, and a pair (i, j) reads
max over C's sentences k of min(p(i,k), p(k,j)) (or the product, or second-order forms) in the
second stage; `bridge-similarity` bridges raw similarities instead, in both stages. Every one
lost held out and on both seeds' splits: most links are facts that only two of the three outlets
tell, so the bridge mostly marks "told by all three" and the model grows more conservative
(recall 0.672 -> 0.631). Research only: nothing here runs in `reader compare`.

The contextual trials (`ctx-*`) read BERTScore over all-MiniLM-L6-v2's contextual token vectors
(bench/contextual_tokens.py, in the same PyTorch venv as the cross-encoder; `--dump-candidates`
writes what it reads): the F1 added, with precision and recall, with its margins to the best of
its row and column, or in place of the static BERTScore's four features. `--ctx-variant` picks
the layer and weighting (default: layer 6 of 6, IDF-weighted, the best alone: ROC AUC 0.972,
average precision 0.73 over align-dev's candidates, against the stem cosine's 0.936 and 0.68).
Each gains on the paired splits of seeds 0 and 11 (+0.011 to +0.030, one and a half to five
standard errors; `ctx-bertscore` +0.020 and +0.022, and +0.011 and +0.025 on 40 splits of seeds
23 and 37) and none loses held out, by outlets or on the nine extra labelled pairs. `--ranking`
prints how well single scores rank all candidates alone (ROC AUC, average precision, best F1 of
one threshold), and stops. Like the cross-encoder's, each contextual trial prints the seed count. `--score-on DIR` also scores each trial, fitted on the folder's
pairs without those of each scored pair's story, on other labelled pairs nobody tuned on
(eval_comparison.py's `--score-on`).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import eval_comparison as ev  # noqa: E402
from rank_auc import rank_auc  # noqa: E402

from reader.analysis import align  # noqa: E402
from reader.analysis.compare import _skipped, compare  # noqa: E402
from reader.analysis.embeddings import table  # noqa: E402
from reader.analysis.textstats import STOPWORDS, tokenize  # noqa: E402
from reader.analysis.figures import _agrees, differing_figures, find_figures  # noqa: E402
from reader.analysis.names import find_name_variants, variant_map  # noqa: E402
from reader.analysis.quotes import find_quotes  # noqa: E402
from reader.analysis.sentences import split_sentences  # noqa: E402
from reader.corpus.loader import load_path  # noqa: E402

Context = Callable[[list, np.ndarray, tuple[int, int]], np.ndarray]
# Second-stage inputs from a model scoring the pair's third versions (the first stage, or a fitted
# two-stage model): (scorer, keys, shape, thirds) -> one row per key.
Bridge = Callable[[Any, list, tuple[int, int], tuple], np.ndarray]
_SOFT = [align.FEATURES.index(k) for k in ("context_f1", "context_max", "context_margin_low", "context_margin_high")]
_SIMILARITIES = [align.FEATURES.index(k) for k in ("stem_cosine", "context_f1", "embedding", "lexical")]


# --- models ------------------------------------------------------------------------------------


@dataclass
class TrialModel:
    """The shipped two stages, with a trial's context inputs, input expansion or second learner."""

    first: align.Logistic
    second: Callable[[np.ndarray], np.ndarray]
    context: Context
    expand: Callable[[np.ndarray], np.ndarray]
    threshold: float = 0.5
    possible: float = 0.5
    weak: float = 0.5
    bridge: Bridge | None = None  # second-stage inputs read through third versions of the story
    scorer: Any = None  # what scores A x C and C x B for the bridge (default: the first stage)

    def probabilities(self, keys, rows: np.ndarray, shape: tuple[int, int], thirds: tuple = ()) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        first = self.first.probabilities(rows)
        parts = [rows, self.context(keys, first, shape)]
        if self.bridge is not None:
            parts.append(self.bridge(self.scorer or FirstStage(self.first), keys, shape, thirds))
        return self.second(self.expand(np.hstack(parts)))


@dataclass
class FirstStage:
    """A first stage scoring candidates like a LinkModel (it needs no neighbours)."""

    first: align.Logistic

    def probabilities(self, keys, rows: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
        return self.first.probabilities(rows)


def _logistic(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    mean, scale, weights, bias = ev.fit_logistic(x, y)
    return align.Logistic(tuple(mean), tuple(scale), tuple(weights), bias).probabilities


def fit_trial(
    pairs: list[ev.PairData],
    context: Context = align.context_features,
    expand: Callable[[np.ndarray], np.ndarray] = lambda x: x,
    learner: Callable[[np.ndarray, np.ndarray], Callable[[np.ndarray], np.ndarray]] = _logistic,
    bridge: Bridge | None = None,
    bridge_scorer: Callable[[list[ev.PairData]], Any] | None = None,
) -> TrialModel:
    """eval_comparison.fit's two stages (the second on held-out first-stage probabilities) with
    the trial's parts; with the defaults it is the shipped model. A bridge reads each training
    pair's third versions through the same held-out first stage as its context."""
    first = ev._regression(pairs)
    inputs = []
    for pair in pairs:
        fold = ev._regression([q for q in pairs if q is not pair])
        parts = [pair.rows, context(pair.keys, fold.probabilities(pair.rows), _shape(pair))]
        if bridge is not None:
            others = [q for q in pairs if q is not pair]
            scorer = bridge_scorer(others) if bridge_scorer else FirstStage(fold)
            parts.append(bridge(scorer, pair.keys, _shape(pair), pair.thirds))
        inputs.append(expand(np.hstack(parts)))
    labels = np.concatenate([p.labels for p in pairs]) != 0
    second = learner(np.vstack(inputs), labels.astype(float))
    scorer = bridge_scorer(pairs) if bridge is not None and bridge_scorer else None
    model = TrialModel(first, second, context, expand, bridge=bridge, scorer=scorer)
    model.threshold, model.possible, model.weak = ev.choose_grades(pairs, [second(x) for x in inputs])
    return model


def _shape(pair: ev.PairData) -> tuple[int, int]:
    return len(pair.left), len(pair.right)


def _matrix(keys, values: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    out = np.zeros(shape)
    if len(keys):
        rows, columns = zip(*keys)
        out[list(rows), list(columns)] = values
    return out


# --- signals computed from the texts -------------------------------------------------------------


def _content(text: str, mapping: dict[str, str]) -> list[str]:
    """The content words the static BERTScore matched (the shipped signal before the contextual one)."""
    return [mapping.get(t, t) for t in tokenize(text) if len(t) > 1 and t not in STOPWORDS]


def _idf(documents: list[list[str]]) -> dict[str, float]:
    """Each word's IDF among these sentences (embeddings.soft_overlap's weighting)."""
    df: dict[str, int] = {}
    for words in documents:
        for w in set(words):
            df[w] = df.get(w, 0) + 1
    return {w: math.log((len(documents) + 1) / (c + 0.5)) for w, c in df.items()}


def soft_scores(
    left: list[list[str]], right: list[list[str]], centre: np.ndarray | None = None, floor: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Static BERTScore precision and recall matrices over content words (IDF over the pair's
    sentences, as embeddings.soft_overlap), with the word vectors centred on `centre` first,
    or word similarities under `floor` counted as 0 (the rest stretched to 0..1)."""
    tokens = table()
    idf = _idf(left + right)
    precision, recall = np.zeros((len(left), len(right))), np.zeros((len(left), len(right)))
    vocabulary = sorted(idf)
    if not vocabulary:
        return precision, recall
    index = {w: k for k, w in enumerate(vocabulary)}
    vectors = np.stack([tokens.word_vector(w) for w in vocabulary]).astype(np.float64)
    if centre is not None:
        vectors = vectors - centre
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, 1.0)
    if floor is not None:
        similarity = np.where(similarity >= floor, (similarity - floor) / (1 - floor), 0.0)
    for i, a in enumerate(left):
        if not a:
            continue
        ia, wa = [index[w] for w in a], np.array([idf[w] for w in a])
        for j, b in enumerate(right):
            if b:
                jb, wb = [index[w] for w in b], np.array([idf[w] for w in b])
                block = similarity[np.ix_(ia, jb)]
                precision[i, j] = wa @ block.max(1) / wa.sum()
                recall[i, j] = wb @ block.max(0) / wb.sum()
    return precision, recall


def pair_centre(left: list[list[str]], right: list[list[str]]) -> np.ndarray:
    """The IDF-weighted mean word vector of the pair's sentences: the story's own direction."""
    tokens = table()
    idf = _idf(left + right)
    words = [w for d in left + right for w in d]
    if not words:
        return np.zeros(tokens.vectors.shape[1])
    weights = np.array([idf[w] for w in words])
    return weights @ np.stack([tokens.word_vector(w) for w in words]) / weights.sum()


def _f1(precision: np.ndarray, recall: np.ndarray) -> np.ndarray:
    total = precision + recall
    return np.divide(2 * precision * recall, total, out=np.zeros_like(total), where=total > 0)


def _words(pair: ev.PairData, drop_names: bool = False) -> tuple[list[list[str]], list[list[str]]]:
    left, right = pair.texts

    def content(text: str, mapping: dict) -> list[str]:
        words = _content(text, mapping)
        names = align._names(text, mapping) if drop_names else set()
        return [w for w in words if w not in names]

    return [content(s, {}) for s in left], [content(s, pair.mapping) for s in right]


def _at(pair: ev.PairData, *matrices: np.ndarray) -> np.ndarray:
    return np.array([[m[i, j] for m in matrices] for i, j in pair.keys]).reshape(len(pair.keys), len(matrices))


def _with_rows(pair: ev.PairData, rows: np.ndarray) -> ev.PairData:
    return ev.PairData(**(pair.__dict__ | {"rows": rows}))


def centred_soft(pair: ev.PairData) -> ev.PairData:
    """The BERTScore features on word vectors centred on the pair's mean (replacing them)."""
    left, right = _words(pair)
    return _soft_replaced(pair, *soft_scores(left, right, centre=pair_centre(left, right)))


def _soft_replaced(pair: ev.PairData, precision: np.ndarray, recall: np.ndarray) -> ev.PairData:
    """The pair with the meaning features (F1, the better side, then the F1's shares of its row's
    and column's best, smaller first) computed from these precision and recall matrices."""
    f1, best = _f1(precision, recall), np.maximum(precision, recall)
    shares = (align._share(f1, 1), align._share(f1, 0))
    rows = pair.rows.copy()
    if len(pair.keys):
        at = tuple(np.array(pair.keys, np.int64).T)
        rows[:, _SOFT] = np.column_stack([f1[at], best[at], *align._low_high(shares, at)])
    return _with_rows(pair, rows)


def _sentence_vectors(pair: ev.PairData) -> np.ndarray:
    left, right = pair.texts
    return table().sentence_vectors(list(left) + list(right)).astype(np.float64)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


def top_directions_removed(pair: ev.PairData, count: int = 2) -> ev.PairData:
    """The sentence-vector cosine with the pair's top principal directions projected out (added)."""
    vectors = _sentence_vectors(pair)
    _, _, directions = np.linalg.svd(vectors - vectors.mean(0), full_matrices=False)
    for d in directions[:count]:
        vectors = vectors - np.outer(vectors @ d, d)
    vectors = _unit(vectors)
    n = len(pair.texts[0])
    return _with_rows(pair, np.hstack([pair.rows, _at(pair, vectors[:n] @ vectors[n:].T)]))


def article_centred(pair: ev.PairData) -> ev.PairData:
    """The sentence-vector cosine with each article centred on its own mean (added)."""
    vectors, n = _sentence_vectors(pair), len(pair.texts[0])
    left, right = _unit(vectors[:n] - vectors[:n].mean(0)), _unit(vectors[n:] - vectors[n:].mean(0))
    return _with_rows(pair, np.hstack([pair.rows, _at(pair, left @ right.T)]))


def pair_standardised(pair: ev.PairData) -> ev.PairData:
    """Four similarities as z-scores among the pair's candidates (replacing them)."""
    rows = pair.rows.copy()
    x = rows[:, _SIMILARITIES]
    rows[:, _SIMILARITIES] = (x - x.mean(0)) / np.maximum(x.std(0), 1e-6) if len(x) else x
    return _with_rows(pair, rows)


def soft_weaker_side(pair: ev.PairData) -> ev.PairData:
    precision, recall = soft_scores(*_words(pair))
    return _with_rows(pair, np.hstack([pair.rows, _at(pair, np.minimum(precision, recall))]))


def soft_without_names(pair: ev.PairData) -> ev.PairData:
    precision, recall = soft_scores(*_words(pair, drop_names=True))
    return _with_rows(pair, np.hstack([pair.rows, _at(pair, _f1(precision, recall), np.maximum(precision, recall))]))


def soft_floored(pair: ev.PairData) -> ev.PairData:
    precision, recall = soft_scores(*_words(pair), floor=0.5)
    return _with_rows(pair, np.hstack([pair.rows, _at(pair, _f1(precision, recall), np.maximum(precision, recall))]))


def figures(pair: ev.PairData) -> ev.PairData:
    """A figure conflict, the same times the soft F1, and a figure agreeing (added)."""
    left = [find_figures(s) for s in pair.texts[0]]
    right = [find_figures(s) for s in pair.texts[1]]
    soft = align.FEATURES.index("context_f1")
    extra = []
    for (i, j), row in zip(pair.keys, pair.rows):
        conflict = float(bool(differing_figures(left[i], right[j])))
        agree = float(any(_agrees(a, b) for a in left[i] for b in right[j]))
        extra.append((conflict, conflict * row[soft], agree))
    return _with_rows(pair, np.hstack([pair.rows, np.array(extra).reshape(len(pair.keys), 3)]))


# --- context inputs for the second stage ---------------------------------------------------------


def _monotone_through(gain: np.ndarray) -> tuple[np.ndarray, float]:
    """The best score of a monotone path (i and j both increasing, skips free) through each cell,
    and the best overall (Needleman-Wunsch with gap cost 0)."""
    n, m = gain.shape
    g = np.maximum(gain, 0)
    before = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            before[i, j] = max(before[i - 1, j], before[i, j - 1], before[i - 1, j - 1] + g[i - 1, j - 1])
    after = np.zeros((n + 2, m + 2))
    for i in range(n, 0, -1):
        for j in range(m, 0, -1):
            after[i, j] = max(after[i + 1, j], after[i, j + 1], after[i + 1, j + 1] + g[i - 1, j - 1])
    through = before[:n, :m] + gain + after[2:, 2:]
    return through, float(before[n, m])


def with_context(extra: Context) -> Context:
    def context(keys, first: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
        base = align.context_features(keys, first, shape)
        return np.hstack([base, extra(keys, first, shape).reshape(len(keys), -1)])

    return context


def path_margin(keys, first, shape):
    through, best = _monotone_through(_matrix(keys, first, shape) - 0.5)
    return np.array([through[i, j] - best for i, j in keys])


def on_path(keys, first, shape):
    through, best = _monotone_through(_matrix(keys, first, shape) - 0.5)
    return np.array([float(through[i, j] >= best - 1e-9) for i, j in keys])


def link_density(keys, first, shape):
    return np.full(len(keys), float(np.sum(first)) / max(1, min(shape)))


def context_times_similarity(x: np.ndarray) -> np.ndarray:
    n = len(align.FEATURES)
    context = x[:, n : n + len(align.CONTEXT_FEATURES)]
    similarity = x[:, _SIMILARITIES + [align.FEATURES.index("context_margin_low")]]
    products = [context[:, a] * similarity[:, b] for a in range(context.shape[1]) for b in range(similarity.shape[1])]
    return np.hstack([x, np.array(products).T.reshape(len(x), -1)])


# --- a sibling's link: the same fact told twice on one side -----------------------------------

# Each pair's within-side similarity matrices (left x left, right x right), by id(pair.keys):
# the context hook sees only keys, first-stage probabilities and the shape.
SIBLINGS: dict[int, dict[str, tuple[np.ndarray, np.ndarray]]] = {}


def _within(texts: list[str], kind: str) -> np.ndarray:
    from reader.analysis.contextual import encoder

    if kind == "ctx":
        scores = encoder().bertscore(texts, texts)
        p, r = scores.precision, scores.recall
        s = np.divide(2 * p * r, p + r, out=np.zeros_like(p), where=(p + r) > 0)
    elif kind == "embedding":
        v = table().sentence_vectors(texts)
        s = np.clip(v @ v.T, 0.0, 1.0)
    else:  # the shipped first stage on the side's own candidate pairs
        model = align.load_model()
        keys, rows = align.candidate_features(texts, texts)
        s = np.zeros((len(texts), len(texts)))
        if keys:
            s[tuple(np.array(keys).T)] = model.first.probabilities(rows)
        s = np.maximum(s, s.T)
    np.fill_diagonal(s, 0.0)
    return s


def remember_siblings(pair: ev.PairData) -> ev.PairData:
    left, right = pair.texts
    SIBLINGS[id(pair.keys)] = {
        kind: (_within(left, kind), _within(right, kind)) for kind in ("ctx", "embedding", "first")
    }
    return pair


def sibling_context(kind: str, power: float = 1.0) -> Context:
    """For (i, j): the best of S_L[i, i'] * p(i', j) over the left's other sentences and of
    S_R[j, j'] * p(i, j') over the right's, smaller first (p: first-stage probabilities)."""

    def extra(keys, first, shape):
        if not len(keys):
            return np.zeros((0, 2))
        sl, sr = SIBLINGS[id(keys)][kind]
        sl, sr = sl**power, sr**power
        matrix = _matrix(keys, first, shape)
        through_left = (sl[:, :, None] * matrix[None, :, :]).max(1)  # [i, j] = max_i' S[i,i'] p(i',j)
        through_right = (matrix[:, :, None] * sr[None, :, :]).max(1)  # [i, j] = max_j' p(i,j') S[j',j]
        at = tuple(np.array(keys).T)
        a, b = through_left[at], through_right[at]
        return np.column_stack([np.minimum(a, b), np.maximum(a, b)])

    return with_context(extra)


# --- a cross-encoder's scores (bench/train_cross_encoder.py, run in its own venv) ---------------

CROSS_SCORES: dict[str, dict] = {}  # pair name -> {"keys", "forward", "backward"}, from --cross-scores


def dump_candidates(pairs: list[ev.PairData], path: Path) -> None:
    """Each pair's candidate keys and sentence texts (the seeds' too, as "seeds"), for
    train_cross_encoder.py's `score` and contextual_tokens.py; a labelled pair's also with each
    candidate's label (1 link, -1 secondary, 0 neither) and stem cosine, what train_cross_encoder.py's
    `finetune` trains on and picks hard negatives by."""
    stem = align.FEATURES.index("stem_cosine")
    out = {
        p.name: {
            "keys": [list(k) for k in p.keys],
            "left": [s.text for s in p.left],
            "right": [s.text for s in p.right],
            "left_texts": list(p.texts[0]),  # with the quotations' speakers, as the features read them
            "right_texts": list(p.texts[1]),
            **(
                {"labels": p.labels.astype(int).tolist(), "stem_cosine": p.rows[:, stem].tolist()}
                if p.name != "seeds"
                else {}
            ),
        }
        for p in [*pairs, seed_pair()]
    }
    path.write_text(json.dumps(out), encoding="utf-8")


def seed_pair() -> ev.PairData:
    """The two seed articles as compare() reads them, unlabelled (eval_seeds.py holds the target)."""
    import eval_seeds

    comparison = compare(*eval_seeds.seed_articles())
    left, right = comparison.left, comparison.right
    mapping = variant_map(comparison.name_variants)
    left_texts = align.with_speakers(left.sentences, find_quotes(left.text, left.sentences))
    right_texts = align.with_speakers(right.sentences, find_quotes(right.text, right.sentences))
    keys, rows = align.candidate_features(left_texts, right_texts, mapping)
    unmapped: list[int | None] = []
    return ev.PairData(
        "seeds", list(left.sentences), list(right.sentences), set(_skipped(left)), set(_skipped(right)),
        unmapped, unmapped, set(), set(), mapping, keys, rows, np.zeros(len(keys)), "", (left_texts, right_texts),
    )  # fmt: skip


def seed_score(model, pair: ev.PairData) -> str:
    """eval_seeds.py's count for a model fitted on all of align-dev."""
    import eval_seeds

    f = eval_seeds._number(pair.left, eval_seeds.FOX, "F")
    m = eval_seeds._number(pair.right, eval_seeds.MOSCOW, "M")
    probabilities = model.probabilities(pair.keys, pair.rows, _shape(pair))
    links = align.grade(pair.keys, probabilities, model, pair.skip_left, pair.skip_right)
    linked = {(i, j) for i, j, _ in links.pairs}
    same = {(f[a], m[b]) for a, b in eval_seeds.SAME_FACT}
    tolerated = {(f[a], m[b]) for a, b in eval_seeds.TOLERATED}
    return f"{len(linked & same)} of {len(same)} seeds, {len(linked - same - tolerated)} outside, {len(linked & tolerated)} tolerated"


def _cross(pair: ev.PairData) -> tuple[np.ndarray, np.ndarray]:
    scores = CROSS_SCORES[pair.name]
    if [tuple(k) for k in scores["keys"]] != list(pair.keys):
        raise SystemExit(f"eval_signals: the cross-encoder scores of {pair.name} are for other candidates")
    forward = np.array(scores["forward"], dtype=float)
    return forward, np.array(scores["backward"] or scores["forward"], dtype=float)  # one order scored: both alike


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def cross_encoder(pair: ev.PairData) -> ev.PairData:
    """The cross-encoder's log-odds of "same meaning", averaged over both orders (added)."""
    forward, backward = _cross(pair)
    return _with_rows(pair, np.hstack([pair.rows, _logit((forward + backward) / 2).reshape(-1, 1)]))


def cross_encoder_max(pair: ev.PairData) -> ev.PairData:
    """The mean over both orders and the higher order's log-odds (added)."""
    forward, backward = _cross(pair)
    extra = np.stack([_logit((forward + backward) / 2), _logit(np.maximum(forward, backward))], axis=1)
    return _with_rows(pair, np.hstack([pair.rows, extra.reshape(-1, 2)]))


def cross_encoder_competition(pair: ev.PairData) -> ev.PairData:
    """The mean log-odds and its margins to the best of its row and of its column (added)."""
    forward, backward = _cross(pair)
    value = _logit((forward + backward) / 2)
    matrix = np.full((len(pair.left), len(pair.right)), -10.0)
    for (i, j), v in zip(pair.keys, value):
        matrix[i, j] = v
    rows, columns = matrix.max(1), matrix.max(0)
    extra = [(v, v - rows[i], v - columns[j]) for (i, j), v in zip(pair.keys, value)]
    return _with_rows(pair, np.hstack([pair.rows, np.array(extra).reshape(len(pair.keys), 3)]))


def cross_probability(pair: ev.PairData) -> np.ndarray:
    """The cross-encoder's P(same meaning), both orders averaged, for the pair's candidates."""
    forward, backward = _cross(pair)
    return (forward + backward) / 2


def alone_as_linker(pairs: list[ev.PairData], values: Callable[[ev.PairData], np.ndarray]) -> list[dict]:
    """One score used alone as compare() would use a model's probabilities: each pair held out,
    its link threshold (and "possibly" grade) chosen on the other pairs' scores."""
    scores = [values(p) for p in pairs]
    out = []
    for k, pair in enumerate(pairs):
        others = [q for q in range(len(pairs)) if q != k]
        out.append(
            ev.learned_method(pair, alone_grades([pairs[q] for q in others], [scores[q] for q in others]), scores[k])
        )
    return out


def alone_grades(pairs: list[ev.PairData], scores: list[np.ndarray]) -> SimpleNamespace:
    """choose_grades for a score that is not a fitted probability: the link threshold with the best
    F1 on these pairs over the whole 0-1 range, and "possibly" where the "only here" marks reach
    the training target."""
    grades, best = SimpleNamespace(threshold=0.5, possible=0.5), (-1.0, 0.5)
    for t in np.arange(0.01, 1.0, 0.01):
        grades.threshold = grades.possible = float(t)
        f = ev._f1(ev._total([ev.learned_method(p, grades, q) for p, q in zip(pairs, scores)]))
        if f > best[0]:
            best = (f, float(t))
    grades.threshold = best[1]
    for t in np.arange(best[1], 0.0, -0.01):
        grades.possible = float(t)
        total = ev._total([ev.learned_method(p, grades, q) for p, q in zip(pairs, scores)])
        if total["only_ok"] >= ev.ONLY_TARGET * max(1, total["only"]):
            break
    return grades


def alone_lines(pairs: list[ev.PairData], graded_on: list[ev.PairData] | None = None) -> list[str]:
    """The cross-encoder alone (--cross-alone), beside the stem cosine: its ranking of all the
    candidates (AUC, AP, best F1 of one threshold) and as a linker, held out pair by pair, or
    with its grades chosen on all of `graded_on` (pairs nobody tuned on)."""
    stem = align.FEATURES.index("stem_cosine")
    labels = np.concatenate([p.labels for p in pairs])
    lines = []
    for label, values in (("cross-encoder", cross_probability), ("stem cosine", lambda p: p.rows[:, stem])):
        auc, average_precision, best = ranking(np.concatenate([values(p) for p in pairs]), labels)
        if graded_on:
            grades = alone_grades(graded_on, [values(p) for p in graded_on])
            rows = [ev.learned_method(p, grades, values(p)) for p in pairs]
        else:
            rows = alone_as_linker(pairs, values)
        total = ev._total(rows)
        p, r, f = ev._prf(total)
        only = total["only_ok"] / max(1, total["only"])
        lines.append(
            f"{label:22s} alone: AUC {auc:.3f}, AP {average_precision:.3f}, best F1 {best:.3f}; as a linker "
            f"{'graded on the others' if graded_on else 'held out'} F1 {f:.3f} (P {p:.3f} R {r:.3f}), "
            f"only here {only:.3f}"
        )
    return lines


def boosted_trees(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    from sklearn.ensemble import HistGradientBoostingClassifier

    trees = HistGradientBoostingClassifier(
        max_depth=2, max_iter=100, learning_rate=0.05, l2_regularization=1.0, min_samples_leaf=20, random_state=0
    ).fit(x, y)
    return lambda z: trees.predict_proba(z)[:, 1] if len(z) else np.zeros(0)


# --- a third outlet's version of the story as a bridge ------------------------------------------


@dataclass(frozen=True)
class Third:
    """Another outlet's version C of a pair's story (A, B), never labelled: the candidate pairs of
    A x C and of C x B with their features, as compare() would compute them."""

    name: str
    size: int  # C's sentences
    left_keys: list  # A x C
    left_rows: np.ndarray
    right_keys: list  # C x B
    right_rows: np.ndarray


def third_versions(pairs: list[ev.PairData], articles: Path, third_from: Path) -> list[ev.PairData]:
    """The pairs with the other articles of their story (third_from's stories.yaml, BASIL-style)
    attached as `thirds`; a pair whose story has no other (non-empty) article gets none."""
    import yaml

    stories = yaml.safe_load((third_from / "stories.yaml").read_text(encoding="utf-8")) or []
    story_of = {Path(a).stem: story for story in stories for a in story.get("articles", ())}
    out = []
    for pair in pairs:
        left_id, right_id = pair.name.split("__")
        others = [Path(a).stem for a in story_of.get(left_id, {}).get("articles", ())]
        left, right = (load_path(articles / f"{i}.md").articles[0] for i in (left_id, right_id))
        thirds = []
        for other in others:
            if other in (left_id, right_id):
                continue
            path = third_from / f"{other}.md"
            loaded = load_path(path).articles if path.is_file() else []
            sentences = split_sentences(loaded[0].text) if loaded else []
            if not sentences:  # missing or empty (basil-dev has a few empty articles)
                continue
            article = loaded[0]
            texts = align.with_speakers(sentences, find_quotes(article.text))
            left_keys, left_rows = align.candidate_features(
                pair.texts[0], texts, variant_map(find_name_variants(left.text, article.text))
            )
            right_keys, right_rows = align.candidate_features(
                texts, pair.texts[1], variant_map(find_name_variants(article.text, right.text))
            )
            thirds.append(Third(other, len(sentences), left_keys, left_rows, right_keys, right_rows))
        out.append(ev.PairData(**(pair.__dict__ | {"thirds": tuple(thirds)})))
    return out


def _bridge_matrices(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Through C: max over k of min(left[i, k], right[k, j]), and of their product."""
    if not left.size or not right.size:
        shape = (left.shape[0], right.shape[1])
        return np.zeros(shape), np.zeros(shape)
    both = np.stack(np.broadcast_arrays(left[:, :, None], right[None, :, :]))
    return both.min(0).max(1), both.prod(0).max(1)


def _through_thirds(keys, shape, thirds, left_values, right_values) -> tuple[np.ndarray, np.ndarray]:
    """(min bridge, product bridge) per key, the best over the thirds; `*_values(third)` gives a
    value per candidate of A x C and of C x B (non-candidates count as 0)."""
    out = np.zeros((2, len(keys)))
    for third in thirds:
        a, b = _third_matrices(third, shape, left_values, right_values)
        low, product = _bridge_matrices(a, b)
        for k, (i, j) in enumerate(keys):
            out[0, k] = max(out[0, k], low[i, j])
            out[1, k] = max(out[1, k], product[i, j])
    return out[0], out[1]


def _third_matrices(third: Third, shape, left_values, right_values) -> tuple[np.ndarray, np.ndarray]:
    a = _matrix(third.left_keys, left_values(third), (shape[0], third.size))
    b = _matrix(third.right_keys, right_values(third), (third.size, shape[1]))
    return a, b


def _scored(scorer, shape):
    """left_values, right_values for _through_thirds: the scorer's probabilities."""
    return (
        lambda t: scorer.probabilities(t.left_keys, t.left_rows, (shape[0], t.size)),
        lambda t: scorer.probabilities(t.right_keys, t.right_rows, (t.size, shape[1])),
    )


def bridge_probability(scorer, keys, shape, thirds) -> np.ndarray:
    """A x C and C x B probabilities bridged: max_k min(p(i,k), p(k,j))."""
    low, _ = _through_thirds(keys, shape, thirds, *_scored(scorer, shape))
    return low.reshape(-1, 1)


def bridge_product(scorer, keys, shape, thirds) -> np.ndarray:
    """The same with max_k p(i,k) * p(k,j)."""
    _, product = _through_thirds(keys, shape, thirds, *_scored(scorer, shape))
    return product.reshape(-1, 1)


def bridge_min_product(scorer, keys, shape, thirds) -> np.ndarray:
    low, product = _through_thirds(keys, shape, thirds, *_scored(scorer, shape))
    return np.stack([low, product], axis=1).reshape(-1, 2)


def bridge_profile(scorer, keys, shape, thirds) -> np.ndarray:
    """Second-order: the cosine of i's probabilities over C's sentences and j's, and the bridge
    through the sentence that is best for both (i's best C partner is j's), hubs left out by
    the cosine's normalisation."""
    out = np.zeros((len(keys), 2))
    left_values, right_values = _scored(scorer, shape)
    for third in thirds:
        a, b = _third_matrices(third, shape, left_values, right_values)
        a_unit = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-9)
        b_unit = b / np.maximum(np.linalg.norm(b, axis=0, keepdims=True), 1e-9)
        cosine = a_unit @ b_unit
        best_a, best_b = a.argmax(1), b.argmax(0)
        for k, (i, j) in enumerate(keys):
            shared = float(best_a[i] == best_b[j]) * min(a[i, best_a[i]], b[best_b[j], j])
            out[k] = np.maximum(out[k], (cosine[i, j], shared))
    return out


def bridge_coverage(scorer, keys, shape, thirds) -> np.ndarray:
    """The min bridge, with how well C tells each sentence at all (i's best p(i,k) and j's best
    p(k,j), smaller first): a link whose fact C does not tell is not held against it, a pair both
    told in C through different sentences is."""
    out = np.zeros((len(keys), 3))
    left_values, right_values = _scored(scorer, shape)
    for third in thirds:
        a, b = _third_matrices(third, shape, left_values, right_values)
        low, _ = _bridge_matrices(a, b)
        rows, columns = a.max(1) if a.size else np.zeros(shape[0]), b.max(0) if b.size else np.zeros(shape[1])
        for k, (i, j) in enumerate(keys):
            told = sorted((rows[i], columns[j]))
            out[k] = np.maximum(out[k], (low[i, j], *told))
    return out


def bridge_times_weakness(x: np.ndarray) -> np.ndarray:
    """With the min bridge last: the bridge times (1 - the first-stage probability) added, what a
    third version adds where the two sentences alone say little."""
    first = x[:, len(align.FEATURES)]
    return np.hstack([x, (x[:, -1] * (1 - first)).reshape(-1, 1)])


_BRIDGED = [align.FEATURES.index(k) for k in ("stem_cosine", "context_f1", "embedding")]


def bridge_similarity(pair: ev.PairData) -> ev.PairData:
    """Raw similarities bridged through C, max_k min(sim(i,k), sim(k,j)), for the stem cosine,
    the static BERTScore and the sentence-vector cosine (added: both stages read them)."""
    extra = [
        _through_thirds(
            pair.keys, _shape(pair), pair.thirds, lambda t, c=c: t.left_rows[:, c], lambda t, c=c: t.right_rows[:, c]
        )[0]
        for c in _BRIDGED
    ]
    return _with_rows(pair, np.hstack([pair.rows, np.array(extra).T.reshape(len(pair.keys), len(_BRIDGED))]))


# --- contextual BERTScore (bench/contextual_tokens.py, run in a PyTorch venv of its own) ---------

CTX_SCORES: dict[str, dict] = {}  # pair name -> {"keys", "shape", "variants"}, from --ctx-scores
CTX_VARIANT = "L6-idf"  # the variant (layer, weighting) the ctx-* trials read (--ctx-variant)


def contextual_matrices(pair: ev.PairData, variant: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The pair's contextual BERTScore precision (left's tokens matched in right's) and recall,
    over all its sentence pairs."""
    scores = CTX_SCORES.get(pair.name)
    if scores is None:
        raise SystemExit(f"eval_signals: no contextual scores for {pair.name} (--ctx-scores)")
    if [tuple(k) for k in scores["keys"]] != list(pair.keys) or tuple(scores["shape"]) != _shape(pair):
        raise SystemExit(f"eval_signals: the contextual scores of {pair.name} are for other candidates")
    name = variant or CTX_VARIANT
    if name not in scores["variants"]:
        raise SystemExit(f"eval_signals: no contextual variant {name!r} (there are {', '.join(scores['variants'])})")
    chosen = scores["variants"][name]
    shape = _shape(pair)
    return (
        np.array(chosen["precision"], dtype=float).reshape(shape),
        np.array(chosen["recall"], dtype=float).reshape(shape),
    )


def _margins(matrix: np.ndarray, i: int, j: int) -> tuple[float, float]:
    """The score minus the best of its row and of its column, smaller first (symmetric)."""
    row, column = float(matrix[i, j] - matrix[i].max()), float(matrix[i, j] - matrix[:, j].max())
    return (row, column) if row <= column else (column, row)


def _contextual(pair: ev.PairData, sides: bool = False, competition: bool = False) -> np.ndarray:
    """Per candidate: the contextual F1; with `sides` the larger and smaller of precision and
    recall; with `competition` its margins to the best of its row and column."""
    precision, recall = contextual_matrices(pair)
    f1 = _f1(precision, recall)
    out = []
    for i, j in pair.keys:
        row = [f1[i, j]]
        if sides:
            row += sorted((precision[i, j], recall[i, j]), reverse=True)
        if competition:
            row += _margins(f1, i, j)
        out.append(row)
    return np.array(out, dtype=float).reshape(len(pair.keys), 1 + 2 * sides + 2 * competition)


def ctx_bertscore(pair: ev.PairData) -> ev.PairData:
    """The contextual BERTScore F1 (added)."""
    return _with_rows(pair, np.hstack([pair.rows, _contextual(pair)]))


def ctx_bertscore_sides(pair: ev.PairData) -> ev.PairData:
    """The contextual F1, and its precision and recall, larger first (added)."""
    return _with_rows(pair, np.hstack([pair.rows, _contextual(pair, sides=True)]))


def ctx_bertscore_competition(pair: ev.PairData) -> ev.PairData:
    """The contextual F1 and its margins to the best of its row and column (added)."""
    return _with_rows(pair, np.hstack([pair.rows, _contextual(pair, competition=True)]))


def ctx_bertscore_all(pair: ev.PairData) -> ev.PairData:
    """The contextual F1, its precision and recall, and its margins (added)."""
    return _with_rows(pair, np.hstack([pair.rows, _contextual(pair, sides=True, competition=True)]))


def ctx_replacing_soft(pair: ev.PairData) -> ev.PairData:
    """The static BERTScore's four features (F1, the better side, shares of the row's and the
    column's best) computed from the contextual scores instead (replacing them)."""
    return _soft_replaced(pair, *contextual_matrices(pair))


def ctx_replacing_soft_margins(pair: ev.PairData) -> ev.PairData:
    """The static BERTScore's four features replaced by the contextual F1, the better side and
    the F1's margins to its row's and column's best (a difference: the contextual scores sit
    close together, so their shares of the best hardly vary)."""
    rows = pair.rows.copy()
    precision, recall = contextual_matrices(pair)
    f1, best = _f1(precision, recall), np.maximum(precision, recall)
    for k, (i, j) in enumerate(pair.keys):
        rows[k, _SOFT] = (f1[i, j], best[i, j], *_margins(f1, i, j))
    return _with_rows(pair, rows)


def ranking(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float, float]:
    """How well one score ranks the candidates alone: ROC AUC (ties averaged), average precision
    and the best F1 of one threshold, links against non-links (secondary links left out, recall
    over the candidates that are links), as docs/comparison.md reports the stem cosine's."""
    kept = labels != -1
    values, positive = scores[kept], labels[kept] == 1
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    if not n_pos or not n_neg:
        return 0.0, 0.0, 0.0
    auc = rank_auc(values, positive)
    hits = positive[np.argsort(-values, kind="mergesort")]
    found = np.cumsum(hits)
    precision, recall = found / np.arange(1, len(hits) + 1), found / n_pos
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros(len(hits)), where=found > 0)
    return float(auc), float((precision * hits).sum() / n_pos), float(f1.max())


def print_ranking(pairs: list[ev.PairData]) -> None:
    """The ranking figures of the stem cosine, the static BERTScore, the sentence-vector cosine
    and, with --ctx-scores, each contextual variant's F1, over all candidates of `pairs`."""
    labels = np.concatenate([p.labels for p in pairs])
    columns = {name: np.concatenate([p.rows[:, align.FEATURES.index(name)] for p in pairs]) for name in _RANKED}
    if CTX_SCORES and pairs and pairs[0].name in CTX_SCORES:
        for variant in CTX_SCORES[pairs[0].name]["variants"]:
            values = []
            for p in pairs:
                f1 = _f1(*contextual_matrices(p, variant))
                values.append(np.array([f1[i, j] for i, j in p.keys]))
            columns[f"contextual {variant}"] = np.concatenate(values)
    print("alone, over all candidates (secondary links left out): ROC AUC, average precision, best F1")
    for name, values in columns.items():
        auc, average, best = ranking(values, labels)
        print(f"  {name:22s} {auc:.3f}  {average:.3f}  {best:.3f}")


_RANKED = ("stem_cosine", "context_f1", "embedding")


# --- the trials ----------------------------------------------------------------------------------


@dataclass
class Trial:
    name: str
    about: str
    pairs: Callable[[ev.PairData], ev.PairData] | None = None  # the pair's rows changed
    fitter: Callable[[list[ev.PairData]], TrialModel] = fit_trial
    needs: str = ""  # a module the trial imports (not a dependency of reader)
    cross: bool = False  # reads --cross-scores
    bridged: bool = False  # reads the third versions of each pair's story (--third-from)
    contextual: bool = False  # reads --ctx-scores


def _bridge_trial(name: str, about: str, bridge: Bridge, **options) -> Trial:
    """A trial whose second stage reads `bridge` through each pair's third versions."""
    return Trial(
        name, f"a third version C: {about}", fitter=lambda ps: fit_trial(ps, bridge=bridge, **options), bridged=True
    )


TRIALS = [
    Trial("centred-soft", "BERTScore on word vectors centred on the pair's mean (replacing it)", centred_soft),
    Trial("top-directions", "sentence vectors minus the pair's top two principal directions", top_directions_removed),
    Trial("article-centred", "sentence vectors centred per article", article_centred),
    Trial("pair-standardised", "four similarities standardised among the pair's candidates", pair_standardised),
    Trial("soft-weaker-side", "BERTScore's weaker side (precision or recall)", soft_weaker_side),
    Trial("soft-without-names", "BERTScore without the names", soft_without_names),
    Trial("soft-floored", "BERTScore counting only word similarities above 0.5", soft_floored),
    Trial(
        "path-margin", "margin to the best monotone path", fitter=lambda ps: fit_trial(ps, with_context(path_margin))
    ),
    Trial("on-path", "on the best monotone path", fitter=lambda ps: fit_trial(ps, with_context(on_path))),
    Trial(
        "context-x-similarity",
        "context x similarity in the second stage",
        fitter=lambda ps: fit_trial(ps, expand=context_times_similarity),
    ),
    Trial(
        "boosted-trees",
        "boosted trees (depth 2) as the second stage",
        fitter=lambda ps: fit_trial(ps, learner=boosted_trees),
        needs="sklearn",
    ),
    Trial("figures", "figures conflicting or agreeing, alone and times similarity", figures),
    Trial(
        "link-density", "the article pair's link density", fitter=lambda ps: fit_trial(ps, with_context(link_density))
    ),
    Trial("cross-encoder", "the cross-encoder's log-odds, both orders averaged", cross_encoder, cross=True),
    Trial("cross-encoder-max", "the cross-encoder's mean and higher-order log-odds", cross_encoder_max, cross=True),
    Trial(
        "cross-encoder-competition",
        "the cross-encoder's log-odds and its margins to its row's and column's best",
        cross_encoder_competition,
        cross=True,
    ),
    _bridge_trial(
        "bridge-probability", "max over C's sentences k of min(p(i,k), p(k,j)), first stage", bridge_probability
    ),
    _bridge_trial("bridge-product", "max over k of p(i,k) * p(k,j), first stage", bridge_product),
    _bridge_trial("bridge-min-product", "both bridges above", bridge_min_product),
    _bridge_trial(
        "bridge-where-weak",
        "the min bridge and the same times (1 - the first-stage probability)",
        bridge_probability,
        expand=bridge_times_weakness,
    ),
    _bridge_trial(
        "bridge-coverage",
        "the min bridge, and how well C tells each of the two sentences at all",
        bridge_coverage,
    ),
    _bridge_trial(
        "bridge-profile",
        "the cosine of i's and j's probabilities over C's sentences, and the bridge through a sentence best for both",
        bridge_profile,
    ),
    _bridge_trial(
        "bridge-two-stage",
        "the min bridge, A x C and C x B scored by the two-stage model (fitted nested)",
        bridge_probability,
        bridge_scorer=ev.fit,
    ),
    Trial(
        "bridge-similarity",
        "a third version C bridging raw similarities: max over k of min(sim(i,k), sim(k,j)), "
        "stem cosine, BERTScore, sentence vectors",
        bridge_similarity,
        bridged=True,
    ),
    Trial("ctx-bertscore", "contextual BERTScore F1 (MiniLM token outputs)", ctx_bertscore, contextual=True),
    Trial(
        "ctx-bertscore-sides",
        "contextual BERTScore F1, precision and recall (larger first)",
        ctx_bertscore_sides,
        contextual=True,
    ),
    Trial(
        "ctx-bertscore-competition",
        "contextual BERTScore F1 and its margins to its row's and column's best",
        ctx_bertscore_competition,
        contextual=True,
    ),
    Trial(
        "ctx-bertscore-all",
        "contextual BERTScore F1, precision and recall, and its margins",
        ctx_bertscore_all,
        contextual=True,
    ),
    Trial(
        "ctx-replacing-soft",
        "the static BERTScore's four features from the contextual scores (replacing them)",
        ctx_replacing_soft,
        contextual=True,
    ),
    Trial(
        "ctx-replacing-soft-margins",
        "the static BERTScore's features replaced by contextual F1, better side and margins",
        ctx_replacing_soft_margins,
        contextual=True,
    ),
    Trial(
        "sibling-ctx",
        "a same-side sibling's first-stage link times their contextual BERTScore F1",
        fitter=lambda ps: fit_trial(ps, sibling_context("ctx", 4.0)),
    ),
    Trial(
        "sibling-embedding",
        "a same-side sibling's first-stage link times their sentence-vector cosine",
        fitter=lambda ps: fit_trial(ps, sibling_context("embedding")),
    ),
    Trial(
        "sibling-first",
        "a same-side sibling's first-stage link times their same-fact probability (shipped first stage)",
        fitter=lambda ps: fit_trial(ps, sibling_context("first")),
    ),
]


def held_out(pairs: list[ev.PairData], fitter) -> tuple[list[dict], list[dict]]:
    """Leave-one-pair-out results, and each pairing of outlets scored by the model fitted on the others."""
    one_out = [ev.learned_method(p, fitter([q for q in pairs if q is not p])) for p in pairs]
    by_outlets: list[dict | None] = [None] * len(pairs)
    for outlets in sorted({p.outlets for p in pairs}):
        model = fitter([p for p in pairs if p.outlets != outlets])
        for k, p in enumerate(pairs):
            if p.outlets == outlets:
                by_outlets[k] = ev.learned_method(p, model)
    return one_out, [r for r in by_outlets if r is not None]


def _summary(label: str, shipped: tuple[list[dict], list[dict]], trial: tuple[list[dict], list[dict]]) -> str:
    """F1 (pairs better/worse) held out and by outlets; held out also P, R and the share of the
    "only here" marks with no link in the labels."""
    parts = []
    for before, after in zip(shipped, trial):
        better, worse = ev._better_worse(before, after)
        parts.append(f"{ev._f1(ev._total(after)):.3f} (+{better}/-{worse})")
    total = ev._total(trial[0])
    p, r, _ = ev._prf(total)
    detail = f"P {p:.3f} R {r:.3f}, only here {total['only_ok'] / max(1, total['only']):.3f}"
    return f"{label:22s} held out {parts[0]} [{detail}], by outlets {parts[1]}"


def scored_on(fitter, changed: list[ev.PairData], others: list[ev.PairData]) -> list[dict]:
    """A method fitted on `changed` (the folder's pairs, with the trial's rows) and scored on
    `others` (labelled pairs it never saw, with the same change), each by the fit without the
    pairs of its story: eval_comparison's --score-on for a trial."""
    return ev.scored_elsewhere(changed, others, fitter=fitter)


def _elsewhere(label: str, shipped: list[dict], trial: list[dict]) -> str:
    better, worse = ev._better_worse(shipped, trial)
    total = ev._total(trial)
    p, r, f = ev._prf(total)
    only = total["only_ok"] / max(1, total["only"])
    return (
        f"{label:22s} on the other pairs: F1 {f:.3f} (+{better}/-{worse}) [P {p:.3f} R {r:.3f}, only here {only:.3f}]"
    )


def main(argv=None) -> int:
    global CTX_VARIANT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=Path)
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=[t.name for t in TRIALS])
    parser.add_argument("--splits", type=int, default=30, metavar="N", help="random splits per seed (0: none)")
    parser.add_argument("--split-seeds", default="0,11", metavar="S,S", help="seeds of the split sets")
    parser.add_argument("--dump-candidates", type=Path, metavar="FILE", help="write the candidates to score, and stop")
    parser.add_argument(
        "--cross-scores", type=Path, nargs="+", metavar="FILE", help="train_cross_encoder.py's scores (files merged)"
    )
    parser.add_argument(
        "--cross-alone",
        action="store_true",
        help="also the cross-encoder alone: its ranking of the candidates and as a linker, held out",
    )
    parser.add_argument("--ctx-scores", type=Path, metavar="FILE", help="contextual_tokens.py's scores")
    parser.add_argument(
        "--ctx-variant", default=CTX_VARIANT, metavar="NAME", help=f"its variant the ctx-* trials read ({CTX_VARIANT})"
    )
    parser.add_argument(
        "--ranking", action="store_true", help="print how well single scores rank the candidates alone, and stop"
    )
    parser.add_argument(
        "--score-on",
        type=Path,
        metavar="DIR",
        help="also score each trial fitted on the folder's pairs on these labelled pairs (never fitted), each by "
        "the fit without the folder's pairs of its story",
    )
    parser.add_argument(
        "--third-from",
        type=Path,
        metavar="DIR",
        help="articles and stories.yaml the bridge trials take each story's third version from "
        "(default: the articles folder)",
    )
    args = parser.parse_args(argv)
    pairs = [remember_siblings(p) for p in ev.load(args.folder, args.articles or args.folder.parent / "basil-dev")]
    if args.dump_candidates:
        dump_candidates(pairs, args.dump_candidates)
        return 0
    for path in args.cross_scores or []:
        CROSS_SCORES.update(json.loads(path.read_text(encoding="utf-8")))
    if args.ctx_scores:
        CTX_SCORES.update(json.loads(args.ctx_scores.read_text(encoding="utf-8")))
        CTX_VARIANT = args.ctx_variant
    if args.ranking:
        print_ranking(pairs)
        return 0
    seeds = [int(s) for s in args.split_seeds.split(",") if s.strip()]
    articles = args.articles or args.folder.parent / "basil-dev"
    third_from = args.third_from or articles
    selected = [t for t in TRIALS if not args.only or t.name in args.only]
    bridged = (
        third_versions(pairs, articles, third_from)
        if any(t.bridged for t in selected) and (third_from / "stories.yaml").is_file()
        else None
    )
    shipped = held_out(pairs, ev.fit)
    print(_summary("shipped", shipped, shipped))
    others = [remember_siblings(p) for p in ev.load(args.score_on, articles)] if args.score_on else []
    shipped_elsewhere = scored_on(ev.fit, pairs, others) if others else []
    if others:
        print(_elsewhere("shipped", shipped_elsewhere, shipped_elsewhere))
    if args.cross_alone and CROSS_SCORES:
        for line in alone_lines(pairs):
            print(line)
        if others:
            for line in alone_lines(others, graded_on=pairs):
                print(f"  on {args.score_on}: {line}")
    for trial in TRIALS:
        if args.only and trial.name not in args.only:
            continue
        if trial.needs and importlib.util.find_spec(trial.needs) is None:
            print(f"{trial.name:22s} skipped: needs {trial.needs}")
            continue
        if trial.cross and not CROSS_SCORES:
            print(f"{trial.name:22s} skipped: needs --cross-scores")
            continue
        if trial.contextual and not CTX_SCORES:
            print(f"{trial.name:22s} skipped: needs --ctx-scores")
            continue
        if trial.bridged and bridged is None:
            print(f"{trial.name:22s} skipped: no stories.yaml in {third_from} (--third-from)")
            continue
        base = bridged if trial.bridged and bridged is not None else pairs
        changed = [trial.pairs(p) for p in base] if trial.pairs else base
        print(_summary(trial.name, shipped, held_out(changed, trial.fitter)) + f"  [{trial.about}]", flush=True)
        if others:
            other_base = third_versions(others, articles, third_from) if trial.bridged else others
            other_changed = [trial.pairs(p) for p in other_base] if trial.pairs else other_base
            print("  " + _elsewhere(trial.name, shipped_elsewhere, scored_on(trial.fitter, changed, other_changed)))
        if trial.name.startswith("sibling"):
            seed_data = remember_siblings(seed_pair())
            print(
                f"  shipped {seed_score(ev.fit(pairs), seed_data)}; {trial.name} {seed_score(trial.fitter(pairs), seed_data)}"
            )
        if (trial.cross or trial.contextual) and trial.pairs:
            seed_data = seed_pair()
            shipped_seeds = seed_score(ev.fit(pairs), seed_data)
            print(
                f"  shipped {shipped_seeds}; {trial.name} {seed_score(trial.fitter(changed), trial.pairs(seed_data))}"
            )
        for seed in seeds if args.splits else []:
            a, b = ev.paired_splits(pairs, ev.fit, trial.fitter, args.splits, seed, other_pairs=changed)
            print(f"  splits, seed {seed}: " + ev._paired_line("shipped", trial.name, a, b), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
