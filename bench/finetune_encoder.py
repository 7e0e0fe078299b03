"""Fine-tune the contextual encoder's token vectors on labelled article pairs (bench/labels/).

The comparison's strongest signal is a BERTScore over all-MiniLM-L6-v2's contextual token vectors
(reader/analysis/contextual.py). The encoder was trained on general sentence pairs, not on news
sentences that tell the same fact. This script fine-tunes it on basil-dev pairs that we labelled
ourselves (bench/labels/basil-pairs.jsonl); `--msrp` adds MSRP's news sentence pairs (a
paraphrase or not), one batch of 32 beside each article pair (tried in session 11, not kept).
The shipped encoder learned from the 117 pairs labelled in sessions 7 and 10 (`--labelled-by
"session 7" "session 10"`), none of an align-dev event, so align-dev and session 11's 30 pairs
stay clean held-out measures for it (those 30 share articles with align-dev;
bench/labels/README.md). The loss is exactly the signal `compare` reads: each candidate pair's
IDF-weighted BERTScore F1 (the pair's own sentences set the IDF; special tokens and punctuation
are left out), scaled and shifted by two learned numbers, under a logistic loss.
Labelled links are the positives. The negatives are drawn from the candidates that are neither
a link nor a secondary link: the 20 with the highest contextual F1 (the hard ones) and 20 at
random. Secondary links are left out, being half-true (`--secondary 0.5` aims them at 0.5
instead; `--secondary 1.0`, trained as links, was tried in session 16 on two seeds, not kept).
`--quote-weight W` counts W times each link between a sentence with quotation marks and one
without (a quotation and its paraphrase in narrative: 181 of the 117 pairs' 651 links; tried in
session 16 with W = 3, not kept).

Three steps in two venvs. reader computes the features; PyTorch trains; reader scores:

    .venv/bin/python bench/finetune_encoder.py dump bench/labels/basil-pairs.jsonl PAIRS.json \\
        --encoder ORIGINAL.onnx [--labelled-by PREFIX ...] [--articles ../shared/corpora/basil-dev]
    .venv-train/bin/python bench/finetune_encoder.py train PAIRS.json MODEL_DIR OUT_DIR \\
        [--hold-out K --folds 3] [--epochs 2] [--lr 1e-5] [--secondary TARGET] [--msrp MSRP_TSV] \\
        [--quote-weight W]
    .venv-train/bin/python bench/finetune_encoder.py soup SOUP_DIR OUT_DIR_SEED0 OUT_DIR_SEED1 ...
    .venv-train/bin/python bench/export_encoder.py OUT_DIR --out FILE.onnx
    .venv/bin/python bench/finetune_encoder.py crossfit bench/labels/basil-pairs.jsonl ALIGN_DIR \\
        --baseline ORIGINAL.onnx --folds FOLD0.onnx FOLD1.onnx FOLD2.onnx [--fit]

MODEL_DIR is all-MiniLM-L6-v2 (bench/export_encoder.py says where it comes from), and
ORIGINAL.onnx its export (`bench/export_encoder.py MODEL_DIR --out ORIGINAL.onnx`): the dump's
hard negatives are ranked by the encoder before fine-tuning, so a rerun gives the shipped
model's training data. `--hold-out K` leaves out the pairs of every third story, counting from K
(stories sorted by their id in stories.yaml). Fitting three times, K = 0, 1 and 2, and then
`crossfit` reads every pair, align-dev's and the labelled ones, with the one fold encoder that
never saw its story, fits the link model on align-dev read that way and scores both (docs/comparison.md,
"The encoder fine-tuned on 117 more labelled pairs" and "Thirty more pairs"). That stays honest
when the training pairs share stories with align-dev; `--fit` then writes that link model for
reader, the way a stacked model is fitted. The shipped encoder is `train` with the defaults and
no hold-out, on the 117. The .venv-train venv is the one bench/train_cross_encoder.py uses
(torch, transformers, onnx, onnxruntime). reader never imports PyTorch.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path

HARD_NEGATIVES = 20
RANDOM_NEGATIVES = 20
MAX_TOKENS = 128
MSRP_WEIGHT = 0.5
# align.py's quotation marks, copied: `train` runs in the PyTorch venv, without reader's dependencies.
_QUOTE_MARK = re.compile(r"[\"“”]")


def dump(
    labels: Path, articles: Path, out: Path, encoder: Path | None = None, labelled_by: list[str] | None = None
) -> None:
    """The labelled pairs (those whose labeller starts with one of `labelled_by`, if given) as the
    features see them: texts (with the quotations' speakers), each candidate's key, label and
    contextual F1 (by `encoder`, default the shipped one: it picks the hard negatives), story id."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import eval_comparison as ev

    from reader.analysis import align, contextual

    if encoder is not None:
        contextual._ENCODER = contextual.Encoder.load(encoder)

    story = _stories(articles)
    f1 = align.FEATURES.index("context_f1")
    keep = None
    if labelled_by is not None:
        chosen = {name for name, d in ev._records(labels) if d.get("labeller", "").startswith(tuple(labelled_by))}
        keep = chosen.__contains__
    pairs = [
        {
            "name": p.name,
            "story": story.get(p.name.split("__")[0], p.name),
            "left": list(p.texts[0]),
            "right": list(p.texts[1]),
            "keys": [list(k) for k in p.keys],
            "labels": p.labels.astype(int).tolist(),
            "context_f1": p.rows[:, f1].round(4).tolist(),
        }
        for p in ev.load(labels, articles, keep)
    ]
    out.write_text(json.dumps(pairs), encoding="utf-8")
    print(f"{out}: {len(pairs)} pairs, {len({p['story'] for p in pairs})} stories", file=sys.stderr)


def held_out_stories(pairs: list[dict], hold_out: int | None, folds: int) -> set[str]:
    if hold_out is None:
        return set()
    return set(sorted({p["story"] for p in pairs})[hold_out::folds])


def train(
    data: Path,
    model_dir: Path,
    out: Path,
    hold_out: int | None,
    folds: int,
    epochs: int,
    lr: float,
    secondary: float | None = None,
    msrp: Path | None = None,
    seed: int = 0,
    quote_weight: float = 1.0,
    background: Path | None = None,
) -> None:
    import numpy as np
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(seed)
    rng = random.Random(seed)
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModel.from_pretrained(str(model_dir))
    pairs = json.loads(data.read_text(encoding="utf-8"))
    held = held_out_stories(pairs, hold_out, folds)
    training = [p for p in pairs if p["story"] not in held]
    pieces = tokenizer.convert_ids_to_tokens(list(range(tokenizer.vocab_size)))
    # As contextual.Encoder: special tokens and pure punctuation are not matched.
    skip = torch.tensor([t.startswith("[") or not any(c.isalnum() for c in t.removeprefix("##")) for t in pieces])
    background_idf = _background_idf(background) if background is not None else None

    def f1_scores(pair: dict, keys: list[list[int]]) -> torch.Tensor:
        texts = pair["left"] + pair["right"]
        enc = tokenizer(texts, truncation=True, max_length=MAX_TOKENS, padding=True, return_tensors="pt")
        vectors = torch.nn.functional.normalize(model(**enc).last_hidden_state, dim=-1)
        keep = (enc["attention_mask"] == 1) & ~skip[enc["input_ids"]]
        ids = enc["input_ids"]
        df: dict[int, int] = {}
        for s in range(len(texts)):
            for t in set(ids[s][keep[s]].tolist()):
                df[t] = df.get(t, 0) + 1
        idf = torch.zeros(ids.shape)
        for s in range(len(texts)):
            for k in torch.nonzero(keep[s]).flatten().tolist():
                idf[s, k] = math.log((len(texts) + 1) / (df[int(ids[s, k])] + 0.5))
                if background_idf is not None:
                    # Read as the comparison would read it: the geometric mean of the two IDFs.
                    idf[s, k] = math.sqrt(max(float(idf[s, k]), 1e-6) * background_idf[int(ids[s, k])])
        left = torch.tensor([i for i, _ in keys])
        right = torch.tensor([j + len(pair["left"]) for _, j in keys])
        similarity = torch.einsum("ntd,nud->ntu", vectors[left], vectors[right])
        best_in_right = similarity.masked_fill(~keep[right][:, None, :], -2).max(2).values
        best_in_left = similarity.masked_fill(~keep[left][:, :, None], -2).max(1).values
        precision = (best_in_right * idf[left]).sum(1) / idf[left].sum(1).clamp_min(1e-9)
        recall = (best_in_left * idf[right]).sum(1) / idf[right].sum(1).clamp_min(1e-9)
        return 2 * precision * recall / (precision + recall).clamp_min(1e-9)

    scale = torch.nn.Parameter(torch.tensor(20.0))
    shift = torch.nn.Parameter(torch.tensor(0.6))
    optimiser = torch.optim.AdamW(
        [{"params": model.parameters(), "lr": lr}, {"params": [scale, shift], "lr": 1e-2}], weight_decay=0.01
    )
    paraphrases = msrp_batches(msrp) if msrp is not None else []
    print(f"training on {len(training)} pairs ({len(held)} stories held out)", file=sys.stderr)
    for epoch in range(epochs):
        model.train()
        rng.shuffle(training)
        started, total = time.perf_counter(), 0.0
        for pair in training:
            labels = np.array(pair["labels"])
            links = [k for k, label in enumerate(labels) if label == 1]
            if not links:
                continue
            negatives = sorted(
                (k for k, label in enumerate(labels) if label == 0), key=lambda k: -pair["context_f1"][k]
            )
            hard, rest = negatives[:HARD_NEGATIVES], negatives[HARD_NEGATIVES:]
            partial = [k for k, label in enumerate(labels) if label == -1] if secondary is not None else []
            chosen = links + partial + hard + rng.sample(rest, min(len(rest), RANDOM_NEGATIVES))
            goal = {1: 1.0, -1: secondary, 0: 0.0}
            target = torch.tensor([goal[int(labels[k])] for k in chosen])
            weight = torch.tensor([quote_weight if _quote_and_narrative(pair, k) else 1.0 for k in chosen])
            scores = f1_scores(pair, [pair["keys"][k] for k in chosen])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(scale * (scores - shift), target, weight=weight)
            if paraphrases:
                # One batch of MSRP sentence pairs a step, under the same scale and shift.
                batch = paraphrases[rng.randrange(len(paraphrases))]
                scores = f1_scores(batch, batch["keys"])
                target = torch.tensor(batch["labels"], dtype=torch.float32)
                loss = loss + MSRP_WEIGHT * torch.nn.functional.binary_cross_entropy_with_logits(
                    scale * (scores - shift), target
                )
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            total += loss.item()
        print(
            f"epoch {epoch + 1}: loss {total / max(1, len(training)):.4f}, {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    print(f"{out}: saved", file=sys.stderr)


def _background_idf(path: Path) -> list[float]:
    """Each word piece's IDF in a background collection: an .npz with `df` (documents holding the
    piece, by piece id) and `count` (documents in all)."""
    import numpy as np

    table = np.load(path)
    count = int(table["count"])
    return [math.log((count + 1) / (d + 0.5)) for d in table["df"].tolist()]


def _quote_and_narrative(pair: dict, k: int) -> bool:
    """Whether candidate k is a link between a sentence with quotation marks and one without."""
    if pair["labels"][k] != 1:
        return False
    i, j = pair["keys"][k]
    return bool(_QUOTE_MARK.search(pair["left"][i])) != bool(_QUOTE_MARK.search(pair["right"][j]))


def soup(models: list[Path], out: Path) -> None:
    """The uniform average of the weights of several fine-tunes of one start (a "model soup",
    Wortsman et al. 2022), saved as a model folder `export_encoder.py` reads. Every weight is
    averaged; integer buffers (position ids) must agree, and are kept."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    loaded = [AutoModel.from_pretrained(str(m)) for m in models]
    states = [m.state_dict() for m in loaded]
    averaged = {}
    for name, first in states[0].items():
        if first.is_floating_point():
            averaged[name] = torch.stack([state[name] for state in states]).mean(0)
        elif all(torch.equal(first, state[name]) for state in states[1:]):
            averaged[name] = first
        else:
            raise SystemExit(f"{name}: the models disagree on a buffer that cannot be averaged")
    loaded[0].load_state_dict(averaged)
    loaded[0].save_pretrained(str(out))
    AutoTokenizer.from_pretrained(str(models[0])).save_pretrained(str(out))
    print(f"{out}: the average of {len(models)} models", file=sys.stderr)


def msrp_batches(path: Path, size: int = 32) -> list[dict]:
    """MSRP's sentence pairs (Quality, #1 ID, #2 ID, #1 String, #2 String, tab-separated) in
    batches laid out like an article pair: the i-th left and right sentences are a pair, labelled
    1 (paraphrase) or 0, and each left sentence also meets one other right sentence of the batch
    as a non-link."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import msrp  # standard library only: this runs in the PyTorch venv

    rows = msrp.read_pairs(path)
    rng = random.Random(1)
    rng.shuffle(rows)
    batches = []
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        n = len(chunk)
        others = [[i, (i + 1 + rng.randrange(n - 1)) % n] for i in range(n)] if n > 1 else []
        batches.append(
            {
                "left": [left for _, left, _ in chunk],
                "right": [right for _, _, right in chunk],
                "keys": [[i, i] for i in range(n)] + others,
                "labels": [label for label, _, _ in chunk] + [0] * len(others),
            }
        )
    print(f"{len(rows)} MSRP sentence pairs in {len(batches)} batches", file=sys.stderr)
    return batches


def fold_of(story: str, stories: Iterable[str], folds: int) -> int:
    """The fold that holds `story` out (as `held_out_stories`); a story no labelled pair tells is
    held out by none, so any fold's encoder may read it: fold 0."""
    ordered = sorted(set(stories))
    return ordered.index(story) % folds if story in ordered else 0


def out_of_fold(encoders: list[Path], align_dev: Path, labels: Path, articles: Path):
    """align-dev's pairs and the labelled ones, each read by the one encoder that never saw its
    story (every encoder, when `encoders` holds just one: the baseline)."""
    import eval_comparison as ev

    from reader.analysis import contextual

    story = _stories(articles)
    stories = sorted({story.get(name.split("__")[0], name) for name, _ in ev._records(labels)})
    align_pairs, labelled = [], []
    for k, path in enumerate(encoders):
        contextual._ENCODER = contextual.Encoder.load(path)

        def mine(name: str) -> bool:
            return fold_of(story.get(name.split("__")[0], name), stories, len(encoders)) == k  # noqa: B023

        align_pairs += ev.load(align_dev, articles, mine)
        labelled += ev.load(labels, articles, mine)
    return sorted(align_pairs, key=lambda p: p.name), sorted(labelled, key=lambda p: p.name)


def crossfit(
    labels: Path, align_dev: Path, articles: Path, baseline: Path, fold_models: list[Path], write: bool = False
) -> None:
    """Every pair, align-dev's and the labelled ones, read by the fold's encoder that never saw
    its story; the link model fitted on align-dev's pairs read that way (held out one pair at a
    time for align-dev's own figure); against the encoder before fine-tuning. With `write`, that
    link model is the one reader ships: fitted on what an encoder reads from stories it never
    learned from, as the shipped encoder reads a user's articles."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from types import SimpleNamespace

    import eval_comparison as ev
    import numpy as np
    from eval_signals import ranking

    story = _stories(articles)

    def f1_at(runs, probabilities, threshold: float) -> float:
        grades = SimpleNamespace(threshold=threshold, possible=threshold, weak=threshold)
        return ev._f1(ev._total([ev.learned_method(p, grades, q) for (_, p), q in zip(runs, probabilities)]))

    def scored(align_pairs, labelled) -> tuple[list[dict], list[dict]]:
        held = [ev.learned_method(p, ev.fit([q for q in align_pairs if q is not p])) for p in align_pairs]
        print(ev._line("  align-dev, leave-one-pair-out", ev._total(held)))
        model = ev.fit(align_pairs)
        runs = [(model, p) for p in labelled]
        rows = [ev.learned_method(p, m) for m, p in runs]
        probabilities = [m.probabilities(p.keys, p.rows, (len(p.left), len(p.right))) for m, p in runs]
        _, average_precision, _ = ranking(np.concatenate(probabilities), np.concatenate([p.labels for _, p in runs]))
        best = max((f1_at(runs, probabilities, t), round(float(t), 2)) for t in np.arange(0.30, 0.80, 0.02))
        print(ev._line(f"  the {len(rows)} labelled pairs", ev._total(rows)))
        aligned = {story.get(p.name.split("__")[0]) for p in align_pairs}
        for what, mine in (("of align-dev's events", True), ("of other events", False)):
            part = [r for r, (_, p) in zip(rows, runs) if (story.get(p.name.split("__")[0]) in aligned) == mine]
            if part and len(part) < len(rows):
                print(ev._line(f"    the {len(part)} {what}", ev._total(part)))
        print(
            f"  average precision of the link probabilities {average_precision:.3f}; "
            f"best F1 of one threshold on these pairs {best[0]:.3f} (at {best[1]})"
        )
        return held, rows

    print(f"before fine-tuning ({baseline}):")
    before = scored(*out_of_fold([baseline], align_dev, labels, articles))
    print(f"fine-tuned, every pair read by the fold that never saw its story ({', '.join(map(str, fold_models))}):")
    align_pairs, labelled = out_of_fold(fold_models, align_dev, labels, articles)
    after = scored(align_pairs, labelled)
    for what, a, b in (("align-dev", before[0], after[0]), ("labelled pairs", before[1], after[1])):
        differences = ev.pair_bootstrap(a, b)
        mean, sd = float(differences.mean()), float(differences.std())
        plus, minus = ev._better_worse(a, b)
        print(f"{what}: fine-tuned minus before {mean:+.3f} ± {sd:.3f} (pair bootstrap), pairs +{plus}/-{minus}")
    if write:
        ev.write_model(
            align_pairs, after[0], "bench/finetune_encoder.py crossfit --fit (each read by its fold's encoder)"
        )


def _stories(articles: Path) -> dict[str, str]:
    import yaml

    stories = yaml.safe_load((articles / "stories.yaml").read_text(encoding="utf-8"))
    return {a.removesuffix(".md"): s["story"] for s in stories for a in s["articles"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="write the labelled pairs as the features read them (project venv)")
    d.add_argument("labels", type=Path)
    d.add_argument("out", type=Path)
    d.add_argument("--articles", type=Path, default=Path(__file__).resolve().parents[2] / "shared/corpora/basil-dev")
    d.add_argument("--encoder", type=Path, help="the ONNX encoder that ranks the hard negatives (default: shipped)")
    d.add_argument(
        "--labelled-by",
        nargs="+",
        metavar="PREFIX",
        help='only the pairs whose labeller starts so (the shipped encoder: "session 7" "session 10")',
    )
    t = sub.add_parser("train", help="fine-tune the encoder on the dumped pairs (PyTorch venv)")
    t.add_argument("data", type=Path)
    t.add_argument("model", type=Path, help="all-MiniLM-L6-v2's folder")
    t.add_argument("out", type=Path)
    t.add_argument("--hold-out", type=int, metavar="K", help="leave out every FOLDS-th story from K")
    t.add_argument("--folds", type=int, default=3)
    t.add_argument("--epochs", type=int, default=2)
    t.add_argument("--lr", type=float, default=1e-5)
    t.add_argument("--seed", type=int, default=0, help="the order of the pairs and the random negatives")
    t.add_argument("--secondary", type=float, metavar="TARGET", help="train on secondary links too, aiming at TARGET")
    t.add_argument(
        "--msrp", type=Path, metavar="TSV", help="also learn from MSRP's sentence pairs (msrp-dev/pairs.tsv)"
    )
    t.add_argument(
        "--quote-weight",
        type=float,
        default=1.0,
        metavar="W",
        help="count a link between a quotation and a sentence without one W times in the loss",
    )
    t.add_argument(
        "--background",
        type=Path,
        metavar="NPZ",
        help="weigh word pieces by the geometric mean of the pair's IDF and this background's (df, count)",
    )
    s = sub.add_parser("soup", help="average the weights of several fine-tuned folders (PyTorch venv)")
    s.add_argument("out", type=Path)
    s.add_argument("models", type=Path, nargs="+", help="folders `train` wrote, from the same start")
    c = sub.add_parser("crossfit", help="score the folds' encoders on the pairs they never saw (project venv)")
    c.add_argument("labels", type=Path)
    c.add_argument("align_dev", type=Path)
    c.add_argument("--baseline", type=Path, required=True, help="the encoder before fine-tuning (ONNX)")
    c.add_argument("--folds", type=Path, nargs="+", required=True, help="fold K's encoder (ONNX), K = 0, 1, ...")
    c.add_argument("--articles", type=Path)
    c.add_argument(
        "--fit", action="store_true", help="write reader's link model, fitted on align-dev read by the folds"
    )
    args = parser.parse_args(argv)
    if args.command == "crossfit":
        crossfit(
            args.labels,
            args.align_dev,
            args.articles or args.align_dev.parent / "basil-dev",
            args.baseline,
            args.folds,
            args.fit,
        )
    elif args.command == "soup":
        soup(args.models, args.out)
    elif args.command == "dump":
        dump(args.labels, args.articles, args.out, args.encoder, args.labelled_by)
    else:
        train(
            args.data,
            args.model,
            args.out,
            args.hold_out,
            args.folds,
            args.epochs,
            args.lr,
            args.secondary,
            args.msrp,
            args.seed,
            args.quote_weight,
            args.background,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
