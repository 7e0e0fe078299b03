"""Incremental updates: re-cluster only the region an update touches (`update_stories`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any, Callable, Hashable, Iterable, Mapping, Sequence

from reader.analysis.stories.features import _parse_date
from reader.analysis.stories.grouping import _group, _sort_stories, cluster_stories
from reader.analysis.stories.model import DEFAULT_PARAMS, Story, StoryParams
from reader.analysis.stories import similarity
from reader.analysis.stories.similarity import (
    _score_pairs,
    _score_quoting,
    _similarities,
    _tops,
    add_given_links,
    count_shingles,
    stock_of,
)
from reader.analysis.stories.stats import (
    LazyVectors,
    StoryStats,
    _Features,
    _from_records,
    _lazy_features,
    _StatsModel,
)
from reader.analysis.stories.topcache import TopsCache

# An update whose affected region grows beyond this many articles regroups everything instead.
REGION_MAX = 3000

# A block's records are read this many at a time (_Pool._block_features), and only the
# region's kept.
CHUNK_RECORDS = 500

# On the blocking path, the articles an update reads beyond this many are scored a block of
# dates at a time (about this many articles, with those within the date window around them),
# each block's records dropped before the next: what it holds follows a block, not the spread
# of its changes over the corpus (1% of 10,000 articles changed all over ten years read 96%).
BLOCK_ARTICLES = 1000


def update_stories(
    previous: Sequence[Any],
    features: Mapping[str, Mapping],
    changed_ids: Iterable[str],
    removed_ids: Iterable[str] = (),
    params: StoryParams = DEFAULT_PARAMS,
    *,
    stats: StoryStats | None = None,
    dates: Mapping[str, Any] | None = None,
    tops: TopsCache | None = None,
    progress: Callable[[int, int, int], None] | None = None,
    links: Mapping[str, str] | None = None,
) -> list[Story]:
    """Stories after some articles were added, changed or removed, re-clustering only the
    affected region; every other story is kept as it was (same members, id and label).

    `previous`: the stories before (Story objects or dicts with id, label, articles);
    `features`: every current article's record (`story_features`), a Mapping that may load
    records lazily (only the region and the articles within its date window are read when
    `stats` and `dates` are given; a `preload(ids)` method, if it has one, is called with the
    ids about to be read, so a store can fetch them in a few queries); `changed_ids`: added or changed articles; `removed_ids`:
    articles gone. `stats`: the corpus statistics of the current records (computed from all
    of them when None); `dates`: id -> date of every current article (read from the records
    when None). `tops`: stored top terms to use where they still hold (topcache.py; with
    `stats`), and where those made here are left. `progress(done, total, round)`: each round's
    articles (those the region's may pair with) as their pairs are found and scored, and the
    round's number from 1; it changes nothing. `links`: {id: the id of the version it replaces}
    the index found beyond the records' `previous` (an older version renamed, found by its URL).

    The region: the changed articles, the stories that held them or lost members, the older
    versions a changed article replaces with their stories (a version chain is one article,
    whatever its dates), and, until
    nothing new joins, the stories of every article whose similarity to a region article
    reaches the merge threshold (no merge across the region's border is possible below it).
    Inside the region the clustering is the one `cluster_stories` does, with the idf of the
    whole current corpus. The difference from regrouping everything: stories outside the
    region are not re-scored with the new idf (a change of one article in thousands moves
    their similarities by far less than the margins), and articles linked only by a given
    metadata story outside the date window are not looked for.
    """
    prev = [_story_tuple(story) for story in previous]
    position_of = {aid: k for k, (_, _, members) in enumerate(prev) for aid in members}
    dissolved, grouped = regroup_by_key(
        position_of,  # keyed by position: stories that share an id are told apart
        lambda keys: {k: prev[k][2] for k in keys},
        features,
        changed_ids,
        removed_ids,
        params,
        stats=stats,
        dates=dates,
        tops=tops,
        progress=progress,
        links=links,
    )
    if dissolved is None:  # every article grouped again
        return _sort_stories(grouped)
    kept = [Story(sid, label, list(members)) for k, (sid, label, members) in enumerate(prev) if k not in dissolved]
    return _sort_stories(kept + grouped)


def regroup_by_key(
    story_of: Mapping[str, Hashable],
    stories_of: Callable[[list[Any]], Mapping[Any, list[str]]],
    features: Mapping[str, Mapping],
    changed_ids: Iterable[str],
    removed_ids: Iterable[str] = (),
    params: StoryParams = DEFAULT_PARAMS,
    *,
    stats: StoryStats | None = None,
    dates: Mapping[str, Any] | None = None,
    tops: TopsCache | None = None,
    progress: Callable[[int, int, int], None] | None = None,
    links: Mapping[str, str] | None = None,
) -> tuple[set[Any] | None, list[Story]]:
    """update_stories' work for stories read by key, unsorted: `story_of` is the key of the
    story every article was in before (the index: the articles' own story-id column;
    update_stories: the story's position in its list), `stories_of(keys)` the members of the
    stories with those keys, read when the region takes them. Returns (the keys of the stories
    dissolved, the stories grouped again); None for the first when every article was grouped
    again (or none is left). Every other story is the caller's to keep as it is, with no copy
    of tens of thousands of them. Stories that share a key (ids are hashes) are dissolved
    together."""
    ids_now = list(features.keys())
    if not ids_now:  # every article removed: every story goes
        return None, []
    region = _Region(story_of, stories_of, ids_now, changed_ids, removed_ids)
    region.join_versions(lambda aid: features[aid].get("previous"), links or {})
    if not region.ids:  # nothing to re-cluster; a story whose every article was removed goes
        return set(region.dirty), []
    if stats is None:
        stats = StoryStats.from_records(features[a] for a in ids_now)
    if dates is None:
        dates = {a: features[a].get("date") for a in ids_now}
    window = _DateWindow(ids_now, dates, params.window_days)
    pool = _Pool(features, stats, params, len(ids_now), tops, progress, window.day_of)
    while True:
        # The articles that can pair with a region article: those within its date window. On
        # the blocking path, an article there may also choose a region article as one of its
        # best partners (the pairs a full run takes from both sides): those choices are made
        # within the same window (the local_df_cap counts of an article near its edge may
        # miss articles beyond it: a small difference from a full run, accepted for speed).
        scores = pool.similarities(sorted(window.around(region.ids) | region.ids), region.ids)
        if not region.grow(scores, params.threshold):
            break
        if len(region.ids) > REGION_MAX:
            counted = None if progress is None else (lambda done: progress(done, len(ids_now), pool.rounds + 1))
            # The region grew too large: every article is grouped again.
            return None, cluster_stories([features[a] for a in ids_now], params, on_compared=counted, links=links)
    return set(region.dirty), pool.group(scores, links)


def _story_tuple(story: Any) -> tuple[str, str, list[str]]:
    """(id, label, members) of a previous story (a Story or a dict); its own member list when
    that is a list of strings (read, never changed, here)."""
    if isinstance(story, Mapping):
        sid, label, members = story["id"], str(story.get("label") or ""), story["articles"]
    else:
        sid, label, members = story.id, str(story.label), story.articles
    if type(members) is not list or not all(type(a) is str for a in members):
        members = list(map(str, members))
    return str(sid), label, members


class _Region:
    """The articles to re-cluster (`ids`) and the previous stories they dissolve (`dirty`: keys
    of `story_of`, an article's previous story; `members_of(keys)` gives their members)."""

    def __init__(
        self,
        story_of: Mapping[str, Any],
        members_of: Callable[[list[Any]], Mapping[Any, list[str]]],
        ids_now: list[str],
        changed_ids: Iterable[str],
        removed_ids: Iterable[str],
    ):
        self.story_of = story_of
        self.members_of = members_of
        self.members: dict[Any, list[str]] = {}
        self.now = now = set(ids_now)
        changed = {str(a) for a in changed_ids if str(a) in now}
        changed |= {aid for aid in ids_now if aid not in story_of}  # articles no story holds
        touched = set(changed) | {str(a) for a in removed_ids}
        touched |= {aid for aid in story_of if aid not in now}
        self.dirty: set[Any] = set()
        self.changed = changed
        self.ids: set[str] = set(changed)
        self.ids.update(self._dissolve({story_of[a] for a in touched if a in story_of}))

    def _dissolve(self, keys: set[Any]) -> list[str]:
        """Mark these stories dirty; the members of those that were not, still in the corpus."""
        new = sorted(keys - self.dirty, key=str)
        self.dirty.update(new)
        unread = [k for k in new if k not in self.members]
        if unread:
            self.members.update(self.members_of(unread))
        return [a for k in new for a in self.members.get(k, ()) if a in self.now]

    def join_versions(self, previous_of: Callable[[str], Any], links: Mapping[str, str]) -> None:
        """Add the older versions a changed article replaces, with their stories, up its chain:
        a chain is grouped as one article (grouping._version_chains), and a version fetched
        months after the first is no neighbour of it by date. Those stories hold the rest of
        their chains (each was grouped whole), so only the changed articles' records are read,
        and those of the versions found here. `links` ({id: the version it replaces}, the
        index's) are followed both ways: an older version renamed comes as a changed article
        its newer one, unchanged, does not name."""
        newer_of = {older: newer for newer, older in links.items()}
        frontier = sorted(self.changed)
        seen = set(frontier)
        while frontier:
            found = []
            for aid in frontier:
                for other in (links.get(aid) or previous_of(aid), newer_of.get(aid)):
                    if isinstance(other, str) and other in self.now and other not in seen:
                        seen.add(other)
                        found.append(other)
            self.ids.update(found)
            key_of = self.story_of
            self.ids.update(self._dissolve({key_of[a] for a in found if a in key_of}))
            frontier = found

    def grow(self, scores: "_Scores", threshold: float) -> bool:
        """Add the stories of every article linked to a region article at the merge threshold or
        above (no merge across the region's border is possible below it); False if none joined."""
        grown: set[str] = set()
        joined: set[Any] = set()
        ids, focus = scores.ids, scores.focus
        for (i, j), s in scores.sims.items():
            if s < threshold:
                continue
            for a, b in ((i, j), (j, i)):
                if a in focus and b not in focus:
                    other = ids[b]
                    k = self.story_of.get(other)
                    if k is None:
                        grown.add(other)
                    elif k in self.dirty:
                        grown.update(m for m in self.members.get(k, ()) if m in self.now)
                    else:
                        joined.add(k)
        grown.update(self._dissolve(joined))
        grown -= self.ids
        self.ids |= grown
        return bool(grown)


class _DateWindow:
    """Which articles lie within `window_days` of given ones (undated articles are in every window)."""

    def __init__(self, ids_now: list[str], dates: Mapping[str, Any], window_days: int):
        self.ids_now = ids_now
        self.window_days = window_days
        self.day_of = {a: _parse_date(dates.get(a)) for a in ids_now}
        self.undated = [a for a in ids_now if self.day_of[a] is None]
        self.by_day = sorted((day, a) for a in ids_now if (day := self.day_of[a]) is not None)
        self.days_sorted = [d for d, _ in self.by_day]

    def around(self, members: Iterable[str]) -> set[str]:
        """Every article within the date window of one of `members` (and the undated ones)."""
        day_of = self.day_of
        out = set(self.undated)
        spans = sorted({day for a in members if (day := day_of[a]) is not None})
        if any(day_of[a] is None for a in members):
            return set(self.ids_now)
        w = self.window_days
        for d in spans:
            lo = bisect_left(self.days_sorted, d - w)
            hi = bisect_right(self.days_sorted, d + w)
            out.update(a for _, a in self.by_day[lo:hi])
        return out


@dataclass
class _Scores:
    """A round's scores: `sims` keyed by positions in `ids` (the articles read, sorted), `focus`
    the region's positions; `f` the features of every one of them when they were read as one."""

    ids: list[str]
    focus: set[int]
    sims: dict[tuple[int, int], float]
    f: _Features | None = None


class _ReadAgain(Sequence):
    """A block's records by position: those `held` (the region's) as they are, the others read
    from `features` (the store) when asked, and dropped from its cache again. The last one read
    is kept: a scored pair's side is asked for three times in a row (its word vector, name
    vector and shingles: similarity._pair_parts), and was read three times."""

    def __init__(self, ids: list[str], held: Mapping[str, Mapping], features: Mapping[str, Mapping]):
        self.ids = ids
        self.held = held
        self.features = features
        self.forget = getattr(features, "forget", None)
        self.last: tuple[str, Mapping] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i):  # an index (a _LazyColumn reads one record at a time)
        aid = self.ids[i]
        record = self.held.get(aid)
        if record is None:
            last = self.last
            if last is not None and last[0] == aid:
                return last[1]
            record = self.features[aid]
            if self.forget is not None:
                self.forget([aid])
            self.last = (aid, record)
        return record


class _Pool:
    """Features of the articles around the region, read lazily, scored with the idf of the whole
    current corpus; on the blocking path a large pool is read a block of dates at a time."""

    def __init__(
        self,
        features: Mapping[str, Mapping],
        stats: StoryStats,
        params: StoryParams,
        n_total: int,
        stored_tops: TopsCache | None = None,
        progress: Callable[[int, int, int], None] | None = None,
        day_of: Mapping[str, int | None] | None = None,
    ):
        self.features = features
        self.progress = progress
        self.rounds = 0  # counted so far (_counting)
        self.stored_tops = stored_tops
        self.models = stats.models()
        self.params = params
        self.n_total = n_total
        self.day_of = day_of
        self.records: dict[str, Mapping] = {}
        self.cache: dict[str, tuple] = {}
        self.tops_of: dict[str, list] = {}
        self.scored: dict[tuple[str, str], float] = {}  # pair scores: every round re-scores the rounds before
        # Beyond EXHAUSTIVE_MAX only the top terms of most articles are read: their vectors
        # and shingles are made when a pair is scored (kept here across rounds). Read when the
        # pool is made, as _candidate_pairs reads it (an evaluation may lower it for a run).
        self.blocking = n_total > similarity.EXHAUSTIVE_MAX
        self.lazy: LazyVectors | None = LazyVectors() if self.blocking else None

    def _counting(self, size: int):
        """(on_ready, on_searched, on_compared, share) of a round over `size` articles, for
        `progress`: each article counted a third as its top terms are made (the first round's,
        mostly), a third as its partners are looked for, and a third once its pairs are scored,
        with the round's number (a count over the same articles again: the region grew); a round
        read by blocks counts `share(done, of)` of its articles as it goes."""
        progress = self.progress
        if progress is None:
            return None, None, None, None
        self.rounds += 1
        round_number = self.rounds

        def ready(done: int, of: int) -> None:
            progress(size * done // max(1, of) // 3, size, round_number)

        def searched(done: int, of: int) -> None:
            progress((size + size * done // max(1, of)) // 3, size, round_number)

        def compared(done: int) -> None:
            progress((2 * size + done) // 3, size, round_number)

        def share(done: int, of: int) -> None:  # blocks: their reading, search and scoring in turn
            progress(size * done // max(1, of), size, round_number)

        return ready, searched, compared, share

    def features_of(self, pool: list[str], on_ready: Callable[[int, int], None] | None = None) -> _Features:
        """The features of `pool`, its records read and top terms made where none are kept
        (`on_ready(k, of)` as they are: most of the first round's time before its search)."""
        unread = [aid for aid in pool if aid not in self.records]
        preload = getattr(self.features, "preload", None)
        if preload is not None and len(unread) > 1:  # a store that reads many records at once
            preload(unread)
        for aid in unread:
            self.records[aid] = self.features[aid]
        f = _from_records([self.records[a] for a in pool], self.models, self.cache, lazy=self.lazy)
        if self.blocking:
            f.tops = self._tops_of(pool, f, self.records, on_ready)
        return f

    def _tops_of(
        self,
        pool: list[str],
        f: _Features,
        records: Mapping[str, Mapping],
        on_ready: Callable[[int, int], None] | None = None,
    ) -> list:
        """The top terms of the articles of `pool` (f's), made where none are kept."""
        missing = [k for k, a in enumerate(pool) if a not in self.tops_of]
        stored = self.stored_tops
        if stored is not None and missing:
            made = stored.computed  # made in an earlier round or block
            self.tops_of.update((pool[k], made[pool[k]]) for k in missing if pool[k] in made)
            missing = [k for k in missing if pool[k] not in self.tops_of]
        if stored is not None and missing:
            self.tops_of.update(stored.known([pool[k] for k in missing], records))
            missing = [k for k in missing if pool[k] not in self.tops_of]
        step = max(1, len(missing) // 100)
        for n, (k, top) in enumerate(zip(missing, _tops(f, self.params, missing))):
            self.tops_of[pool[k]] = top
            if stored is not None:
                stored.computed[pool[k]] = top
            if on_ready is not None and n % step == 0:
                on_ready(n, len(missing))
        return [self.tops_of[a] for a in pool]

    def _block_features(
        self,
        read_ids: list[str],
        searched_ids: list[str],
        region: set[str],
        counts: dict[int, int],
        on_ready: Callable[[int, int], None] | None = None,
        seen: dict[str, tuple] | None = None,
    ) -> _Features:
        """features_of(read_ids) for a block, its records read CHUNK_RECORDS at a time and,
        but for the region's, not kept: a date-dense block's window is every article (each of
        the ~3 blocks of 10,000 articles over 3 days read all 10,000, and held their records).
        A record is read again when a vector is made of it (a scored pair's side). `seen`: the
        small per-article fields of the round's earlier blocks, by id (an article in their
        windows is not read again for this one; each is added as it is read). Each article's
        shingles are counted into `counts` where it is first read: every article of the pool
        is searched in one block, whose window holds it, and is counted once, as there."""
        models = self.models
        lazy = self.lazy
        assert lazy is not None and self.blocking
        text_model, name_model = models
        searched = set(searched_ids)
        if not isinstance(text_model, _StatsModel) or not isinstance(name_model, _StatsModel):
            f = self.features_of(read_ids, on_ready)  # every record read and held, as before
            count_shingles(f, [k for k, a in enumerate(read_ids) if a in searched], counts)
            return f
        preload = getattr(self.features, "preload", None)
        forget = getattr(self.features, "forget", None)
        seen = {} if seen is None else seen
        for start in range(0, len(read_ids), CHUNK_RECORDS):
            chunk = [
                aid for aid in read_ids[start : start + CHUNK_RECORDS] if aid not in seen or aid not in self.tops_of
            ]
            unread = [aid for aid in chunk if aid not in self.records]
            if preload is not None and len(unread) > 1:
                preload(unread)
            records = {aid: self.features[aid] if aid in unread else self.records[aid] for aid in chunk}
            part = _lazy_features([records[a] for a in chunk], text_model, name_model, lazy)
            self._tops_of(chunk, part, records)
            count_shingles(part, [k for k, a in enumerate(chunk) if a not in seen], counts)
            seen.update(
                (
                    aid,
                    (part.outlets[k], part.days[k], part.titles[k], part.given[k], part.items.get(k), part.previous[k]),
                )
                for k, aid in enumerate(chunk)
            )
            self.records.update((aid, records[aid]) for aid in chunk if aid in region)
            if forget is not None:
                forget([aid for aid in unread if aid not in region])
            if on_ready is not None:
                on_ready(min(start + CHUNK_RECORDS, len(read_ids)), len(read_ids))
        fields = [seen[a] for a in read_ids]
        read = _Features(
            ids=list(read_ids),
            outlets=[v[0] for v in fields],
            days=[v[1] for v in fields],
            titles=[v[2] for v in fields],
            text_vecs=[],
            name_vecs=[],
            shingles=[],
            given=[v[3] for v in fields],
            previous=[v[5] for v in fields],
            items={k: v[4] for k, v in enumerate(fields) if v[4] is not None},
        )
        f = _lazy_features(_ReadAgain(read_ids, self.records, self.features), text_model, name_model, lazy, read)
        f.tops = [self.tops_of[a] for a in read_ids]
        return f

    def similarities(self, pool_ids: list[str], region: set[str]) -> _Scores:
        """The region's similarities among pool_ids (sorted; the region is among them)."""
        ready, searched, compared, share = self._counting(len(pool_ids))
        blocks = self._blocks(pool_ids)
        if blocks is not None:
            scores = self._by_blocks(pool_ids, region, blocks, share)
            if scores is not None:
                return scores
        f = self.features_of(pool_ids, ready)
        pos = {a: k for k, a in enumerate(pool_ids)}
        focus = {pos[a] for a in region}
        sims = _similarities(
            f,
            self.params,
            focus=focus,
            n_total=self.n_total,
            sources=sorted(self._sources(f, focus, self._region_terms(f, focus))),
            scored=self.scored,
            on_compared=compared,
            on_searched=searched,
        )
        return _Scores(pool_ids, focus, sims, f)

    def _region_terms(self, f: _Features, focus: Iterable[int]) -> set[str]:
        return set() if f.tops is None else {t for k in focus for t, _ in f.tops[k]}

    def _sources(self, f: _Features, focus: set[int], region_terms: set[str], among: Iterable[int] | None = None):
        """The articles whose partners are looked for: the region's, and on the blocking path every
        article that may choose a region article among its best partners (one sharing a top term)."""
        among = range(len(f.ids)) if among is None else among
        if not self.blocking or f.tops is None:  # features_of() set them
            return [k for k in among if k in focus]
        tops = f.tops
        return [k for k in among if k in focus or any(t in region_terms for t, _ in tops[k])]

    def _blocks(self, pool_ids: list[str]) -> list[tuple[list[str], list[str]]] | None:
        """(the articles searched from, every article they may pair with: those within the date
        window of one), a block of dates each, sorted by id; None to read the pool as one (it is
        small, not on the blocking path, or holds an undated article, which pairs with any)."""
        day_of = self.day_of
        if not self.blocking or day_of is None or len(pool_ids) <= BLOCK_ARTICLES:
            return None
        by_day = []
        for aid in pool_ids:
            day = day_of.get(aid)
            if day is None:
                return None
            by_day.append((day, aid))
        by_day.sort()
        days = [d for d, _ in by_day]
        w = self.params.window_days
        blocks = []
        start = 0
        while start < len(by_day):
            end = bisect_right(days, days[min(start + BLOCK_ARTICLES, len(days)) - 1])  # a day whole
            around = by_day[bisect_left(days, days[start] - w) : bisect_right(days, days[end - 1] + w)]
            blocks.append((sorted(a for _, a in by_day[start:end]), sorted(a for _, a in around)))
            start = end
        return blocks if len(blocks) > 1 else None

    def _by_blocks(self, pool_ids, region, blocks, share) -> _Scores | None:
        """similarities() a block at a time, the same scores in the same order: each block's
        partners are searched over every article of the pool within their date window (as over
        the whole pool), the stock phrases counted over the whole pool and the links of a given
        story found over it before any quoting pair is scored. None when an article's record
        gives another date than the update's dates (read the pool as one)."""
        params = self.params
        pos = {a: k for k, a in enumerate(pool_ids)}
        focus = {pos[a] for a in region}
        regional = sorted(region)
        f_region = self.features_of(regional)
        region_terms = self._region_terms(f_region, range(len(regional)))
        # A quotation pair shares shingles of its region article (its own or an item's): only
        # those can be stock phrases here, counted as the blocks are read.
        counts: dict[int, int] = {}
        for k in range(len(regional)):
            counts.update(dict.fromkeys(f_region.shingles[k], 0))
            for item in f_region.items.get(k, ()):
                if isinstance(item, Mapping):
                    counts.update(dict.fromkeys(item.get("shingles") or (), 0))
        direct: dict[tuple[str, str], float] = {}
        quoting: list[tuple[str, str, float, set[int]]] = []
        seen: set[tuple[str, str]] = set()
        given: dict[str, str] = {}
        steps = 3 * len(blocks)  # each block counted a third as read, searched and scored
        seen_here: dict[str, tuple] = {}  # the small fields of the articles read (_block_features)
        for number, (searched_ids, read_ids) in enumerate(blocks):
            self._forget(set(read_ids) | region)
            on_ready = None if share is None else (lambda n, of: share(3 * number * of + n, steps * of))
            f = self._block_features(read_ids, searched_ids, region, counts, on_ready, seen_here)
            if any(f.days[k] != self.day_of[a] for k, a in enumerate(read_ids)):  # type: ignore[index]
                return None
            at = {a: k for k, a in enumerate(read_ids)}
            focus_here = {at[a] for a in region if a in at}
            searched_here = [at[a] for a in searched_ids]
            sources = self._sources(f, focus_here, region_terms, searched_here)
            pairs = similarity._candidate_pairs(f, params, focus_here, self.n_total, sources)
            if share is not None:
                share(3 * number + 2, steps)
            ids = f.ids
            fresh = sorted(pair for pair in pairs if (ids[pair[0]], ids[pair[1]]) not in seen)
            seen.update((ids[i], ids[j]) for i, j in fresh)
            sims, quotes = _score_pairs(f, params, fresh, self.scored)
            direct.update(((ids[i], ids[j]), s) for (i, j), s in sims.items())
            quoting.extend((ids[i], ids[j], base, shared) for i, j, base, shared in quotes)
            given.update((a, story) for a in searched_ids if (story := f.given[at[a]]) is not None)
            if share is not None:
                share(3 * number + 3, steps)
        self._forget(region)
        sims = {(pos[a], pos[b]): s for (a, b), s in sorted(direct.items())}
        if quoting:
            quoting.sort(key=lambda q: (q[0], q[1]))
            shared = set().union(*(q[3] for q in quoting))
            stock = stock_of({s: counts[s] for s in shared}, len(pool_ids))
            days = [self.day_of[a] for a in pool_ids]  # type: ignore[index]
            at_pos = [(pos[a], pos[b], base, shingles) for a, b, base, shingles in quoting]
            _score_quoting(pool_ids, days, params, at_pos, stock, self.scored, sims)
        add_given_links([given.get(a) for a in pool_ids], focus, sims)
        return _Scores(pool_ids, focus, sims)

    def _forget(self, keep: set[str]) -> None:
        """Drop the records and top terms read of every article but `keep` (and the store's copy)."""
        gone = [a for a in self.records if a not in keep]
        for aid in gone:
            del self.records[aid]
        forget = getattr(self.features, "forget", None)
        if forget is not None and gone:
            forget(gone)
        for aid in [a for a in self.tops_of if a not in keep]:
            del self.tops_of[aid]

    def group(self, scores: _Scores, links: Mapping[str, str] | None = None) -> list[Story]:
        """The region's stories from the last round's scores."""
        if scores.f is not None:
            return _group(scores.f, scores.sims, self.params, subset=sorted(scores.focus), links=links)
        regional = sorted(scores.focus)  # positions in sorted ids: the region's ids sorted
        f = self.features_of([scores.ids[k] for k in regional])
        local = {k: n for n, k in enumerate(regional)}
        sims = {}
        for (i, j), s in scores.sims.items():
            a, b = local.get(i), local.get(j)
            if a is not None and b is not None:
                sims[(a, b)] = s
        return _group(f, sims, self.params, links=links)
