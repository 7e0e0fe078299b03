"""CPU time of reading the names ending in a number ("Route 66") for one comparison's figures.

    python bench/bench_numbered_names.py LEFT_FILE RIGHT_FILE [--sentences 600] [--repeat 3]

The two files are read as two articles; their first SENTENCES sentences each (compare()'s cap)
are paired i with i, as a comparison's links pair them. Same run, best of REPEAT (time.process_time):
`none` reads every paired sentence's figures with no names (as before session 54), `whole`
reads numbered_names over both whole texts first (session 54's s1), `asked` reads it only for the
keys the paired sentences tell (name_number_keys, as compare() does now).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis.figures import find_flag_figures, name_number_keys, numbered_names  # noqa: E402
from reader.analysis.sentences import split_sentences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("left", type=Path)
    parser.add_argument("right", type=Path)
    parser.add_argument("--sentences", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in (args.left, args.right)]
    sides = [split_sentences(t)[: args.sentences] for t in texts]

    def run(way: str) -> float:
        start = time.process_time()
        if way == "whole":
            names = numbered_names(*texts)
        elif way == "asked":
            asked = set().union(*(name_number_keys(s.text) for side in sides for s in side))
            names = numbered_names(*texts, only=asked)
        else:
            names = frozenset()
        for side in sides:
            for s in side:
                find_flag_figures(s.text, s.start, names)
        return time.process_time() - start

    print(f"{len(texts[0]):,} + {len(texts[1]):,} characters, {len(sides[0])} + {len(sides[1])} sentences")
    for way in ("none", "whole", "asked"):
        print(f"{way:6} {min(run(way) for _ in range(args.repeat)):.3f} s CPU")


if __name__ == "__main__":
    main()
