"""The word stems the sentence linker (reader.analysis.align) compares, and where they are.

    content_stems(text, mapping) -> list[str]                     what align counts, in order
    stem_spans(text, mapping) -> list[tuple[int, int, str]]       the same, with each word's offsets

A sentence's content words as textstats.tokenize reads them (casefolded, a possessive 's dropped;
no stopword, no one-letter word), a right-hand name spelling mapped to the left's, Porter-stemmed.
stem_spans is for showing a link's evidence: it must give exactly content_stems's stems, so the
words a reader sees are the words the link counted.
"""

from __future__ import annotations

from functools import lru_cache

from whoosh.lang.porter import stem

from reader.analysis.textstats import STOPWORDS, WORD_RE, tokenize


@lru_cache(maxsize=100_000)
def word_stem(word: str) -> str:
    return stem(word)


def content_stems(text: str, mapping: dict[str, str]) -> list[str]:
    return [word_stem(mapping.get(t, t)) for t in tokenize(text) if len(t) > 1 and t not in STOPWORDS]


def without_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word  # as tokenize drops it


def stem_spans(text: str, mapping: dict[str, str]) -> list[tuple[int, int, str]]:
    """content_stems(text, mapping), each with the (start, end) of its word in `text`."""
    folded = text.replace("’", "'").casefold()
    if len(folded) == len(text):  # tokenize's own reading, offsets and all (nearly every text)
        tokens = [(m.start(), m.end(), without_possessive(m.group())) for m in WORD_RE.finditer(folded)]
    else:  # casefolding changed the length ("ß" -> "ss"): each word of the text read alone
        tokens = [(m.start(), m.end(), t) for m in WORD_RE.finditer(text) for t in tokenize(m.group())]
    out = []
    for start, end, token in tokens:
        if len(token) > 1 and token not in STOPWORDS:
            out.append((start, end, word_stem(mapping.get(token, token))))
    return out
