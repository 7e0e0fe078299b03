"""CPU time of finding quotations and their speakers (`find_quotes`) in hostile long texts, for
one or more checkouts in the same run: what grows faster than the text does.

    python bench/bench_quote_speed.py [--trees DIR,DIR...] [--scales 1,2] [--runs 3] [--only NAME,...]

The texts (hostile_texts) are built here, the same for every checkout: one sentence of hundreds
of "they said" quotations (and one with a pair of names before each), role-phrase speakers
("said the Florida senator") in many sentences and in one, a paragraph of 25,000 words with no
full stop, thousands of short paragraphs, 1,000 quotations, one sentence naming 2,500 people, a
chain of 1,000 "X said", pronoun speakers in one sentence and in many paragraphs, "a spokesman
for" speakers, "it said", role phrases ("said the governor", "the presidential hopeful", "the
Florida senator") among 800 titled names, unclosed quotation marks.
--scales multiplies every size: a time that grows 4x when the scale doubles is quadratic. Each
checkout runs in its own process per run (that checkout first on sys.path); checkouts take turns
(A B A B ...) so a change in load falls on both; the best of --runs is printed, in CPU seconds
(time.process_time). Run it with `nice` on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
_FIRST = ["Mark", "Ron", "Anna", "Maria", "John", "Lisa", "Peter", "Chen", "Omar", "Sara"]
_LAST = ["Udall", "Wyden", "Smith", "Jones", "Garcia", "Lopez", "Brown", "Kim", "Nguyen", "Patel"]


def hostile_texts(scale: float) -> dict[str, str]:
    """name -> text, each sized by `scale` (1: the sizes above)."""
    rnd = random.Random(1)

    def n(count: int) -> int:
        return max(1, int(count * scale))

    def person() -> str:
        return f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}"

    def many() -> str:  # one of thousands of surnames
        return f"{rnd.choice(_FIRST)} Name{rnd.randrange(3000)}"

    they = '"We will win," they said, after officials and senators met Mr. Udall and Mr. Wyden, '
    pair = '"We will win," they said, and Mr. Udall and Mr. Wyden agreed, '
    tags = "Florida Sen. Marco Rubio and Gov. Chris Christie of New Jersey met. "
    words = "the council met on Monday and the mayor spoke about the budget while residents listened".split()
    return {
        "they_sentence": "Mark Udall and Ron Wyden spoke. " + they * n(200),
        "they_pairs": "Mark Udall and Ron Wyden spoke. " + pair * n(200),
        "role_phrase": tags
        + " ".join(
            f'"Point {i} is fine," said the Florida senator. "No," said the New Jersey governor.' for i in range(n(200))
        ),
        "role_one_sentence": tags
        + " ".join(f'"Point {i} is fine," said the Florida senator, and' for i in range(n(200))),
        "no_full_stop": " ".join(rnd.choice(words) for _ in range(n(25000))),
        "short_paragraphs": "\n\n".join(f"{person()} spoke about item {i}." for i in range(n(5000))),
        "many_quotations": " ".join(f'"Item {i} is good," {person()} said.' for i in range(n(1000))),
        "names_sentence": "Present were " + ", ".join(person() for _ in range(n(2500))) + ' and they said "we agree".',
        "said_chain": "John Smith said " + " ".join(f"{person()} said" for _ in range(n(1000))) + ' "it is done."',
        "pronoun_sentence": "John Smith and Anna Kim spoke. "
        + " ".join(f'"Point {i}," he said, and "more," she said,' for i in range(n(200))),
        "pronoun_paragraphs": "John Smith and Anna Kim spoke.\n\n"
        + "\n\n".join(f'"Point {i}," he said. "More," she said.' for i in range(n(500))),
        "spokesman_for": "Mayor John Smith spoke. "
        + " ".join(
            f'"Point {i}," said the spokesman for Smith, and "more," said a lawyer for Kim, and' for i in range(n(200))
        ),
        "it_said": "The committee met. " + " ".join(f'"Point {i}," it said, and' for i in range(n(300))),
        "titled_many": " ".join(f'Gov. {many()} spoke. "Point {i}," said the governor.' for i in range(n(800))),
        "described_many": " ".join(
            f'Gov. {many()} spoke. "Point {i}," said the presidential hopeful.' for i in range(n(800))
        ),
        "state_tags_many": " ".join(
            f'Sen. {many()} (R-Fla.) spoke. "Point {i}," said the Florida senator.' for i in range(n(800))
        ),
        "unclosed_quotes": 'He said "' + ' "'.join(f"word {i}" for i in range(n(2000))),
    }


def _worker(tree: str, scale: float, only: list[str]) -> None:
    """In a child: time find_quotes of `tree` on each text, printed as JSON."""
    import time

    sys.path.insert(0, tree)
    from reader.analysis.quotes import find_quotes

    times = {}
    for name, text in hostile_texts(scale).items():
        if only and name not in only:
            continue
        start = time.process_time()
        found = find_quotes(text)
        times[name] = (time.process_time() - start, len(text), len(found))
    print(json.dumps(times))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trees", default=str(HERE), help="checkouts to time, comma-separated (default: this one)")
    ap.add_argument("--scales", default="1", help="size multipliers, comma-separated")
    ap.add_argument("--runs", type=int, default=3, help="runs per checkout (the best is shown)")
    ap.add_argument("--only", default="", help="only these texts, comma-separated")
    ap.add_argument("--worker", nargs=2, metavar=("TREE", "SCALE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    only = [name for name in args.only.split(",") if name]
    if args.worker:
        _worker(args.worker[0], float(args.worker[1]), only)
        return 0
    trees = [str(Path(t).resolve()) for t in args.trees.split(",")]
    for scale in (float(s) for s in args.scales.split(",")):
        best: dict[str, dict[str, tuple[float, int, int]]] = {tree: {} for tree in trees}
        for _ in range(args.runs):
            for tree in trees:
                command = [sys.executable, __file__, "--worker", tree, str(scale), "--only", ",".join(only)]
                done = subprocess.run(command, cwd=tree, capture_output=True, text=True, check=True)
                for name, (cpu, chars, quotes) in json.loads(done.stdout).items():
                    if name not in best[tree] or cpu < best[tree][name][0]:
                        best[tree][name] = (cpu, chars, quotes)
        print(f"scale {scale:g} (best of {args.runs}, CPU seconds of find_quotes)")
        print(f"{'text':20s} {'chars':>8s} {'quotes':>6s}  " + "  ".join(f"{Path(t).name:>12s}" for t in trees))
        for name in best[trees[0]]:
            _, chars, quotes = best[trees[0]][name]
            row = "  ".join(f"{best[t][name][0]:12.3f}" for t in trees)
            print(f"{name:20s} {chars:8d} {quotes:6d}  {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
