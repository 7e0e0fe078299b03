"""A wildcard's stems (search.with_written_stems): latency and hits, this checkout and another.

    python bench/bench_wildcard_stems.py --corpus DIR --index DIR [--baseline OLD_CHECKOUT ...] [--rounds 3]

Each checkout searches the same index (built beforehand, e.g. `reader --corpus DIR --index DIR
index --no-prepare`) in a process of its own: every query once in a fresh process (the written
stems are cached per index reader, so this is the cost of a query typed the first time), in
each of --rounds rounds, the checkouts alternating. Printed per query: the hits' count and the
fastest round's milliseconds, wall clock and CPU (process_time), for each checkout. A
`typed:WORD` query is the word typed letter by letter into one index (as the app searches it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

QUERIES = [
    "governo*",
    "sensat*",
    "plann*",
    "inflatio*",
    "presiden*",
    "carbin*",
    "ration*",
    "univers*",
    "supportiv*",
    "thinkin*",
    "tellin*",
    "wantin*",
    "taxin*",
    "universall*",
    "subjecte*",
    "electio*",
    "citi*",
    "hope*",
    "happi*",
    "supportive*",
    # Typed letter by letter into one index, as the app searches each (unfinished: a word
    # that finds nothing yet is its prefix's wildcard): the whole word's time, its last hits.
    "typed:supportive",
    "typed:governor",
    "typed:hoping",
    "typed:making",
]

_CHILD = r"""
import json, sys, time
from pathlib import Path
from reader.index.core import CorpusIndex
corpus, index_dir, queries = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
out = {}
for q in queries:
    ix = CorpusIndex([Path(corpus)], Path(index_dir))
    wall, cpu = time.perf_counter(), time.process_time()
    if q.startswith("typed:"):
        word = q[len("typed:"):]
        for size in range(3, len(word) + 1):
            res = ix.search(word[:size], limit=10, unfinished=True)
    else:
        res = ix.search(q, limit=10)
    out[q] = [res.total, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000]
print(json.dumps(out))
"""


def run(checkout: Path, corpus: str, index: str, queries: list[str], child: str = _CHILD) -> dict:
    """What `child` (a script reading corpus, index and the queries as JSON) prints last, run
    with `checkout`'s Python and code (bench_typed_passages runs its own child so)."""
    python = checkout / ".venv" / "bin" / "python"
    if not python.exists():
        python = Path(sys.executable)
    done = subprocess.run(
        [str(python), "-c", child, corpus, index, json.dumps(queries)],
        capture_output=True,
        text=True,
        check=True,
        cwd=checkout,
        env={"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


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
    for _ in range(args.rounds):
        for name, checkout in checkouts.items():
            for q, (total, wall, cpu) in run(checkout, args.corpus, args.index, QUERIES).items():
                old = best[name].get(q)
                best[name][q] = [total, min(wall, old[1]) if old else wall, min(cpu, old[2]) if old else cpu]
    print("query".ljust(14) + "".join(f"{name:>28}" for name in checkouts))
    for q in QUERIES:
        cells = "".join(f"{best[n][q][0]:>8} hits {best[n][q][1]:6.0f} ms {best[n][q][2]:5.0f} cpu" for n in checkouts)
        print(q.ljust(14) + cells)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
