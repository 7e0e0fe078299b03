"""Fine-tune the contextual encoder's token vectors on labelled article pairs (bench/labels/).

The comparison's strongest signal is a BERTScore over all-MiniLM-L6-v2's contextual token vectors
(reader/analysis/contextual.py). The encoder was trained on general sentence pairs, not on news
sentences that tell the same fact. This script fine-tunes it on bench/labels/basil-pairs.jsonl:
117 basil-dev pairs that we labelled ourselves. None of align-dev's events is among them, so
align-dev stays a clean held-out measure. The loss is exactly the signal `compare` reads: each
candidate pair's IDF-weighted BERTScore F1 (the pair's own sentences set the IDF; special tokens
and punctuation are left out), scaled and shifted by two learned numbers, under a logistic loss.
Labelled links are the positives. The negatives are drawn from the candidates that are neither
a link nor a secondary link: the 20 with the highest contextual F1 (the hard ones) and 20 at
random. Secondary links are left out, being half-true (`--secondary 0.5` aims them at 0.5
instead).

Three steps in two venvs. reader computes the features; PyTorch trains; reader scores:

    .venv/bin/python bench/finetune_encoder.py dump bench/labels/basil-pairs.jsonl PAIRS.json \\
        --encoder ORIGINAL.onnx [--articles ../shared/corpora/basil-dev]
    .venv-train/bin/python bench/finetune_encoder.py train PAIRS.json MODEL_DIR OUT_DIR \\
        [--hold-out K --folds 3] [--epochs 2] [--lr 1e-5] [--secondary TARGET]
    .venv-train/bin/python bench/export_encoder.py OUT_DIR --out FILE.onnx
    .venv/bin/python bench/finetune_encoder.py crossfit bench/labels/basil-pairs.jsonl ALIGN_DIR \\
        --baseline ORIGINAL.onnx --folds FOLD0.onnx FOLD1.onnx FOLD2.onnx

MODEL_DIR is all-MiniLM-L6-v2 (bench/export_encoder.py says where it comes from), and
ORIGINAL.onnx its export (`bench/export_encoder.py MODEL_DIR --out ORIGINAL.onnx`): the dump's
hard negatives are ranked by the encoder before fine-tuning, so a rerun gives the shipped
model's training data. `--hold-out K` leaves out the pairs of every third story, counting from K
(stories sorted by their id in stories.yaml). Fitting three times, K = 0, 1 and 2, and then
`crossfit` scores each labelled pair with an encoder that never saw its story, the link model
fitted on align-dev with that encoder's features (README, "The encoder fine-tuned on 117 more
labelled pairs"). The shipped encoder is `train` with the defaults and no hold-out. The
.venv-train venv is the one bench/train_cross_encoder.py uses (torch, transformers, onnx,
onnxruntime). reader never imports PyTorch.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

HARD_NEGATIVES = 20
RANDOM_NEGATIVES = 20
MAX_TOKENS = 128


def dump(labels: Path, articles: Path, out: Path, encoder: Path | None = None) -> None:
    """The labelled pairs as the features see them: texts (with the quotations' speakers), each
    candidate's key, label and contextual F1 (by `encoder`, default the shipped one: it picks the
    hard negatives), story id."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import eval_comparison as ev

    from reader.analysis import align, contextual

    if encoder is not None:
        contextual._ENCODER = contextual.Encoder.load(encoder)

    story = _stories(articles)
    f1 = align.FEATURES.index("context_f1")
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
        for p in ev.load(labels, articles)
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
) -> None:
    import numpy as np
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    rng = random.Random(0)
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModel.from_pretrained(str(model_dir))
    pairs = json.loads(data.read_text(encoding="utf-8"))
    held = held_out_stories(pairs, hold_out, folds)
    training = [p for p in pairs if p["story"] not in held]
    pieces = tokenizer.convert_ids_to_tokens(list(range(tokenizer.vocab_size)))
    # As contextual.Encoder: special tokens and pure punctuation are not matched.
    skip = torch.tensor([t.startswith("[") or not any(c.isalnum() for c in t.removeprefix("##")) for t in pieces])

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
            scores = f1_scores(pair, [pair["keys"][k] for k in chosen])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(scale * (scores - shift), target)
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


def _with_encoder(model: Path, align_dev: Path, labels: Path, articles: Path, names: set[str] | None = None):
    """align-dev's pairs and the labelled ones (those named), their features read with this encoder."""
    import eval_comparison as ev

    from reader.analysis import contextual

    contextual._ENCODER = contextual.Encoder.load(model)
    labelled = [p for p in ev.load(labels, articles) if names is None or p.name in names]
    return ev.load(align_dev, articles), labelled


def crossfit(labels: Path, align_dev: Path, articles: Path, baseline: Path, fold_models: list[Path]) -> None:
    """Each labelled pair scored with the fold's encoder that never saw its story, the link model
    fitted on align-dev with that encoder's features; against the encoder before fine-tuning."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from types import SimpleNamespace

    import eval_comparison as ev
    import numpy as np
    from eval_signals import ranking

    story = _stories(articles)
    dumped = [{"name": name, "story": story.get(name.split("__")[0], name)} for name, _ in ev._records(labels)]

    def f1_at(runs, probabilities, threshold: float) -> float:
        grades = SimpleNamespace(threshold=threshold, possible=threshold, weak=threshold)
        return ev._f1(ev._total([ev.learned_method(p, grades, q) for (_, p), q in zip(runs, probabilities)]))

    def scored(runs) -> None:
        """runs: (link model, pair) of every labelled pair."""
        rows = [ev.learned_method(p, m) for m, p in runs]
        probabilities = [m.probabilities(p.keys, p.rows, (len(p.left), len(p.right))) for m, p in runs]
        _, average_precision, _ = ranking(np.concatenate(probabilities), np.concatenate([p.labels for _, p in runs]))
        best = max((f1_at(runs, probabilities, t), round(float(t), 2)) for t in np.arange(0.30, 0.80, 0.02))
        print(ev._line("  at align-dev's threshold", ev._total(rows)))
        print(
            f"  average precision of the link probabilities {average_precision:.3f}; "
            f"best F1 of one threshold on these pairs {best[0]:.3f} (at {best[1]})"
        )

    def held_out(pairs) -> str:
        return ev._line(
            "  align-dev, leave-one-pair-out",
            ev._total([ev.learned_method(p, ev.fit([q for q in pairs if q is not p])) for p in pairs]),
        )

    align_pairs, labelled = _with_encoder(baseline, align_dev, labels, articles)
    print(f"before fine-tuning ({baseline}):")
    print(held_out(align_pairs))
    model = ev.fit(align_pairs)
    scored([(model, p) for p in labelled])
    runs = []
    for k, path in enumerate(fold_models):
        held = held_out_stories(dumped, k, len(fold_models))
        names = {d["name"] for d in dumped if d["story"] in held}
        align_pairs, labelled = _with_encoder(path, align_dev, labels, articles, names)
        print(f"fold {k} ({path}), {len(labelled)} pairs of {len(held)} stories it never saw:")
        print(held_out(align_pairs))
        model = ev.fit(align_pairs)
        runs += [(model, p) for p in labelled]
    print(f"fine-tuned, every labelled pair by the fold that never saw its story ({len(runs)} pairs):")
    scored(runs)


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
    t = sub.add_parser("train", help="fine-tune the encoder on the dumped pairs (PyTorch venv)")
    t.add_argument("data", type=Path)
    t.add_argument("model", type=Path, help="all-MiniLM-L6-v2's folder")
    t.add_argument("out", type=Path)
    t.add_argument("--hold-out", type=int, metavar="K", help="leave out every FOLDS-th story from K")
    t.add_argument("--folds", type=int, default=3)
    t.add_argument("--epochs", type=int, default=2)
    t.add_argument("--lr", type=float, default=1e-5)
    t.add_argument("--secondary", type=float, metavar="TARGET", help="train on secondary links too, aiming at TARGET")
    c = sub.add_parser("crossfit", help="score the folds' encoders on the pairs they never saw (project venv)")
    c.add_argument("labels", type=Path)
    c.add_argument("align_dev", type=Path)
    c.add_argument("--baseline", type=Path, required=True, help="the encoder before fine-tuning (ONNX)")
    c.add_argument("--folds", type=Path, nargs="+", required=True, help="fold K's encoder (ONNX), K = 0, 1, ...")
    c.add_argument("--articles", type=Path)
    args = parser.parse_args(argv)
    if args.command == "crossfit":
        crossfit(
            args.labels, args.align_dev, args.articles or args.align_dev.parent / "basil-dev", args.baseline, args.folds
        )
    elif args.command == "dump":
        dump(args.labels, args.articles, args.out, args.encoder)
    else:
        train(args.data, args.model, args.out, args.hold_out, args.folds, args.epochs, args.lr, args.secondary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
