"""Time of finding name variants (reader.analysis.names.find_name_variants), the names' part of
one comparison, on every pair of articles of one story and on long sides.

    python bench/bench_names.py BASIL_DIR [--trees DIR,DIR...] [--runs 3] [--repeat 5] [--long 4]

BASIL_DIR is a basil-dev style folder (Markdown articles + stories.yaml). It prints the CPU time
(time.process_time, fastest of --repeat runs in a process, and of --runs processes) of
find_name_variants over all the story pairs, and of one pair of long sides: each outlet's
articles concatenated, repeated --long times (a live blog, a transcript), with the variants
found, for each checkout of --trees (default: this one), the checkouts taking turns (A, B, A,
B) so that each sees the same machine load. Run it with `nice` on a shared machine.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent.parent


def story_pairs(folder: Path) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Every pair of texts of one story, and each outlet's texts concatenated."""
    from reader.corpus import load_corpus

    stories = yaml.safe_load((folder / "stories.yaml").read_text(encoding="utf-8")) or []
    by_name = {Path(a.path).name: a for a in load_corpus([folder]).articles}
    pairs = []
    for story in stories:
        members = [by_name[n].text for n in story.get("articles") or [] if n in by_name]
        pairs.extend(itertools.combinations([m for m in members if m.strip()], 2))
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for name, article in sorted(by_name.items()):
        by_outlet[article.outlet or "?"].append(article.text)
    return pairs, {outlet: "\n\n".join(texts) for outlet, texts in by_outlet.items()}


def fastest(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def measure(basil: Path, repeat: int, long: int) -> dict:
    """This checkout's times (run in a process whose PYTHONPATH starts with it)."""
    from reader.analysis.names import find_name_variants

    pairs, by_outlet = story_pairs(basil)
    left, right = (by_outlet[o] * long for o in sorted(by_outlet)[:2])
    return {
        "pairs": len(pairs),
        "variants": sum(len(find_name_variants(a, b)) for a, b in pairs),
        "pairs_s": fastest(lambda: [find_name_variants(a, b) for a, b in pairs], repeat),
        "long_chars": (len(left), len(right)),
        "long_variants": len(find_name_variants(left, right)),
        "long_s": fastest(lambda: find_name_variants(left, right), repeat),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("basil", type=Path)
    parser.add_argument("--trees", default=str(HERE), help="checkouts to time, comma-separated (default: this one)")
    parser.add_argument("--runs", type=int, default=3, help="processes per checkout, taking turns")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs in each process")
    parser.add_argument("--long", type=int, default=4, help="times each outlet's concatenation is repeated")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.basil, args.repeat, args.long)))
        return 0
    trees = [str(Path(t).resolve()) for t in args.trees.split(",")]
    best: dict[str, dict] = {}
    for _ in range(args.runs):
        for tree in trees:
            env = {**os.environ, "PYTHONPATH": tree + os.pathsep + os.environ.get("PYTHONPATH", "")}
            command = [sys.executable, __file__, str(args.basil), "--child", "--repeat", str(args.repeat)]
            out = subprocess.run(
                command + ["--long", str(args.long)], env=env, check=True, capture_output=True, text=True
            )
            got = json.loads(out.stdout)
            kept = best.setdefault(tree, got)
            kept["pairs_s"] = min(kept["pairs_s"], got["pairs_s"])
            kept["long_s"] = min(kept["long_s"], got["long_s"])
    for tree in trees:
        r = best[tree]
        print(f"{tree}")
        print(f"  {r['pairs']} story pairs: {r['pairs_s'] * 1000:.0f} ms CPU, {r['variants']} variants")
        chars = " / ".join(f"{n:,}" for n in r["long_chars"])
        print(f"  long sides ({chars} characters): {r['long_s'] * 1000:.0f} ms CPU, {r['long_variants']} variants")
    return 0


if __name__ == "__main__":
    sys.exit(main())
