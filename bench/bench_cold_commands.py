"""Time of `reader index` on a corpus folder, of `reader compare` of two files and of the first
`reader show ID` on the corpus, each cold (a new index and cache folder, so every sentence is
encoded), for one or more checkouts, in turns.

    python bench/bench_cold_commands.py CORPUS_DIR [--compare LEFT RIGHT] [--show ID] [--no-index] [--trees DIR,DIR...]
                                        [--runs 3] [--profile N] [--work DIR]

Each run is a new process (`python -m reader`, that checkout first on PYTHONPATH, its bytecode
caches written first) with its own config, data and cache folders under --work (a temp folder by
default), so nothing of the user's is read or written; it is measured as bench_scale.py measures
(run_measured). For each checkout it prints the best of --runs runs: CPU seconds (the command's
process and its children: steadier than wall time on a shared machine) and wall seconds. The checkouts take turns run by run (A B A B ...), so a change in the
machine's load falls on both. A basil-dev style folder of Markdown articles is a corpus as it
is; LEFT and RIGHT are any two files `reader compare` reads (bench_long_compare.py's long
articles written as Markdown make a long pair). --profile N prints cProfile's top N functions of
one more run of each command and checkout (by their own CPU time, time.process_time as the
clock), to see where the time goes. Run it with `nice` on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import bench_scale  # a sibling: bench/ is the script's folder

HERE = Path(__file__).resolve().parent.parent

# Runs `python -m reader ...` under cProfile with CPU time as its clock (wall time on a loaded
# machine is mostly waiting), and writes the stats to the file named first.
PROFILED = """
import cProfile, runpy, sys, time
out = sys.argv.pop(1)
sys.argv[0] = "reader"
profile = cProfile.Profile(time.process_time)
profile.enable()
try:
    runpy.run_module("reader", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    profile.disable()
    profile.dump_stats(out)
"""


def run_cold(tree: Path, work: Path, args: list[str], profile_to: Path | None) -> tuple[float, float]:
    """CPU and wall seconds of one `reader ARGS` from `tree`, with new state folders."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = {"PYTHONHASHSEED": "0"}
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"READER_{name}_DIR"] = str(work / name.lower())
    command = [sys.executable, "-m", "reader", *args, "--index", str(work / "index")]
    if profile_to is not None:
        command = [sys.executable, "-c", PROFILED, str(profile_to), *args, "--index", str(work / "index")]
    done = bench_scale.run_measured(command, tree, work, env=env)  # SystemExit when it failed
    return done["cpu"], done["wall"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="corpus folder to index")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("LEFT", "RIGHT"), help="also compare these two files")
    ap.add_argument("--show", metavar="ID", help="also time the first `reader show ID` (no index yet)")
    ap.add_argument("--no-index", action="store_true", help="leave out `reader index` (only the others)")
    ap.add_argument("--trees", default=str(HERE), help="checkouts to time, comma-separated (default: this one)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each command per checkout (the best is shown)")
    ap.add_argument("--profile", type=int, default=0, help="print the top N functions of one more run each")
    ap.add_argument("--work", type=Path, help="folder for the runs' state (default: a temp folder)")
    args = ap.parse_args(argv)
    trees = [Path(t).resolve() for t in args.trees.split(",")]
    commands = {} if args.no_index else {"index": ["index", "--corpus", str(args.corpus.resolve())]}
    if args.compare:
        left, right = (p.resolve() for p in args.compare)
        commands["compare"] = ["compare", "--json", "--corpus", str(left.parent), str(left), str(right)]
    if args.show:
        commands["show"] = ["show", args.show, "--corpus", str(args.corpus.resolve())]
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-cold-"))
    best: dict[tuple[str, Path], tuple[float, float]] = {}
    for tree in trees:
        bench_scale.compile_bytecode(tree)
    try:
        for run in range(args.runs):
            for name, command in commands.items():
                for tree in trees:
                    cpu, wall = run_cold(tree, work / "state", command, None)
                    old = best.get((name, tree), (cpu, wall))
                    best[(name, tree)] = (min(old[0], cpu), min(old[1], wall))
                    print(f"run {run + 1} {name:8} {tree}: {cpu:7.2f} s CPU {wall:7.2f} s wall", flush=True)
        print(f"best of {args.runs} (load average now {os.getloadavg()[0]:.1f}):")
        for (name, tree), (cpu, wall) in best.items():
            print(f"  {name:8} {tree}: {cpu:7.2f} s CPU {wall:7.2f} s wall")
        if args.profile:  # one more run each, profiled (slower: not a timing)
            import pstats

            for name, command in commands.items():
                for tree in trees:
                    run_cold(tree, work / "state", command, work / "run.prof")
                    print(f"\n{name}, {tree} (own CPU time):")
                    stats = pstats.Stats(str(work / "run.prof"), stream=sys.stdout)
                    stats.sort_stats("tottime").print_stats(args.profile)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
