"""Sentence alignment evaluated on MSRP-style paraphrase pairs, next to a plain TF-IDF baseline.

    python bench/eval_alignment.py /path/to/msrp-dev [--group-size 10] [--folds 5] [--seed 13]

The corpus folder holds `pairs.tsv` (Quality, #1 ID, #2 ID, #1 String, #2 String; 1 = same
meaning). Pairs are shuffled with a fixed seed and cut into groups of ten; each group becomes an
article pair: the left article is the ten #1 sentences and the right one the ten #2 sentences,
each side in its own shuffled order. Gold links are the label-1 pairs; every other pair of
sentences in the group (the label-0 pairs and the 90 unrelated ones) is a non-link.

Two methods, scored in the same run on the same groups:
  baseline  plain TF-IDF cosine over all word tokens (IDF from the group's sentences);
  reader    reader.analysis.compare: name variants normalised, content words, TF-IDF cosine
            combined with a rapidfuzz token-set ratio.
A reference line links exactly the sentences MSRP paired: label-0 pairs are near-paraphrases
picked for their overlap, so this is what "rejects every unrelated sentence and cannot tell a
paraphrase from a near-miss" scores; a lexical method lands close to it.
Thresholds (and the reader's cosine weight) are chosen on the training folds of a k-fold
cross-validation over groups; the precision/recall/F1 printed are pooled over the held-out folds.
The shipped defaults (compare.COSINE_WEIGHT, compare.THRESHOLD) are also scored as they are.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis import compare as cmp  # noqa: E402
from reader.analysis.names import find_name_variants, variant_map  # noqa: E402
from reader.analysis.textstats import TfidfModel, cosine, tokenize  # noqa: E402

THRESHOLDS = [round(0.10 + 0.02 * k, 2) for k in range(41)]  # 0.10 .. 0.90
WEIGHTS = [0.0, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0]


def read_pairs(folder: Path) -> list[tuple[int, str, str]]:
    path = folder / "pairs.tsv"
    if not path.is_file():
        raise SystemExit(f"eval_alignment: no pairs.tsv in {folder}")
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for row in reader:
            if len(row) < 5 or row[0].strip() not in ("0", "1"):
                continue
            rows.append((int(row[0]), row[3], row[4]))
    return rows


def make_groups(rows, size: int, seed: int):
    """[(left sentences, right sentences, gold links {(i, j)})] with both sides shuffled."""
    rng = random.Random(seed)
    rows = list(rows)
    rng.shuffle(rows)
    groups = []
    for start in range(0, len(rows) - size + 1, size):
        chunk = rows[start : start + size]
        left_order = list(range(size))
        right_order = list(range(size))
        rng.shuffle(left_order)
        rng.shuffle(right_order)
        left = [chunk[k][1] for k in left_order]
        right = [chunk[k][2] for k in right_order]
        left_pos = {k: i for i, k in enumerate(left_order)}
        right_pos = {k: j for j, k in enumerate(right_order)}
        gold = {(left_pos[k], right_pos[k]) for k in range(size) if chunk[k][0] == 1}
        groups.append((left, right, gold))
    return groups


def merge_right(groups):
    """The many-to-many case: every two right sentences become one (a wire story summarising),
    so a merged sentence should link to both left sentences it carries (when label 1)."""
    merged = []
    for left, right, gold in groups:
        joined = [" ".join(right[k : k + 2]) for k in range(0, len(right), 2)]
        merged.append((left, joined, {(i, j // 2) for i, j in gold}))
    return merged


def baseline_scores(left, right):
    docs_l = [tokenize(s) for s in left]
    docs_r = [tokenize(s) for s in right]
    model = TfidfModel(docs_l + docs_r, sublinear_tf=False)
    vl = [model.vector(d) for d in docs_l]
    vr = [model.vector(d) for d in docs_r]
    return {(i, j): cosine(a, b) for i, a in enumerate(vl) for j, b in enumerate(vr)}


def reader_features(left, right):
    """As compare() does it: variants from the two whole texts, then per-sentence features."""
    mapping = variant_map(find_name_variants("\n".join(left), "\n".join(right)))
    lt = [cmp.sentence_terms(s) for s in left]
    rt = [cmp.sentence_terms(s, mapping) for s in right]
    return cmp.pair_features(lt, rt)


def counts(scored, gold, threshold):
    predicted = {k for k, s in scored.items() if s >= threshold}
    tp = len(predicted & gold)
    return tp, len(predicted) - tp, len(gold) - tp


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def total(per_group_scores, golds, threshold):
    tp = fp = fn = 0
    for scored, gold in zip(per_group_scores, golds):
        a, b, c = counts(scored, gold, threshold)
        tp, fp, fn = tp + a, fp + b, fn + c
    return tp, fp, fn


def combine(features, weight):
    return {k: weight * c + (1 - weight) * f for k, (c, f) in features.items()}


def cross_validate(candidates, golds, folds: int):
    """candidates: {params: [per-group scores]}. Returns pooled held-out (tp, fp, fn), chosen."""
    n = len(golds)
    tp = fp = fn = 0
    chosen = []
    for fold in range(folds):
        test = [g for g in range(n) if g % folds == fold]
        train = [g for g in range(n) if g % folds != fold]
        best = None
        for params, scores in candidates.items():
            for t in THRESHOLDS:
                f1 = prf(*total([scores[g] for g in train], [golds[g] for g in train], t))[2]
                if best is None or f1 > best[0]:
                    best = (f1, params, t)
        _, params, t = best
        chosen.append((params, t))
        a, b, c = total([candidates[params][g] for g in test], [golds[g] for g in test], t)
        tp, fp, fn = tp + a, fp + b, fn + c
    return (tp, fp, fn), chosen


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="folder holding pairs.tsv (msrp-dev)")
    ap.add_argument("--group-size", type=int, default=10)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)

    rows = read_pairs(args.corpus)
    groups = make_groups(rows, args.group_size, args.seed)
    print(f"{len(rows)} sentence pairs -> {len(groups)} article pairs of {args.group_size} "
          f"sentences a side, {sum(len(g[2]) for g in groups)} gold links, seed {args.seed}, "
          f"{args.folds}-fold CV")
    feats = evaluate("one-to-one: each right sentence is one MSRP sentence", groups, args.folds)
    evaluate("many-to-many: right sentences merged two by two", merge_right(groups), args.folds)
    golds = [g[2] for g in groups]
    shipped = [combine(f, cmp.COSINE_WEIGHT) for f in feats]
    p, r, f = prf(*total(shipped, golds, cmp.THRESHOLD))
    print(f"\nshipped defaults (w={cmp.COSINE_WEIGHT}, t={cmp.THRESHOLD}), one-to-one, all groups: "
          f"P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


def evaluate(title, groups, folds):
    golds = [g[2] for g in groups]
    n_links = sum(len(g) for g in golds)
    t0 = time.perf_counter()
    base = [baseline_scores(l, r) for l, r, _ in groups]
    t1 = time.perf_counter()
    feats = [reader_features(l, r) for l, r, _ in groups]
    t2 = time.perf_counter()

    rows_out = []
    (tp, fp, fn), chosen = cross_validate({"-": base}, golds, folds)
    rows_out.append(("baseline tf-idf cosine", prf(tp, fp, fn), ", ".join(f"t={t}" for _, t in chosen)))
    for w in (1.0, 0.0):
        only = {w: [combine(f, w) for f in feats]}
        (tp, fp, fn), chosen = cross_validate(only, golds, folds)
        label = "reader, cosine only" if w == 1.0 else "reader, token-set only"
        rows_out.append((label, prf(tp, fp, fn), ", ".join(f"t={t}" for _, t in chosen)))
    combos = {w: [combine(f, w) for f in feats] for w in WEIGHTS}
    (tp, fp, fn), chosen = cross_validate(combos, golds, folds)
    rows_out.append(("reader, combined", prf(tp, fp, fn), ", ".join(f"w={w},t={t}" for w, t in chosen)))
    shipped = [combine(f, cmp.COSINE_WEIGHT) for f in feats]
    rows_out.append((f"reader, shipped w={cmp.COSINE_WEIGHT} t={cmp.THRESHOLD}",
                     prf(*total(shipped, golds, cmp.THRESHOLD)), "fixed"))
    # Reference: link exactly the pairs MSRP put together (every label-0 pair is a false link).
    paired = sum(len(l) for l, _, _ in groups) if all(len(l) == len(r) for l, r, _ in groups) else None
    if paired:
        rows_out.append(("reference: every MSRP pair", prf(n_links, paired - n_links, 0), "-"))

    print(f"\n{title}: {n_links} gold links")
    print("  held-out (pooled over folds)      P      R      F1    chosen per fold")
    for label, (p, r, f), params in rows_out:
        print(f"  {label:31s} {p:6.3f} {r:6.3f} {f:6.3f}   {params}")
    print(f"  time per article pair: baseline {1000 * (t1 - t0) / len(groups):.2f} ms, "
          f"reader features {1000 * (t2 - t1) / len(groups):.2f} ms")
    return feats


if __name__ == "__main__":
    raise SystemExit(main())
