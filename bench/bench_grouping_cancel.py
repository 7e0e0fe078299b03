"""How soon the grouping run in the update's process (IndexUpdate._cluster_here: an index grouped
before the links of versions, regrouped whole) stops once the update is cancelled (the app's quit):
it asks at every count, so a cancel waits at most the longest time between two counts, or the
time after the last (the clustering that follows the last count asks nothing). Baselines, in the
same run: before s58 nothing was asked (a cancel waited for the whole grouping), then every 200th
count was.

    python bench/bench_grouping_cancel.py INDEX_DIR [--repeat 2]

INDEX_DIR is an index `reader index` built (its state.sqlite holds every article's story record),
e.g. of `python bench/synth_real.py CORPORA OUT --articles 10000 --jsonl-mb 0 --html 0`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_grouping_progress import records_of  # noqa: E402  (a sibling: bench/ is the script's folder)
from reader.index import story_groups  # noqa: E402


def longest_waits(records: list, every: tuple[int, ...]) -> tuple[float, dict[int, tuple[float, float, int]]]:
    """(wall seconds, {n: (longest seconds between two asks, seconds after the last ask, asks)}),
    asking every n counting calls (_cluster_here: every one), of one grouping."""
    calls = [0]
    started = time.perf_counter()
    last_ask = dict.fromkeys(every, started)
    longest = dict.fromkeys(every, 0.0)

    def counting(*_: object) -> None:
        calls[0] += 1
        now = time.perf_counter()
        for n in every:
            if calls[0] % n == 0:
                longest[n], last_ask[n] = max(longest[n], now - last_ask[n]), now

    story_groups.cluster_records(records, counting, counting, counting)
    end = time.perf_counter()
    return end - started, {n: (longest[n], end - last_ask[n], calls[0] // n) for n in every}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    records = records_of(args.index_dir)
    print(f"{len(records):,} story records; load average {os.getloadavg()[0]:.1f}")
    for run in range(args.repeat):
        wall, waits = longest_waits(records, (200, 1))
        print(f"run {run + 1}: grouping {wall:6.2f} s (baseline, before: a cancel waited all of it)")
        for n, (between, after, asks) in waits.items():
            print(
                f"  asked every {n:3} counts: {asks:7,} asks, longest between two {between:6.2f} s, after the last {after:6.2f} s"
            )
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
