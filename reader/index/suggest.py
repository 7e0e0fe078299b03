"""Did you mean: the query with unknown words replaced by the closest indexed words."""

from __future__ import annotations

import re

from reader.index import textproc

# A word (with an apostrophe inside, as O'Reilly) that is not a field, a wildcard or in a range,
# nor a piece of an address: a URL pasted into the search ("www.foxnews.com/politics") was
# "corrected" piece by piece, into "wwe.foxnews.comes/politics".
_PLAIN_WORD_RE = re.compile(r"(?<![\w:\[\"'\u2019/.@])([^\W\d_]\w*(?:['\u2019]\w+)*)(?![\w:*?'\u2019/@]|\.\w)")
_OPERATORS = frozenset({"AND", "OR", "NOT", "TO", "ANDNOT", "ANDMAYBE"})


def suggest(reader, text: str, languages: tuple[str, ...] = ()) -> str | None:
    """The query with unknown words replaced by the closest indexed words, or None. A word is
    known when its term in English or in one of `languages` (those of the index) is indexed."""
    replacements = []
    for m in _PLAIN_WORD_RE.finditer(text):
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
        best = _closest(reader, lower)
        if best and best.lower() != lower:
            replacements.append((m.start(1), m.end(1), _cased(best, word)))
    if not replacements:
        return None
    out = text
    for start, end, best in reversed(replacements):
        out = out[:start] + best + out[end:]
    return out


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


def _closest(reader, word: str) -> str | None:
    """The closest, then most frequent, indexed word within 2 edits of `word` (1 if short),
    sharing its first two letters.

    Looks among the stemmed terms (no separate spelling field to index: it would double the
    postings) and turns the best stem back into a real word from an article that contains it
    (as written there: accents, capitals and all).
    """
    from rapidfuzz.distance import DamerauLevenshtein  # only for did-you-mean

    stemmed = textproc.analyse(word)
    if stemmed is None or len(stemmed) < 3:
        return None
    scored: dict[str, tuple[int, int]] = {}
    for fieldname in ("body", "title"):
        try:
            for btext in reader.expand_prefix(fieldname, stemmed[:2]):
                cand = btext.decode("utf-8") if isinstance(btext, bytes) else btext
                # A term of an article in another language is compared without its mark.
                bare = textproc.bare_term(cand)
                if bare == stemmed or bare.isdigit() or abs(len(bare) - len(stemmed)) > 2:
                    continue
                dist = DamerauLevenshtein.distance(bare, stemmed, score_cutoff=2)
                if dist <= (2 if len(word) > 4 else 1):
                    freq = reader.doc_frequency(fieldname, cand)
                    old = scored.get(cand)
                    scored[cand] = (dist, (old[1] if old else 0) + freq)
        except Exception:
            continue
    if not scored:
        return None
    best = min(sorted(scored), key=lambda c: (scored[c][0], -scored[c][1]))
    return _surface_form(reader, best) or textproc.bare_term(best)


def _surface_form(reader, term: str) -> str | None:
    """A word as written in an article whose analysed form is `term` ("Inflation" for "inflat")."""
    for fieldname in ("body", "title"):
        try:
            matcher = reader.postings(fieldname, term)
        except Exception:
            continue
        if not matcher.is_active():
            continue
        stored = reader.stored_fields(matcher.id())
        text = stored.get(fieldname) or ""
        ranges = textproc.find_term_ranges(text, {term}, language=textproc.language_of_term(term))
        if ranges:
            start, end = ranges[0]
            surface = text[start:end]
            # "Trump's" is a form of "trump": suggest the word itself.
            return surface[:-2] if textproc.fold(surface.lower()).endswith(textproc.POSSESSIVE) else surface
    return None
