"""Incremental story grouping against a full regrouping over many random sequences of updates.

    python bench/bench_story_sequences.py [--sequences 120] [--tree CHECKOUT]

Each sequence (tests/test_stories_equality.py's synthetic events, seeded) starts from a full
grouping, then adds, changes and removes articles step by step; after each step the update
(`update_stories`) is compared with a full regrouping (`cluster_stories`). Sequences alternate
events days apart and weeks apart (years of dates), on both paths (every pair in the date window;
partners searched, `EXHAUSTIVE_MAX` lowered). Where the tree reads a large pool by date blocks
(`incremental.BLOCK_ARTICLES`), each update is also made with tiny blocks and with one pool, and
the two must be equal bit for bit (ids and labels too; a block's records read 5 at a time where
the tree reads them by chunks, `incremental.CHUNK_RECORDS`). `--tree` runs another checkout's code
(its `reader` first on the path). Prints the updates checked and those that differ.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sequences", type=int, default=120)
    ap.add_argument("--steps", type=int, default=8)
    ap.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose code is run")
    args = ap.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    sys.path.insert(1, str(ROOT / "tests"))  # the synthetic events
    from test_stories_equality import _Corpus, _groups

    import reader
    from reader.analysis.stories import cluster_stories, incremental, similarity, story_features, update_stories

    print(f"code: {Path(reader.__file__).parent}", flush=True)
    blocks = hasattr(incremental, "BLOCK_ARTICLES")
    exhaustive_max = similarity.EXHAUSTIVE_MAX
    checked = differ = blocked_differ = 0
    started = time.perf_counter()
    for seed in range(args.sequences):
        similarity.EXHAUSTIVE_MAX = 20 if seed % 2 else exhaustive_max
        corpus = _Corpus(1000 + seed, spacing=(2, 17, 45)[seed % 3])
        rng = corpus.rng
        articles = {a.id: a for a in (corpus.report() for _ in range(60))}
        current = {aid: story_features(a) for aid, a in articles.items()}
        stories = cluster_stories(list(current.values()))
        for _ in range(args.steps):
            changed: set[str] = set()
            removed: set[str] = set()
            for _ in range(rng.randint(0, 4)):
                a = corpus.report()
                articles[a.id] = a
                changed.add(a.id)
            for aid in rng.sample(
                sorted(set(articles) - changed), min(len(articles) - len(changed), rng.randint(0, 3))
            ):
                if rng.random() < 0.4:
                    del articles[aid]
                    removed.add(aid)
                else:
                    articles[aid] = corpus.report(aid=aid)
                    changed.add(aid)
            current = {aid: story_features(articles[aid]) for aid in articles}
            updated = update_stories(stories, current, changed, removed)
            checked += 1
            differ += _groups(updated) != _groups(cluster_stories(list(current.values())))
            if blocks:
                saved = incremental.BLOCK_ARTICLES
                incremental.BLOCK_ARTICLES = 8
                saved_chunk = getattr(incremental, "CHUNK_RECORDS", None)
                if saved_chunk is not None:  # a block's records read a few at a time
                    incremental.CHUNK_RECORDS = 5
                by_blocks = update_stories(stories, current, changed, removed)
                if saved_chunk is not None:
                    incremental.CHUNK_RECORDS = saved_chunk
                incremental.BLOCK_ARTICLES = 10**9
                as_one = update_stories(stories, current, changed, removed)
                incremental.BLOCK_ARTICLES = saved
                blocked_differ += [s.to_dict() for s in by_blocks] != [s.to_dict() for s in as_one]
            stories = updated
    similarity.EXHAUSTIVE_MAX = exhaustive_max
    print(
        f"{args.sequences} sequences, {checked} updates: {differ} differ from a full regrouping"
        + (f", {blocked_differ} read by blocks differ from one pool" if blocks else " (no date blocks in this code)")
        + f"; {time.perf_counter() - started:.1f} s",
        flush=True,
    )


if __name__ == "__main__":
    main()
