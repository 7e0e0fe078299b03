"""How long "grouping the stories" goes without its count moving: the full grouping of an index's
story records, counted as `reader index` counts it (store.records_grouped), with the search for
each article's partners counted (as now) and not (the baseline: as before, a still count at two
thirds while it ran), in the same run.

    python bench/bench_grouping_progress.py INDEX_DIR [--repeat 2]

INDEX_DIR is an index `reader index` built (its state.sqlite holds every article's story record),
e.g. of a corpus made by `python bench/synth_real.py CORPORA OUT --articles 10000 --jsonl-mb 0
--html 0`. Printed per run: the grouping's wall time, the longest time the count stood still and
where it stood (count/total), the longest below the full count (the clustering after the last
count is not counted, either way), and the load average (the machine may be shared: the times grow
with it).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.index import store, story_groups  # noqa: E402


def records_of(index_dir: Path) -> list:
    con = sqlite3.connect(index_dir / "state.sqlite")
    try:
        return [record for (record,) in con.execute("SELECT record FROM features ORDER BY id")]
    finally:
        con.close()


def longest_still(records: list, *, count_search: bool) -> tuple[float, float, int, float]:
    """(wall seconds, longest seconds without the count moving, the count it stood at, longest
    seconds still below the full count: before the clustering that follows the last count)."""
    tally = [0] * store.TALLY_SLOTS
    started = last_time = time.perf_counter()
    last_count, longest, stood_at, below_full = -1, 0.0, 0, 0.0

    def moved() -> None:
        nonlocal last_count, last_time, longest, stood_at, below_full
        count = store.records_grouped(tally)
        if count != last_count:
            now = time.perf_counter()
            if now - last_time > longest:
                longest, stood_at = now - last_time, last_count
            below_full = max(below_full, now - last_time)
            last_count, last_time = count, now

    def on_read() -> None:
        tally[store.RECORDS_READ] += 1
        moved()

    def on_compared(done: int) -> None:
        tally[store.ARTICLES_COMPARED] = done
        if not count_search:  # as before: a third each for the two readings and the comparing
            tally[store.ARTICLES_SEARCHED] = done
        moved()

    def on_searched(done: int) -> None:
        tally[store.ARTICLES_SEARCHED] = done
        moved()

    story_groups.cluster_records(records, on_read, on_compared, on_searched if count_search else None)
    end = time.perf_counter()
    if end - last_time > longest:  # after its last count (the clustering)
        longest, stood_at = end - last_time, last_count
    return end - started, longest, stood_at, below_full


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    records = records_of(args.index_dir)
    print(f"{len(records):,} story records; load average {os.getloadavg()[0]:.1f}")
    for run in range(args.repeat):
        for label, count_search in (("baseline (search not counted)", False), ("now (search counted)", True)):
            wall, still, at, below = longest_still(records, count_search=count_search)
            print(
                f"run {run + 1} {label:30} wall {wall:6.2f} s   longest still {still:5.2f} s at "
                f"{at:,}/{len(records):,}   longest still below the full count {below:5.2f} s"
            )
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
