"""How soon the grouping run in the update's process (IndexUpdate._cluster_here: an index grouped
before the links of versions, regrouped whole) stops once the update is cancelled (the app's quit):
it asks at every count, so a cancel waits at most the longest time between two counts, or the
time after the last (the clustering that follows the last count asks nothing). Baselines, in the
same run: before s58 nothing was asked (a cancel waited for the whole grouping), then every 200th
count was. Since s59 the clustering after the last count asks `cancel()` itself: the "and the
clustering's" line counts those asks with the counts' (run it in a worktree of an older tree for
its figures: there the clustering asks nothing, and the line is the counts' alone).

    python bench/bench_grouping_cancel.py INDEX_DIR [--repeat 2] [--random-stops N [--seed S]] [--cpu]

With --cpu, one grouping is timed in the thread's CPU time (time.thread_time, not the machine's
load) between any two asks (a count or a cancel()): the longest stretches, where each began and
ended, and the one from the last count to the next ask. Run it in a worktree of the old tree too
for its same-run baseline. With --random-stops, N more groupings are stopped (from another thread, as the app's quit is) at
random times of the last one's length, each saying how long after the stop it ended.

INDEX_DIR is an index `reader index` built (its state.sqlite holds every article's story record),
e.g. of `python bench/synth_real.py CORPORA OUT --articles 10000 --jsonl-mb 0 --html 0`.
"""

from __future__ import annotations

import argparse
import inspect
import os
import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_grouping_progress import records_of  # noqa: E402  (a sibling: bench/ is the script's folder)
from reader.index import story_groups  # noqa: E402


CLUSTERING = 0  # (the key of the asks at every count and by the clustering itself)


def longest_waits(records: list, every: tuple[int, ...]) -> tuple[float, dict[int, tuple[float, float, int]]]:
    """(wall seconds, {n: (longest seconds between two asks, seconds after the last ask, asks)}),
    asking every n counting calls (_cluster_here: every one), of one grouping."""
    calls = [0]
    started = time.perf_counter()
    last_ask = dict.fromkeys((*every, CLUSTERING), started)
    longest = dict.fromkeys((*every, CLUSTERING), 0.0)
    asks = [0]

    def ask(n: int, now: float) -> None:
        longest[n], last_ask[n] = max(longest[n], now - last_ask[n]), now

    def counting(*_: object) -> None:
        calls[0] += 1
        now = time.perf_counter()
        for n in every:
            if calls[0] % n == 0:
                ask(n, now)
        ask(CLUSTERING, now)  # (every count asks, as _cluster_here's do)

    def cancel() -> bool:
        asks[0] += 1
        ask(CLUSTERING, time.perf_counter())
        return False

    if "cancel" in inspect.signature(story_groups.cluster_records).parameters:
        story_groups.cluster_records(records, counting, counting, counting, cancel=cancel)
    else:  # (an older tree: its clustering asks nothing)
        story_groups.cluster_records(records, counting, counting, counting)
    end = time.perf_counter()
    waits = {n: (longest[n], end - last_ask[n], calls[0] // n) for n in every}
    waits[CLUSTERING] = (longest[CLUSTERING], end - last_ask[CLUSTERING], calls[0] + asks[0])
    return end - started, waits


def cpu_stretches(records: list) -> tuple[list[tuple[float, str, str]], tuple[float, str] | None]:
    """(the stretches of the thread's CPU seconds between two asks, longest first, each with the
    ask that began and the one that ended it; (seconds, the ask that ended it) of the stretch from
    the last count on, None when nothing follows it) of one grouping: a count or a cancel() is an
    ask (the update's counts raise on a cancel as cancel() does)."""
    import traceback

    here = Path(__file__).resolve()
    stretches: list[tuple[float, str, str]] = []
    last = [time.thread_time(), "the start"]
    last_count = [-1]

    def caller() -> str:
        for frame in reversed(traceback.extract_stack()[:-2]):
            # (the asker: not this file, nor cancel.check, which every cancel() goes through)
            if Path(frame.filename).resolve() != here and not frame.filename.endswith("cancel.py"):
                return f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"
        return "?"

    def ask(counted: bool) -> None:
        now, by = time.thread_time(), caller()
        stretches.append((now - last[0], last[1], by))
        last[:] = [now, by]
        if counted:
            last_count[0] = len(stretches)

    def counting(*_: object) -> None:
        ask(True)

    def cancel() -> bool:
        ask(False)
        return False

    story_groups.cluster_records(records, counting, counting, counting, cancel=cancel)
    stretches.append((time.thread_time() - last[0], last[1], "the end"))
    after = last_count[0] if 0 <= last_count[0] < len(stretches) else None
    after_last = None if after is None else (stretches[after][0], stretches[after][2])
    return sorted(stretches, reverse=True), after_last


def stop_latencies(records: list, at: list[float]) -> list[tuple[float, float | None]]:
    """(the second a stop came, the seconds from it until the grouping ended) of one grouping per
    time of `at`, stopped then from another thread as the update's cancel is (each count and the
    clustering's own asks see it); None when the grouping ended whole before the stop came."""
    from reader.analysis.cancel import Cancelled

    class Stopped(Exception):
        pass

    out: list[tuple[float, float | None]] = []
    for when in at:
        stop = threading.Event()
        stopped_at = [0.0]

        def stopping() -> None:
            stopped_at[0] = time.perf_counter()
            stop.set()

        def counting(*_: object) -> None:
            if stop.is_set():
                raise Stopped  # (as _cluster_here's counts raise _GroupingStopped)

        timer = threading.Timer(when, stopping)
        timer.start()
        try:
            story_groups.cluster_records(records, counting, counting, counting, cancel=stop.is_set)
        except (Stopped, Cancelled):
            out.append((when, time.perf_counter() - stopped_at[0]))
        else:
            out.append((when, None))
        finally:
            timer.cancel()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument(
        "--random-stops", type=int, default=0, metavar="N", help="then stop N groupings at random times of the last"
    )
    parser.add_argument("--seed", type=int, default=59)
    parser.add_argument("--cpu", action="store_true", help="the CPU seconds between two asks of one grouping, only")
    args = parser.parse_args()
    records = records_of(args.index_dir)
    print(f"{len(records):,} story records; load average {os.getloadavg()[0]:.1f}")
    if args.cpu:
        stretches, after_last = cpu_stretches(records)
        if after_last is not None:
            print(f"from the last count to the next ask ({after_last[1]}): {after_last[0]:.3f} s CPU")
        for seconds, began, ended in stretches[:6]:
            print(f"  {seconds:.3f} s CPU from {began} to {ended}")
        return
    for run in range(args.repeat):
        wall, waits = longest_waits(records, (200, 1))
        print(f"run {run + 1}: grouping {wall:6.2f} s (baseline, before: a cancel waited all of it)")
        for n, (between, after, asks) in waits.items():
            how = f"every {n:3} counts" if n else "every count and the clustering's"
            print(f"  asked {how}: {asks:7,} asks, longest between two {between:6.2f} s, after the last {after:6.2f} s")
    if args.random_stops:
        draw = random.Random(args.seed)
        at = sorted(draw.uniform(0, wall) for _ in range(args.random_stops))
        for when, waited in stop_latencies(records, at):
            said = "ended whole first" if waited is None else f"ended {waited:6.3f} s later"
            print(f"  stopped at {when:6.2f} s: {said}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
