"""The list filter's text with the search's fold (accents, ß, İ/ı, final sigma) against without it.

    python bench/bench_filter_fold.py [--count 20000] [--repeat 5]

The source list keys every row's text (title, outlet, date) once per catalog with
listing.filter_key; since the filter folds letters as the search does it passes textproc.fold.
Times, in the same run, filter_key without the fold (as before) and with it over COUNT titles of
three kinds: plain ASCII, typeset (a curly apostrophe and a dash, ASCII once read) and accented
(Peña, İstanbul, Straße, Αθήνα); the fastest of --repeat runs, in µs a title.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.index.textproc import fold  # noqa: E402
from reader.listing import filter_key  # noqa: E402

KINDS = {
    "ascii": "Budget vote {n}: senators meet in Budapest Daily Planet 2025-10-21",
    "typeset": "Trump\u2019s budget \u2013 vote {n} in Budapest Daily Planet 2025-10-21",
    "accented": "Pe\u00f1a meets \u0130stanbul\u2019s mayor on Stra\u00dfe {n} in \u0391\u03b8\u03ae\u03bd\u03b1 Daily 2025-10-21",
}


def per_title(titles: list[str], folding, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for title in titles:
            filter_key(title, folding)
        best = min(best, time.perf_counter() - start)
    return best / len(titles) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    print(f"{args.count:,} titles a kind, fastest of {args.repeat} runs, µs a title")
    print(f"  {'kind':10} {'no fold (before)':>17} {'fold (now)':>11}")
    for kind, pattern in KINDS.items():
        titles = [pattern.format(n=rng.randrange(10**6)) for _ in range(args.count)]
        before = per_title(titles, None, args.repeat)
        now = per_title(titles, fold, args.repeat)
        print(f"  {kind:10} {before:17.2f} {now:11.2f}")


if __name__ == "__main__":
    main()
