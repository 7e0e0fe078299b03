"""Finding proportions ("7 in 10 Americans") for the figure flags: the scan at each "in" / "out of"
against the scan for a number at every word it replaced, in one run, and the share of
find_flag_figures either takes.

    python bench/bench_proportions.py [--repeats N]

The text is made-up news prose (a paragraph repeated N times, default 2,000); both scans must
find the same proportions. Best of 5 passes each, interleaved.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis import figures  # noqa: E402

PARAGRAPH = (
    "The council voted on Tuesday to spend $4.5 million on the new bridge, officials said in a "
    "statement. About 300 residents attended the meeting in the old hall, where the mayor said "
    "the work would take three years. Seven out of ten voters in the town back the plan, the "
    "survey found, as a poll in the spring did in the county. "
)


def scan_every_word(text: str, base: int, words) -> list:
    """The earlier _proportions: _PROPORTION tried at every word of the text."""
    out = []
    for m in figures._PROPORTION.finditer(text):
        num, den = figures._part_value(m.group("num")), figures._part_value(m.group("den"))
        if num is None or not den or num > den:
            continue
        if " out " not in f" {m.group().casefold()} ":
            after = figures._SHARE_WORD.match(text, m.end())
            if den > figures._SHARE_PARTS or after is None or after.group(1).casefold() in figures._NOT_SHARES:
                continue
        value = round(num / den * 100, 6)
        spread = min(50 / den * 0.99, value * figures._FRACTION_SPREAD)
        found = figures.Figure(
            m.group(), base + m.start(), base + m.end(), "percent", value, "%", low=value - spread, high=value + spread
        )
        out.append(figures._with_context(found, words.get(), base))
    return out


def best_of(fn, passes: int = 5) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2000)
    args = parser.parse_args(argv)
    text = PARAGRAPH * args.repeats
    words = figures._LazyWords(text, None)
    words.get()  # the context words are found once for the whole text either way
    found = figures._proportions(text, 0, words)
    if found != scan_every_word(text, 0, words):
        print("the two scans differ", file=sys.stderr)
        return 1
    every_word = best_of(lambda: scan_every_word(text, 0, words))
    at_joins = best_of(lambda: figures._proportions(text, 0, words))
    whole = best_of(lambda: figures.find_flag_figures(text), passes=3)
    print(f"{len(text):,} characters, {len(found):,} proportions")
    print(f"scan at every word (before): {every_word:.3f} s ({every_word / whole:.1%} of find_flag_figures)")
    print(f"scan at each in / out of:    {at_joins:.3f} s ({at_joins / whole:.1%} of find_flag_figures)")
    print(f"find_flag_figures:           {whole:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
