"""Quotations both outlets print: matched after normalising what outlets print differently
(case, curly or straight marks, "&"/"and", F.B.I./FBI, ellipses, a name's transliteration:
al-Qaddafi/Gadhafi), graded exact, fragment,
censored or altered, with the speakers checked (`shared_quotes`). Used by
reader.analysis.compare; no UI imports."""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from rapidfuzz.distance import OSA

from reader.analysis.cancel import Cancel, check
from reader.analysis.names import fold_diacritics
from reader.analysis.textstats import STOPWORDS, normalize_word, tokenize

if TYPE_CHECKING:
    from reader.analysis.compare import Pair, Span

# Quotes on the right beyond which frequent words stop counting, and the most right quotes one
# left quote is matched against (the same limits as for sentences in compare).
_MANY_QUOTES = 250
_MAX_QUOTE_CANDIDATES = 25
# A quote this short (in words) that is found inside another counts only with corroboration.
_SHORT_FRAGMENT = 1
_ALTERED_MIN_WORDS = 3
_ALTERED_MIN_SHARE = 0.7
_ALTERED_MIN_RUN = 2
# Two excerpts of one statement that overlap end to start ("… is engage in a land war in
# Afghanistan?" / "…you don't do is engage in a land war in Afghanistan, alright, because …")
# share few of their words in all: a run this long, with this many content words, says so alone.
_OVERLAP_MIN_WORDS = 6
_OVERLAP_MIN_CONTENT = 3
_SPEAKER_NOISE = frozenset(
    """a an the his her their its senior top former said told according mr mrs ms dr
    president vice secretary minister foreign state spokesman spokeswoman""".split()
)


@dataclass(frozen=True)
class QuoteSpan:
    text: str
    start: int
    end: int
    speaker: str | None = None

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "speaker": self.speaker}


@dataclass(frozen=True)
class SharedQuote:
    left: QuoteSpan
    right: QuoteSpan
    match: str  # exact | fragment | censored | altered

    def to_dict(self) -> dict:
        return {"left": self.left.to_dict(), "right": self.right.to_dict(), "match": self.match}


# Quote normalisation: what two outlets print differently without changing a word.
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")  # F.B.I. -> FBI, U.S. -> US
# A censored word: a letter, then stars (or dashes, hashes) for the rest, maybe the ending
# ("f***ing", "s---", "f#@%"); CENSORED marks it in the word list.
_CENSORED = re.compile(r"\b([A-Za-z])([*#@%$!]{2,}|-{2,}|\*+)([A-Za-z]*)")
CENSORED = "\x00"
ELLIPSIS = "…"  # words left out, in the word list
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…|\[\s*(?:\.\s?\.\s?\.|…)\s*\]")
# Words an editor put into a quote: square brackets always ("if they [Democrats] don't"), and
# are dropped; parentheses mostly ("now these (local) supervisors"), but a written statement
# may have its own, so they are a gap like an ellipsis, not a changed word.
_BRACKETED = re.compile(r"\[[^\[\]]{1,80}\]")
_PARENTHESISED = re.compile(r"\([^()]{1,80}\)")
_NUMBER_WORDS = {
    w: str(n) for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}
_ABBREVIATIONS = {
    "gen": "general",
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "dept": "department",
    "st": "saint",
    "mt": "mount",
    "pres": "president",
}


# A contraction is a transcript's spelling, not a changed word ("he is" / "he's", "do not" /
# "don't"): both read as the two words, so a quote that starts inside one ("will be vindicated"
# of "he'll be vindicated") is still a run of the other's words. ('d, would or had, is left.)
_APOSTROPHE = "['’]"
_CONTRACTIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(can){_APOSTROPHE}t\b|\b(can)not\b", re.IGNORECASE), "can not"),
    (re.compile(rf"\bwon{_APOSTROPHE}t\b", re.IGNORECASE), "will not"),
    (re.compile(rf"\b(\w+)n{_APOSTROPHE}t\b", re.IGNORECASE), r"\1 not"),
    (re.compile(rf"\b(i){_APOSTROPHE}m\b", re.IGNORECASE), r"\1 am"),
    (re.compile(rf"\b(you|we|they){_APOSTROPHE}re\b", re.IGNORECASE), r"\1 are"),
    (re.compile(rf"\b(i|you|we|they){_APOSTROPHE}ve\b", re.IGNORECASE), r"\1 have"),
    (re.compile(rf"\b(i|you|we|they|he|she|it|that|there){_APOSTROPHE}ll\b", re.IGNORECASE), r"\1 will"),
    # "he's been" has, "he's determined" is (a possessive 's is never on these words)
    (
        re.compile(
            rf"\b(he|she|it|that|there|here|what|who|where|how){_APOSTROPHE}s(?=\s+(?:been|got|gotten)\b)",
            re.IGNORECASE,
        ),
        r"\1 has",
    ),
    (re.compile(rf"\b(he|she|it|that|there|here|what|who|where|how){_APOSTROPHE}s\b", re.IGNORECASE), r"\1 is"),
]


# The Arabic article joined to a name ("al-Qaddafi", "el-Sisi", "Al-Assad"): outlets write the
# name with it or without it, and a quotation does not change with the house style.
_ARTICLE_BEFORE_NAME = re.compile(r"\b[aAeE]l[-‐‑](?=[A-Z])")


def _expand_contractions(text: str) -> str:
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def _quote_words(text: str, mapping: dict[str, str] | None = None) -> list[str]:
    """A quote's words for matching: case, punctuation and curly or straight marks gone,
    "&" read as "and", F.B.I. as FBI, Gen. as General, "one" as "1", a censored word kept as
    its letters around CENSORED, and ELLIPSIS where words were left out (not at either end)."""
    mapping = mapping or {}
    text = _expand_contractions(text)
    text = _ARTICLE_BEFORE_NAME.sub("", text)
    text = _ACRONYM.sub(lambda m: m.group().replace(".", ""), text)
    text = _CENSORED.sub(lambda m: f" {m.group(1)}{CENSORED}{m.group(3)} ", text)
    text = _ELLIPSIS.sub(f" {ELLIPSIS} ", text)
    text = _BRACKETED.sub(" ", text)
    text = _PARENTHESISED.sub(f" {ELLIPSIS} ", text).replace("&", " and ")
    out: list[str] = []
    for piece in text.split():
        if piece == ELLIPSIS:
            if out and out[-1] != ELLIPSIS:
                out.append(ELLIPSIS)
            continue
        if CENSORED in piece:
            out.append(piece.casefold())
            continue
        for t in tokenize(piece):
            t = _NUMBER_WORDS.get(t, _ABBREVIATIONS.get(t, t))
            out.append(mapping.get(t, t))
    while out and out[-1] == ELLIPSIS:
        out.pop()
    return out


def _uncensor(a: list[str], b: list[str]) -> tuple[list[str], bool]:
    """`a` with each censored word replaced by the word of `b` it stands for (same first
    letter and ending); True when any was."""
    if not any(CENSORED in w for w in a):
        return a, False
    out, changed = [], False
    for w in a:
        if CENSORED in w:
            head, _, tail = w.partition(CENSORED)
            match = next(
                (
                    x
                    for x in b
                    if CENSORED not in x and len(x) > len(head + tail) and x.startswith(head) and x.endswith(tail)
                ),
                None,
            )
            if match is not None:
                w, changed = match, True
        out.append(w)
    return out, changed


def _in_order(segments: list[list[str]], other: list[str]) -> bool:
    """Every segment is a contiguous run of `other`, each after the one before."""
    pos = 0
    for seg in segments:
        for k in range(pos, len(other) - len(seg) + 1):
            if other[k : k + len(seg)] == seg:
                pos = k + len(seg)
                break
        else:
            return False
    return True


def _segments(words: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for w in words:
        if w == ELLIPSIS:
            out.append([])
        else:
            out[-1].append(w)
    return [seg for seg in out if seg]


def match_quotes(a: list[str], b: list[str]) -> str | None:
    """classify_quotes after normalisation: "censored" when the two differ only by a censored
    word (f***ing / the word itself), "fragment" when one leaves words out behind an ellipsis
    and the rest is the other's words in order."""
    a, censored_a = _uncensor([w for w in a], b)
    b, censored_b = _uncensor(b, a)
    censored = censored_a or censored_b
    if a and a[0] == ELLIPSIS:
        a = a[1:]
    if b and b[0] == ELLIPSIS:
        b = b[1:]
    a, b = _closed_compounds(a, b), _closed_compounds(b, a)
    if ELLIPSIS in a or ELLIPSIS in b:
        (gapped, whole) = (a, b) if ELLIPSIS in a else (b, a)
        segments = _segments(gapped)
        if ELLIPSIS not in whole and sum(map(len, segments)) >= _ALTERED_MIN_WORDS and _in_order(segments, whole):
            return "fragment"
        # The other quote stops inside the gap: "You paid into Medicare for years … now when
        # you need it" and "You paid into Medicare for years, every paycheck" are two excerpts
        # of one statement, not an altered one. The pieces before the gap are the other's
        # words in order, and none after it is.
        for k in range(len(segments) - 1, 0, -1):
            if sum(map(len, segments[:k])) < _ALTERED_MIN_WORDS:
                break
            if ELLIPSIS not in whole and _in_order(segments[:k], whole):
                if not any(_contains(whole, seg) for seg in segments[k:]):
                    return "fragment"
                break
        # Or starts inside it: "We have learned ... whatever we think about the war" and "And
        # you exemplify it. Whatever we think about the war": the pieces after the gap are the
        # other's words in order, and none before it is.
        for k in range(1, len(segments)):
            if sum(map(len, segments[k:])) < _ALTERED_MIN_WORDS:
                break
            if ELLIPSIS not in whole and _in_order(segments[k:], whole):
                # ... and what the other says before them is not the gapped one's words before
                # the gap, changed ("we would be careless" for "we would be remiss").
                before = whole[: _find(whole, segments[k])]
                pairs_before = set(zip(before, before[1:]))
                if not any(_contains(whole, seg) for seg in segments[:k]) and not any(
                    set(zip(seg, seg[1:])) & pairs_before for seg in segments[:k]
                ):
                    return "fragment"
                break
        # Or the gapped one starts earlier or ends later than the other ("However, we would be
        # remiss … if we did not" / "We would be remiss in our duty to you if we did not"):
        # its first piece ends with the other's first words, its last begins with its last.
        if ELLIPSIS not in whole and len(segments) > 1:
            trimmed = [_tail_on(segments[0], whole)] + segments[1:-1] + [_head_on(segments[-1], whole)]
            if sum(map(len, trimmed)) >= _ALTERED_MIN_WORDS and _in_order(trimmed, whole):
                return "fragment"
        a, b = [w for w in a if w != ELLIPSIS], [w for w in b if w != ELLIPSIS]
    kind = classify_quotes(a, b)
    if censored and kind in ("exact", "fragment"):
        return "censored"
    return kind


def _find(long_: list[str], short: list[str]) -> int:
    """Where `short` first occurs in `long_` as a run of words (len(long_) when it does not)."""
    for k in range(len(long_) - len(short) + 1):
        if long_[k : k + len(short)] == short:
            return k
    return len(long_)


def _tail_on(first: list[str], whole: list[str]) -> list[str]:
    """`first` less its leading words when its last words (two at least) open `whole`."""
    for k in range(1, len(first) - _ALTERED_MIN_RUN + 1):
        if whole[: len(first) - k] == first[k:]:
            return first[k:]
    return first


def _head_on(last: list[str], whole: list[str]) -> list[str]:
    """`last` less its trailing words when its first words (two at least) close `whole`."""
    for n in range(len(last) - 1, _ALTERED_MIN_RUN - 1, -1):
        if whole[-n:] == last[:n]:
            return last[:n]
    return last


def _closed_compounds(a: list[str], b: list[str]) -> list[str]:
    """`a` with two words joined where `b` writes them as one ("work force" / "workforce",
    "every day" / "everyday"): a spelling, not a changed word."""
    vocabulary = set(b)
    out: list[str] = []
    for w in a:
        if out and out[-1].isalpha() and w.isalpha() and out[-1] + w in vocabulary and w not in vocabulary:
            out[-1] += w
        else:
            out.append(w)
    return out


def _contains(long_: list[str], short: list[str]) -> bool:
    """True when `short` is a contiguous run of `long_` (whole words)."""
    if not short or len(short) > len(long_):
        return False
    return f" {' '.join(short)} " in f" {' '.join(long_)} "


def _long_overlap(a: list[str], b: list[str]) -> bool:
    """One ends with the words the other starts with, a run long enough and with enough content
    words to be one statement quoted from two points, not a common phrase ("the american people")."""
    for first, second in ((a, b), (b, a)):
        # the longest overlap only: a shorter one is its tail, with no more content words
        n = _suffix_prefix(first, second)
        if n >= _OVERLAP_MIN_WORDS and sum(w not in STOPWORDS for w in first[-n:]) >= _OVERLAP_MIN_CONTENT:
            return True
    return False


def _suffix_prefix(first: list[str], second: list[str]) -> int:
    """The most words `first` ends with that `second` starts with, in time linear in their
    lengths (Knuth-Morris-Pratt): comparing `first`'s tail at each place `second`'s first word
    occurs took seconds for two quotes of 100,000 words starting with "the"."""
    pattern = second[: len(first)]
    if not pattern:
        return 0
    # border[k]: the longest proper prefix of pattern[: k + 1] that also ends it
    border = [0] * len(pattern)
    k = 0
    for i in range(1, len(pattern)):
        while k and pattern[i] != pattern[k]:
            k = border[k - 1]
        if pattern[i] == pattern[k]:
            k += 1
        border[i] = k
    matched = 0
    for word in first:
        while matched and (matched == len(pattern) or word != pattern[matched]):
            matched = border[matched - 1]
        if word == pattern[matched]:
            matched += 1
    return matched


def classify_quotes(a: list[str], b: list[str]) -> str | None:
    """exact, fragment, altered or None, for two quotes as word lists (case and punctuation gone).

    fragment: one is a contiguous run of the other's words, or the two overlap end to start (both
    are pieces of one longer statement). altered: most words shared, but words changed inside.
    """
    if not a or not b:
        return None
    if a == b:
        return "exact"
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(set(short) & set(long_)) < min(len(set(short)), _ALTERED_MIN_RUN):
        return None  # cheap exit: most quote pairs share (almost) no words
    if _contains(long_, short):
        return "fragment"
    if len(short) < _ALTERED_MIN_WORDS:
        return None
    if _long_overlap(a, b):
        return "fragment"
    # Words matched in order can be no more than the words the two have in common.
    if sum((Counter(short) & Counter(long_)).values()) < _ALTERED_MIN_SHARE * len(short):
        return None
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    if not blocks:
        return None
    shared = sum(m.size for m in blocks)
    longest = max(m.size for m in blocks)
    content = {w for w in short if w not in STOPWORDS}
    if longest < _ALTERED_MIN_RUN or not content:
        return None
    # The words they share must carry meaning: "is it" in common is not the same quote. At
    # least half the short one's content words (the others may be the words changed).
    if 2 * len(content & set(long_)) < len(content):
        return None
    if len(blocks) == 1:
        m = blocks[0]
        # One run at the end of one and the start of the other: two overlapping pieces.
        overlap_end_start = (m.a + m.size == len(a) and m.b == 0) or (m.b + m.size == len(b) and m.a == 0)
        if overlap_end_start and m.size >= _ALTERED_MIN_WORDS:
            return "fragment"
    if shared / len(short) >= _ALTERED_MIN_SHARE and longest >= _ALTERED_MIN_RUN:
        return "altered"
    return None


def _speaker_words(speaker: str | None, mapping: dict[str, str] | None = None) -> set[str]:
    if not speaker:
        return set()
    words = {normalize_word(w) for w in _quote_words(speaker, mapping)}
    return {w for w in words if len(w) >= 3 and w not in _SPEAKER_NOISE and w not in STOPWORDS}


def _speakers_agree(a: str | None, b: str | None, mapping: dict[str, str]) -> bool:
    left, right = _speaker_words(a), _speaker_words(b, mapping)
    return bool(left and right and left & right)


def _sentences_of(span_start: int, span_end: int, sentences: Sequence[Span]) -> set[int]:
    """Indices of the sentences a span overlaps (sentences are in text order)."""
    starts = [s.start for s in sentences]
    k = max(0, bisect.bisect_right(starts, span_start) - 1)
    out = set()
    while k < len(sentences) and sentences[k].start < span_end:
        if span_start < sentences[k].end:
            out.add(k)
        k += 1
    return out


def _as_quote_span(quote) -> QuoteSpan | None:
    """A Quote from find_quotes, or a dict as the index stores it; None when unusable."""
    get: Callable[[str], Any] = quote.get if isinstance(quote, dict) else (lambda key: getattr(quote, key, None))
    try:
        text, start, end = str(get("text") or ""), int(get("start")), int(get("end"))
    except (TypeError, ValueError):
        return None
    speaker = get("speaker")
    return QuoteSpan(text, start, end, str(speaker) if speaker else None)


def shared_quotes(
    left_quotes: Iterable,
    right_quotes: Iterable,
    left_sentences: Sequence[Span],
    right_sentences: Sequence[Span],
    pairs: Sequence[Pair],
    mapping: dict[str, str] | None = None,
    cancel: Cancel | None = None,
) -> list[SharedQuote]:
    """The quotations both sides hold (`cancel()` true: cancel.Cancelled, asked at each left
    quotation: two long articles' take ~0.2 s)."""
    mapping = mapping or {}
    lefts = [q for q in map(_as_quote_span, left_quotes or ()) if q is not None]
    rights = [q for q in map(_as_quote_span, right_quotes or ()) if q is not None]
    linked = {(p.left, p.right) for p in pairs}
    left_words = [_quote_words(q.text) for q in lefts]
    right_words = [_quote_words(q.text, mapping) for q in rights]
    # Only quotes with a word in common can match: an inverted index keeps this near-linear.
    postings: dict[str, list[int]] = {}
    for k, b in enumerate(right_words):
        for w in set(b):
            postings.setdefault(w, []).append(k)
    if len(rights) > _MANY_QUOTES:  # as for sentences: in a huge text frequent words say little
        limit = max(_MANY_QUOTES // 5, len(rights) // 5)
        postings = {w: p for w, p in postings.items() if len(p) <= limit}
    found: list[tuple[tuple, int, int, SharedQuote]] = []
    for ia, (a, qa) in enumerate(zip(left_words, lefts)):
        check(cancel)
        keys = {w for w in a if w not in STOPWORDS} or set(a)
        shared: dict[int, int] = {}
        for w in keys:
            for k in postings.get(w, ()):
                shared[k] = shared.get(k, 0) + 1
        if len(shared) > _MAX_QUOTE_CANDIDATES:
            shared = dict(sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:_MAX_QUOTE_CANDIDATES])
        for k in sorted(shared):
            b, qb = right_words[k], rights[k]
            kind = match_quotes(a, b)
            if kind == "altered":
                kind = (
                    _respelled_names_match(qa.text, qb.text, a, b)
                    or _spliced_sentences(qa.text, qb.text, a, b, mapping)
                    or kind
                )
            if kind is None:
                continue
            if kind == "altered" and _speakers_differ(qa.speaker, qb.speaker, mapping):
                continue  # Carney's words are not Obama's, however many words they share
            if kind == "altered" and _told_by_another_person(a, b):
                continue  # "your budget" to Ryan is not "his budget" about him
            short = a if len(a) <= len(b) else b
            if kind == "fragment" and all(w in STOPWORDS for w in short):
                continue
            if kind in ("exact", "fragment", "censored") and len(short) <= _SHORT_FRAGMENT:
                # "productive" alone is everywhere: count it only with corroboration.
                agree = _speakers_agree(qa.speaker, qb.speaker, mapping)
                if not agree:
                    ls = _sentences_of(qa.start, qa.end, left_sentences)
                    rs = _sentences_of(qb.start, qb.end, right_sentences)
                    agree = any((i, j) in linked for i in ls for j in rs)
                if not agree:
                    continue
            found.append((_strength(a, b), ia, k, SharedQuote(qa, qb, kind)))
    return _best_counterparts(_without_shortenings_printed_whole(found))


def _without_shortenings_printed_whole(
    found: list[tuple[tuple, int, int, SharedQuote]],
) -> list[tuple[tuple, int, int, SharedQuote]]:
    """`found` less the fragments between two quotes each printed word for word by the other side
    too (an exact match of its own): two word-for-word copies of an article (wire copies) quote
    "She is in excellent physical condition" and, further on, "excellent physical condition";
    the short one is no shortening of the other copy's long one. A fragment whose short quote
    the other side never prints alone ("judges", of a statement both print whole) stays."""
    exact_left = {ia for _, ia, _, q in found if q.match == "exact"}
    exact_right = {k for _, _, k, q in found if q.match == "exact"}
    return [
        entry
        for entry in found
        if not (entry[3].match == "fragment" and entry[1] in exact_left and entry[2] in exact_right)
    ]


# Transliterations of one name ("Qaddafi", "Gadhafi", "Gaddafi", "Kadhafi"): its consonants once
# each, with the letters romanisations swap for one another read as one.
_SPELLING_DIGRAPHS = (("kh", "k"), ("gh", "k"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("sh", "s"))
_SPELLING_LETTERS = str.maketrans({"q": "k", "g": "k", "c": "k", "z": "s", "j": "y"})
_CAPITALISED = re.compile(r"(?<![\w.’'])[A-Z][^\W\d_]{3,}")


def _spelling_key(word: str) -> str:
    key = fold_diacritics(word)
    for digraph, letter in _SPELLING_DIGRAPHS:
        key = key.replace(digraph, letter)
    key = re.sub(r"[aeiouyhw]", "", key.translate(_SPELLING_LETTERS))
    return re.sub(r"(.)\1+", r"\1", key)


def _respelled_names_match(left_text: str, right_text: str, a: list[str], b: list[str]) -> str | None:
    """match_quotes once the names one quote spells differently from the other are read as the
    other's ("...leave Libya to Gadhafi" / "...to al-Qaddafi": the same words, each outlet's
    transliteration); None when no name is respelled or the quotes still differ."""
    left_names = {w.casefold() for w in _CAPITALISED.findall(left_text)} - set(b)
    right_names = {w.casefold() for w in _CAPITALISED.findall(right_text)} - set(a)
    keys: dict[str, str] = {}
    for name in left_names:
        if len(key := _spelling_key(name)) >= 3:
            keys.setdefault(key, name)
    respelled = {}
    for name in right_names:
        left_name = keys.get(_spelling_key(name))
        # At most two letters changed: Qaddafi/Gadhafi, not Michael/Michelle.
        if left_name is not None and OSA.distance(left_name, name, score_cutoff=2) <= 2:
            respelled[name] = left_name
    if not respelled:
        return None
    kind = match_quotes(a, [respelled.get(w, w) for w in b])
    return kind if kind != "altered" else None


# Where a quote's sentence ends: after . ! or ? (a closing mark maybe), before a capital.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"'“‘]?[A-Z])")


def _spliced_sentences(
    left_text: str, right_text: str, a: list[str], b: list[str], mapping: dict[str, str] | None = None
) -> str | None:
    """ "fragment" when the shorter quote is whole sentences of the longer one, in its order,
    with the sentences between them left out and no ellipsis ("America is not a clown show.
    America is an idea that sets people free." of "... not a clown show. America is not a
    circus. America is an idea. America is an idea that sets people free."): every word was
    said, as said; an outlet quoted less, it changed nothing. None otherwise."""
    # The right quote's words are read through the name variants (shared_quotes): so are its pieces.
    short_text, long_words, names = (left_text, b, None) if len(a) <= len(b) else (right_text, a, mapping)
    pieces = [words for part in _SENTENCE_END.split(short_text) if (words := _quote_words(part, names))]
    if len(pieces) < 2 or ELLIPSIS in long_words or any(ELLIPSIS in words for words in pieces):
        return None
    if min(map(len, pieces)) < _ALTERED_MIN_WORDS:
        return None  # "No. ... Never." is too little to tell where each word came from
    return "fragment" if _in_order(pieces, long_words) else None


def _strength(a: list[str], b: list[str]) -> tuple[float, tuple[int, int], tuple[int, int]]:
    """How many words the two quotes share in order, and the stretch of each (word positions,
    ellipses left out) that the shared words span."""
    a = [w for w in a if w != ELLIPSIS]
    b = [w for w in b if w != ELLIPSIS]
    blocks = [m for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size]
    if not blocks:
        return 0.0, (0, 0), (0, 0)
    shared = sum(m.size for m in blocks)
    span_a = (blocks[0].a, blocks[-1].a + blocks[-1].size)
    span_b = (blocks[0].b, blocks[-1].b + blocks[-1].size)
    return float(shared), span_a, span_b


def _best_counterparts(found: list[tuple[tuple, int, int, SharedQuote]]) -> list[SharedQuote]:
    """Every exact, fragment or censored match, and an altered one only where no closer match
    covers the same words of either quote: the key quote pairs with its own altered version,
    not with another quote of the same speaker that shares some of its words; a long quote
    still pairs with each of the pieces the other outlet splits it into."""
    taken: dict[tuple[str, int], list[tuple[int, int]]] = {}
    kept: list[SharedQuote] = []
    for (strength, span_a, span_b), ia, k, q in sorted(found, key=lambda f: -f[0][0]):
        overlaps = any(
            lo < span[1] and span[0] < hi
            for key, span in (("L", span_a), ("R", span_b))
            for lo, hi in taken.get((key, ia if key == "L" else k), ())
        )
        if q.match == "altered" and overlaps:
            continue
        taken.setdefault(("L", ia), []).append(span_a)
        taken.setdefault(("R", k), []).append(span_b)
        kept.append(q)
    kept.sort(key=lambda q: (q.left.start, q.right.start))
    return kept


# Pronouns by grammatical person: the first (the speaker), the second (whom they speak to), the
# third (whom they speak of).
_PERSON_OF = {
    word: person
    for person, words in enumerate(
        (
            "i me my mine myself we our ours ourselves",  # not "us", also U.S.
            "you your yours yourself yourselves",
            "he him his himself she her hers herself they them their theirs themselves",
        ),
        1,
    )
    for word in words.split()
}


def _told_by_another_person(a: list[str], b: list[str]) -> bool:
    """Whether the words one quote has in place of the other's swap a pronoun of one grammatical
    person for one of another ("your favorite philosopher" / "his favorite philosopher", "we
    will" / "they will"): a quotation is printed as it was said, so these are two statements,
    one said to someone and one about them (a letter to Ryan and a priest's words on Ryan's
    budget), or by another speaker, not one that an outlet altered. A pronoun of the same person
    (he / she, I / we) or none is left to the altered quote."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag != "replace":
            continue
        in_a = {_PERSON_OF[w] for w in a[a_start:a_end] if w in _PERSON_OF}
        in_b = {_PERSON_OF[w] for w in b[b_start:b_end] if w in _PERSON_OF}
        if in_a and in_b and not in_a & in_b:
            return True
    return False


def _named(speaker: str | None) -> bool:
    """A speaker that is a name ("Jay Carney", "Mr. Obama"), not a phrase ("the letter")."""
    words = (speaker or "").split()
    return bool(words) and all(w[:1].isupper() or w in ("of", "de", "van", "von") for w in words)


def _speakers_differ(a: str | None, b: str | None, mapping: dict[str, str]) -> bool:
    """Both quotes name their speaker, and the names share no word."""
    return _named(a) and _named(b) and not _speaker_words(a) & _speaker_words(b, mapping)
