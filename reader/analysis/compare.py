"""The two-outlet comparison: aligned sentences, what only one side reports, shared quotations,
name variants and differing figures.

    comparison = compare(left_article, right_article)
    comparison.to_dict()          # the `reader compare --json` shape (docs/design.md)

Sentences are linked by align.link_sentences, many-to-many (one wire sentence can summarise
three of a longer story): a learned combination of word, meaning, actor and structure signals
(docs/comparison.md). A sentence with no link whose best partner came near one is "possibly told
in" it; captions, datelines and other pieces that report nothing are skipped
(sentences.non_sentence_kind). The flags read the linked pairs: differing figures, framing,
altered quotations, the headlines. The word-overlap score of reader.analysis.lexical confirms
name variants.

No UI imports here: the core never imports textual or rich.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Sequence

from reader.analysis.cancel import Cancel, check
from reader.analysis.figures import (
    Figure,
    FigureDifference,
    FigurePair,
    FigureValues,
    differing_figures,
    days_by_date,
    find_flag_figures,
    item_words,
    name_number_keys,
    numbered_names,
    one_item,
)
from reader.analysis.framing import FramingFlag, find_framing
from reader.analysis.headline import NOT_HEADLINES, HeadlineComparison, compare_headlines
from reader.analysis.lexical import sentence_terms, word_links
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
from reader.corpus.model import Article

__all__ = [
    "MAX_SENTENCES",
    "NOT_COMPARED",
    "Comparison",
    "Pair",
    "Possible",
    "QuoteSpan",
    "SharedQuote",
    "Side",
    "Span",
    "classify_quotes",
    "compare",
    "linker_texts",
    "match_quotes",
    "shared_quotes",
]

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
    time: str | None = None  # Article.time: the moment it is dated, where the source gives one

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
        return {"left": self.left, "right": self.right, "score": _json_score(self.score), "weak": self.weak}


@dataclass(frozen=True)
class Possible:
    """A sentence with no link whose closest partner came near one: "possibly told in R7"."""

    sentence: int
    candidate: int
    score: float

    def to_dict(self) -> dict:
        return {"sentence": self.sentence, "candidate": self.candidate, "score": _json_score(self.score)}


def _json_score(score: float) -> float | None:
    """A score in the JSON: null when it is no number (NaN is no JSON; a link's strength then unknown)."""
    return round(score, 4) if math.isfinite(score) else None


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


# -- the whole comparison ----------------------------------------------------------------------
def _side(article: Article) -> Side:
    text = article.text or ""
    sentences = [Span(s.text, s.start, s.end) for s in split_sentences(text)]
    return Side(article.id, article.outlet, article.title, text, sentences, article.date, article.url, article.time)


def _figures(left: Side, right: Side, pairs: Sequence[Pair]) -> list[FigureDifference]:
    cache_l: dict[int, list] = {}
    cache_r: dict[int, list] = {}
    out: list[FigureDifference] = []
    seen: set[tuple[int, int]] = set()
    listed: dict[tuple, list[int]] = {}  # differences' values -> their places in `out`
    # "Route 66" told as a name anywhere in either text; read for the names the paired sentences tell only.
    asked: set[str] = set()
    for side, indexes in ((left, {p.left for p in pairs}), (right, {p.right for p in pairs})):
        for i in indexes:
            asked |= name_number_keys(side.sentences[i].text)
    names = numbered_names(left.text, right.text, only=asked)
    # "yesterday" and "today" are the weekdays the articles' dates make them, where both are dated
    dated = left.date and right.date
    dates = ((left.date, left.time), (right.date, right.time)) if dated else ((None, None), (None, None))
    for p in pairs:
        if p.left not in cache_l:
            s = left.sentences[p.left]
            cache_l[p.left] = days_by_date(find_flag_figures(s.text, s.start, names), *dates[0])
        if p.right not in cache_r:
            s = right.sentences[p.right]
            cache_r[p.right] = days_by_date(find_flag_figures(s.text, s.start, names), *dates[1])
        if not cache_l[p.left] or not cache_r[p.right]:
            continue
        for f, g in differing_figures(cache_l[p.left], cache_r[p.right]):
            if (f.start, g.start) in seen:
                continue
            seen.add((f.start, g.start))
            told = listed.setdefault(_told_values(f, g), [])
            # the headline's "310 jobs" / "240 jobs" told again in the leads; two items that
            # happen to share values ("5 percent" sales / "3 percent", and unemployment) are two
            again = next((n for n in told if one_item(out[n].left, f) and one_item(out[n].right, g)), None)
            if again is not None:
                out[again].told_again.append(FigurePair(f, g, p.left, p.right))
                continue
            item: tuple[str, ...] = ()
            if told:  # values another listing has: each says what it is of, to read them apart
                item = _item_words(f, g, left, right, p.left)
                for n in told:
                    if not out[n].item:
                        first = out[n]
                        item_n = _item_words(first.left, first.right, left, right, first.left_sentence)
                        out[n] = replace(first, item=item_n)
            told.append(len(out))
            out.append(FigureDifference(f, g, p.left, p.right, item=item))
    return out


def _item_words(f: Figure, g: Figure, left: Side, right: Side, sentence: int) -> tuple[str, ...]:
    s = left.sentences[sentence]
    return item_words(f, g, s.text, s.start, texts=(left.text, right.text))


def _told_values(left: Figure, right: Figure) -> tuple:
    """What makes two differing figures one difference wherever they are told: their kinds, units
    and values on each side."""
    return tuple((f.kind, f.unit, f.value, f.low, f.high) for f in (left, right))


def _confirmed(
    variants: list[NameVariant], left: Side, right: Side, left_terms, cancel: Cancel | None = None
) -> list[NameVariant]:
    """Variants shown by a shared neighbouring name, plus those the text confirms: a sentence
    with one spelling is aligned (without this variant's help) to one with the other."""
    sure = [v for v in variants if v.by_name]
    right_terms = [sentence_terms(s.text, variant_map(sure)) for s in right.sentences]
    check(cancel)
    pairs = word_links(left_terms, right_terms, cancel=cancel)
    left_words = [name_tokens(s.text) for s in left.sentences]
    right_words = [name_tokens(s.text) for s in right.sentences]
    kept = []
    for v in variants:
        a, b = v.left.casefold(), v.right.casefold()
        if v.by_name or any(a in left_words[i] and b in right_words[j] for i, j, _ in pairs):
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
    actor and structure signals); the word-overlap score (lexical.word_links) confirms name
    variants.
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
        check(cancel)
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
    # A probability that is no number (NaN is never below the threshold) is a weak link at most.
    pairs = [Pair(i, j, p, p < model.weak or not math.isfinite(p)) for i, j, p in links.pairs]
    graded_left = {p.left for p in pairs} | set(links.possible_left) | set(skip_left)
    graded_right = {p.right for p in pairs} | set(links.possible_right) | set(skip_right)
    # The findings one after another, a check between: together ~0.3 s of CPU on two long articles.
    quotes_shared = shared_quotes(
        left_quotes, right_quotes, left_side.sentences, right_side.sentences, pairs, mapping, cancel
    )
    check(cancel)
    figures = _figures(left_side, right_side, pairs)
    check(cancel)
    framing = find_framing(
        left_side.sentences,
        right_side.sentences,
        pairs,
        _quote_spans(left_quotes),
        _quote_spans(right_quotes),
        mapping,
    )
    check(cancel)
    headline = compare_headlines(
        left.title,
        right.title,
        left_side.sentences,
        right_side.sentences,
        mapping,
        left_side.text,
        right_side.text,
        left_outlet=left.outlet,
        right_outlet=right.outlet,
        left_from_text=_title_is_first_sentence(left),
        right_from_text=_title_is_first_sentence(right),
        left_source=left.title_source,
        right_source=right.title_source,
    )
    if headline is not None:
        listed = {_told_values(f.left, f.right) for f in figures}  # the body's: never listed twice
        headline.figures = [
            f for f in _headline_figures(headline, left, right) if _told_values(f.left, f.right) not in listed
        ]
    comparison = Comparison(
        left=left_side,
        right=right_side,
        pairs=pairs,
        only_left=[i for i in range(len(left_side.sentences)) if i not in graded_left],
        only_right=[j for j in range(len(right_side.sentences)) if j not in graded_right],
        shared_quotes=quotes_shared,
        name_variants=variants,
        figures=figures,
        framing=framing,
        headline=headline,
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
    part = Side(side.id, side.outlet, side.title, side.text[:end], kept, side.date, side.url, side.time)
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


def _headline_figures(headline: HeadlineComparison, left: Article, right: Article) -> list[FigureValues]:
    """The figures two headlines tell differently ("3 dead" / "5 dead"), when both are headlines
    (not a first sentence or file name standing in) and neither is told in its body: a headline
    told as the body's first sentence is compared there, with the sentence it is linked to (and
    the caller leaves out values the body's figures list, as a longer first line's "310 jobs")."""
    if headline.left.sentences or headline.right.sentences:
        return []
    if any(a.title_source in NOT_HEADLINES or _title_is_first_sentence(a) for a in (left, right)):
        return []
    titles = headline.left.text, headline.right.text
    # "Boeing 737" told as a name in either article (as for the body's figures, _figures)
    names = numbered_names(
        left.text or "", right.text or "", only=name_number_keys(titles[0]) | name_number_keys(titles[1])
    )
    found = differing_figures(find_flag_figures(titles[0], 0, names), find_flag_figures(titles[1], 0, names))
    return [FigureValues(f, g) for f, g in found]


def _title_is_first_sentence(article: Article) -> bool:
    """Whether the title is the article's first sentence (a lead, maybe cut with "…"), not a
    headline: its dateline and cut clause are no headline words. An article made without a
    title_source (older callers) is read as before: any inferred title."""
    if article.title_source is None:
        return "title" in article.inferred
    return article.title_source == "first_sentence"
