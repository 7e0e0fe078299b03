"""The encoder's load failure, in a module of its own: the CLI and the app ask for it by type
without loading NumPy and ONNX Runtime (reader.analysis.contextual) to ask."""


class EncoderUnavailable(RuntimeError):
    """ONNX Runtime, or the encoder's model file, cannot be loaded (a broken or too old install):
    said as one line that names the fix, never as a traceback."""
