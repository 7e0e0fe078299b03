"""A comparison right after Library.prepare_comparisons against one cold, p50/p95, through the
Library the app uses (quotes from the index, partners from its stories).

    python bench/bench_prepare.py [CORPUS ...] [--articles 40] [--repeat 3]

For each article with another outlet's version of its story (the first --articles of them, in
id order), on an index built in a temporary folder (the corpus is only read):
  cold      Library.compare(article, its partner), the contextual encoder's cache emptied first;
  prepare   Library.prepare_comparisons(article) on an empty cache (the app runs it in a worker
            while the article is read: its cost is off the comparison's path);
  prepared  Library.compare(article, partner) right after it, and with the next likely partner
            (the reader switching outlets), when there is one.
Times are CPU time of this process (time.process_time), the fastest of --repeat runs; the wall-clock p50/p95 of `cold` and
`prepared` is printed too, with the load average. The seeds are measured when no corpus is given.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.cli import default_to_one_blas_thread  # noqa: E402

default_to_one_blas_thread(os.environ)

from reader.analysis import contextual  # noqa: E402
from reader.analysis.versions import likely_partners  # noqa: E402
from reader.library import Library  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def percentile(values, q):
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
    return values[k]


def timed(call, repeat: int = 1, reset=lambda: None):
    """(CPU, wall) ms of call(), the fastest of `repeat` runs, reset() before each."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        reset()
        w0, t0 = time.perf_counter(), time.process_time()
        call()
        spent = ((time.process_time() - t0) * 1000, (time.perf_counter() - w0) * 1000)
        best = (min(best[0], spent[0]), min(best[1], spent[1]))
    return best


def measure(library: Library, limit: int, repeat: int) -> dict[str, list[float]]:
    infos = sorted(library.articles(), key=lambda a: a.id)
    stories = library.stories()
    encoder = contextual.encoder()  # loads the model before any timing

    def forget() -> None:  # a cold comparison: no sentence encoded or tokenised yet
        encoder._cache.clear()
        encoder.tokenizer._text_ids.cache_clear()

    columns: dict[str, list[float]] = {
        k: [] for k in ("cold", "cold, wall", "prepare", "prepared", "prepared, wall", "next partner")
    }
    done = 0
    for info in infos:
        partners = likely_partners(info, infos, stories)
        if not partners:
            continue
        left = library.article(info.id)
        right = library.article(partners[0])
        library.compare(left, right)  # quotes and texts read once from disk before timing
        cpu, wall = timed(lambda: library.compare(left, right), repeat, forget)
        columns["cold"].append(cpu)
        columns["cold, wall"].append(wall)
        columns["prepare"].append(timed(lambda: library.prepare_comparisons(info.id), repeat, forget)[0])
        cpu, wall = timed(lambda: library.compare(left, right), repeat)
        columns["prepared"].append(cpu)
        columns["prepared, wall"].append(wall)
        if len(partners) > 1:
            other = library.article(partners[1])
            columns["next partner"].append(timed(lambda: library.compare(left, other), repeat)[0])
        done += 1
        if done >= limit:
            break
    return columns


def report(label: str, roots: list[Path], limit: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        library = Library(roots, Path(folder) / "index")
        try:
            columns = measure(library, limit, repeat)
        finally:
            library.close()
    count = len(columns["cold"])
    print(f"{label}: {count} articles with another outlet's version (load average {os.getloadavg()[0]:.1f})")
    for name, values in columns.items():
        if values:
            print(
                f"  {name:15s} p50 {percentile(values, 0.5):7.1f} ms   p95 {percentile(values, 0.95):7.1f} ms"
                f"   mean {statistics.fmean(values):7.1f} ms   (n={len(values)})"
            )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="*", type=Path, help="corpus folders (default: the seeds)")
    ap.add_argument("--articles", type=int, default=40, help="articles measured at most")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each timing; the fastest counts")
    args = ap.parse_args(argv)
    roots = args.corpus or [SEEDS]
    report(", ".join(str(r) for r in roots), roots, args.articles, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
