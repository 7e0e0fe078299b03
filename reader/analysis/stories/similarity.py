"""Steps 2-3: candidate pairs (all pairs in the date window, or an inverted index over each
article's distinctive terms beyond `EXHAUSTIVE_MAX`) and their similarity scores."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from functools import lru_cache
from typing import AbstractSet as Set
from typing import Any, Callable, Iterable, Mapping, Sequence

from reader.analysis.cancel import Cancel, check
from reader.analysis.stories.model import DEFAULT_PARAMS, StoryParams
from reader.analysis.stories.packed import PackedRecord
from reader.analysis.stories.stats import _best, _features, _Features, _LazyColumn
from reader.analysis.textstats import content_words, unit_cosine


def _date_factor(d1: int | None, d2: int | None, p: StoryParams) -> float:
    if d1 is None or d2 is None:
        return p.undated_factor  # the gap may be anything: not the benefit of a same-day pair
    extra = abs(d1 - d2) - p.grace_days
    if extra <= 0:
        return 1.0
    return 1.0 / (1.0 + extra / p.date_scale)


# Up to this many articles every pair (within the date window) is compared.
EXHAUSTIVE_MAX = 400


def _tops(
    f: _Features, p: StoryParams, only: Iterable[int] | None = None, on_made: Callable[[int], None] | None = None
) -> list[list[tuple[str, float]]]:
    """Each article's distinctive terms with their weights (names in their own namespace).
    A term of one article only cannot pair it with anything: the vectors hold only the others
    (see _shared_terms), so the choice is among those. `on_made(k)`: k articles' are made (for
    progress; it changes nothing)."""
    tops: list[list[tuple[str, float]]] = []
    text_vecs, name_vecs = f.text_vecs, f.name_vecs
    step = max(1, len(f.ids) // 200)
    for i in range(len(f.ids)) if only is None else only:
        if on_made is not None and len(tops) % step == 0:
            on_made(len(tops))
        if isinstance(text_vecs, _LazyColumn):
            top = text_vecs.top(i, p.top_terms)  # without making the vector
        else:
            top = _best(text_vecs[i], p.top_terms)
        names = (
            name_vecs.top(i, p.top_names) if isinstance(name_vecs, _LazyColumn) else _best(name_vecs[i], p.top_names)
        )
        tops.append(top + [("\x00" + t, w) for t, w in names])
    return tops


def _candidate_pairs(
    f: _Features,
    p: StoryParams,
    focus: set[int] | None = None,
    n_total: int | None = None,
    sources: Iterable[int] | None = None,
    on_searched: Callable[[int, int], None] | None = None,
) -> set[tuple[int, int]]:
    """Pairs worth scoring: all pairs in the date window for small corpora; otherwise, for each
    article, the `neighbours` best partners by a partial dot product over its most distinctive
    terms and names, counting only terms shared with at most `local_df_cap` articles in its date
    window (a term everyone uses that week says nothing about the event).

    With `focus`, only the pairs of those articles: `sources` are the articles whose partners
    are looked for (the focus and every article that may choose one of them), f holds every
    article within the date window of a source, and `n_total` is the size of the whole corpus.
    `on_searched(k, of)`: k of `of` parts of the search are done (for progress; it changes
    nothing): the articles' top terms made (when f has none), the postings of their terms laid
    out, then each article's partners looked for, in equal shares."""
    n = len(f.ids)
    total = n if n_total is None else n_total
    if n < 2:
        return set()
    if total <= EXHAUSTIVE_MAX:  # small corpora: every pair (cheap and exact)
        pairs: set[tuple[int, int]] = set()
        for i in range(n) if focus is None else sorted(focus):
            for j in range(n):
                if j != i and _in_window(f.days[i], f.days[j], p):
                    pairs.add((i, j) if i < j else (j, i))
        return pairs
    # progress in shares of 1,000 steps: the top terms (when made here), the postings, the search
    shares = 3 if f.tops is None else 2

    def searched(share: int, k: int, of: int) -> None:
        if on_searched is not None:
            on_searched(share * 1000 + 1000 * k // max(1, of), shares * 1000)

    if f.tops is None:  # kept for the caller (cluster_stories' on_tops), which drops them
        f.tops = _tops(f, p, on_made=lambda k: searched(0, k, n))
    tops = f.tops
    step = max(1, n // 200)
    # term -> [(day, i, weight)] sorted, and [(i, weight)] of the undated: the weights ride in the
    # postings (a dict look-up per partner and term was most of the time)
    dated: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    undated: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, top in enumerate(tops):
        if i % step == 0:
            searched(shares - 2, i, n)
        day = f.days[i]
        for term, w in top:
            if day is None:
                undated[term].append((i, w))
            else:
                dated[term].append((day, i, w))
    for plist in dated.values():
        plist.sort()
    cap = p.local_df_cap
    window = p.window_days
    pairs = set()
    if sources is None:
        sources = range(n) if focus is None else sorted(focus)
    searching = list(sources)
    step = max(1, len(searching) // 200)
    for k, i in enumerate(searching):
        if k % step == 0:
            searched(shares - 1, k, len(searching))
        top = tops[i]
        day = f.days[i]
        acc: dict[int, float] = defaultdict(float)
        for term, wi in top:
            plist = dated.get(term, [])
            unplaced = undated.get(term, ())
            if day is None:
                lo, hi = 0, len(plist)
            else:
                lo = bisect_left(plist, (day - window, -1))
                hi = bisect_right(plist, (day + window, n))
            if hi - lo + len(unplaced) > cap + 1:  # counted before the partners are read: most are skipped
                continue
            for _, j, wj in plist[lo:hi]:
                if j != i:
                    acc[j] += wi * wj
            for j, wj in unplaced:
                if j != i:
                    acc[j] += wi * wj
        if not acc:
            continue
        best = _best(acc, p.neighbours)  # sorted(acc.items(), key=(-score, j))[:neighbours]
        for j, _ in best:
            if focus is None or i in focus or j in focus:
                pairs.add((i, j) if i < j else (j, i))
    return pairs


def _in_window(d1: int | None, d2: int | None, p: StoryParams) -> bool:
    return d1 is None or d2 is None or abs(d1 - d2) <= p.window_days


def _pair_parts(f: _Features, i: int, j: int, p: StoryParams) -> tuple[float, set[int] | None]:
    """(text and name similarity, the quotation shingles the pair shares when they could earn
    the quote bonus, else None). An article of many items (a live blog, a roundup: items.py)
    is its lead item here; two such articles also match when one's lead item matches an item
    of the other (two versions of one live blog, the newer holding the older's items)."""
    best = _parts(p, f.text_vecs[i], f.name_vecs[i], f.shingles[i], f.text_vecs[j], f.name_vecs[j], f.shingles[j])
    if f.items and i in f.items and j in f.items:
        for lead, other in ((i, j), (j, i)):
            text, names, shingles = f.text_vecs[lead], f.name_vecs[lead], f.shingles[lead]
            for item in f.item_vectors(other):
                parts = _parts(p, text, names, shingles, *item)
                if _worth(parts, p) > _worth(best, p):
                    best = parts
    return best


def _parts(
    p: StoryParams,
    text_a: dict[str, float],
    names_a: dict[str, float],
    shingles_a: set[int],
    text_b: dict[str, float],
    names_b: dict[str, float],
    shingles_b: set[int],
) -> tuple[float, set[int] | None]:
    base = p.text_weight * unit_cosine(text_a, text_b)
    names = unit_cosine(names_a, names_b)
    if names:
        base += p.name_weight * names
        base = min(base, (base - _top_name_part(p, text_a, names_a, text_b, names_b)) / SINGLE_NAME_SHARE)
    if p.quote_bonus and shingles_a and shingles_b:
        shared = shingles_a & shingles_b
        if len(shared) >= 2:
            shared = _in_a_lead(shared, shingles_a, shingles_b)
        if len(shared) >= 2:
            return base, shared
    return base, None


# At most this share of a pair's score may come from one shared name (its weight in the name
# cosine and its words' in the text cosine). One name is a setting, not an event: aeb-dev's
# piece on Alibaba's listing in Hong Kong and two on the Hong Kong protests (0.21-0.25, 70% of it
# "Hong Kong") were one story. Articles of one event share several names (basil-dev: the
# strongest shared name is at most 53% of a true pair's score, which this lowers by 6%).
SINGLE_NAME_SHARE = 0.5


def _top_name_part(
    p: StoryParams,
    text_a: dict[str, float],
    names_a: dict[str, float],
    text_b: dict[str, float],
    names_b: dict[str, float],
) -> float:
    """What the strongest name the two articles share adds to their score (its words included)."""
    if len(names_a) > len(names_b):
        names_a, names_b = names_b, names_a
    top, best = "", 0.0
    for name, weight in names_a.items():
        other = names_b.get(name)
        if other is not None and weight * other > best:
            top, best = name, weight * other
    if not top:
        return 0.0
    words = sum(text_a.get(w, 0.0) * text_b.get(w, 0.0) for w in _name_words(top))
    return p.name_weight * best + p.text_weight * words


@lru_cache(maxsize=65536)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(content_words(name))


def _in_a_lead(shared: set[int], shingles_a: set[int], shingles_b: set[int]) -> set[int]:
    """Those of the `shared` shingles quoted in the lead part of one of the two articles
    (features.LEAD_SHARE): a quotation both recall in their bodies is background, not the event."""
    lead_a, lead_b = getattr(shingles_a, "lead", None), getattr(shingles_b, "lead", None)
    if lead_a is None or lead_b is None:  # all of one's shingles are its lead's
        return shared
    return {s for s in shared if s in lead_a or s in lead_b}


def _worth(parts: tuple[float, set[int] | None], p: StoryParams) -> float:
    return parts[0] + (p.quote_bonus if parts[1] is not None else 0.0)


def _with_quote_bonus(
    f: _Features, i: int, j: int, p: StoryParams, base: float, shared: set[int] | None, stock: Set[int] = frozenset()
) -> float:
    return _dated_score(f.days[i], f.days[j], p, base, shared, stock)


def _dated_score(
    d1: int | None, d2: int | None, p: StoryParams, base: float, shared: set[int] | None, stock: Set[int]
) -> float:
    if shared is not None and len(shared - stock) >= 2:
        base += p.quote_bonus
    return base * _date_factor(d1, d2, p)


# A quotation of one event is repeated by the few outlets that cover it; a word 4-gram found in
# the quotations of more than this share of the articles compared (and of more than
# STOCK_PHRASE_MIN) is a stock phrase ("president of the United States", "a lot of people"):
# two articles using it do not quote the same words.
STOCK_PHRASE_SHARE = 0.02
STOCK_PHRASE_MIN = 5


_ARTICLES_PER_CHECK = 256  # articles' shingles read (a record unpacked each) between two asks of cancel()


def _stock_shingles(f: _Features, shared: set[int], cancel: Cancel | None = None) -> frozenset[int]:
    """Those of the `shared` shingles that are stock phrases among f's articles (each article's
    shingles read without keeping them: beyond EXHAUSTIVE_MAX only the scored ones are made;
    0.5 s of CPU at 10,000 articles, `cancel()` asked along)."""
    if not shared or not _may_be_stock(len(f.ids)):
        return frozenset()
    counts = dict.fromkeys(shared, 0)
    count_shingles(f, range(len(f.ids)), counts, cancel)
    return stock_of(counts, len(f.ids))


def _stock_cap(n_articles: int) -> float:
    return max(STOCK_PHRASE_MIN, STOCK_PHRASE_SHARE * n_articles)


def _may_be_stock(n_articles: int) -> bool:
    return n_articles > _stock_cap(n_articles)


def stock_of(counts: Mapping[int, int], n_articles: int) -> frozenset[int]:
    """The shingles counted in more of `n_articles` articles than a stock phrase's cap (none when
    they are too few for any)."""
    if not _may_be_stock(n_articles):
        return frozenset()
    cap = _stock_cap(n_articles)
    return frozenset(s for s, n in counts.items() if n > cap)


def count_shingles(f: _Features, indices: Iterable[int], counts: dict[int, int], cancel: Cancel | None = None) -> None:
    """Add to `counts` (shingle -> articles) the articles at `indices` of f that hold each of its
    shingles; `cancel()` asked every _ARTICLES_PER_CHECK articles."""
    wanted = set(counts)
    column = f.shingles
    if isinstance(column, _LazyColumn):
        known, records = column.known, column.records
        values: Iterable[Iterable[int]] = (
            known.get(r["id"]) or _record_shingles(r) for r in (records[i] for i in indices)
        )
    else:
        values = (column[i] for i in indices)
    for step, article in enumerate(values):
        if step % _ARTICLES_PER_CHECK == 0:
            check(cancel)
        for s in wanted.intersection(article):
            counts[s] += 1


def _record_shingles(record: Mapping) -> Iterable[int]:
    if isinstance(record, PackedRecord):
        return record.shingle_values()  # not kept on the record
    return record.get("shingles") or ()


def _score_pairs(
    f: _Features,
    p: StoryParams,
    pairs: Sequence[tuple[int, int]],
    scored: dict[tuple[str, str], float] | None = None,
    on_compared: Callable[[int], None] | None = None,
) -> tuple[dict[tuple[int, int], float], list[tuple[int, int, float, set[int]]]]:
    """(the scores of the sorted `pairs` that need no stock phrases, the pairs sharing quotation
    shingles with their base score and shingles): _similarities' scoring, the quote bonus left
    to _score_quoting, once the stock phrases are known."""
    sims = {}
    ids = f.ids
    quoting: list[tuple[int, int, float, set[int]]] = []
    first = -1
    for i, j in pairs:
        if on_compared is not None and i != first:
            first = i
            on_compared(i)
        if scored is not None:
            known = scored.get((ids[i], ids[j]))
            if known is not None:
                if known > 0.0:
                    sims[(i, j)] = known
                continue
        base, shared = _pair_parts(f, i, j, p)
        if shared is not None:
            quoting.append((i, j, base, shared))
            continue
        s = _with_quote_bonus(f, i, j, p, base, None)
        if scored is not None:
            scored[(ids[i], ids[j])] = s
        if s > 0.0:
            sims[(i, j)] = s
    return sims, quoting


_PAIRS_PER_CHECK = 1024  # quoted pairs scored between two asks of cancel(): a millisecond or so


def _score_quoting(
    ids: Sequence[str],
    days: Sequence[int | None],
    p: StoryParams,
    quoting: Sequence[tuple[int, int, float, set[int]]],
    stock: Set[int],
    scored: dict[tuple[str, str], float] | None,
    sims: dict[tuple[int, int], float],
    cancel: Cancel | None = None,
) -> None:
    """The scores of the pairs sharing quotation shingles (by position in `ids`, whose `days`
    are given), into `sims` (and `scored`); `cancel()` asked every _PAIRS_PER_CHECK pairs
    (after the last pair's count: 0.3 s of CPU at 10,000 articles that no count interrupts)."""
    for step, (i, j, base, shared) in enumerate(quoting):
        if step % _PAIRS_PER_CHECK == 0:
            check(cancel)
        s = _dated_score(days[i], days[j], p, base, shared, stock)
        if scored is not None:
            scored[(ids[i], ids[j])] = s
        if s > 0.0:
            sims[(i, j)] = s


def pair_similarities(
    articles: Sequence[Any], quotes: Mapping[str, Any] | None = None, params: StoryParams = DEFAULT_PARAMS
) -> dict[tuple[int, int], float]:
    """The sparse similarity graph (i < j -> score) that the clustering uses (for evaluation)."""
    f = _features(articles, quotes)
    return _similarities(f, params)


# Articles whose metadata names the same story are linked at full strength (groups up to this size).
_GIVEN_STORY_MAX = 50


def _similarities(
    f: _Features,
    p: StoryParams,
    focus: set[int] | None = None,
    n_total: int | None = None,
    sources: Iterable[int] | None = None,
    scored: dict[tuple[str, str], float] | None = None,
    on_compared: Callable[[int], None] | None = None,
    on_searched: Callable[[int, int], None] | None = None,
    cancel: Cancel | None = None,
) -> dict[tuple[int, int], float]:
    """`scored`: pair scores by article ids, read and filled here; for rounds over features made
    with the same statistics and ids in the same order (an incremental update's growing region
    scored every pair of the round before again). `on_compared(k)`: the first k articles of f
    have every pair scored (pairs come by their first article), for progress, as `on_searched`
    (_candidate_pairs) before it; they change nothing. `cancel()` is asked between them, in the
    scoring of the quoted pairs that follows the last pair's count (Cancelled)."""
    pairs = sorted(_candidate_pairs(f, p, focus, n_total, sources, on_searched))
    sims, quoting = _score_pairs(f, p, pairs, scored, on_compared)
    if quoting:
        stock = _stock_shingles(f, set().union(*(q[3] for q in quoting)), cancel)
        _score_quoting(f.ids, f.days, p, quoting, stock, scored, sims, cancel)
    if on_compared is not None:
        on_compared(len(f.ids))
    add_given_links(f.given, focus, sims)
    return sims


def add_given_links(given: Sequence[str | None], focus: Set[int] | None, sims: dict[tuple[int, int], float]) -> None:
    """Link at full strength the articles whose metadata names one story (`given`, by position),
    with a `focus` article when there is one."""
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, story in enumerate(given):
        if story is not None:
            by_story[story].append(i)
    for members in by_story.values():
        if 1 < len(members) <= _GIVEN_STORY_MAX:
            for a, i in enumerate(members):
                for j in members[a + 1 :]:
                    if focus is None or i in focus or j in focus:
                        sims[(i, j)] = max(sims.get((i, j), 0.0), 1.0)
