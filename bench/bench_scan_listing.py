"""The scan's listings and the readers' check for changes on a large synthetic corpus, this tree
against another, in one run.

    python bench/bench_scan_listing.py [--before REF] [--folders 4000] [--files 6] [--moved 400] [--rounds 3]

A corpus of `--folders` folders (two levels: 40 outlets, then years) of `--files` small Markdown
files each is written once to a temporary folder. For each tree (REF, default origin/main, in a
temporary git worktree, and this checkout), in a fresh process each, rounds interleaved:

- scan: `reader.index.scan.scan()` of the corpus (what `reader index` does first, and all a no-op
  one does besides its checks): seconds, and how many times a folder was listed (os.scandir);
- check: `--moved` folders get a file the corpus does not read (notes.pdf) and a time 10 s
  back, then, as a minute later (their ctimes settled), the readers' check for changes (`statedb.changed_paths`, what the app asks every
  few seconds) runs five times: seconds of the first and of the later ones, folders listed.

Medians of processor time are printed (a shared machine's load does not inflate it as it does
the wall time). Both trees must find the same files and watch the same folders (checked).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RUN = r"""
import hashlib, json, os, sys, time
from pathlib import Path
from reader.index import roots as roots_table
from reader.index import statedb
from reader.index.scan import scan

root, moved = Path(sys.argv[1]), int(sys.argv[2])
listed = [0]
real = os.scandir
def counting(path="."):
    listed[0] += 1
    return real(path)
os.scandir = counting
table = roots_table.assign({}, [str(root)])
started = time.process_time()
found = scan([root], False, table)
scan_s, scan_listed = time.process_time() - started, listed[0]
# Folders' times left out: each run's notes.pdf (below) moves them.
kept = sorted((path, value if path.endswith("/.") or not os.path.isdir(path) else 0) for path, value in found.watch.items())
digest = hashlib.sha256(json.dumps([sorted(found.found.items()), kept]).encode()).hexdigest()
folders = sorted(p for p in found.watch if not p.endswith("/.") and os.path.isdir(p) and p != str(root))[:moved]
for folder in folders:
    Path(folder, "notes.pdf").write_text("not an article")
    at = os.stat(folder).st_mtime_ns - 10_000_000_000
    os.utime(folder, ns=(at, at))
# The checks made as a minute later: the folders' ctimes (now: utime moves them) settled, as
# those of folders a notes.pdf was added to a while ago are (statedb.SETTLED_NS).
real_time_ns = time.time_ns
time.time_ns = lambda: real_time_ns() + 60_000_000_000
checks = []
for _ in range(5):
    listed[0] = 0
    started = time.process_time()
    changed = statedb.changed_paths(found.watch)
    checks.append((time.process_time() - started, listed[0], len(changed)))
for folder in folders:
    os.unlink(Path(folder, "notes.pdf"))
print(json.dumps({"scan_s": scan_s, "scan_listed": scan_listed, "digest": digest, "checks": checks}))
"""


def make_corpus(root: Path, folders: int, files: int) -> None:
    words = "The council met on Tuesday to discuss the budget and the new bridge over the river."
    for n in range(folders):
        folder = root / f"outlet{n % 40:02d}" / f"y{n // 40:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        for k in range(files):
            (folder / f"a{k}.md").write_text(f"---\ntitle: Story {n}-{k}\n---\n{words}\n")


def run(tree: Path, corpus: Path, moved: int) -> dict:
    env = {"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", "HOME": str(corpus.parent)}
    out = subprocess.run(
        [sys.executable, "-c", _RUN, str(corpus), str(moved)],
        env=env,
        capture_output=True,
        text=True,
        cwd=corpus.parent,
    )  # not run in a checkout: its `reader` would come before PYTHONPATH's
    if out.returncode:
        sys.exit(out.stderr)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", default="origin/main")
    ap.add_argument("--folders", type=int, default=4000)
    ap.add_argument("--files", type=int, default=6)
    ap.add_argument("--moved", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reader-bench-listing-"))
    base = work / "before"
    try:
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base), args.before], check=True
        )
        corpus = work / "corpus"
        make_corpus(corpus, args.folders, args.files)
        trees = {"before": base, "now": ROOT}
        results: dict[str, list[dict]] = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, tree in trees.items():
                results[name].append(run(tree, corpus, args.moved))
        digests = {r["digest"] for rs in results.values() for r in rs}
        print(
            f"{args.folders} folders x {args.files} files, {args.moved} moved; same files and watch: {len(digests) == 1}"
        )
        for name, rs in results.items():
            scan_s = statistics.median(r["scan_s"] for r in rs)
            first = statistics.median(r["checks"][0][0] for r in rs)
            later = statistics.median(c[0] for r in rs for c in r["checks"][1:])
            print(
                f"{name:>6}: scan {scan_s:.3f} s, {rs[0]['scan_listed']} listings; check: first {first * 1000:.1f} ms"
                f" ({rs[0]['checks'][0][1]} listings), later {later * 1000:.1f} ms ({rs[0]['checks'][1][1]} listings each)"
            )
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
