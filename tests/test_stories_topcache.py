"""Stored top terms (reader/analysis/stories/topcache.py): used again only while they are the top
terms the current statistics give, and an update that uses them groups as one that does not."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_stories import _event_articles, _features_of, art, groups  # noqa: E402

from reader.analysis.stories import DEFAULT_PARAMS, StoryStats, cluster_stories, story_features  # noqa: E402
from reader.analysis.stories import similarity, topcache, update_stories  # noqa: E402
from reader.analysis.stories.packed import PackedRecord, folded_names, needles, pack  # noqa: E402
from reader.analysis.stories.stats import LOG_MAX, LazyVectors, _from_records  # noqa: E402
from reader.analysis.stories.topcache import TopsCache  # noqa: E402


def tops_now(records: dict, stats: StoryStats) -> dict:
    """Every article's top terms, computed with these statistics."""
    ids = list(records)
    f = _from_records([records[a] for a in ids], stats.models(), lazy=LazyVectors())
    return dict(zip(ids, similarity._tops(f, DEFAULT_PARAMS)))


def stored_rows(records: dict, stats: StoryStats) -> dict[str, bytes]:
    return {
        aid: topcache.encode(stats.epoch, stats.seq, DEFAULT_PARAMS, top)
        for aid, top in tops_now(records, stats).items()
    }


def cache_of(stats: StoryStats, rows: dict, fresh=()) -> TopsCache:
    return TopsCache(stats, DEFAULT_PARAMS, lambda ids: {a: rows[a] for a in ids if a in rows}, fresh)


def test_stored_top_terms_are_used_only_while_they_are_the_current_ones():
    articles = _event_articles(60, seed=5)
    before = _features_of(articles)
    stats = StoryStats.from_records(before.values())
    rows = stored_rows(before, stats)
    # One article now tells another event, with words of its own and words others use: the
    # document frequencies of both change, and with them other articles' top terms.
    target, other = articles[10], articles[40]
    now = dict(before)
    now[target.id] = story_features(
        art(target.id, other.text + " Zorbulent quagmiration.", other.title, target.outlet, target.date)
    )
    stats.change([before[target.id]], [now[target.id]])
    fresh = tops_now(now, stats)
    moved = {aid for aid in now if fresh[aid] != tops_now(before, StoryStats.from_records(before.values()))[aid]}
    assert moved - {target.id}, "the change must move some other article's top terms"

    for records in (now, {aid: PackedRecord(pack(r)) for aid, r in now.items()}):  # type: ignore[arg-type]
        cache = cache_of(stats, rows, fresh={target.id})
        known = cache.known(list(now), records)
        assert known and cache.reused == len(known)
        assert all(known[aid] == fresh[aid] for aid in known)  # exact: terms, weights, order
        assert not moved & set(known) and target.id not in known
        # Those not reused count one of the words or names whose document frequency changed.
        changes = stats.changed_since(0)
        assert changes is not None
        words, names = changes
        for aid in set(now) - set(known) - {target.id}:
            assert words & set(now[aid]["words"]) or names & set(folded_names(now[aid]))


def test_a_new_article_count_a_long_log_another_line_or_damage_mean_computing_again():
    before = _features_of(_event_articles(20, seed=6))
    ids = list(before)

    # Another article: every idf moved, nothing is reused.
    stats = StoryStats.from_records(before.values())
    rows = stored_rows(before, stats)
    extra = story_features(art("extra", "A quiet note on tulips and gardens.", "Tulips", "BBC", "2024-01-02"))
    stats.change([], [extra])
    assert cache_of(stats, rows).known(ids, before) == {}

    # Changes that touch none of the articles' terms, but more of them than the log remembers.
    stats = StoryStats.from_records(before.values())
    rows = stored_rows(before, stats)
    for k in range(LOG_MAX):
        stats.change([], [])
    assert set(cache_of(stats, rows).known(ids, before)) == set(ids)
    stats.change([], [])
    assert cache_of(stats, rows).known(ids, before) == {}

    # Statistics made again from scratch (a full regrouping), other parameters, damaged rows.
    stats = StoryStats.from_records(before.values())
    rows = stored_rows(before, stats)
    assert cache_of(StoryStats.from_records(before.values()), rows).known(ids, before) == {}
    other = TopsCache(stats, DEFAULT_PARAMS.__class__(top_terms=14), lambda found: {a: rows[a] for a in found})
    assert other.known(ids, before) == {}
    damaged = {aid: blob[:-1] + bytes([blob[-1] ^ 1]) for aid, blob in rows.items()}
    assert cache_of(stats, damaged).known(ids, before) == {}
    assert cache_of(stats, {aid: b"junk" for aid in ids}).known(ids, before) == {}
    assert set(cache_of(stats, rows).known(ids, before)) == set(ids)
    # ... and the change log survives the statistics file.
    again = StoryStats.from_dict(stats.to_dict())
    assert (again.epoch, again.seq, again.log) == (stats.epoch, stats.seq, stats.log)


def test_the_change_log_names_the_terms_whose_document_frequency_changed():
    a = {"id": "a", "words": {"x": 1, "y": 2}, "names": {"Ann Lee": 1}}
    b = {"id": "b", "words": {"y": 1, "z": 1}, "names": {}}
    b2 = {"id": "b", "words": {"y": 3, "w": 1}, "names": {"Ann Lee": 2}}
    stats = StoryStats.from_records([a, b])
    stats.change([b], [b2])  # y stays in both articles: its document frequency does not change
    assert stats.changed_since(0) == ({"z", "w"}, {"ann lee"})
    assert stats.changed_since(1) == (set(), set())
    assert stats.changed_since(2) is None  # not a change these statistics made
    stats.change([], [{"id": "c", "words": {}, "names": {}}])
    assert stats.changed_since(1) is None  # one more article: every weight moved


def test_an_update_with_stored_top_terms_groups_as_one_without_them(monkeypatch):
    """On the blocking path, an update that reuses stored top terms gives the very stories (ids,
    labels) of one that computes them all, and those of a full regrouping."""
    rng = random.Random(3)
    articles = _event_articles(220, seed=13)
    before = _features_of(articles)
    full_stats = StoryStats.from_records(before.values())
    kept: dict[str, list] = {}
    previous = cluster_stories(
        list(before.values()), stats=full_stats, on_tops=lambda ids, tops: kept.update(zip(ids, tops))
    )
    assert len(kept) == len(before) > similarity.EXHAUSTIVE_MAX  # the full grouping gave them
    rows = {aid: topcache.encode(full_stats.epoch, full_stats.seq, DEFAULT_PARAMS, t) for aid, t in kept.items()}
    now = dict(before)
    changed = set()
    for target in rng.sample(articles, 4):  # each now tells another event nearby
        other = articles[min(len(articles) - 1, articles.index(target) + 3)]
        now[target.id] = story_features(art(target.id, other.text, other.title, target.outlet, target.date))
        changed.add(target.id)
    stats = StoryStats.from_dict(full_stats.to_dict())
    stats.change([before[a] for a in changed], [now[a] for a in changed])
    cache = cache_of(stats, rows, fresh=changed)
    with_stored = update_stories(previous, now, changed, stats=stats, tops=cache)
    assert cache.reused > 0 and set(cache.computed) >= changed
    fresh = tops_now(now, stats)
    assert all(cache.computed[aid] == fresh[aid] for aid in cache.computed)
    without = update_stories(previous, now, changed, stats=StoryStats.from_records(now.values()))
    assert [s.to_dict() for s in with_stored] == [s.to_dict() for s in without]
    assert groups(with_stored) == groups(cluster_stories(list(now.values())))


def test_packed_records_tell_whether_they_count_a_word_or_name():
    record = story_features(
        art("a", "At the round table, Ann Lee spoke of roundups. Ann Lee left.", "Round", "BBC", "2024-01-01")
    )
    packed = PackedRecord(pack(record))  # type: ignore[arg-type]
    words = set(record["words"])
    assert {"round", "roundup", "table"} <= words
    for term in ("round", "roundup", "table"):
        assert packed.has_any(needles({term}), [])
    for term in ("roun", "ound", "roundups", "zebra", "round table"):
        assert not packed.has_any(needles({term}), []) and term not in words
    assert packed.has_any([], needles({"ann lee"})) and not packed.has_any([], needles({"ann", "Ann Lee"}))
    many = needles({f"w{k}" for k in range(40)})
    assert not packed.has_any(many, many) and packed.has_any(many + needles({"table"}), [])
    empty = PackedRecord(pack({"id": "b", "words": {}, "names": {}, "shingles": []}))  # type: ignore[arg-type]
    assert not empty.has_any(needles({"table", ""}), needles({""}))


def test_lists_that_hold_after_many_changes_are_stored_again():
    """Checked against many changed terms (each article's terms read once), a list that holds is
    handed back to be stored with the current change number; after few, it is only used."""
    before = _features_of(_event_articles(20, seed=6))
    ids = list(before)
    target = ids[0]
    for count, confirmed in ((3, False), (40, True)):
        stats = StoryStats.from_records(before.values())
        rows = stored_rows(before, stats)
        new = dict(before[target], words={**before[target]["words"], **{f"zq{count}x{k}": 1 for k in range(count)}})
        stats.change([before[target]], [new])
        now = dict(before, **{target: new})
        for records in (now, {aid: PackedRecord(pack(r)) for aid, r in now.items()}):  # type: ignore[arg-type]
            cache = cache_of(stats, rows, fresh={target})
            known = cache.known(ids, records)
            assert set(known) == set(ids) - {target}
            assert set(cache.confirmed) == (set(known) if confirmed else set())
