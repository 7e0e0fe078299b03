"""How alike two sentences are by their words alone: a TF-IDF cosine over all words, a TF-IDF
cosine and a rapidfuzz token-set ratio over content words (IDF from the sentences of both
articles), after the right side's name variants are mapped to the left's spelling, minus
penalties for signs of a different fact: figures each side states and the other does not, a rise
on one side against a fall on the other (see the constants).

This was the whole comparison's judgement before the learned sentence linker
(reader.analysis.align), which now reads these features among its signals; compare() still
uses `word_links` to confirm name variants, and bench/eval_comparison.py scores it as the
previous method. The weights, penalties and threshold were tuned by cross-validation on
msrp-dev (bench/eval_alignment.py prints the held-out figures). Sentences sharing no content
word are never scored (cost follows overlap). No UI imports.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from rapidfuzz import fuzz

from reader.analysis.cancel import ROWS_PER_CHECK, Cancel, check
from reader.analysis.figures import Figure, find_figures
from reader.analysis.figures import _same as _same_figure  # two figures agree (rounding aware)
from reader.analysis.textstats import STOPWORDS, TfidfModel, normalize_word, tokenize, unit_cosine

__all__ = [
    "ALL_WORDS_WEIGHT",
    "COSINE_WEIGHT",
    "DIRECTION_PENALTY",
    "FIGURE_PENALTY",
    "NEGATION_PENALTY",
    "THRESHOLD",
    "PairFeatures",
    "Terms",
    "pair_features",
    "pair_score",
    "score_matrix",
    "sentence_terms",
    "word_links",
]

# Tuned on msrp-dev with bench/eval_alignment.py: 5-fold cross-validation over article pairs built
# from shuffled groups of ten sentence pairs, both one-to-one and with the right side's sentences
# merged two by two (many-to-many); the eval prints the held-out figures of each part.
#   score = ALL_WORDS_WEIGHT * TF-IDF cosine over all words
#         + (1 - ALL_WORDS_WEIGHT) * (COSINE_WEIGHT * content-word cosine
#                                     + (1 - COSINE_WEIGHT) * content-word token-set ratio)
#         - a penalty for each sign of a different fact (_conflicts), clamped to 0..1.
# The cosine over all words (grammar words too; IDF from the two texts keeps them light) rewards
# sentences built the same way; it only re-scores pairs that share a content word. Alone it
# lifts the held-out F1 on msrp-dev by about 0.01; the penalties add a little on top.
COSINE_WEIGHT = 0.5
ALL_WORDS_WEIGHT = 0.75
# Figures on both sides that the other does not state ("rose 12 cents to 5.35 euros" / "rose
# 52 cents to $6.30"), and a change up on one side, down on the other ("were up 6 cents" /
# "were down 26 cents"). A figure on one side only is not penalised: a longer sentence, or one
# summarising several, may add a figure without contradicting anything. Negation on one side
# only is measured too but off: no gain on msrp-dev, and in long news sentences it fires on one
# candidate link in five, mostly from another clause.
FIGURE_PENALTY = 0.1
NEGATION_PENALTY = 0.0
DIRECTION_PENALTY = 0.3
# One threshold for both cases: one-to-one alone would want about 0.40, the merged sentences
# about 0.26; 0.32 keeps both within 0.005 of their own best on msrp-dev.
THRESHOLD = 0.32

# Sentences on the right beyond which frequent words stop counting, and the most right
# sentences one left sentence is scored against (see pair_features).
_LONG_TEXT = 250
_MAX_CANDIDATES = 25
_FULL_FUZZY_WORDS = 4
# Both cosines below this: the pair scores under any threshold in use, its conflicts are not read.
_CONFLICT_FLOOR = 0.15


_NEGATIONS = frozenset("not no never nobody nothing none neither nor without cannot".split())
_UP = frozenset(
    """up rose rise rises rising gained gain gains higher increased increase increases climbed
    jumped advanced surged""".split()
)
_DOWN = frozenset(
    """down fell fall falls falling lost lower decreased decrease decreases declined dropped
    slipped slid eased plunged tumbled""".split()
)


class Terms(list):
    """A sentence's content words (the list itself, what sentence_terms always returned), with
    what the scoring reads from the whole sentence: every word (`words`), whether it is negated,
    the direction of change it reports (+1 up, -1 down, 0 none or both) and its figures (found
    on first use: only sentences that are candidates for a link need them)."""

    __slots__ = ("words", "negated", "direction", "text", "_figures")
    words: list[str]
    negated: bool
    direction: int
    text: str
    _figures: list[Figure] | None

    @property
    def figures(self) -> list:
        if self._figures is None:
            self._figures = find_figures(self.text) if _MAY_HAVE_FIGURES.search(self.text) else []
        return self._figures


_NEGATED = re.compile(r"n['’]t\b", re.IGNORECASE)
_MAY_HAVE_FIGURES = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|dozen)\b",
    re.IGNORECASE,
)


def sentence_terms(text: str, mapping: dict[str, str] | None = None) -> list[str]:
    """Content words of a sentence, with name variants mapped to the other side's spelling.

    The list returned is a Terms: it also carries every word and the sentence's negation,
    direction of change and figures, which pair_features reads when present.
    """
    mapping = mapping or {}
    tokens = [mapping.get(t, t) for t in tokenize(text)]
    words = [normalize_word(t) for t in tokens]
    out = Terms(w for t, w in zip(tokens, words) if len(t) >= 2 and t not in STOPWORDS)
    out.words = words
    seen = set(tokens)  # as written (not plural-folded), for the word lists above
    out.negated = bool(seen & _NEGATIONS) or bool(_NEGATED.search(text))
    out.direction = bool(seen & _UP) - bool(seen & _DOWN)
    out.text = text
    out._figures = None
    return out


class PairFeatures(NamedTuple):
    cosine: float  # TF-IDF cosine over content words
    fuzzy: float  # rapidfuzz token-set ratio over content words, scaled to 0..1
    cosine_all: float  # TF-IDF cosine over all words
    figures: float  # 1.0: each side has a figure the other does not state
    negation: float  # 1.0: one side is negated, the other not
    direction: float  # 1.0: one side reports a rise, the other a fall


def _conflicts(a, b) -> tuple[float, float, float]:
    """Signs that two similar sentences state different facts (see FIGURE_PENALTY)."""
    if not isinstance(a, Terms) or not isinstance(b, Terms):
        return 0.0, 0.0, 0.0
    na, nb, da, db = a.negated, b.negated, a.direction, b.direction
    figures = 0.0
    fa = a.figures
    fb = b.figures if fa else None
    if fa and fb:
        open_a = any(not any(_same_figure(f, g) for g in fb) for f in fa)
        if open_a and any(not any(_same_figure(f, g) for f in fa) for g in fb):
            figures = 1.0
    return figures, float(na != nb), float(da * db < 0)


def pair_features(
    left_terms: Sequence[Sequence[str]], right_terms: Sequence[Sequence[str]], cancel: Cancel | None = None
) -> dict[tuple[int, int], PairFeatures]:
    """The PairFeatures of every sentence pair sharing at least one content word.

    Pairs sharing nothing are left out (their cosine is 0, and their token-set ratio is only
    character noise): this keeps the cost proportional to the overlap, not to n x m. Plain word
    lists work too (as from an older sentence_terms): all words are then the content words, and
    no conflict is seen. `cancel()` true raises Cancelled (asked every ROWS_PER_CHECK left
    sentences).
    """
    model = TfidfModel(list(left_terms) + list(right_terms))
    left_vectors = [model.vector(t) for t in left_terms]
    right_vectors = [model.vector(t) for t in right_terms]
    left_words = [getattr(t, "words", t) for t in left_terms]
    right_words = [getattr(t, "words", t) for t in right_terms]
    all_model = TfidfModel(left_words + right_words, sublinear_tf=False)
    check(cancel)
    left_all: list[dict[str, float] | None] = [None] * len(left_terms)
    right_all: list[dict[str, float] | None] = [None] * len(right_terms)
    postings: dict[str, list[tuple[int, float]]] = {}
    for j, vector in enumerate(right_vectors):
        for term, weight in vector.items():
            postings.setdefault(term, []).append((j, weight))
    # Bounds for huge or degenerate texts (a normal article is far below them): in a long text
    # a word in more than a fifth of the sentences says little and would make the work n x m;
    # and each sentence is scored against its best candidates by cosine only.
    if len(right_terms) > _LONG_TEXT:
        limit = max(_LONG_TEXT // 5, len(right_terms) // 5)
        postings = {t: p for t, p in postings.items() if len(p) <= limit}
    right_strings = [" ".join(t) for t in right_terms]
    features: dict[tuple[int, int], PairFeatures] = {}
    for i, vector in enumerate(left_vectors):
        if i % ROWS_PER_CHECK == 0:
            check(cancel)
        dots: dict[int, float] = {}
        for term, weight in vector.items():
            for j, other in postings.get(term, ()):
                dots[j] = dots.get(j, 0.0) + weight * other
        if not dots:
            continue
        if len(dots) > _MAX_CANDIDATES:
            dots = dict(sorted(dots.items(), key=lambda kv: -kv[1])[:_MAX_CANDIDATES])
        left_string = " ".join(left_terms[i])
        left_vector = left_all[i]
        if left_vector is None:
            left_vector = left_all[i] = all_model.vector(left_words[i])
        for j, dot in dots.items():
            fuzzy = fuzz.token_set_ratio(left_string, right_strings[j]) / 100.0
            # A short sentence's words are a subset of many a long one ("The right decision is
            # to step aside"): the token-set ratio counts in full from four content words on.
            shortest = min(len(left_terms[i]), len(right_terms[j]))
            if shortest < _FULL_FUZZY_WORDS and set(left_terms[i]) != set(right_terms[j]):
                fuzzy *= shortest / _FULL_FUZZY_WORDS
            right_vector = right_all[j]
            if right_vector is None:
                right_vector = right_all[j] = all_model.vector(right_words[j])
            dot = min(1.0, dot)
            cos_all = unit_cosine(left_vector, right_vector)
            # Conflicts only matter near a link; far below one, skip their cost (figures).
            if max(dot, cos_all) >= _CONFLICT_FLOOR:
                conflicts = _conflicts(left_terms[i], right_terms[j])
            else:
                conflicts = (0.0, 0.0, 0.0)
            features[(i, j)] = PairFeatures(dot, fuzzy, cos_all, *conflicts)
    return features


def pair_score(
    f: PairFeatures,
    cosine_weight: float = COSINE_WEIGHT,
    all_words_weight: float = ALL_WORDS_WEIGHT,
    penalties: tuple[float, float, float] = (FIGURE_PENALTY, NEGATION_PENALTY, DIRECTION_PENALTY),
) -> float:
    """The similarity of one pair from its features (the formula at the top of this module)."""
    content = cosine_weight * f.cosine + (1.0 - cosine_weight) * f.fuzzy
    score = all_words_weight * f.cosine_all + (1.0 - all_words_weight) * content
    score -= penalties[0] * f.figures + penalties[1] * f.negation + penalties[2] * f.direction
    return min(1.0, max(0.0, score))


def score_matrix(
    left_terms: Sequence[Sequence[str]],
    right_terms: Sequence[Sequence[str]],
    cosine_weight: float = COSINE_WEIGHT,
    cancel: Cancel | None = None,
) -> dict[tuple[int, int], float]:
    """Combined similarity of every sentence pair sharing at least one content word."""
    features = pair_features(left_terms, right_terms, cancel)
    return {key: pair_score(f, cosine_weight) for key, f in features.items()}


def word_links(
    left_terms: Sequence[Sequence[str]],
    right_terms: Sequence[Sequence[str]],
    threshold: float = THRESHOLD,
    cosine_weight: float = COSINE_WEIGHT,
    cancel: Cancel | None = None,
) -> list[tuple[int, int, float]]:
    """Many-to-many links by words alone: (left, right, score) of every pair whose score reaches
    the threshold, in (left, right) order."""
    scores = score_matrix(left_terms, right_terms, cosine_weight, cancel)
    return sorted((i, j, s) for (i, j), s in scores.items() if s >= threshold)
