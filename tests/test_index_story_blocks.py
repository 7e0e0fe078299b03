"""The story update's date-dense block path (incremental._Pool._by_blocks) driven through the real
index: records read from state.sqlite by the index's lazy store, dropped from its cache between
chunks, top terms from its table. The unit tests of the blocks (test_stories_equality.py) give the
grouping a dict; only bench_story_update.py ran the blocks over the store until this file."""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import write_article  # noqa: E402

from reader.index import CorpusIndex, statedb  # noqa: E402

_OUTLETS = ["Reuters", "Associated Press", "BBC", "Fox News"]
_SURNAMES = ["Brenner", "Calder", "Dorn", "Ekland", "Farrow", "Garner", "Hollis", "Jansen"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))


def _dense_corpus(root: Path, events: int = 30, seed: int = 5) -> list[Path]:
    """`events` events of 1-3 reports each, every article within three days (every block's date
    window holds the whole corpus), each event with its own words, person and place."""
    rng = random.Random(seed)
    filler = [_word(rng) for _ in range(200)]
    paths = []
    for event in range(events):
        own = [_word(rng) for _ in range(12)]
        person = f"Mara {_SURNAMES[event % len(_SURNAMES)]}"
        place = _word(rng).title()
        for report in range(rng.randint(1, 3)):
            words = rng.sample(own, 9) + rng.sample(filler, 12)
            rng.shuffle(words)
            body = (
                f"{person} spoke in {place} on the matter. {' '.join(words)}. "
                f'"Our {own[0]} {own[1]} {own[2]} stays firm," {person} said.'
            )
            outlet = _OUTLETS[(event + report) % len(_OUTLETS)]
            day = f"2025-03-0{1 + (event + report) % 3}"
            rel = f"{outlet.split()[0].lower()}/e{event:02d}-r{report}"
            paths.append(write_article(root, rel, f"{person} in {place}: {own[3]} {own[4]}", outlet, day, body))
    return paths


def _tables(index_dir: Path) -> dict[str, list]:
    with sqlite3.connect(index_dir / statedb.DB_NAME) as con:
        tables = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in ("stories", "articles")}
    con.close()
    return tables


def test_a_date_dense_update_by_blocks_through_the_index_store_writes_what_one_pool_writes(tmp_path, monkeypatch):
    """Every 5th file of a three-day corpus edited: the update's round, read by blocks of 8 articles
    and chunks of 5 records over the index's own store (the blocking path), writes the same story
    and article rows as the round read as one pool, from copies of one built index."""
    from reader.analysis.stories import incremental, similarity
    from reader.index import story_groups

    monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 0)  # the blocking path
    monkeypatch.setattr(incremental, "CHUNK_RECORDS", 5)
    corpus = tmp_path / "corpus"
    paths = _dense_corpus(corpus)
    index = CorpusIndex([corpus], tmp_path / "built")
    index.update()
    index.close()
    assert len({row[0] for row in _tables(tmp_path / "built")["stories"]}) < len(paths)  # some stories group
    for name in ("pool", "blocks"):
        shutil.copytree(tmp_path / "built", tmp_path / name)
    for path in paths[::5]:
        path.write_text(path.read_text(encoding="utf-8") + "\nAn update added this sentence.\n", encoding="utf-8")

    rounds: list[tuple[int, int]] = []  # (blocks, articles of the pool) of each round read by blocks
    forgotten: list[str] = []
    real_by_blocks = incremental._Pool._by_blocks
    real_forget = story_groups._LazyRecords.forget

    def by_blocks(self, pool_ids, region, blocks, share):
        rounds.append((len(blocks), len(pool_ids)))
        return real_by_blocks(self, pool_ids, region, blocks, share)

    def forget(self, ids):
        forgotten.extend(ids)
        return real_forget(self, ids)

    monkeypatch.setattr(incremental._Pool, "_by_blocks", by_blocks)
    monkeypatch.setattr(story_groups._LazyRecords, "forget", forget)
    for name, block in (("pool", 10**9), ("blocks", 8)):
        monkeypatch.setattr(incremental, "BLOCK_ARTICLES", block)
        index = CorpusIndex([corpus], tmp_path / name)
        assert index.update().updated == len(paths[::5])
        index.close()
        if name == "pool":
            assert not rounds and not forgotten
    assert rounds and all(blocks > 1 for blocks, _ in rounds)  # the update's round went by blocks
    assert forgotten  # the index's record cache dropped what the chunks had read
    assert _tables(tmp_path / "blocks") == _tables(tmp_path / "pool")
