"""CPU time of the flags' figure reading on long made-up runs of amounts that stress session 57's
periods (Figure.frame) and moves beside levels, against a same-size baseline, at growing sizes.

    python bench/bench_figure_periods.py [--sizes 10000,20000,40000] [--repeat 1]

Same run, best of REPEAT (time.process_time), find_flag_figures on one text per size:
`periods` is one sentence of SIZE amounts, each told "last year" (each amount's period is looked
for after it, up to the next amount: the rest of the amounts were copied for each, quadratic);
`baseline` is the same sentence with "last yard",
which is no period; `moves` is SIZE/2 sentences "Acme fell $1.42 to $14.97, or 3 percent, from a
year earlier" (a move told again and its level). Linear reading doubles each time SIZE does.
At 40,000, one run: periods 4.75 s before v1 (baseline 2.73 s, moves 9.93 s), 3.24 s after
(baseline 2.67 s, moves 6.22 s); 10,000 / 20,000 / 40,000 after: 0.80 / 1.54 / 3.24 s.
Session 58 (v1), 20,000, one run under load, best of 2: periods 1.57 s on origin/main, 2.43 s with
s1's named things and forecasts, 1.97 s with the clause's openings read from its end and the
speech verbs looked for only where a capital is (moves 3.00 / 3.90 / 3.46 s).
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


def _texts(size: int) -> dict[str, str]:
    return {
        "periods": "Acme fell " + " ".join(f"${i % 97 + 1} last year and" for i in range(size)) + ".",
        "baseline": "Acme fell " + " ".join(f"${i % 97 + 1} last yard and" for i in range(size)) + ".",
        "moves": " ".join(
            f"Acme{i} fell ${i % 90 + 1}.42 to ${i % 50 + 10}.97, or {i % 7 + 1} percent, from a year earlier."
            for i in range(size // 2)
        ),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,20000,40000")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",")):
        for name, text in _texts(size).items():
            seconds, found = _best(text, args.repeat)
            print(f"{size:6} {name:8} {len(text):8} characters, {found:6} figures: {seconds:.3f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
