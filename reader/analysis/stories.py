"""Stories: grouping articles from different outlets that report the same event.

Pure Python, no UI imports. `group_stories(articles, quotes=None)` puts every article in exactly
one `Story` (singletons included); the result is deterministic and the story ids depend only on
the membership.

Method
------
1. Each article becomes two sparse TF-IDF vectors: its content words (title counted twice) and
   its name phrases ("Liz Cheney", "Wyoming"), plus the set of its quotation shingles (word
   4-grams of quoted text: from `quotes` when given, else from the quotation marks in the text).
2. Candidate pairs: up to 400 articles, every pair within the date window (30 days). Beyond,
   an inverted index over each article's most distinctive words and names (terms of one article
   only, and terms used by more than 60 articles in its date window, are skipped) ranks its
   partners by a partial dot product and keeps the best 20: no all-pairs comparison, so the
   cost grows about linearly (10,000 articles: ~35-45 s of one core here).
3. A pair's similarity is a weighted sum of the text cosine, the name cosine and a shared-quote
   bonus, multiplied by a date factor (outlets publish a day or two apart; the same topic weeks
   apart is usually another event).
4. Average-link agglomerative clustering over that sparse similarity graph (missing pairs count
   as 0, so unrelated articles never chain), merging while the average link is above a threshold.
   Merging two groups that already hold an article of the same outlet needs a higher average
   (a soft penalty: an outlet rarely covers one event twice on the same day).
5. Articles whose metadata gives the same story id are linked at full strength.
6. A story's label is the headline of its most central member (highest summed similarity to
   the others); with no titles, its most distinctive shared name phrases.

Incremental use: `story_features(article, quotes)` is the JSON-serialisable per-article record
(word and name counts, quotation shingles, date, outlet, short title), computed once (the index
computes it in its worker processes and stores it); `cluster_stories(records)` is the clustering
from records alone (`group_stories` = records + that); `update_stories(previous, records,
changed, removed)` re-clusters only the region an update touches and keeps every other story
as it was (see its doc for the region and the small, documented difference from a full run).

Only the threshold was fitted (the middle of the range that scores best on basil-dev, which is
also where 2-fold cross-validation over its events lands); the other parameters are set by
reasoning, not tuned. `bench/eval_stories.py` measures it against a plain TF-IDF baseline.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from sys import intern
from typing import Any, Iterable, Mapping, Sequence

from reader.analysis.textstats import (
    TfidfModel,
    _normalised,
    content_words,
    name_phrases,
    tokenize,
)

__all__ = [
    "DEFAULT_PARAMS",
    "Story",
    "StoryParams",
    "FEATURES_VERSION",
    "StoryStats",
    "average_link",
    "cluster_stories",
    "group_stories",
    "pair_similarities",
    "story_features",
    "story_id",
    "update_stories",
]


@dataclass
class Story:
    id: str
    label: str
    articles: list[str]

    def to_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "articles": list(self.articles)}


@dataclass(frozen=True)
class StoryParams:
    """The few knobs of the method (see the module doc for how the defaults were set)."""

    threshold: float = 0.16  # minimum average link to merge two groups
    text_weight: float = 0.6
    name_weight: float = 0.4
    quote_bonus: float = 0.15  # added once a pair shares >= 2 quotation shingles
    grace_days: int = 2  # no date penalty up to this many days apart
    date_scale: float = 3.0  # beyond the grace, similarity / (1 + extra_days / date_scale)
    window_days: int = 30  # pairs further apart (both dated) are never compared
    same_outlet_penalty: float = 0.5  # merge score multiplier when the groups share an outlet
    # Candidate pairs in large corpora (see _candidate_pairs); they bound the cost, not the result.
    top_terms: int = 15  # distinctive words per article used to find partners
    top_names: int = 5  # distinctive names per article used to find partners
    local_df_cap: int = 60  # a term in more articles than this within the date window is skipped
    neighbours: int = 20  # partners kept per article


DEFAULT_PARAMS = StoryParams()


def story_id(member_ids: Iterable[str]) -> str:
    """A short id that depends only on the membership: "s" + 10 hex digits of a hash."""
    joined = "\n".join(sorted(member_ids))
    return "s" + hashlib.sha1(joined.encode("utf-8", "surrogatepass")).hexdigest()[:10]


# -- features ----------------------------------------------------------------------------------


def _parse_date(value: Any) -> int | None:
    """Day number of an ISO date (or a date object); None when unknown or malformed."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.toordinal()
    text = str(value).strip()[:10]
    try:
        return date.fromisoformat(text).toordinal()
    except ValueError:
        return None


_QUOTE_RE = re.compile(r"[\"“”«»]([^\"“”«»\n]{12,1500})[\"“”«»]")


def _quote_texts_from_text(text: str) -> list[str]:
    return [m.group(1) for m in _QUOTE_RE.finditer(text)]


def _shingle_hash(gram: tuple[str, ...]) -> int:
    """A stable 48-bit hash of a word 4-gram (the same in every process, exact in JSON)."""
    digest = hashlib.blake2b("\x1f".join(gram).encode("utf-8", "surrogatepass"), digest_size=6).digest()
    return int.from_bytes(digest, "big")


def _shingles(quote_texts: Iterable[str]) -> list[int]:
    """Hashed word 4-grams of the quoted text (a quote shared by two outlets shares most of them)."""
    out: set[int] = set()
    for quote in quote_texts:
        tokens = tokenize(quote)
        if len(tokens) >= 4:
            out.update(map(_shingle_hash, zip(tokens, tokens[1:], tokens[2:], tokens[3:])))
    return sorted(out)


@dataclass
class _Features:
    ids: list[str]
    outlets: list[str | None]
    days: list[int | None]
    titles: list[str]
    text_vecs: list[dict[str, float]]
    name_vecs: list[dict[str, float]]
    shingles: list[array]
    records: list[dict] = field(default_factory=list)  # the feature records (labels read them)
    given: list[str | None] = field(default_factory=list)  # story ids given by metadata
    name_model: TfidfModel | None = None
    text_model: TfidfModel | None = None
    tops: list[list[tuple[str, float]]] | None = None  # _tops(), when already known


def _quote_texts(items: Iterable[Any] | None) -> list[str]:
    texts = []
    for quote in items or ():
        if isinstance(quote, str):
            texts.append(quote)
            continue
        text = getattr(quote, "text", None)
        if text is None and isinstance(quote, Mapping):
            text = quote.get("text")
        if isinstance(text, str):
            texts.append(text)
    return texts


def _quote_list(quotes: Mapping[str, Any] | None, article_id: str) -> list[str] | None:
    if quotes is None:
        return None
    items = quotes.get(article_id)
    if items is None:
        return None
    return _quote_texts(items)


# Per-article words and names, reused across calls while the text is unchanged (in a long-lived
# process such as the app, recomputing every article's words would dominate the cost).
# Entries are compact: interned terms plus counts.
_CACHE: dict[tuple, tuple[tuple[str, ...], bytes, tuple[str, ...], bytes]] = {}
_CACHE_MAX = 60_000

# Only the start of a very long article is read: the event is in its first pages, and a
# hostile megabyte of text must not stall the grouping of a whole corpus.
MAX_CHARS = 20_000


def _pack(counts: Counter) -> tuple[tuple[str, ...], bytes]:
    return tuple(counts), bytes(min(c, 255) for c in counts.values())


def _unpack(terms: tuple[str, ...], counts: bytes) -> Counter:
    return Counter(dict(zip(terms, counts)))


def _article_terms(article_id: str, title: str, text: str) -> tuple[Counter, Counter]:
    """Content-word counts (title counted twice) and name-phrase counts (as written) of an article.

    Terms are interned: 50,000 articles share one copy of each word instead of one per use.
    """
    text = text[:MAX_CHARS]
    title = title[:1000]
    key = (article_id, len(text), hash(text), hash(title))
    hit = _CACHE.get(key)
    if hit is not None:
        return _unpack(hit[0], hit[1]), _unpack(hit[2], hit[3])
    counts: Counter[str] = Counter(content_words(title))
    for term in counts:
        counts[term] *= 2
    counts.update(content_words(text))
    words = Counter({intern(t): min(c, 255) for t, c in counts.items()})
    names: Counter[str] = Counter()
    for phrase in name_phrases(title + "\n" + text):
        names[intern(phrase)] += 1
    for phrase in names:
        names[phrase] = min(names[phrase], 255)
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[key] = (*_pack(words), *_pack(names))
    return words, names


def _folded(found: Mapping[str, int]) -> Counter:
    """Name counts keyed case-insensitively ("NAACP" and "Naacp" are one name)."""
    folded: Counter[str] = Counter()
    for phrase, count in found.items():
        folded[intern(phrase.casefold())] += count
    return folded


def _shared_terms(vector: dict[str, float], df: Mapping[str, int]) -> dict[str, float]:
    """The vector without the terms of this article alone: they add nothing to any dot product
    (the norm already counted them), and dropping them saves much memory on large corpora.
    Weights are rounded to 4 decimals (a cosine changes by less than 0.001)."""
    shared_float = _FLOATS.setdefault
    out = {}
    for t, w in vector.items():
        if df.get(t, 0) > 1:
            w = round(w, 4)  # one float object per distinct weight instead of one per entry
            out[t] = shared_float(w, w)
    return out


_FLOATS: dict[float, float] = {}

# Bump when story_features() changes what it records: stored records are recomputed.
FEATURES_VERSION = 1
_TITLE_KEEP = 200  # labels use at most 70 characters of a title


def story_features(article: Any, quotes: Iterable[Any] | None = None) -> dict:
    """The per-article record story grouping needs (JSON-serialisable; computed once per article,
    e.g. at index time, and clustered later without the text).

    `article` has id, outlet, date, title, text and optionally story; `quotes` are this
    article's quotations (objects or dicts with "text", or strings), or None to take quoted
    passages from the text. The record holds the content-word counts (title counted twice), the
    name phrases as written, the quotation shingles (stable hashes), the date (ISO), the
    folded outlet, a short title and, for untitled articles, the first words of the text.
    Corpus statistics (idf) are not in it: they are applied when records are clustered.
    """
    aid = str(article.id)
    story = getattr(article, "story", None)
    given = str(story) if isinstance(story, (str, int)) and str(story).strip() else None
    title = getattr(article, "title", None)
    title = title if isinstance(title, str) else ""
    text = getattr(article, "text", None)
    text = text if isinstance(text, str) else ""
    outlet = getattr(article, "outlet", None)
    outlet = outlet.strip().casefold() if isinstance(outlet, str) and outlet.strip() else None
    day = _parse_date(getattr(article, "date", None))
    words, names = _article_terms(aid, title, text)
    quote_texts = _quote_texts(quotes) if quotes is not None else _quote_texts_from_text(text[:MAX_CHARS])
    record = {
        "v": FEATURES_VERSION,
        "id": aid,
        "outlet": outlet,
        "date": date.fromordinal(day).isoformat() if day is not None else None,
        "title": " ".join(title.split())[:_TITLE_KEEP],
        "story": given,
        "words": dict(words),
        "names": dict(names),
        "shingles": _shingles(quote_texts),
    }
    if not record["title"]:
        record["lead"] = " ".join(text.split()[:12])
    return record


class StoryStats:
    """Corpus statistics of a set of feature records (document count, word and name document
    frequencies), kept up to date record by record so an update need not read every record."""

    def __init__(self, n_docs: int = 0, words: Mapping[str, int] | None = None,
                 names: Mapping[str, int] | None = None):
        self.n_docs = n_docs
        self.words: Counter[str] = Counter(words or {})
        self.names: Counter[str] = Counter(names or {})

    @classmethod
    def from_records(cls, records: Iterable[Mapping]) -> "StoryStats":
        stats = cls()
        for record in records:
            stats.add(record)
        return stats

    def add(self, record: Mapping) -> None:
        self.n_docs += 1
        self.words.update((record.get("words") or {}).keys())
        self.names.update(_folded(record.get("names") or {}).keys())

    def remove(self, record: Mapping) -> None:
        self.n_docs -= 1
        for counter, terms in ((self.words, (record.get("words") or {}).keys()),
                               (self.names, _folded(record.get("names") or {}).keys())):
            for term in terms:
                left = counter.get(term, 0) - 1
                if left > 0:
                    counter[term] = left
                else:
                    counter.pop(term, None)

    def to_dict(self) -> dict:
        return {"n_docs": self.n_docs, "words": dict(self.words), "names": dict(self.names)}

    @classmethod
    def from_dict(cls, data: Mapping) -> "StoryStats":
        return cls(int(data["n_docs"]), data["words"], data["names"])

    def models(self) -> tuple["_StatsModel", "_StatsModel"]:
        return _StatsModel(self.n_docs, self.words), _StatsModel(self.n_docs, self.names)


class _Idf(dict):
    """term -> idf, computed on first use from document frequencies (as TfidfModel does)."""

    def __init__(self, n_docs: int, df: Mapping[str, int]):
        super().__init__()
        self.n_docs = n_docs
        self.df = df
        self.unseen = math.log(1 + n_docs) + 1.0

    def __missing__(self, term: str) -> float:
        c = self.df.get(term, 0)
        value = math.log((1 + self.n_docs) / (1 + c)) + 1.0 if c > 0 else self.unseen
        self[term] = value
        return value


_LOG_TF = [0.0] + [1.0 + math.log(c) for c in range(1, 256)]  # sublinear tf of counts up to 255


class _StatsModel:
    """TfidfModel's weights from given document frequencies, idf computed only for the terms
    met (the same floats as TfidfModel fitted on the documents)."""

    def __init__(self, n_docs: int, df: Mapping[str, int]):
        self.n_docs = n_docs
        self.df = df
        self._idf = _Idf(n_docs, df)

    def idf(self, term: str) -> float:
        return self._idf[term]

    def _weights(self, counts: Mapping[str, int]) -> list[float]:
        idf = self._idf
        try:
            return [_LOG_TF[c] * idf[t] for t, c in counts.items()]
        except (IndexError, TypeError):
            return [(1.0 + math.log(c)) * idf[t] for t, c in counts.items()]

    def vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        return _normalised(dict(zip(counts, self._weights(counts))))

    def shared_vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        """_shared_terms(self.vector(counts), self.df) in one pass (the same floats)."""
        weights = self._weights(counts)
        norm = math.sqrt(sum([w * w for w in weights]))
        if norm == 0.0:
            return {}
        df = self.df.get
        return {t: round(w / norm, 4) for t, w in zip(counts, weights) if df(t, 0) > 1}


def _from_records(records: Sequence[Mapping], models: tuple[TfidfModel, TfidfModel] | None = None,
                  cache: dict[str, tuple] | None = None) -> _Features:
    """Features of records; with fixed `models`, a `cache` keeps each article's vectors."""
    if models is None:
        words = [record.get("words") or {} for record in records]
        names = [_folded(record.get("names") or {}) for record in records]
        text_model, name_model = TfidfModel(words), TfidfModel(names)
    else:
        text_model, name_model = models
    cache = {} if cache is None else cache
    vecs = []
    for record in records:
        hit = cache.get(record["id"])
        if hit is None and isinstance(text_model, _StatsModel):
            hit = (text_model.shared_vector(record.get("words") or {}),
                   name_model.shared_vector(_folded(record.get("names") or {})),
                   set(record.get("shingles") or ()))
        elif hit is None:
            hit = (_shared_terms(text_model.vector(record.get("words") or {}), text_model.df),
                   _shared_terms(name_model.vector(_folded(record.get("names") or {})), name_model.df),
                   set(record.get("shingles") or ()))
            if models is not None:
                cache[record["id"]] = hit
        vecs.append(hit)
    return _Features(
        ids=[str(r["id"]) for r in records],
        outlets=[r.get("outlet") for r in records],
        days=[_parse_date(r.get("date")) for r in records],
        titles=[r.get("title") or "" for r in records],
        text_vecs=[v[0] for v in vecs],
        name_vecs=[v[1] for v in vecs],
        shingles=[v[2] for v in vecs],
        records=list(records),
        given=[r.get("story") for r in records],
        name_model=name_model,
        text_model=text_model,
    )


def _features(articles: Sequence[Any], quotes: Mapping[str, Any] | None) -> _Features:
    return _from_records([story_features(a, _quote_list(quotes, str(a.id))) for a in articles])


# -- candidate pairs and similarities ------------------------------------------------------------


def _date_factor(d1: int | None, d2: int | None, p: StoryParams) -> float:
    if d1 is None or d2 is None:
        return 1.0
    extra = abs(d1 - d2) - p.grace_days
    if extra <= 0:
        return 1.0
    return 1.0 / (1.0 + extra / p.date_scale)


# Up to this many articles every pair (within the date window) is compared.
EXHAUSTIVE_MAX = 400


def _best(vector: dict[str, float], k: int) -> list[tuple[str, float]]:
    """The k items of highest weight, ties by term: sorted(items, key=(-w, t))[:k], without
    sorting every item with a Python key (only those at or above the k-th weight)."""
    if len(vector) > k:
        cutoff = sorted(vector.values(), reverse=True)[k - 1] if k > 0 else math.inf
        items = [kv for kv in vector.items() if kv[1] >= cutoff]
    else:
        items = list(vector.items())
    items.sort(key=lambda kv: (-kv[1], kv[0]))
    return items[:k]


def _tops(f: _Features, p: StoryParams, only: Iterable[int] | None = None) -> list[list[tuple[str, float]]]:
    """Each article's distinctive terms with their weights (names in their own namespace).
    A term of one article only cannot pair it with anything: the vectors hold only the others
    (see _shared_terms), so the choice is among those."""
    tops: list[list[tuple[str, float]]] = []
    for i in range(len(f.ids)) if only is None else only:
        top = _best(f.text_vecs[i], p.top_terms)
        names = _best(f.name_vecs[i], p.top_names)
        tops.append(top + [("\x00" + t, w) for t, w in names])
    return tops


def _candidate_pairs(f: _Features, p: StoryParams, focus: set[int] | None = None,
                     n_total: int | None = None, sources: Iterable[int] | None = None) -> set[tuple[int, int]]:
    """Pairs worth scoring: all pairs in the date window for small corpora; otherwise, for each
    article, the `neighbours` best partners by a partial dot product over its most distinctive
    terms and names, counting only terms shared with at most `local_df_cap` articles in its date
    window (a term everyone uses that week says nothing about the event).

    With `focus`, only the pairs of those articles: `sources` are the articles whose partners
    are looked for (the focus and every article that may choose one of them), f holds every
    article within the date window of a source, and `n_total` is the size of the whole corpus."""
    n = len(f.ids)
    total = n if n_total is None else n_total
    if n < 2:
        return set()
    if total <= EXHAUSTIVE_MAX:  # small corpora: every pair (cheap and exact)
        pairs = set()
        for i in range(n) if focus is None else sorted(focus):
            for j in range(n):
                if j != i and _in_window(f.days[i], f.days[j], p):
                    pairs.add((i, j) if i < j else (j, i))
        return pairs
    tops = f.tops if f.tops is not None else _tops(f, p)
    dated: dict[str, list[tuple[int, int]]] = defaultdict(list)  # term -> [(day, i)] sorted
    undated: dict[str, list[int]] = defaultdict(list)
    for i, top in enumerate(tops):
        day = f.days[i]
        for term, _ in top:
            if day is None:
                undated[term].append(i)
            else:
                dated[term].append((day, i))
    for plist in dated.values():
        plist.sort()
    weight_of = [dict(top) for top in tops]
    cap = p.local_df_cap
    window = p.window_days
    pairs: set[tuple[int, int]] = set()
    if sources is None:
        sources = range(n) if focus is None else sorted(focus)
    for i in sources:
        top = tops[i]
        day = f.days[i]
        acc: dict[int, float] = defaultdict(float)
        for term, wi in top:
            plist = dated.get(term, ())
            if day is None:
                near = [j for _, j in plist]
            else:
                lo = bisect_left(plist, (day - window, -1))
                hi = bisect_right(plist, (day + window, n))
                near = [j for _, j in plist[lo:hi]]
            near += undated.get(term, ())
            if len(near) > cap + 1:
                continue
            for j in near:
                if j != i:
                    acc[j] += wi * weight_of[j][term]
        if not acc:
            continue
        best = sorted(acc.items(), key=lambda kv: (-kv[1], kv[0]))[: p.neighbours]
        for j, _ in best:
            if focus is None or i in focus or j in focus:
                pairs.add((i, j) if i < j else (j, i))
    return pairs


def _in_window(d1: int | None, d2: int | None, p: StoryParams) -> bool:
    return d1 is None or d2 is None or abs(d1 - d2) <= p.window_days


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit vectors (= their cosine)."""
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return min(1.0, sum(w * get(t, 0.0) for t, w in a.items()))


def _pair_score(f: _Features, i: int, j: int, p: StoryParams) -> float:
    score = p.text_weight * _dot(f.text_vecs[i], f.text_vecs[j])
    score += p.name_weight * _dot(f.name_vecs[i], f.name_vecs[j])
    if p.quote_bonus and f.shingles[i] and f.shingles[j]:
        shared = len(f.shingles[i] & f.shingles[j])
        if shared >= 2:
            score += p.quote_bonus
    return score * _date_factor(f.days[i], f.days[j], p)


def pair_similarities(
    articles: Sequence[Any], quotes: Mapping[str, Any] | None = None, params: StoryParams = DEFAULT_PARAMS
) -> dict[tuple[int, int], float]:
    """The sparse similarity graph (i < j -> score) that the clustering uses (for evaluation)."""
    f = _features(articles, quotes)
    return _similarities(f, params)


# Articles whose metadata names the same story are linked at full strength (groups up to this size).
_GIVEN_STORY_MAX = 50


def _similarities(f: _Features, p: StoryParams, focus: set[int] | None = None,
                  n_total: int | None = None, sources: Iterable[int] | None = None) -> dict[tuple[int, int], float]:
    sims = {}
    for i, j in sorted(_candidate_pairs(f, p, focus, n_total, sources)):
        s = _pair_score(f, i, j, p)
        if s > 0.0:
            sims[(i, j)] = s
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, story in enumerate(f.given):
        if story is not None:
            by_story[story].append(i)
    for members in by_story.values():
        if 1 < len(members) <= _GIVEN_STORY_MAX:
            for a, i in enumerate(members):
                for j in members[a + 1 :]:
                    if focus is None or i in focus or j in focus:
                        sims[(i, j)] = max(sims.get((i, j), 0.0), 1.0)
    return sims


# -- clustering -----------------------------------------------------------------------------------


def average_link(
    n: int,
    sims: Mapping[tuple[int, int], float],
    threshold: float,
    groups_of: Sequence[str | None] | None = None,
    same_group_penalty: float = 1.0,
) -> list[list[int]]:
    """Average-link agglomerative clustering over a sparse similarity graph.

    Missing pairs count as similarity 0. Two clusters merge while the average similarity over
    all cross pairs is >= threshold; when `groups_of` (e.g. outlets) is given and both clusters
    hold an item of the same group, the average is multiplied by `same_group_penalty` first.
    Deterministic: ties go to the lowest cluster ids. Returns clusters of item indices.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    tags: dict[int, Counter] = {}
    if groups_of is not None:
        tags = {i: Counter([groups_of[i]] if groups_of[i] is not None else []) for i in range(n)}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in sims.items():
        if i == j:
            continue
        links[i][j] = links[i].get(j, 0.0) + s
        links[j][i] = links[j].get(i, 0.0) + s

    def score(a: int, b: int, total: float) -> float:
        avg = total / (len(members[a]) * len(members[b]))
        if groups_of is not None and same_group_penalty != 1.0:
            ta, tb = tags[a], tags[b]
            if ta and tb and (ta.keys() & tb.keys()):
                avg *= same_group_penalty
        return avg

    heap: list[tuple[float, int, int]] = []
    for a, nbrs in links.items():
        for b, total in nbrs.items():
            if a < b:
                s = score(a, b, total)
                if s >= threshold:
                    heap.append((-s, a, b))
    heapq.heapify(heap)
    next_id = n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # stale: one side was merged already
        c = next_id
        next_id += 1
        members[c] = members.pop(a) + members.pop(b)
        if groups_of is not None:
            tags[c] = tags.pop(a) + tags.pop(b)
        la = links.pop(a, {})
        lb = links.pop(b, {})
        merged: dict[int, float] = {}
        for k, total in la.items():
            if k != b:
                merged[k] = merged.get(k, 0.0) + total
        for k, total in lb.items():
            if k != a:
                merged[k] = merged.get(k, 0.0) + total
        for k, total in merged.items():
            nk = links[k]
            nk.pop(a, None)
            nk.pop(b, None)
            nk[c] = total
        links[c] = merged
        for k in sorted(merged):
            s = score(c, k, merged[k])
            if s >= threshold:
                heapq.heappush(heap, (-s, min(c, k), max(c, k)))
    return [sorted(m) for m in members.values()]


# -- labels ----------------------------------------------------------------------------------------

_LABEL_MAX = 70


def _shorten(text: str, limit: int = _LABEL_MAX) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return (cut or text[: limit - 1]) + "…"


def _label(f: _Features, member: list[int], sims: Mapping[tuple[int, int], float]) -> str:
    """The headline of the story's most central article; shared names when there are no titles."""
    titled = [i for i in member if f.titles[i].strip()]
    if titled:
        def centrality(i: int) -> tuple[float, int]:
            total = sum(sims.get((min(i, j), max(i, j)), 0.0) for j in member if j != i)
            return (-total, i)

        return _shorten(f.titles[min(titled, key=centrality)].strip())
    names = _shared_names(f, member)
    if names:
        return _shorten(", ".join(names))
    for i in member:
        lead = f.records[i].get("lead") if f.records else None
        if isinstance(lead, str) and lead.strip():
            return _shorten(lead)
    return f.ids[member[0]]


def _shared_names(f: _Features, member: list[int]) -> list[str]:
    """Up to three name phrases found in most members, most distinctive first, as written."""
    need = 1 if len(member) == 1 else max(2, math.ceil(len(member) / 2))
    doc_count: Counter[str] = Counter()
    total: Counter[str] = Counter()
    written: dict[str, Counter] = defaultdict(Counter)
    for i in member:
        found = f.records[i].get("names") or {}
        names = _folded(found)
        doc_count.update(names.keys())
        total.update(names)
        for phrase, count in found.items():
            written[phrase.casefold()][phrase] += count
    model = f.name_model
    scored = sorted(
        (-(count * (model.idf(name) if model is not None else 1.0) * (1 + math.log(total[name]))), name)
        for name, count in doc_count.items()
        if count >= need
    )
    chosen: list[str] = []
    for _, name in scored:
        words = set(name.split())
        if any(words <= set(c.split()) for c in chosen):
            continue  # "cheney" when "liz cheney" is already there
        shorter = [k for k, c in enumerate(chosen) if set(c.split()) < words]
        if shorter:  # "jane holloway" takes the place of "holloway"
            chosen[shorter[0]] = name
            chosen = [c for k, c in enumerate(chosen) if k not in shorter[1:]]
        elif len(chosen) < 3:
            chosen.append(name)
    return [_written_form(written.get(c), c) for c in chosen]


def _written_form(forms: Counter | None, fallback: str) -> str:
    if not forms:
        return fallback
    return min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]


# -- entry points ----------------------------------------------------------------------------------


def group_stories(
    articles: Sequence[Any],
    quotes: Mapping[str, Sequence[Any]] | None = None,
    params: StoryParams = DEFAULT_PARAMS,
) -> list[Story]:
    """Group articles (objects with id, outlet, date, title, text) into stories.

    Every article is in exactly one story. Stories come largest first, then by earliest member id;
    members are sorted by (date, id). Duplicate ids are kept once (the first occurrence).
    The same as `cluster_stories` over the articles' `story_features`.
    """
    seen: set[str] = set()
    unique = []
    for art in articles:
        key = str(art.id)
        if key not in seen:
            seen.add(key)
            unique.append(art)
    return cluster_stories([story_features(a, _quote_list(quotes, str(a.id))) for a in unique], params)


def cluster_stories(records: Sequence[Mapping], params: StoryParams = DEFAULT_PARAMS) -> list[Story]:
    """Group feature records (from `story_features`) into stories: the whole clustering, no text."""
    seen: set[str] = set()
    unique = []
    for record in records:
        if record["id"] not in seen:
            seen.add(record["id"])
            unique.append(record)
    if not unique:
        return []
    f = _from_records(unique)
    return _sort_stories(_group(f, _similarities(f, params), params))


def _group(f: _Features, sims: Mapping[tuple[int, int], float], params: StoryParams,
           subset: Sequence[int] | None = None) -> list[Story]:
    """Cluster the articles `subset` (all by default) of f, with sims keyed by f's indices."""
    index = list(range(len(f.ids))) if subset is None else list(subset)
    local = {g: k for k, g in enumerate(index)}
    local_sims = {}
    for (i, j), s in sims.items():
        a, b = local.get(i), local.get(j)
        if a is not None and b is not None:
            local_sims[(a, b) if a < b else (b, a)] = s
    clusters = average_link(
        len(index), local_sims, params.threshold, groups_of=[f.outlets[g] for g in index],
        same_group_penalty=params.same_outlet_penalty,
    )
    stories = []
    for member in clusters:
        member = sorted((index[k] for k in member), key=lambda i: (f.days[i] is None, f.days[i] or 0, f.ids[i]))
        ids = [f.ids[i] for i in member]
        stories.append(Story(id=story_id(ids), label=_label(f, member, sims), articles=ids))
    return stories


def _sort_stories(stories: list[Story]) -> list[Story]:
    stories.sort(key=lambda s: (-len(s.articles), min(s.articles)))
    return stories


# -- incremental updates --------------------------------------------------------------------------

# An update whose affected region grows beyond this many articles regroups everything instead.
REGION_MAX = 3000


def update_stories(
    previous: Sequence[Any],
    features: Mapping[str, Mapping],
    changed_ids: Iterable[str],
    removed_ids: Iterable[str] = (),
    params: StoryParams = DEFAULT_PARAMS,
    *,
    stats: StoryStats | None = None,
    dates: Mapping[str, Any] | None = None,
) -> list[Story]:
    """Stories after some articles were added, changed or removed, re-clustering only the
    affected region; every other story is kept as it was (same members, id and label).

    `previous`: the stories before (Story objects or dicts with id, label, articles);
    `features`: every current article's record (`story_features`), a Mapping that may load
    records lazily (only the region and the articles within its date window are read when
    `stats` and `dates` are given); `changed_ids`: added or changed articles; `removed_ids`:
    articles gone. `stats`: the corpus statistics of the current records (computed from all
    of them when None); `dates`: id -> date of every current article (read from the records
    when None).

    The region: the changed articles, the stories that held them or lost members, and, until
    nothing new joins, the stories of every article whose similarity to a region article
    reaches the merge threshold (no merge across the region's border is possible below it).
    Inside the region the clustering is the one `cluster_stories` does, with the idf of the
    whole current corpus. The difference from regrouping everything: stories outside the
    region are not re-scored with the new idf (a change of one article in thousands moves
    their similarities by far less than the margins), and articles linked only by a given
    metadata story outside the date window are not looked for.
    """
    p = params
    ids_now = list(features.keys())
    now = set(ids_now)
    if not now:
        return []
    prev: list[tuple[str, str, list[str]]] = []
    for story in previous:
        if isinstance(story, Mapping):
            prev.append((str(story["id"]), str(story.get("label") or ""), [str(a) for a in story["articles"]]))
        else:
            prev.append((str(story.id), str(story.label), [str(a) for a in story.articles]))
    story_of: dict[str, int] = {}
    for k, (_, _, members) in enumerate(prev):
        for aid in members:
            story_of[aid] = k
    changed = {str(a) for a in changed_ids if str(a) in now}
    changed |= {aid for aid in ids_now if aid not in story_of}  # articles no story holds
    touched = set(changed) | {str(a) for a in removed_ids}
    touched |= {aid for aid in story_of if aid not in now}
    dirty = {story_of[a] for a in touched if a in story_of}
    region: set[str] = set(changed)
    for k in dirty:
        region.update(a for a in prev[k][2] if a in now)
    if not region:
        return _sort_stories([Story(sid, label, list(members)) for sid, label, members in prev])

    if stats is None:
        stats = StoryStats.from_records(features[a] for a in ids_now)
    models = stats.models()
    if dates is None:
        dates = {a: features[a].get("date") for a in ids_now}
    day_of = {a: _parse_date(dates.get(a)) for a in ids_now}
    undated = [a for a in ids_now if day_of[a] is None]
    by_day = sorted((day_of[a], a) for a in ids_now if day_of[a] is not None)
    days_sorted = [d for d, _ in by_day]
    n_total = len(ids_now)
    records: dict[str, Mapping] = {}

    def window_of(members: Iterable[str]) -> set[str]:
        """Every article within the date window of one of `members` (and the undated ones)."""
        out = set(undated)
        spans = sorted({day_of[a] for a in members if day_of[a] is not None})
        if any(day_of[a] is None for a in members):
            return set(ids_now)
        w = p.window_days
        for d in spans:
            lo = bisect_left(days_sorted, d - w)
            hi = bisect_right(days_sorted, d + w)
            out.update(a for _, a in by_day[lo:hi])
        return out

    cache: dict[str, tuple] = {}
    tops_of: dict[str, list] = {}

    def features_of(pool: list[str]) -> _Features:
        for aid in pool:
            if aid not in records:
                records[aid] = features[aid]
        f = _from_records([records[a] for a in pool], models, cache)
        if n_total > EXHAUSTIVE_MAX:
            missing = [k for k, a in enumerate(pool) if a not in tops_of]
            for k, top in zip(missing, _tops(f, p, missing)):
                tops_of[pool[k]] = top
            f.tops = [tops_of[a] for a in pool]
        return f

    while True:
        # The articles that can pair with a region article: those within its date window. On
        # the blocking path, an article there may also choose a region article as one of its
        # best partners (the pairs a full run takes from both sides): those choices are made
        # within the same window (the local_df_cap counts of an article near its edge may
        # miss articles beyond it: a small difference from a full run, accepted for speed).
        pool_ids = sorted(window_of(region) | region)
        f = features_of(pool_ids)
        pos = {a: k for k, a in enumerate(pool_ids)}
        focus = {pos[a] for a in region}
        sources = set(focus)
        if n_total > EXHAUSTIVE_MAX:
            region_terms = {t for k in focus for t, _ in f.tops[k]}
            sources |= {k for k, top in enumerate(f.tops) if any(t in region_terms for t, _ in top)}
        sims = _similarities(f, p, focus=focus, n_total=n_total, sources=sorted(sources))
        grown = set()
        for (i, j), s in sims.items():
            if s < p.threshold:
                continue
            for a, b in ((i, j), (j, i)):
                if a in focus and b not in focus:
                    other = f.ids[b]
                    k = story_of.get(other)
                    grown.update([other] if k is None else (m for m in prev[k][2] if m in now))
                    if k is not None:
                        dirty.add(k)
        grown -= region
        if not grown:
            break
        region |= grown
        if len(region) > REGION_MAX:
            return cluster_stories([features[a] for a in ids_now], params)

    kept = [Story(sid, label, list(members)) for k, (sid, label, members) in enumerate(prev) if k not in dirty]
    fresh = _group(f, sims, p, subset=sorted(focus))
    return _sort_stories(kept + fresh)


