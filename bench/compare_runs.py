"""Compare two runs of eval_comparison.py pair by pair (e.g. two encoders), with a paired bootstrap.

    python bench/eval_comparison.py ALIGN_DIR ... --per-pair A.json   # with encoder A
    python bench/eval_comparison.py ALIGN_DIR ... --per-pair B.json   # with encoder B
    python bench/compare_runs.py A.json B.json [--labels bench/labels/basil-pairs.jsonl]

For each set both runs scored (held out, by outlets, scored on) it prints A's and B's
micro-averaged F1 and "only here" precision, and B minus A over 2,000 draws of the pairs with
replacement (the same draws for both): the mean, the 2.5-97.5% interval, the share of draws in
which B is better, and how many pairs got better or worse. One pair's F1 moves with a threshold;
the bootstrap says how much of a difference would survive another sample of pairs like these.
With --labels, the "scored on" pairs are also split by who labelled them (the `labeller` field,
bench/labels/README.md): those whose labeller starts with --apart (default "session 11": the 30
pairs no encoder was trained on) and the others (the 117 the shipped encoder learned from).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_comparison as ev  # noqa: E402


def subsets(runs: list[dict], labels: Path | None, apart: str) -> dict[str, tuple[str, list[str]]]:
    """Each set both runs scored: its name, the run's set it reads, and its pairs' names; the
    scored-on pairs also split in those whose labeller starts with `apart` and the others."""
    out = {name: (name, sorted(set(runs[0][name]) & set(runs[1][name]))) for name in runs[0] if name in runs[1]}
    if labels is not None and "scored on" in out:
        labeller = {name: record.get("labeller", "") for name, record in ev._records(labels)}
        scored = out["scored on"][1]
        mine = {n for n in scored if labeller.get(n, "").startswith(apart)}
        out[f"scored on, labelled by {apart}"] = ("scored on", [n for n in scored if n in mine])
        out["scored on, the others"] = ("scored on", [n for n in scored if n not in mine])
    return out


def report(name: str, before: list[dict], after: list[dict]) -> str:
    differences = ev.pair_bootstrap(before, after)
    low, high = (float(x) for x in np.percentile(differences, [2.5, 97.5]))
    better, worse = ev._better_worse(before, after)
    a, b = ev._total(before), ev._total(after)
    return (
        f"{name} ({len(before)} pairs): F1 {ev._f1(a):.3f} -> {ev._f1(b):.3f}, "
        f"B-A {differences.mean():+.3f} [{low:+.3f}, {high:+.3f}], B better in {(differences > 0).mean():.0%} "
        f"of draws; pairs +{better}/-{worse}; "
        f"only here {ev.only_here_precision(a):.3f} -> {ev.only_here_precision(b):.3f}"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path, help="the first run's --per-pair file")
    parser.add_argument("b", type=Path, help="the second run's --per-pair file")
    parser.add_argument("--labels", type=Path, help="a JSON Lines label file: split the scored-on pairs by labeller")
    parser.add_argument("--apart", default="session 11", help="with --labels: the labeller prefix read apart")
    args = parser.parse_args(argv)
    runs = [json.loads(path.read_text(encoding="utf-8")) for path in (args.a, args.b)]
    if not any(name in runs[1] for name in runs[0]):
        print("compare_runs: the two files share no scored set", file=sys.stderr)
        return 2
    print(f"A = {args.a}, B = {args.b}")
    for name, (source, pairs) in subsets(runs, args.labels, args.apart).items():
        if pairs:
            print(report(name, [runs[0][source][p] for p in pairs], [runs[1][source][p] for p in pairs]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
