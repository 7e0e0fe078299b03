"""Fast text analysis shared by indexing, query parsing, snippets and highlighting.

Only three values come from Whoosh (its stop words, its Porter stemmer and its accent map), so
that our terms are the ones its analyzers produce (reader.index.schema.reader_analyzer is the
same analysis as a Whoosh chain); the rest is plain regular expressions.

Indexing, the query analyzer and the snippet finder must agree exactly on what a term is, so the
rules live in one place (TERMS_VERSION says which; an index built with others is rebuilt):

- a word is a run of letters and digits, with their combining marks (Arabic vowel points,
  Devanagari vowel signs: `مُحَمَّد`, `हिन्दी` are one word each) and single dots or apostrophes
  inside it (`U.S`, `O'Reilly`, `O’Reilly`, `don't`): `O'Reilly` is one word, never `Reilly`;
  characters no one sees inside it (IGNORABLE: a bidi mark, a soft hyphen, a zero-width joiner)
  do not part it either, and its term leaves them out (`bud<LRM>get` is `budget`);
- a run of Chinese, Japanese or Korean characters (written without spaces) is cut into
  overlapping pairs of characters, as Lucene's CJK analyzer does (`东京举行` is `东京 京举 举行`),
  so a word inside the run is found; a character standing alone (a particle, the と of
  東京 と 大阪) is a term of its own, which only a phrase searches (reader.index.search); a hyphen between two
  CJK characters is read across (`東京-大阪` is `東京 京大 大阪`, as `東京大阪` is: each finds the
  other); a query's CJK words written apart (with spaces or hyphens between them) may also be
  joined by the pair across the gap (reader.index.search: `"東京 大阪"` is 東京 大阪 or 東京 京大
  大阪, so it finds 東京-大阪 and 東京大阪, and `東京-大阪` finds 東京 大阪 written apart), since a
  CJK text writes its words closed up;
- the hyphens (HYPHENS) are `-`, U+2010, U+2011, the small U+FE63 and the fullwidth U+FF0D;
  a dash (`–`, `—`, U+2012, U+2015, the minus U+2212, the wave dash `〜`) and a middle dot (`・`)
  part words and join nothing; the katakana long vowel mark `ー` (and its half-width `ｰ`) is a
  letter, inside its word;
- each word is lower-cased and its accents folded (Whoosh's accent map: `Peña` is `pena`,
  `Núñez` `nunez`, `naïve` `naive`, `Straße` `strasse`, `кладём` `кладем`, `Αθήνας`
  `αθηνασ`; Arabic and Hebrew vowel points and the tatweel go,
  so `مُحَمَّد` is `محمد`), the curly apostrophe becomes `'`, and a trailing `'s` goes
  (`Trump's` is `trump`, `it's` is the stop word `it`);
- "US" in capitals is the country, the word U.S. is (`u.s`); in a line in capitals too, before
  a noun or a verb, after "the"/"in", or heading its line before "will"/"is"/"to" ("US TROOPS
  LEAVE", "IN THE US", "US TO SEND TROOPS"), but not after a verb
  that takes the pronoun nor before a closed-class word or nothing ("LET US PRAY", "ABOUT US"):
  lower-case `us` is the pronoun, a stop word (is_country); its possessive ("US's", "US'S") is
  the country wherever it stands, the pronoun having none;
- a hyphenated word (`e-mail`, `re-election`: 2 to 4 parts, a letter among them) is its parts
  and also its parts written together (`email`), at its last part's position (compounds), but
  not where the hyphen tells two words apart (`re-sign`, `co-op`: _TELLING_HYPHENS); a part
  may end on a mark (`हिंदी-भाषी` is also `हिंदीभाषी`); a hyphen beside a CJK character joins
  nothing, the words on its other side still do (`東京-e-mail` is also `email`); a
  query's compound is the joined word alone (search.with_compound_parts adds its parts);
- a number with thousands separators or a decimal comma is one word, its term without the
  separators (`1,000` and `1,000,000` are `1000` and `1000000`, as 1000 is, never 2,000's
  `2000`; `12,500.75` is `12500.75`) and a decimal comma a dot (`3,5` is `3.5`, as 3.5 is; after
  a lone zero a comma is a decimal comma, three digits after it or not: `0,500` is `0.500`):
  _NUMBER_COMMA, whole_number; a number's one comma before other than three digits is a decimal
  comma (`40,7` is `40.7`), and other commas between digits part words as other commas do (the
  lists `1,2,3` and `2019,2020` are their numbers); a dot is a decimal point but in thousands
  groups: two or more (`12.500.000` is `12500000`), or before a decimal comma (`1.000,50` is
  `1000.50`), or one in an article in a language that writes thousands so (DOT_THOUSANDS:
  German's `1.000` is `1000`, English's stays `1.000`);
- a name of one to three letters each side of an `&` (`AT&T`, `P&G`, `R&D`) and a letter with
  `++` or `#` (`C++`, `F#`) are one word, the symbols in its term (`at&t`, `c++`), indexed also
  as its letters alone at its position where they make a term (`att`, `pg`: ATT finds AT&T;
  AT&T finds AT&T only): _SYMBOL_JOIN, _SYMBOL_END, alternate_words; a name with a dot before
  it where a word starts (`.NET`, `.io`: _DOT_NAME) is one word with its dot, indexed also as
  the word after the dot (net finds .NET; .NET finds .NET only);
- a domain name of three labels or more is also each of its tails at its position
  down to its registrable domain (`www.example.org` is also `example.org`, `news.bbc.co.uk` also
  `bbc.co.uk`, not the registry's `co.uk`: the Public Suffix List, corpus.registrable), so the
  name without its `www.` or subdomain finds it (read folded: a bidi mark inside it is no part
  of it); a word whose end is no public suffix (the typo `said.He.went`) has no tails;
- ligatures and compatibility forms are their letters (`ﬁ` is fi, `CO₂` co2: FOLD_MAP);
- a dotted acronym's dots go (`F.B.I.` is `fbi`, as FBI; `G.O.P.` `gop`: outlets differ in
  this, the Times dotting what others do not), unless that makes a stop word (`U.S.` stays
  `u.s`, never the pronoun `us`) or it is a time of day (`a.m.` is not the word am, nor `p.m.`
  the PM);
- stop words and one-letter words (but a lone CJK character) are dropped, the rest
  Porter-stemmed (cached per process);
- except in an article written in a language with a stemmer of its own (LANGUAGES: German,
  Spanish, French, Italian, Dutch, Portuguese, Russian, Danish, Finnish, Hungarian, Norwegian,
  Swedish; reader.index.languages tells which): its
  words are stemmed by that language's Snowball stemmer and each term carries the language
  (`wahl@de` for Wahlen and Wahl), so it never meets an English term of the same letters (the
  German stem of Sanders is `sand`), and the language's own stop words are dropped as well; a CJK
  pair carries no language. A query word is looked up in each language of the index
  (reader.index.search).

Folding maps one character to one (but ß to ss, a ligature to its letters, and the characters it
drops), and highlighting looks for each term's letters in any of their accented forms (ss as ß
too, fi as ﬁ, the dropped ones allowed between), so its ranges are those of the original text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
import itertools
from bisect import bisect_left, bisect_right
import re
from functools import lru_cache

from whoosh.analysis.filters import STOP_WORDS as _WHOOSH_STOP_WORDS
from whoosh.lang import stemmer_for_language as _stemmer_for_language
from whoosh.lang import stopwords_for_language as _stopwords_for_language
from whoosh.lang.porter import stem as _porter_stem
from whoosh.support.charset import accent_map as _WHOOSH_ACCENT_MAP

from reader.corpus.decode import COMBINING_MARKS, INVISIBLE_IN_NAMES, ZERO_WIDTH, ZERO_WIDTH_JOINERS
from reader import lazy_regex

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
# Characters no one sees, which a word is read across and its term leaves out: the zero-width
# characters the loader removes from articles (decode.ZERO_WIDTH: the soft hyphen, the zero-width
# space, the word joiner, invisible operators, a byte-order mark; a query pasted from a page, or a
# text from elsewhere, may still hold them); the zero-width (non-)joiner, part of a Persian, Arabic
# or Indic word's spelling (the loader keeps it only there): the word is one, and its term leaves
# it out (FOLD_MAP), so the word is found whether a query has it or not; and those a name drops
# (decode.INVISIBLE_IN_NAMES: bidi marks and isolates, which articles keep, since they may belong
# to Arabic or Hebrew text, Hangul fillers, tag characters...). "bud<LRM>get" was the two words
# `bud` and `get`, in the index and in a query. A character-class body (with ranges).
IGNORABLE = ZERO_WIDTH + ZERO_WIDTH_JOINERS + INVISIBLE_IN_NAMES
JOINERS = ".'\u2019" + IGNORABLE
# After a joiner, more invisible characters may come before the word goes on (a bidi mark after a
# zero-width joiner, an isolate's opening and closing).
_JOIN = f"[{JOINERS}][{IGNORABLE}]*"
# The combining marks of the Basic Multilingual Plane (decode.COMBINING_MARKS): they are not \w,
# yet they are part of a word: Arabic and Hebrew vowel points, Devanagari's vowel signs and
# virama (हिन्दी), a Latin accent with no precomposed letter. A word split at each of them was
# lost: مُحَمَّد was four one-letter words, none indexed.
MARKS = COMBINING_MARKS
_WORD_CHAR = rf"[^\W{CJK_CHARS}]"
# What a run of CJK characters goes on across, and its pairs leave out: the invisible characters
# (IGNORABLE), the marks written on an ideograph or a kana, which no one reads as a character of
# their own (the ideographic tone marks, the combining (semi-)voiced sound marks that NFC could
# not compose), and the variation selectors, which choose a glyph (葛\U000e0100城 is a place's own
# form of 葛城; U+FE00-FE0F, VS16 after an emoji): 葛 and 城 were two lone characters, and the
# pair 葛城 was not found.
CJK_INNER = "\u302a-\u302f\u3099\u309a\ufe00-\ufe0f\U000e0100-\U000e01ef" + IGNORABLE
# The hyphens: the ASCII one, U+2010, the non-breaking U+2011, the small U+FE63 and the fullwidth
# U+FF0D (an East Asian font's, 東京－大阪): each joins a compound, and two CJK characters across it.
# Never a dash ("2020–21", "Clinton–Trump": U+2012-2015, the minus U+2212, the wave dash U+301C)
# nor the katakana middle dot U+30FB (東京・大阪 lists two places), which part words; the katakana
# long vowel mark U+30FC is a letter (CJK_CHARS: コーヒー is one run).
HYPHENS = "-\u2010\u2011\ufe63\uff0d"
# A hyphen between two CJK characters joins them as a run (東京-大阪 is 東京 京大 大阪, as 東京大阪
# is): a compound written without spaces, whose pairs across the hyphen were missing, so that
# neither spelling found the other (a CJK query is a phrase of its pairs).
CJK_BETWEEN = f"[{CJK_INNER}]*(?:[{re.escape(HYPHENS)}][{CJK_INNER}]*)?"
_CJK_RUN_PATTERN = f"[{CJK_CHARS}](?:{CJK_BETWEEN}[{CJK_CHARS}])*"
# A comma that joins a number's digits (_SYMBOL_JOIN): after a group of one to three digits that
# starts the number (no digit, comma or dot before it) or after a thousands group (`1,000,`),
# before a thousands group (three digits, no digit after: `1,000`, `12,500.75`, `1,000,000`), or
# a number's one comma (a decimal comma: `3,5`, `40,7`, `3,14159`). Any other comma between digits
# parts words as it did: a list (`1,2,3`, `10,20,30`), years (`2019,2020`). A decimal comma may
# also follow a thousands group written with a dot (`1.000,50`, whole_number).
_GROUP_START = r"(?:(?<=(?<![\d,.])\d,)|(?<=(?<![\d,.])\d\d,)|(?<=(?<![\d,.])\d{3},))"
_NUMBER_COMMA = (
    rf",(?:(?:{_GROUP_START}|(?<=\d,\d{{3}},))(?=\d{{3}}(?!\d))|{_GROUP_START}(?=\d+(?!\d|,\d))"
    rf"|(?<=\d\.\d{{3}},)(?=\d+(?!\d|,\d|{_JOIN}\w)))"
)
_NUMBER_COMMA_RE = lazy_regex.compile(_NUMBER_COMMA)
# What joins a word's characters besides _JOIN, each with the character after it, so that a
# number or a name written with symbols is one word (tried only where a word goes on, never at a
# word's start: a pattern that starts with \w is scanned for fast): a number's comma
# (_NUMBER_COMMA), where "1,000" was the words 1 and 000 (000 found 2,000 first); an & between
# one to three letters each side (`AT&T`, `P&G`, `R&D`, `S&P`; not Johnson&Johnson), whose
# letters alone were stop words or too short.
_SYMBOL_JOIN = (
    rf"{_NUMBER_COMMA}"
    r"|&(?:(?<=(?<![\w&])[A-Za-z]&)|(?<=(?<![\w&])[A-Za-z]{2}&)|(?<=(?<![\w&])[A-Za-z]{3}&))(?=[A-Za-z]{1,3}(?![\w&]))"
)
# What ends a word of one letter (`C++`, `F#`, `C#`), which was too short to be indexed.
# (Each branch starts with its symbol: a word's end that has none fails at once.)
_SYMBOL_END = r"(?:(?:\+\+(?<=(?<![\w+#])[A-Za-z]\+\+)|#(?<=(?<![\w+#])[A-Za-z]#))(?![\w+#]))?"
# A name written with a dot before it (`.NET`, `.io`, `.com` as a TLD is named): a dot that starts
# a text or follows a space, a slash or an opening bracket or quotation mark (not an apostrophe,
# which may end a word: `'quoted'.US`), before an ASCII letter and one more letter or digit or
# more (a word's own dots and apostrophes may follow: `.co.uk`, `.NET's`), where the word ends
# (else it is the word without its dot, as before terms v24: `.Netzwerk`); not a decimal (`.5`),
# an ellipsis's last dot (`...net`) nor a sentence's end (`end.Net`). Its own branch after the
# others, starting with its dot: a branch that starts with an assertion slowed the scan by a fifth.
DOT_NAME_AFTER = '\\s(\\[{"\u2018\u201c\u00ab/'
_DOT_NAME = (
    rf"\.(?:(?<=[{DOT_NAME_AFTER}]\.)|(?<=^\.))[A-Za-z][A-Za-z0-9]+(?:[.'\u2019][A-Za-z0-9]+)*"
    rf"(?![\w&+#{MARKS}{IGNORABLE}]|{_JOIN}\w)"
)
# Word characters, with marks or a joiner and a word character between them. (The word class
# written three times, not four: each copy of its CJK ranges costs ~3 ms of compiling at import.)
TOKEN_PATTERN = (
    rf"{_WORD_CHAR}+(?:(?:[{MARKS}]|{_JOIN}{_WORD_CHAR}|(?:{_SYMBOL_JOIN})[A-Za-z0-9])+{_WORD_CHAR}*)*{_SYMBOL_END}"
    rf"|{_CJK_RUN_PATTERN}|{_DOT_NAME}"
)
TOKEN_RE = lazy_regex.compile(TOKEN_PATTERN, re.UNICODE)
_COARSE_RE = lazy_regex.compile(
    rf"\w[\w{MARKS}]*(?:(?:{_JOIN}|{_SYMBOL_JOIN})\w[\w{MARKS}]*)*{_SYMBOL_END}|{_DOT_NAME}", re.UNICODE
)
# Where a text may hold a _DOT_NAME (has_alternate_words).
_DOT_NAME_RE = lazy_regex.compile(_DOT_NAME)
# A word written with symbols (SYMBOL_JOIN's &, SYMBOL_END's): its letters alone are indexed too.
SYMBOL_RE = lazy_regex.compile(r"[a-z]{1,3}&[a-z]{1,3}|[a-z](?:\+\+|#)")
# A domain name of three labels or more (`www.example.org`, `news.bbc.co.uk`): one word, also
# found by its tails (alternate_words: `example.org`, `bbc.co.uk`). Its last label is letters.
_DOMAIN_RE = lazy_regex.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+\.[a-z]{2,24}")
_MARK_RE = lazy_regex.compile(f"[{MARKS}]")
# The marks that are diacritics, not letters: a term leaves them out, as it folds accents, so
# that a word is found with or without them (vowelled Arabic as usually written unvowelled,
# pointed Hebrew): the combining diacritics blocks, Arabic harakat and Quranic marks, Hebrew
# points and cantillation. The tatweel (ـ, a stretch between Arabic letters) goes with them.
# Other marks (Indic vowel signs and viramas) spell the word and stay in its term. The selectors
# of a text or an emoji presentation (VS15, VS16), which a keyboard adds or not, go too, as names
# are matched without them (decode.name_match_key): "Roe" with VS16 after it is the term roe.
DIACRITIC_MARKS = (
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe0e\ufe0f\ufe20-\ufe2f"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
)
TATWEEL = "\u0640"
CJK_RE = lazy_regex.compile(f"[{CJK_CHARS}]")
_CJK_RUN = lazy_regex.compile(_CJK_RUN_PATTERN)
_CJK_PLAIN_RUN = lazy_regex.compile(f"[{CJK_CHARS}]+")
# The version of these rules: a change of what a term is needs a new index (layout.py's
# SCHEMA_VERSION and STORED_ANALYSIS, which a test holds to this number).
TERMS_VERSION = 28
STOP_WORDS = frozenset(_WHOOSH_STOP_WORDS)
MIN_SIZE = 2
# Words longer than this are not real words (base64, URLs run together): index them unstemmed.
MAX_STEM_LENGTH = 40
POSSESSIVE = "'s"
# The analysis of English (Porter), also that of every article in a language without its own.
DEFAULT_LANGUAGE = "en"
# The languages whose articles are stemmed with their own (Snowball) stemmer, in the order a
# query's variants are tried.
LANGUAGES = ("de", "es", "fr", "it", "nl", "pt", "ru", "da", "fi", "hu", "no", "sv")
# Between a term and its language: no word holds it (TOKEN_PATTERN), so a query cannot type it.
LANGUAGE_MARK = "@"


def _fold_map() -> dict[int, str | None]:
    """Whoosh's accent map (one letter or digit for one, lower-cased), without its entries for
    combining marks (it maps some to letters, which would join words), the curly apostrophe as
    a straight one, and the invisible characters (IGNORABLE, the zero-width (non-)joiners among
    them), the diacritic marks and the tatweel removed."""
    import unicodedata

    fold = {
        code: base.lower()
        for code, base in _WHOOSH_ACCENT_MAP.items()
        if len(base) == 1 and not unicodedata.category(chr(code)).startswith("M")
    }
    # ß is ss (Whoosh folds it to s: Straße was "strase", and strasse, as the Swiss and many
    # others write it, did not find it; maß was "mas", the Portuguese "but"); ё is е (Russian
    # texts and users mostly write е: кладем did not find кладём).
    fold[ord("ß")] = "ss"
    fold[ord("ё")] = "е"
    # Greek: Whoosh's map has no Greek. Capitals drop the accent (ΑΘΗΝΑ for Αθήνα) and many type
    # none, so a vowel's tonos, dialytika and polytonic marks fold, and the final sigma is a sigma.
    for code in [*range(0x0386, 0x03D0), *range(0x1F00, 0x2000)]:
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and "GREEK" in unicodedata.name(base, ""):
            fold[code] = base.lower()
    fold[ord("ς")] = "σ"
    fold[0x2019] = "'"
    fold.update(_compatibility_folds(fold))
    dropped = "".join(_expand(IGNORABLE)) + TATWEEL + "".join(_expand(DIACRITIC_MARKS))
    return {**fold, **dict.fromkeys(map(ord, dropped))}


# Compatibility forms a text writes for plain letters and digits, folded as NFKC reads them: the
# Latin ligatures of typeset text and PDFs (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ: "ﬁnance" was no word finance), the
# Dutch ij and the Slavic digraphs (ĳ ǆ ǉ ǌ ǳ), the long s, super- and subscript digits and
# letters (CO₂ is co2, km² km2) and the mathematical alphanumerics of "styled" social media text
# (𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠). Only these: NFKC would also change Korean jamo, Arabic presentation forms or
# half-width katakana, which are other words' business. (Whoosh's map has the fullwidth forms.)
_COMPATIBILITY_RANGES = (
    (0x00AA, 0x00AA),
    (0x00B2, 0x00B3),
    (0x00B9, 0x00BA),
    (0x0132, 0x0133),
    (0x017F, 0x017F),
    (0x01C4, 0x01CC),
    (0x01F1, 0x01F3),
    (0x2070, 0x209C),
    (0xFB00, 0xFB06),
    (0x1D400, 0x1D7FF),
)


def _compatibility_folds(fold: dict[int, str]) -> dict[int, str]:
    """{code: its letters or digits, lower-cased and folded} for _COMPATIBILITY_RANGES."""
    import unicodedata

    found = {}
    for first, last in _COMPATIBILITY_RANGES:
        for code in range(first, last + 1):
            plain = unicodedata.normalize("NFKC", chr(code)).lower()
            if plain != chr(code) and plain.isalnum() and chr(code).isalnum():
                found[code] = plain.translate(fold)
    return found


def _expand(body: str) -> list[str]:
    """The characters of a character class's body of single characters and ranges (a-z)."""
    return [chr(code) for first, last in _class_ranges(body) for code in range(first, last + 1)]


def _class_ranges(body: str) -> list[tuple[int, int]]:
    """The (first, last) code points of a character class's body of single characters and ranges (a-z)."""
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(body):
        if k + 2 < len(body) and body[k + 1] == "-":
            out.append((ord(body[k]), ord(body[k + 2])))
            k += 3
        else:
            out.append((ord(body[k]), ord(body[k])))
            k += 1
    return out


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


def _portuguese_endings(word: str) -> str:
    """A folded Portuguese word with the accents of its -ão/-ões ending back (and the ç of
    -ção/-ções): the stemmer reads them (classificação and classificações are both `classific`;
    folded first, they were two). -ães (mães, of mãe) and -ãos (caos is no plural) are left."""
    if word.endswith("coes"):
        return word[:-4] + "ções"
    if word.endswith("cao"):
        return word[:-3] + "ção"
    if word.endswith("oes"):
        return word[:-3] + "ões"
    if word.endswith("ao"):
        return word[:-2] + "ão"
    return word


def _portuguese_stem(stem: str) -> str:
    """A Portuguese stem with the -õ an -ões plural leaves read as its -ão singular's -ã: where the
    ending is too near the word's start for Snowball to drop it (canção is cançã, canções cançõ;
    eleição, nação, milhão, região, decisão alike) the plural missed its singular."""
    return stem[:-1] + "ã" if stem.endswith("õ") else stem


class _LanguageAnalysis:
    """One language's terms: its Snowball stemmer over the folded word (so that a word typed
    without its accents finds it), the result folded and marked with the language. Its own stop
    words (Snowball's lists) are dropped too: Portuguese `com` (with) was the term of the English
    `come`, in every Portuguese article."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.mark = LANGUAGE_MARK + code
        self.snowball = _stemmer_for_language(code)
        self.stops = frozenset(fold(word) for word in _stopwords_for_language(code))
        self.terms: dict[str, str | None] = {}
        self.dot_thousands = code in DOT_THOUSANDS

    def stem(self, word: str) -> str:
        if len(word) > MAX_STEM_LENGTH:
            return word + self.mark
        if self.code == "ru" and _CYRILLIC_WORD.fullmatch(word) is None:
            # Whoosh's Russian stemmer spells the Latin letters of a word holding Cyrillic ones in
            # Cyrillic (and an apostrophe as ь): a Latin name in a Russian article stays whole.
            return word + self.mark
        if self.code == "pt":
            return fold(_portuguese_stem(self.snowball(_portuguese_endings(word)))) + self.mark
        return fold(self.snowball(word)) + self.mark

    def analyse(self, lower: str) -> str | None:
        term = self.terms.get(lower, _MISSING)
        if term is _MISSING:
            word = normalise(lower, self.dot_thousands)
            if not is_kept(word) or word in self.stops:
                term = None
            elif not word.isascii() and is_cjk(word):
                term = word  # a pair of CJK characters: no language
            else:
                term = self.stem(word)
            if len(self.terms) < _CACHE_LIMIT:
                self.terms[lower] = term
        return term  # type: ignore[return-value]


_CYRILLIC_WORD = lazy_regex.compile("[\u0400-\u04ff]+")
_ANALYSES: dict[str, _LanguageAnalysis] = {}


def _analysis(language: str | None) -> _LanguageAnalysis | None:
    """The analysis of a language with its own stemmer; None for English and the rest."""
    if not language or language == DEFAULT_LANGUAGE or language not in LANGUAGES:
        return None
    found = _ANALYSES.get(language)
    if found is None:
        found = _ANALYSES[language] = _LanguageAnalysis(language)
    return found


def language_of_term(term: str) -> str:
    """The language a term was made in (DEFAULT_LANGUAGE for an English or unmarked term)."""
    at = term.rfind(LANGUAGE_MARK)
    return term[at + 1 :] if at > 0 else DEFAULT_LANGUAGE


def bare_term(term: str) -> str:
    """A term without its language mark (`wahl` for `wahl@de`)."""
    at = term.rfind(LANGUAGE_MARK)
    return term[:at] if at > 0 else term


def fold(lower: str) -> str:
    """A lower-cased word with its accents folded (ß as ss), its apostrophes straight, without
    invisible characters (IGNORABLE: zero-width (non-)joiners, bidi marks...), diacritic marks or
    tatweels."""
    return lower if lower.isascii() else lower.translate(FOLD_MAP)


def normalise(lower: str, dot_thousands: bool = False) -> str:
    """A lower-cased word as the stop list sees it: folded, without a trailing 's, a dotted
    acronym's dots left out (undotted), a number's separators (whole_number; `dot_thousands`: an
    article's language writes 1.000 for a thousand)."""
    word = fold(lower)
    if word.endswith(POSSESSIVE):
        word = word[:-2]
    if "." in word:
        word = undotted(word)
    if word[:1].isdigit() and ("," in word or "." in word):
        word = whole_number(word, dot_thousands)
    return word


# Thousands groups after commas; not after a lone zero, where the comma is a decimal comma
# (`0,500` is 0.500, a half, as German and French write it: no thousands group follows a zero).
_THOUSANDS = lazy_regex.compile(r"(?!0,)\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# A number written with thousands dots, as German, Spanish, Italian, Dutch, Portuguese and Danish
# write it: two dot groups or more (`12.500.000`: no decimal has two points), or dot groups before
# a decimal comma (`1.000,50`), whatever the article's language; one group alone (`1.000`, `4.600`)
# only in an article of one of those languages (DOT_THOUSANDS), as English writes 4.600 for a
# decimal.
# (A number starting `0.` is a decimal: no thousands group follows a zero, `0.500` is a half.)
_DOT_GROUPS = lazy_regex.compile(r"[1-9]\d{0,2}(?:\.\d{3}){2,}|[1-9]\d{0,2}(?:\.\d{3})+,\d+")
_DOT_GROUP = lazy_regex.compile(r"[1-9]\d{0,2}\.\d{3}")
# The languages (textproc.LANGUAGES) that write a thousands group after a dot (1.000 Euro).
DOT_THOUSANDS = frozenset({"de", "es", "it", "nl", "pt", "da"})


_NUMERIC = lazy_regex.compile(r"[\d.,]+")


def whole_number(word: str, dot_thousands: bool = False) -> str:
    """A number's term (_SYMBOL_JOIN): without its thousands separators (`1,000` is `1000`, as
    1000 is; `12.500.000` is `12500000`, and with `dot_thousands`, an article in a language that
    writes thousands with dots, `1.000` too), a decimal comma a dot (`3,5` and `1.000,5` are `3.5`
    and `1000.5`); any other word as it is (one with letters too, `1.000,5.O'Reilly`, whose
    term the highlighter finds as written)."""
    if not word[:1].isdigit() or _NUMERIC.fullmatch(word) is None:
        return word
    if "." in word:
        if _DOT_GROUPS.fullmatch(word) or (dot_thousands and _DOT_GROUP.fullmatch(word)):
            return word.replace(".", "").replace(",", ".")
        if "," not in word:
            return word
    return word.replace(",", "") if _THOUSANDS.fullmatch(word) else word.replace(",", ".")


_SYMBOLS = "&+#"


def alternate_terms(lower: str, term_of, term: str | None) -> list[str]:
    """The terms of alternate_words(lower) (`term_of`: the article language's analyse), less
    `term` (the word's own) and those not indexed."""
    out: list[str] = []
    # Folded first: a bidi mark inside a domain name (`www.exa<RLM>mple.org`) is no part of it.
    for word in alternate_words(fold(lower)):
        alternate = term_of(word)
        if alternate is not None and alternate != term and alternate not in out:
            out.append(alternate)
    return out


_DOTTED_TWICE = lazy_regex.compile(rf"\.[\w{IGNORABLE}]+\.[{IGNORABLE}]*\w")


def has_alternate_words(text: str) -> bool:
    """Whether a word of `text` may have alternate_words (a symbol, or two dots in a word): a
    text without one (most) needs no word checked."""
    return (
        "&" in text
        or "+" in text
        or "#" in text
        or _DOTTED_TWICE.search(text) is not None
        or ("." in text and _DOT_NAME_RE.search(text) is not None)
    )


# The longest domain name DNS takes: a longer run of dotted labels is junk, whose tails (one a
# label, each as long as the rest) would cost its length squared.
_DOMAIN_MAX = 253


def _domain_tails(labels: list[str]) -> tuple[str, ...]:
    """A domain name's tails down to its registrable domain (`news.bbc.co.uk`: `bbc.co.uk`, not
    the registry's `co.uk`, which names every site of a country), from the Public Suffix List the
    corpus reads outlets with; none for a word that ends in no public suffix (`said.he.went`)."""
    from reader.corpus.registrable import registrable_domain

    site = registrable_domain(".".join(labels))
    if site is None:
        return ()
    return tuple(tail for k in range(1, len(labels) - 1) if (tail := ".".join(labels[k:])).endswith(site))


@lru_cache(maxsize=4096)
def alternate_words(lower: str) -> tuple[str, ...]:
    """The other words a lower-cased word is indexed as, at its position: a name with symbols
    its letters alone (`at&t` also `att`, `p&g` also `pg`; `c++` none: `c` is too short), a
    domain name its tails (`www.example.org` also `example.org`). A query word is searched as
    itself only (AT&T finds AT&T, and ATT finds AT&T and ATT)."""
    if lower.isalnum():
        return ()
    if lower[:1] == "." and len(lower) > 2:
        # A name with a dot before it (`.net`, _DOT_NAME): also the word after the dot, as it
        # was before terms v24 (net finds .NET; .NET finds .NET only).
        rest = lower[1:]
        return (rest, *alternate_words(rest))
    if any(ch in _SYMBOLS for ch in lower):
        # A possessive's name as the name (`at&t's`, before or after folding made it straight).
        name = lower[:-2] if lower.endswith(("'s", "\u2019s")) else lower
        if SYMBOL_RE.fullmatch(name) is None:
            return ()
        letters = "".join(ch for ch in name if ch.isalpha())
        return (letters,) if letters != name else ()
    if lower.count(".") >= 2 and len(lower) <= _DOMAIN_MAX and _DOMAIN_RE.fullmatch(lower) is not None:
        return _domain_tails(lower.split("."))
    return ()


# Single letters between dots: an acronym as one outlet's style writes it (the Times' F.B.I.,
# G.O.P., I.R.S.) where others write FBI, GOP, IRS. The tokenizer keeps no dot at its ends.
_DOTTED_ACRONYM = lazy_regex.compile(r"[^\W\d_](?:\.[^\W\d_])+")
# Dotted letters that are no acronym: the times of day, in every other article's "8 a.m.": joined,
# `a.m.` found each "I am" and `PM` (the prime minister) each "5 p.m.".
_TIMES_OF_DAY = frozenset({"a.m", "p.m"})


def undotted(word: str) -> str:
    """A folded word with a dotted acronym's dots left out (`f.b.i` is `fbi`, found by FBI),
    unless that makes it a stop word (`u.s` stays: `us` is the pronoun's term) or it is a time of
    day (`a.m`, `p.m`)."""
    if word in _TIMES_OF_DAY or _DOTTED_ACRONYM.fullmatch(word) is None:
        return word
    joined = word.replace(".", "")
    return word if joined in STOP_WORDS else joined


def is_kept(word: str) -> bool:
    """Whether a normalised word is indexed (not a stop word, not a single character but a CJK
    one standing alone, a particle such as と: a phrase's word, search.with_cjk_bridges)."""
    return (len(word) >= MIN_SIZE or is_lone_cjk(word)) and word not in STOP_WORDS


def is_lone_cjk(word: str) -> bool:
    """Whether a word is one CJK character (written between spaces or punctuation)."""
    return len(word) == 1 and not word.isascii() and CJK_RE.match(word) is not None


def analyse(lower: str, language: str | None = None) -> str | None:
    """The term of one lower-cased word (or pair of CJK characters) in an article of `language`
    (None: English), None if not indexed."""
    if language is not None and language != DEFAULT_LANGUAGE:
        own = _analysis(language)
        if own is not None:
            return own.analyse(lower)
    term = _term_cache.get(lower, _MISSING)
    if term is _MISSING:
        word = normalise(lower)
        term = stem(word) if is_kept(word) else None
        if len(_term_cache) < _CACHE_LIMIT:
            _term_cache[lower] = term
    return term  # type: ignore[return-value]


# "US" in capitals is the country, as U.S. is (the word `u.s`, whose dots stay: undotted), where
# "us" is the pronoun, a stop word; but a line in capitals writes the pronoun so too.
COUNTRY = "US"
COUNTRY_WORD = "u.s"
_COUNTRY_RE = lazy_regex.compile(r"\bUS\b")
# The same where a CJK character touches it (东京US): another word, which \b does not see.
_COUNTRY_WORD_RE = lazy_regex.compile(f"(?<!{_WORD_CHAR})US(?!{_WORD_CHAR})")
# Where the words around it stop telling: a line's or a sentence's end, a clause's, a separator.
_CLAUSE_END = lazy_regex.compile(r"\n|[.!?;:|•·]\s")
# How far around it the words that tell are looked for (two each side, within that reach).
_COUNTRY_CONTEXT = 60
_COUNTRY_NEIGHBOURS = 2
# The verbs whose object the pronoun is, by stem ("LET US PRAY", "JOIN US for the service",
# "TELL US YOUR STORY", "JOINING US", "GOD BLESS US"), and a page's "ABOUT US": written in
# capitals before "US", it is the pronoun, whatever follows; never so before the country in a
# sentence of lower case.
_PRONOUN_AFTER = frozenset(
    stem(verb)
    for verb in (
        "about ask bless bring call contact email find follow get give help join keep let like make"
        " message protect save send show support tell thank trust visit write"
    ).split()
)
# In a line in capitals, the words after which "US" is the country: an article, a preposition of
# place ("IN THE US", "BORN IN US", "ACROSS US"), "OF" unless a quantity comes before it ("ONE OF
# US", "THE REST OF US" are the pronoun). (Not "FROM": "A MESSAGE FROM US" is the pronoun.)
_COUNTRY_AFTER = frozenset({"the", "in", "of", "across", "throughout"})
# The closed-class words of English (pronouns, determiners and quantities, prepositions,
# conjunctions, auxiliaries, adverbs of time, place and degree): what follows the object pronoun
# ("HELP US NOW", "ABOUT US AND OUR WORK", "LEAVE US ALONE"). Any other word after "US" in
# capitals is a noun or a verb that the country goes with ("US TROOPS", "US WARNS CHINA"): the
# object pronoun "us" is never a subject, nor a noun's modifier. A list of the language's grammar,
# not of the nouns the country goes with, so any noun is read right.
_FUNCTION_WORDS = STOP_WORDS | frozenset(
    (
        "i me my mine our ours he him his she her hers they them their theirs its who whom whose"
        " what which whoever whatever these those all any both each either neither every some"
        " most more much many few several none one ones no rest enough such own same other"
        " about above after against along alongside among around away before behind below beneath"
        " beside besides between beyond down during except into like near off onto out over past"
        " since than through throughout till toward towards under until unto up upon via within"
        " without but nor so because though although while whether unless once then"
        " am was were been being do does did done has had having should would could might must"
        " shall ought here there where when why how now today tonight tomorrow yesterday again"
        " also always never ever still too very just only even soon already alone together"
        " forever first else back home instead"
    ).split()
)

# The auxiliaries and the infinitive's "to" a headline puts after its subject: "US WILL LEAVE
# SYRIA", "US TO SEND TROOPS", "US IS READY". After "US" that begins its line or clause, they
# make it the subject, the country (the object pronoun is never a subject); after another word
# they tell nothing ("THE REST OF US WILL", "HELP US TO GROW").
_SUBJECT_AUXILIARIES = frozenset("is was has had will would can could should must may might does did shall to".split())


def _neighbours(
    text: str, spans: list[tuple[str, int, int]], i: int, reach: tuple[int, int]
) -> tuple[list[str], list[str]]:
    """The words (as written) before and after the word `spans[i]` in its clause, up to two each
    side, each wholly within `reach` (from, to)."""
    before: list[str] = []
    j = i
    while j > 0 and len(before) < _COUNTRY_NEIGHBOURS:
        word, begin, end = spans[j - 1]
        if begin < reach[0] or _CLAUSE_END.search(text, end, spans[j][1]) is not None:
            break
        before.append(word)
        j -= 1
    after: list[str] = []
    j = i
    while j + 1 < len(spans) and len(after) < _COUNTRY_NEIGHBOURS:
        word, begin, end = spans[j + 1]
        if end > reach[1] or _CLAUSE_END.search(text, spans[j][2], begin) is not None:
            break
        after.append(word)
        j += 1
    return before[::-1], after


def _country_by_neighbours(before: list[str], after: list[str]) -> bool:
    """Whether "US" between the words `before` and `after` (its clause's, two each side at most)
    is the country (is_country)."""
    if before and before[-1].isupper() and stem(before[-1].lower()) in _PRONOUN_AFTER:
        return False
    in_capitals = False
    for word in before + after:
        if word.isupper():
            in_capitals = True
        elif word.upper() != word:
            return True  # a word in lower case beside it: a sentence's "US" (a word of digits tells nothing)
    if not in_capitals:
        return True
    # A line in capitals ("US TROOPS LEAVE SYRIA", "LET US PRAY"): the words beside it tell.
    if before and before[-1].lower() in _COUNTRY_AFTER:
        if before[-1].lower() != "of" or len(before) < 2 or before[0].lower() not in _FUNCTION_WORDS:
            return True
        return False  # a quantity of us, whatever follows ("MANY OF US DISAGREE", "ONE OF US")
    if len(before) == 2 and before[1].lower() in ("and", "or") and before[0].isupper():
        if before[0].lower() not in _FUNCTION_WORDS:
            return True  # "UK AND US STRIKE", as "US AND CHINA"; not "YOU AND US"
    telling = [word.lower() for word in after if word.isupper()]
    if not telling:
        return False
    if not before and telling[0] in _SUBJECT_AUXILIARIES:
        return True  # "US WILL LEAVE SYRIA", "US TO SEND TROOPS": the line's subject
    if telling[0] in ("and", "or") and len(telling) > 1:
        return telling[1] not in _FUNCTION_WORDS  # "US AND CHINA AGREE", not "BETWEEN US AND THEM"
    return telling[0] not in _FUNCTION_WORDS


def _reach(begin: int, end: int) -> tuple[int, int]:
    return begin - _COUNTRY_CONTEXT, end + _COUNTRY_CONTEXT


def is_country(text: str, begin: int, end: int) -> bool:
    """Whether the word `text[begin:end]`, "US", is the country: unless the words next to it in
    its line and sentence (two each side) are all in capitals, as in a headline or a button, and
    say the pronoun: after a verb that takes it ("LET US PRAY", "CONTACT US", "JOIN US TODAY"),
    or before a closed-class word or nothing ("ABOUT US", "HELP US NOW"). In capitals it is the
    country before any other word ("US TROOPS LEAVE SYRIA", "US WARNS CHINA") or after an article
    or a preposition of place ("IN THE US") or a name and "and" ("UK AND US"), but not after a
    quantity and "of" ("MANY OF US AGREE"); and heading its line or clause before an auxiliary
    ("US WILL LEAVE", "US TO SEND TROOPS": _SUBJECT_AUXILIARIES). A word of digits tells nothing. "US" alone (a query)
    is the country; after a verb in capitals that takes the pronoun it is the pronoun even in a
    sentence of lower case ("JOIN US for the service": _PRONOUN_AFTER). One word's look;
    country_starts reads a whole text's at once."""
    if text[begin:end] != COUNTRY:
        return False
    word = TOKEN_RE.match(text, begin)
    if word is not None and word.end() > end and word.group()[2:] in _COUNTRY_POSSESSIVES:
        return True  # "US's", "US'S": the pronoun has no possessive
    lo, hi = _reach(begin, end)
    # The words around it as the whole text's tokens are (a word cut at the window's start is
    # left out, its start being before the reach).
    spans = []
    for m in TOKEN_RE.finditer(text, max(0, lo - _COUNTRY_CONTEXT)):
        if m.start() > hi:
            break
        spans.append((m.group(), m.start(), m.end()))
    here = next((k for k, span in enumerate(spans) if span[1] == begin), None)
    if here is None:  # inside another token (a query's "US" is one)
        spans.append((COUNTRY, begin, end))
        spans.sort(key=lambda span: span[1])
        here = spans.index((COUNTRY, begin, end))
    return _country_by_neighbours(*_neighbours(text, spans, here, (lo, hi)))


def country_starts(text: str, spans: list[tuple[str, int, int]], gaps: list[str] | None = None) -> set[int]:
    """The starts of the words of `spans` (the text's words, in order: (word, start, end)) that
    are the country ("US", "US's": is_country), each read from its neighbours in `spans`: one
    pass, where is_country for each looked again at the words around it. `gaps`: the text
    between the words (one more than them), where the caller has it (TOKEN_RE.split(text) for
    the words of TOKEN_RE.finditer(text)): taken from the spans otherwise."""
    if gaps is None:
        gaps = [""] + [text[spans[k - 1][2] : spans[k][1]] for k in range(1, len(spans))] + [""]
    return {spans[i][1] for i in _country_words([word for word, _, _ in spans], gaps)}


# How many neighbourhoods _country_words keeps read at once: a hostile text of 100,000 "US"
# each with words of its own held 33 MB of them (no "US" read again), 4,096 hold about 1 MB.
_READINGS_HELD = 4096


def _country_words(words: list[str], gaps: list[str]) -> list[int]:
    """The indices of the words of a text (`words`, in order, with `gaps[k]` the text between
    words k - 1 and k: one more than the words) that are the country (country_starts)."""
    # The words and gaps interleaved, as a split on a capturing pattern gives them.
    pieces: list[str] = [""] * (2 * len(words) + 1)
    pieces[0::2] = gaps
    pieces[1::2] = words
    return _countries_of_pieces(pieces, words)


def _countries_of_pieces(pieces: list[str], words: list[str] | None = None) -> list[int]:
    """The indices of the words that are the country (country_starts) among `pieces`, a text's
    gaps and words interleaved (gap, word, gap, ..., word, gap: _token_split_re().split(text)),
    `words` its words where the caller has them.

    A text dense with "US" cost six times one of plain words, each "US" looking at its
    neighbours: a neighbourhood (the two words each side and what is between) is read once,
    then looked up (_neighbourhood_is_country), and the words starting with "US" are found by a
    scan in C, not a loop in Python."""
    if words is None:
        words = pieces[1::2]
    last = len(words) - 3
    readings: dict[tuple[str | None, ...], bool] = {}
    found = []
    for i in itertools.compress(range(len(words)), map(str.startswith, words, itertools.repeat(COUNTRY))):
        ending = words[i][2:]
        if ending not in _COUNTRY_POSSESSIVES:
            continue
        if ending:  # a possessive: the pronoun has none
            found.append(i)
            continue
        # Its two words each side and the gaps between (None for no word, at the text's ends).
        if 2 <= i <= last:
            hood: tuple[str | None, ...] = tuple(pieces[2 * i - 3 : 2 * i + 6])
        else:
            hood = tuple(pieces[k] if 0 <= k < len(pieces) else None for k in range(2 * i - 3, 2 * i + 6))
        country = readings.get(hood)
        if country is None:
            if len(readings) >= _READINGS_HELD:
                readings.clear()  # a text of ever new neighbourhoods: its memory stays bounded
            country = readings[hood] = _neighbourhood_is_country(hood)
        if country:
            found.append(i)
    return found


def _neighbourhood_is_country(hood: tuple[str | None, ...]) -> bool:
    """Whether "US" is the country in its neighbourhood (word, gap, word, gap, "US", gap, word,
    gap, word; None for no word): the words of its clause within the reach, as _neighbours
    takes them (their offsets from the gaps' and words' lengths)."""
    word2, gap2, word1, gap1, country, gap3, after1, gap4, after2 = hood
    before: list[str] = []
    after: list[str] = []
    if word1 is not None and gap1 is not None:
        back = len(gap1) + len(word1)
        if back <= _COUNTRY_CONTEXT and (gap1 == " " or _CLAUSE_END.search(gap1) is None):
            before.append(word1)
            if word2 is not None and gap2 is not None:
                if back + len(gap2) + len(word2) <= _COUNTRY_CONTEXT and (
                    gap2 == " " or _CLAUSE_END.search(gap2) is None
                ):
                    before.insert(0, word2)
    if after1 is not None and gap3 is not None and country is not None:
        # The reach ends as far after the country's two letters ("US's" takes two more).
        forth = len(country) - 2 + len(gap3) + len(after1)
        if forth <= _COUNTRY_CONTEXT and (gap3 == " " or _CLAUSE_END.search(gap3) is None):
            after.append(after1)
            if after2 is not None and gap4 is not None:
                if forth + len(gap4) + len(after2) <= _COUNTRY_CONTEXT and (
                    gap4 == " " or _CLAUSE_END.search(gap4) is None
                ):
                    after.append(after2)
    return _country_by_neighbours(before, after)


# The country's possessive ("the US's role", "THE US'S ALLIES"), its 's dropped as any word's.
# The pronoun has none: "US's" is the country whatever is around it.
_COUNTRY_POSSESSIVES = ("", "'s", "\u2019s", "'S", "\u2019S")


def as_country(text: str, word: str, begin: int) -> str | None:
    """The lower-cased word the token `word` at `text[begin:]` is when it is the country ("US",
    "US's": `u.s`, `u.s's`; is_country), else None."""
    if not word.startswith(COUNTRY) or word[2:] not in _COUNTRY_POSSESSIVES:
        return None
    return COUNTRY_WORD + word[2:].lower() if is_country(text, begin, begin + 2) else None


def is_cjk(word: str) -> bool:
    """Whether a word is all CJK characters, or CJK characters with what a run goes on across
    between them (CJK_INNER): then it is indexed as pairs of characters."""
    return _CJK_RUN.fullmatch(word) is not None


def cjk_pairs(run: str) -> list[tuple[str, int, int]]:
    """The overlapping pairs of the CJK characters of `run` (is_cjk), each (its two characters,
    start, end in `run`): what stands between two (CJK_INNER) is inside the pair's range, not in
    its text."""
    if _CJK_PLAIN_RUN.fullmatch(run) is not None:
        return [(run[k : k + 2], k, k + 2) for k in range(len(run) - 1)]
    at = [k for k, ch in enumerate(run) if CJK_RE.match(ch) is not None]
    return [(run[a] + run[b], a, b + 1) for a, b in zip(at, at[1:])]


@lru_cache(maxsize=1)
def _token_split_re() -> re.Pattern:
    """TOKEN_RE with its words kept by a split (gap, word, gap, ..., word, gap): compiled when
    first used, as a command that reads no text needs none (it takes milliseconds)."""
    return re.compile(f"({TOKEN_PATTERN})", re.UNICODE)


def words(text: str, tokenize: bool = True) -> list[tuple[str, int, int]]:
    """The words of `text` as the stop filter sees them: (lower-cased word, start, end), a CJK
    run cut into its overlapping pairs. `tokenize=False` takes the whole text as one word."""
    # One split gives the words and the gaps between them (the reading of "US" needs both), and
    # the words' offsets are the sums of the pieces' lengths: all in C, where a scan for the
    # words and another for the gaps, each match's offsets asked in Python, took twice as long.
    pieces = _token_split_re().split(text) if tokenize else ["", text, ""]
    found = pieces[1::2]
    offsets = list(itertools.accumulate(map(len, pieces)))
    starts, ends = offsets[0:-1:2], offsets[1::2]
    countries = _countries_of_pieces(pieces) if COUNTRY in text else []
    if text.isascii() or CJK_RE.search(text) is None:
        out = list(zip(map(str.lower, found), starts, ends))
        for i in countries:
            out[i] = (COUNTRY_WORD + found[i][2:].lower(), starts[i], ends[i])
        return out
    out = []
    country_at = set(countries)
    for i, word in enumerate(found):
        begin = starts[i]
        if len(word) > 2 and not word.isascii() and is_cjk(word):
            out.extend((pair, begin + a, begin + b) for pair, a, b in cjk_pairs(word))
        elif i in country_at:
            out.append((COUNTRY_WORD + word[2:].lower(), begin, ends[i]))
        else:
            out.append((word.lower(), begin, ends[i]))
    return out


# What may stand between two CJK words of a query for the pair across to join them: spaces and
# hyphens (not a middle dot, a comma or a word: 東京・大阪 and 東京 と 大阪 are two words apart).
_CJK_GAP_RE = lazy_regex.compile(f"[\\s{re.escape(HYPHENS)}{IGNORABLE}]+")


def query_words(text: str, tokenize: bool = True) -> tuple[list[tuple[str, int, int]], dict[int, tuple[str, bool]]]:
    """words(text) as a query reads it, a CJK run's parts across a hyphen apart (東京-大阪 is 東京
    and 大阪), and {the index of a CJK word: the pair across the gap before it} (cjk_bridges)."""
    if not tokenize or text.isascii():
        return words(text, tokenize), {}
    spans = words(cjk_parts_apart(text))
    return spans, cjk_bridges(text, spans)


def cjk_parts_apart(text: str) -> str:
    """`text` with each hyphen between two parts of a CJK run a space, where both parts have two
    characters or more (a lone character is no word: 中-美 stays the pair 中美); as long as
    `text`, so that offsets stay."""
    if _HYPHEN_RE.search(text) is None or CJK_RE.search(text) is None:
        return text
    return _CJK_RUN.sub(_cjk_parts_apart, text)


def _cjk_parts_apart(m: re.Match) -> str:
    run = m.group()
    parts = _HYPHEN_RE.split(run)
    if len(parts) == 1:
        return run
    wide = [len(CJK_RE.findall(part)) >= 2 for part in parts]
    hyphens = [h.group() for h in _HYPHEN_RE.finditer(run)]
    out = [parts[0]]
    for k, hyphen in enumerate(hyphens):
        out.append(" " if wide[k] and wide[k + 1] else hyphen)
        out.append(parts[k + 1])
    return "".join(out)


def _cjk_word_of_two(word: str) -> bool:
    return not word.isascii() and is_cjk(word) and len(CJK_RE.findall(word)) >= 2


def cjk_bridges(text: str, spans: list[tuple[str, int, int]]) -> dict[int, tuple[str, bool]]:
    """{i: (the pair across the gap between spans[i - 1] and spans[i], as the text writes it;
    whether the gap holds a hyphen)} where both are CJK words of two characters or more (pairs,
    words(text)), or one standing alone (a particle), and nothing but spaces and hyphens stands
    between them: a CJK text writes its words closed up, so a query's `"東京 大阪"` may also be
    東京 京大 大阪, and `"東京 と 大阪"` 東京 京と と大 大阪 (reader.index.search)."""
    found: dict[int, tuple[str, bool]] = {}
    for i in range(1, len(spans)):
        (before, _, end), (word, begin, _) = spans[i - 1], spans[i]
        if (
            end < begin
            and (_cjk_word_of_two(before) or is_lone_cjk(before))
            and (_cjk_word_of_two(word) or is_lone_cjk(word))
            and _CJK_GAP_RE.fullmatch(text, end, begin) is not None
        ):
            found[i] = (text[end - 1] + text[begin], _HYPHEN_RE.search(text, end, begin) is not None)
    return found


# A hyphenated word ("e-mail", "re-election", "co-operate") is also its parts written together
# (`email`), at its last part's position: each spelling finds the other, its parts still find it
# ("election" finds re-election), and a query's compound is that joined word alone. (HYPHENS:
# above.)
# A compound of more parts is a phrase written with hyphens ("state-of-the-art-ish-thing").
MAX_COMPOUND_PARTS = 4
# A hyphen that tells two words apart joins nothing: to re-sign a contract is not to resign, a
# band that re-formed is no reform, a co-op no coop (the prefix and the rest's English stem;
# "re-sign" is still re and sign, as before).
_TELLING_HYPHENS = frozenset(
    [
        ("re", stem(rest))
        for rest in (
            "sign", "form", "cover", "create", "creation", "sent", "press", "lease", "mark", "treat",
            "collect", "serve", "sort", "solve", "present", "act", "fuse", "ally",
        )
    ]
    + [("co", "op"), ("un", stem("ionized"))]
)  # fmt: skip
# (A plain class: a lookbehind for the letters around it made the scan five times slower.)
_HYPHEN_RE = lazy_regex.compile(f"[{re.escape(HYPHENS)}]")


def _is_w(ch: str) -> bool:
    """A character a word may end or start with: \\w, or a combining mark ("हिंदी-भाषी": a part
    ending on a vowel sign was no compound to the index, while the Whoosh chain joined it)."""
    return ch.isalnum() or ch == "_" or (not ch.isascii() and _MARK_RE.match(ch) is not None)


def _hyphens_in_words(text: str, start: int = 0, stop: int | None = None):
    """The offsets of the hyphens of `text[start:stop]` with a word character (or a mark) on both
    sides: wherever compounds() may join two words."""
    last = len(text) - 1
    for m in _HYPHEN_RE.finditer(text, start, len(text) if stop is None else stop):
        at = m.start()
        if 0 < at < last and _is_w(text[at - 1]) and _is_w(text[at + 1]):
            yield at


def compounds(text: str, spans: list[tuple[str, int, int]]) -> dict[int, tuple[str, int, int, int]]:
    """The hyphenated compounds among `spans` (words(text)): {the index of its last part: (its
    parts written together, lower-cased; its start; its end; the index of its first part)}. A compound has 2 to
    MAX_COMPOUND_PARTS parts, one hyphen between two, a letter somewhere ("2020-21" is none) and
    no CJK character: a hyphen beside one joins nothing ("東京-e-mail" is 東京 and the compound
    e-mail; two CJK characters around a hyphen are one run: CJK_BETWEEN)."""
    found: dict[int, tuple[str, int, int, int]] = {}
    first = 0
    ascii_text = text.isascii()
    for i in range(1, len(spans) + 1):
        if (
            i < len(spans)
            and spans[i][1] - spans[i - 1][2] == 1
            and text[spans[i - 1][2]] in HYPHENS
            and (
                ascii_text
                or CJK_RE.match(text, spans[i][1]) is None
                and CJK_RE.match(text, spans[i - 1][2] - 1) is None
            )
        ):
            continue
        if 2 <= i - first <= MAX_COMPOUND_PARTS:
            begin, end = spans[first][1], spans[i - 1][2]
            joined = "".join(text[a:b] for _, a, b in spans[first:i]).lower()
            if any(ch.isalpha() for ch in joined) and not (
                i - first == 2 and _tells_apart(text, spans[first], spans[first + 1])
            ):
                found[i - 1] = (joined, begin, end, first)
        first = i
    return found


def _tells_apart(text: str, prefix: tuple[str, int, int], rest: tuple[str, int, int]) -> bool:
    """Whether the hyphen between `prefix` and `rest` (two words of words(text)) tells a word
    from its closed spelling (_TELLING_HYPHENS: re-sign, co-op)."""
    return (text[prefix[1] : prefix[2]].lower(), stem(text[rest[1] : rest[2]].lower())) in _TELLING_HYPHENS


def has_hyphenated_word(text: str) -> bool:
    return next(_hyphens_in_words(text), None) is not None


def term_positions(text: str, language: str | None = None) -> tuple[dict[str, list[int]], int]:
    """{stemmed term: [token positions]} and the field length (number of indexed tokens), the
    words stemmed as `language`'s (None: English).

    Positions are renumbered over the kept tokens (stop words dropped), exactly as Whoosh's
    StopFilter does, so query-time phrases line up.
    """
    # The coarse pattern finds the same words as TOKEN_PATTERN, but keeps a CJK run together
    # with letters it touches: faster, and only a text with CJK characters needs splitting.
    found = _COARSE_RE.findall(text)
    joined: dict[int, tuple[str, int, int, int]] = {}
    if not text.isascii() and any(not w.isascii() and CJK_RE.search(w) for w in found):
        spans = words(text)  # ("US" the country read there too)
        lowered = [word for word, _, _ in spans]
        if has_hyphenated_word(text):
            joined = compounds(text, spans)
    else:
        lowered = [word.lower() for word in found]
        country = COUNTRY in text and _COUNTRY_RE.search(text) is not None
        if has_hyphenated_word(text):
            joined = compounds(text, [(m.group(), m.start(), m.end()) for m in _COARSE_RE.finditer(text)])
        if country:
            for i in _country_words(found, _COARSE_RE.split(text)):
                lowered[i] = COUNTRY_WORD + found[i][2:].lower()
    positions: dict[str, list[int]] = {}
    own = _analysis(language)
    cache = _term_cache if own is None else own.terms
    alternates = has_alternate_words(text)
    missing = _MISSING
    pos = None
    length = 0
    for i, lower in enumerate(lowered):
        term = cache.get(lower, missing)
        if term is missing:
            term = analyse(lower) if own is None else own.analyse(lower)
        terms = [term] if term is not None else []
        if alternates and not lower.isalnum():
            terms.extend(alternate_terms(lower, analyse if own is None else own.analyse, term))  # type: ignore[arg-type]
        # A compound's joined word, at its last part's position (even where that is a stop word).
        if joined and i in joined:
            word = joined[i][0]
            term = cache.get(word, missing)
            if term is missing:
                term = analyse(word) if own is None else own.analyse(word)
            if term is not None:
                terms.append(term)
        if not terms:
            continue
        # Whoosh's StopFilter keeps the first kept token's own index, then counts up.
        pos = i if pos is None else pos + 1
        for term in terms:
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
    """{folded character: it and every lower-case character that folds to it} (those folded to
    several characters, ß or ﬁ, are _LIGATURES')."""
    found: dict[str, str] = {}
    for code, base in FOLD_MAP.items():
        char = chr(code)
        if base is not None and len(base) == 1 and char.lower() == char:
            found[base] = found.get(base, base) + char
    return found


def _ligatures() -> dict[str, list[tuple[str, str]]]:
    """{first folded letter: [(the letters, a lower-case character folded to them)]}: ß is ss,
    ﬁ fi, ĳ ij."""
    found: dict[str, list[tuple[str, str]]] = {}
    for code, base in FOLD_MAP.items():
        char = chr(code)
        if base is not None and len(base) > 1 and char.lower() == char:
            found.setdefault(base[0], []).append((base, char))
    return found


_VARIANTS = _variants()
_LIGATURES = _ligatures()


def _class_of(codes: list[int]) -> str:
    """A character class of these code points, as ranges."""
    ranges: list[list[int]] = []
    for code in sorted(set(codes)):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[%s]" % "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


def _compatible(code: int) -> bool:
    return any(first <= code <= last for first, last in _COMPATIBILITY_RANGES)


# A lower-cased letter that folds to another (the curly apostrophe aside: a prefix never starts
# with one, and every scan takes either apostrophe), or a compatibility form (a class of its
# ranges apart: in one class of their every character, the scan of a text without any took
# eight times as long): a text without one needs no accented forms.
_ACCENTED = lazy_regex.compile(
    _class_of(
        [ord(c) for v in _VARIANTS.values() for c in v if ord(c) > 127 and c != "\u2019" and not _compatible(ord(c))]
        + [ord(char) for pairs in _LIGATURES.values() for _, char in pairs if not _compatible(ord(char))]
    )
    + "|[%s]" % "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _COMPATIBILITY_RANGES)
)


# What a term leaves out of a word (FOLD_MAP drops them): a text holding none needs no pattern
# that allows them between two letters.
_DROPPED = IGNORABLE + TATWEEL + DIACRITIC_MARKS
_ASTRAL = 0x10000
_ANY_ASTRAL_RE = lazy_regex.compile("[\U00010000-\U0010ffff]")


def _one_of(body: str, astral: bool) -> str:
    """The class body of the characters of the class `body` past the first plane (`astral`) or in it."""
    out = ""
    for first, last in _class_ranges(body):
        a, b = (max(first, _ASTRAL), last) if astral else (first, min(last, _ASTRAL - 1))
        if a <= b:
            out += re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
    return out


class _CharClass:
    """A scan for a character of the class `body` that is fast on a long text: re looks a class of
    the first plane's characters up in a table, and tries one holding a character past it range by
    range, also as one branch of two (1 MB of Thai scanned for a CJK character or a diacritic in
    30-40 ms, 6 ms for the first plane's class). So that class, then the rest where the text holds
    a character past the first plane at all (one range: as fast)."""

    def __init__(self, body: str) -> None:
        first, rest = _one_of(body, astral=False), _one_of(body, astral=True)
        self._first_plane = lazy_regex.compile(f"[{first}]") if first else None
        self._rest = lazy_regex.compile(f"[{rest}]") if rest else None

    def find(self, text: str, start: int = 0, stop: int | None = None) -> int:
        """The offset of the first such character in `text[start:stop]`, or -1."""
        stop = len(text) if stop is None else stop
        m = self._first_plane.search(text, start, stop) if self._first_plane is not None else None
        found = stop if m is None else m.start()
        if self._rest is not None and (far := _ANY_ASTRAL_RE.search(text, start, found)) is not None:
            m = self._rest.search(text, far.start(), found)
            found = found if m is None else m.start()
        return -1 if found == stop else found


_DROPPED_CHARS = _CharClass(_DROPPED)
_IGNORABLE_RE = lazy_regex.compile(f"[{IGNORABLE}]")


def without_ignorable(text: str) -> str:
    """`text` without the invisible characters a term leaves out (IGNORABLE)."""
    return text if text.isascii() else _IGNORABLE_RE.sub("", text)


# Characters tested one by one (`in`): the classes above are bodies with ranges.
_IGNORABLE_CHARS = frozenset(_expand(IGNORABLE))
_JOINER_CHARS = frozenset(_expand(JOINERS))
_DOT_NAME_AFTER_CHARS = frozenset('([{"\u2018\u201c\u00ab/')  # DOT_NAME_AFTER but the spaces


def _starts_dot_name(before: str) -> bool:
    """Whether a dot after the character `before` may start a name (_DOT_NAME's lookbehind)."""
    return before.isspace() or before in _DOT_NAME_AFTER_CHARS


def _unfolded(prefix: str, accents: bool, joiners: bool = False) -> str:
    """A regular expression for `prefix` as a lower-cased text may write it: either apostrophe,
    with `accents`, each letter in any of its accented forms (`pen` matches peñ) and letters
    written as one character (`ss` as ß, `fi` as ﬁ; a prefix may end inside one), and with
    `joiners`, what the term leaves out (invisible characters, diacritic marks, the tatweel)
    allowed between two letters (مُحَمَّد for محمد)."""
    between = f"[{_DROPPED}]*" if joiners else ""

    def from_(k: int) -> str:
        out: list[str] = []
        while k < len(prefix):
            ch = prefix[k]
            variants = _VARIANTS.get(ch) if accents or ch == "'" else None
            single = f"[{re.escape(variants)}]" if variants else re.escape(ch)
            rest = prefix[k:]
            # The ligatures these letters may be written with: whole (the rest goes on after
            # it), or holding the end of the prefix.
            branches = [
                (char, k + len(letters))
                for letters, char in (_LIGATURES.get(ch, ()) if accents else ())
                if rest.startswith(letters) or letters.startswith(rest)
            ]
            if not branches:
                out.append(single)
                k += 1
                continue
            options = [single + (between + from_(k + 1) if k + 1 < len(prefix) else "")]
            for char, after in branches:
                options.append(re.escape(char) + (between + from_(after) if after < len(prefix) else ""))
            out.append("(?:%s)" % "|".join(options))
            break
        return between.join(out)

    return from_(0)


@lru_cache(maxsize=256)
def _candidate_regex(
    prefixes: tuple[str, ...], accents: bool, joiners: bool = False, marks: bool = False
) -> re.Pattern:
    # Accented forms only for a text that has accented letters: the classes make the scan about
    # twice as slow, and a scan of a folded copy of the text (str.translate) ten times; the same
    # for the joiners, only in a text that has one, and for the marks a word may hold.
    alternation = "|".join(_unfolded(p, accents, joiners) for p in sorted(prefixes, key=len, reverse=True))
    # No leading \b (it doubles the scan time): callers check the left boundary themselves.
    # \w, not _WORD_CHAR: compiling that class (the CJK ranges) took 2 ms, once per query; the
    # caller cuts a match at its first CJK character instead.
    letters = rf"[\w{MARKS}]" if marks else r"\w"
    # A text without invisible characters (most) needs only the visible joiners: a smaller class,
    # compiled faster (each query's first scan compiles one).
    join = _JOIN if joiners else "[.'\u2019]"
    return re.compile(rf"(?:{alternation}){letters}*(?:{join}\w{letters}*)*", re.UNICODE)


# The characters a word may write one of the prefix's letters with (_unfolded's accented forms
# and ligatures) but the apostrophes, read alike with or without accents: a text without any (news
# in English, curly quotes and dashes aside) is scanned for the prefix as written.
# A set, not a regex class: searching a text for one of its thousands of ranges took 0.7 ms.
_ACCENTED_CHARS = frozenset(
    [c for base, chars in _VARIANTS.items() if base != "'" for c in chars if c != base]
    + [char for pairs in _LIGATURES.values() for _, char in pairs]
)
# A text's characters beyond ASCII, the only ones _ACCENTED_CHARS may hold: looking those few up
# (a regex finds them) takes half the time of looking up each of the text's characters.
_NON_ASCII = lazy_regex.compile(r"[^\x00-\x7f]")


def words_begun(text: str, prefix: str):
    """The words of `text` that the folded, lower-cased `prefix` begins, each folded and lower
    case (`electi` finds Élection as election): the term finder's scan of the text as written,
    not of a folded copy (str.translate, ten times as slow). A text with no accented letter
    takes the plain scan (the accented one is several times as slow), and none at all when it
    does not hold the prefix."""
    lower = text.lower()
    accents = not lower.isascii() and not _ACCENTED_CHARS.isdisjoint(_NON_ASCII.findall(lower))
    if not accents and "'" not in prefix and prefix not in lower:
        return
    for m in _candidate_regex((prefix,), accents).finditer(lower):
        if m.start() == 0 or not lower[m.start() - 1].isalnum():
            yield fold(m.group())


@lru_cache(maxsize=256)
def _cjk_regex(terms: tuple[str, ...]) -> re.Pattern:
    # A lookahead finds overlapping occurrences (哈哈 twice in 哈哈哈); a pair's two characters
    # may have what a run goes on across between them (葛\U000e0100城, 京-大).
    return re.compile("(?=(%s))" % "|".join(CJK_BETWEEN.join(map(re.escape, t)) for t in terms))


def _prefix_for(term: str) -> str:
    # A Porter stem is the word's own prefix except for a changed last letter or two
    # ("happi" from "happy", "hope" from "hoping"): search on a slightly shorter prefix and
    # verify each candidate by stemming it.
    if len(term) > 4:
        return term[:-2]
    if len(term) > 2:
        return term[:-1]
    return term


def _prefixes_for(term: str) -> tuple[str, ...]:
    """The prefixes a word of `term` starts with: a term of letters alone may be an acronym some
    text writes dotted (`fbi` as F.B.I.), whose prefix has the dots too."""
    prefix = _prefix_for(term)
    return (prefix, ".".join(prefix)) if len(prefix) > 1 and term.isalpha() else (prefix,)


def _after_orphan_marks(text: str, pos: int) -> bool:
    """Whether combining marks that belong to no word come right before `pos`: marks after a
    space or at the start (an Arabic text scraped in visual order, "ْﺐِﺒْﺣَﺃ", puts a word's last
    vowel sign before it), which the tokenizer skips, so that a word starts at `pos`."""
    k = pos - 1
    while k >= 0 and _MARK_RE.match(text[k]) is not None:
        k -= 1
    return k < pos - 1 and (k < 0 or not _is_word_char(text[k]))


def _is_word_char(ch: str) -> bool:
    """A character of a (non-CJK) word: \\w less the CJK characters, and the combining marks."""
    return ((ch.isalnum() or ch == "_") and CJK_RE.match(ch) is None) or _MARK_RE.match(ch) is not None


def find_term_ranges(
    text: str,
    terms,
    start: int = 0,
    end: int | None = None,
    limit: int | None = None,
    language: str | None = None,
) -> list[tuple[int, int]]:
    """Character ranges of the words of `text[start:end]` whose term is in `terms` (`limit`: the
    first that many only, where the text allows: a hostile text holding the word 400,000 times),
    the text analysed as `language`'s (None: English): only the terms of that language count.

    Scans with one regular expression built from the terms' prefixes, each letter in any of its
    accented forms (C speed), and checks each candidate with the same analysis as the index,
    instead of re-analysing the whole body. A CJK term (a pair of characters) is found wherever the pair occurs; pairs
    that overlap (a longer CJK word) make one range.
    """
    if _analysis(language) is None:
        language = None
        terms = frozenset(t for t in terms if t and LANGUAGE_MARK not in t)
    else:
        mark = LANGUAGE_MARK + language  # type: ignore[operator]
        terms = frozenset(t for t in terms if t and (t.endswith(mark) or is_cjk(t)))
    if not terms or not text:
        return []
    stop = len(text) if end is None else end
    junk = _junk_runs(text, start, stop)
    if junk:
        # Each stretch between them alone (they are bounded by spaces: no word crosses over), and
        # a run of a script written without spaces (Thai...) word by word, as the index read it.
        out: list[tuple[int, int]] = []
        stretches = zip((start, *(b for _, b in junk)), (*(a for a, _ in junk), stop))
        for (begin, finish), run in itertools.zip_longest(stretches, junk):
            for a, b, read in ((begin, finish, find_term_ranges), (*(run or (0, 0)), _unspaced_run_ranges)):
                if b > a and (limit is None or len(out) < limit):
                    rest = None if limit is None else limit - len(out)
                    out.extend(read(text, terms, a, b, rest, language))
        return out
    cjk_terms = tuple(sorted(t for t in terms if is_cjk(t)))
    word_terms = terms.difference(cjk_terms)
    # A term with a symbol (`c++`, `at&t`) is no prefix scan's word: _special_ranges finds it.
    prefix_terms = frozenset(t for t in word_terms if not any(ch in _SYMBOLS for ch in t))
    ranges = _word_ranges(text, prefix_terms, start, stop, limit, language) if prefix_terms else []
    if word_terms and has_hyphenated_word(text):
        ranges = _with_compounds(ranges, _compound_ranges(text, word_terms, start, stop, language))
    if word_terms:
        special = _special_ranges(text, word_terms, start, stop, language)
        if special:
            ranges = merged_ranges(ranges + special)
    # A CJK character alone (a particle) is found standing alone only, not inside a run.
    lone_terms = frozenset(t for t in cjk_terms if len(t) == 1)
    cjk_terms = tuple(t for t in cjk_terms if len(t) > 1)
    if lone_terms and not text.isascii():
        lone = [
            m.span()
            for m in _CJK_RUN.finditer(text, start, stop)
            if m.end() - m.start() == 1 and analyse(m.group().lower()) in lone_terms
        ]
        ranges = sorted(ranges + lone)
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


# A run of this many characters with no space and no CJK character (which a text written without
# spaces has) is junk, not prose: symbols run together (`AT&TAT&T...`, `C++C++...`), a data blob.
# The highlighter passes over it (its words are still indexed and found): each candidate word in
# it cost as much as one in prose, one every three characters, 85 KB in 0.2-0.7 s.
JUNK_RUN = 4096
# From a run's start only: tried inside each run, a run a little shorter cost its length squared.
_JUNK_RUN_RE = lazy_regex.compile(r"(?<!\S)\S{%d,}" % JUNK_RUN)


# The letters of the scripts written without spaces between words but for CJK (whose runs are
# read as pairs): Thai, Lao, Burmese, Khmer. A paragraph of them may be one run of 4,096
# characters or more (Khmer parts its words with zero-width spaces, which the loader removes).
_UNSPACED_RE = lazy_regex.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]")


def _unspaced_run_ranges(
    text: str, terms: frozenset[str], start: int, stop: int, limit: int | None, language: str | None
) -> list[tuple[int, int]]:
    """The ranges of the words of a junk run `text[start:stop]` (_junk_runs) whose term or
    alternate term is in `terms`, where the run holds letters of a script written without
    spaces (_UNSPACED_RE: a Thai paragraph is one run, the words between its punctuation found by
    the index), else none (symbols run together). Read in pieces of about JUNK_RUN characters cut
    where no word goes on (_RUN_CUT_RE), only those where a term may stand (_stretches_to_read: a scan
    in C), each read as the index reads it (_indexed_ranges) rather than candidate by candidate
    (each cost as much as in prose, and junk has one every few characters)."""
    if text.isascii() or _UNSPACED_RE.search(text, start, stop) is None:
        return []
    out: list[tuple[int, int]] = []
    verdicts: dict[str, bool] = {}  # each word's, read once for the whole run
    # A word is looked at only where the prefix scan or a written form would find it in prose
    # (most of a run's words are no candidate: stemming each cost twice prose's scan).
    prefixes = tuple(sorted({p for t in terms for p in _prefixes_for(bare_term(t))}))
    candidate = _candidate_regex(prefixes, True, True, True).search
    anchors = _written_re(terms, True, True)

    def may_be(word: str) -> bool:
        return candidate(word) is not None or (anchors is not None and anchors.search(word) is not None)

    begin = start
    while begin < stop and (limit is None or len(out) < limit):
        cut = _next_cut(text, begin + JUNK_RUN, stop) if begin + JUNK_RUN < stop else None
        finish = stop if cut is None else cut
        for a, b in _stretches_to_read(text, terms, prefixes, begin, finish):
            out.extend(_indexed_ranges(text, terms, a, b, language, verdicts, may_be))
            if limit is not None and len(out) >= limit:
                break
        begin = finish
    return out if limit is None else out[:limit]


# A character no word holds nor reads across (no letter, digit, mark, joiner, symbol of a word,
# comma or hyphen; a comma before no digit and an & before no letter join nothing): a run cut
# before one reads as it does whole, each piece opening on one. Searched with the class's
# characters past the first plane left out (a table look-up, three times faster: _CharClass), a
# match that is one of them passed over (_next_cut).
_WORD_GOES_ON = MARKS + JOINERS + CJK_INNER
_RUN_CUT_RE = lazy_regex.compile(
    f"[^\\w{_one_of(_WORD_GOES_ON, astral=False)}&+#,{re.escape(HYPHENS)}]|,(?!\\d)|&(?![A-Za-z])"
)
_ASTRAL_WORD_GOES_ON = lazy_regex.compile(f"[{_one_of(_WORD_GOES_ON, astral=True)}]")


def _next_cut(text: str, start: int, stop: int) -> int | None:
    """Where the first character of `text[start:stop]` no word holds nor reads across (_RUN_CUT_RE) stands, or None."""
    while (m := _RUN_CUT_RE.search(text, start, stop)) is not None:
        if _ASTRAL_WORD_GOES_ON.fullmatch(m.group()) is None:
            return m.start()
        start = m.end()
    return None


def _last_cut(text: str, start: int, stop: int) -> int:
    """Where the last character of `text[start:stop]` no word holds nor reads across stands, or `start`."""
    reach = 256
    while True:
        found = start
        at = max(start, stop - reach)
        while (cut := _next_cut(text, at, stop)) is not None:
            found, at = cut, cut + 1
        if found > start or stop - reach <= start:
            return found
        reach *= 4


def _stretches_to_read(
    text: str, terms: frozenset[str], prefixes: tuple[str, ...], start: int, stop: int
) -> Iterator[tuple[int, int]]:
    """The stretches of `text[start:stop]` (a run's piece, opening on a cut: _RUN_CUT_RE) that hold
    every place a word of `terms` may stand: where a candidate of the prefix scan (_word_ranges,
    over `prefixes`: the terms' own, worked out once a run), a written form (_special_ranges), a
    compound or "US" starts. Each opens on a cut before such a place and ends on a cut at least
    JUNK_RUN characters on where one is near, else on the next: a word crosses no cut, so a
    stretch reads as it does inside the piece, and the words between them hold none of those
    places. A piece of Thai with one hit in it was read whole: 1 MB split into its words, 70 ms."""
    window = text[start:stop]
    lowered = window.lower()
    if len(lowered) != len(window):
        yield start, stop  # lower-casing moved the offsets: the piece whole, as the index reads it
        return
    plain = lowered.isascii()
    accents = not plain and _ACCENTED.search(lowered) is not None
    joiners = not plain and _DROPPED_CHARS.find(lowered) >= 0
    marks = not plain and _MARK_RE.search(lowered) is not None
    candidate = _candidate_regex(prefixes, accents, joiners, marks)
    anchors = _written_re(terms, "&" in window, joiners)

    def candidate_at(pos: int) -> int | None:
        m = candidate.search(lowered, pos - start)
        return None if m is None else start + m.start()

    def anchor_at(pos: int) -> int | None:
        m = anchors.search(window, pos - start) if anchors is not None else None
        return None if m is None else start + m.start()

    def hyphen_at(pos: int) -> int | None:
        return next(_hyphens_in_words(text, pos, stop), None)

    def country_at(pos: int) -> int | None:
        at = window.find(COUNTRY, pos - start)
        return None if at < 0 else start + at

    # Each kind of place's next one, looked for again only once passed: every scan reads on.
    finders = (candidate_at, anchor_at, hyphen_at, country_at)
    ahead: list[int | None] = [-1] * len(finders)
    pos = start
    while pos < stop:
        for k, find in enumerate(finders):
            at = ahead[k]
            if at is not None and at < pos:
                ahead[k] = find(pos)
        places = [at for at in ahead if at is not None]
        if not places:
            return
        place = min(places)
        begin = _last_cut(text, pos, place + 1)
        # A cut JUNK_RUN characters on or a little further, else the piece's end where that is
        # near, else the first cut after the place (a long stretch with no cut follows it).
        far = min(begin + 2 * JUNK_RUN, stop)
        near = max(begin + JUNK_RUN, place + 1)
        finish = _next_cut(text, near, far) if near < far else None
        if finish is None:
            finish = stop if far == stop else _next_cut(text, place + 1, stop) or stop
        yield begin, finish
        pos = finish


def _indexed_ranges(
    text: str,
    terms: frozenset[str],
    start: int,
    stop: int,
    language: str | None,
    verdicts: dict[str, bool],
    may_be: Callable[[str], bool],
) -> list[tuple[int, int]]:
    """The ranges of the words of `text[start:stop]` (no CJK character in it) whose term or
    alternate term is in `terms`, as term_positions reads them: all its words at once (one split,
    in C), each distinct word looked at once (`verdicts`: the words read before, in other pieces
    of the run), and only where it `may_be` one; compounds, and "US" read by its neighbours."""
    own = _analysis(language)
    term_of = analyse if own is None else own.analyse
    window = text[start:stop]
    pieces = _token_split_re().split(window)
    offsets = list(itertools.accumulate(map(len, pieces)))
    found, starts, ends = pieces[1::2], offsets[0:-1:2], offsets[1::2]
    lowered = list(map(str.lower, found))
    for word in set(lowered).difference(verdicts):
        verdicts[word] = may_be(word) and _is_found(word, terms, term_of)
    wanted = {word for word in set(lowered) if verdicts[word]}
    ranges = [(start + starts[k], start + ends[k]) for k, word in enumerate(lowered) if word in wanted]
    if has_hyphenated_word(window):
        joined = compounds(window, list(zip(lowered, starts, ends))).values()
        found_compounds = [
            (start + a, start + b) for word, a, b, _ in joined if may_be(word) and term_of(word) in terms
        ]
        ranges = _with_compounds(ranges, found_compounds)
    if COUNTRY in window and term_of(COUNTRY_WORD) in terms:
        ranges = sorted(ranges + _country_ranges(text, start, stop))  # `us` is a stop word: none found above
    return ranges


def _junk_runs(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The runs of text[start:stop] the highlighter passes over (JUNK_RUN)."""
    if stop - start < JUNK_RUN:
        return []
    # Such a run holds a whole block of half its length from `start` on: a block with a space
    # (prose: all) holds none, and the blocks are looked at in C (the regex took 0.3 ms a 14 KB text).
    half = JUNK_RUN // 2
    if all(text.find(" ", at, at + half) >= 0 for at in range(start, stop - half + 1, half)):
        return []
    return [
        m.span()
        for m in _JUNK_RUN_RE.finditer(text, start, stop)
        if text.isascii() or _CJK_SCAN.find(text, m.start(), m.end()) < 0
    ]


_CJK_SCAN = _CharClass(CJK_CHARS)  # CJK_RE's scan, on a run that may be long


def _written_form(term: str, joiners: bool = False) -> str | None:
    """A pattern for where `term` may be written inside a word the prefix scan misses
    (_special_ranges), or None where it is found as written: a number with a separator (`1000` as
    1,000 or 1.000, `3.5` as 3,5), a name's letters around an & (`att` as AT&T), a domain's tail after
    a dot (`example.org` in www.example.org), a term with its symbols (`c++`). A term of an
    article in another language is read without its language's mark (`1000@de` as 1.000). With
    `joiners` (a text holding invisible characters), a domain's tail may hold them, as its word
    does (`www.exa<RLM>mple.org`: the term leaves them out)."""
    term = bare_term(term)
    if any(ch in _SYMBOLS for ch in term):
        return re.escape(term)
    if term[:1].isdigit() and all(ch.isdigit() or ch == "." for ch in term):
        pattern = ""
        for i, ch in enumerate(term):
            if ch == ".":
                pattern += "[.,]"
            else:
                pattern += ch + ("[,.]?" if term[i + 1 : i + 2].isdigit() else "")
        return pattern
    if term.isalpha() and 2 <= len(term) <= 6:  # alternate_words' letters of a name with an &
        splits = [term[:k] + "&" + term[k:] for k in range(1, len(term)) if k <= 3 and len(term) - k <= 3]
        return "|".join(splits) or None
    if "." in term and not term.startswith("."):
        if joiners:
            between = f"[{IGNORABLE}]*"
            return r"(?<=\.)" + between + between.join(map(re.escape, term))
        return r"(?<=\.)" + re.escape(term)
    return None


@lru_cache(maxsize=64)
def _has_domain_tail(terms: frozenset[str]) -> bool:
    """Whether a term of `terms` is a domain's tail, whose _written_form may hold invisible characters."""
    return any(_written_form(term) != _written_form(term, True) for term in terms)


@lru_cache(maxsize=64)
def _written_re(terms: frozenset[str], with_names: bool, joiners: bool = False) -> re.Pattern | None:
    """The pattern of _written_form's forms of `terms`, a name's letters only `with_names` (a
    text with an &), invisible characters inside a domain's tail allowed with `joiners`."""
    forms = [
        form for term in sorted(terms) if (with_names or not term.isalpha()) and (form := _written_form(term, joiners))
    ]
    return re.compile("|".join(f"(?:{form})" for form in forms), re.IGNORECASE) if forms else None


# How far before a symbol or a separator the word holding it is looked for (a longer one is junk).
_SPECIAL_REACH = 2 * MAX_STEM_LENGTH


def _special_ranges(
    text: str, terms: frozenset[str], start: int, stop: int, language: str | None
) -> list[tuple[int, int]]:
    """The ranges of the words with a symbol or a separator (`AT&T`, `1,000`, `www.example.org`)
    whose term or alternate term (alternate_words) is in `terms`, which the prefix scan misses
    (`1000` is no prefix of "1,000", `att` none of "AT&T", `example.org` stands inside a word).
    Only the words around where a term may be written so (_written_form)."""
    anchors = _written_re(terms, "&" in text)
    if anchors is None:
        return []
    # Invisible characters looked for (a scan of the text, costly) only for a domain's tail.
    if _has_domain_tail(terms) and not text.isascii() and _DROPPED_CHARS.find(text, start, stop) >= 0:
        anchors = _written_re(terms, "&" in text, True) or anchors
    own = _analysis(language)
    term_of = analyse if own is None else own.analyse
    ranges: list[tuple[int, int]] = []
    # Each word's verdict, read once: a dense text writes the same AT&T or 1,000 again and again.
    verdicts: dict[str, bool] = {}
    covered = start
    # One scan of the words runs on from anchor to anchor while they are near each other (text
    # of symbols with no space, `AT&TAT&T...`, is an anchor every few characters: the words
    # around each were read again for each, 85 KB in 8 s), and starts again at the word of an
    # anchor far from the last (most articles: a few anchors, each read alone). An anchor after
    # a space is a word's start (no word holds a space): its word is read alone, as either scan
    # would read it, and a scan resumes after it (`resume`) only where the next anchor is near.
    tokens = None
    held = None  # the word read past the last anchor
    resume = None  # where the scan goes on after a word read alone
    read_to = start  # where the scan has read to
    match_word = TOKEN_RE.match
    for anchor in anchors.finditer(text, start, stop):
        at = anchor.start()
        if at < covered:
            continue  # inside the word found last
        m = match_word(text, at, stop) if at == start or text[at - 1].isspace() else None
        if m is not None:
            tokens, held, resume = None, None, m.end()
            read_to = covered = m.end()
            lower = m.group().lower()
            verdict = verdicts.get(lower)
            if verdict is None:
                verdict = verdicts[lower] = _is_special_word(lower, terms, term_of)
            if verdict:
                ranges.append(m.span())
            continue
        if resume is not None:
            if at - read_to <= _SPECIAL_REACH:
                tokens, held = TOKEN_RE.finditer(text, resume, stop), None
            resume = None
        if tokens is None or at - read_to > _SPECIAL_REACH:
            begin = at
            while begin > max(start, at - _SPECIAL_REACH) and (
                text[begin - 1].isalnum() or text[begin - 1] in ",.&'" or text[begin - 1] in _IGNORABLE_CHARS
            ):
                begin -= 1
            tokens, held = TOKEN_RE.finditer(text, begin, stop), None
        while (m := held if held is not None else next(tokens, None)) is not None:
            held = None
            word_start, word_end = m.span()
            if word_start > at:
                held = m
                break
            read_to = word_end
            if word_end <= at:
                continue
            # The anchor's word (the next word starts past the anchor: read with the next anchor).
            covered = word_end
            lower = m.group().lower()
            verdict = verdicts.get(lower)
            if verdict is None:
                verdict = verdicts[lower] = _is_special_word(lower, terms, term_of)
            if verdict:
                ranges.append((word_start, word_end))
            break
    return ranges


def _is_special_word(lower: str, terms: frozenset[str], term_of, term: str | None = None) -> bool:
    """Whether a lower-cased word with a symbol or a separator has its term (`term`, when read
    already) or an alternate term in `terms` (_special_ranges); a word of letters and digits
    alone is the prefix scan's."""
    if lower.isalnum():
        return False
    term = term_of(lower) if term is None else term
    return term in terms or any(t in terms for t in alternate_terms(lower, term_of, term))


def _word_ranges(
    text: str, terms: frozenset[str], start: int, stop: int, limit: int | None = None, language: str | None = None
) -> list[tuple[int, int]]:
    own = _analysis(language)
    term_of = analyse if own is None else own.analyse
    lowered = text.lower()
    if len(lowered) != len(text):
        # Lower-casing moved the offsets (a dotted capital I is two characters in lower case):
        # analyse every word, as the index did.
        found = (
            (m.start(), m.end())
            for m in TOKEN_RE.finditer(text)
            if m.start() >= start
            and m.end() <= stop
            and not is_cjk(m.group())
            and _is_found(as_country(text, m.group(), m.start()) or m.group().lower(), terms, term_of)
        )
        return list(found if limit is None else itertools.islice(found, limit))
    country = _country_ranges(text, start, stop) if term_of(COUNTRY_WORD) in terms else []
    # A scan of the lower-cased text (same offsets) for the terms' prefixes, accents and all.
    prefixes = tuple(sorted({p for t in terms for p in _prefixes_for(bare_term(t))}))
    accents = not lowered.isascii() and _ACCENTED.search(lowered) is not None
    joiners = not lowered.isascii() and _DROPPED_CHARS.find(lowered) >= 0
    marks = not lowered.isascii() and _MARK_RE.search(lowered) is not None
    regex, scanned = _candidate_regex(prefixes, accents, joiners, marks), lowered
    ranges = []
    search = regex.search
    pos = start
    # Whether a candidate may start with a dot (a term `.net`, _DOT_NAME): checked only then.
    dotted = any(p[:1] == "." for p in prefixes)
    while (m := search(scanned, pos, stop)) is not None:
        begin, finish = m.span()
        # A candidate from a dot (`.net`) that is not a word: the word after the dot may be one.
        from_dot = dotted and scanned[begin] == "."
        pos = begin + 1 if from_dot else finish
        piece = m.group()
        if not piece.isascii() and (cjk := CJK_RE.search(piece)) is not None:
            # A CJK character ends the word (it starts a run of pairs): scan on from there.
            finish = begin + cjk.start()
            pos = max(finish, begin + 1)
            while finish > begin and scanned[finish - 1] in _IGNORABLE_CHARS and not scanned[finish - 1].isalnum():
                finish -= 1  # "budget.<ZWNJ>东京": the word ends at its dot
        # What comes before, across invisible characters (a word goes on across them).
        edge = begin
        while edge and scanned[edge - 1] in _IGNORABLE_CHARS:
            edge -= 1
        if edge:
            before = scanned[edge - 1]
            if _is_word_char(before) and not _after_orphan_marks(scanned, edge):
                continue  # inside a word, not at its start
            if before in _JOINER_CHARS and edge > 1 and _is_word_char(scanned[edge - 2]):
                continue  # after "O'" or "U.": part of a longer word
        if from_dot and begin and not _starts_dot_name(scanned[begin - 1]):
            continue  # a dot that starts no name (_DOT_NAME: `-.net`)
        if edge < begin:  # the word starts at the first of them that is a letter (a Hangul filler)
            begin = next((k for k in range(edge, begin) if scanned[k].isalnum()), begin)
        if finish > begin and scanned[finish - 1] in ".'\u2019":
            finish -= 1  # a prefix ending on a dot or an apostrophe no letter follows
        if finish == begin or (begin and scanned[begin - 1] == "," and _NUMBER_COMMA_RE.match(scanned, begin - 1)):
            continue  # a group of a number (500 of 12,500; not 2020 of the list 2019,2020)
        if scanned[finish : finish + 1] == "," and _NUMBER_COMMA_RE.match(scanned, finish) is not None:
            # The word may go on across a number's comma (12,500; net'0,5; not .io of .io0,5):
            # read whole, as indexed.
            word = TOKEN_RE.match(text, begin, stop)
            if word is None or word.end() < finish:
                continue
            finish = word.end()
        if term_of(text[begin:finish].lower()) in terms:
            if not from_dot and begin > start and scanned[begin - 1] == ".":
                begin = _with_its_dot(text, begin, finish)
            ranges.append((begin, finish))
            if from_dot:
                pos = max(pos, finish)
            if limit is not None and len(ranges) >= limit:
                break
    if country:
        ranges = sorted(ranges + country)
        return ranges if limit is None else ranges[:limit]
    return ranges


def _is_found(lower: str, terms: frozenset[str], term_of) -> bool:
    """Whether a lower-cased word's term or one of its alternate terms is in `terms`."""
    term = term_of(lower)
    return term in terms or _is_special_word(lower, terms, term_of, term)


def _with_its_dot(text: str, begin: int, finish: int) -> int:
    """Where the word `text[begin:finish]`, after a dot, starts as the index reads it: at the dot
    where the dot is its name's (_DOT_NAME: `.NET`, found by net through its alternate word, is
    highlighted whole, as AT&T is for att), else at `begin` (`end.Net`, `...net`)."""
    m = _DOT_NAME_RE.match(text, begin - 1)
    return begin - 1 if m is not None and m.end() == finish else begin


# How far around a hyphen the compound it joins is looked for (a longer one is junk, as a word
# longer than MAX_STEM_LENGTH is).
_COMPOUND_REACH = 4 * MAX_STEM_LENGTH
_SPACE_RE = lazy_regex.compile(r"\s")
_NOT_IN_JOINED_RE = lazy_regex.compile(f"[{re.escape(HYPHENS)}]")


def _compound_ranges(
    text: str, terms: frozenset[str], start: int, stop: int, language: str | None
) -> list[tuple[int, int]]:
    """The ranges of the hyphenated compounds of `text[start:stop]` whose joined word's term is
    in `terms` (compounds): each read from the words between the spaces around its hyphens."""
    own = _analysis(language)
    term_of = analyse if own is None else own.analyse
    # A joined word holds its term's prefix (as _word_ranges' scan has it): a window without any
    # is not tokenized (an article has tens of hyphens, a query's terms are rarely compounds).
    prefixes = {_prefix_for(bare_term(t)) for t in terms}
    found: list[tuple[int, int]] = []
    done = start
    for at in _hyphens_in_words(text, start, stop):
        if at < done:
            continue  # a hyphen of the words already read
        # From the space before the compound to the space after it: whole words only.
        left = max(
            text.rfind(" ", max(0, at - _COMPOUND_REACH), at), text.rfind("\n", max(0, at - _COMPOUND_REACH), at)
        )
        if left < 0 and at > _COMPOUND_REACH:
            continue
        space = _SPACE_RE.search(text, at, min(len(text), at + _COMPOUND_REACH))
        if space is None and at + _COMPOUND_REACH < len(text):
            continue
        right = space.start() if space is not None else len(text)
        window = text[left + 1 : right]
        done = right
        joined = _NOT_IN_JOINED_RE.sub("", fold(window.lower()))
        if not any(prefix in joined for prefix in prefixes):
            continue
        spans = words(window)
        for compound, begin, end, _ in compounds(window, spans).values():
            begin, end = begin + left + 1, end + left + 1
            if begin >= start and end <= stop and term_of(compound) in terms:
                found.append((begin, end))
    return found


def _with_compounds(ranges: list[tuple[int, int]], compound: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`ranges` and the compounds' ranges, without the ranges of words inside a compound found."""
    if not compound:
        return ranges
    inside = [r for r in ranges if any(a <= r[0] and r[1] <= b for a, b in compound)]
    return sorted(set(ranges).difference(inside) | set(compound))


def _country_ranges(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The ranges of the words "US" (or "US's") of `text[start:stop]` that are the country
    (country_starts, over the words of the range and of the reach around it)."""
    if _COUNTRY_WORD_RE.search(text, start, stop) is None:
        return []
    # From further back than the reach: a word cut there starts before any reach of the range.
    spans = []
    for m in TOKEN_RE.finditer(text, max(0, start - 2 * _COUNTRY_CONTEXT)):
        if m.start() > stop + _COUNTRY_CONTEXT:
            break
        spans.append((m.group(), m.start(), m.end()))
    countries = country_starts(text, spans)
    return [(begin, end) for _, begin, end in spans if begin in countries and start <= begin and end <= stop]


def term_spans(text: str, language: str | None = None) -> list[tuple[str, int, int, int]]:
    """The indexed terms of `text` where they stand: (term, position, start, end) each, in order,
    the positions those of term_positions (stop words dropped and the rest counted on, a
    compound's joined word at its last part's position over the whole compound), so that a
    phrase found in them is one the index found (phrase_ranges)."""
    spans = words(text)
    joined = compounds(text, spans) if has_hyphenated_word(text) else {}
    own = _analysis(language)
    term_of = analyse if own is None else own.analyse
    out: list[tuple[str, int, int, int]] = []
    pos = None
    for i, (lower, begin, end) in enumerate(spans):
        found = []
        term = term_of(lower)
        if term is not None:
            found.append((term, begin, end))
        if not lower.isalnum():
            found.extend((alternate, begin, end) for alternate in alternate_terms(lower, term_of, term))
        if i in joined:
            word, compound_begin, compound_end, _ = joined[i]
            term = term_of(word)
            if term is not None:
                found.append((term, compound_begin, compound_end))
        if not found:
            continue
        pos = i if pos is None else pos + 1
        out.extend((term, pos, begin, end) for term, begin, end in found)
    return out


def _within(positions: list[int], after: int, slop: int) -> list[int]:
    """The positions of `positions` (sorted) from `after` + 1 to `after` + `slop`."""
    k = bisect_left(positions, after + 1)
    stop = bisect_right(positions, after + slop, k)
    return positions[k:stop]


# The text phrase_ranges reads at first, when only the first matches are wanted: four times as
# much each time it has not found them yet (a hostile article holds the phrase 400,000 times).
_PHRASE_CHUNK = 16_384
# The characters read around a run of a phrase's words (whole words: to the spaces beyond) in a
# text holding "US", so that it is read as in the whole text (by its neighbours).
_PHRASE_MARGIN = 64


def phrase_ranges(text: str, phrases, language: str | None = None, limit: int | None = None) -> list[tuple[int, int]]:
    """The ranges of `text` of the words of each of `phrases` where the phrase stands, not
    elsewhere: `"climate change"` highlights no lone "change". A phrase is (its terms, the bridge
    before each term or None: (the CJK pair across the gap, whether the query wrote a hyphen
    there), slop), matched as the index matches it (each term at most `slop` positions after the
    one before, or after the bridge that closes the gap before it; whoosh_internals' PhraseSpans
    and BridgedPhraseSpans); a bridge is highlighted where the query wrote a hyphen. Ranges that
    overlap (a CJK word's pairs) make one. `limit`: the first that many, the text read from its
    start until they are found."""
    if not text or not phrases:
        return []
    if len(text) > _PHRASE_CHUNK:
        # A phrase with a word the text lacks stands nowhere: one scan for it, not the reading
        # of every run of the others (a long article the phrase matched in its title).
        held = {
            term: bool(find_term_ranges(text, {term}, limit=1, language=language))
            for term in {term for terms, _, _ in phrases for term in terms}
        }
        phrases = [phrase for phrase in phrases if all(held[term] for term in phrase[0])]
        if not phrases:
            return []
    cut = _PHRASE_CHUNK
    while True:
        space = None if limit is None or cut >= len(text) else _SPACE_RE.search(text, cut)
        if space is None:
            return _phrase_ranges_of(text, phrases, language)[:limit]
        found = _phrase_ranges_of(text[: space.start()], phrases, language)
        # The words past `sure` may be a phrase's that goes on past the text read (the last run
        # of its words may be the whole text read: `climate change` 70,000 times).
        sure = _start_of_last_words(text, space.start(), _phrase_reach(phrases), language)
        found = [r for r in found if r[1] <= sure]
        if len(found) >= limit:  # type: ignore[operator]
            return found[:limit]
        cut *= 4


def _phrase_reach(phrases) -> int:
    """The most positions an occurrence of one of `phrases` spans (a bridge takes one)."""
    return max(2 * len(terms) * max(1, slop) for terms, _, slop in phrases) + 1


def _start_of_last_words(text: str, end: int, count: int, language: str | None) -> int:
    """Where the last `count` positions (indexed words, as _words_between counts them) before
    `end` begin, less _PHRASE_MARGIN in a text holding "US" (read by its neighbours); 0 when
    there are fewer."""
    own = _analysis(language)
    term_of = analyse if own is None else own.analyse
    size = 32 * count
    while True:
        begin = max(0, end - size)
        seen = 0
        tokens = list(TOKEN_RE.finditer(text, begin, end))
        # The first token may be a word cut in two: counted only from the text's start.
        for m in reversed(tokens if begin == 0 else tokens[1:]):
            word = m.group()
            if not word.isascii() and is_cjk(word):
                seen += len(cjk_pairs(word)) if len(word) > 1 else 1
            elif term_of(word.lower()) is not None:
                seen += 1
            if seen >= count:
                start = m.start()
                return max(0, start - _PHRASE_MARGIN) if COUNTRY in text else start
        if begin == 0:
            return 0
        size *= 4


def _phrase_ranges_of(text: str, phrases, language: str | None) -> list[tuple[int, int]]:
    """phrase_ranges of `text`. Only
    the runs of the phrases' words are read whole (term_spans): words of the phrases with at
    most a phrase's slop of other words between them, found by a scan for their terms (a text
    holds few of them; read whole, a run costs some ten times its indexing)."""
    wanted = {term for terms, bridges, _ in phrases for term in (*terms, *(b[0] for b in bridges or () if b))}
    found = find_term_ranges(text, wanted, language=language)
    if not found:
        return []
    reach = max(max(1, slop) for _, _, slop in phrases)
    own = _analysis(language)
    term_of = analyse if own is None else own.analyse
    runs = [[found[0][0], found[0][1], 1]]
    for begin, end in found[1:]:
        if _words_between(text, runs[-1][1], begin, reach, term_of) > reach:
            runs.append([begin, end, 1])
        else:
            runs[-1][1] = max(end, runs[-1][1])
            runs[-1][2] += 1
    ranges: list[tuple[int, int]] = []
    # A phrase has two words or more: a run of one word holds none, unless it is a CJK word
    # (the pairs of 東京大阪, one range).
    cjk = not text.isascii() and CJK_RE.search(text) is not None
    margin = _PHRASE_MARGIN if COUNTRY in text else 0
    start = 0
    for begin, end, count in runs:
        if count == 1 and not cjk:
            continue
        start = begin - margin
        start = 0 if start <= 0 else max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
        space = _SPACE_RE.search(text, min(len(text), end + margin))
        stop = len(text) if space is None else space.start()
        window = text[start:stop]
        ranges.extend((a + start, b + start) for a, b in _phrase_ranges_in(term_spans(window, language), phrases))
    return merged_ranges(ranges)


def _words_between(text: str, begin: int, end: int, most: int, term_of) -> int:
    """The positions of the words of `text[begin:end]` (term_positions'), counted up to one
    more than `most`; a word that may not be indexed ("us", the country or not) counted as not."""
    count = 0
    for m in TOKEN_RE.finditer(text, begin, end):
        word = m.group()
        if not word.isascii() and is_cjk(word):
            count += len(cjk_pairs(word)) if len(word) > 1 else 0
        elif term_of(word.lower()) is not None:
            count += 1
        if count > most:
            break
    return count


def _phrase_ranges_in(spans: list[tuple[str, int, int, int]], phrases) -> list[tuple[int, int]]:
    """phrase_ranges over a text's term_spans."""
    wanted = {term for terms, bridges, _ in phrases for term in (*terms, *(b[0] for b in bridges or () if b))}
    where: dict[str, list[int]] = {}
    at: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for term, pos, begin, end in spans:
        if term not in wanted:
            continue
        plist = where.setdefault(term, [])
        if not plist or plist[-1] != pos:
            plist.append(pos)
        at.setdefault((term, pos), []).append((begin, end))
    found: set[tuple[int, int]] = set()
    for terms, bridges, slop in phrases:
        if not all(term in where for term in terms):
            continue
        kept = _phrase_positions(terms, bridges or (None,) * len(terms), where, slop)
        for key in kept:
            found.update(at.get(key, ()))
    return merged_ranges(found)


def _phrase_positions(terms, bridges, where: dict[str, list[int]], slop: int) -> list[tuple[str, int]]:
    """(term, position) of each word of each occurrence of the phrase `terms`, whose gaps may be
    closed by their `bridges` (the pair across the gap before each word, or None), with the
    bridges taken where the query wrote a hyphen."""
    across = [where.get(b[0], []) if b else [] for b in bridges]
    # Each word right after the one before, no bridge: set arithmetic, the common case.
    plain = slop == 1 and not any(across)
    # Forward: the positions of each word some start of the phrase reaches.
    reached = [set(where[terms[0]])]
    for k in range(1, len(terms)):
        present = where[terms[k]]
        if plain:
            step = {p + 1 for p in reached[-1]}.intersection(present)
        else:
            step = set()
            for p in reached[-1]:
                step.update(_within(present, p, slop))
                for b in _within(across[k], p, slop):
                    step.update(_within(present, b, slop))
        if not step:
            return []
        reached.append(step)
    # Backward: of those, the ones a whole phrase goes through (and the bridges it takes).
    alive = reached[-1]
    kept = [(terms[-1], p) for p in alive]
    for k in range(len(terms) - 1, 0, -1):
        if plain:
            alive = {q - 1 for q in alive}.intersection(reached[k - 1])
        else:
            ahead = sorted(alive)
            before: set[int] = set()
            for p in reached[k - 1]:
                if _within(ahead, p, slop):
                    before.add(p)
                for b in _within(across[k], p, slop):
                    if _within(ahead, b, slop):
                        before.add(p)
                        if bridges[k][1]:
                            kept.append((bridges[k][0], b))
            alive = before
        kept.extend((terms[k - 1], p) for p in alive)
    return kept


def merged_ranges(ranges) -> list[tuple[int, int]]:
    """`ranges` in order, each once, those that overlap (or one holds another) made one."""
    out: list[tuple[int, int]] = []
    for begin, end in sorted(set(ranges)):
        if out and begin < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((begin, end))
    return out
