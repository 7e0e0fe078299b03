"""A first build interrupted halfway then resumed, against a first build from nothing (resume.py).

    python bench/bench_resume_build.py [--size 3000] [--workers 2] [--work DIR] [--baseline CHECKOUT]

A generated corpus (bench/synth.py, made in --work and reused) is indexed, each run in a fresh
process with `--workers` workers (the CLI's default path: the loading in worker processes,
spilled), in this order:
  fresh      a first build from nothing, uninterrupted;
  cancelled  a first build cancelled once the loading's count passes half of the files;
  resumed    the next first build, which reuses what the cancelled one loaded.
Printed: wall and CPU seconds (this process and its workers) of each, the time the resumed run
saves against the fresh one, and whether both indexes give the same hits, scores and stories.
With --baseline (a checkout of the code before, e.g. `git worktree add /tmp/base origin/main`)
its fresh build is timed in the same run: the cost of keeping the loading as a build goes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import generate, queries  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

RUN = r"""
import json, resource, sys, time
from pathlib import Path
from reader.index.core import CorpusIndex

corpus, index_dir, workers, share = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
stop = {"now": False}

def progress(done, total, message):
    if share and message.startswith("loading articles") and total and done >= share * total:
        stop["now"] = True

ix = CorpusIndex([Path(corpus)], Path(index_dir), workers=workers)
wall = time.perf_counter()
report = ix.update(progress=progress, cancel=lambda: stop["now"])
wall = time.perf_counter() - wall
ix.close()
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
print(json.dumps({"wall": wall, "cpu": cpu, "cancelled": report.cancelled, "indexed": report.indexed,
                  "notice": report.notice}))
"""

OUTCOME = r"""
import json, sys
from pathlib import Path
from reader.index.core import CorpusIndex

ix = CorpusIndex([Path(sys.argv[1])], Path(sys.argv[2]))
hits = [[(h.id, round(h.score, 9), h.story) for h in ix.search(q, limit=None).hits] for q in json.loads(sys.argv[3])]
stories = sorted((s.id, s.label, list(s.articles)) for s in ix.stories())
print(json.dumps([hits, stories, ix.searcher().doc_count()]))
ix.close()
"""


def run(code: str, checkout: Path, *args: str) -> dict | list:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bench_resume_build")
    parser.add_argument("--baseline", type=Path, help="a checkout of the code before")
    args = parser.parse_args()
    corpus = args.work / f"corpus-{args.size}"
    if not corpus.exists():
        generate(corpus, args.size)
    fresh_dir, resumed_dir = args.work / "fresh", args.work / "resumed"
    for folder in (fresh_dir, resumed_dir, args.work / "base"):
        shutil.rmtree(folder, ignore_errors=True)
    workers = str(args.workers)
    figures = {}
    if args.baseline is not None:
        figures["fresh (baseline code)"] = run(RUN, args.baseline, str(corpus), str(args.work / "base"), workers, "0")
    figures["fresh"] = run(RUN, ROOT, str(corpus), str(fresh_dir), workers, "0")
    figures["cancelled at 50%"] = run(RUN, ROOT, str(corpus), str(resumed_dir), workers, "0.5")
    kept = sum(f.stat().st_size for f in (resumed_dir / "build-resume").rglob("*") if f.is_file())
    figures["resumed"] = run(RUN, ROOT, str(corpus), str(resumed_dir), workers, "0")
    print(f"{args.size:,} generated articles, {args.workers} workers, each run a fresh process")
    for name, got in figures.items():
        assert isinstance(got, dict)
        print(f"  {name:22} {got['wall']:7.1f} s wall {got['cpu']:7.1f} s CPU  indexed {got['indexed']:,}")
    fresh, resumed = figures["fresh"], figures["resumed"]
    assert isinstance(fresh, dict) and isinstance(resumed, dict)
    print(f"  kept by the cancelled build: {kept / 1e6:.1f} MB; the resumed run said: {resumed['notice']}")
    print(
        f"  resumed against fresh: {fresh['wall'] - resumed['wall']:.1f} s wall saved "
        f"({1 - resumed['wall'] / fresh['wall']:.0%}), {fresh['cpu'] - resumed['cpu']:.1f} s CPU saved "
        f"({1 - resumed['cpu'] / fresh['cpu']:.0%})"
    )
    asked = json.dumps(queries(60))
    same = run(OUTCOME, ROOT, str(corpus), str(fresh_dir), asked) == run(
        OUTCOME, ROOT, str(corpus), str(resumed_dir), asked
    )
    print(f"  the same hits, scores, story ids and stories (60 queries): {same}")


if __name__ == "__main__":
    main()
