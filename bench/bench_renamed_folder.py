"""A folder renamed inside the corpus: the time of the first update after it, this tree against another.

    python bench/bench_renamed_folder.py CORPUS [--before REF] [--runs 3] [--folders 3] [--copies 1]

The files of CORPUS are shared out (`--copies` times each, to make it larger) among `--folders`
folders inside one corpus folder, named after the outlet a file's name gives ("…-fox-…" goes to
fox/) or else part0, part1, …; it is indexed (not timed), then its first folder is renamed
(fox/ -> foxnews/, part0/ -> part0-renamed/) and the update after it is timed. For each tree (REF,
default origin/main, in a temporary git worktree, and this checkout), in a fresh process each,
runs interleaved; medians and the ratio are printed, with how many articles each read again and
whether both trees end with the same articles (id, title, outlet, date) and stories; "cpu s" is
the processor time of the update (and its workers), which a loaded machine does not inflate as it
does the wall time. Run it with `nice` on a shared machine. Example: python bench/bench_renamed_folder.py /work/shared/corpora/basil-dev
"""

from __future__ import annotations

import argparse
import hashlib
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
import json, os, re, shutil, sys, time
from pathlib import Path
import reader
from reader.index import CorpusIndex

corpus, work, folders, copies = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
root = work / "news"
files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".md", ".txt", ".html", ".json"))
outlet = re.compile(r"-(fox|nyt|hpo)-")
for copy in range(copies):
    for n, path in enumerate(files):
        found = outlet.search(path.name)
        folder = found[1] if found and folders == 3 else f"part{n % folders}"
        target = root / folder / (f"c{copy}" if copies > 1 else "") / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
index_dir = work / "index"
ix = CorpusIndex([root], index_dir, workers=2)
built = ix.update()
ix.close()
first = sorted(os.listdir(root))[0]
renamed = "foxnews" if first == "fox" else f"{first}-renamed"
os.rename(root / first, root / renamed)
def cpu():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
started, cpu_started = time.perf_counter(), cpu()
ix = CorpusIndex([root], index_dir, workers=2)
report = ix.update()
articles = ix.articles()
seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
stories = sorted(sorted(s.articles) for s in ix.stories())
ix.close()
print(json.dumps({
    "reader": reader.__file__,
    "articles": len(articles),
    "moved_articles": sum(a.id.startswith(renamed + "/") for a in articles),
    "seconds": seconds,
    "cpu": cpu_seconds,
    "read_again": report.indexed + report.updated,
    "fields": sorted([a.id, a.title, a.outlet, a.date] for a in articles),
    "stories": stories,
}))
"""


def run(tree: Path, corpus: Path, work: Path, folders: int, copies: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run(  # in the tree: `python -c` puts the current folder first on the path
        [sys.executable, "-c", _RUN, str(corpus), str(work), str(folders), str(copies)],
        env=env,
        cwd=tree,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(f"the run for {tree} failed:\n{out.stderr}")
    result = json.loads(out.stdout)
    if not result["reader"].startswith(str(tree)):
        raise SystemExit(f"the run for {tree} imported {result['reader']}")
    return result


def _digest(value) -> str:
    return hashlib.sha1(json.dumps(value).encode()).hexdigest()[:12]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--before", default="origin/main", help="the git revision to compare against")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folders", type=int, default=3)
    parser.add_argument("--copies", type=int, default=1, help="each file this many times (a larger corpus)")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-renamed-", dir=args.work))
    before_tree = work / "before-tree"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(before_tree), args.before], check=True
    )
    trees = {f"before ({args.before})": before_tree, "after (this tree)": ROOT}
    try:
        results: dict[str, list[dict]] = {}
        for n in range(args.runs):
            for name, tree in trees.items():  # interleaved: the machine's load hits both alike
                place = work / f"run-{n}-{tree.name}"
                results.setdefault(name, []).append(run(tree, args.corpus.resolve(), place, args.folders, args.copies))
                shutil.rmtree(place, ignore_errors=True)
        first = results[next(iter(trees))][0]
        print(
            f"corpus: {args.corpus} x{args.copies} in {args.folders} folders ({first['articles']} articles, "
            f"{first['moved_articles']} in the renamed folder), runs: {args.runs}"
        )
        print(
            f"{'tree':28} {'median s':>9} {'min s':>7} {'cpu s':>7} {'read again':>10} {'articles':>12} {'stories':>12}"
        )
        medians, cpus = {}, {}
        for name in trees:
            rows = results[name]
            seconds = [r["seconds"] for r in rows]
            medians[name] = statistics.median(seconds)
            cpus[name] = statistics.median(r["cpu"] for r in rows)  # the machine's load aside
            print(
                f"{name:28} {medians[name]:9.3f} {min(seconds):7.3f} {cpus[name]:7.3f} {rows[0]['read_again']:10} "
                f"{_digest(rows[0]['fields']):>12} {_digest(rows[0]['stories']):>12}"
            )
        before, after = medians.values()
        cpu_before, cpu_after = cpus.values()
        print(f"{'after / before':28} {after / before:9.2f} {'':7} {cpu_after / cpu_before:7.2f}")
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before_tree)], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
