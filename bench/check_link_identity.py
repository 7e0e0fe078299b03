"""Check that two checkouts compare articles identically: candidate keys, feature rows, link
probabilities, links and the whole `compare()` result, on the seeds, every labelled pair of an
align-dev style folder, and long pairs made of basil-dev articles (bench_long_compare.py).

    python bench/check_link_identity.py --write OLD.pkl [--align-dev DIR] [--basil DIR] [--sizes 300,800]
    python bench/check_link_identity.py --against OLD.pkl [the same options]

Run the first from the old checkout (copy this script into its bench/ and run it there: the
script puts its own checkout first on sys.path, so PYTHONPATH cannot choose the code), the
second from the new one, both with the same PYTHONHASHSEED (TF-IDF cosines
sum over a set of words, in the order of the set: with another seed even one checkout differs
from itself by ~1e-16). Feature rows and probabilities must be equal bit for bit; the largest
difference is printed as well. The articles are compared the way `reader
compare` does (quotes found with find_quotes); every call of align.candidate_features and
align.grade inside compare() is recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.cli import default_to_one_blas_thread  # noqa: E402

default_to_one_blas_thread(os.environ)

import numpy as np  # noqa: E402

from reader.analysis import align  # noqa: E402
from reader.analysis.compare import compare  # noqa: E402
from reader.corpus import load_corpus  # noqa: E402
from reader.corpus.loader import load_path  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def pairs(align_dev: Path | None, basil: Path | None, sizes: list[int]):
    """(name, left article, right article) of each pair to check."""
    seeds = sorted(load_corpus([SEEDS]).articles, key=lambda a: a.id)
    if len(seeds) >= 2:
        yield "seeds", seeds[0], seeds[1]
        yield "seeds reversed", seeds[1], seeds[0]
    if align_dev is not None:
        articles = basil or align_dev.parent / "basil-dev"
        for path in sorted(align_dev.glob("*.json")):
            d = json.loads(path.read_text(encoding="utf-8"))
            left = load_path(articles / f"{d['left_id']}.md").articles[0]
            right = load_path(articles / f"{d['right_id']}.md").articles[0]
            yield path.stem, left, right
    if basil is not None:
        from bench_long_compare import long_article

        for size in sizes:
            yield f"long {size}", long_article(basil, "fox", size), long_article(basil, "nyt", size)


def record(left, right) -> dict:
    """The candidate features, probabilities and links of every sentence linking inside one
    compare(), and its result."""
    calls: list = []
    features, grade = align.candidate_features, align.grade

    def recording_features(*args, **kwargs):
        keys, rows = features(*args, **kwargs)
        calls.append(("features", list(keys), rows.copy()))
        return keys, rows

    def recording_grade(keys, probabilities, *args, **kwargs):
        links = grade(keys, probabilities, *args, **kwargs)
        calls.append(("grade", np.asarray(probabilities, float).copy(), links))
        return links

    align.candidate_features, align.grade = recording_features, recording_grade
    try:
        result = compare(left, right).to_dict()
    finally:
        align.candidate_features, align.grade = features, grade
    return {"calls": calls, "result": result}


def differences(name: str, old: dict, new: dict) -> list[str]:
    out = []
    if len(old["calls"]) != len(new["calls"]):
        return [f"{name}: {len(old['calls'])} recorded calls before, {len(new['calls'])} now"]
    for (kind, *a), (_, *b) in zip(old["calls"], new["calls"]):
        if kind == "features":
            if a[0] != b[0]:
                out.append(f"{name}: candidate keys differ ({len(a[0])} before, {len(b[0])} now)")
            elif not np.array_equal(a[1], b[1]):
                out.append(f"{name}: feature rows differ by up to {np.abs(a[1] - b[1]).max():.3g}")
        else:
            if a[0].shape != b[0].shape:
                out.append(f"{name}: {len(a[0])} probabilities before, {len(b[0])} now")
            elif not np.array_equal(a[0], b[0]):
                out.append(f"{name}: probabilities differ by up to {np.abs(a[0] - b[0]).max():.3g}")
            if a[1] != b[1]:
                linked = [(i, j) for i, j, _ in a[1].pairs] == [(i, j) for i, j, _ in b[1].pairs]
                possible = (a[1].possible_left.keys(), a[1].possible_right.keys()) == (
                    b[1].possible_left.keys(),
                    b[1].possible_right.keys(),
                )
                if not linked:
                    out.append(f"{name}: links' probabilities differ (OTHER SENTENCES LINKED)")
                elif not possible:
                    # A change of the "possibly" grade alone: the links hold, the `?` marks move.
                    out.append(f'{name}: same links, other "possibly" marks')
                else:
                    out.append(f"{name}: links' probabilities differ (same sentences linked)")
    if old["result"] != new["result"]:
        fields = sorted(
            k for k in old["result"].keys() | new["result"].keys() if old["result"].get(k) != new["result"].get(k)
        )
        out.append(f"{name}: compare() results differ in {', '.join(fields)}")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, help="record this checkout's comparisons in this file")
    mode.add_argument("--against", type=Path, help="check this checkout against the file --write made")
    ap.add_argument("--align-dev", type=Path, help="align-dev style folder of labelled pairs")
    ap.add_argument("--basil", type=Path, help="the articles (default: basil-dev beside align-dev); long pairs too")
    ap.add_argument("--sizes", default="300,800", help="sentences of each long article (comma-separated; '' none)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    recorded = {}
    for name, left, right in pairs(args.align_dev, args.basil, sizes):
        recorded[name] = record(left, right)
        rows = sum(len(c[1]) for c in recorded[name]["calls"] if c[0] == "features")
        print(f"  {name}: {rows} candidate pairs", flush=True)
    if args.write:
        args.write.write_bytes(pickle.dumps(recorded))
        print(f"{len(recorded)} comparisons written to {args.write}")
        return 0
    old = pickle.loads(args.against.read_bytes())
    problems = []
    if set(old) != set(recorded):
        problems.append(f"pairs differ: {sorted(set(old) ^ set(recorded))}")
    for name in sorted(set(old) & set(recorded)):
        problems += differences(name, old[name], recorded[name])
    for line in problems:
        print(line)
    print(f"{len(set(old) & set(recorded))} comparisons checked: " + ("DIFFERENT" if problems else "identical"))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
