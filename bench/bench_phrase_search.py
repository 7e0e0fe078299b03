"""Phrase search: CPU time of phrases of common words, Whoosh's phrase matcher beside ours.

    python bench/bench_phrase_search.py [--count 3000] [--work DIR] [--repeat 9]

A corpus of --count articles made by bench/synth.py (Zipf-distributed words, attributions such as
"said in a statement") is indexed in WORK (reused when there), then each query below is run with
`search(q, limit=10)`, snippets included, the parsed-query cache emptied first: once with
Whoosh's own Phrase matcher (the baseline: search._fast_phrases turned off), once with ours, in
turns, in this one process. Printed: CPU time (process_time) p50 over --repeat runs of each, and
whether the hits (ids, scores, order) and totals are the same.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    '"said in a statement"',
    '"told reporters"',
    '"government officials"',
    '"the president said"~3',
    "said in a statement",  # no phrase: the same for both (a check that nothing else moved)
]


def synth_index(count: int, work: Path | None):
    """The index of a corpus of `count` articles by bench/synth.py in `work` (made there once)."""
    work = work or Path(tempfile.gettempdir()) / f"reader-bench-phrase-{count}"
    corpus, index_dir = work / "corpus", work / "index"
    if not corpus.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "synth.py"), str(corpus), "--count", str(count)], check=True
        )

    from reader.index import CorpusIndex

    index = CorpusIndex([corpus], index_dir)
    started = time.perf_counter()
    index.update()
    print(f"{count} articles; index ready in {time.perf_counter() - started:.1f} s")
    return index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    index = synth_index(args.count, args.work)
    from reader.index import search

    ours = search._fast_phrases

    def run(query: str, fast: bool) -> tuple[float, object]:
        search._fast_phrases = ours if fast else (lambda node: node)
        search._PARSED.clear()
        start = time.process_time()
        results = index.search(query, limit=10)
        elapsed = time.process_time() - start
        return elapsed, (results.total, [(hit.id, hit.score) for hit in results.hits])

    print(f"{'query':32} {'whoosh ms':>10} {'ours ms':>8} {'ratio':>6}  same  matches")
    for query in QUERIES:
        run(query, True)  # warm: the segments read, the stems cached
        times: dict[bool, list[float]] = {False: [], True: []}
        answers = {}
        for _ in range(args.repeat):
            for fast in (False, True):
                elapsed, answers[fast] = run(query, fast)
                times[fast].append(elapsed)
        before, after = statistics.median(times[False]) * 1000, statistics.median(times[True]) * 1000
        same = answers[False] == answers[True]
        total = answers[True][0]  # type: ignore[index]
        print(f"{query:32} {before:10.1f} {after:8.1f} {after / before:6.2f}  {'yes' if same else 'NO':4}  {total}")
    search._fast_phrases = ours


if __name__ == "__main__":
    main()
