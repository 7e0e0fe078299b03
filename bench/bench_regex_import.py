"""What a process pays for regular expressions compiled at import: an index worker's imports (the
modules of loading, quotations and story records), and a small update that loads nothing (a few
files deleted of a small corpus). Each is run in a fresh interpreter, alternately with the patterns
of reader.lazy_regex compiled when first used (now) and at import (the baseline: its compile()
replaced by re.compile, as the modules were written before), and the medians printed.

    python bench/bench_regex_import.py [--repeat 5] [--count 200]

Printed per case: wall seconds, and the seconds inside re's compiler (with how many patterns).
The machine may be shared: the figures grow with its load (printed too); compare the two columns
of one run. At `--repeat 5` on a busy 2-core machine: the worker's imports compiled 263 patterns
in 0.34 s before.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

WORKER_MODULES = [
    "reader.index.store",
    "reader.corpus.loader",
    "reader.analysis.quotes",
    "reader.analysis.stories",
    "reader.analysis.stories.packed",
    "reader.corpus.outlets",
    "reader.index.spill",
]

# Run in a child first: re's compiler counted in `spent` (seconds by `clock`, patterns).
COUNT_COMPILES = r"""
import re, time
spent = [0.0, 0]
original = re._compiler.compile
def counted(pattern, flags):
    started = time.{clock}()
    try:
        return original(pattern, flags)
    finally:
        spent[0] += time.{clock}() - started
        spent[1] += 1
re._compiler.compile = counted
"""

# Run in the child: the case's work, timed, with re's compiler counted.
CHILD = r"""
import json, re, sys, time
sys.path.insert(0, {root!r})
eager = {eager!r}
if eager:
    import reader.lazy_regex
    reader.lazy_regex.compile = re.compile  # the baseline: every pattern at import
{count_compiles}
started = time.perf_counter()
case = {case!r}
if case == "worker":
    import importlib
    for name in {modules!r}:
        importlib.import_module(name)
else:
    from reader.index import CorpusIndex
    index = CorpusIndex([{corpus!r}], {index!r})
    index.update()
    index.close()
print(json.dumps([time.perf_counter() - started, spent[0], spent[1]]))
"""


def run(case: str, eager: bool, corpus: Path | None = None, index: Path | None = None) -> list[float]:
    code = CHILD.format(
        root=str(ROOT),
        eager=eager,
        case=case,
        modules=WORKER_MODULES,
        corpus=str(corpus),
        index=str(index),
        count_compiles=COUNT_COMPILES.format(clock="perf_counter"),
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def small_update(work: Path, count: int, eager: bool) -> list[float]:
    """A few files deleted of a built index's corpus (copied fresh each time), the update timed."""
    corpus, index = work / "corpus", work / "index"
    for path in (corpus, index):
        shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(work / "built-corpus", corpus)
    shutil.copytree(work / "built-index", index)
    files = sorted(corpus.rglob("*.md"))
    for path in random.Random(1).sample(files, 3):
        path.unlink()
    return run("update", eager, corpus, index)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--count", type=int, default=200, help="articles of the small update's corpus")
    args = parser.parse_args()
    import synth

    work = Path(tempfile.mkdtemp(prefix="reader-regex-"))
    try:
        built = work / "built-corpus"
        synth.generate(built, args.count)
        # The index is built where the updates find it: the corpus is copied to the same path.
        shutil.copytree(built, work / "corpus")
        from reader.index import CorpusIndex

        index = CorpusIndex([work / "corpus"], work / "built-index")
        index.update()
        index.close()
        figures: dict[tuple[str, bool], list[list[float]]] = {}
        for _ in range(args.repeat):
            for eager in (True, False):
                figures.setdefault(("worker", eager), []).append(run("worker", eager))
                figures.setdefault(("update", eager), []).append(small_update(work, args.count, eager))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f}; medians of {args.repeat} runs each, alternated")
    names = {"worker": "an index worker's imports", "update": f"3 files deleted of {args.count}"}
    for case in ("worker", "update"):
        for eager in (True, False):
            runs = figures[(case, eager)]
            wall = statistics.median(r[0] for r in runs)
            compiling = statistics.median(r[1] for r in runs)
            patterns = statistics.median(r[2] for r in runs)
            label = "at import (baseline)" if eager else "when first used (now)"
            print(
                f"{names[case]:<28} {label:<22} {wall:6.3f} s wall, {compiling:6.3f} s compiling {patterns:4.0f} patterns"
            )


if __name__ == "__main__":
    main()
