"""Time of one comparison (reader.analysis.compare.compare), p50/p95, on the seeds and on story pairs.

    python bench/bench_compare.py [BASIL_DIR] [--repeat 3] [--encoder-threads N] [--typical-only]

BASIL_DIR is a basil-dev style folder (Markdown articles + stories.yaml); every pair of articles
of one story is compared. The timings per pair:
  compare        quotes given (as the Library passes them, stored in the index), the two
                 articles never compared before: every sentence goes through the contextual
                 encoder (its cache is emptied first), on --encoder-threads threads (default:
                 one a core, as the reader command);
  compare, 1 thread   the same with the sentences encoded one after another on one thread,
                 interleaved with the line above (A/B, A/B) so both see the same machine load;
                 the two comparisons must give the same result (checked on every pair);
  compare, warm  the same again at once, the sentences in the encoder's cache (the app
                 comparing a story's versions again as the reader switches outlets);
  + find_quotes  quotes found on the fly as well (an article outside the index), warm;
  baseline       plain TF-IDF cosine over all sentence pairs, threshold only (same sentences).
The issue's target: a typical pair (30 x 30 sentences) at p95 <= 100 ms after the model is
loaded. Two sets answer it: the story pairs whose two articles have 25-35 sentences each (from
the same runs), and every pair whose two articles have 30 sentences or more, each cut after its
30th (measured apart, cold only; --typical-only measures these two sets alone). "compare, warm"
is what the app shows once `Library.prepare_comparisons` has encoded an opened article's other
versions in the background (a CPU without VNNI encodes ~4x slower than one with it: docs/comparison.md,
"Same vectors on every CPU"); "from disk" a new process comparing a pair compared before, its
sentences read from the on-disk cache (reader/analysis/vector_cache.py).
Times are CPU time of this process (time.process_time, fastest of --repeat runs), which a busy
shared machine inflates far less than wall-clock time, and the wall-clock time the user waits
(time.perf_counter, fastest of the runs), with the load average. Run it with `nice` on a shared
machine. NumPy's BLAS runs on one thread, as in the reader command
(`reader.cli.default_to_one_blas_thread`), unless OPENBLAS_NUM_THREADS or the like is set.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import os
import statistics
import sys
import tempfile
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


def the_encoder():
    """The contextual encoder, loaded (None in a checkout from before it)."""
    try:
        from reader.analysis import contextual
    except ImportError:
        return None
    return contextual.encoder()


def forget_sentences() -> None:
    """Empty the contextual encoder's sentence cache and its tokenizer's (a checkout from before
    has none, or only the first)."""
    model = the_encoder()
    if model is not None:
        model._cache.clear()
        text_ids = getattr(model.tokenizer, "_text_ids", None)
        if text_ids is not None:
            text_ids.cache_clear()


def set_encoder_threads(threads: int) -> None:
    model = the_encoder()
    if model is not None and hasattr(model, "threads"):
        model.threads = threads


def from_disk(a, b, qa, qb, folder: Path) -> tuple[float, float] | None:
    """(CPU ms, wall ms) of a comparison whose sentences a run before kept on disk (a new
    `reader compare` of a pair compared before): encoded once with the on-disk cache in `folder`,
    then compared again with memory emptied. None in a checkout without that cache."""
    try:
        from reader.analysis.vector_cache import VectorCache
    except ImportError:
        return None
    model = the_encoder()
    model.disk = VectorCache(folder, model.digest())
    try:
        forget_sentences()
        compare(a, b, qa, qb)
        forget_sentences()
        w0, t0 = time.perf_counter(), time.process_time()
        compare(a, b, qa, qb)
        return (time.process_time() - t0) * 1000, (time.perf_counter() - w0) * 1000
    finally:
        model.disk.close()
        model.disk = None


def cold(a, b, qa, qb, threads: int):
    """(CPU ms, wall ms, result) of one comparison with the encoder's cache empty."""
    set_encoder_threads(threads)
    forget_sentences()
    w0, t0 = time.perf_counter(), time.process_time()
    result = compare(a, b, qa, qb)
    cpu, wall = (time.process_time() - t0) * 1000, (time.perf_counter() - w0) * 1000
    return cpu, wall, result.to_dict()


COLD = ("compare", "compare, wall", "compare, 1 thread", "compare, 1 thread, wall")
TYPICAL = (*COLD[:2], "compare, warm", "from disk", "from disk, wall", *COLD[2:])
ALL = (*COLD[:2], "compare, warm", "+ find_quotes", "baseline tf-idf", *COLD[2:])


class Mismatch(AssertionError):
    pass


def time_pairs(pairs, repeat, threads: int, cold_only: bool = False) -> list[dict[str, float]]:
    """Per pair, the fastest of `repeat` runs of each timing (ms). With threads > 1, each cold
    comparison on `threads` encoding threads is followed at once by one on a single thread."""
    quotes = {}
    for a, b in pairs:
        for art in (a, b):
            if art.id not in quotes:
                quotes[art.id] = find_quotes(art.text)
    compare(*pairs[0], quotes[pairs[0][0].id], quotes[pairs[0][1].id])  # loads the models once
    rows = []
    for a, b in pairs:
        qa, qb = quotes[a.id], quotes[b.id]
        best: dict[str, float] = {}

        def keep(name, value):
            best[name] = min(best.get(name, float("inf")), value * 1000 if name in ALL[2:5] else value)

        for _ in range(repeat):
            cpu, wall, result = cold(a, b, qa, qb, threads)
            keep("compare", cpu)
            keep("compare, wall", wall)
            if threads > 1:
                cpu, wall, alone = cold(a, b, qa, qb, 1)
                keep("compare, 1 thread", cpu)
                keep("compare, 1 thread, wall", wall)
                set_encoder_threads(threads)
                if alone != result:
                    raise Mismatch(f"{a.id} / {b.id}: threaded and one-thread comparisons differ")
            if cold_only:
                continue
            t1 = time.process_time()
            compare(a, b, qa, qb)
            t2 = time.process_time()
            compare(a, b)
            t3 = time.process_time()
            baseline(a, b)
            t4 = time.process_time()
            keep("compare, warm", t2 - t1)
            keep("+ find_quotes", t3 - t2)
            keep("baseline tf-idf", t4 - t3)
            with tempfile.TemporaryDirectory() as folder:
                timed = from_disk(a, b, qa, qb, Path(folder))
            if timed is not None:
                keep("from disk", timed[0])
                keep("from disk, wall", timed[1])
        rows.append(best)
    return rows


def print_rows(rows, names=ALL):
    for name in names:
        values = [row[name] for row in rows if name in row]
        if values:
            print(
                f"  {name:24s} p50 {percentile(values, 0.5):7.2f} ms   p95 {percentile(values, 0.95):7.2f} ms"
                f"   max {max(values):7.2f} ms"
            )


def describe(label, pairs):
    sizes = [len(a.text) + len(b.text) for a, b in pairs]
    return (
        f"{label}: {len(pairs)} pairs, median {statistics.median(sizes) / 2:.0f} chars an article"
        f" (load average {os.getloadavg()[0]:.1f})"
    )


def report(label, pairs, repeat, threads: int):
    if not pairs:
        print(f"{label}: no pairs")
        return []
    rows = time_pairs(pairs, repeat, threads)
    print(describe(label, pairs))
    print_rows(rows)
    return rows


def sentence_count(article) -> int:
    return len(split_sentences(article.text))


def is_typical(pair, low=25, high=35) -> bool:
    """Both articles have low..high sentences (the issue's typical pair: 30 x 30)."""
    return all(low <= sentence_count(article) <= high for article in pair)


def cut_after(article, count: int):
    """The article cut after its count-th sentence."""
    sentences = split_sentences(article.text)
    return dataclasses.replace(article, text=article.text[: sentences[count - 1].end])


def thirty_by_thirty(pairs, count=30):
    return [
        (cut_after(a, count), cut_after(b, count))
        for a, b in pairs
        if sentence_count(a) >= count and sentence_count(b) >= count
    ]


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
    ap.add_argument(
        "--encoder-threads", type=int, help="sentences encoded at once (default: one a core, as the reader command)"
    )
    ap.add_argument("--typical-only", action="store_true", help="only the typical pairs, cold and warm (quicker)")
    args = ap.parse_args(argv)
    model = the_encoder()
    threads = args.encoder_threads or getattr(model, "threads", 1)
    print(f"encoder threads: {threads} (against 1 in the same run)" if threads > 1 else "encoder threads: 1")
    if not args.typical_only:
        seeds = sorted(load_corpus([SEEDS]).articles, key=lambda a: a.id)
        report("seeds", [tuple(seeds[:2])] if len(seeds) >= 2 else [], max(args.repeat, 10), threads)
    if args.basil:
        if not (args.basil / "stories.yaml").is_file():
            print(f"bench_compare: no stories.yaml in {args.basil}", file=sys.stderr)
            return 2
        pairs = basil_pairs(args.basil)
        if args.typical_only:
            chosen_pairs = [pair for pair in pairs if is_typical(pair)]
            rows = time_pairs(chosen_pairs, args.repeat, threads)
            print(describe("typical pairs, both articles 25-35 sentences", chosen_pairs))
            print_rows(rows, TYPICAL)
        else:
            rows = report("basil story pairs", pairs, args.repeat, threads)
            chosen = [row for pair, row in zip(pairs, rows) if is_typical(pair)]
            print(f"  typical pairs, both articles 25-35 sentences: {len(chosen)} of them")
            print_rows(chosen, TYPICAL)
        cut = thirty_by_thirty(pairs)
        if cut:
            rows = time_pairs(cut, args.repeat, threads, cold_only=True)
            print(describe("basil pairs cut to 30 x 30 sentences", cut))
            print_rows(rows, COLD)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
