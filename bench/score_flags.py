"""Precision of the comparison's flags (name variants, differing figures, shared quotes) against
the flags judged by hand in bench/labels/flags.jsonl.

    python bench/score_flags.py ALIGN_DIR BASIL_DIR [--labels FILE] [--dump]

Compares every pair bench/flags_aligndev.py and bench/flags_pairs.py (basil, less align-dev's
pairs) read, as `reader compare` does, and prints for each kind of flag: how many it raised,
how many of those the labels call right and wrong, how many are not labelled, the precision
(right / judged), and the flags the labels expect that it did not raise (missed). `--dump`
prints every flag with its key instead, for labelling.

A flag is keyed by its pair and by what it points at, never by article text: a name variant by
its two names, a figure by its two figures' text and offsets, a shared quote by its two spans
(its grade, exact / fragment / altered / censored, is what the label judges).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from flags_pairs import _basil_pairs  # noqa: E402

from reader.analysis.compare import Comparison, compare  # noqa: E402
from reader.analysis.report import clean  # noqa: E402
from reader.corpus import load_corpus  # noqa: E402

KINDS = ("name", "figure", "quote")
LABELS = Path(__file__).resolve().parent / "labels" / "flags.jsonl"


def flags(c: Comparison) -> list[tuple[str, str, str, str]]:
    """(kind, key, grade, readable line) for each name, figure and shared-quote flag of `c`."""
    out = []
    for v in c.name_variants:
        out.append(("name", f"{v.left_name} / {v.right_name}", "variant", f"{v.left_name} / {v.right_name}"))
    for f in c.figures:
        key = f"{f.left.text}@{f.left.start} / {f.right.text}@{f.right.start}"
        out.append(
            ("figure", key, "differs", f"{f.left.text!r} vs {f.right.text!r} (L{f.left_sentence} R{f.right_sentence})")
        )
    for q in c.shared_quotes:
        key = f"{q.left.start}-{q.left.end} / {q.right.start}-{q.right.end}"
        out.append(("quote", key, q.match, f"{q.match}: {clean(q.left.text)[:90]!r} / {clean(q.right.text)[:90]!r}"))
    return out


def pairs(align: Path, basil: Path) -> list[tuple[str, str]]:
    labelled = [tuple(p.stem.split("__")) for p in sorted(align.glob("*__*.json"))]
    return [(a, b) for a, b in labelled] + _basil_pairs(basil, align)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("align", type=Path, help="align-dev folder (its LEFT__RIGHT.json pairs)")
    parser.add_argument("basil", type=Path, help="basil-dev folder (the articles, stories.yaml)")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--dump", action="store_true", help="print every flag with its key")
    args = parser.parse_args(argv)
    labels = {}
    for line in args.labels.read_text(encoding="utf-8").splitlines() if args.labels.exists() else ():
        row = json.loads(line)
        labels[(row["pair"], row["kind"], row["key"])] = row
    articles = {a.id: a for a in load_corpus([args.basil]).articles}
    raised: Counter = Counter()
    right: Counter = Counter()
    wrong: Counter = Counter()
    seen = set()
    for left_id, right_id in pairs(args.align, args.basil):
        pair = f"{left_id}__{right_id}"
        for kind, key, grade, line in flags(compare(articles[left_id], articles[right_id])):
            if args.dump:
                print(f"{pair}\t{kind}\t{key}\t{line}")
                continue
            raised[kind] += 1
            label = labels.get((pair, kind, key))
            if label is None:
                continue
            seen.add((pair, kind, key))
            if label["correct"] and label.get("grade", grade) == grade:
                right[kind] += 1
            else:
                wrong[kind] += 1
    if args.dump:
        return 0
    for kind in KINDS:
        judged = right[kind] + wrong[kind]
        precision = f"{right[kind] / judged:.3f}" if judged else "-"
        expected = [k for k, row in labels.items() if k[1] == kind and row["correct"]]
        missed = [k for k in expected if k not in seen]
        print(
            f"{kind:6}: raised {raised[kind]:4}, right {right[kind]:4}, wrong {wrong[kind]:3},"
            f" not labelled {raised[kind] - judged:4}, precision {precision},"
            f" labelled true flags found {len(expected) - len(missed)}/{len(expected)}"
        )
        for pair, _, key in missed:
            print(f"    missed: {pair} {key} ({labels[(pair, kind, key)].get('note', '')})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
