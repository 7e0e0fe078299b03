"""Queries of four words or more typed letter by letter (as the search box searches each key):
CPU per key, this checkout and another, on one index.

    python bench/bench_typed_passages.py --corpus DIR --index DIR [--baseline OLD_CHECKOUT ...] [--rounds 3]

Each checkout types every query into one CorpusIndex, in a process of its own, as the app's
search box searches each key: `unfinished` while the query does not end in a space, then, if
nothing is found, whether the word finished would suggest one (search_panel._search); a checkout
whose CorpusIndex.search takes `cut_passages` is asked as its app asks for a key typed (without
the cut passages, tried once the word is finished). In each of --rounds
rounds, the checkouts alternating. Printed per query: the keys typed, the fastest round's CPU
(process_time) for the whole query and for its slowest key, and how many keys' answers (the hits'
ids, the trimmed passage) differ from the first checkout's: a query finding nothing at a key
tries its trimmed passages (search.passage_without_cut_ends), the cost measured here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_wildcard_stems  # noqa: E402  (its way of running a checkout's child)

QUERIES = [
    "the president said walrus plans",
    "obama health care reform failed zebras",
    "republicans in congress voted against the bill yesterday quarkly",
    "ent Trump said he would meet the leaders",
    "senate democrats blocked immigration reform",
]

_CHILD = r"""
import inspect, json, sys, time
from pathlib import Path
from reader.index.core import CorpusIndex
corpus, index_dir, queries = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
ix = CorpusIndex([Path(corpus)], Path(index_dir))
ix.search("warm up", limit=10)
# A checkout whose app searches a word typed key by key without its cut passages.
typing_known = "cut_passages" in inspect.signature(CorpusIndex.search).parameters
out = {}
for q in queries:
    keys, answers = [], []
    for size in range(1, len(q) + 1):
        typed = q[:size]
        cpu = time.process_time()
        unfinished = not typed.endswith(" ")
        how = {"cut_passages": not unfinished} if typing_known else {}
        res = ix.search(typed, limit=10, unfinished=unfinished, open_quote_as_words=True, **how)
        if unfinished and not (res.hits or res.corrected or res.error):  # would the word finished suggest?
            ix.search(typed, limit=1, open_quote_as_words=True, **how)
        keys.append((time.process_time() - cpu) * 1000)
        answers.append([[h.id for h in res.hits], res.trimmed, res.total])
    out[q] = [keys, answers]
print(json.dumps(out))
"""


def run(checkout: Path, corpus: str, index: str, queries: list[str]) -> dict:
    return bench_wildcard_stems.run(checkout, corpus, index, queries, child=_CHILD)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--baseline", type=Path, action="append", default=[], help="another checkout (repeatable)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    checkouts = {"this": Path(__file__).resolve().parent.parent}
    for baseline in args.baseline:
        checkouts[baseline.resolve().name] = baseline.resolve()
    best: dict[str, dict] = {name: {} for name in checkouts}
    answers: dict[str, dict] = {name: {} for name in checkouts}
    for _ in range(args.rounds):
        for name, checkout in checkouts.items():
            for q, (keys, said) in run(checkout, args.corpus, args.index, QUERIES).items():
                old = best[name].get(q)
                best[name][q] = keys if old is None else [min(a, b) for a, b in zip(old, keys)]
                answers[name][q] = said
    first = next(iter(checkouts))
    print("query".ljust(40) + "keys" + "".join(f"{name:>36}" for name in checkouts))
    for q in QUERIES:
        cells = ""
        for name in checkouts:
            keys = best[name][q]
            differ = sum(a != b for a, b in zip(answers[name][q], answers[first][q]))
            cells += f"{sum(keys):9.0f} ms cpu {max(keys):6.1f} max {differ:3} differ"
        print(q[:38].ljust(40) + f"{len(q):4}" + cells)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
