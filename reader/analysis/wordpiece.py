"""BERT's uncased WordPiece tokenizer in plain Python, for the shipped token-vector table.

The table (see embeddings.py) has one vector per WordPiece token of the uncased BERT vocabulary
that all-MiniLM-L6-v2 uses, so a sentence is cut into the same pieces the encoder would see:
lower-cased, accents removed, split at white space and punctuation, then each word into the
longest known prefix and `##` continuations. Words longer than 100 characters become [UNK].
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

__all__ = ["WordPiece", "shared"]

_MAX_WORD = 100


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


# ASCII text (most of it): letters and digits make words, every other printable is punctuation.
_ASCII_WORDS = re.compile(r"[a-z0-9]+|[!-/:-@\[-`{-~]")


def _basic_words(text: str) -> list[str]:
    """Lower-case, strip accents, split at white space and around punctuation and CJK."""
    if text.isascii():
        return _ASCII_WORDS.findall(text.lower())
    text = unicodedata.normalize("NFD", text.lower())
    words: list[str] = []
    current: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Mn":
            continue
        if char.isspace() or category.startswith("C"):
            if current:
                words.append("".join(current))
                current = []
        elif _is_punctuation(char) or 0x4E00 <= ord(char) <= 0x9FFF:
            if current:
                words.append("".join(current))
                current = []
            words.append(char)
        else:
            current.append(char)
    if current:
        words.append("".join(current))
    return words


class WordPiece:
    """`WordPiece(vocab).ids(text)`: token ids, without [CLS]/[SEP]."""

    def __init__(self, vocab: list[str]):
        self.tokens = list(vocab)
        self.vocab = {token: k for k, token in enumerate(vocab)}
        self.unknown = self.vocab.get("[UNK]", 0)
        self.word_ids = lru_cache(maxsize=200_000)(self._word_ids)
        # A comparison tokenises each sentence twice (the contextual encoder, the token table).
        self._text_ids = lru_cache(maxsize=4096)(self._ids)

    def _word_ids(self, word: str) -> tuple[int, ...]:
        if len(word) > _MAX_WORD:
            return (self.unknown,)
        out = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return (self.unknown,)
            out.append(found)
            start = end
        return tuple(out)

    def ids(self, text: str) -> list[int]:
        return list(self._text_ids(text))

    def _ids(self, text: str) -> tuple[int, ...]:
        out: list[int] = []
        for word in _basic_words(text):
            out.extend(self.word_ids(word))
        return tuple(out)


@lru_cache(maxsize=4)
def shared(vocab_path: Path) -> WordPiece:
    """The one tokenizer of a vocabulary file in this process: the token table and the
    contextual encoder read the same sentences, so each is split into pieces once."""
    vocab = vocab_path.read_text(encoding="utf-8").split("\n")
    while vocab and not vocab[-1]:
        vocab.pop()
    return WordPiece(vocab)
