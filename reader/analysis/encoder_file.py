"""Where the contextual encoder's model file is: a module of its own, so that checking whether
the prepared comparisons are still current (prepare.py) does not import the encoder."""

from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "data" / "minilm_l6_int8.onnx"
