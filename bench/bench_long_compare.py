"""Time of comparing two long articles (speech transcripts, live blogs: 300-1,500 sentences).

    python bench/bench_long_compare.py BASIL_DIR [--sizes 30,300,800,1500] [--profile N] [--dump FILE]
                                       [--cancel-after S,S...]

BASIL_DIR is a basil-dev style folder (Markdown articles named DATE-OUTLET-ID.md). Each long
article is one outlet's articles concatenated in date order (the left side Fox News, the right
the New York Times by default: the same events, told in the same order, as in a long pair of
real articles), cut after the first SIZE sentences. Per size it prints the CPU time
(time.process_time) and the wall-clock time of one `compare()`, with the encoder's cache
emptied first (cold) and again at once (warm: the sentences still in memory, as far as the
encoder's cache holds them), and the load average: run it with `nice` on a shared machine.
--profile N prints cProfile's top N functions (by cumulative time) of the cold comparison.
--dump FILE writes each size's `compare().to_dict()` as JSON, to check that two checkouts give
the same comparison (bench/check_link_identity.py checks the link features themselves).
--cancel-after S,S... runs each size's cold comparison again in a thread and cancels it after each
S seconds (as Escape does in the app): it prints how long the thread then took to end, and its
CPU meanwhile (the process's, so run it alone).
--check-gaps N runs each size's comparison once more (warm) and prints the N longest stretches
of the comparing thread's own CPU time (time.thread_time: not stretched by other processes)
between two calls of `cancel()`, each with where the two checks are: how long a cancel can
wait at worst, whatever the load.
NumPy's BLAS runs on one thread, as in the reader command.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import os
import pstats
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.cli import default_to_one_blas_thread  # noqa: E402

default_to_one_blas_thread(os.environ)

from reader.analysis.cancel import Cancelled  # noqa: E402
from reader.analysis.compare import compare  # noqa: E402
from reader.analysis.quotes import find_quotes  # noqa: E402
from reader.analysis.sentences import split_sentences  # noqa: E402
from reader.corpus import load_corpus  # noqa: E402


def long_article(folder: Path, outlet: str, sentences: int):
    """`outlet`'s articles of `folder` (by file name: date order) as one article, cut after its
    `sentences`-th sentence (the articles repeated when they hold fewer)."""
    articles = [a for a in load_corpus([folder]).articles if f"-{outlet}-" in Path(a.path).name and a.text.strip()]
    articles.sort(key=lambda a: Path(a.path).name)
    if not articles:
        raise SystemExit(f"bench_long_compare: no {outlet} articles in {folder}")
    parts: list[str] = []
    count = 0
    while count < sentences:
        for article in articles:
            parts.append(article.text.strip())
            count += len(split_sentences(article.text))
            if count >= sentences:
                break
    text = "\n\n".join(parts)
    cut = split_sentences(text)
    text = text[: cut[min(sentences, len(cut)) - 1].end]
    return dataclasses.replace(articles[0], id=f"{outlet}-{sentences}", title=f"{outlet} x {sentences}", text=text)


def forget_sentences() -> None:
    from reader.analysis import contextual

    model = contextual.encoder()
    model._cache.clear()
    text_ids = getattr(model.tokenizer, "_text_ids", None)
    if text_ids is not None:
        text_ids.cache_clear()


def timed(a, b, qa, qb):
    w0, t0 = time.perf_counter(), time.process_time()
    result = compare(a, b, qa, qb)
    return time.process_time() - t0, time.perf_counter() - w0, result


def time_to_stop(a, b, qa, qb, after: float) -> str:
    """One cold comparison cancelled `after` seconds in: how long its thread took to end."""
    forget_sentences()
    stop = threading.Event()
    ended: list[str] = []

    def run() -> None:
        try:
            compare(a, b, qa, qb, cancel=stop.is_set)
            ended.append("finished first")
        except Cancelled:
            ended.append("cancelled")

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(after)
    if not worker.is_alive():
        return f"cancel after {after:g} s: {ended[0]} (too late)"
    w0, t0 = time.perf_counter(), time.process_time()
    stop.set()
    worker.join()
    return (
        f"cancel after {after:g} s: ended {time.perf_counter() - w0:.2f} s later"
        f" ({time.process_time() - t0:.2f} s CPU; {ended[0]})"
    )


def check_gaps(a, b, qa, qb, top: int) -> list[str]:
    """The `top` longest stretches of this thread's CPU between two cancel checks of one compare()."""
    import traceback

    def where() -> str:
        for frame in reversed(traceback.extract_stack()[:-2]):
            if "/reader/analysis/" in frame.filename and Path(frame.filename).name != "cancel.py":
                return f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"
        return "?"

    last = [time.thread_time(), "start"]
    gaps: list[tuple[float, str, str]] = []

    def cancel() -> bool:
        now, here = time.thread_time(), where()
        gaps.append((now - last[0], str(last[1]), here))
        last[:] = [time.thread_time(), here]
        return False

    compare(a, b, qa, qb, cancel=cancel)
    gaps.append((time.thread_time() - last[0], str(last[1]), "end"))
    gaps.sort(reverse=True)
    return [f"{gap * 1000:7.0f} ms CPU  {start}  ->  {end}" for gap, start, end in gaps[:top]]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("basil", type=Path, help="basil-dev style folder")
    ap.add_argument("--sizes", default="30,300,800,1500", help="sentences in each article (comma-separated)")
    ap.add_argument("--left", default="fox", help="outlet of the left article (in the file names)")
    ap.add_argument("--right", default="nyt", help="outlet of the right article")
    ap.add_argument("--profile", type=int, default=0, help="print the top N functions of the cold comparison")
    ap.add_argument("--no-warm", action="store_true", help="cold comparisons only")
    ap.add_argument("--dump", type=Path, help="write each size's comparison as JSON to this file")
    ap.add_argument("--check-gaps", type=int, default=0, help="print the N longest CPU stretches between cancel checks")
    ap.add_argument("--cancel-after", default="", help="seconds into a cold comparison to cancel it (comma-separated)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    dumped = {}
    first = True
    for size in sizes:
        a, b = long_article(args.basil, args.left, size), long_article(args.basil, args.right, size)
        qa, qb = find_quotes(a.text), find_quotes(b.text)
        if first:  # load the models once, outside the timings
            small = dataclasses.replace(a, text=a.text[:2000])
            compare(small, small, find_quotes(small.text), find_quotes(small.text))
            first = False
        forget_sentences()
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        cpu, wall, result = timed(a, b, qa, qb)
        if profiler:
            profiler.disable()
        line = (
            f"{len(result.left.sentences)} x {len(result.right.sentences)} sentences:"
            f" cold {cpu:7.2f} s CPU {wall:7.2f} s wall"
        )
        if not args.no_warm:
            cpu, wall, again = timed(a, b, qa, qb)
            line += f"   warm {cpu:7.2f} s CPU {wall:7.2f} s wall"
            if again.to_dict() != result.to_dict():
                raise SystemExit(f"bench_long_compare: {size}: the warm comparison differs from the cold one")
        print(f"{line}   ({len(result.pairs)} links; load average {os.getloadavg()[0]:.1f})", flush=True)
        if profiler:
            pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(args.profile)
        dumped[str(size)] = result.to_dict()
        if args.check_gaps:
            print(f"  the {args.check_gaps} longest stretches between two cancel checks (warm):")
            for line in check_gaps(a, b, qa, qb, args.check_gaps):
                print(f"    {line}", flush=True)
        for after in [float(s) for s in args.cancel_after.split(",") if s]:
            print(f"  {time_to_stop(a, b, qa, qb, after)}", flush=True)
    if args.dump:
        args.dump.write_text(json.dumps(dumped, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
