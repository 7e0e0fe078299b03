"""What ordering one day's fetched articles by their fetch time costs the app's list and `reader list`.

    python bench/bench_same_day_order.py [--articles 20000] [--fetched 0.5] [--rounds 25]

`--articles` ArticleInfos over 28 days of one month, `--fetched` of them with a fetch time
(reader fetch's), the rest a user's own files. Printed: the fastest of `--rounds` newest-first
sorts of them all (the app's catalog: source_list.prepare_catalog's newest_first) and of
`reader list`'s sort (CorpusIndex.articles: by outlet, day, id), each by the date alone (the
baseline, this tree's order before the fetch time) and by the date and listing.same_day_order, in
the same run; and the same with the tiebreak made as a tuple (date, time, fetched), the key first
tried (a sort by tuples is the slow one); and `reader list`'s sort as CorpusIndex.articles does it
now (core._listed_order: three stable sorts by one string each) and the app's by listing.day_key
(the date and same_day_order in one call). Times are processor time (the
fastest of the rounds), less moved by other processes than the wall clock.
"""

from __future__ import annotations

import argparse
import random
import time

from reader.index.core import _listed_order
from reader.index.state import ArticleInfo
from reader.listing import day_key, same_day_order


def corpus(count: int, fetched: float) -> list[ArticleInfo]:
    rng = random.Random(1)
    items = []
    for n in range(count):
        day = f"2025-10-{rng.randint(1, 28):02d}"
        when = f"{day}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+00:00" if rng.random() < fetched else None
        items.append(
            ArticleInfo(
                f"outlet{n % 40}/{n}", f"Outlet {n % 40}", f"Title {rng.random()}", day, None, None, "", fetched=when
            )
        )
    return items


def fastest(rounds: int, run) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--fetched", type=float, default=0.5)
    parser.add_argument("--rounds", type=int, default=25)
    args = parser.parse_args()
    items = corpus(args.articles, args.fetched)

    def as_tuple(a) -> tuple:
        return (a.date or "", *((a.time or "", a.fetched) if a.fetched else ("", "")))

    keys = {
        "date alone (baseline)": (lambda a: a.date or "", lambda a: ((a.outlet or "").casefold(), a.date or "", a.id)),
        "date + same_day_order": (
            lambda a: (a.date or "") + same_day_order(a),
            lambda a: ((a.outlet or "").casefold(), (a.date or "") + same_day_order(a), a.id),
        ),
        "tuple (date, time, fetched)": (as_tuple, lambda a: ((a.outlet or "").casefold(), *as_tuple(a), a.id)),
    }
    print(f"{args.articles:,} articles, {args.fetched:.0%} fetched; fastest of {args.rounds}")
    print(f"{'key':<30} {'app list (ms)':>14} {'reader list (ms)':>17}")
    for name, (app_key, list_key) in keys.items():
        app = fastest(args.rounds, lambda: sorted(items, key=app_key, reverse=True))
        listed = fastest(args.rounds, lambda: sorted(items, key=list_key))
        print(f"{name:<30} {app * 1000:>14.1f} {listed * 1000:>17.1f}")
    app = fastest(args.rounds, lambda: sorted(items, key=day_key, reverse=True))
    listed = fastest(args.rounds, lambda: _listed_order(list(items)))
    print(f"{'day_key, three sorts (now)':<30} {app * 1000:>14.1f} {listed * 1000:>17.1f}")


if __name__ == "__main__":
    main()
