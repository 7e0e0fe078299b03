"""What two linked sentences visibly share: the words, figures and names a reader can check.

    shared_words(left_text, right_text, variants) -> Shared

Presentation only: the link itself is decided by reader.analysis.align from many signals (meaning
too), and nothing here changes it. This shows a fact-checker the evidence on the page: the content
words both sentences use (plurals folded, accents ignored, a name variant's two spellings counted
as one), each with its offsets in both sentences, so both sides can highlight the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.analysis.names import fold_diacritics
from reader.analysis.textstats import STOPWORDS, normalize_word

# Words as textstats reads them, with decimal points and thousands separators kept inside a
# figure ("35.7", "43,885,310"): a figure is shared only when it reads the same.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’][^\W_]+)*")


@dataclass
class Shared:
    """Shared words of a pair: `words` in the left sentence's spelling and order, and every place
    each occurs, as (start, end) offsets into each sentence's text."""

    words: list[str] = field(default_factory=list)
    left: list[tuple[int, int]] = field(default_factory=list)
    right: list[tuple[int, int]] = field(default_factory=list)


def _key(token: str, variants: dict[str, str] | None = None) -> str | None:
    """The form two tokens share when they are the same word; None for a grammar or news word."""
    word = token.replace("’", "'").casefold()
    if word.endswith("'s"):
        word = word[:-2]
    if not word or word in STOPWORDS:
        return None
    if variants and word in variants:
        word = variants[word]
    if not word[0].isdigit() and len(word) < 2:
        return None
    return fold_diacritics(normalize_word(word))


def _tokens(text: str, variants: dict[str, str] | None = None) -> list[tuple[int, int, str, str]]:
    out = []
    for match in _TOKEN.finditer(text or ""):
        key = _key(match.group(), variants)
        if key is not None:
            out.append((match.start(), match.end(), key, match.group()))
    return out


def shared_words(left_text: str, right_text: str, variants: dict[str, str] | None = None) -> Shared:
    """The content words both sentences use. `variants` maps a right-hand spelling (casefolded)
    to the left's, as names.variant_map gives it, so "Sergei" on the right meets "Sergey"."""
    left = _tokens(left_text)
    right = _tokens(right_text, variants)
    common = {key for *_, key, _ in left} & {key for *_, key, _ in right}
    shared = Shared()
    seen: set[str] = set()
    for start, end, key, word in left:
        if key in common:
            shared.left.append((start, end))
            if key not in seen:
                seen.add(key)
                shared.words.append(word)
    shared.right = [(start, end) for start, end, key, _ in right if key in common]
    return shared
