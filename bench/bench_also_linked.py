"""Time of naming every row of a comparison ("also linked": a row's links to other rows), as the
compare screen does for each row's tooltip and the summary bar.

    python bench/bench_also_linked.py [--sizes 600,6000] [--repeat 3]

Per size, a synthetic comparison of SIZE sentences a side: sentence i linked to sentence i, every
tenth also linked to one far away (half the article on), every seventh left alone on each side.
It prints the CPU time (time.process_time, fastest of --repeat runs) of `row_name` over all the
rows, and, as the same-run baseline, of the scan it replaced (every link of the comparison
looked at for each row: rows x links), checking both name every row alike.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis.compare import Comparison, Pair, Side, Span  # noqa: E402
from reader.analysis.compare_layout import CompareModel, Row, build_model, row_summary  # noqa: E402
from reader.tui.widgets.compare_view import ALSO_LINKED_SHOWN, row_name  # noqa: E402


def synthetic(size: int) -> Comparison:
    def side(name: str) -> Side:
        sentences, text, pos = [], [], 0
        for i in range(size):
            sentence = f"{name} sentence number {i} of the story."
            sentences.append(Span(sentence, pos, pos + len(sentence)))
            text.append(sentence)
            pos += len(sentence) + 1
        return Side(name.lower(), name, "", " ".join(text), sentences)

    pairs = [Pair(i, i, 0.8) for i in range(size) if i % 7]
    pairs += [Pair(i, (i + size // 2) % size, 0.5) for i in range(0, size, 10) if i % 7]
    paired_left = {p.left for p in pairs}
    paired_right = {p.right for p in pairs}
    return Comparison(
        left=side("Left"),
        right=side("Right"),
        pairs=pairs,
        only_left=[i for i in range(size) if i not in paired_left],
        only_right=[j for j in range(size) if j not in paired_right],
    )


def scanned_name(model: CompareModel, row: Row, between: str = " — ") -> str:
    """row_name as it was: every link of the comparison looked at for the row."""
    said = row_summary(row)
    out = [p for p in model.comparison.pairs if (p.left in row.left) != (p.right in row.right)]
    if out:
        named = [f"L{p.left + 1} ↔ R{p.right + 1} {p.score:.2f}" for p in out[:ALSO_LINKED_SHOWN]]
        said += " · also linked: " + ", ".join(named) + (", …" if len(out) > ALSO_LINKED_SHOWN else "")
    return between.join([said, *(["; ".join(row.reasons)] if row.reasons else [])])


def fastest(repeat: int, comparison: Comparison, name) -> tuple[float, list[str]]:
    """The CPU time of naming every row with `name`, on a model made anew for each run (what
    the screen indexes once per comparison is counted), and the names."""
    best, names = float("inf"), []
    for _ in range(repeat):
        model = build_model(comparison)
        start = time.process_time()
        names = [name(model, row) for row in model.rows]
        best = min(best, time.process_time() - start)
    return best, names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="600,6000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'sentences a side':>16} {'rows':>6} {'links':>6} {'row_name':>10} {'baseline (scan)':>16}")
    for size in (int(s) for s in args.sizes.split(",")):
        comparison = synthetic(size)
        now, names = fastest(args.repeat, comparison, row_name)
        before, old_names = fastest(args.repeat, comparison, scanned_name)
        rows = len(build_model(comparison).rows)
        if names != old_names:
            raise SystemExit(f"bench_also_linked: the rows are named differently at {size} sentences")
        also = sum("also linked" in name for name in names)
        print(
            f"{size:>16,} {rows:>6,} {len(comparison.pairs):>6,} {now * 1000:>8.1f}ms "
            f"{before * 1000:>14.1f}ms   ({also:,} rows linked to others too)"
        )


if __name__ == "__main__":
    main()
