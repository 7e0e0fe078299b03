"""A moved or copied corpus: the time to bring its index up to date, this tree against another.

    python bench/bench_moved_index.py CORPUS [--before REF] [--runs 3] [--work DIR]

For each tree (REF, default origin/main, checked out in a temporary git worktree, and this
checkout) and each run: index a copy of CORPUS (not timed), then time the first update after
the corpus folder was (a) moved (`mv`, the same files) and (b) replaced by a copy of itself
(new modification times: recognised by contents), with the index folder given as before
(`--index DIR`, which follows its corpus in place). Both trees run in the same invocation, one
after the other, each in a fresh process; medians and the ratio are printed. Run it with `nice`
on a shared machine. Example: python bench/bench_moved_index.py /work/shared/corpora/basil-dev
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in each tree's own process (its `reader` first on the path).
_RUN = r"""
import json, os, shutil, sys, time
from pathlib import Path
import reader
from reader.index import CorpusIndex, layout

corpus, work, how = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
first = work / "a" / corpus.name
shutil.copytree(corpus, first)
index_dir = work / "index"
ix = CorpusIndex([first], index_dir, workers=2)
built = ix.update()
ix.close()
whoosh = index_dir / layout.current_name(index_dir)
before = {p.name: p.stat().st_mtime_ns for p in whoosh.iterdir()}
second = work / "b" / corpus.name
second.parent.mkdir(parents=True)
if how == "move":
    os.rename(first, second)
else:
    shutil.copytree(first, second)  # new times: the files are recognised by their contents
started = time.perf_counter()
ix = CorpusIndex([second], index_dir, workers=2)
report = ix.update()
articles = ix.articles()
seconds = time.perf_counter() - started
ix.close()
whoosh = index_dir / layout.current_name(index_dir)
after = {p.name: p.stat().st_mtime_ns for p in whoosh.iterdir()}
print(json.dumps({
    "reader": reader.__file__,
    "articles": len(articles),
    "built": built.indexed,
    "seconds": seconds,
    "moved_from": report.moved_from,
    "read_again": report.indexed + report.updated,
    "documents_rewritten": before != after,
    "paths_ok": all(a.path.startswith(str(second) + os.sep) for a in articles),
}))
"""


def run(tree: Path, corpus: Path, work: Path, how: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run(  # in the tree: `python -c` puts the current folder first on the path
        [sys.executable, "-c", _RUN, str(corpus), str(work), how],
        env=env,
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout)
    if not result["reader"].startswith(str(tree)):
        raise SystemExit(f"the run for {tree} imported {result['reader']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--before", default="origin/main", help="the git revision to compare against")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-moved-", dir=args.work))
    before_tree = work / "before-tree"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(before_tree), args.before], check=True
    )
    trees = {f"before ({args.before})": before_tree, "after (this tree)": ROOT}
    try:
        results: dict[tuple[str, str], list[dict]] = {}
        for n in range(args.runs):
            for how in ("move", "copy"):
                for name, tree in trees.items():  # interleaved: the machine's load hits both alike
                    place = work / f"{how}-{n}-{tree.name}"
                    results.setdefault((how, name), []).append(run(tree, args.corpus.resolve(), place, how))
                    shutil.rmtree(place, ignore_errors=True)
        print(
            f"corpus: {args.corpus} ({results[('move', next(iter(trees)))][0]['articles']} articles), runs: {args.runs}"
        )
        print(f"{'':8} {'tree':28} {'median s':>9} {'min s':>7} {'read again':>10} {'rewritten':>9} {'paths':>5}")
        for how in ("move", "copy"):
            medians = {}
            for name in trees:
                rows = results[(how, name)]
                seconds = [r["seconds"] for r in rows]
                medians[name] = statistics.median(seconds)
                print(
                    f"{how:8} {name:28} {medians[name]:9.3f} {min(seconds):7.3f} {rows[0]['read_again']:10} "
                    f"{str(any(r['documents_rewritten'] for r in rows)):>9} {str(all(r['paths_ok'] for r in rows)):>5}"
                )
            before, after = medians.values()
            print(f"{how:8} {'after / before':28} {after / before:9.2f}")
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before_tree)], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
