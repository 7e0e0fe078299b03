"""Cost of reading every article's outlet, author and story names through clean.loaded_name (one
line, no control or invisible character, combining marks capped, NFC) at corpus load, against the
reading before it (invisible characters dropped, spaces joined; sanitize_line came later, in the
loader, as it still does), in the same run, the two taking turns (A, B, A, B).

    python bench/bench_loaded_names.py [--articles 3000] [--repeat 5]

Prints the fastest CPU time (time.process_time) of load_corpus over a synthetic corpus (a third
of its names not ASCII: accents, a soft hyphen, a zero-width space, Persian with its joiner) with
each reading, and of the names' reading alone (clean._given on the three keys of every article).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

NAMES = [
    "Daily Gazette",
    "The Morning Post",
    "Dai\u00adly Gazette",
    "Caf\u00e9 Tribune",
    "Daily\u200b Herald",
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 Press",
    "Jane Doe",
    "City Council Budget",
    "Z\u0301\u0301\u0301alg\u0301o",
]


def old_name(value: str) -> str:
    """The names' reading in clean._given before loaded_name."""
    from reader.corpus import clean
    from reader.corpus.decode import without_invisible_in_names

    if not value.isascii():
        value = without_invisible_in_names(clean._drop_invisible(value))
    return " ".join(value.split())


def write_corpus(root: Path, count: int) -> None:
    body = "The council met on Tuesday to vote on the budget, and the mayor spoke. " * 30
    for i in range(count):
        name = NAMES[i % len(NAMES)]
        author = NAMES[(i + 3) % len(NAMES)]
        story = NAMES[(i + 5) % len(NAMES)]
        (root / f"a{i:05d}.md").write_text(
            f'---\ntitle: "Story {i}"\noutlet: "{name}"\nauthor: "{author}"\nstory: "{story}"\n'
            f"date: 2024-03-{1 + i % 28:02d}\n---\n\n{body}\n",
            encoding="utf-8",
        )


def cpu(call) -> float:
    start = time.process_time()
    call()
    return time.process_time() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from reader.corpus import clean
    from reader.corpus.loader import load_corpus

    now = clean.loaded_name
    metas = [
        {"outlet": NAMES[i % 9], "author": NAMES[(i + 3) % 9], "story": NAMES[(i + 5) % 9]}
        for i in range(args.articles)
    ]

    def names() -> None:
        for meta in metas:
            for key in ("outlet", "author", "story"):
                clean._given(meta, key)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_corpus(root, args.articles)
        best = {"loaded_name": [float("inf")] * 2, "before": [float("inf")] * 2}
        outlets: dict[str, set] = {}
        for _ in range(args.repeat):
            for label, reading in (("loaded_name", now), ("before", old_name)):
                clean.loaded_name = reading
                try:
                    result: list = []
                    load = cpu(lambda: result.append(load_corpus([root])))  # noqa: B023
                    alone = cpu(names)
                finally:
                    clean.loaded_name = now
                best[label] = [min(best[label][0], load), min(best[label][1], alone)]
                outlets[label] = {(a.outlet, a.author) for a in result[0].articles}
    print(f"{args.articles} articles, fastest of {args.repeat} (CPU seconds)")
    for label, (load, alone) in best.items():
        print(f"  {label:12} load_corpus {load:7.3f}   names alone {alone * 1000:7.1f} ms")
    extra = best["loaded_name"][0] - best["before"][0]
    print(f"  load: {extra * 1000:+.1f} ms ({extra / best['before'][0]:+.1%})")
    print(f"  same names loaded: {outlets['loaded_name'] == outlets['before']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
