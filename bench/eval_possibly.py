"""How well each way of choosing X names the counterpart of a "possibly told in X" (`?`) sentence.

    python bench/eval_possibly.py ../shared/corpora/align-dev [--score-on bench/labels/basil-pairs.jsonl]
                                  [--show N]

The `?` sentences are those align.grade marks (no link, best partner from the model's
`possible` grade up to its threshold); only the choice of X among the sentence's candidates
changes from route to route, so the count and "told by the other side" are the same for all.
Every probability is held out as eval_comparison.py's are: leave-one-pair-out and by outlets
on align-dev, and on --score-on's pairs by the model fitted without the pairs of their story.
Routes: the link probability (what reader ships), the first stage's, single signals (the
contextual F1, the sentence cosine, the stem cosine), the mean of the two stages, X between
the partners of the sentence's nearest linked neighbours (the outlets tell passages in the
same order; one sentence of slack), the same only among near ties (within 0.02), and X whose
best partner among unlinked sentences is this one. Then the classes of the sentences the
shipped route names wrongly, and --show N of them, for reading by hand (docs/comparison.md,
session 61).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import eval_comparison as ec  # noqa: E402

from reader.analysis import align  # noqa: E402

GAP_SLACK = 1  # sentences beyond the neighbours' partners still "in order"
NEAR_TIE = 0.02  # how close to the best probability a candidate must be for order to decide


@dataclass
class Scored:
    """One pair's held-out probabilities and what its `?` marks are."""

    pair: ec.PairData
    final: np.ndarray
    first: np.ndarray
    linked: dict[str, dict[int, set[int]]]  # side -> sentence -> its partners
    marks: list[tuple[str, int, dict[int, int]]]  # (side, sentence, {candidate: key index})
    # side -> other side's sentence -> its best probability with an unlinked sentence of `side`
    best_unlinked: dict[str, dict[int, float]]


def scored(pair: ec.PairData, model: align.LinkModel) -> Scored:
    final = ec._probabilities(model, pair)
    first = model.first.probabilities(pair.rows)
    return scored_from(pair, align.grade(pair.keys, final, model, pair.skip_left, pair.skip_right), final, first)


def scored_from(pair: ec.PairData, links: align.Links, final: np.ndarray, first: np.ndarray) -> Scored:
    """The pair's `?` marks as `links` grades them, with both stages' probabilities of its keys."""
    linked: dict[str, dict[int, set[int]]] = {"L": {}, "R": {}}
    for i, j, _ in links.pairs:
        linked["L"].setdefault(i, set()).add(j)
        linked["R"].setdefault(j, set()).add(i)
    candidates: dict[str, dict[int, dict[int, int]]] = {"L": {}, "R": {}}
    for k, (i, j) in enumerate(pair.keys):
        if i not in pair.skip_left and j not in pair.skip_right:
            candidates["L"].setdefault(i, {})[j] = k
            candidates["R"].setdefault(j, {})[i] = k
    marks = [("L", i, candidates["L"][i]) for i in sorted(links.possible_left)]
    marks += [("R", j, candidates["R"][j]) for j in sorted(links.possible_right)]
    best: dict[str, dict[int, float]] = {"L": {}, "R": {}}
    for side, other_side in (("L", "R"), ("R", "L")):
        for other, c in candidates[other_side].items():
            best[side][other] = max((final[k] for x, k in c.items() if x not in linked[side]), default=0.0)
    return Scored(pair, final, first, linked, marks, best)


def _gold(s: Scored, side: str, sentence: int, other: int) -> bool:
    i, j = (sentence, other) if side == "L" else (other, sentence)
    return (s.pair.gold_left[i], s.pair.gold_right[j]) in s.pair.links | s.pair.secondary


def _told(s: Scored, side: str, sentence: int) -> bool:
    gold = s.pair.links | s.pair.secondary
    if side == "L":
        return s.pair.gold_left[sentence] in {i for i, _ in gold}
    return s.pair.gold_right[sentence] in {j for _, j in gold}


Route = Callable[[Scored, str, int, dict[int, int]], int]


def by(score: Callable[[Scored, int, str, int, int], object]) -> Route:
    """The candidate with the highest score (the earlier sentence on a tie)."""
    return lambda s, side, sentence, c: max(c, key=lambda x: (score(s, c[x], side, sentence, x), -x))


def _in_order(s: Scored, side: str, sentence: int, other: int) -> bool:
    """Whether `other` lies between the partners of the sentence's nearest linked neighbours."""
    mine = s.linked[side]
    above = [k for k in mine if k < sentence]
    below = [k for k in mine if k > sentence]
    low = min(mine[max(above)]) - GAP_SLACK if above else -1
    high = max(mine[min(below)]) + GAP_SLACK if below else sys.maxsize
    return low <= other <= high


def _near_tie_in_order(s: Scored, side: str, sentence: int, c: dict[int, int]) -> int:
    best = max(s.final[k] for k in c.values())
    close = {x: k for x, k in c.items() if s.final[k] >= best - NEAR_TIE}
    return max(close, key=lambda x: (_in_order(s, side, sentence, x), s.final[close[x]], -x))


def _mutual(s: Scored, k: int, side: str, other: int) -> tuple[bool, float]:
    """(whether this sentence is `other`'s best partner among its side's unlinked sentences, p)."""
    return (s.final[k] >= s.best_unlinked[side][other], s.final[k])


def routes() -> dict[str, Route]:
    def feature(name: str):
        column = align.FEATURES.index(name)
        return by(lambda s, k, *_: s.pair.rows[k, column])

    return {
        "link probability (shipped)": by(lambda s, k, *_: s.final[k]),
        "first stage's probability": by(lambda s, k, *_: s.first[k]),
        "mean of the two stages": by(lambda s, k, *_: s.final[k] + s.first[k]),
        "contextual F1": feature("context_f1"),
        "sentence cosine": feature("embedding"),
        "stem cosine": feature("stem_cosine"),
        "in order, then probability": by(lambda s, k, side, i, x: (_in_order(s, side, i, x), s.final[k])),
        f"in order among near ties ({NEAR_TIE})": _near_tie_in_order,
        "mutual best, then probability": by(lambda s, k, side, i, x: _mutual(s, k, side, x)),
    }


def tally(runs: list[Scored], route: Route) -> tuple[int, int, int]:
    marks = told = named = 0
    for s in runs:
        for side, sentence, c in s.marks:
            marks += 1
            told += _told(s, side, sentence)
            named += _gold(s, side, sentence, route(s, side, sentence, c))
    return marks, told, named


def classes(runs: list[Scored], show: int) -> Counter:
    """Why the shipped route's X is wrong, and `show` of those that have a counterpart."""
    out: Counter = Counter()
    shown = 0
    for s in runs:
        for side, sentence, c in s.marks:
            ranked = sorted(c, key=lambda x: (-s.final[c[x]], x))
            if _gold(s, side, sentence, ranked[0]):
                continue
            if not _told(s, side, sentence):
                out["no counterpart in the labels"] += 1
                continue
            right = [rank for rank, x in enumerate(ranked) if _gold(s, side, sentence, x)]
            if not right:
                out["counterpart not a candidate"] += 1
                continue
            out[f"counterpart ranked {min(right[0] + 1, 4)}{'+' if right[0] >= 3 else ''}"] += 1
            if shown < show:
                shown += 1
                mine, theirs = (s.pair.left, s.pair.right) if side == "L" else (s.pair.right, s.pair.left)
                other = "R" if side == "L" else "L"
                x, g = ranked[0], ranked[right[0]]
                print(f"\n{s.pair.name} {side}{sentence + 1}: {mine[sentence].text[:140]}")
                print(f"  named {other}{x + 1} ({s.final[c[x]]:.2f}): {theirs[x].text[:140]}")
                print(f"  label {other}{g + 1} ({s.final[c[g]]:.2f}): {theirs[g].text[:140]}")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=Path)
    parser.add_argument("--score-on", type=Path, metavar="FILE", help="also score these labelled pairs (never fitted)")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N wrongly named sentences")
    args = parser.parse_args(argv)
    articles = args.articles or args.folder.parent / "basil-dev"
    pairs = ec.load(args.folder, articles)
    others = ec.load(args.score_on, articles) if args.score_on else []
    sets = {"leave-one-pair-out": [], "by outlets": [], "scored on": []}
    for k, pair in enumerate(pairs):
        sets["leave-one-pair-out"].append(scored(pair, ec.fit([p for kk, p in enumerate(pairs) if kk != k])))
    for outlets in sorted({p.outlets for p in pairs}):
        model = ec.fit([p for p in pairs if p.outlets != outlets])
        sets["by outlets"] += [scored(p, model) for p in pairs if p.outlets == outlets]
    models: dict[frozenset[str], align.LinkModel] = {}
    for other in others:
        unseen = frozenset(p.name for p in pairs if not ec._articles(p) & ec._articles(other))
        if unseen not in models:
            models[unseen] = ec.fit([p for p in pairs if p.name in unseen])
        sets["scored on"].append(scored(other, models[unseen]))
    for label, runs in sets.items():
        if not runs:
            continue
        print(f"\n{label} ({len(runs)} pairs):")
        for name, route in routes().items():
            marks, told, named = tally(runs, route)
            print(
                f"  {name:36s} possibly {marks:4d}, told by the other side {told / max(1, marks):.3f}, "
                f"naming the counterpart {named / max(1, marks):.3f} ({named}), of those told {named / max(1, told):.3f}"
            )
        print("  the shipped route's wrong ones: " + ", ".join(f"{v} {k}" for k, v in classes(runs, 0).most_common()))
    if args.show:
        classes(sets["leave-one-pair-out"], args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
