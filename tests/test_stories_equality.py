"""Randomized equality of the incremental story grouping: over many seeded sequences of added,
changed and removed articles (synthetic events; articles with identical titles and dates; story
ids that collide), every update equals a full regrouping, and the grouping by story id (the
index's: stories read by key) equals the grouping by position (update_stories')."""

from __future__ import annotations

from collections.abc import Mapping
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from reader.analysis.stories import (
    Story,
    cluster_stories,
    grouping,
    regroup_by_key,
    similarity,
    story_features,
    story_order,
    update_stories,
)
from reader.corpus.model import Article

_SURNAMES = ["Brenner", "Calder", "Dorn", "Ekland", "Farrow", "Garner", "Hollis", "Imre", "Jansen", "Kettle"]
_OUTLETS = ["Fox News", "HuffPost", "The New York Times", "Reuters"]


def _article(aid: str, event: int, rng: random.Random, seed: int, day: date, title: str | None) -> Article:
    """One report of `event` (its own words, person and place; shared filler words)."""
    own = [f"ev{seed}x{event}w{k}" for k in range(14)]
    filler = [f"filler{k}" for k in range(300)]
    person = f"Mara {_SURNAMES[event % len(_SURNAMES)]}{chr(65 + event % 26)}{chr(65 + event // 26 % 26)}"
    place = f"Town{chr(97 + event % 26)}{chr(97 + event // 26 % 26)}"
    words = rng.sample(own, 10) + rng.sample(filler, 12)
    rng.shuffle(words)
    text = (
        f"{person} spoke in {place} on the matter. " + " ".join(words) + ". "
        f'"Our {own[0]} {own[1]} {own[4]} {own[5]} {own[6]} stays," {person} said.'
    )
    return Article(
        id=aid,
        path=Path(f"{aid}.md"),
        text=text,
        title=title if title is not None else f"{person} in {place}: {own[2]} {own[3]}",
        outlet=rng.choice(_OUTLETS),
        date=day.isoformat(),
    )


class _Corpus:
    """A growing synthetic corpus: events `spacing` days apart (two by default), 1-4 reports
    each; one article in five has the title every such article shares ("Update"), and some share
    one day."""

    def __init__(self, seed: int, spacing: int = 2):
        self.rng = random.Random(seed)
        self.seed = seed
        self.spacing = spacing
        self.events = 0
        self.serial = 0

    def report(self, event: int | None = None, aid: str | None = None) -> Article:
        rng = self.rng
        if event is None:
            event = rng.randrange(max(1, self.events + 2))
            self.events = max(self.events, event + 1)
        if aid is None:
            self.serial += 1
            aid = f"a{self.seed}-{self.serial:04d}"
        day = date(2024, 1, 1) + timedelta(days=self.spacing * event + rng.choice((0, 0, 1)))
        title = "Update" if rng.random() < 0.2 else None
        return _article(aid, event, rng, self.seed, day, title)


def _groups(stories) -> list[list[str]]:
    return sorted(sorted(s.articles if isinstance(s, Story) else s["articles"]) for s in stories)


def _by_story_id(previous: list[Story], current, changed, removed) -> list[Story]:
    """The index's grouping: stories read by their id (those that share one are dissolved
    together), the stories kept completed from the previous list, sorted as update_stories does."""
    story_of = {a: s.id for s in previous for a in s.articles}

    def stories_of(keys: list[str]) -> dict[str, list[str]]:
        members: dict[str, list[str]] = {}
        for s in previous:
            if s.id in keys:
                members.setdefault(s.id, []).extend(s.articles)
        return members

    dissolved, grouped = regroup_by_key(story_of, stories_of, current, changed, removed)
    kept = [] if dissolved is None else [s for s in previous if s.id not in dissolved]
    return sorted(kept + grouped, key=lambda s: story_order(s.articles))


def _run_sequence(seed: int, start: int, steps: int, spacing: int = 2, blocked=None) -> int:
    """Seeded add/change/remove steps; every update checked. The number of collisions seen.
    `blocked(stories, current, changed, removed, updated)`: a further check of each update."""
    corpus = _Corpus(seed, spacing)
    rng = corpus.rng
    articles = {a.id: a for a in (corpus.report() for _ in range(start))}
    current = {aid: story_features(a) for aid, a in articles.items()}
    stories = cluster_stories(list(current.values()))
    collisions = 0
    for _ in range(steps):
        changed: set[str] = set()
        removed: set[str] = set()
        for _ in range(rng.randint(0, 4)):  # new reports of an event, old or new
            a = corpus.report()
            articles[a.id] = a
            changed.add(a.id)
        for aid in rng.sample(sorted(set(articles) - changed), min(len(articles) - len(changed), rng.randint(0, 3))):
            kind = rng.random()
            if kind < 0.4:
                del articles[aid]
                removed.add(aid)
                changed.discard(aid)
            else:  # its text becomes another event's, or a copy of another article (same title and date)
                if kind < 0.7:
                    articles[aid] = corpus.report(aid=aid)
                else:
                    twin = articles[rng.choice(sorted(articles))]
                    articles[aid] = Article(
                        id=aid,
                        path=Path(f"{aid}.md"),
                        text=twin.text,
                        title=twin.title,
                        outlet=twin.outlet,
                        date=twin.date,
                    )
                changed.add(aid)
        current = {aid: story_features(articles[aid]) for aid in articles}
        ids = [s.id for s in stories]
        collisions += len(ids) - len(set(ids))
        updated = update_stories(stories, current, changed, removed)
        full = cluster_stories(list(current.values()))
        assert _groups(updated) == _groups(full), (seed, sorted(changed), sorted(removed))
        assert sorted(a for s in updated for a in s.articles) == sorted(current)
        assert _groups(_by_story_id(stories, current, changed, removed)) == _groups(updated)
        if blocked is not None:
            blocked(stories, current, changed, removed, updated)
        stories = updated
    return collisions


@pytest.mark.parametrize("seed", range(6))
def test_every_update_of_a_random_sequence_equals_a_full_regrouping(seed):
    _run_sequence(seed, start=30, steps=12)


@pytest.mark.parametrize("seed", range(3))
def test_stories_whose_ids_collide_group_as_a_full_regrouping(seed, monkeypatch):
    """Story ids are hashes: two stories may share one. With ids made to collide often, the
    update by position and the update by id (which dissolves both) still equal a full run."""
    monkeypatch.setattr(grouping, "story_id", lambda first: f"s{sum(map(ord, first)) % 5}")
    assert _run_sequence(100 + seed, start=30, steps=10) > 0


def test_updates_on_the_blocking_path_equal_a_full_regrouping(monkeypatch):
    monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 20)
    _run_sequence(200, start=40, steps=8)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("spacing", [17, 45])
def test_updates_spread_over_many_date_blocks_equal_a_full_regrouping(seed, spacing, monkeypatch):
    """Events weeks apart (years of dates): an update's changes fall far apart in dates, each
    with its own date window, and still equal a full regrouping, on both paths (every pair in
    the window, and partners searched)."""
    if seed % 2:
        monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 20)
    _run_sequence(300 + seed, start=60, steps=8, spacing=spacing)


_STOCK_QUOTE = '"We will not comment on any ongoing investigation at this time," a spokesman said.'


def _stock_quoting(aid: str, event: int, day: int, outlet: str, stock: bool) -> Article:
    """A report of `event` (its own words), opening with the spokesman's stock line when `stock`."""
    own = " ".join(f"stock{event}w{k}" for k in range(12))
    return Article(
        id=aid,
        path=Path(f"{aid}.md"),
        text=(_STOCK_QUOTE + " " if stock else "") + f"Officials in Town{event} met. {own} filler1 filler2.",
        title=f"Town{event} news stock{event}t",
        outlet=outlet,
        date=(date(2024, 1, 1) + timedelta(days=day)).isoformat(),
    )


def test_a_stock_quote_of_articles_months_apart_joins_no_two_events_in_an_update():
    """Six reports of six events open with one spokesman's line, three in January and three in
    July: six articles of 38 is a stock phrase (similarity.STOCK_PHRASE_MIN), no shared quote.
    An update touching January and July scored each month's articles apart (session 47's date
    blocks) and counted three in each: the line then earned two January events the quote bonus
    and merged them, where a full regrouping keeps them apart."""
    outlets = ["Fox News", "HuffPost", "The New York Times", "Reuters"]
    shape = [(1, 0, True), (2, 0, True), (3, 1, True), (4, 180, True), (5, 180, True), (6, 181, True)]
    shape += [(100 + k, 6 * k, False) for k in range(30)]
    articles = {
        f"q{n:03d}": _stock_quoting(f"q{n:03d}", event, day, outlets[n % 4], stock)
        for n, (event, day, stock) in enumerate(shape)
    }
    before = cluster_stories([story_features(a) for a in articles.values()])
    articles["q900"] = _stock_quoting("q900", 200, 2, outlets[3], False)
    articles["q901"] = _stock_quoting("q901", 201, 182, outlets[3], False)
    current = {aid: story_features(a) for aid, a in articles.items()}
    full = cluster_stories(list(current.values()))
    assert not any({"q000", "q001"} <= set(s.articles) for s in full)  # two events: apart
    updated = update_stories(before, current, ["q900", "q901", "q000", "q005"])
    assert _groups(updated) == _groups(full)


@pytest.mark.parametrize("seed", range(4))
def test_an_update_read_by_date_blocks_scores_as_one_pool(seed, monkeypatch):
    """An update spread over years of dates is scored a block of dates at a time (its records
    dropped between blocks, so what it holds follows a block, not the spread of its changes):
    the stories, ids and labels are bit for bit those of the pool read as one, and those of a
    full regrouping; no block holds the whole pool."""
    from reader.analysis.stories import incremental

    monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 20)  # the blocking path
    held: list[int] = []
    real_features_of = incremental._Pool.features_of

    def features_of(self, pool, on_ready=None):
        found = real_features_of(self, pool, on_ready)
        held.append(len(self.records))
        return found

    monkeypatch.setattr(incremental._Pool, "features_of", features_of)
    blocked_rounds = []

    def check(stories, current, changed, removed, updated):
        monkeypatch.setattr(incremental, "BLOCK_ARTICLES", 10**9)
        held.clear()
        as_one = update_stories(stories, current, changed, removed)
        whole = max(held, default=0)
        monkeypatch.setattr(incremental, "BLOCK_ARTICLES", 8)
        held.clear()
        by_blocks = update_stories(stories, current, changed, removed)
        assert [s.to_dict() for s in by_blocks] == [s.to_dict() for s in as_one] == [s.to_dict() for s in updated]
        if whole > 30:
            blocked_rounds.append(max(held))
            assert max(held) < whole

    _run_sequence(400 + seed, start=70, steps=6, spacing=17, blocked=check)
    assert blocked_rounds  # some update read its pool by blocks


def test_a_stock_quote_months_apart_is_counted_over_every_block(monkeypatch):
    """The stock phrase of test_a_stock_quote_of_articles_months_apart_joins_no_two_events_in_an_update
    with the pool read a block of dates at a time (session 47's blocks counted it in each block's
    window): it is counted over the whole pool before any quoting pair is scored."""
    from reader.analysis.stories import incremental

    monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 0)
    monkeypatch.setattr(incremental, "BLOCK_ARTICLES", 4)
    read_by_blocks = []
    real = incremental._Pool._by_blocks
    monkeypatch.setattr(incremental._Pool, "_by_blocks", lambda self, *a: read_by_blocks.append(1) or real(self, *a))
    test_a_stock_quote_of_articles_months_apart_joins_no_two_events_in_an_update()
    assert read_by_blocks


class _CountedStore(Mapping):
    """The records as the index's store gives them (preload, forget), counting how many it
    holds read at once."""

    def __init__(self, records: Mapping):
        self.records = records
        self.held: set[str] = set()
        self.most = 0

    def _hold(self, ids) -> None:
        self.held.update(ids)
        self.most = max(self.most, len(self.held))

    def preload(self, ids: list[str]) -> None:
        self._hold(ids)

    def forget(self, ids: list[str]) -> None:
        self.held.difference_update(ids)

    def __getitem__(self, aid: str):
        self._hold([aid])
        return self.records[aid]

    def __iter__(self):
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)


@pytest.mark.parametrize("seed", range(3))
def test_a_date_dense_block_holds_a_chunk_of_records_not_its_window(seed, monkeypatch):
    """Articles days apart: every block's date window is the whole pool, and each block held
    every record of it. Its records are read CHUNK_RECORDS at a time and only the region's kept
    (a scored pair's side read again): the same stories, ids and labels as the pool read as one,
    while the store holds a few chunks, not the window."""
    from reader.analysis.stories import incremental

    monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 20)  # the blocking path
    monkeypatch.setattr(incremental, "CHUNK_RECORDS", 5)
    most_held = []

    def check(stories, current, changed, removed, updated):
        monkeypatch.setattr(incremental, "BLOCK_ARTICLES", 10**9)
        as_one = update_stories(stories, current, changed, removed)
        monkeypatch.setattr(incremental, "BLOCK_ARTICLES", 8)
        store = _CountedStore(current)
        pools = []
        real = incremental._Pool._by_blocks

        def by_blocks(self, pool_ids, *rest):
            store.held, store.most = set(), 0  # what the update read before is not the blocks'
            found = real(self, pool_ids, *rest)
            pools.append((store.most, len(pool_ids)))
            return found

        monkeypatch.setattr(incremental._Pool, "_by_blocks", by_blocks)
        by_date_blocks = update_stories(stories, store, changed, removed)
        monkeypatch.setattr(incremental._Pool, "_by_blocks", real)
        assert [s.to_dict() for s in by_date_blocks] == [s.to_dict() for s in as_one] == [s.to_dict() for s in updated]
        for most, pool in pools:
            most_held.append((most, pool))
            assert most < pool / 2

    _run_sequence(500 + seed, start=60, steps=5, spacing=2, blocked=check)
    assert most_held  # some update read a dense pool by blocks


def test_a_scored_pair_reads_each_side_once_again():
    """A block's record not held is read again from the store when a pair is scored: its word
    vector, name vector and shingles are asked for in a row (similarity._pair_parts), and each
    read it again; the last record read is kept, so each side is read once, and none is held."""
    from reader.analysis.stories import DEFAULT_PARAMS, StoryStats, incremental
    from reader.analysis.stories.stats import LazyVectors, _lazy_features

    rng = random.Random(3)
    records = {
        a.id: story_features(a) for a in (_article(f"a{k}", 1, rng, 3, date(2024, 5, 1), None) for k in range(3))
    }
    read: list[str] = []

    class Store(_CountedStore):
        def __getitem__(self, aid: str):
            read.append(aid)
            return super().__getitem__(aid)

    store = Store(records)
    ids = sorted(records)
    text_model, name_model = StoryStats.from_records(records.values()).models()
    f = _lazy_features(
        incremental._ReadAgain(ids, {}, store),
        text_model,
        name_model,
        LazyVectors(),
        _lazy_features([records[a] for a in ids], text_model, name_model, LazyVectors()),
    )
    base, _ = similarity._pair_parts(f, 0, 1, DEFAULT_PARAMS)
    assert base > 0.5  # one event's reports: the pair was scored from the records read again
    assert read == ["a0", "a1"] and not store.held
    similarity._pair_parts(f, 0, 2, DEFAULT_PARAMS)  # a0's vectors are made: a2 read only
    assert read == ["a0", "a1", "a2"] and not store.held


@pytest.mark.parametrize("seed", range(2))
def test_a_round_by_blocks_reads_each_record_once(seed, monkeypatch):
    """A date-dense round's blocks share their windows: each read them all from the store again
    (its records not held), three times the reading of a dense update. The small fields of the
    articles read are kept for the round: each record is read once a round (but for a scored
    pair's side, read again), and the stories stay those of the pool read as one."""
    from reader.analysis.stories import incremental

    monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 20)  # the blocking path
    monkeypatch.setattr(incremental, "CHUNK_RECORDS", 5)
    rounds = []

    class Store(_CountedStore):
        again = False

        def __getitem__(self, aid: str):
            if not Store.again and self.reads is not None:
                self.reads.append(aid)
            return super().__getitem__(aid)

    real_again = incremental._ReadAgain.__getitem__

    def read_again(self, i):
        Store.again = True
        try:
            return real_again(self, i)
        finally:
            Store.again = False

    monkeypatch.setattr(incremental._ReadAgain, "__getitem__", read_again)

    def check(stories, current, changed, removed, updated):
        monkeypatch.setattr(incremental, "BLOCK_ARTICLES", 10**9)
        as_one = update_stories(stories, current, changed, removed)
        monkeypatch.setattr(incremental, "BLOCK_ARTICLES", 8)
        store = Store(current)
        store.reads = None
        real = incremental._Pool._by_blocks

        def by_blocks(self, pool_ids, region, blocks, share):
            store.reads = []
            found = real(self, pool_ids, region, blocks, share)
            rounds.append((store.reads, len(blocks), set(pool_ids) - region))
            store.reads = None
            return found

        monkeypatch.setattr(incremental._Pool, "_by_blocks", by_blocks)
        by_date_blocks = update_stories(stories, store, changed, removed)
        monkeypatch.setattr(incremental._Pool, "_by_blocks", real)
        assert [s.to_dict() for s in by_date_blocks] == [s.to_dict() for s in as_one] == [s.to_dict() for s in updated]

    _run_sequence(700 + seed, start=60, steps=5, spacing=2, blocked=check)
    assert any(blocks > 1 for _, blocks, _ in rounds)  # some round read a dense pool by blocks
    for reads, _, outside in rounds:
        assert len(reads) == len(set(reads)) and outside <= set(reads)  # each once (the region: when first read)


def test_the_full_grouping_clusters_its_similarities_without_copying_them(monkeypatch):
    # The copy was the largest allocation of a first build's grouping (bench_grouping_memory.py).
    corpus = _Corpus(7)
    records = [story_features(corpus.report()) for _ in range(40)]
    scored, clustered = [], []
    real_similarities, real_average_link = grouping._similarities, grouping.average_link

    def similarities(*args, **kwargs):
        scored.append(real_similarities(*args, **kwargs))
        return scored[-1]

    def average_link(n, sims, *args, **kwargs):
        clustered.append(sims)
        return real_average_link(n, sims, *args, **kwargs)

    monkeypatch.setattr(grouping, "_similarities", similarities)
    monkeypatch.setattr(grouping, "average_link", average_link)
    stories = cluster_stories(records)
    assert len(stories) < len(records)  # some pairs linked: a graph worth not copying
    assert clustered[0] is scored[0]
