"""What importing an index worker's modules costs, this checkout against another (the baseline,
e.g. a `git worktree` of the commit before a change), each run in a fresh interpreter, the two
alternated, medians printed: wall and CPU seconds, and the patterns re compiled (how many, CPU
seconds inside re's compiler).

    git worktree add /tmp/base origin/main
    python bench/bench_worker_imports.py --baseline /tmp/base [--repeat 15]

The machine may be shared: wall seconds grow with its load (printed); CPU seconds less so.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from bench_regex_import import COUNT_COMPILES, WORKER_MODULES  # noqa: E402

CHILD = r"""
import importlib, json, sys, time
sys.path.insert(0, {root!r})
{count_compiles}
wall, cpu = time.perf_counter(), time.process_time()
for name in {modules!r}:
    importlib.import_module(name)
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu, spent[0], spent[1]]))
"""


def run(root: Path) -> list[float]:
    code = CHILD.format(
        root=str(root), modules=WORKER_MODULES, count_compiles=COUNT_COMPILES.format(clock="process_time")
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=root).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, required=True, help="another checkout of reader")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    trees = {"baseline": args.baseline.resolve(), "this checkout": ROOT}
    for root in trees.values():
        run(root)  # (a first run each: .pyc files written, the disk's cache warm)
    figures: dict[str, list[list[float]]] = {name: [] for name in trees}
    for _ in range(args.repeat):
        for name, root in trees.items():
            figures[name].append(run(root))
    print(
        f"load average {os.getloadavg()[0]:.1f}; an index worker's imports, medians of {args.repeat} runs, alternated"
    )
    for name, runs in figures.items():
        wall, cpu, compiling, patterns = (statistics.median(r[i] for r in runs) for i in range(4))
        print(
            f"{name:<14} {wall:6.3f} s wall  {cpu:6.3f} s CPU  {compiling:6.3f} s CPU compiling {patterns:4.0f} patterns"
        )


if __name__ == "__main__":
    main()
