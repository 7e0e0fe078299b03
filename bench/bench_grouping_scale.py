"""How the first story grouping grows with the corpus: the full grouping (what `reader index` from
nothing runs in its grouping worker, story_groups.cluster_records) over the first N story records
of a built index, for several N, each in a fresh process, CPU by step.

    python bench/bench_grouping_scale.py INDEX [--sizes 2500 5000 10000 20000]

INDEX: an index folder already built (bench_first_run.py, bench_prepare_after_update.py). Its
stored records are read once (sorted by article id: the first N are a sample of the whole, over
the same ten years on a bench/synth.py corpus, so N sets the density of each date window) into a
temporary file. Printed per N: the grouping's CPU (process time, not wall: meant for a loaded
machine), split into the records' vectors (_from_records), the search for candidate pairs, the
scoring of those pairs and the clustering, the pairs scored per article, and a digest of the
stories (to check a change to the grouping leaves them as they were).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DUMP = """
import json, sys
from pathlib import Path
from whoosh import index as whoosh_index
from reader.index import store, story_groups
ix = whoosh_index.open_dir(str(store.whoosh_dir(Path(sys.argv[1]))), indexname=store.INDEX_NAME)
docs = sorted(story_groups.unchanged_documents(ix, set()), key=lambda d: d["id"])
json.dump([story_groups.as_json(story_groups.stored_features(d)) for d in docs], open(sys.argv[2], "w"))
"""

PROBE = """
import hashlib, json, sys, time
import reader.analysis.stories.grouping as grouping
import reader.analysis.stories.similarity as similarity
from reader.index import story_groups
records = json.load(open(sys.argv[1]))[: int(sys.argv[2])]
cpu, pairs = {}, []
def timed(module, name, label):
    real = getattr(module, name)
    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            out = real(*args, **kwargs)
            if label == "search":
                pairs.append(len(out))
            return out
        finally:
            cpu[label] = cpu.get(label, 0.0) + time.process_time() - started
    setattr(module, name, wrapper)
timed(grouping, "_from_records", "vectors")
timed(similarity, "_candidate_pairs", "search")
timed(similarity, "_score_pairs", "scoring")
timed(grouping, "_group", "clustering")
started = time.process_time()
stories, _, _ = story_groups.cluster_records(records)
total = time.process_time() - started
digest = hashlib.sha256(json.dumps(stories, sort_keys=True).encode()).hexdigest()[:16]
print(json.dumps({"n": len(records), "cpu": total, "steps": cpu, "pairs": sum(pairs), "stories": len(stories), "digest": digest}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 10000, 20000])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        records = Path(work) / "records.json"
        subprocess.run([sys.executable, "-c", DUMP, str(args.index), str(records)], cwd=ROOT, check=True)
        held = len(json.loads(records.read_text(encoding="utf-8")))
        for size in args.sizes:
            if size > held:
                print(f"{size:,}: the index holds {held:,} articles only")
                continue
            run = subprocess.run(
                [sys.executable, "-c", PROBE, str(records), str(size)], cwd=ROOT, capture_output=True, text=True
            )
            if run.returncode != 0:
                raise SystemExit(run.stderr[-2000:])
            out = json.loads(run.stdout.strip().splitlines()[-1])
            steps = ", ".join(f"{name} {seconds:.1f}" for name, seconds in out["steps"].items())
            print(
                f"{out['n']:>7,} articles: {out['cpu']:6.1f} s CPU ({out['cpu'] / out['n'] * 1000:.2f} ms an article;"
                f" {steps}), {out['pairs'] / out['n']:.1f} pairs scored an article,"
                f" {out['stories']:,} stories, digest {out['digest']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
