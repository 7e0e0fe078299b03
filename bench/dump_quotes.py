"""Every quotation (all its fields) `find_quotes` gives for polnear-dev, basil-dev, aeb-dev (its
pages as reader extracts them), two long articles and hostile texts, as JSON, from the checkout
TREE: to check that two checkouts find the same quotations and speakers, byte for byte.

    python bench/dump_quotes.py TREE OUT.json [--corpora DIR] [--hostile-only]
    diff <(python bench/dump_quotes.py /tmp/base base.json) ...   # or: cmp base.json mine.json

TREE is the checkout whose `reader` is imported (its bench/ too, for the long articles); run the
same interpreter for both checkouts. --corpora is the folder holding polnear-dev and basil-dev
(default /work/shared/corpora), and aeb-dev when it holds it. The hostile texts are
bench_quote_speed.py's, at a small size.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path


def texts_to_dump(corpora: Path, hostile_only: bool) -> dict[str, str]:
    """name -> text of every text dumped."""
    from bench_quote_speed import hostile_texts  # this script's sibling, of the running checkout

    texts = {f"hostile-{name}": text for name, text in hostile_texts(0.25).items()}
    if hostile_only:
        return texts
    from bench_long_compare import long_article  # TREE's bench/

    from reader.corpus import load_corpus

    for f in sorted((corpora / "polnear-dev" / "text").rglob("*")):
        if f.suffix != ".json" and f.is_file():
            texts[f.name] = f.read_text(encoding="utf-8", errors="replace")
    for article in load_corpus([corpora / "basil-dev"]).articles:
        texts[article.id] = article.text
    if (corpora / "aeb-dev" / "html").is_dir():
        for article in load_corpus([corpora / "aeb-dev" / "html"]).articles:
            texts[f"aeb-{article.id}"] = article.text
    for outlet in ("fox", "nyt"):
        texts[f"long-{outlet}"] = long_article(corpora / "basil-dev", outlet, 1500).text
    return texts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tree", type=Path, help="checkout whose reader package is imported")
    ap.add_argument("out", type=Path, help="JSON file to write")
    ap.add_argument("--corpora", type=Path, default=Path("/work/shared/corpora"))
    ap.add_argument("--hostile-only", action="store_true", help="only the hostile texts")
    args = ap.parse_args(argv)
    tree = str(args.tree.resolve())
    sys.path[:0] = [tree, str(Path(__file__).resolve().parent), tree + "/bench"]
    import reader

    if not reader.__file__ or not reader.__file__.startswith(tree):
        raise SystemExit(f"reader imported from {reader.__file__}, not {tree}")
    from reader.analysis.quotes import find_quotes

    texts = texts_to_dump(args.corpora, args.hostile_only)
    out = {name: [repr(dataclasses.asdict(q)) for q in find_quotes(texts[name])] for name in sorted(texts)}
    args.out.write_text(json.dumps(out, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(out)} texts, {sum(len(v) for v in out.values())} quotations -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
