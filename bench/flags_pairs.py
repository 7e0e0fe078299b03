"""Every flag the comparison raises on the cross-outlet pairs of a labelled corpus, for reading by
hand (as bench/flags_aligndev.py prints them for align-dev).

    python bench/flags_pairs.py basil BASIL_DIR [--exclude ALIGN_DIR] [--only KIND]
    python bench/flags_pairs.py stories CORPUS_DIR STORIES_JSON [--only KIND]

`basil`: each pair of articles of one event (BASIL_DIR/stories.yaml) from two outlets, less the
pairs ALIGN_DIR labels (`LEFT__RIGHT.json`, in either order). `stories`: each pair from two
outlets of a story in STORIES_JSON (the output of `reader --corpus CORPUS_DIR stories --json`),
its articles loaded from CORPUS_DIR. Pairs come in a fixed order, so two checkouts' outputs can be
diffed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402
from flags_aligndev import KINDS, print_flags  # noqa: E402

from reader.analysis.compare import compare  # noqa: E402
from reader.corpus import load_corpus  # noqa: E402


def _basil_pairs(folder: Path, exclude: Path | None) -> list[tuple[str, str]]:
    labelled = set()
    if exclude is not None:
        for path in exclude.glob("*__*.json"):
            left, _, right = path.stem.partition("__")
            labelled |= {(left, right), (right, left)}
    out = []
    for story in yaml.safe_load((folder / "stories.yaml").read_text(encoding="utf-8")):
        ids = sorted(Path(name).stem for name in story["articles"])
        out += [(a, b) for a, b in itertools.combinations(ids, 2) if (a, b) not in labelled]
    return sorted(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    basil = sub.add_parser("basil")
    basil.add_argument("folder", type=Path)
    basil.add_argument("--exclude", type=Path, help="align-dev folder: its pairs are left out")
    stories = sub.add_parser("stories")
    stories.add_argument("folder", type=Path)
    stories.add_argument("stories", type=Path)
    for p in (basil, stories):
        p.add_argument("--only", choices=KINDS, help="print one kind of flag only")
    args = parser.parse_args(argv)
    articles = {a.id: a for a in load_corpus([args.folder]).articles}
    if args.mode == "basil":
        pairs = _basil_pairs(args.folder, args.exclude)
    else:
        pairs = []
        for story in json.loads(args.stories.read_text(encoding="utf-8")):
            ids = sorted(story["articles"])
            pairs += [
                (a, b)
                for a, b in itertools.combinations(ids, 2)
                if a in articles and b in articles and articles[a].outlet != articles[b].outlet
            ]
    counts: Counter = Counter()
    for left_id, right_id in pairs:
        if left_id not in articles or right_id not in articles:
            print(f"{left_id} / {right_id}: article missing in {args.folder}", file=sys.stderr)
            continue
        print_flags(compare(articles[left_id], articles[right_id]), left_id, right_id, counts, args.only)
    print(f"\n{len(pairs)} pairs; counts:", ", ".join(f"{k} {n}" for k, n in sorted(counts.items())) or "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
