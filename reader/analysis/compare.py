"""The two-outlet comparison: aligned sentences, what only one side reports, shared quotations,
name variants and differing figures.

    comparison = compare(left_article, right_article)
    comparison.to_dict()          # the `reader compare --json` shape (docs/design.md)

Alignment is many-to-many: every pair of sentences whose similarity reaches the threshold is
linked, so one wire sentence can summarise three of a longer story. Similarity mixes a TF-IDF
cosine over all words with a TF-IDF cosine and a rapidfuzz token-set ratio over content words
(IDF from the sentences of both articles), after the right side's name variants are normalised
to the left's spelling, minus penalties for signs of a different fact: figures each side states
and the other does not, a rise on one side against a fall on the other (see the constants).
The weights, penalties and threshold were tuned by cross-validation on msrp-dev
(bench/eval_alignment.py prints the held-out figures), not on the seeds.
Sentences sharing no content word are never linked, and are never scored (cost follows overlap).

No UI imports here: the core never imports textual or rich.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple, Sequence

from rapidfuzz import fuzz

from reader.analysis.cancel import ROWS_PER_CHECK, Cancel, check
from reader.analysis.figures import Figure, FigureDifference, differing_figures, find_figures
from reader.analysis.framing import FramingFlag, find_framing
from reader.analysis.headline import HeadlineComparison, compare_headlines
from reader.analysis.figures import _same as _same_figure  # two figures agree (rounding aware)
from reader.analysis.names import NameVariant, find_name_variants, name_tokens, variant_map
from reader.analysis.language import ENGLISH, describe, language_of
from reader.analysis.quote_matching import (  # re-exported: part of the comparison's API
    QuoteSpan,
    SharedQuote,
    _as_quote_span,
    classify_quotes,
    match_quotes,
    shared_quotes,
)
from reader.analysis.sentences import non_sentence_kind, split_sentences
from reader.analysis.textstats import STOPWORDS, TfidfModel, normalize_word, tokenize, unit_cosine
from reader.corpus.model import Article

__all__ = [
    "ALL_WORDS_WEIGHT",
    "COSINE_WEIGHT",
    "DIRECTION_PENALTY",
    "FIGURE_PENALTY",
    "MAX_SENTENCES",
    "NEGATION_PENALTY",
    "NOT_COMPARED",
    "THRESHOLD",
    "Comparison",
    "Pair",
    "PairFeatures",
    "Possible",
    "QuoteSpan",
    "SharedQuote",
    "Side",
    "Span",
    "Terms",
    "align",
    "classify_quotes",
    "compare",
    "linker_texts",
    "match_quotes",
    "pair_features",
    "pair_score",
    "score_matrix",
    "sentence_terms",
    "shared_quotes",
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
# The most sentences of one side a comparison reads (about 15,000 words; a long news article has
# 20 to 100). The sentence linker scores every pair of sentences, word piece against word piece:
# two such sides already take tens of seconds, a book-length file would take hours. Beyond it a
# side is compared on its first MAX_SENTENCES sentences, the rest marked NOT_COMPARED and the
# comparison says so (Comparison.limited). Under it nothing changes.
MAX_SENTENCES = 600
NOT_COMPARED = "not compared (too long)"


# -- the result ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Span:
    """A piece of an article's clean text: `text == article.text[start:end]`."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Side:
    id: str
    outlet: str | None
    title: str | None
    text: str
    sentences: list[Span]
    date: str | None = None  # ISO YYYY-MM-DD: the export says when each version appeared
    url: str | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "sentences": [s.to_dict() for s in self.sentences],
        }


@dataclass(frozen=True)
class Pair:
    left: int
    right: int
    score: float
    weak: bool = False  # linked, but with little to spare (shown differently)

    def to_dict(self) -> dict:
        return {"left": self.left, "right": self.right, "score": round(self.score, 4), "weak": self.weak}


@dataclass(frozen=True)
class Possible:
    """A sentence with no link whose closest partner came near one: "possibly told in R7"."""

    sentence: int
    candidate: int
    score: float

    def to_dict(self) -> dict:
        return {"sentence": self.sentence, "candidate": self.candidate, "score": round(self.score, 4)}


@dataclass
class Comparison:
    left: Side
    right: Side
    pairs: list[Pair] = field(default_factory=list)
    only_left: list[int] = field(default_factory=list)
    only_right: list[int] = field(default_factory=list)
    shared_quotes: list[SharedQuote] = field(default_factory=list)
    name_variants: list[NameVariant] = field(default_factory=list)
    figures: list[FigureDifference] = field(default_factory=list)
    framing: list[FramingFlag] = field(default_factory=list)
    headline: HeadlineComparison | None = None
    # Sentences with a near partner below the link threshold: not "only here", not linked.
    possibly_left: list[Possible] = field(default_factory=list)
    possibly_right: list[Possible] = field(default_factory=list)
    # Captions, embeds, lone datelines and punctuation: shown, never aligned or flagged.
    skipped_left: dict[int, str] = field(default_factory=dict)
    skipped_right: dict[int, str] = field(default_factory=dict)
    # A side longer than MAX_SENTENCES: {"left"/"right": (sentences compared, sentences)}.
    limited: dict[str, tuple[int, int]] = field(default_factory=dict)
    # A side that does not read as English: {"left"/"right": language code (language.NAMES)}.
    languages: dict[str, str] = field(default_factory=dict)

    def limit_notice(self) -> str | None:
        """One line saying which side was compared only in part, or None."""
        if not self.limited:
            return None
        parts = [f"{name} side: first {done:,} of {total:,} sentences" for name, (done, total) in self.limited.items()]
        return f"compared in part ({'; '.join(parts)}): the rest is too long to compare"

    def language_notice(self) -> str | None:
        """One line saying which side does not read as English (the judgement was fitted on
        English news), or None."""
        if not self.languages:
            return None
        codes = set(self.languages.values())
        if len(self.languages) == 2 and len(codes) == 1:
            said = f"both sides read as {describe(codes.pop())}"
        else:
            said = " and ".join(f"the {name} side reads as {describe(code)}" for name, code in self.languages.items())
        return (
            f"{said}: the comparison's judgement was fitted on English news, so its links there rest on "
            "shared words; check them"
        )

    def notices(self) -> list[str]:
        """Every caveat a reader of this comparison should see, one line each."""
        return [n for n in (self.limit_notice(), self.language_notice()) if n]

    def to_dict(self) -> dict:
        out = {
            "left": self.left.to_dict(),
            "right": self.right.to_dict(),
            "pairs": [p.to_dict() for p in self.pairs],
            "only_left": list(self.only_left),
            "only_right": list(self.only_right),
            "shared_quotes": [q.to_dict() for q in self.shared_quotes],
            "name_variants": [v.to_dict() for v in self.name_variants],
            "figures": [f.to_dict() for f in self.figures],
            "framing": [f.to_dict() for f in self.framing],
            "headline": self.headline.to_dict() if self.headline else None,
            "possibly_left": [p.to_dict() for p in self.possibly_left],
            "possibly_right": [p.to_dict() for p in self.possibly_right],
            "skipped_left": [{"sentence": k, "kind": v} for k, v in sorted(self.skipped_left.items())],
            "skipped_right": [{"sentence": k, "kind": v} for k, v in sorted(self.skipped_right.items())],
        }
        if self.limited:  # only then: a normal comparison's JSON stays as it was
            out["limited"] = {
                name: {"compared": done, "sentences": total} for name, (done, total) in self.limited.items()
            }
        if self.languages:  # likewise: an English comparison's JSON stays as it was
            out["languages"] = dict(self.languages)
        return out


# -- alignment ---------------------------------------------------------------------------------
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


def align(
    left_terms: Sequence[Sequence[str]],
    right_terms: Sequence[Sequence[str]],
    threshold: float = THRESHOLD,
    cosine_weight: float = COSINE_WEIGHT,
    cancel: Cancel | None = None,
) -> list[Pair]:
    """Many-to-many links: every pair whose score reaches the threshold, in (left, right) order."""
    scores = score_matrix(left_terms, right_terms, cosine_weight, cancel)
    pairs = [Pair(i, j, s) for (i, j), s in scores.items() if s >= threshold]
    pairs.sort(key=lambda p: (p.left, p.right))
    return pairs


# -- the whole comparison ----------------------------------------------------------------------
def _side(article: Article) -> Side:
    text = article.text or ""
    sentences = [Span(s.text, s.start, s.end) for s in split_sentences(text)]
    return Side(article.id, article.outlet, article.title, text, sentences, article.date, article.url)


def _figures(left: Side, right: Side, pairs: Sequence[Pair]) -> list[FigureDifference]:
    cache_l: dict[int, list] = {}
    cache_r: dict[int, list] = {}
    out: list[FigureDifference] = []
    seen: set[tuple[int, int]] = set()
    for p in pairs:
        if p.left not in cache_l:
            s = left.sentences[p.left]
            cache_l[p.left] = find_figures(s.text, s.start)
        if p.right not in cache_r:
            s = right.sentences[p.right]
            cache_r[p.right] = find_figures(s.text, s.start)
        if not cache_l[p.left] or not cache_r[p.right]:
            continue
        for f, g in differing_figures(cache_l[p.left], cache_r[p.right]):
            if (f.start, g.start) in seen:
                continue
            seen.add((f.start, g.start))
            out.append(FigureDifference(f, g, p.left, p.right))
    return out


def _confirmed(
    variants: list[NameVariant], left: Side, right: Side, left_terms, cancel: Cancel | None = None
) -> list[NameVariant]:
    """Variants shown by a shared neighbouring name, plus those the text confirms: a sentence
    with one spelling is aligned (without this variant's help) to one with the other."""
    sure = [v for v in variants if v.by_name]
    right_terms = [sentence_terms(s.text, variant_map(sure)) for s in right.sentences]
    pairs = align(left_terms, right_terms, cancel=cancel)
    left_words = [name_tokens(s.text) for s in left.sentences]
    right_words = [name_tokens(s.text) for s in right.sentences]
    kept = []
    for v in variants:
        a, b = v.left.casefold(), v.right.casefold()
        if v.by_name or any(a in left_words[p.left] and b in right_words[p.right] for p in pairs):
            kept.append(v)
    return kept


def _skipped(side: Side) -> dict[int, str]:
    kinds = ((k, non_sentence_kind(s.text)) for k, s in enumerate(side.sentences))
    return {k: kind for k, kind in kinds if kind}


def _with_quotes(article: Article, quotes, cancel: Cancel | None = None) -> tuple[Side, list]:
    """The article's side and its quotations (found with find_quotes when not given)."""
    side = _side(article)
    if quotes is None:
        from reader.analysis.quotes import find_quotes

        quotes = find_quotes(side.text, side.sentences, cancel)
    return side, list(quotes)


def _linker_texts(side: Side, quotes: Sequence) -> list[str]:
    from reader.analysis.align import with_speakers

    return with_speakers(side.sentences, quotes)


def linker_texts(article: Article, quotes=None) -> list[str]:
    """The sentence texts compare() hands the sentence linker for `article` (whichever the other
    side): encoding them ahead (contextual.encoder().encode) makes its comparisons warm."""
    return _linker_texts(*_with_quotes(article, quotes))


def compare(
    left: Article, right: Article, left_quotes=None, right_quotes=None, *, cancel: Cancel | None = None
) -> Comparison:
    """Compare two articles; quotes are found with find_quotes when not given.

    Sentence links come from align.link_sentences (a learned combination of word, meaning,
    actor and structure signals); the lexical score above still confirms name variants.
    `cancel()` true raises cancel.Cancelled at the next check (between stages, and every batch
    of the long ones: a long pair stops within a fraction of a second).
    """
    from reader.analysis.align import link_sentences, load_model

    left_side, left_quotes = _with_quotes(left, left_quotes, cancel)
    right_side, right_quotes = _with_quotes(right, right_quotes, cancel)
    # Everything below reads the compared part of each side only (the whole side when short).
    left_side, left_quotes, left_over = _compared_part(left_side, left_quotes)
    right_side, right_quotes, right_over = _compared_part(right_side, right_quotes)
    check(cancel)
    variants = find_name_variants(left_side.text, right_side.text, cancel)
    if not all(v.by_name for v in variants):
        left_terms = [sentence_terms(s.text) for s in left_side.sentences]
        variants = _confirmed(variants, left_side, right_side, left_terms, cancel)
    mapping = variant_map(variants)
    skip_left, skip_right = _skipped(left_side), _skipped(right_side)
    model = load_model()
    links = link_sentences(
        _linker_texts(left_side, left_quotes),
        _linker_texts(right_side, right_quotes),
        mapping,
        skip_left=set(skip_left),
        skip_right=set(skip_right),
        model=model,
        cancel=cancel,
    )
    check(cancel)
    pairs = [Pair(i, j, p, p < model.weak) for i, j, p in links.pairs]
    graded_left = {p.left for p in pairs} | set(links.possible_left) | set(skip_left)
    graded_right = {p.right for p in pairs} | set(links.possible_right) | set(skip_right)
    comparison = Comparison(
        left=left_side,
        right=right_side,
        pairs=pairs,
        only_left=[i for i in range(len(left_side.sentences)) if i not in graded_left],
        only_right=[j for j in range(len(right_side.sentences)) if j not in graded_right],
        shared_quotes=shared_quotes(
            left_quotes, right_quotes, left_side.sentences, right_side.sentences, pairs, mapping
        ),
        name_variants=variants,
        figures=_figures(left_side, right_side, pairs),
        framing=find_framing(
            left_side.sentences,
            right_side.sentences,
            pairs,
            _quote_spans(left_quotes),
            _quote_spans(right_quotes),
            mapping,
        ),
        headline=compare_headlines(
            left.title,
            right.title,
            left_side.sentences,
            right_side.sentences,
            mapping,
            left_side.text,
            right_side.text,
            left_outlet=left.outlet,
            right_outlet=right.outlet,
        ),
        possibly_left=[Possible(i, j, p) for i, (j, p) in sorted(links.possible_left.items())],
        possibly_right=[Possible(j, i, p) for j, (i, p) in sorted(links.possible_right.items())],
        skipped_left=skip_left,
        skipped_right=skip_right,
    )
    for name, over in (("left", left_over), ("right", right_over)):
        if over is not None:
            _restore_whole(comparison, name, over)
    for name, article in (("left", left), ("right", right)):
        code = language_of(article.text or "")
        if code not in (None, ENGLISH):
            comparison.languages[name] = code
    return comparison


def _compared_part(side: Side, quotes: list) -> tuple[Side, list, Side | None]:
    """The part of `side` a comparison reads, its quotations, and the whole side when that part
    is shorter (None: the whole side is compared)."""
    if len(side.sentences) <= MAX_SENTENCES:
        return side, quotes, None
    kept = side.sentences[:MAX_SENTENCES]
    end = kept[-1].end
    part = Side(side.id, side.outlet, side.title, side.text[:end], kept, side.date, side.url)
    spans = [_as_quote_span(q) for q in quotes]
    inside = [q for q, span in zip(quotes, spans) if span is None or span.end <= end]
    return part, inside, side


def _restore_whole(comparison: Comparison, name: str, whole: Side) -> None:
    """Put the whole side back in a comparison made on its first MAX_SENTENCES sentences: the
    sentences after them are shown, marked NOT_COMPARED (never "only on this side")."""
    compared = len(getattr(comparison, name).sentences)
    setattr(comparison, name, whole)
    skipped = comparison.skipped_left if name == "left" else comparison.skipped_right
    skipped.update({k: NOT_COMPARED for k in range(compared, len(whole.sentences))})
    comparison.limited[name] = (compared, len(whole.sentences))


def _quote_spans(quotes) -> list[QuoteSpan]:
    return [q for q in map(_as_quote_span, quotes or ()) if q is not None]
