"""Corpus statistics of feature records (`StoryStats`) and the TF-IDF vectors built from them
(`_Features`: what similarity, clustering and labels read)."""

from __future__ import annotations

import math
import os
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import mul
from sys import intern
from typing import Any, Callable, Iterable, Mapping, Sequence, TypeVar

from reader.analysis.stories.features import _folded, _parse_date, _quote_list, story_features
from reader.analysis.stories.packed import PackedRecord, folded_names
from reader.analysis.textstats import TfidfModel, _normalised
from reader.corpus.decode import name_match_key


@dataclass
class _Features:
    ids: list[str]
    outlets: list[str | None]
    days: list[int | None]
    titles: list[str]
    text_vecs: Sequence[dict[str, float]]  # lists, or _LazyColumn
    name_vecs: Sequence[dict[str, float]]
    shingles: Sequence[set[int]]
    records: Sequence[Mapping] = field(default_factory=list)  # the feature records (labels read them)
    given: list[str | None] = field(default_factory=list)  # story ids given by metadata
    previous: list[str | None] = field(default_factory=list)  # the id of the version it replaces
    name_model: TfidfModel | _StatsModel | None = None
    text_model: TfidfModel | _StatsModel | None = None
    tops: list[list[tuple[str, float]]] | None = None  # _tops(), when already known
    # The articles of many items (items.py): index -> the record's "items", and their vectors
    # (item_vectors(), made when first read)
    items: dict[int, list] = field(default_factory=dict)
    _item_vectors: dict[int, list[tuple[dict[str, float], dict[str, float], set[int]]]] = field(default_factory=dict)

    def item_vectors(self, i: int) -> list[tuple[dict[str, float], dict[str, float], set[int]]]:
        """(word vector, name vector, shingles) of each item of article i beyond its lead, with
        the idf its own vectors have."""
        vectors = self._item_vectors.get(i)
        if vectors is None:
            vectors = self._item_vectors[i] = [
                (
                    _vector_of(self.text_model, item.get("words") or {}),
                    _vector_of(self.name_model, _folded(item.get("names") or {})),
                    set(item.get("shingles") or ()),
                )
                for item in self.items.get(i, ())
                if isinstance(item, Mapping)
            ]
        return vectors


class Shingles(set):
    """An article's quotation shingles; `lead` those of the quotations in its lead part
    (features.LEAD_SHARE), None when that is all of them."""

    __slots__ = ("lead",)
    lead: frozenset[int] | None


def _shingle_set(record: Mapping) -> Shingles:
    """The record's shingles (the first "lead_shingles" of them are its lead's; a record
    without that count is read as all lead, as it was grouped before)."""
    values = record.get("shingles") or ()
    out = Shingles(values)
    k = record.get("lead_shingles")
    lead_only = isinstance(k, int) and not isinstance(k, bool) and 0 <= k < len(values)
    out.lead = frozenset(values[:k]) if lead_only else None
    return out


def _df_words(record: Mapping) -> Iterable[str]:
    """The words an article counts for document frequency: its record's, and those of its
    items beyond the lead (items.py) too, so a word of a live blog's later entry is not taken
    for a word of no other article (the vectors leave those out)."""
    return _with_items(record, (record.get("words") or {}).keys(), lambda item: item.get("words") or ())


def _df_names(record: Mapping) -> Iterable[str]:
    """_df_words() of the folded names."""
    return _with_items(record, folded_names(record).keys(), lambda item: _folded(item.get("names") or {}))


def _with_items(record: Mapping, own: Iterable[str], of_item: Callable[[Mapping], Iterable[str]]) -> Iterable[str]:
    """`own`, and what `of_item` reads from each of the record's items, if it has any."""
    items = _record_items(record)
    if not items:
        return own
    every = set(own)
    for item in items:
        if isinstance(item, Mapping):
            every.update(of_item(item))
    return every


def _record_items(record: Mapping) -> list:
    """The record's "items" (items.py), or [] for an article read whole."""
    items = record.get("items")
    return items if items and isinstance(items, list) else []


def _items_of(records: Sequence[Mapping]) -> dict[int, list]:
    """Index -> "items" of the records that have them (items.py)."""
    return {k: items for k, record in enumerate(records) if (items := _record_items(record))}


def _vector_of(model: Any, counts: Mapping[str, int]) -> dict[str, float]:
    if model is None:
        return {}
    if isinstance(model, _StatsModel):
        return model.shared_vector(counts)
    return _shared_terms(model.vector(counts), model.df)


def _shared_terms(vector: dict[str, float], df: Mapping[str, int]) -> dict[str, float]:
    """The vector without the terms of this article alone: they add nothing to any dot product
    (the norm already counted them), and dropping them saves much memory on large corpora.
    Weights are rounded to 4 decimals (a cosine changes by less than 0.001)."""
    shared_float = _FLOATS.setdefault
    out = {}
    for t, w in vector.items():
        if df.get(t, 0) > 1:
            # round(w, 4), faster (see _round4); one float object per distinct weight
            y = w * 10000.0
            k = round(y)
            w = k / 10000.0 if -_TIE_MARGIN < y - k < _TIE_MARGIN else round(w, 4)
            out[t] = shared_float(w, w)
    return out


_FLOATS: dict[float, float] = {}

# round(x, 4) for a weight x in [0, 1], as k / 10**4 with k = round(x * 10**4), computed inline
# in the loops below (2.5x faster than round() with digits, which converts to decimal). Exact:
# fl(x * 10**4) is within 1e-12 of the exact product, so its nearest integer (half to even) is
# round()'s k unless the product lies that close to a half-integer: a difference from k beyond
# the margin sends x to round(x, 4) itself. k / 10**4 is the double nearest k * 10**-4, which is
# what round() returns.
_TIE_MARGIN = 0.4999999


def _round4(x: float) -> float:
    """round(x, 4) for x in [0, 1] (the loops inline it)."""
    y = x * 10000.0
    k = round(y)
    return k / 10000.0 if -_TIE_MARGIN < y - k < _TIE_MARGIN else round(x, 4)


_K = TypeVar("_K", str, int)


def _best(vector: dict[_K, float], k: int, kth: float | None = None) -> list[tuple[_K, float]]:
    """The k items of highest weight, ties by term: sorted(items, key=(-w, t))[:k], without
    sorting every item with a Python key (only those at or above the k-th weight, `kth` when
    the caller knows it)."""
    if len(vector) > k:
        cutoff = kth if kth is not None else sorted(vector.values(), reverse=True)[k - 1] if k > 0 else math.inf
        items = [kv for kv in vector.items() if kv[1] >= cutoff]
    else:
        items = list(vector.items())
    items.sort(key=lambda kv: (-kv[1], kv[0]))
    return items[:k]


LOG_MAX = 64  # the changes StoryStats remembers (an older top-term record is made again)


class StoryStats:
    """Corpus statistics of a set of feature records (document count, word and name document
    frequencies), kept up to date record by record so an update need not read every record."""

    def __init__(self, n_docs: int = 0, words: Mapping[str, int] | None = None, names: Mapping[str, int] | None = None):
        self.n_docs = n_docs
        self.words: Counter[str] = Counter(words or {})
        self.names: Counter[str] = Counter(names or {})
        # What each change did to the statistics (change()), so a value computed from them
        # (an article's top terms, topcache.py) can tell whether it still holds: `epoch` names
        # this line of statistics (new for statistics made from scratch), `seq` counts its
        # changes, `log` holds the last LOG_MAX as (seq, whether n_docs changed, the words and
        # the names whose document frequency changed).
        self.epoch = os.urandom(8).hex()
        self.seq = 0
        self.log: list[tuple[int, bool, list[str], list[str]]] = []

    @classmethod
    def from_records(cls, records: Iterable[Mapping]) -> "StoryStats":
        stats = cls()
        for record in records:
            stats.add(record)
        return stats

    def add(self, record: Mapping) -> None:
        self.n_docs += 1
        self.words.update(_df_words(record))
        self.names.update(_df_names(record))

    def remove(self, record: Mapping) -> None:
        self.n_docs -= 1
        for counter, terms in (
            (self.words, _df_words(record)),
            (self.names, _df_names(record)),
        ):
            for term in terms:
                left = counter.get(term, 0) - 1
                if left > 0:
                    counter[term] = left
                else:
                    counter.pop(term, None)

    def change(
        self,
        removed: Iterable[Mapping],
        added: Iterable[Mapping],
        on_record: Callable[[int, int], None] | None = None,
    ) -> None:
        """Remove and add records (one update), and log the document frequencies it changed.
        `on_record(done, total)`: each record counted twice (its terms gathered, then taken
        out or put in), after each; it changes nothing."""
        removed, added = list(removed), list(added)
        total = 2 * (len(removed) + len(added))
        words: set[str] = set()
        names: set[str] = set()
        for done, record in enumerate(removed + added, 1):
            words.update(_df_words(record))
            names.update(_df_names(record))
            if on_record is not None:
                on_record(done, total)
        before = self.n_docs, [self.words.get(t, 0) for t in words], [self.names.get(t, 0) for t in names]
        for done, record in enumerate(removed, total // 2 + 1):
            self.remove(record)
            if on_record is not None:
                on_record(done, total)
        for done, record in enumerate(added, total // 2 + len(removed) + 1):
            self.add(record)
            if on_record is not None:
                on_record(done, total)
        self.seq += 1
        self.log.append(
            (
                self.seq,
                self.n_docs != before[0],
                sorted(t for t, df in zip(words, before[1]) if self.words.get(t, 0) != df),
                sorted(t for t, df in zip(names, before[2]) if self.names.get(t, 0) != df),
            )
        )
        del self.log[:-LOG_MAX]

    def count_changed(self) -> bool:
        """Whether the last change (change()) moved the article count."""
        return bool(self.log) and self.log[-1][0] == self.seq and self.log[-1][1]

    def changed_since(self, seq: int) -> tuple[set[str], set[str]] | None:
        """(the words, the names) whose document frequency changed after change number `seq`;
        None when that is not known (beyond the log) or the document count changed (every
        weight then changed)."""
        if seq == self.seq:
            return set(), set()
        if not 0 <= seq < self.seq or not self.log or self.log[0][0] > seq + 1:
            return None
        words: set[str] = set()
        names: set[str] = set()
        for number, n_changed, changed_words, changed_names in self.log:
            if number > seq:
                if n_changed:
                    return None
                words.update(changed_words)
                names.update(changed_names)
        return words, names

    def frequencies(self) -> dict:
        """The statistics themselves (to_dict() without the change log)."""
        return {"n_docs": self.n_docs, "words": dict(self.words), "names": dict(self.names)}

    def to_dict(self) -> dict:
        return {
            "n_docs": self.n_docs,
            "words": dict(self.words),
            "names": dict(self.names),
            "epoch": self.epoch,
            "seq": self.seq,
            "log": [list(entry) for entry in self.log],
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> "StoryStats":
        stats = cls(int(data["n_docs"]), data["words"], data["names"])
        if isinstance(data.get("epoch"), str):  # statistics of an older reader start a new line
            stats.epoch = data["epoch"]
            stats.seq = int(data["seq"])
            stats.log = [(int(n), bool(c), list(w), list(m)) for n, c, w, m in data["log"]]
        return stats

    def models(self) -> tuple["_StatsModel", "_StatsModel"]:
        return _StatsModel(self.n_docs, self.words), _StatsModel(self.n_docs, self.names)


class _IdfOfDf(dict):
    """document frequency -> idf, computed on first use (as TfidfModel does): a window's
    100,000s of terms have a few hundred distinct frequencies."""

    def __init__(self, n_docs: int):
        super().__init__()
        self.n_docs = n_docs
        self.unseen = math.log(1 + n_docs) + 1.0

    def __missing__(self, c: int) -> float:
        value = math.log((1 + self.n_docs) / (1 + c)) + 1.0 if c > 0 else self.unseen
        self[c] = value
        return value


_LOG_TF = [0.0] + [1.0 + math.log(c) for c in range(1, 256)]  # sublinear tf of counts up to 255


class _StatsModel:
    """TfidfModel's weights from given document frequencies, idf computed only for the terms
    met (the same floats as TfidfModel fitted on the documents)."""

    def __init__(self, n_docs: int, df: Mapping[str, int]):
        self.n_docs = n_docs
        self.df = df
        self._idf_of_df = _IdfOfDf(n_docs)

    def idf(self, term: str) -> float:
        return self._idf_of_df[self.df.get(term, 0)]

    def _weights(self, counts: Mapping[str, int]) -> list[float]:
        return self._weights_dfs(counts)[0]

    def _weights_dfs(self, counts: Mapping[str, int]) -> tuple[list[float], list[int]]:
        """(each term's tf-idf weight, its document frequency), in the order of `counts`:
        LOG_TF[count] * idf(df), computed by map() in C (no bytecode per term)."""
        dfs = list(map(self.df.get, counts, repeat(0)))
        idfs = map(self._idf_of_df.__getitem__, dfs)
        try:
            return list(map(mul, map(_LOG_TF.__getitem__, counts.values()), idfs)), dfs
        except (IndexError, TypeError):  # a count beyond the table (or not an int)
            idf = self._idf_of_df
            return [(1.0 + math.log(c)) * idf[d] for c, d in zip(counts.values(), dfs)], dfs

    def vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        return _normalised(dict(zip(counts, self._weights(counts))))

    def shared_top(self, counts: Mapping[str, int], k: int) -> list[tuple[str, float]]:
        """_best(self.shared_vector(counts), k), the same items and floats (see top_of)."""
        return self.top_of(list(counts), list(counts.values()), k)

    def top_of(self, terms: list[str], counts: Sequence[int], k: int) -> list[tuple[str, float]]:
        """shared_top of the counts {terms[i]: counts[i]} (distinct terms), without the mapping
        (a packed record's columns, packed.PackedRecord.word_columns), and without rounding
        every weight: only the terms of highest raw weight (rounding keeps the order of
        weights; an article needs its full vector only if it is scored against another, its
        top terms to find partners). The candidates are the terms at or above the m-th highest
        raw weight; they suffice when k of them are shared and every other term rounds below
        the k-th (no tie across the border), else m doubles. Every step over all the terms
        runs in C (map, compress, sum: the same floats as the loops of shared_vector)."""
        dfs = list(map(self.df.get, terms, repeat(0)))
        idfs = map(self._idf_of_df.__getitem__, dfs)
        try:
            weights = list(map(mul, map(_LOG_TF.__getitem__, counts), idfs))
        except (IndexError, TypeError):  # a count beyond the table (or not an int)
            idf = self._idf_of_df
            weights = [(1.0 + math.log(c)) * idf[d] for c, d in zip(counts, dfs)]
        norm = math.sqrt(sum(map(mul, weights, weights)))  # sum([w * w for w in weights])
        if norm == 0.0 or k <= 0:
            return []
        n = len(weights)
        order = sorted(weights, reverse=True)
        m = 2 * k
        while m < n:
            threshold = order[m - 1]
            below = next((w for w in order[m:] if w < threshold), None)
            shared = {}
            for i in compress(range(n), map(threshold.__le__, weights)):  # weights[i] >= threshold
                if dfs[i] > 1:
                    w = weights[i] / norm  # then _round4(w), inline
                    y = w * 10000.0
                    q = round(y)
                    shared[terms[i]] = q / 10000.0 if -_TIE_MARGIN < y - q < _TIE_MARGIN else round(w, 4)
            if len(shared) >= k:
                kth = sorted(shared.values(), reverse=True)[k - 1]
                if below is None or _round4(below / norm) < kth:
                    return _best(shared, k, kth)
            m *= 2
        full = {t: _round4(w / norm) for t, w, c in zip(terms, weights, dfs) if c > 1}
        return _best(full, k)

    def shared_vector(self, counts: Mapping[str, int], compact: bool = False) -> dict[str, float]:
        """_shared_terms(self.vector(counts), self.df) in one pass (the same floats). `compact`
        shares each word and weight with the other vectors (slower; for a whole corpus's vectors)."""
        weights, dfs = self._weights_dfs(counts)
        norm = math.sqrt(sum([w * w for w in weights]))
        if norm == 0.0:
            return {}
        out: dict[str, float] = {}
        if not compact:
            for t, w, c in zip(counts, weights, dfs):
                if c > 1:
                    w /= norm  # then round(w, 4), as _round4() does
                    y = w * 10000.0
                    k = round(y)
                    out[t] = k / 10000.0 if -_TIE_MARGIN < y - k < _TIE_MARGIN else round(w, 4)
            return out
        shared_float = _FLOATS.setdefault
        for t, w, c in zip(counts, weights, dfs):
            if c > 1:
                w /= norm  # then round(w, 4), as _round4() does
                y = w * 10000.0
                k = round(y)
                w = k / 10000.0 if -_TIE_MARGIN < y - k < _TIE_MARGIN else round(w, 4)
                # Records parsed from JSON bring their own copy of every word: a whole corpus's
                # vectors share one (and one float per distinct weight), a third of the memory.
                out[intern(t)] = shared_float(w, w)
        return out


def _from_records(
    records: Iterable[Mapping],
    models: tuple[TfidfModel | _StatsModel, TfidfModel | _StatsModel] | None = None,
    cache: dict[str, tuple] | None = None,
    *,
    slim: bool = False,
    lazy: LazyVectors | None = None,
) -> _Features:
    """Features of records; with fixed `models`, a `cache` keeps each article's vectors.

    `slim` reads `records` once, keeps of each only what the labels read (names, lead) and skips
    a repeated id: with fixed models, `records` may then be an iterable that parses each record
    as it comes (a whole corpus's records never need to be in memory at once).

    `lazy` (with fixed models, not slim): the word and name vectors and the shingle sets are
    made when first read and kept there by id (_LazyColumn), as the blocking path needs them
    for the few articles it scores and only the top terms of the others (made without them)."""
    text_model: TfidfModel | _StatsModel
    name_model: TfidfModel | _StatsModel
    if models is None:
        records = list(records)
        text_model = TfidfModel(_df_words(record) for record in records)
        name_model = TfidfModel(_df_names(record) for record in records)
    else:
        text_model, name_model = models
    if lazy is not None and isinstance(text_model, _StatsModel) and isinstance(name_model, _StatsModel):
        return _lazy_features(list(records), text_model, name_model, lazy)
    keep_vectors = cache is not None and models is not None  # fixed models: the same vectors
    cache = {} if cache is None else cache
    vecs, kept, seen = [], [], set()
    for record in records:
        if slim:
            if record["id"] in seen:
                continue
            seen.add(record["id"])
        hit = cache.get(record["id"])
        if hit is None and isinstance(text_model, _StatsModel) and isinstance(name_model, _StatsModel):
            hit = (
                text_model.shared_vector(record.get("words") or {}, compact=slim),
                name_model.shared_vector(folded_names(record), compact=slim),
                _shingle_set(record),
            )
            if keep_vectors:  # the incremental grouping's next round reads them again
                cache[record["id"]] = hit
        elif hit is None:
            hit = (
                _shared_terms(text_model.vector(record.get("words") or {}), text_model.df),
                _shared_terms(name_model.vector(folded_names(record)), name_model.df),
                _shingle_set(record),
            )
            if models is not None:
                cache[record["id"]] = hit
        vecs.append(hit)
        if slim:
            record = {key: record.get(key) for key in _SLIM_KEYS}
        kept.append(record)
    return _Features(
        ids=[str(r["id"]) for r in kept],
        outlets=_outlets_of(kept),
        days=[_parse_date(r.get("date")) for r in kept],
        titles=[r.get("title") or "" for r in kept],
        text_vecs=[v[0] for v in vecs],
        name_vecs=[v[1] for v in vecs],
        shingles=[v[2] for v in vecs],
        records=kept,
        given=_given_stories(kept),
        previous=_previous_of(kept),
        name_model=name_model,
        text_model=text_model,
        items=_items_of(kept),
    )


@dataclass
class LazyVectors:
    """Per-article values made on first read, by article id (kept across the incremental
    grouping's rounds)."""

    words: dict[str, dict[str, float]] = field(default_factory=dict)
    names: dict[str, dict[str, float]] = field(default_factory=dict)
    shingles: dict[str, set[int]] = field(default_factory=dict)


class _LazyColumn(Sequence):
    """One per-article value of a _Features' records (its word vector, name vector or shingle
    set), made when first read and kept in `known` by id; for vectors, `top` gives an article's
    top terms without making its vector (shared_top). A value kept is found by the article's id
    (`ids`), before its record is read: a block's records may be read again from the store when
    asked (incremental._ReadAgain)."""

    def __init__(
        self,
        records: Sequence[Mapping],
        known: dict,
        make,
        columns=None,
        model: _StatsModel | None = None,
        ids: Sequence[str] | None = None,
    ):
        self.records = records
        self.known = known
        self.make = make  # record -> value
        self.columns = columns  # record -> the (terms, counts) of the vector (for top)
        self.model = model
        self.ids = [str(r["id"]) for r in records] if ids is None else ids

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, i):  # an index (the similarity code reads one value at a time)
        aid = self.ids[i]
        value = self.known.get(aid)
        if value is None:
            value = self.known[aid] = self.make(self.records[i])
        return value

    def top(self, i: int, k: int) -> list[tuple[str, float]]:
        """_best(self[i], k), the same items and floats."""
        vector = self.known.get(self.ids[i])
        if vector is not None or self.model is None or self.columns is None:
            return _best(self[i], k)
        terms, counts = self.columns(self.records[i])
        return self.model.top_of(terms, counts, k)


def _outlets_of(records: Sequence[Mapping]) -> list[str | None]:
    """Each record's outlet as names are matched (decode.name_match_key: "Rally ❤️ News" and
    "Rally ❤ News" are one outlet, whose articles rarely tell one event twice), None for none."""
    return [None if (outlet := r.get("outlet")) is None else name_match_key(outlet) for r in records]


def _given_stories(records: Sequence[Mapping]) -> list[str | None]:
    """Each record's story named by its metadata, as names are matched (decode.name_match_key:
    "Rally ❤️" and "Rally ❤" are one story)."""
    return [None if (story := r.get("story")) is None else name_match_key(story) for r in records]


def _previous_of(records: Sequence[Mapping]) -> list[str | None]:
    """Each record's "previous": the id of the version of its page it replaces, or None."""
    return [previous if isinstance(previous := r.get("previous"), str) else None for r in records]


def _words_of(record: Mapping) -> Mapping[str, int]:
    return record.get("words") or {}


def _names_of(record: Mapping) -> Mapping[str, int]:
    return folded_names(record)


def _word_columns(record: Mapping) -> tuple[list[str], Sequence[int]]:
    if isinstance(record, PackedRecord):
        return record.word_columns()
    words = record.get("words") or {}
    return list(words), list(words.values())


def _name_columns(record: Mapping) -> tuple[list[str], Sequence[int]]:
    if isinstance(record, PackedRecord):
        return record.folded_columns()
    names = folded_names(record)
    return list(names), list(names.values())


def _lazy_features(
    records: Sequence[Mapping],
    text_model: _StatsModel,
    name_model: _StatsModel,
    lazy: LazyVectors,
    read: _Features | None = None,
):
    """_from_records' features, every vector and shingle set made when first read. `read`: the
    per-article fields (ids, outlets, days, titles, given stories, previous versions, items) already taken from
    the records (read a chunk at a time and not kept: `records` reads one again when asked)."""
    if read is None:
        read = _Features(
            ids=[str(r["id"]) for r in records],
            outlets=_outlets_of(records),
            days=[_parse_date(r.get("date")) for r in records],
            titles=[r.get("title") or "" for r in records],
            text_vecs=[],
            name_vecs=[],
            shingles=[],
            given=_given_stories(records),
            previous=_previous_of(records),
            items=_items_of(records),
        )
    ids = read.ids
    return _Features(
        ids=ids,
        outlets=read.outlets,
        days=read.days,
        titles=read.titles,
        text_vecs=_LazyColumn(
            records, lazy.words, lambda r: text_model.shared_vector(_words_of(r)), _word_columns, text_model, ids
        ),
        name_vecs=_LazyColumn(
            records, lazy.names, lambda r: name_model.shared_vector(_names_of(r)), _name_columns, name_model, ids
        ),
        shingles=_LazyColumn(records, lazy.shingles, _shingle_set, ids=ids),
        records=records,
        given=read.given,
        previous=read.previous,
        name_model=name_model,
        text_model=text_model,
        items=read.items,
    )


# What a slim record keeps: what _Features and the labels read (not the word counts).
_SLIM_KEYS = ("id", "outlet", "date", "title", "story", "names", "lead", "items", "previous")


def _features(articles: Sequence[Any], quotes: Mapping[str, Any] | None) -> _Features:
    return _from_records([story_features(a, _quote_list(quotes, str(a.id))) for a in articles])
