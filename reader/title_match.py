"""How well a typed query names a title, for the command palette (no UI imports).

Ranked as code editors' palettes rank (VS Code, Posting), best first: the query's words as whole
words, then at the start of words ("hil" names "Hillary" before "While"), then its letters as the
starts of words in order ("hc": "Hillary Clinton"), then its words inside words ("hc" in
"Lynchcraft"), then (a typo) the closest titles. Among whole words and word starts, the query's
words found together and in order beat them scattered.
"""

from __future__ import annotations

import heapq
import re
from functools import lru_cache
from typing import Callable

from rapidfuzz import fuzz, process

_WORD = re.compile(r"\w+")

MAX_INITIALS = 10  # letters read as word starts at most ("hcl"); a longer query is a typo or words

# Points per query word by where it is found (the best place counts).
WHOLE_WORD, WORD_START, INSIDE_WORD = 3, 2, 1


def word_starts(text: str) -> tuple[int, ...]:
    """Offsets at which a word begins in `text`."""
    return tuple(match.start() for match in _WORD.finditer(text))


def words_score(words: list[str], text: str) -> tuple[float, int, bool] | None:
    """(score in 0-1, offset of the first word's best place, whether every word starts a word of
    `text`) when every word is in the lower-cased `text`; None when one is missing."""
    if not words:
        return None
    total = 0
    first_at = len(text)
    all_start = True
    for number, word in enumerate(words):
        # The word's best place, the first where it is found: whole, at a word's start, inside.
        first = text.find(word)
        if first < 0:
            return None
        whole, at_start = _places(word)
        found = whole(text, first)
        if found is not None:
            best, best_at = WHOLE_WORD, found.start()
        else:
            found = at_start(text, first)
            best, best_at = (WORD_START, found.start()) if found is not None else (INSIDE_WORD, first)
        all_start = all_start and best > INSIDE_WORD
        total += best
        if number == 0:
            first_at = best_at
    together = len(words) > 1 and " ".join(words) in text  # typed as the title says it
    return _score(total, len(words), together), first_at, all_start


def _score(total: int, count: int, together: bool) -> float:
    """words_score's score of `count` words found for `total` points (`together`: in order)."""
    score = total / (WHOLE_WORD * count)
    if together:
        score += 0.25
    return min(score / 1.25, 1.0)


@lru_cache(maxsize=64)
def _places(word: str) -> tuple[Callable[[str, int], re.Match | None], Callable[[str, int], re.Match | None]]:
    """Searches for `word` as a whole word and at a word's start (\\w: a letter, digit or _): a scan
    in C, where a loop over each place the word is found (a letter, in most titles) cost most of
    a keystroke over 50,000 titles."""
    escaped = re.escape(word)
    # The word first, then what is before it (a search starting with a lookbehind tried it at
    # each character: slower than the loop).
    return (
        re.compile(rf"{escaped}(?<!\w{escaped})(?!\w)").search,
        re.compile(rf"{escaped}(?<!\w{escaped})").search,
    )


def initials_score(query: str, text: str) -> float:
    """0-1: how well the query's letters (spaces ignored) are read as the starts of words of the
    lower-cased `text`, in order ("hcl" in "hillary clinton": h + cl); 0 when they are not."""
    letters = "".join(query.split())
    if not letters:
        return 0.0
    chunks = _fewest_chunks(letters, _WORD.findall(text), _piece_starts(letters))
    # Fewer pieces (longer runs of consecutive letters) read better: "hcl" as h+cl over h+c+l.
    return 0.0 if chunks is None else 1.0 / chunks


def _piece_starts(letters: str) -> dict[str, list[int]]:
    """Where in `letters` a piece starting with each letter may go, the last place first (a word
    gives at most one piece)."""
    starts: dict[str, list[int]] = {}
    for at in range(len(letters) - 1, -1, -1):
        starts.setdefault(letters[at], []).append(at)
    return starts


def _fewest_chunks(letters: str, words: list[str], starts: dict[str, list[int]]) -> int | None:
    """The fewest word prefixes, taken from words in order, that spell `letters` (None: none do).
    One pass over the words: fewest[n] is the fewest pieces spelling letters[:n] so far."""
    size = len(letters)
    fewest: list[int | None] = [0] + [None] * size
    for word in words:
        for at in starts.get(word[0], ()):  # none for most words of a title
            pieces = fewest[at]
            if pieces is None:
                continue
            length = 0
            while length < len(word) and at + length < size and word[length] == letters[at + length]:
                length += 1
            for end in range(at + 1, at + length + 1):
                if fewest[end] is None or pieces + 1 < fewest[end]:  # type: ignore[operator]
                    fewest[end] = pieces + 1
    return fewest[size]


class Titles:
    """Lower-cased titles to rank, their words and the words' first letters read once, when the
    first query needs them (each query read them all again: 0.35 s of "hc"'s 1.2 s over 50,000
    titles)."""

    def __init__(self, lowered: list[str]) -> None:
        self.lowered = lowered
        self._words: list[list[str]] | None = None
        self._initials: list[str] | None = None
        self._with_initial: dict[str, list[int]] | None = None

    def words(self) -> list[list[str]]:
        if self._words is None:
            self._words = [_WORD.findall(text) for text in self.lowered]
        return self._words

    def initials(self) -> list[str]:
        """Each title's words' first letters, in order ("hcrtr" for "hillary clinton releases…")."""
        if self._initials is None:
            self._initials = ["".join(word[0] for word in words) for words in self.words()]
        return self._initials

    def with_initial(self, letter: str) -> list[int]:
        """The indices, in order, of the titles one of whose words starts with `letter` (the only
        ones whose word starts can spell a query starting with it: a pass over all 50,000 titles
        looked at each)."""
        if self._with_initial is None:
            self._with_initial = {}
            for index, initials in enumerate(self.initials()):
                for starting in set(initials):
                    self._with_initial.setdefault(starting, []).append(index)
        return self._with_initial.get(letter, [])


class Cancelled(Exception):
    """rank() was told a newer query replaced this one."""


CHECK_EVERY = 2_000  # titles ranked between two looks at `cancelled`


def rank(
    query: str, titles: Titles | list[str], limit: int, cancelled: Callable[[], bool] | None = None
) -> list[tuple[int, float]]:
    """(index into the titles, score 0-1) of the best `limit` lower-cased titles for `query`, in
    bands that do not overlap: titles holding every word at word starts (0.5-1, by where the words
    are found, then by how early), titles whose word starts spell the query (0.3-0.5), titles
    holding every word, some inside a word (0.1-0.3), else (a typo) rapidfuzz's closest (0-0.1).
    Equal scores keep the titles' order. Cancelled is raised once `cancelled()` is true (it is
    asked every CHECK_EVERY titles): the palette's next keystroke stops the work of the one before."""
    if not isinstance(titles, Titles):
        titles = Titles(titles)
    lowered = titles.lowered

    def check(index: int) -> None:
        if index % CHECK_EVERY == 0 and cancelled is not None and cancelled():
            raise Cancelled(query)

    query = query.lower()
    words = query.split()
    at_starts: list[tuple[float, int, int]] = []
    inside: dict[int, tuple[float, int]] = {}
    if len(words) == 1:
        _one_word(words[0], lowered, at_starts, inside, check)
    elif words:
        for first in range(0, len(lowered), CHECK_EVERY):
            check(first)
            for index, text in enumerate(lowered[first : first + CHECK_EVERY], first):
                scored = words_score(words, text)
                if scored is not None:
                    score, first_at, all_start = scored
                    if all_start:
                        at_starts.append((_at_starts_band(score), first_at, index))
                    else:
                        inside[index] = (_inside_band(score), first_at)
    above = {index for _score, _first_at, index in at_starts}
    found = at_starts + _by_initials(words, titles, limit - len(at_starts), above, inside, check)
    found += [(score, first_at, index) for index, (score, first_at) in inside.items()]
    if not found:
        ranked: list[tuple[int, float]] = []
        for first in range(0, len(lowered), CHECK_EVERY):  # in slices, to be stopped between them
            check(first)
            some = process.extract(
                query, lowered[first : first + CHECK_EVERY], scorer=fuzz.partial_ratio, limit=limit, score_cutoff=60
            )
            ranked += [(first + index, score) for _text, score, index in some]
        ranked.sort(key=lambda item: (-item[1], item[0]))
        return [(index, score / 1000) for index, score in ranked[:limit]]
    # The best `limit` (highest score, then earliest place, then the titles' order): a sort of all
    # of them by a key made for each took a quarter of a one-letter query's time.
    best = heapq.nsmallest(limit, [(-score, first_at, index) for score, first_at, index in found])
    return [(index, -negated) for negated, _first_at, index in best]


def _at_starts_band(score: float) -> float:
    return 0.5 + score / 2


def _inside_band(score: float) -> float:
    return 0.1 + score / 5


def _one_word(
    word: str,
    lowered: list[str],
    at_starts: list[tuple[float, int, int]],
    inside: dict[int, tuple[float, int]],
    check: Callable[[int], None],
) -> None:
    """rank()'s first pass for a query of one word: words_score for each title, written out
    (its calls, over 50,000 titles, were most of a one-letter query's time)."""
    whole, at_start = _places(word)
    whole_score = _at_starts_band(_score(WHOLE_WORD, 1, False))
    start_score = _at_starts_band(_score(WORD_START, 1, False))
    inside_score = _inside_band(_score(INSIDE_WORD, 1, False))
    find = str.find
    for first in range(0, len(lowered), CHECK_EVERY):
        check(first)
        for index, text in enumerate(lowered[first : first + CHECK_EVERY], first):
            at = find(text, word)
            if at < 0:
                continue
            found = whole(text, at)
            if found is not None:
                at_starts.append((whole_score, found.start(), index))
                continue
            found = at_start(text, at)
            if found is not None:
                at_starts.append((start_score, found.start(), index))
            else:
                inside[index] = (inside_score, at)


def _by_initials(
    words: list[str],
    titles: Titles,
    wanted: int,
    above: set[int],
    inside: dict[int, tuple[float, int]],
    check: Callable[[int], None],
) -> list[tuple[float, int, int]]:
    """(score, 0, index) of up to about `wanted` titles whose word starts spell the query's
    letters, but for those `above` (holding every word at word starts); a title found here
    leaves `inside`, which ranks below. Nothing when none are wanted."""
    letters = "".join(words)
    if wanted <= 0 or not letters or len(letters) > MAX_INITIALS:
        return []
    found = []
    # Each letter after the first starts a word (one of the title's initials) or follows the
    # letter before it inside a word (the two together in the title): a cheap look that rules
    # out most titles holding the letters apart (3 in 4 of those for "ation" over 50,000).
    steps = [(letters[at : at + 2], letters[at + 1]) for at in range(len(letters) - 1)]
    starts = _piece_starts(letters)
    # A one-word query spelt in one piece starts a word (that title is above): the others spell it
    # in two pieces at best. Once `wanted` titles do, no later one ranks above them (equal scores
    # keep the titles' order).
    fewest_possible, at_fewest = (2 if len(words) == 1 else 1), 0
    title_words, initials = titles.words(), titles.initials()
    lowered = titles.lowered
    for looked, index in enumerate(titles.with_initial(letters[0])):
        check(looked)
        if index in above:
            continue
        text, starting = lowered[index], initials[index]
        if not all(pair in text or letter in starting for pair, letter in steps):
            continue
        chunks = _fewest_chunks(letters, title_words[index], starts)
        if chunks is None:
            continue
        # Fewer pieces (longer runs of consecutive letters) read better: "hcl" as h+cl over h+c+l.
        found.append((0.3 + 0.2 / chunks, 0, index))
        inside.pop(index, None)
        if chunks <= fewest_possible:
            at_fewest += 1
            if at_fewest >= wanted:
                break
    return found
