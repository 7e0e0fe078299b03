"""The highlighter on symbol junk with no spaces, and on real articles: before and after, same run.

    python bench/bench_highlight_junk.py --baseline OLD_CHECKOUT [--repeat 5] [--rounds 3]

Each checkout (this one, and --baseline's, e.g. `git worktree add /tmp/old REV`) runs in a process
of its own, in turns (--rounds, the fastest of each figure kept). Printed: the p50 CPU time
(process_time) of textproc.find_term_ranges (what a snippet's and the app's highlighting does),
limit 1,000 as the app asks, over ~85 KB of junk of each kind (symbol names run together
`AT&TAT&T...`, `C++C++...`, numbers `1,0001,000...`, `1.0001.000...`, and random symbols; also cut
by a space every 4,000 characters, too short for a junk run the highlighter passes over) for the
term its symbols may stand for, and over the seeds (seeds/*.txt) and a made-up corpus of prose
(bench_symbol_words' dense text) for every term each holds. Then whether the ranges found in the
seeds and the made-up corpus are the same on both sides (they must be).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sys
from pathlib import Path

from bench_symbol_words import measured_sides, p50  # noqa: E402  (a sibling: bench/ is the script's folder)

ROOT = Path(__file__).resolve().parent.parent
# The reader measured: this checkout's, or the baseline's (BENCH_READER_ROOT, set by --baseline).
sys.path.insert(0, os.environ.get("BENCH_READER_ROOT") or str(ROOT))

SIZE = 85_000
WORDS = "the council said budget vote minister talks peace government people percent and officials".split()
SPECIAL = ["2,000", "3.5", "www.example.org", "AT&T", "1,000", "12,500.75", "C++", ".NET", "F#"]


def junk() -> dict[str, tuple[str, frozenset[str]]]:
    rng = random.Random(3)
    symbols = "".join(rng.choice("&+#.,;:!?/|@$%^*()[]{}<>~=aT1") for _ in range(SIZE))
    return {
        "AT&T run together": (("AT&T" * SIZE)[:SIZE], frozenset({"att", "at&t"})),
        "C++ run together": (("C++" * SIZE)[:SIZE], frozenset({"c++"})),
        "1,000 run together": (("1,000" * SIZE)[:SIZE], frozenset({"1000"})),
        "1.000 run together": (("1.000" * SIZE)[:SIZE], frozenset({"1000"})),
        "random symbols": (symbols, frozenset({"att", "1000", "example.org"})),
        # Shorter than a junk run (textproc.JUNK_RUN), so read: the cost of each symbol's word.
        "AT&T together, a space each 4,000": (_spaced(("AT&T" * SIZE)[:SIZE]), frozenset({"att", "at&t"})),
        "C++ together, a space each 4,000": (_spaced(("C++" * SIZE)[:SIZE]), frozenset({"c++"})),
        "1,000 together, a space each 4,000": (_spaced(("1,000" * SIZE)[:SIZE]), frozenset({"1000"})),
        "symbol words": (
            "".join(
                rng.choice(["at&t", "1,000", "x.y", "c++", "&", ",", "e-mail", "www.a.org"]) for _ in range(SIZE // 5)
            ),
            frozenset({"att", "1000", "c++"}),
        ),
    }


def _spaced(text: str) -> str:
    return " ".join(text[k : k + 4000] for k in range(0, len(text), 4000))


def prose() -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng = random.Random(1)
    for seed in range(3):
        out = [rng.choice(SPECIAL) if k % 8 == 7 else rng.choice(WORDS) for k in range(3000)]
        texts.append(" ".join(w + ("." if k % 15 == 14 else "") for k, w in enumerate(out)))
    return texts


def run(repeat: int) -> dict:
    from reader.index import textproc

    figures: dict = {}
    for name, (text, terms) in junk().items():
        figures[name] = p50(lambda: textproc.find_term_ranges(text, terms, limit=1000), repeat)
    texts = prose()
    # Every term of each text, a few at a time, as queries ask.
    asks = [(text, sorted(textproc.term_positions(text)[0])) for text in texts]
    found = []

    def highlight_all():
        found.clear()
        for text, terms in asks:
            for k in range(0, len(terms), 3):
                found.append(textproc.find_term_ranges(text, frozenset(terms[k : k + 3]), limit=1000))

    figures["seeds and made-up prose, every term"] = p50(highlight_all, max(1, repeat // 5))
    figures["ranges"] = hashlib.sha256(json.dumps(found).encode()).hexdigest()[:16]
    figures["ranges found"] = sum(map(len, found))
    return figures


def main() -> None:
    measured = measured_sides(__doc__, __file__, run, repeat=5)
    if measured is None:
        return
    sides, results = measured
    print(f"{'p50 CPU ms':40}" + "".join(f"{label:>12}" for label, _ in sides))
    for key, value in results["after"].items():
        if isinstance(value, float):
            print(f"{key:40}" + "".join(f"{results[label][key]:12.2f}" for label, _ in sides))
    for key in ("ranges found", "ranges"):
        print(f"{key:40}" + "".join(f"{results[label][key]!s:>12}" for label, _ in sides))
    if len(sides) == 2:
        same = results["before"]["ranges"] == results["after"]["ranges"]
        print("the seeds' and the made-up prose's ranges are " + ("the same" if same else "NOT the same"))


if __name__ == "__main__":
    main()
