"""What preparing every story's comparisons costs, and what it buys (Library.prepare_stories, run by
`reader index` and by the app after indexing).

    python bench/bench_prepare_stories.py [CORPUS ...] [--repeat 3]

On an index and a sentence cache of its own (temporary folders; the corpus is only read):
  pass          the first Library.prepare_stories: wall and CPU time, sentences encoded, per second;
  again         the same at once: the record of the last pass answers (what a `reader index` with
                nothing new costs on top of the index);
  after a change  the index committed again with no article changed (its commit stamp faked): what
                an update that changed other files adds (each article's text read and checked
                against the record, none looked up or encoded);
  again, forced every article read and its sentences looked up on disk, none encoded (`again=True`,
                what `reader index --rebuild` adds once the sentences are kept);
then, for the typical pairs (two outlets' versions of one story, both 25-35 sentences, as
bench_compare.py picks them), interleaved so both see the same machine load:
  cold          a comparison never made before, every sentence through the encoder (its memory
                cache emptied and the disk cache detached): what a comparison costs without the pass;
  prepared      the same comparison through Library.compare with the encoder's memory cache
                emptied: every sentence read from the disk the pass filled, as in a new process.
Times are the fastest of --repeat runs, CPU (time.process_time) and wall (time.perf_counter), with
the load average. The seeds are measured when no corpus is given.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_prepare import SEEDS, percentile  # noqa: E402  (it also puts NumPy's BLAS on one thread)


def timed(call):
    w0, t0 = time.perf_counter(), time.process_time()
    result = call()
    return result, (time.process_time() - t0) * 1000, (time.perf_counter() - w0) * 1000


def typical_pairs(library, low=25, high=35):
    """(left, right) articles of one story from two outlets, both low..high sentences."""
    from reader.analysis.sentences import split_sentences

    by_id = {a.id: a for a in library.articles()}
    size = {}
    pairs = []
    for story in library.stories():
        members = [m for m in story.articles if m in by_id]
        for n, a in enumerate(members):
            for b in members[n + 1 :]:
                if (by_id[a].outlet or "") == (by_id[b].outlet or ""):
                    continue
                for k in (a, b):
                    if k not in size:
                        size[k] = len(split_sentences(library.article(k).text))
                if low <= size[a] <= high and low <= size[b] <= high:
                    pairs.append((library.article(a), library.article(b)))
    return pairs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="*", type=Path, help="corpus folders (default: the seeds)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each comparison; the fastest counts")
    args = ap.parse_args(argv)
    roots = args.corpus or [SEEDS]
    with tempfile.TemporaryDirectory() as folder:
        os.environ["READER_CACHE_DIR"] = str(Path(folder) / "cache")  # a sentence cache of its own
        from reader.analysis import contextual
        from reader.analysis.compare import compare
        from reader.library import Library

        library = Library(roots, Path(folder) / "index")
        try:
            library.ensure_index()
            contextual.encoder()  # the model file read before any timing
            report, cpu, wall = timed(library.prepare_stories)
            per_second = report.encoded / (wall / 1000) if wall else 0.0
            print(f"{', '.join(map(str, roots))} (load average {os.getloadavg()[0]:.1f})")
            print(
                f"  pass            {report.ready} of {report.articles} articles ready, {report.encoded} sentences"
                f" encoded: wall {wall / 1000:.1f} s, CPU {cpu / 1000:.1f} s ({per_second:.0f} sentences/s)"
                + (f"; {report.left} left (cache full)" if report.full else "")
            )
            again, cpu, wall = timed(library.prepare_stories)
            print(f"  again           current={again.current}: wall {wall:.1f} ms, CPU {cpu:.1f} ms")
            real_stamp = library.index.commit_stamp
            library.index.commit_stamp = lambda: f"{real_stamp()}-changed"
            changed, cpu, wall = timed(library.prepare_stories)
            library.index.commit_stamp = real_stamp
            print(f"  after a change  {changed.encoded} encoded: wall {wall:.0f} ms, CPU {cpu:.0f} ms")
            forced, cpu, wall = timed(lambda: library.prepare_stories(again=True))
            print(f"  again, forced   {forced.encoded} encoded: wall {wall:.0f} ms, CPU {cpu:.0f} ms")
            model = contextual.encoder()
            columns: dict[str, list[float]] = {"cold": [], "cold, wall": [], "prepared": [], "prepared, wall": []}
            pairs = typical_pairs(library)
            for left, right in pairs:
                quotes = (library.quotes(left), library.quotes(right))
                best = {name: float("inf") for name in columns}
                for _ in range(args.repeat):
                    disk, model.disk = model.disk, None
                    model._cache.clear()
                    try:
                        _, cpu, wall = timed(lambda: compare(left, right, *quotes))
                    finally:
                        model.disk = disk
                    best["cold"], best["cold, wall"] = min(best["cold"], cpu), min(best["cold, wall"], wall)
                    model._cache.clear()
                    _, cpu, wall = timed(lambda: library.compare(left, right))
                    best["prepared"] = min(best["prepared"], cpu)
                    best["prepared, wall"] = min(best["prepared, wall"], wall)
                for name, value in best.items():
                    columns[name].append(value)
            print(f"  typical pairs, both 25-35 sentences: {len(pairs)} (load average {os.getloadavg()[0]:.1f})")
            for name, values in columns.items():
                if values:
                    print(
                        f"  {name:15s} p50 {percentile(values, 0.5):7.1f} ms   p95 {percentile(values, 0.95):7.1f} ms"
                    )
        finally:
            library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
