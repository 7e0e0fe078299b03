"""Time of one palette keystroke's ranking (reader.title_match.rank) over many titles.

    python bench/bench_palette_rank.py [--titles 50000] [--trees DIR,DIR...] [--runs 3] [--repeat 5]

The titles are synthetic (bench/synth.py's vocabulary and title lengths), with a few real-looking
ones mixed in so that initials ("hc": Hillary Clinton) and letters inside a word ("Lynchcraft")
both occur. For each query it prints the CPU time (time.process_time, fastest of --repeat calls
in a process and of --runs processes) of rank(query, titles, 40), the palette's SHOWN, for each
checkout of --trees (default: this one), the checkouts taking turns (A, B, A, B) so that each
sees the same machine load. One query
reads the titles' words before timing, as the palette's first query does.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
QUERIES = ("h", "hc", "hcl", "hil", "clinton", "ation", "ing", "tax re", "hilary", "zqx")
REAL = (
    "Hillary Clinton Releases Tax Returns",
    "Lynchcraft: The Old Ways of Small Towns",
    "While Blumenthal Retains Washington Support",
    "House Committee Hears Health Care Plan",
)


def titles(count: int) -> list[str]:
    sys.path.insert(0, str(HERE / "bench"))
    from synth import Vocabulary

    rng = random.Random(7)
    vocab = Vocabulary(random.Random(8))
    made = []
    for number in range(count):
        if number % 1000 == 0:
            made.append(REAL[(number // 1000) % len(REAL)])
            continue
        words = vocab.words_(rng, rng.randint(6, 12))
        made.append(" ".join(w.capitalize() if i == 0 or rng.random() < 0.4 else w for i, w in enumerate(words)))
    return [title.lower() for title in made]


def measure(count: int, repeat: int) -> dict[str, float]:
    """In this process, with this checkout's reader: fastest time of each query, in ms."""
    import time

    from reader.title_match import Titles, rank

    ranked = Titles(titles(count))
    rank("hc", ranked, 40)  # reads the titles' words once, as the palette's first query does
    fastest = {}
    for query in QUERIES:
        best = float("inf")
        for _ in range(repeat):
            start = time.process_time()
            rank(query, ranked, 40)
            best = min(best, time.process_time() - start)
        fastest[query] = best * 1000
    return fastest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--titles", type=int, default=50_000)
    parser.add_argument("--trees", default=str(HERE), help="checkouts to compare, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.titles, args.repeat)))
        return
    trees = [Path(tree).resolve() for tree in args.trees.split(",")]
    best: dict[Path, dict[str, float]] = {tree: {} for tree in trees}
    for _ in range(args.runs):
        for tree in trees:
            command = [sys.executable, str(Path(__file__).resolve()), "--child"]
            command += ["--titles", str(args.titles), "--repeat", str(args.repeat)]
            out = subprocess.run(
                command, cwd=tree, env={"PYTHONPATH": str(tree), "PATH": ""}, capture_output=True, text=True, check=True
            ).stdout
            for query, ms in json.loads(out).items():
                best[tree][query] = min(best[tree].get(query, float("inf")), ms)
    print(f"rank() over {args.titles:,} titles, CPU ms (fastest of {args.runs}x{args.repeat})")
    print("query".ljust(10) + "".join(tree.name[-14:].rjust(16) for tree in trees))
    for query in QUERIES:
        print(repr(query).ljust(10) + "".join(f"{best[tree][query]:16.1f}" for tree in trees))


if __name__ == "__main__":
    main()
