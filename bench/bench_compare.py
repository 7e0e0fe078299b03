"""Time of one comparison (reader.analysis.compare.compare), p50/p95, on the seeds and on story pairs.

    python bench/bench_compare.py [BASIL_DIR] [--repeat 3]

BASIL_DIR is a basil-dev style folder (Markdown articles + stories.yaml); every pair of articles
of one story is compared. The timings per pair:
  compare        quotes given (as the Library passes them, stored in the index), the two
                 articles never compared before: every sentence goes through the contextual
                 encoder (its cache is emptied first);
  compare, warm  the same again at once, the sentences in the encoder's cache (the app
                 comparing a story's versions again as the reader switches outlets);
  + find_quotes  quotes found on the fly as well (an article outside the index), warm;
  baseline       plain TF-IDF cosine over all sentence pairs, threshold only (same sentences).
The target is well under 50 ms for a typical pair. Times are CPU time of this process
(time.process_time, fastest of --repeat runs), which a busy shared machine inflates far less
than wall-clock time; the wall-clock p50/p95 of `compare` is printed too, with the load average.
Run it with `nice` on a shared machine. NumPy's BLAS runs on one thread, as in the reader command
(`reader.cli.default_to_one_blas_thread`), unless OPENBLAS_NUM_THREADS or the like is set.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.cli import default_to_one_blas_thread  # noqa: E402

# As the reader command runs a comparison: BLAS on one thread, unless a variable says otherwise
# (OPENBLAS_NUM_THREADS=2 measures what it was before: twice the CPU time, the same wall time).
default_to_one_blas_thread(os.environ)

import yaml  # noqa: E402

from reader.analysis.compare import compare  # noqa: E402
from reader.analysis.quotes import find_quotes  # noqa: E402
from reader.analysis.sentences import split_sentences  # noqa: E402
from reader.analysis.textstats import TfidfModel, cosine, tokenize  # noqa: E402
from reader.corpus import load_corpus  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def baseline(left, right, threshold=0.4):
    ls = [tokenize(s.text) for s in split_sentences(left.text)]
    rs = [tokenize(s.text) for s in split_sentences(right.text)]
    model = TfidfModel(ls + rs)
    lv = [model.vector(t) for t in ls]
    rv = [model.vector(t) for t in rs]
    return [(i, j) for i, a in enumerate(lv) for j, b in enumerate(rv) if cosine(a, b) >= threshold]


def percentile(values, q):
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
    return values[k]


def forget_sentences() -> None:
    """Empty the contextual encoder's sentence cache (a checkout from before it has none)."""
    try:
        from reader.analysis import contextual
    except ImportError:
        return
    if contextual._ENCODER is not None:
        contextual._ENCODER._cache.clear()


def time_pairs(pairs, repeat):
    quotes = {}
    for a, b in pairs:
        for art in (a, b):
            if art.id not in quotes:
                quotes[art.id] = find_quotes(art.text)
    compare(*pairs[0], quotes[pairs[0][0].id], quotes[pairs[0][1].id])  # loads the models once
    timings: list[list[float]] = [[], [], [], [], []]
    clock = time.process_time
    for a, b in pairs:
        best = [float("inf")] * 5
        for _ in range(repeat):
            forget_sentences()
            w0 = time.perf_counter()
            t0 = clock()
            compare(a, b, quotes[a.id], quotes[b.id])
            t1 = clock()
            w1 = time.perf_counter()
            compare(a, b, quotes[a.id], quotes[b.id])
            t2 = clock()
            compare(a, b)
            t3 = clock()
            baseline(a, b)
            t4 = clock()
            spent = (t1 - t0, w1 - w0, t2 - t1, t3 - t2, t4 - t3)
            best = [min(x, y) for x, y in zip(best, spent)]
        for column, value in zip(timings, best):
            column.append(value * 1000)
    return timings


def report(label, pairs, repeat):
    if not pairs:
        print(f"{label}: no pairs")
        return
    sizes = [len(a.text) + len(b.text) for a, b in pairs]
    t_cmp, t_wall, t_warm, t_full, t_base = time_pairs(pairs, repeat)
    print(
        f"{label}: {len(pairs)} pairs, median {statistics.median(sizes) / 2:.0f} chars an article"
        f" (load average {os.getloadavg()[0]:.1f})"
    )
    for name, values in (
        ("compare", t_cmp),
        ("compare, wall", t_wall),
        ("compare, warm", t_warm),
        ("+ find_quotes", t_full),
        ("baseline tf-idf", t_base),
    ):
        print(
            f"  {name:16s} p50 {percentile(values, 0.5):7.2f} ms   p95 {percentile(values, 0.95):7.2f} ms"
            f"   max {max(values):7.2f} ms"
        )


def basil_pairs(folder: Path):
    stories = yaml.safe_load((folder / "stories.yaml").read_text(encoding="utf-8")) or []
    result = load_corpus([folder])
    by_name = {Path(a.path).name: a for a in result.articles}
    pairs = []
    for story in stories:
        members = [by_name[n] for n in story.get("articles") or [] if n in by_name]
        members = [m for m in members if m.text.strip()]
        pairs.extend(itertools.combinations(members, 2))
    return pairs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("basil", nargs="?", type=Path, help="basil-dev style folder (optional)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per pair; the fastest counts")
    args = ap.parse_args(argv)
    seeds = sorted(load_corpus([SEEDS]).articles, key=lambda a: a.id)
    report("seeds", [tuple(seeds[:2])] if len(seeds) >= 2 else [], max(args.repeat, 10))
    if args.basil:
        if not (args.basil / "stories.yaml").is_file():
            print(f"bench_compare: no stories.yaml in {args.basil}", file=sys.stderr)
            return 2
        report("basil story pairs", basil_pairs(args.basil), args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
