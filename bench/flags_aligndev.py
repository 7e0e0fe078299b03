"""Every flag the comparison raises on align-dev pairs, for reading by hand.

    python bench/flags_aligndev.py ALIGN_DIR [BASIL_DIR] [--only KIND]

ALIGN_DIR holds the pair files (`LEFT__RIGHT.json`, see its README); BASIL_DIR the articles they
name (default: `../basil-dev` beside ALIGN_DIR). Each pair's two articles are loaded from
BASIL_DIR with the project's loader and compared as `reader compare` does; the script prints,
pair by pair, the headlines, every figure conflict, every shared quote that is altered or
censored, every name variant and every framing flag, with the sentences they sit in, then the
counts. Whether a flag is right is for the reader to judge: that is the point of printing them.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis.compare import compare  # noqa: E402
from reader.analysis.report import clean  # noqa: E402
from reader.corpus import load_corpus  # noqa: E402

KINDS = ("headline", "figure", "quote", "name", "framing")


def print_flags(c, left_id: str, right_id: str, counts: Counter, only: str | None = None) -> None:
    """Print every flag of the comparison `c` (with the sentences they sit in) and count them."""

    def show(kind: str) -> bool:
        return only in (None, kind)

    L, R = c.left.sentences, c.right.sentences
    print(f"\n=== {left_id} ({c.left.outlet}) vs {right_id} ({c.right.outlet})")
    headline = getattr(c, "headline", None)
    if headline is not None and show("headline"):
        counts["headline"] += 1
        print(f"  [headline] L: {clean(headline.left.text)}")
        print(f"             R: {clean(headline.right.text)}")
        print(
            f"    stressed L: {'; '.join(clean(w) for w in headline.left.stressed) or '-'}"
            f" | R: {'; '.join(clean(w) for w in headline.right.stressed) or '-'}"
            f" | similarity {headline.similarity:.2f}"
        )
        for f in getattr(headline, "figures", []):  # neither headline told in its body
            counts["headline figure"] += 1
            print(f"    [headline figure {f.kind}] {clean(f.left.text)!r} vs {clean(f.right.text)!r}")
        if headline.left.framing or headline.right.framing:
            counts["headline framing"] += 1
            print(
                f"    framing L: {', '.join(map(clean, headline.left.framing)) or '-'}"
                f" | R: {', '.join(map(clean, headline.right.framing)) or '-'}"
            )
    for f in c.figures:
        counts["figure"] += 1
        if show("figure"):
            kind = getattr(f, "kind", "")
            print(f"  [figure {kind}] {clean(f.left.text)!r} vs {clean(f.right.text)!r}")
            print(f"    L{f.left_sentence}: {clean(L[f.left_sentence].text)}")
            print(f"    R{f.right_sentence}: {clean(R[f.right_sentence].text)}")
    for q in c.shared_quotes:
        counts[f"quote {q.match}"] += 1
        if q.match in ("exact", "fragment") or not show("quote"):
            continue
        print(f"  [quote {q.match}] L ({clean(q.left.speaker)}): {clean(q.left.text)}")
        print(f"    R ({clean(q.right.speaker)}): {clean(q.right.text)}")
    for v in c.name_variants:
        counts["name"] += 1
        if show("name"):
            print(f"  [name] {clean(v.left_name)} / {clean(v.right_name)}")
    for flag in getattr(c, "framing", []):
        counts["framing"] += 1
        counts[f"framing {flag.kind}"] += 1
        if show("framing"):
            print(f"  [framing {flag.kind}] {flag.summary()}")
            print(f"    L{flag.left_sentence}: {clean(L[flag.left_sentence].text)}")
            print(f"    R{flag.right_sentence}: {clean(R[flag.right_sentence].text)}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("align", type=Path, help="folder of align-dev pair files")
    parser.add_argument("basil", type=Path, nargs="?", help="folder of the articles")
    parser.add_argument("--only", choices=KINDS, help="print one kind of flag only")
    args = parser.parse_args(argv)
    basil = args.basil or args.align.parent / "basil-dev"
    files = sorted(args.align.glob("*__*.json"))
    if not files or not basil.is_dir():
        print(f"flags_aligndev: no pair files in {args.align} or no folder {basil}", file=sys.stderr)
        return 2
    articles = {a.id: a for a in load_corpus([basil]).articles}
    counts: Counter = Counter()
    for path in files:
        left_id, _, right_id = path.stem.partition("__")
        if left_id not in articles or right_id not in articles:
            print(f"{path.name}: article missing in {basil}", file=sys.stderr)
            continue
        print_flags(compare(articles[left_id], articles[right_id]), left_id, right_id, counts, args.only)
    print("\ncounts:", ", ".join(f"{k} {n}" for k, n in sorted(counts.items())) or "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
