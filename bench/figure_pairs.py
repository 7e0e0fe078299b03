"""The linked sentence pairs whose two sentences both carry figures, for labelling the comparison's
"differing figures" flag by hand (bench/labels/flags.jsonl).

    python bench/figure_pairs.py ALIGN_DIR BASIL_DIR [--kinds count,money,...]

Reads the pairs bench/score_flags.py scores, compares each as `reader compare` does and prints,
for every link whose two sentences both hold figures (find_flag_figures): the pair, the link's
score, each side's figures as `text@offset kind unit`, the flags raised on it (with the key
score_flags.py uses) and both sentences. Only figures of a kind found on both sides are listed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_flags import pairs  # noqa: E402

from reader.analysis.compare import compare  # noqa: E402
from reader.analysis.figures import find_flag_figures, numbered_names  # noqa: E402
from reader.analysis.report import clean  # noqa: E402
from reader.corpus import load_corpus  # noqa: E402


def _figure(f) -> str:
    return f"{f.text}@{f.start} {f.kind}" + (f" {f.unit}" if f.unit else "")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("align", type=Path, help="align-dev folder (its LEFT__RIGHT.json pairs)")
    parser.add_argument("basil", type=Path, help="basil-dev folder (the articles, stories.yaml)")
    args = parser.parse_args(argv)
    articles = {a.id: a for a in load_corpus([args.basil]).articles}
    shown = 0
    for left_id, right_id in pairs(args.align, args.basil):
        c = compare(articles[left_id], articles[right_id])
        names = numbered_names(c.left.text, c.right.text)  # as compare() reads them
        for p in c.pairs:
            ls, rs = c.left.sentences[p.left], c.right.sentences[p.right]
            left, right = find_flag_figures(ls.text, ls.start, names), find_flag_figures(rs.text, rs.start, names)
            kinds = {f.kind for f in left} & {g.kind for g in right}
            if not kinds:
                continue
            shown += 1
            print(f"== {left_id}__{right_id} L{p.left} R{p.right} score {p.score:.2f}{' weak' if p.weak else ''}")
            print("   L figures: " + "; ".join(_figure(f) for f in left if f.kind in kinds))
            print("   R figures: " + "; ".join(_figure(g) for g in right if g.kind in kinds))
            for f in c.figures:
                if (f.left_sentence, f.right_sentence) == (p.left, p.right):
                    print(f"   FLAG {f.left.text}@{f.left.start} / {f.right.text}@{f.right.start}")
            print(f"   L: {clean(ls.text)}")
            print(f"   R: {clean(rs.text)}")
    print(f"{shown} linked pairs with figures of one kind on both sides", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
