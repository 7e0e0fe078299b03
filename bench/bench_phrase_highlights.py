"""Phrase highlighting: CPU time of a search's snippets (and of an open article's highlights)
with a phrase's words highlighted where the phrase stands (textproc.phrase_ranges) beside the
words highlighted anywhere, as before (the baseline, in the same process).

    python bench/bench_phrase_highlights.py [--count 3000] [--work DIR] [--repeat 9]

A corpus of --count articles made by bench/synth.py is indexed in WORK (reused when there), then
each query is run with `search(q, limit=20)` (snippets of 20 hits) and `match_ranges` of its top
hit, the parsed-query cache emptied first, the two ways in turns. Printed: CPU time
(process_time) p50 over --repeat runs, the hits the same (ids, scores, order) either way, and
the ranges each way highlights in the top 20's snippets. Then hostile articles of 0.5-1 MB
(the phrase 70,000 times on end, its words never in order, one word missing, a CJK run): the
CPU time of their first 1000 ranges (a snippet's, search.MAX_RANGES) each way.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

QUERIES = [
    '"said in a statement"',
    '"told reporters"',
    '"government officials"',
    '"the president said"~3',
    '"told reporters" minister',
    "said in a statement",  # no phrase: the same both ways
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    from bench_phrase_search import synth_index

    from reader.index import search

    index = synth_index(args.count, args.work)
    ours = search.positive_terms

    def anywhere(q, reader, phrases=None):
        return ours(q, reader)  # the phrases' words among the terms: highlighted anywhere

    def run(query: str, where: bool) -> tuple[float, object, int]:
        search.positive_terms = ours if where else anywhere
        search._PARSED.clear()
        start = time.process_time()
        results = index.search(query, limit=20)
        if results.hits:
            index.match_ranges(results.hits[0].id, query)
        elapsed = time.process_time() - start
        ranges = sum(len(s.matches) for hit in results.hits for s in hit.snippets)
        return elapsed, [(hit.id, hit.score) for hit in results.hits], ranges

    print(f"{'query':32} {'anywhere ms':>12} {'phrase ms':>10} {'ratio':>6}  same  ranges before/after")
    for query in QUERIES:
        run(query, True)  # warm: the segments read, the stems cached
        times: dict[bool, list[float]] = {False: [], True: []}
        hits, ranges = {}, {}
        for _ in range(args.repeat):
            for where in (False, True):
                elapsed, hits[where], ranges[where] = run(query, where)
                times[where].append(elapsed)
        before, after = statistics.median(times[False]) * 1000, statistics.median(times[True]) * 1000
        same = hits[False] == hits[True]
        print(
            f"{query:32} {before:12.1f} {after:10.1f} {after / before:6.2f}  {'yes' if same else 'NO':4}"
            f"  {ranges[False]}/{ranges[True]}"
        )
    search.positive_terms = ours
    hostile()


HOSTILE = {
    "phrase 70,000 times on end": ("climate change " * 70_000, ("climat", "chang")),
    "its words never in order": ("climate budget change vote " * 40_000, ("climat", "chang")),
    "one of its words missing": ("climate budget " * 70_000, ("climat", "chang")),
    "CJK, apart": ("東京 と 大阪 " * 80_000, ("東京", "と", "大阪")),
}


def hostile() -> None:
    from reader.index import textproc
    from reader.index.snippets import MAX_RANGES

    print(f"\n{'hostile article (first 1000)':32} {'anywhere ms':>12} {'phrase ms':>10}")
    for name, (text, terms) in HOSTILE.items():
        start = time.process_time()
        textproc.find_term_ranges(text, set(terms), limit=MAX_RANGES)
        middle = time.process_time()
        textproc.phrase_ranges(text, [(terms, None, 1)], limit=MAX_RANGES)
        end = time.process_time()
        print(f"{name:32} {(middle - start) * 1000:12.1f} {(end - middle) * 1000:10.1f}")


if __name__ == "__main__":
    main()
