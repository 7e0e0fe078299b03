"""Fast text analysis shared by indexing, query parsing, snippets and highlighting.

Only three values come from Whoosh (its stop words, its Porter stemmer and its accent map), so
that our terms are the ones its analyzers produce (reader.index.schema.reader_analyzer is the
same analysis as a Whoosh chain); the rest is plain regular expressions.

Indexing, the query analyzer and the snippet finder must agree exactly on what a term is, so the
rules live in one place (TERMS_VERSION says which; an index built with others is rebuilt):

- a word is a run of letters and digits, with single dots or apostrophes inside it (`U.S`,
  `O'Reilly`, `O’Reilly`, `don't`): `O'Reilly` is one word, never `Reilly`;
- a run of Chinese, Japanese or Korean characters (written without spaces) is cut into
  overlapping pairs of characters, as Lucene's CJK analyzer does (`东京举行` is `东京 京举 举行`),
  so a word inside the run is found; a character alone is not indexed;
- each word is lower-cased and its accents folded (Whoosh's accent map: `Peña` is `pena`,
  `Núñez` `nunez`, `naïve` `naive`), the curly apostrophe becomes `'`, and a trailing `'s`
  goes (`Trump's` is `trump`, `it's` is the stop word `it`);
- stop words and one-letter words are dropped, the rest Porter-stemmed (cached per process).

Folding maps one character to one character, and highlighting looks for each term's letters in
any of their accented forms, so its ranges are those of the original text.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from whoosh.analysis.filters import STOP_WORDS as _WHOOSH_STOP_WORDS
from whoosh.lang.porter import stem as _porter_stem
from whoosh.support.charset import accent_map as _WHOOSH_ACCENT_MAP

# Characters of the scripts written without spaces between words: the ideographic iteration and
# closing marks, hiragana, katakana, CJK ideographs (with extension A and the compatibility
# block), hangul syllables, half-width katakana and the supplementary ideographs. Every one is a
# word character (\w): a test checks it, and highlighting relies on it.
CJK_CHARS = (
    "\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\uac00-\ud7a3\uff66-\uff9f"
    "\U00020000-\U0002a6df\U0002a700-\U0002b738\U0002b740-\U0002b81d\U0002b820-\U0002cea1"
    "\U0002ceb0-\U0002ebe0\U0002f800-\U0002fa1d\U00030000-\U0003134a"
)
# What joins two runs of word characters into one word. The zero-width (non-)joiner is part of
# a Persian, Arabic or Indic word's spelling (the loader keeps it only there): the word is one,
# and its term leaves it out (FOLD_MAP), so the word is found whether a query has it or not.
ZERO_WIDTH_JOINERS = "\u200c\u200d"
JOINERS = ".'\u2019" + ZERO_WIDTH_JOINERS
_WORD_CHAR = rf"[^\W{CJK_CHARS}]"
TOKEN_PATTERN = rf"{_WORD_CHAR}+(?:[{JOINERS}]{_WORD_CHAR}+)*|[{CJK_CHARS}]+"
TOKEN_RE = re.compile(TOKEN_PATTERN, re.UNICODE)
_COARSE_RE = re.compile(rf"\w+(?:[{JOINERS}]\w+)*", re.UNICODE)
CJK_RE = re.compile(f"[{CJK_CHARS}]")
_CJK_RUN = re.compile(f"[{CJK_CHARS}]+")
# The version of these rules: a change of what a term is needs a new index (layout.py's
# SCHEMA_VERSION and STORED_ANALYSIS, which a test holds to this number).
TERMS_VERSION = 3
STOP_WORDS = frozenset(_WHOOSH_STOP_WORDS)
MIN_SIZE = 2
# Words longer than this are not real words (base64, URLs run together): index them unstemmed.
MAX_STEM_LENGTH = 40
POSSESSIVE = "'s"


def _fold_map() -> dict[int, str | None]:
    """Whoosh's accent map (one letter or digit for one, lower-cased), without its entries for
    combining marks (it maps some to letters, which would join words), the curly apostrophe as
    a straight one, and the zero-width (non-)joiners removed."""
    import unicodedata

    fold = {
        code: base.lower()
        for code, base in _WHOOSH_ACCENT_MAP.items()
        if len(base) == 1 and not unicodedata.category(chr(code)).startswith("M")
    }
    fold[0x2019] = "'"
    return {**fold, **dict.fromkeys(map(ord, ZERO_WIDTH_JOINERS))}


FOLD_MAP = _fold_map()

_stem_cache: dict[str, str] = {}
# A lower-cased word -> its term, or None when it is not indexed (a stop word, too short).
_term_cache: dict[str, str | None] = {}
_CACHE_LIMIT = 500_000
_MISSING = object()


def stem(word: str) -> str:
    """Porter stem of a lower-cased word, cached (a news corpus has a few 100k distinct words)."""
    cached = _stem_cache.get(word)
    if cached is None:
        cached = word if len(word) > MAX_STEM_LENGTH else _porter_stem(word)
        if len(_stem_cache) < _CACHE_LIMIT:
            _stem_cache[word] = cached
    return cached


def fold(lower: str) -> str:
    """A lower-cased word with its accents folded, its apostrophes straight and no zero-width
    (non-)joiner (the same length but for those)."""
    return lower if lower.isascii() else lower.translate(FOLD_MAP)


def normalise(lower: str) -> str:
    """A lower-cased word as the stop list sees it: folded, without a trailing 's."""
    word = fold(lower)
    if word.endswith(POSSESSIVE):
        word = word[:-2]
    return word


def is_kept(word: str) -> bool:
    """Whether a normalised word is indexed (not a stop word, not a single character)."""
    return len(word) >= MIN_SIZE and word not in STOP_WORDS


def analyse(lower: str) -> str | None:
    """The term of one lower-cased word (or pair of CJK characters), None if not indexed."""
    term = _term_cache.get(lower, _MISSING)
    if term is _MISSING:
        word = normalise(lower)
        term = stem(word) if is_kept(word) else None
        if len(_term_cache) < _CACHE_LIMIT:
            _term_cache[lower] = term
    return term  # type: ignore[return-value]


def is_cjk(word: str) -> bool:
    """Whether a word is all CJK characters (then it is indexed as pairs of characters)."""
    return _CJK_RUN.fullmatch(word) is not None


def words(text: str, tokenize: bool = True) -> list[tuple[str, int, int]]:
    """The words of `text` as the stop filter sees them: (lower-cased word, start, end), a CJK
    run cut into its overlapping pairs. `tokenize=False` takes the whole text as one word."""
    if tokenize:
        raw = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    else:
        raw = [(text, 0, len(text))]
    out: list[tuple[str, int, int]] = []
    for word, begin, end in raw:
        if len(word) > 2 and is_cjk(word):
            out.extend((word[k : k + 2], begin + k, begin + k + 2) for k in range(len(word) - 1))
        else:
            out.append((word.lower(), begin, end))
    return out


def term_positions(text: str) -> tuple[dict[str, list[int]], int]:
    """{stemmed term: [token positions]} and the field length (number of indexed tokens).

    Positions are renumbered over the kept tokens (stop words dropped), exactly as Whoosh's
    StopFilter does, so query-time phrases line up.
    """
    # The coarse pattern finds the same words as TOKEN_PATTERN, but keeps a CJK run together
    # with letters it touches: faster, and only a text with CJK characters needs splitting.
    found = _COARSE_RE.findall(text)
    if not text.isascii() and any(not w.isascii() and CJK_RE.search(w) for w in found):
        lowered = [word for word, _, _ in words(text)]
    else:
        lowered = [word.lower() for word in found]
    positions: dict[str, list[int]] = {}
    cache = _term_cache
    missing = _MISSING
    pos = None
    length = 0
    for i, lower in enumerate(lowered):
        term = cache.get(lower, missing)
        if term is missing:
            term = analyse(lower)
        if term is None:
            continue
        # Whoosh's StopFilter keeps the first kept token's own index, then counts up.
        pos = i if pos is None else pos + 1
        plist = positions.get(term)  # type: ignore[call-overload]
        if plist is None:
            positions[term] = [pos]  # type: ignore[index]
        else:
            plist.append(pos)
        length += 1
    return positions, length


def spell_words(text: str) -> list[str]:
    """The distinct unstemmed indexed words of a text (for did-you-mean), sorted."""
    found = {normalise(w.lower()) for w in TOKEN_RE.findall(text) if not is_cjk(w)}
    return sorted(w for w in found if is_kept(w) and not w.isdigit())


def _variants() -> dict[str, str]:
    """{folded character: it and every lower-case character that folds to it}."""
    found: dict[str, str] = {}
    for code, base in FOLD_MAP.items():
        char = chr(code)
        if base is not None and char.lower() == char:
            found[base] = found.get(base, base) + char
    return found


_VARIANTS = _variants()


def _class_of(codes: list[int]) -> str:
    """A character class of these code points, as ranges."""
    ranges: list[list[int]] = []
    for code in sorted(set(codes)):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[%s]" % "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


# A lower-cased letter that folds to another (the curly apostrophe aside: a prefix never starts
# with one, and every scan takes either apostrophe): a text without one needs no accented forms.
_ACCENTED = re.compile(_class_of([ord(c) for v in _VARIANTS.values() for c in v if ord(c) > 127 and c != "\u2019"]))


def _unfolded(prefix: str, accents: bool, joiners: bool = False) -> str:
    """A regular expression for `prefix` as a lower-cased text may write it: either apostrophe,
    with `accents`, each letter in any of its accented forms (`pen` matches peñ), and with
    `joiners`, a zero-width (non-)joiner allowed between two letters (the term has none)."""
    out = []
    for ch in prefix:
        variants = _VARIANTS.get(ch) if accents or ch == "'" else None
        out.append(f"[{re.escape(variants)}]" if variants else re.escape(ch))
    return f"[{ZERO_WIDTH_JOINERS}]?".join(out) if joiners else "".join(out)


@lru_cache(maxsize=256)
def _candidate_regex(prefixes: tuple[str, ...], accents: bool, joiners: bool = False) -> re.Pattern:
    # Accented forms only for a text that has accented letters: the classes make the scan about
    # twice as slow, and a scan of a folded copy of the text (str.translate) ten times; the same
    # for the joiners, only in a text that has one.
    alternation = "|".join(_unfolded(p, accents, joiners) for p in sorted(prefixes, key=len, reverse=True))
    # No leading \b (it doubles the scan time): callers check the left boundary themselves.
    # \w, not _WORD_CHAR: compiling that class (the CJK ranges) took 2 ms, once per query; the
    # caller cuts a match at its first CJK character instead.
    return re.compile(rf"(?:{alternation})\w*(?:[{JOINERS}]\w+)*", re.UNICODE)


@lru_cache(maxsize=256)
def _cjk_regex(terms: tuple[str, ...]) -> re.Pattern:
    # A lookahead finds overlapping occurrences (哈哈 twice in 哈哈哈).
    return re.compile("(?=(%s))" % "|".join(re.escape(t) for t in terms))


def _prefix_for(term: str) -> str:
    # A Porter stem is the word's own prefix except for a changed last letter or two
    # ("happi" from "happy", "hope" from "hoping"): search on a slightly shorter prefix and
    # verify each candidate by stemming it.
    if len(term) > 4:
        return term[:-2]
    if len(term) > 2:
        return term[:-1]
    return term


def _is_word_char(ch: str) -> bool:
    """A character of a (non-CJK) word: \\w less the CJK characters."""
    return (ch.isalnum() or ch == "_") and CJK_RE.match(ch) is None


def find_term_ranges(
    text: str, terms, start: int = 0, end: int | None = None, limit: int | None = None
) -> list[tuple[int, int]]:
    """Character ranges of the words of `text[start:end]` whose term is in `terms` (`limit`: the
    first that many only, where the text allows: a hostile text holding the word 400,000 times).

    Scans with one regular expression built from the terms' prefixes, each letter in any of its
    accented forms (C speed), and checks each candidate with the same analysis as the index,
    instead of re-analysing the whole body. A CJK term (a pair of characters) is found wherever the pair occurs; pairs
    that overlap (a longer CJK word) make one range.
    """
    terms = frozenset(t for t in terms if t)
    if not terms or not text:
        return []
    stop = len(text) if end is None else end
    cjk_terms = tuple(sorted(t for t in terms if is_cjk(t)))
    word_terms = terms.difference(cjk_terms)
    ranges = _word_ranges(text, word_terms, start, stop, limit) if word_terms else []
    if cjk_terms and not text.isascii():
        spans: list[tuple[int, int]] = []
        for m in _cjk_regex(cjk_terms).finditer(text, start, stop):
            begin, finish = m.start(), m.start() + len(m.group(1))
            if finish > stop:
                continue
            if spans and begin < spans[-1][1]:
                spans[-1] = (spans[-1][0], max(finish, spans[-1][1]))
            elif limit is not None and len(spans) >= limit:
                break
            else:
                spans.append((begin, finish))
        ranges = sorted(ranges + spans)
    return ranges if limit is None else ranges[:limit]


def _word_ranges(
    text: str, terms: frozenset[str], start: int, stop: int, limit: int | None = None
) -> list[tuple[int, int]]:
    lowered = text.lower()
    if len(lowered) != len(text):
        # Lower-casing moved the offsets (a dotted capital I is two characters in lower case):
        # analyse every word, as the index did.
        found = (
            (m.start(), m.end())
            for m in TOKEN_RE.finditer(text)
            if m.start() >= start and m.end() <= stop and not is_cjk(m.group()) and analyse(m.group().lower()) in terms
        )
        return list(found if limit is None else itertools.islice(found, limit))
    # A scan of the lower-cased text (same offsets) for the terms' prefixes, accents and all.
    prefixes = tuple(sorted({_prefix_for(t) for t in terms}))
    accents = not lowered.isascii() and _ACCENTED.search(lowered) is not None
    joiners = not lowered.isascii() and any(ch in lowered for ch in ZERO_WIDTH_JOINERS)
    regex, scanned = _candidate_regex(prefixes, accents, joiners), lowered
    ranges = []
    search = regex.search
    pos = start
    while (m := search(scanned, pos, stop)) is not None:
        begin, finish = m.span()
        pos = finish
        piece = m.group()
        if not piece.isascii() and (cjk := CJK_RE.search(piece)) is not None:
            # A CJK character ends the word (it starts a run of pairs): scan on from there.
            finish = begin + cjk.start()
            pos = max(finish, begin + 1)
        if begin:
            before = scanned[begin - 1]
            if _is_word_char(before):
                continue  # inside a word, not at its start
            if before in JOINERS and begin > 1 and _is_word_char(scanned[begin - 2]):
                continue  # after "O'" or "U.": part of a longer word
        if finish > begin and scanned[finish - 1] in JOINERS:
            finish -= 1  # a prefix ending on a dot or an apostrophe no letter follows
        if finish == begin:
            continue
        if analyse(text[begin:finish].lower()) in terms:
            ranges.append((begin, finish))
            if limit is not None and len(ranges) >= limit:
                break
    return ranges
