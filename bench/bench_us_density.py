"""How the analysis's cost grows with the words "US" in a text: linear, as any word's.

    python bench/bench_us_density.py [--sizes 10000 100000 1000000] [--repeat 3]

Each "US" of a text is read as the country or the pronoun from the words beside it
(textproc.is_country); the analysis once looked again at the words around each one, so a text
dense with "US" cost ten times another. For each size, texts of that many words: "US" alone in
a line in capitals ("US US US ..."), "US" in sentences ("the US said ..."), "US" each time
beside a new word ("US W1 US W2 ...": no neighbourhood read twice), and the same-run
baseline: a text of as many plain words ("cat cat ..."). Printed: CPU seconds (the fastest of
--repeat) of the index's analysis (term_positions), the query analyzer's words and the Whoosh
chain's tokens (reader_analyzer), and each "US" text's ratio to the baseline.
"""

from __future__ import annotations

import argparse
import time

from reader.index import textproc
from reader.index.schema import reader_analyzer

TEXTS = {
    "US US US ...": lambda n: " ".join(["US"] * n),
    "the US said ...": lambda n: " ".join(["the US said"] * (n // 3)),
    # A hostile text: each "US" beside words of its own, so no neighbourhood is read twice.
    "US W1 ... US W2 ...": lambda n: " ".join(f"US W{k}" for k in range(n // 2)),
    "cat cat ... (baseline)": lambda n: " ".join(["cat"] * n),
}


def cpu_seconds(run, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    chain = reader_analyzer()
    analyses = {
        "term_positions": textproc.term_positions,
        "words": textproc.words,
        "whoosh chain": lambda text: sum(1 for _ in chain(text, positions=True, chars=True)),
    }
    print(f"{'words':>9}  {'text':<24}" + "".join(f"{name:>16}" for name in analyses) + "  (CPU s; × baseline)")
    for size in args.sizes:
        timings = {}
        for label, make in TEXTS.items():
            text = make(size)
            timings[label] = [cpu_seconds(lambda: analyse(text), args.repeat) for analyse in analyses.values()]
        base = timings["cat cat ... (baseline)"]
        for label, row in timings.items():
            cells = "".join(f"{t:9.3f} ×{t / b:4.1f}" if b else f"{t:16.3f}" for t, b in zip(row, base))
            print(f"{size:>9}  {label:<24}{cells}")


if __name__ == "__main__":
    main()
