"""Contextual BERTScore of every candidate pair, from all-MiniLM-L6-v2's token outputs.

Research only (issue 8; docs/comparison.md, "Telling a better signal from noise"): the scores feed the
`ctx-*` trials of bench/eval_signals.py; reader never imports this. The shipped model's meaning
signal is a *static* BERTScore over a token table distilled once from the same encoder; this one
matches the encoder's *contextual* token vectors (Zhang et al. 2020, BERTScore), which sees
"pushed back his decision" in its sentence. It needs PyTorch, so it runs in a training venv of
its own (bench/train_cross_encoder.py's), never the project's:

    .venv/bin/python bench/eval_signals.py ALIGN_DIR --dump-candidates CANDIDATES.json
    .venv-train/bin/python bench/contextual_tokens.py MODEL_DIR SCORES.json CANDIDATES.json [MORE.json ...]
    .venv/bin/python bench/eval_signals.py ALIGN_DIR --ctx-scores SCORES.json --only ctx-bertscore

MODEL_DIR holds all-MiniLM-L6-v2 (config.json, model.safetensors, tokenizer.json). Each sentence
(with its quotations' speakers appended, as the features read it, when the candidates file
has them) goes through the encoder once; the token vectors of the chosen layers are kept,
[CLS], [SEP] and pure punctuation left out. For each article pair and variant, every sentence
pair (i, j) gets BERTScore's precision (each of i's tokens matched to its most similar token of
j, averaged) and recall (the same from j's side), as full matrices so the trials can read a
score against the best of its row and column. Variants: layer 3, 4 or 6 of 6, with each token
weighted by its IDF among the pair's sentences (BERTScore's weighting; word pieces, the same
formula as eval_signals.soft_scores) or all alike. BERTScore's baseline rescaling is linear,
so it changes nothing for a learned combination and is not applied.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

LAYERS = (3, 4, 6)
MAX_TOKENS = 256


def encode(model, tokenizer, texts: list[str], layers=LAYERS, batch: int = 32) -> list[dict]:
    """Per text: its kept word-piece ids and, per layer, the unit token vectors (float32)."""
    import torch

    model.eval()
    out: list[dict] = [{} for _ in texts]
    order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
    with torch.inference_mode():
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            enc = tokenizer(
                [texts[k] for k in chunk],
                truncation=True,
                max_length=MAX_TOKENS,
                padding=True,
                return_tensors="pt",
                return_special_tokens_mask=True,
            )
            special = enc.pop("special_tokens_mask")
            hidden = model(**enc, output_hidden_states=True).hidden_states
            for row, k in enumerate(chunk):
                ids = enc["input_ids"][row]
                keep = (enc["attention_mask"][row] == 1) & (special[row] == 0)
                pieces = tokenizer.convert_ids_to_tokens(ids.tolist())
                for t, piece in enumerate(pieces):
                    if keep[t] and not any(c.isalnum() for c in piece.removeprefix("##")):
                        keep[t] = False
                out[k]["ids"] = ids[keep].numpy()
                for layer in layers:
                    vectors = hidden[layer][row][keep].numpy().astype(np.float32)
                    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
                    out[k][layer] = vectors
    return out


def idf(documents: list[np.ndarray]) -> dict[int, float]:
    """Each word piece's IDF among these sentences (eval_signals._idf's formula)."""
    df: dict[int, int] = {}
    for ids in documents:
        for t in set(ids.tolist()):
            df[t] = df.get(t, 0) + 1
    return {t: math.log((len(documents) + 1) / (c + 0.5)) for t, c in df.items()}


def bertscore(left: list[dict], right: list[dict], layer: int, weighted: bool) -> tuple[np.ndarray, np.ndarray]:
    """(precision, recall) matrices over every sentence pair: left's tokens matched in right's,
    and right's in left's, IDF-weighted or plain means of the best cosines."""
    weights = idf([s["ids"] for s in left + right]) if weighted else {}

    def token_weights(sentence: dict) -> np.ndarray:
        if not weighted:
            return np.ones(len(sentence["ids"]))
        return np.array([weights[t] for t in sentence["ids"].tolist()])

    precision, recall = np.zeros((len(left), len(right))), np.zeros((len(left), len(right)))
    right_weights = [token_weights(s) for s in right]
    for i, a in enumerate(left):
        wa = token_weights(a)
        if not len(wa) or wa.sum() <= 0:
            continue
        for j, b in enumerate(right):
            wb = right_weights[j]
            if not len(wb) or wb.sum() <= 0:
                continue
            similarity = a[layer] @ b[layer].T
            precision[i, j] = wa @ similarity.max(1) / wa.sum()
            recall[i, j] = wb @ similarity.max(0) / wb.sum()
    return precision, recall


def variant_name(layer: int, weighted: bool) -> str:
    return f"L{layer}-{'idf' if weighted else 'plain'}"


def score_pairs(model, tokenizer, candidates: dict, layers=LAYERS) -> dict:
    """{pair name: {"keys", "shape", "variants": {name: {"precision", "recall"}}}} (rounded)."""
    names = list(candidates)
    sides = []
    for n in names:
        pair = candidates[n]
        sides.append((pair.get("left_texts") or pair["left"], pair.get("right_texts") or pair["right"]))
    texts = [t for left, right in sides for t in (*left, *right)]
    encoded = encode(model, tokenizer, texts, layers)
    out, at = {}, 0
    for n, (left, right) in zip(names, sides):
        a, b = encoded[at : at + len(left)], encoded[at + len(left) : at + len(left) + len(right)]
        at += len(left) + len(right)
        variants = {}
        for layer in layers:
            for weighted in (True, False):
                precision, recall = bertscore(a, b, layer, weighted)
                variants[variant_name(layer, weighted)] = {
                    "precision": np.round(precision, 5).tolist(),
                    "recall": np.round(recall, 5).tolist(),
                }
        out[n] = {"keys": candidates[n]["keys"], "shape": [len(left), len(right)], "variants": variants}
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path, help="all-MiniLM-L6-v2's folder")
    parser.add_argument("scores", type=Path, help="the JSON file to write")
    parser.add_argument("candidates", type=Path, nargs="+", help="eval_signals.py --dump-candidates files")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    import torch  # the training venv's, never a dependency of reader (the rest is plain NumPy)
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(args.threads)
    tokenizer = AutoTokenizer.from_pretrained(str(args.model))
    model = AutoModel.from_pretrained(str(args.model))
    candidates: dict = {}
    for path in args.candidates:
        candidates |= json.loads(path.read_text(encoding="utf-8"))
    started = time.time()
    out = score_pairs(model, tokenizer, candidates)
    args.scores.write_text(json.dumps(out), encoding="utf-8")
    sentences = sum(v["shape"][0] + v["shape"][1] for v in out.values())
    print(f"{len(out)} pairs, {sentences} sentences in {time.time() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
