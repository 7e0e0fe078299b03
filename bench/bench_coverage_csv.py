"""`reader coverage --csv`'s writing on a synthetic coverage: N outlets, M stories of 3 outlets each
(120,000 rows at the default 40 x 3,000), beside computing the coverage, and beside the former
way of cleaning each cell on its own (`strip_controls_for_terminal` per cell, its import inside
each call) as a same-run baseline.

    python bench/bench_coverage_csv.py [--outlets 40] [--stories 3000]

Prints the median of 3 runs of each, in seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import random
import statistics
import time

from reader.analysis.coverage import CSV_COLUMNS, compute_coverage, csv_rows
from reader.commands.common import strip_controls_for_terminal
from reader.commands.coverage import emit_csv


def synthetic(outlets: int, stories: int):
    rng = random.Random(0)
    names = [f"Outlet {i:03d}" for i in range(outlets)]
    articles, groups = [], []
    for s in range(stories):
        ids = []
        for outlet in rng.sample(names, min(3, outlets)):
            article_id = f"{outlet.lower().replace(' ', '-')}/story-{s}"
            articles.append({"id": article_id, "outlet": outlet, "date": f"2025-{1 + s % 12:02d}-{1 + s % 28:02d}"})
            ids.append(article_id)
        groups.append({"id": f"s{s:05d}", "label": f"Story {s} " + "words " * 10, "articles": ids})
    return articles, groups


def per_cell_baseline(rows, outlets) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for cells in list(csv_rows(rows, outlets)):
        writer.writerow([strip_controls_for_terminal(cell) for cell in cells])
    return out.getvalue()


def emitted(rows, outlets) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        emit_csv(rows, outlets)
    return out.getvalue()


def median_seconds(fn, *args, runs: int = 3):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outlets", type=int, default=40)
    parser.add_argument("--stories", type=int, default=3000)
    args = parser.parse_args()
    articles, groups = synthetic(args.outlets, args.stories)
    computing, coverage = median_seconds(compute_coverage, articles, groups)
    assert coverage is not None
    baseline, before = median_seconds(per_cell_baseline, coverage.stories, coverage.outlets)
    writing, after = median_seconds(emitted, coverage.stories, coverage.outlets)
    assert before == after, "the two ways must write the same CSV"
    rows = after.count("\n") - 1
    print(f"{args.outlets} outlets x {args.stories} stories: {rows:,} rows, {len(after) / 1e6:.1f} MB")
    print(f"compute_coverage      {computing:.2f} s")
    print(f"per-cell cleaning     {baseline:.2f} s  (the former emit_csv)")
    print(f"emit_csv              {writing:.2f} s")


if __name__ == "__main__":
    main()
