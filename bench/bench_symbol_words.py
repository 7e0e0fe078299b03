"""The cost of numbers and symbol names as words (terms v23): tokenizing and highlighting, before and after.

    python bench/bench_symbol_words.py --baseline OLD_CHECKOUT [--repeat 30]

Each checkout (this one, and --baseline's, e.g. `git worktree add /tmp/old REV`) runs in a process
of its own, in turns (--rounds, the fastest of each figure kept), on the same three texts of ~14,000 characters made from a fixed word list:
`plain` prose with no comma inside a number and no symbol, and `dense` prose where one word in
eight is a number with separators (2,000; 3.5), a domain (www.example.org) or a name with a symbol
(AT&T), and `numbers`, where one word in three is a number with a thousands comma (a table).
Printed: the p50 CPU time (process_time) over --repeat runs of textproc.term_positions (what
indexing does with a field) and textproc.find_term_ranges (what a snippet's highlighting does, and
the app's as one types) for a word (budget), a number (1000) and a name's letters (att).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

# The reader measured: this checkout's, or the baseline's (BENCH_READER_ROOT, set by --baseline).
sys.path.insert(0, os.environ.get("BENCH_READER_ROOT") or str(Path(__file__).resolve().parent.parent))

WORDS = "the council said budget vote minister talks peace government people percent and officials".split()
SPECIAL = ["2,000", "3.5", "www.example.org", "AT&T", "1,000", "12,500.75"]


def text(kind: str, seed: int = 1) -> str:
    rng = random.Random(seed)
    out = []
    for k in range(2000):
        if kind == "numbers" and k % 3 == 2:
            out.append(f"{rng.randint(1, 999)},{rng.randint(0, 999):03d}")  # a table of figures
        else:
            out.append(rng.choice(SPECIAL) if kind == "dense" and k % 8 == 7 else rng.choice(WORDS))
        if k % 15 == 14:
            out[-1] += "."
    return " ".join(out)


def p50(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def run(repeat: int) -> dict:
    from reader.index import textproc

    figures = {}
    for name in ("plain", "dense", "numbers"):
        body = text(name)
        figures[f"{name} term_positions"] = p50(lambda: textproc.term_positions(body), repeat)
        for term in ("budget", "1000", "att"):
            figures[f"{name} ranges of {term}"] = p50(lambda: textproc.find_term_ranges(body, {term}), repeat)
    return figures


def sides_in_turns(script: str, sides: list, rounds: int, argv: list[str]) -> dict[str, dict]:
    """The figures of `script --run ARGV` (JSON on its stdout) in each of `sides` ((label, checkout
    or None for this one)), run in turns `rounds` times, the least of each number kept."""
    results: dict[str, dict] = {}
    for round_ in range(rounds):
        # In turns, the first side changing each round: a busy machine favours neither.
        for label, root in sides if round_ % 2 == 0 else sides[::-1]:
            env = dict(os.environ)
            env.pop("BENCH_READER_ROOT", None)
            if root is not None:
                env["BENCH_READER_ROOT"] = str(root.resolve())
            # Not from this checkout's folder: the current directory comes first on sys.path.
            out = subprocess.run(
                [sys.executable, script, "--run", *argv], env=env, check=True, capture_output=True, text=True, cwd="/"
            )
            figures = json.loads(out.stdout)
            best = results.setdefault(label, figures)
            for key, value in figures.items():
                if isinstance(value, float):
                    best[key] = min(best[key], value)
    return results


def measured_sides(doc: str, script: str, run_one, repeat: int):
    """A bench's command line (--baseline, --repeat, --rounds): with --run, `run_one(repeat)`'s
    figures printed as JSON and None; else (sides, figures of each side: sides_in_turns)."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", type=Path, help="another checkout of reader, measured in the same run")
    ap.add_argument("--repeat", type=int, default=repeat)
    ap.add_argument("--rounds", type=int, default=3, help="the sides run in turns this many times (the fastest counts)")
    ap.add_argument("--run", action="store_true", help=argparse.SUPPRESS)  # one side's figures as JSON
    args = ap.parse_args()
    if args.run:
        print(json.dumps(run_one(args.repeat)))
        return None
    sides = [("before", args.baseline), ("after", None)] if args.baseline else [("after", None)]
    return sides, sides_in_turns(script, sides, args.rounds, ["--repeat", str(args.repeat)])


def main() -> None:
    measured = measured_sides(__doc__, __file__, run, repeat=30)
    if measured is None:
        return
    sides, results = measured
    print(f"{'p50 CPU ms':34}" + "".join(f"{label:>10}" for label, _ in sides))
    for key in results["after"]:
        print(f"{key:34}" + "".join(f"{results[label][key]:10.2f}" for label, _ in sides))


if __name__ == "__main__":
    main()
