"""Did you mean: the query with unknown words replaced by the closest indexed words."""

from __future__ import annotations

import itertools
import re
import unicodedata

from reader.index import query_check, textproc

# A word (with an apostrophe inside, as O'Reilly) that is not a field, a wildcard or in a range,
# nor a piece of an address: a URL pasted into the search ("www.foxnews.com/politics") was
# "corrected" piece by piece, into "wwe.foxnews.comes/politics".
_PLAIN_WORD_RE = re.compile(r"(?<![\w:\[\"'\u2019/.@])([^\W\d_]\w*(?:['\u2019]\w+)*)(?![\w:*?'\u2019/@]|\.\w)")
_OPERATORS = frozenset({"AND", "OR", "NOT", "TO", "ANDNOT", "ANDMAYBE"})
# A hyphenated name or word ("Jong-un", "Jean-Marie", "Moon Jae-in"): its pieces are one spelling.
# Each piece corrected on its own gave a compound no article has ("Jong-un" was "Jon-un" in a
# corpus with Jon Stewart and no Kim Jong-un): a compound is corrected whole, into one as written
# in an article, or not at all.
_HYPHENS = re.escape(textproc.HYPHENS)
_PIECE_RE = re.compile(r"\w+(?:['\u2019.]\w+)*")
_COMPOUND_RE = re.compile(rf"{_PIECE_RE.pattern}(?:[{_HYPHENS}]{_PIECE_RE.pattern})+")
# How many close words of each piece of a compound are tried, and how many articles read for each try.
_COMPOUND_CANDIDATES = 3
_COMPOUND_ARTICLES = 200


def suggest(reader, text: str, languages: tuple[str, ...] = (), unfinished: bool = False) -> str | None:
    """The query with unknown words replaced by the closest indexed words, or None. A word is
    known when its term in English or in one of `languages` (those of the index) is indexed.
    `unfinished`: the query is being typed, its last word perhaps only begun ("hil" on the way to
    "hillary", which was corrected to "his"): that word is left alone while it begins an indexed
    word (typed_on), as a search box that completes the last word reads it; it is corrected once
    the query is finished (a space after it, Enter)."""
    # A word pasted with a bidi mark inside ("bud<LRM>gte") is one word, as the index reads it.
    # Its accents composed: café typed as e and a combining accent was read as the word cafe (the
    # accent after it), its correction "case" + the accent: "casé".
    text = unicodedata.normalize("NFC", textproc.without_ignorable(text))
    # Words are read where the search reads them: `budgte?` is the word budgte and a question mark
    # (the same length: offsets stay). The last word ends where the typed text does: one a `?`
    # follows is finished, and corrected as the search without typing on (Enter) corrects it.
    scanned = query_check.without_closing_question_marks(text)
    end = len(text.rstrip()) if unfinished else -1
    replacements = []
    # Each hyphenated compound's span: {the span of each unknown piece: its close words}.
    compounds: dict[tuple[int, int], dict[tuple[int, int], list[str]]] = {
        m.span(): {} for m in _COMPOUND_RE.finditer(text)
    }
    for m in _PLAIN_WORD_RE.finditer(scanned):
        word = m.group(1)
        if len(word) < 3 or word in _OPERATORS:
            continue
        lower = word.lower()
        if textproc.CJK_RE.search(lower):
            continue  # indexed as pairs of characters: no spelling to correct
        term = textproc.analyse(lower)
        if term is None:
            continue
        # "Wahlen" in an index of German articles is the known word wahl@de, not a typo.
        terms = {term, *(textproc.analyse(lower, code) for code in languages)}
        if any(reader.doc_frequency("body", t) or reader.doc_frequency("title", t) for t in terms if t):
            continue
        if m.end(1) == end and typed_on(reader, lower):
            continue
        compound = next((span for span in compounds if span[0] <= m.start(1) < span[1]), None)
        if compound is not None:
            compounds[compound][m.span(1)] = _candidates(reader, lower)[:_COMPOUND_CANDIDATES]
            continue
        best = _closest(reader, lower)
        if best and best.lower() != lower:
            replacements.append((m.start(1), m.end(1), _cased(best, word)))
    for span, pieces in compounds.items():
        if pieces:
            replacements.extend(_compound_correction(reader, text, span, pieces))
    replacements.sort()
    if not replacements:
        return None
    out = text
    for start, end, best in reversed(replacements):
        out = out[:start] + best + out[end:]
    return out


# A word typed on is one whose stem is at most this many letters shorter ("runni": run).
_STEM_CUT = 3


def typed_on(reader, lower: str) -> bool:
    """Whether the lower-cased word `lower` may be the start of an indexed word: an indexed term
    begins with it ("hil": hillari), or it begins with a term that its stem could be ("runni":
    run, the term of running), not shorter than 3 letters."""
    word = textproc.normalise(lower)
    for fieldname in ("body", "title"):
        try:
            if next(iter(reader.expand_prefix(fieldname, word)), None) is not None:
                return True
            for size in range(max(3, len(word) - _STEM_CUT), len(word)):
                if reader.doc_frequency(fieldname, word[:size]):
                    return True
        except Exception:
            continue
    return False


def _cased(written: str, typed: str) -> str:
    """The suggested word as the query would spell it: lower case for a word typed so, and for a
    capitalised one the article's own spelling when it is a name written with capitals inside
    ("O’Reilly", "McCain"; not "O’reilly"), else just its first letter raised."""
    lower = written.lower()
    if not typed[:1].isupper():
        return lower
    if written[:1].isupper() and not written.isupper():
        return written
    return lower[:1].upper() + lower[1:]


def _compound_correction(reader, text: str, span: tuple[int, int], pieces: dict) -> list[tuple[int, int, str]]:
    """The replacements of the unknown pieces of the hyphenated compound text[span] that make it
    a compound written in an article ("Jomg-un" -> "Jong-un", spelt as the article does), the
    closest words tried first; none when no such compound is written anywhere."""
    start = span[0]
    typed = [(start + m.start(), start + m.end()) for m in _PIECE_RE.finditer(text[span[0] : span[1]])]
    if not set(pieces) <= set(typed):
        return []  # a piece the word pattern cut otherwise ("U.S.-led"): left as typed
    unknown = [piece for piece in typed if piece in pieces]
    for choice in itertools.product(*(pieces[piece] for piece in unknown)):
        wanted = [dict(zip(unknown, choice)).get(piece) or text[piece[0] : piece[1]] for piece in typed]
        written = _written_compound(reader, choice[0], wanted, [piece in pieces for piece in typed])
        if written:
            return [
                (*piece, _cased(word, text[piece[0] : piece[1]]))
                for piece, word, corrected in zip(typed, written, [piece in pieces for piece in typed])
                if corrected
            ]
    return []


def _written_compound(reader, term: str, wanted: list[str], corrected: list[bool]) -> list[str] | None:
    """The pieces of a hyphenated compound written in an article that holds `term`, whose pieces
    are `wanted`: a corrected piece any word whose term it is, another the word as typed (any case
    and accents); None when no article among the first _COMPOUND_ARTICLES has one."""
    language = textproc.language_of_term(term)
    typed = [None if fix else textproc.fold(word.lower()) for word, fix in zip(wanted, corrected)]
    for fieldname in ("body", "title"):
        try:
            docs = list(itertools.islice(reader.postings(fieldname, term).all_ids(), _COMPOUND_ARTICLES))
        except Exception:
            continue
        for docnum in docs:
            for m in _COMPOUND_RE.finditer(reader.stored_fields(docnum).get(fieldname) or ""):
                words = _PIECE_RE.findall(m.group())
                if len(words) == len(wanted) and all(
                    textproc.analyse(word.lower(), language) == want if fix else textproc.fold(word.lower()) == same
                    for word, want, fix, same in zip(words, wanted, corrected, typed)
                ):
                    return words
    return None


def _closest(reader, word: str) -> str | None:
    """The closest, then most frequent, indexed word within 2 edits of `word` (1 if short),
    sharing its first two letters (or one of them swapped with the next: niave, naive).

    Looks among the stemmed terms (no separate spelling field to index: it would double the
    postings) and turns the best stem back into a real word from an article that contains it
    (as written there: accents, capitals and all).
    """
    from rapidfuzz.distance import DamerauLevenshtein  # only for did-you-mean

    # Stems a letter apart may be words further apart (café's cafe and case: "cases"; goverment's
    # govern: "governance"): the word suggested is one an article writes as close to the word
    # typed as the stems are (or going on from it), or none.
    typed = textproc.fold(word.lower())
    most = _edits_allowed(word)
    accents = _accents_typed(word)

    def near(written: str) -> bool:  # (or the word typed cut short: infla, inflation)
        folded = textproc.fold(written.lower())
        if accents and not accents <= set(unicodedata.normalize("NFC", written.lower())):
            return False
        return folded.startswith(typed) or DamerauLevenshtein.distance(folded, typed, score_cutoff=most + 1) <= most

    for term in _candidates(reader, word)[:_SURFACE_CANDIDATES]:
        written = None
        for written in _surface_forms(reader, term):
            if near(written):
                return written
        if written is None and near(textproc.bare_term(term)):
            return textproc.bare_term(term)  # (no word of its own: att, the alternate of AT&T)
    return None


def _accents_typed(word: str) -> frozenset[str]:
    """The accented letters of `word` (composed, as suggest reads it) in lower case: é of café.
    One who types an accent spells a word on purpose: its correction writes those letters too
    (café was "case", a different word, in a corpus without cafés; müler is Müller)."""
    return frozenset(c for c in word.lower() if textproc.fold(c) != c and textproc.fold(c).isalpha())


# How many of the closest terms' words are compared with the word typed (_closest).
_SURFACE_CANDIDATES = 3


def _edits_allowed(word: str) -> int:
    """How many edits a correction of `word` may make: 1 for a short word, else 2."""
    return 2 if len(word) > 4 else 1


def _candidates(reader, word: str) -> list[str]:
    """The indexed terms within 2 edits of `word` (1 if short) that share its first two letters,
    or begin as it would with its first or second letter swapped with the next (a swap one edit),
    closest then most frequent first."""
    from rapidfuzz.distance import DamerauLevenshtein  # only for did-you-mean

    stemmed = textproc.analyse(word)
    if stemmed is None or len(stemmed) < 3:
        return []
    accented = _accented_letters(word)
    most = _edits_allowed(word)
    scored: dict[str, tuple[int, int]] = {}
    # Its first two letters, or its first or second letter swapped with the next (niave for
    # naive: the commonest typo of a word's start, as spell checkers have it), the swap one edit.
    starts = (
        [(stemmed[:2], stemmed)]
        + [
            (swapped[:2], swapped)
            for at in (0, 1)
            if stemmed[at] != stemmed[at + 1] and not accented & {at, at + 1}  # (an accent typed says the letter)
            for swapped in [stemmed[:at] + stemmed[at + 1] + stemmed[at] + stemmed[at + 2 :]]
        ]
    )
    for fieldname, (start, typed) in itertools.product(("body", "title"), starts):
        try:
            for btext in reader.expand_prefix(fieldname, start):
                cand = btext.decode("utf-8") if isinstance(btext, bytes) else btext
                # A term of an article in another language is compared without its mark.
                bare = textproc.bare_term(cand)
                if bare == stemmed or bare.isdigit() or abs(len(bare) - len(stemmed)) > 2:
                    continue
                dist = DamerauLevenshtein.distance(bare, typed, score_cutoff=2) + (typed is not stemmed)
                if dist <= most and not _edits_any(typed, bare, accented):
                    freq = reader.doc_frequency(fieldname, cand)
                    old = scored.get(cand)
                    scored[cand] = (dist, (old[1] if old else 0) + freq)
        except Exception:
            continue
    return sorted(sorted(scored), key=lambda c: (scored[c][0], -scored[c][1]))


def _accented_letters(word: str) -> frozenset[int]:
    """Where the letters typed with a diacritic are in the folded word (naïve: 2). One who types
    the ï knows the word's letters there: a correction may not change them (naïve was navy, the
    stems naiv and navi a transposition apart), as a word folding alike (naive) needs none."""
    at, found = 0, set[int]()
    for char in word:
        folded = textproc.fold(char)
        if folded != char and folded.isalpha():
            found.update(range(at, at + len(folded)))
        at += len(folded)
    return frozenset(found)


def _edits_any(stemmed: str, candidate: str, letters: frozenset[int]) -> bool:
    """Whether turning `stemmed` into `candidate` replaces, deletes or moves a letter at one of
    `letters` (moved: a letter inserted right before it, naiv to navi)."""
    if not letters:
        return False
    from rapidfuzz.distance import Levenshtein  # only for did-you-mean

    return any(op.src_pos in letters for op in Levenshtein.editops(stemmed, candidate))


# How many articles holding a term are read for a word whose own term it is (_surface_forms).
_SURFACE_ARTICLES = 20


def _surface_forms(reader, term: str):
    """The words as written in articles whose own analysed form is `term` ("Inflation" for
    "inflat"), in the order found: not a word the term is only the alternate of (AT&T for `att`,
    1,000 for `1000`), which was suggested for a typo of att as though the letters had been mistyped."""
    language = textproc.language_of_term(term)
    for fieldname in ("body", "title"):
        try:
            docs = list(itertools.islice(reader.postings(fieldname, term).all_ids(), _SURFACE_ARTICLES))
        except Exception:
            continue
        for docnum in docs:
            text = reader.stored_fields(docnum).get(fieldname) or ""
            for start, end in textproc.find_term_ranges(text, {term}, limit=50, language=language):
                if text[start] == "." and not term.startswith("."):
                    start += 1  # `net` found in .NET (its alternate word): the word net, which finds both
                surface = text[start:end]
                if textproc.analyse(surface.lower(), language) != term:
                    continue
                # "Trump's" is a form of "trump": suggest the word itself.
                yield surface[:-2] if textproc.fold(surface.lower()).endswith(textproc.POSSESSIVE) else surface
