"""The word stems the sentence linker (reader.analysis.align) compares, and where they are.

    content_stems(text, mapping) -> list[str]                     what align counts, in order
    stem_spans(text, mapping) -> list[tuple[int, int, str]]       the same, with each word's offsets
    counted_stem(token) -> str | None                             one token's stem, None if not counted

A sentence's content words as textstats.tokenize reads them (casefolded, a possessive 's dropped;
no stopword, no one-letter word), a right-hand name spelling mapped to the left's, Porter-stemmed.
stem_spans is for showing a link's evidence: it must give exactly content_stems's stems, so the
words a reader sees are the words the link counted.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from whoosh.lang.porter import stem

from reader.analysis.textstats import STOPWORDS, WORD_RE, tokenize


@lru_cache(maxsize=100_000)
def word_stem(word: str) -> str:
    return stem(word)


@lru_cache(maxsize=100_000)
def counted_stem(token: str) -> str | None:
    """A token's stem (tokenize's token), or None for a word the linker does not count (a
    stopword, a one-letter word): the one filter of content_stems and stem_spans, and one
    look-up a token on the hot path."""
    return word_stem(token) if len(token) > 1 and token not in STOPWORDS else None


def _stemmer(mapping: dict[str, str]) -> Callable[[str], str | None]:
    """counted_stem, with a right-hand name spelling in `mapping` stemmed as the left's."""
    if not mapping:
        return counted_stem

    def mapped(token: str) -> str | None:
        counted = counted_stem(token)
        if counted is None or token not in mapping:
            return counted
        return word_stem(mapping[token])  # counted or not is the token's own

    return mapped


def content_stems(text: str, mapping: dict[str, str]) -> list[str]:
    return [s for s in map(_stemmer(mapping), tokenize(text)) if s is not None]


def without_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word  # as tokenize drops it


def stem_spans(text: str, mapping: dict[str, str]) -> list[tuple[int, int, str]]:
    """content_stems(text, mapping), each with the (start, end) of its word in `text`."""
    folded = text.replace("’", "'").casefold()
    if len(folded) == len(text):  # tokenize's own reading, offsets and all (nearly every text)
        tokens = [(m.start(), m.end(), without_possessive(m.group())) for m in WORD_RE.finditer(folded)]
    else:  # casefolding changed the length ("ß" -> "ss"): each word of the text read alone
        tokens = [(m.start(), m.end(), t) for m in WORD_RE.finditer(text) for t in tokenize(m.group())]
    stem_of = _stemmer(mapping)
    return [(start, end, s) for start, end, token in tokens if (s := stem_of(token)) is not None]
