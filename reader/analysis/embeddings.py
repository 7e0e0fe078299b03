"""Meaning-aware sentence similarity from a static token-vector table (no encoder at run time).

The table (data/token_vectors.npy, 30,522 x 256 float16, with data/token_vocab.txt) was distilled
once from the all-MiniLM-L6-v2 sentence encoder by bench/distill_token_vectors.py: each WordPiece
token went through the encoder alone and its output, reduced by PCA, is its vector. A sentence
or a word is then the weighted mean of its tokens' vectors: microseconds, not the ~50 ms an
encoder pass costs on two cores, so it can run on every comparison.

The aligner's sentence-vector cosine: `sentence_vectors` gives one vector per sentence, tokens
weighted by their IDF among the sentences of both articles, centred on the mean of those
sentences (so what all of the story's sentences share does not count as similarity). The word
by word match, BERTScore, is contextual (contextual.py); a static BERTScore over this table
(word vectors, `word_vector`) was the signal before it, and bench/eval_signals.py still reads
it that way.

The table loads on first use (memory-mapped, a few milliseconds). No UI imports.
"""

from __future__ import annotations

import math
import re
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from reader.analysis import wordpiece
from reader.analysis.wordpiece import WordPiece

__all__ = ["TokenTable", "table"]

_DATA = Path(__file__).resolve().parent / "data"
_HAS_LETTER = re.compile(r"[a-z0-9]")
_CENTRING_PRIOR = 8


class TokenTable:
    def __init__(self, vectors: np.ndarray, tokenizer: WordPiece):
        self.vectors = vectors
        self.tokenizer = tokenizer
        vocab = tokenizer.tokens[: len(vectors)]
        # Punctuation and special tokens carry no meaning of their own here.
        self.skip = np.array([not _HAS_LETTER.search(t) or t.startswith("[") for t in vocab])
        self.skip_ids = frozenset(np.flatnonzero(self.skip).tolist())
        self._words: dict[str, np.ndarray] = {}

    @classmethod
    def load(cls, folder: Path = _DATA) -> "TokenTable":
        vectors = np.load(folder / "token_vectors.npy", mmap_mode="r")
        return cls(vectors, wordpiece.shared(folder / "token_vocab.txt"))

    def token_ids(self, text: str) -> list[int]:
        skip = self.skip_ids
        return [t for t in self.tokenizer.ids(text) if t not in skip]

    def sentence_vectors(self, sentences: Sequence[str]) -> np.ndarray:
        """Unit vectors (rows), IDF-weighted token means centred on the sentences' mean."""
        ids = [self.token_ids(s) for s in sentences]
        count = len(ids)
        df: dict[int, int] = {}
        for row in ids:
            for t in set(row):
                df[t] = df.get(t, 0) + 1
        out = np.zeros((count, self.vectors.shape[1]), np.float32)
        for k, row in enumerate(ids):
            if row:
                weights = np.array([math.log((count + 1) / (df[t] + 0.5)) for t in row], np.float32)
                total = float(weights.sum())
                if total > 0:
                    out[k] = weights @ self.vectors[row].astype(np.float32) / total
        if count:
            # Centre on the sentences' mean, shrunk towards zero for short texts (as if eight
            # neutral sentences were added): two lone sentences would otherwise point apart.
            out -= out.sum(0) / (count + _CENTRING_PRIOR)
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        return out

    def word_vector(self, word: str) -> np.ndarray:
        vector = self._words.get(word)
        if vector is None:
            ids = self.token_ids(word)
            if ids:
                vector = self.vectors[ids].astype(np.float32).mean(0)
                vector /= max(float(np.linalg.norm(vector)), 1e-9)
            else:
                vector = np.zeros(self.vectors.shape[1], np.float32)
            if len(self._words) < 200_000:
                self._words[word] = vector
        return vector


_TABLE: TokenTable | None = None
_LOCK = threading.Lock()


def table() -> TokenTable:
    """The shipped table, loaded once per process (thread-safe)."""
    global _TABLE
    if _TABLE is None:
        with _LOCK:
            if _TABLE is None:
                _TABLE = TokenTable.load()
    return _TABLE
