"""Meaning-aware sentence similarity from a static token-vector table (no encoder at run time).

The table (data/token_vectors.npy, 30,522 x 256 float16, with data/token_vocab.txt) was distilled
once from the all-MiniLM-L6-v2 sentence encoder by bench/distill_token_vectors.py: each WordPiece
token went through the encoder alone and its output, reduced by PCA, is its vector. A sentence
or a word is then the weighted mean of its tokens' vectors: microseconds, not the ~50 ms an
encoder pass costs on two cores, so it can run on every comparison.

Two signals for the aligner:
- `sentence_vectors`: one vector per sentence, tokens weighted by their IDF among the sentences
  of both articles, centred on the mean of those sentences (so what all of the story's sentences
  share does not count as similarity).
- `soft_overlap`: BERTScore with static vectors. Each content word of one sentence is matched to
  its most similar word of the other (an identical word scores 1), weighted by IDF; precision,
  recall and their F1 per pair. "push back" / "delay", "tariffs" / "duties" meet here.

The table loads on first use (memory-mapped, a few milliseconds). No UI imports.
"""

from __future__ import annotations

import math
import re
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from reader.analysis.textstats import STOPWORDS, tokenize
from reader.analysis.wordpiece import WordPiece

__all__ = ["TokenTable", "table"]

_DATA = Path(__file__).resolve().parent / "data"
_HAS_LETTER = re.compile(r"[a-z0-9]")
_CENTRING_PRIOR = 8


class TokenTable:
    def __init__(self, vectors: np.ndarray, vocab: list[str]):
        self.vectors = vectors
        self.tokenizer = WordPiece(vocab)
        # Punctuation and special tokens carry no meaning of their own here.
        self.skip = np.array([not _HAS_LETTER.search(t) or t.startswith("[") for t in vocab])
        self.skip_ids = frozenset(np.flatnonzero(self.skip).tolist())
        self._words: dict[str, np.ndarray] = {}

    @classmethod
    def load(cls, folder: Path = _DATA) -> "TokenTable":
        vectors = np.load(folder / "token_vectors.npy", mmap_mode="r")
        vocab = (folder / "token_vocab.txt").read_text(encoding="utf-8").split("\n")[: len(vectors)]
        return cls(vectors, vocab)

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

    def soft_overlap(
        self, left: Sequence[str], right: Sequence[str], mapping: dict[str, str] | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(F1, precision, recall) matrices of the static BERTScore between every sentence pair.

        `mapping` normalises the right side's name variants to the left's spelling first.
        """
        mapping = mapping or {}
        left_words = [_content(s, {}) for s in left]
        right_words = [_content(s, mapping) for s in right]
        documents = left_words + right_words
        df: dict[str, int] = {}
        for words in documents:
            for w in set(words):
                df[w] = df.get(w, 0) + 1
        n = len(documents)
        idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
        left_vocab = sorted({w for words in left_words for w in words})
        right_vocab = sorted({w for words in right_words for w in words})
        shape = (len(left), len(right))
        f1, precision, recall = np.zeros(shape), np.zeros(shape), np.zeros(shape)
        if not left_vocab or not right_vocab:
            return f1, precision, recall
        left_index = {w: k for k, w in enumerate(left_vocab)}
        right_index = {w: k for k, w in enumerate(right_vocab)}
        similarity = (
            np.stack([self.word_vector(w) for w in left_vocab]) @ np.stack([self.word_vector(w) for w in right_vocab]).T
        )
        for w, k in left_index.items():
            if w in right_index:
                similarity[k, right_index[w]] = 1.0
        # Vectorised over all pairs: each left word's best match within each right sentence
        # (maximum.reduceat over the right sentences' words laid end to end), and the reverse.
        full_l = [i for i, words in enumerate(left_words) if words]
        full_r = [j for j, words in enumerate(right_words) if words]
        if not full_l or not full_r:
            return f1, precision, recall
        right_flat = [right_index[w] for j in full_r for w in right_words[j]]
        right_starts = np.cumsum([0] + [len(right_words[j]) for j in full_r[:-1]])
        best_in_right = np.maximum.reduceat(similarity[:, right_flat], right_starts, axis=1)
        left_flat = [left_index[w] for i in full_l for w in left_words[i]]
        left_starts = np.cumsum([0] + [len(left_words[i]) for i in full_l[:-1]])
        best_in_left = np.maximum.reduceat(similarity[left_flat, :], left_starts, axis=0)
        left_weights = np.zeros((len(full_l), len(left_vocab)))
        for row, i in enumerate(full_l):
            for w in left_words[i]:
                left_weights[row, left_index[w]] += idf[w]
        right_weights = np.zeros((len(full_r), len(right_vocab)))
        for row, j in enumerate(full_r):
            for w in right_words[j]:
                right_weights[row, right_index[w]] += idf[w]
        left_weights /= np.maximum(left_weights.sum(1, keepdims=True), 1e-12)
        right_weights /= np.maximum(right_weights.sum(1, keepdims=True), 1e-12)
        p = left_weights @ best_in_right  # (left sentences, right sentences)
        r = best_in_left @ right_weights.T
        rows, columns = np.ix_(full_l, full_r)
        precision[rows, columns] = p
        recall[rows, columns] = r
        total = p + r
        f1[rows, columns] = np.divide(2 * p * r, total, out=np.zeros_like(total), where=total > 0)
        return f1, precision, recall


def _content(text: str, mapping: dict[str, str]) -> list[str]:
    return [mapping.get(t, t) for t in tokenize(text) if len(t) > 1 and t not in STOPWORDS]


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
