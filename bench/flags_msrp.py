"""Every name variant and differing figure the comparison's flags find in MSRP's sentence pairs,
for reading by hand (as bench/flags_aligndev.py prints them for article pairs).

    python bench/flags_msrp.py MSRP_DIR [--only name|figure]

Each pair (msrp-dev/pairs.tsv, read as bench/msrp.py reads it) is taken as two aligned
sentences: find_name_variants on the two, and differing_figures on their find_flag_figures, as
compare() does for a linked pair (a variant that needs aligned sentences is kept: the pair is
one). Pairs come in file order, so two checkouts' outputs can be diffed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import msrp  # noqa: E402

from reader.analysis.figures import (  # noqa: E402
    FigureDifference,
    differing_figures,
    find_flag_figures,
    numbered_names,
)
from reader.analysis.names import find_name_variants  # noqa: E402
from reader.analysis.report import clean  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="msrp-dev folder (its pairs.tsv)")
    parser.add_argument("--only", choices=("name", "figure"), help="print one kind of flag only")
    args = parser.parse_args(argv)
    rows = msrp.read_pairs(args.folder / "pairs.tsv")
    counts: Counter = Counter()
    for n, (_, left, right) in enumerate(rows):
        lines = []
        if args.only in (None, "name"):
            for v in find_name_variants(left, right):
                counts["name"] += 1
                lines.append(f"  [name] {clean(v.left_name)!r} / {clean(v.right_name)!r}")
        if args.only in (None, "figure"):
            names = numbered_names(left, right)  # as compare() reads the two articles
            for f, g in differing_figures(find_flag_figures(left, 0, names), find_flag_figures(right, 0, names)):
                counts["figure"] += 1
                what = FigureDifference(f, g, 0, 0).described
                lines.append(f"  [figure {what}] {clean(f.text)!r} vs {clean(g.text)!r}")
        if lines:
            print(f"\n=== pair {n}\n  L: {clean(left)}\n  R: {clean(right)}")
            print("\n".join(lines))
    print(f"\n{len(rows)} pairs; counts:", ", ".join(f"{k} {n}" for k, n in sorted(counts.items())) or "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
