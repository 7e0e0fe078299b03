"""Distil the fine-tuned encoder into a shallower one: a research check of what a faster encoder costs.

    .venv-train/bin/python bench/distill_encoder.py TEACHER_DIR OUT_DIR --corpora ../shared/corpora \\
        [--layers 0,2,4] [--sentences 16000] [--epochs 2.5] [--batch 32] [--lr 5e-5] [--minutes 35]
    .venv-train/bin/python bench/export_encoder.py OUT_DIR --out FILE.onnx

TEACHER_DIR is the fine-tuned encoder `bench/finetune_encoder.py train` writes (the shipped one:
its seed 0), in Hugging Face's layout. The student is the teacher with only `--layers` of its six
(their weights copied, the embeddings shared), trained so that its last layer's token vector of
each word piece has the teacher's direction (1 - cosine, plus a tenth of the squared error), the
vectors the comparison's BERTScore reads. The sentences are news text no labelled pair comes
from: msrp-dev's sentence pairs, polnear-dev's articles and aeb-dev's expected texts (basil-dev,
whose pairs score the result, is left out). Training stops after `--epochs` or `--minutes`.

Session 20, three layers (0, 2, 4), 29 minutes on two cores: token cosine to the teacher 0.72, a
sentence encoded in half the time, and every measure of real pairs lower (docs/comparison.md, "What bounds a
cold comparison on a CPU without VNNI"). Needs PyTorch and transformers in a separate venv, as
finetune_encoder.py does; never a dependency of reader.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # reader's splitter

MIN_WORDS, MAX_WORDS = 4, 80


def split_text(text: str) -> list[str]:
    """The sentences of running text (reader's own splitter, pure Python, so the training venv
    imports it too) with MIN_WORDS..MAX_WORDS words."""
    from reader.analysis.sentences import split_sentences

    return [s.text for s in split_sentences(text) if MIN_WORDS <= len(s.text.split()) <= MAX_WORDS]


def training_sentences(corpora: Path, seed: int = 0) -> list[str]:
    """Distinct news sentences from msrp-dev, polnear-dev and aeb-dev (never basil-dev), shuffled."""
    out: list[str] = []
    msrp = corpora / "msrp-dev" / "pairs.tsv"
    for line in msrp.read_text(encoding="utf-8").splitlines()[1:]:
        out.extend(s for s in line.split("\t")[-2:] if len(s.split()) >= MIN_WORDS)
    for path in sorted((corpora / "polnear-dev" / "text").iterdir()):
        out.extend(split_text(path.read_text(encoding="utf-8", errors="replace")))
    truth = json.loads((corpora / "aeb-dev" / "ground-truth.json").read_text(encoding="utf-8"))
    for entry in truth.values():
        out.extend(split_text(entry.get("articleBody") or ""))
    out = list(dict.fromkeys(out))
    random.Random(seed).shuffle(out)
    return out


def student_weights(teacher: dict, layers: list[int]) -> dict:
    """The teacher's weights renamed for a student of `layers` (in order): layer layers[k] becomes
    the student's layer k; the embeddings are kept, the pooler and the other layers dropped."""
    out = {}
    for name, value in teacher.items():
        match = re.match(r"encoder\.layer\.(\d+)\.(.*)", name)
        if match:
            if int(match.group(1)) in layers:
                out[f"encoder.layer.{layers.index(int(match.group(1)))}.{match.group(2)}"] = value
        elif not name.startswith("pooler"):
            out[name] = value
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("teacher", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora")
    parser.add_argument("--layers", default="0,2,4", help="the teacher's layers the student keeps")
    parser.add_argument("--sentences", type=int, default=16000)
    parser.add_argument("--epochs", type=float, default=2.5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--minutes", type=float, default=35.0)
    args = parser.parse_args(argv)
    import torch  # the training venv's only
    import torch.nn.functional as F
    from transformers import AutoModel, AutoTokenizer, BertConfig, BertModel

    torch.manual_seed(0)
    texts = training_sentences(args.corpora)[: args.sentences]
    layers = [int(k) for k in args.layers.split(",")]
    tokenizer = AutoTokenizer.from_pretrained(str(args.teacher))
    teacher = AutoModel.from_pretrained(str(args.teacher)).eval()
    config = BertConfig.from_pretrained(str(args.teacher))
    config.num_hidden_layers = len(layers)
    student = BertModel(config, add_pooling_layer=False)
    student.load_state_dict(student_weights(teacher.state_dict(), layers), strict=True)
    optimiser = torch.optim.AdamW(student.parameters(), lr=args.lr, weight_decay=0.01)
    steps = int(len(texts) / args.batch * args.epochs)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min(1.0, (s + 1) / 50) * max(0.0, 1 - s / steps))
    rng, start, step = random.Random(0), time.monotonic(), 0
    print(f"{len(texts)} sentences, {steps} steps", file=sys.stderr)
    while step < steps and time.monotonic() - start < args.minutes * 60:
        order = list(range(len(texts)))
        rng.shuffle(order)
        for first in range(0, len(order) - args.batch + 1, args.batch):
            batch = tokenizer(
                [texts[k] for k in order[first : first + args.batch]],
                padding=True,
                truncation=True,
                max_length=96,
                return_tensors="pt",
            )
            batch["token_type_ids"] = torch.zeros_like(batch["input_ids"])
            with torch.no_grad():
                target = teacher(**batch).last_hidden_state
            output = student(**batch).last_hidden_state
            special = (batch["input_ids"] == tokenizer.cls_token_id) | (batch["input_ids"] == tokenizer.sep_token_id)
            pieces = batch["attention_mask"].bool() & ~special
            cosine = F.cosine_similarity(output[pieces], target[pieces], dim=-1)
            loss = (1 - cosine).mean() + 0.1 * F.mse_loss(output[pieces], target[pieces])
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(student.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            if step % 20 == 0:
                elapsed = time.monotonic() - start
                print(f"step {step}/{steps}: token cosine {cosine.mean().item():.4f}, {elapsed:.0f} s", file=sys.stderr)
            if step >= steps or time.monotonic() - start > args.minutes * 60:
                break
    args.out.mkdir(parents=True, exist_ok=True)
    student.save_pretrained(str(args.out))
    tokenizer.save_pretrained(str(args.out))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
