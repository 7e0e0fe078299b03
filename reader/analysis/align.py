"""Which sentences of two articles report the same fact: a learned combination of signals.

    links = link_sentences(left_texts, right_texts, mapping)
    links.pairs            # [(i, j, probability)], many-to-many, probability >= model.threshold
    links.possible_left    # {i: (j, probability)}: closest partner, below the link threshold
    links.possible_right   # {j: (i, probability)}

Every candidate pair (sharing a content word or a word stem) gets the features below, and a
logistic regression over them, fitted on hand-labelled cross-outlet article pairs and shipped as
data/link_model.json (bench/eval_comparison.py fits it, cross-validated by article pair, and
prints the held-out figures next to the previous method), turns them into a probability.
A second regression then reads each pair's features again with that first probability and the
best first probabilities of its neighbouring pairs (CONTEXT_FEATURES): two outlets tell a
shared passage in the same order and split a quotation over sentences alike, so a pair next to
a confident link is more likely one itself, and a pair with a high score among unlinked
neighbours less (held out on align-dev: F1 0.687 -> 0.735, 10 of 14 pairs better, 1 worse).
It also reads how many other links each of the two sentences is expected to have: a topic
sentence that half-matches many is weaker evidence for each (session 9: held out 0.732 -> 0.740,
on nine pairs nobody tuned on 0.605 -> 0.658; docs/comparison.md, "The comparison's judgement").

The signals, and why each is there:
- words: the TF-IDF cosines and token-set ratio of lexical.pair_features (same words);
  Porter stems and IDF-weighted containment (the whole fact inside a longer sentence);
- meaning: BERTScore over all-MiniLM-L6-v2's contextual token vectors (contextual.py: "push
  back his decision" ~ "delayed"), its better side, and its margins to the best of its row and
  column; the same score for one clause of either sentence against the whole other one (a fact
  a lead sentence packs among others; session 12: held out 0.765 -> 0.783); and a
  sentence-vector cosine from a token table distilled from the same encoder;
- competition: each score relative to the best of its row and column (a share of it, or for the
  contextual score, whose values sit close together, a difference), and whether the pair is
  the best for either or both sentences (a sentence that has a much better partner elsewhere);
  and the same competition word piece by word piece: the BERTScore precision and recall
  counted only over the pieces whose best match in the whole other article is in this partner
  (a sentence that explains a part of the other no other sentence explains as well, not a
  topic sentence that half-matches what a closer one matches; session 13: by outlets 0.752 ->
  0.763, on labelled pairs the link model never saw 0.724 -> 0.732 and 0.717 -> 0.750);
- actors: names the two sentences share and names only one of them has ("Trump fired back" is
  not "Mr. Fox fired back"); a quotation's resolved speaker counts as named (with_speakers);
- structure: the neighbouring pairs' scores (a quotation split over sentences, or told over
  several on the other side), quotation marks, sentence lengths.
Every feature is symmetric (row/column and left/right values enter as smaller/larger), so
`compare A B` links exactly what `compare B A` does.
Figures that differ do not lower a link: a differing figure on a linked pair is reported instead.
No UI imports here.
"""

from __future__ import annotations

import json
import math
import operator
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import AbstractSet, Sequence

import numpy as np

from reader.analysis import lexical
from reader.analysis.cancel import ROWS_PER_CHECK, Cancel, check
from reader.analysis.contextual import encoder
from reader.analysis.embeddings import table
from reader.analysis.speaker_resolver import surname
from reader.analysis.stems import content_stems
from reader.analysis.textstats import STOPWORDS, TfidfModel

__all__ = [
    "CONTEXT_FEATURES",
    "FEATURES",
    "Logistic",
    "LinkModel",
    "Links",
    "candidate_features",
    "context_features",
    "grade",
    "link_sentences",
    "load_model",
    "with_speakers",
]

MODEL_PATH = Path(__file__).resolve().parent / "data" / "link_model.json"

FEATURES = (
    "cosine",
    "fuzzy",
    "cosine_all",
    "lexical",
    "stem_cosine",
    "containment",
    "context_f1",
    "context_max",
    "context_part",
    "embedding",
    "lexical_share_low",
    "lexical_share_high",
    "stem_share_low",
    "stem_share_high",
    "context_margin_low",
    "context_margin_high",
    "context_won_low",
    "context_won_high",
    "best_for_one",
    "best_for_both",
    "shared_names",
    "unshared_names",
    "neighbours_diagonal",
    "neighbours_adjacent",
    "quotes",
    "length_short",
    "length_long",
)
# The second stage's extra inputs: the first stage's probability for the pair, the best of it
# over the two diagonal neighbours (i-1, j-1), (i+1, j+1) and over the four adjacent pairs, and
# each of the two sentences' expected number of distant other links (the sum of the first
# stage's probabilities over its candidates more than RUN sentences from the pair's partner),
# smaller first. A sentence that half-matches many across the article (a topic sentence) makes
# each of its matches less telling; one with no other likely partner makes its best one more so.
# Partners next to one another are one telling, not rivals: a lead whose facts the other side
# tells in a run of sentences (session 65 review).
CONTEXT_FEATURES = (
    "first_stage",
    "first_stage_diagonal",
    "first_stage_adjacent",
    "distant_links_low",
    "distant_links_high",
)

# A word of letters in any script, with inner apostrophes or hyphens ("Peña", "McCain", "O'Brien").
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_QUOTE_MARK = re.compile(r"[\"“”]")


@dataclass(frozen=True)
class Logistic:
    """A logistic regression on standardised features."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        z = ((rows - np.array(self.mean)) / np.array(self.scale)) @ np.array(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def to_dict(self) -> dict:
        return {"mean": list(self.mean), "scale": list(self.scale), "weights": list(self.weights), "bias": self.bias}

    @classmethod
    def from_dict(cls, data: dict) -> "Logistic":
        return cls(tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]), float(data["bias"]))


@dataclass(frozen=True)
class LinkModel:
    features: tuple[str, ...]  # the first stage's inputs (FEATURES)
    first: Logistic
    second: Logistic | None  # over features + CONTEXT_FEATURES; None: the first stage decides
    threshold: float  # a link from here
    possible: float  # "possibly told in ..." from here up to the threshold
    weak: float  # links below this are shown as weak

    def probabilities(self, keys: Sequence[tuple[int, int]], rows: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
        """Link probabilities of the candidate pairs `keys` (feature `rows`) of a shape[0] x
        shape[1] comparison."""
        first = self.first.probabilities(rows)
        if self.second is None or not len(rows):
            return first
        return self.second.probabilities(np.hstack([rows, context_features(keys, first, shape)]))

    def to_dict(self) -> dict:
        return {
            "features": list(self.features),
            "context_features": list(CONTEXT_FEATURES) if self.second else [],
            "first": self.first.to_dict(),
            "second": self.second.to_dict() if self.second else None,
            "threshold": self.threshold,
            "possible": self.possible,
            "weak": self.weak,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "LinkModel":
        features = tuple(data["features"])
        second = data.get("second")
        if features != FEATURES or (second and tuple(data.get("context_features", ())) != CONTEXT_FEATURES):
            raise ValueError("link model was fitted on other features; run bench/eval_comparison.py --fit")
        return cls(
            features,
            Logistic.from_dict(data["first"]),
            Logistic.from_dict(second) if second else None,
            float(data["threshold"]),
            float(data["possible"]),
            float(data["weak"]),
        )


def context_features(keys: Sequence[tuple[int, int]], first: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """CONTEXT_FEATURES rows: each candidate's first-stage probability, the best of its
    diagonal and of its adjacent neighbours' (pairs that are not candidates count as 0), and the
    two sentences' sums of first-stage probabilities over their distant candidates (_distant_sums)."""
    matrix = np.zeros(shape)
    if not len(keys):
        return np.zeros((0, len(CONTEXT_FEATURES)))
    at = tuple(np.array(keys, np.int64).T)
    matrix[at] = first
    diagonal, adjacent = _neighbours(matrix)
    first = np.asarray(first, float)
    others = (_distant_sums(matrix, 1)[at], _distant_sums(matrix, 0)[at])
    return np.column_stack([first, diagonal[at], adjacent[at], np.minimum(*others), np.maximum(*others)])


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> LinkModel:
    return LinkModel.from_dict(json.loads(path.read_text(encoding="utf-8"))["model"])


@dataclass
class Links:
    pairs: list[tuple[int, int, float]] = field(default_factory=list)
    possible_left: dict[int, tuple[int, float]] = field(default_factory=dict)
    possible_right: dict[int, tuple[int, float]] = field(default_factory=dict)


# The stems compared (also what a link's evidence shows: reader.analysis.link_evidence).
_stems = content_stems


@lru_cache(maxsize=20_000)
def _name_words(text: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """(start, names) of each capitalised word ("Peña", "McCain"; not a word in capitals such
    as "NATO": as names they made the links worse, session 18): a possessive is its name
    ("Russia's" is Russia), a hyphenated pair both names ("the Rubio-Lavrov meeting"),
    casefolded. Kept per sentence: a comparison reads each sentence's names twice (_known_names,
    _names), and the same sentences come back when a story's versions are compared again."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word[0].isupper() and not word.isupper():
            out.append((match.start(), tuple(_POSSESSIVE.sub("", word.casefold()).split("-"))))
    return tuple(out)


def _names(text: str, mapping: dict[str, str], known: AbstractSet[str] = frozenset()) -> set[str]:
    """The names of a sentence (_name_words): a cheap stand-in for who acts. Its first word
    counts only when `known` holds it (a name met inside a sentence: "Trump hailed ..." but not
    "Acquiring ...")."""
    out = set()
    for start, parts in _name_words(text):
        for part in parts:
            if part and part not in STOPWORDS and (start or part in known):
                out.add(mapping.get(part, part))
    return out


def _known_names(texts: Sequence[str]) -> set[str]:
    """The names found inside (not at the start of) any of `texts`."""
    return {part for text in texts for start, parts in _name_words(text) if start for part in parts}


def _share(matrix: np.ndarray, axis: int) -> np.ndarray:
    best = matrix.max(axis=axis, keepdims=True) if matrix.size else matrix
    return np.divide(matrix, best, out=np.zeros_like(matrix), where=best > 0)


def _margin(matrix: np.ndarray, axis: int) -> np.ndarray:
    """A score minus the best of its row (axis 1) or column (axis 0): 0 for the best partner.
    A difference, not a share: contextual scores sit close together, so shares hardly vary."""
    best = matrix.max(axis=axis, keepdims=True) if matrix.size else matrix
    return matrix - best


def _low_high(pair: tuple[np.ndarray, np.ndarray], at: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """A score's share of its row's best and of its column's best at the pairs `at` (rows,
    columns), smaller first: the features do not depend on which article is on the left."""
    a, b = pair[0][at], pair[1][at]
    first = a <= b
    return np.where(first, a, b), np.where(first, b, a)


def _shared_names(
    left: Sequence[AbstractSet[str]], right: Sequence[AbstractSet[str]]
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """How many names each pair of sentences shares (left x right), and how many each sentence
    has. Counted by a product over the names both sides use (small whole numbers: exact)."""
    both = sorted(set().union(*left) & set().union(*right)) if left and right else []
    column = {name: k for k, name in enumerate(both)}

    def incidence(sets: Sequence[AbstractSet[str]]) -> np.ndarray:
        out = np.zeros((len(sets), len(both)))
        for k, names in enumerate(sets):
            out[k, [column[name] for name in names if name in column]] = 1.0
        return out

    shared = np.rint(incidence(left) @ incidence(right).T).astype(np.int64)
    counts = (np.array([len(s) for s in left], np.int64), np.array([len(s) for s in right], np.int64))
    return shared, counts


def _best(matrix: np.ndarray, axis: int) -> np.ndarray:
    if not matrix.size:
        return np.zeros_like(matrix, dtype=bool)
    return (matrix == matrix.max(axis=axis, keepdims=True)) & (matrix > 0)


RUN = 2  # sentences each side of a partner read as the same telling, not its rivals


def _distant_sums(matrix: np.ndarray, axis: int) -> np.ndarray:
    """[i, j]: the sum of i's first-stage probabilities (axis 1; of j's, axis 0) over its
    candidates more than RUN sentences from j (from i). A lead's facts told again in a run of
    sentences on the other side are not rivals of one another; a topic sentence's likely partners,
    spread over the article, are."""
    size = matrix.shape[axis]
    padded = np.pad(matrix, [(RUN, RUN) if a == axis else (0, 0) for a in range(2)])
    near = np.take(padded, np.arange(size), axis=axis)
    # Shifted copies added in order, not a cumulative sum: each near sum is then the sum of its
    # own 2 * RUN + 1 values, bit for bit, as a pair-by-pair count would make it.
    for offset in range(1, 2 * RUN + 1):
        near = near + np.take(padded, np.arange(offset, offset + size), axis=axis)
    return matrix.sum(axis, keepdims=True) - near


def _neighbours(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Best score of the two diagonal neighbours, and of the four adjacent pairs."""
    padded = np.pad(matrix, 1)
    n, m = matrix.shape
    diagonal = np.maximum(padded[:n, :m], padded[2:, 2:])
    adjacent = np.maximum.reduce([padded[:n, 1:-1], padded[2:, 1:-1], padded[1:-1, :m], padded[1:-1, 2:]])
    return diagonal, adjacent


def _stem_scores(
    left_stems: list[list[str]], right_stems: list[list[str]], cancel: Cancel | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Stem TF-IDF cosine, and IDF-weighted containment (the shared stems' weight over the
    smaller sentence's: a fact told whole inside a longer sentence scores 1)."""
    n, m = len(left_stems), len(right_stems)
    model = TfidfModel(left_stems + right_stems)
    left_vectors = [model.vector(s) for s in left_stems]
    right_vectors = [model.vector(s) for s in right_stems]
    stem_cosine = np.zeros((n, m))
    containment = np.zeros((n, m))
    left_sets = [set(s) for s in left_stems]
    right_sets = [set(s) for s in right_stems]
    left_mass = [sum(model.idf(t) for t in s) for s in left_sets]
    right_mass = [sum(model.idf(t) for t in s) for s in right_sets]
    postings: dict[str, list[int]] = {}
    for j, stems in enumerate(right_sets):
        for t in stems:
            postings.setdefault(t, []).append(j)
    # Summed in the same order as term by term (the sets' own), through map: a long pair of
    # articles has hundreds of thousands of pairs sharing a stem.
    idf = {t: model.idf(t) for s in (*left_sets, *right_sets) for t in s}
    for i, stems in enumerate(left_sets):
        if i % ROWS_PER_CHECK == 0:
            check(cancel)
        partners = {j for t in stems for j in postings.get(t, ())}
        a = left_vectors[i]
        a_keys, a_weight = a.keys(), a.__getitem__
        for j in partners:
            b = right_vectors[j]
            terms = a_keys & b.keys()
            stem_cosine[i, j] = min(1.0, sum(map(operator.mul, map(a_weight, terms), map(b.__getitem__, terms))))
            shared = sum(map(idf.__getitem__, stems & right_sets[j]))
            smaller = min(left_mass[i], right_mass[j])
            containment[i, j] = shared / smaller if smaller > 0 else 0.0
    return stem_cosine, containment


def candidate_features(
    left: Sequence[str], right: Sequence[str], mapping: dict[str, str] | None = None, cancel: Cancel | None = None
) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The candidate pairs (sharing a content word or stem) and their FEATURES rows
    (`cancel()` true: cancel.Cancelled, asked every batch of the long steps)."""
    mapping = mapping or {}
    n, m = len(left), len(right)
    if not n or not m:
        return [], np.zeros((0, len(FEATURES)))
    left_terms = [lexical.sentence_terms(s) for s in left]
    right_terms = [lexical.sentence_terms(s, mapping) for s in right]
    word_features = lexical.pair_features(left_terms, right_terms, cancel)
    no_penalty = (0.0, 0.0, 0.0)
    lexical_score = np.zeros((n, m))
    for (i, j), pair in word_features.items():
        lexical_score[i, j] = lexical.pair_score(pair, penalties=no_penalty)

    left_stems = [_stems(s, {}) for s in left]
    right_stems = [_stems(s, mapping) for s in right]
    stem_cosine, containment = _stem_scores(left_stems, right_stems, cancel)

    context = encoder().bertscore(left, right, cancel)
    check(cancel)  # and between the steps below: together ~0.3 s of CPU on two long articles
    context_f1, context_max = context.f1, np.maximum(context.precision, context.recall)
    vectors = table().sentence_vectors(list(left) + list(right))
    embedding = vectors[:n] @ vectors[n:].T
    check(cancel)

    known = _known_names(list(left) + list(right))
    left_names = [_names(s, {}, known) for s in left]
    right_names = [_names(s, mapping, known) for s in right]
    check(cancel)
    diagonal, adjacent = _neighbours(lexical_score)
    row_best, column_best = _best(lexical_score, 1), _best(lexical_score, 0)
    shares = {
        "lexical": (_share(lexical_score, 1), _share(lexical_score, 0)),
        "stem": (_share(stem_cosine, 1), _share(stem_cosine, 0)),
    }
    margins = (_margin(context_f1, 1), _margin(context_f1, 0))
    won = (context.won_precision, context.won_recall)
    quoted_left = [bool(_QUOTE_MARK.search(s)) for s in left]
    quoted_right = [bool(_QUOTE_MARK.search(s)) for s in right]
    check(cancel)

    # Every candidate's row at once, column by column (the same numbers as pair by pair): a
    # long pair of articles has hundreds of thousands of candidates.
    rows_of, columns_of = np.nonzero((lexical_score > 0) | (stem_cosine > 0))  # in (i, j) order
    keys = list(zip(rows_of.tolist(), columns_of.tolist()))
    word = np.zeros((len(keys), 3))
    if word_features:
        position = {key: k for k, key in enumerate(keys)}
        # (A pair sharing words can still score 0 on both counts, and be no candidate.)
        found = [(position[key], f) for key, f in word_features.items() if key in position]
        if found:
            word[[k for k, _ in found]] = [(f.cosine, f.fuzzy, f.cosine_all) for _, f in found]
    at = (rows_of, columns_of)
    left_stem_counts = np.array([len(s) for s in left_stems])[rows_of]
    right_stem_counts = np.array([len(s) for s in right_stems])[columns_of]
    log1p = [math.log1p(k) for k in range(max(map(len, left_stems + right_stems)) + 1)]
    shared_names, name_counts = _shared_names(left_names, right_names)
    shared = shared_names[at]
    either = name_counts[0][rows_of] + name_counts[1][columns_of] - 2 * shared  # the symmetric difference
    quoted = np.array(quoted_left, float)[rows_of] + np.array(quoted_right, float)[columns_of]
    check(cancel)
    rows = np.column_stack(
        [
            word,
            lexical_score[at],
            stem_cosine[at],
            containment[at],
            context_f1[at],
            context_max[at],
            context.part[at],
            embedding[at],
            *_low_high(shares["lexical"], at),
            *_low_high(shares["stem"], at),
            *_low_high(margins, at),
            *_low_high(won, at),
            (row_best[at] | column_best[at]).astype(float),
            (row_best[at] & column_best[at]).astype(float),
            np.minimum(shared, 3).astype(float),
            np.minimum(either, 6).astype(float),
            diagonal[at],
            adjacent[at],
            quoted,
            np.take(log1p, np.minimum(left_stem_counts, right_stem_counts)),
            np.take(log1p, np.maximum(left_stem_counts, right_stem_counts)),
        ]
    ).reshape(len(keys), len(FEATURES))
    return keys, rows


def with_speakers(sentences: Sequence, quotes: Sequence) -> list[str]:
    """Each sentence's text, followed by the surnames of the speakers of the quotations it holds.

    A quotation and its paraphrase share their actor only through the speaker: "'Putin and I
    will meet in Budapest,' he wrote" names nobody, "Trump posted that he would meet Putin in
    Budapest" does. (Resolving a narrative "he"/"she" to the last quoted person was measured
    too: no gain on align-dev.) `sentences` have text/start/end; `quotes` have
    start/end/speaker (Quote, QuoteSpan, or the index's dicts). Used for linking only.
    """
    spans = []
    for quote in quotes or ():
        get = quote.get if isinstance(quote, dict) else (lambda key, q=quote: getattr(q, key, None))
        speaker, start, end = get("speaker"), get("start"), get("end")
        if speaker and isinstance(start, int) and isinstance(end, int):
            spans.append((start, end, str(speaker)))
    out = []
    for sentence in sentences:
        text = sentence.text
        lowered = text.casefold()
        # The surname alone, as a news sentence names someone after the first mention: a first
        # name would count as a name the other side's "Netanyahu said" lacks (session 24: the
        # 147 labelled pairs 0.736 -> 0.742, held out 0.793 -> 0.795). Added unless the sentence
        # names them ("Mr. Jackson" names Jesse L. Jackson Jr.); one per speaker. A speaker that
        # is no name ("the report", "a Twitter spokesman", "they") has no surname to add.
        extra: dict[str, str] = {}
        for start, end, speaker in spans:
            if start < sentence.end and end > sentence.start and speaker not in extra:
                last = surname(speaker)
                if last[:1].isupper() and last.casefold() not in lowered:
                    extra[speaker] = last
        out.append(text + "".join(f" ({last})" for last in extra.values()))
    return out


def link_sentences(
    left: Sequence[str],
    right: Sequence[str],
    mapping: dict[str, str] | None = None,
    *,
    skip_left: AbstractSet[int] = frozenset(),
    skip_right: AbstractSet[int] = frozenset(),
    model: LinkModel | None = None,
    cancel: Cancel | None = None,
) -> Links:
    """Links between two lists of sentences; sentences in skip_* are neither linked nor graded
    (`cancel()` true: cancel.Cancelled at the next check)."""
    model = model or load_model()
    keys, rows = candidate_features(left, right, mapping, cancel)
    check(cancel)
    probabilities = model.probabilities(keys, rows, (len(left), len(right)))
    check(cancel)
    return grade(keys, probabilities, model, skip_left, skip_right)


def grade(
    keys: Sequence[tuple[int, int]],
    probabilities: Sequence[float] | np.ndarray,
    model: LinkModel,
    skip_left: AbstractSet[int] = frozenset(),
    skip_right: AbstractSet[int] = frozenset(),
) -> Links:
    """Links from candidate pairs and their probabilities: at or above the threshold a link;
    from `possible` up to it the sentence's closest partner, when it has no link."""
    links = Links()
    for (i, j), p in zip(keys, probabilities):
        if i in skip_left or j in skip_right:
            continue
        p = float(p)
        if p >= model.threshold:
            links.pairs.append((i, j, p))
        elif p >= model.possible:
            if p > links.possible_left.get(i, (-1, -1.0))[1]:
                links.possible_left[i] = (j, p)
            if p > links.possible_right.get(j, (-1, -1.0))[1]:
                links.possible_right[j] = (i, p)
    linked_left = {i for i, _, _ in links.pairs}
    linked_right = {j for _, j, _ in links.pairs}
    links.possible_left = {i: v for i, v in links.possible_left.items() if i not in linked_left}
    links.possible_right = {j: v for j, v in links.possible_right.items() if j not in linked_right}
    links.pairs.sort()
    return links
