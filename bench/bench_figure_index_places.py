"""CPU time of the flags' figure reading on long made-up sentences that stress session 56's index
names ("the Acme Composite Index") and places ("in Paris"), against a same-size baseline.

    python bench/bench_figure_index_places.py [--repeat 3]

Same run, best of REPEAT (time.process_time), find_flag_figures on one sentence each: `caps run`
is 20,000 capitalised words and then one index name (each word may open a name: a name read at
any length was tried from each, quadratic); `places` is 3,000 counts each told "in" a place (a
sentence's capitals were read once a count); `baseline` is as long a sentence of counts in lower
case, which neither rule reads; `spaces` is one index name split by 50,000 spaces (a proportion's
"in" was looked for from each space: 44 s before v1).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis.figures import find_flag_figures  # noqa: E402


def _best(text: str, repeat: int) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        found = len(find_flag_figures(text))
        best = min(best, time.process_time() - start)
    return best, found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    texts = {
        "caps run": " ".join(["Alpha"] * 20000) + " rose 5 points. The Acme Index fell 3 points.",
        "places": " ".join(f"{i} people died in Paris{i}," for i in range(3000)),
        "baseline": " ".join(f"{i} people died in town{i}," for i in range(3000)),
        "spaces": "The Acme" + " " * 50000 + "Index fell 3 points.",
    }
    for name, text in texts.items():
        seconds, found = _best(text, args.repeat)
        print(f"{name:9} {len(text):7} characters, {found:5} figures: {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
