"""The highlighter on long runs of a script written without spaces (Thai...): before and after, same run.

    python bench/bench_unspaced_runs.py --baseline OLD_CHECKOUT [--repeat 5] [--rounds 3]
    BENCH_RUN_SIZE=1000000 python bench/bench_unspaced_runs.py ...   (runs of 1 MB)

Each checkout (this one, and --baseline's, e.g. `git worktree add /tmp/old REV`) runs in a process
of its own, in turns (--rounds, the fastest of each figure kept). Printed: the p50 CPU time
(process_time) of textproc.find_term_ranges, limit 1,000 as the app asks, over ~85 KB runs with
no space (longer than textproc.JUNK_RUN, which main passes over whole): a Thai paragraph with a hit
deep inside it, and without one; the worst cases of a run read word by word, a Thai letter and a
word, or a letter alone, parted by commas (a word every two to nine characters), each with no hit
and with a hit in every word; and AT&T run together with one Thai letter in it. Each also with a
space every 4,000 characters (runs too short to be guarded against: read on both sides), the cost
of reading such text. The ranges found are printed beside each figure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from bench_symbol_words import measured_sides, p50  # noqa: E402  (a sibling: bench/ is the script's folder)

# The reader measured: this checkout's, or the baseline's (BENCH_READER_ROOT, set by --baseline).
sys.path.insert(0, os.environ.get("BENCH_READER_ROOT") or str(Path(__file__).resolve().parent.parent))

SIZE = int(os.environ.get("BENCH_RUN_SIZE", 85_000))  # the runs' length (the sides' processes inherit it)
THAI = "ประเทศไทยจัดการเลือกตั้ง"


def texts() -> dict[str, tuple[str, frozenset[str]]]:
    paragraph = (THAI * SIZE)[: SIZE // 2]
    return {
        "Thai paragraph, a hit deep inside": (f"{paragraph}(budget){paragraph}", frozenset({"budget"})),
        "Thai paragraph, no hit": (paragraph * 2, frozenset({"budget"})),
        "a letter, comma, no hit": (("ก,x," * SIZE)[:SIZE], frozenset({"budget"})),
        "a letter and a word, no hit": (("ก,budgie," * SIZE)[:SIZE], frozenset({"budget"})),
        "a letter and a word, each a hit": (("ก,budget," * SIZE)[:SIZE], frozenset({"budget"})),
        "AT&T run together, one Thai letter": ("ก" + ("AT&T" * SIZE)[:SIZE], frozenset({"att", "at&t"})),
    }


def spaced(text: str) -> str:
    """`text` with a space every 4,000 characters: short runs, which main reads too."""
    return " ".join(text[k : k + 4000] for k in range(0, len(text), 4000))


def run(repeat: int) -> dict:
    from reader.index import textproc

    figures: dict = {}
    for name, (text, terms) in texts().items():
        for label, body in ((name, text), (f"{name}, spaced", spaced(text))):
            figures[label] = p50(lambda: textproc.find_term_ranges(body, terms, limit=1000), repeat)
            figures[f"{label}: ranges"] = len(textproc.find_term_ranges(body, terms, limit=1000))
    return figures


def main() -> None:
    measured = measured_sides(__doc__, __file__, run, repeat=5)
    if measured is None:
        return
    sides, results = measured
    print(f"{'p50 CPU ms (ranges found)':50}" + "".join(f"{label:>16}" for label, _ in sides))
    for key, value in results["after"].items():
        if isinstance(value, float):
            cells = (f"{results[label][key]:9.2f} ({results[label][key + ': ranges']:>4})" for label, _ in sides)
            print(f"{key:50}" + "".join(f"{cell:>16}" for cell in cells))


if __name__ == "__main__":
    main()
