"""Peak memory of a first build's story grouping: the grouping's own process (update.group_spilled,
run by WorkerPool.call) and reader's process, for this checkout and others in the same run.

    python bench/bench_grouping_memory.py CORPUS [--baseline SRC ...] [--rounds 1] [--workers 2]

CORPUS: a folder of articles (bench/synth.py's, as bench_scale.py makes them: `synth.py DIR
--count 10000`). SRC: another checkout (`git worktree add /tmp/base main`). Each round builds an
index from nothing in a temporary folder, in a fresh process per checkout (PYTHONPATH pointing at
it), the checkouts taking turns. Printed per build: the grouping process's peak RSS (VmHWM, read
as its call returns, before the pool stops it), reader's process's peak RSS when the grouping
returned and at the build's end, the build's wall time, and a digest of the stories (the same
digest: the same groups).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import hashlib, json, sys, time
from pathlib import Path
from reader.index import CorpusIndex, pool, update

def peak_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))

seen = {}
real_call = pool.WorkerPool.call
def call(self, function, args, cancel, report=None):
    out = real_call(self, function, args, cancel, report)
    if function is update.group_spilled:
        seen["worker"] = max(peak_mb(pid) for pid in self._solo._processes)
        seen["parent_at_grouping"] = peak_mb("self")
    return out
pool.WorkerPool.call = call
ix = CorpusIndex([Path(sys.argv[1])], Path(sys.argv[2]), workers=int(sys.argv[3]))
started = time.monotonic()
report = ix.update()
wall = time.monotonic() - started
stories = sorted(sorted(story.articles) for story in ix.stories())
digest = hashlib.sha256(json.dumps(stories).encode()).hexdigest()[:16]
print(json.dumps(dict(seen, parent=peak_mb("self"), wall=wall, indexed=report.indexed, stories=len(stories),
                      digest=digest, notice=report.notice)))
"""


def build(source: Path, corpus: Path, workers: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-grouping-memory-") as work:
        env = dict(os.environ, PYTHONPATH=str(source))
        run = subprocess.run(
            [sys.executable, "-c", PROBE, str(corpus), str(Path(work) / "index"), str(workers)],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
        )
    if run.returncode != 0:
        raise SystemExit(run.stderr[-3000:])
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--baseline", type=Path, action="append", default=[], help="another checkout, measured first")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    sources = [*args.baseline, ROOT]
    for round_number in range(1, args.rounds + 1):
        for source in sources:
            out = build(source.resolve(), args.corpus.resolve(), args.workers)
            if "worker" not in out:
                print(f"{source}: the stories were not grouped in a process of their own ({out})")
                continue
            print(
                f"round {round_number} {str(source):30} grouping process {out['worker']:6.0f} MB peak;"
                f" reader's {out['parent_at_grouping']:6.0f} MB at the grouping's end, {out['parent']:6.0f} MB"
                f" at the build's; {out['wall']:6.1f} s wall; {out['indexed']:,} articles, {out['stories']:,}"
                f" stories, digest {out['digest']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
