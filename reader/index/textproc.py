"""Fast text analysis shared by indexing, query parsing, snippets and highlighting.

Only two values come from Whoosh (its stop words and its Porter stemmer), so that our terms are
the ones its analyzers produce; the rest is plain regular expressions.

Indexing, the query analyzer and the snippet finder must agree exactly on what a term is, so the
rules live in one place: words are `\\w+(?:\\.?\\w+)*` (Whoosh's default pattern), lower-cased,
stop words and one-letter words dropped, then Porter-stemmed (cached per process).
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.analysis.filters import STOP_WORDS as _WHOOSH_STOP_WORDS
from whoosh.lang.porter import stem as _porter_stem

TOKEN_PATTERN = r"\w+(?:\.?\w+)*"
TOKEN_RE = re.compile(TOKEN_PATTERN, re.UNICODE)
STOP_WORDS = frozenset(_WHOOSH_STOP_WORDS)
MIN_SIZE = 2
# Words longer than this are not real words (base64, URLs run together): index them unstemmed.
MAX_STEM_LENGTH = 40

_stem_cache: dict[str, str] = {}


def stem(word: str) -> str:
    """Porter stem of a lower-cased word, cached (a news corpus has a few 100k distinct words)."""
    cached = _stem_cache.get(word)
    if cached is None:
        cached = word if len(word) > MAX_STEM_LENGTH else _porter_stem(word)
        if len(_stem_cache) < 500_000:
            _stem_cache[word] = cached
    return cached


def is_indexed_word(lower: str) -> bool:
    return len(lower) >= MIN_SIZE and lower not in STOP_WORDS


def term_positions(text: str) -> tuple[dict[str, list[int]], int]:
    """{stemmed term: [token positions]} and the field length (number of indexed tokens).

    Positions are renumbered over the kept tokens (stop words dropped), exactly as Whoosh's
    StopFilter does, so query-time phrases line up.
    """
    positions: dict[str, list[int]] = {}
    cache = _stem_cache
    stops = STOP_WORDS
    pos = None
    length = 0
    for i, word in enumerate(TOKEN_RE.findall(text)):
        lower = word.lower()
        if len(lower) < MIN_SIZE or lower in stops:
            continue
        # Whoosh's StopFilter keeps the first kept token's own index, then counts up.
        pos = i if pos is None else pos + 1
        term = cache.get(lower)
        if term is None:
            term = stem(lower)
        plist = positions.get(term)
        if plist is None:
            positions[term] = [pos]
        else:
            plist.append(pos)
        length += 1
    return positions, length


def spell_words(text: str) -> list[str]:
    """The distinct unstemmed indexed words of a text (for did-you-mean), sorted."""
    words = {w.lower() for w in TOKEN_RE.findall(text)}
    return sorted(w for w in words if len(w) >= MIN_SIZE and w not in STOP_WORDS and not w.isdigit())


@lru_cache(maxsize=256)
def _candidate_regex(prefixes: tuple[str, ...], ignore_case: bool) -> re.Pattern:
    alternation = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    flags = re.UNICODE | (re.IGNORECASE if ignore_case else 0)
    # No leading \b (it doubles the scan time): callers check the left boundary themselves.
    return re.compile(r"(?:%s)\w*(?:\.?\w+)*" % alternation, flags)


def _prefix_for(term: str) -> str:
    # A Porter stem is the word's own prefix except for a changed last letter or two
    # ("happi" from "happy", "hope" from "hoping"): search on a slightly shorter prefix and
    # verify each candidate by stemming it.
    if len(term) > 4:
        return term[:-2]
    if len(term) > 2:
        return term[:-1]
    return term


def find_term_ranges(text: str, terms, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Character ranges of the words of `text[start:end]` whose stemmed form is in `terms`.

    Scans with one regular expression built from the terms' prefixes (C speed) and checks each
    candidate with the same analysis as the index, instead of re-analysing the whole body.
    """
    terms = frozenset(t for t in terms if t)
    if not terms or not text:
        return []
    prefixes = tuple(sorted({_prefix_for(t) for t in terms}))
    stop = len(text) if end is None else end
    # A case-sensitive scan of the lower-cased text is several times faster than IGNORECASE;
    # it is only valid when lower-casing keeps every offset (it nearly always does).
    lowered = text.lower()
    if len(lowered) == len(text):
        regex, scanned = _candidate_regex(prefixes, False), lowered
    else:
        regex, scanned = _candidate_regex(prefixes, True), text
    ranges = []
    for m in regex.finditer(scanned, start, stop):
        begin = m.start()
        if begin and (scanned[begin - 1].isalnum() or scanned[begin - 1] == "_"):
            continue  # inside a word, not at its start
        lower = m.group(0).lower()
        if is_indexed_word(lower) and stem(lower) in terms:
            ranges.append((begin, m.end()))
    return ranges
