"""Snippets of an article's text around the words a query matched (no Whoosh here)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reader.index import textproc

SNIPPET_WIDTH = 180  # terminal cells: a Chinese, Japanese or Korean character takes two
MAX_SNIPPETS = 2
# The matches snippets are chosen among: the first ones of the article. Finding and weighing all
# of them took 20 s for one article holding the word searched for 400,000 times.
MAX_RANGES = 1000
# The matches highlighted in an open article: the first ones. Finding all of them took 4.6 s for
# an article holding the word searched for 400,000 times (and drawing them as long again).
MAX_HIGHLIGHTS = 1000


class MatchRanges(list[tuple[int, int]]):
    """An article's match ranges, in order; `capped`: there are more than these (the first
    MAX_HIGHLIGHTS only), so that the reader can say so."""

    capped: bool = False


@dataclass
class Snippet:
    """A passage of an article as shown: its words as written, each run of white space between
    them one space ("2014.  The former" read as two spaces where a paragraph ended), so `text`
    is not a slice of the article: `start` and `end` say where it is."""

    text: str
    matches: list[tuple[int, int]]  # relative to `text`
    start: int  # offset in the article's clean text of the passage's first character
    end: int  # ... and the end of its last
    # Whether words of the article come before / after it: shown as "…" there. The passage of a
    # short article is the whole of it, and "…" after its last word said there was more.
    cut_before: bool = True
    cut_after: bool = True

    def to_dict(self) -> dict:
        return {"text": self.text, "matches": [list(m) for m in self.matches], "start": self.start, "end": self.end}


def _is_wide(ch: str) -> bool:
    """Whether a terminal draws the character two cells wide (CJK ideographs, kana, hangul)."""
    return unicodedata.east_asian_width(ch) in "WF"


def _cells(text: str, start: int, end: int) -> int:
    """Terminal cells of text[start:end]: two for a wide character, one for any other."""
    return sum(2 if _is_wide(ch) else 1 for ch in text[start:end])


def _back(text: str, pos: int, cells: int) -> int:
    """The start of the `cells` terminal cells of text before `pos`."""
    while pos > 0 and cells > 0:
        pos -= 1
        cells -= 2 if _is_wide(text[pos]) else 1
    return pos


def _forward(text: str, pos: int, cells: int) -> int:
    """The end of the `cells` terminal cells of text from `pos`."""
    while pos < len(text) and cells > 0:
        cells -= 2 if _is_wide(text[pos]) else 1
        pos += 1
    return pos


def _snap_start(text: str, pos: int) -> int:
    """Move a window start back to the beginning of the word it cuts (at most 30 characters).
    Text written without spaces (Chinese, Japanese) may be cut between any two wide characters."""
    limit = max(0, pos - 30)
    while pos > limit and not text[pos - 1].isspace() and not _is_wide(text[pos - 1]):
        pos -= 1
    return pos


def _snap_end(text: str, pos: int) -> int:
    """Move a window end forward to the end of the word it cuts (at most 30 characters)."""
    limit = min(len(text), pos + 30)
    while pos < limit and not text[pos].isspace() and not _is_wide(text[pos]):
        pos += 1
    return pos


def _joined(text: str, pos: int) -> bool:
    """Whether `pos` is inside a character as drawn: before a combining mark (Thai and Indic
    vowel signs, Arabic vowel points) or around a zero-width joiner (an emoji family)."""
    if pos <= 0 or pos >= len(text):
        return False
    return unicodedata.category(text[pos])[0] == "M" or "\u200d" in (text[pos], text[pos - 1])


def _whole_start(text: str, pos: int) -> int:
    """A window start moved back to the start of the character it cuts (a snippet started with
    an orphan mark, drawn on the ellipsis before it)."""
    while _joined(text, pos):
        pos -= 1
    return pos


def _whole_end(text: str, pos: int) -> int:
    """A window end moved on to the end of the character it cuts (a letter without its vowel)."""
    while _joined(text, pos):
        pos += 1
    return pos


def _shown(text: str, a: int, b: int, ranges) -> Snippet:
    """The snippet of text[a:b]: white space at its ends dropped, each run inside one space,
    and the `ranges` within it moved to where their words are in that text."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    out: list[str] = []
    at = {}  # an offset in the article -> the offset of its character in the snippet
    for pos in range(a, b):
        at[pos] = len(out)
        if not text[pos].isspace():
            out.append(text[pos])
        elif not text[pos - 1].isspace():
            out.append(" ")
    matches = [(at[s], at[e - 1] + 1) for s, e in ranges if a <= s < e <= b]
    return Snippet(
        "".join(out),
        matches,
        a,
        b,
        cut_before=_NOT_SPACE.search(text, 0, a) is not None,
        cut_after=_NOT_SPACE.search(text, b) is not None,
    )


_NOT_SPACE = re.compile(r"\S")  # a word's character: text past a passage's end is more than white space


def _searched_words(word: str, language: str | None) -> frozenset[str]:
    """What a matched word stands for among a window's distinct words: its term in the article's
    `language` (budget and Budgets are one, as Wahlen and Wahl are in German), and for a compound
    its parts' too (co-pays is copay, co and pay: a window of the compound was worth less than
    one of "co" and "pay" written apart, and of "pay" and "pays", and snippets showed those
    instead)."""
    lower = word.lower()
    parts = [lower, *(_HYPHEN_RE.split(lower) if _HYPHEN_RE.search(lower) else ())]
    return frozenset(textproc.analyse(part, language) or part for part in parts if part)


_HYPHEN_RE = re.compile(f"[{re.escape(textproc.HYPHENS)}]")


def make_snippets(
    text: str,
    ranges: list[tuple[int, int]],
    width: int = SNIPPET_WIDTH,
    count: int = MAX_SNIPPETS,
    language: str | None = None,
) -> list[Snippet]:
    """The best `count` windows of `text` (most distinct matched words, then most matches), each
    about `width` terminal cells: a window of Chinese or Japanese holds half the characters, so
    that each snippet takes as many lines on screen as one in English. Words are told apart by
    their terms in the article's `language` (None: English), as the index holds them."""
    if not text:
        return []
    if not ranges:
        end = _whole_end(text, _snap_end(text, _forward(text, 0, width)))
        return [_shown(text, 0, end, [])]
    windows = []
    n = len(ranges)
    keys = [_searched_words(text[s:e], language) for s, e in ranges]
    j = 0
    for i in range(n):
        start = ranges[i][0]
        if j < i:
            j = i
        # (A span longer in characters than `width` is longer in cells: the count is skipped.)
        while j + 1 < n and ranges[j + 1][1] - start <= width and _cells(text, start, ranges[j + 1][1]) <= width:
            j += 1
        words = set().union(*keys[i : j + 1])
        windows.append((len(words), j - i + 1, -start, i, j))
    windows.sort(reverse=True)
    chosen: list[tuple[int, int, int, int]] = []
    for _, _, _, i, j in windows:
        lo, hi = ranges[i][0], ranges[j][1]
        if any(not (hi <= a or lo >= b) for a, b, _, _ in chosen):
            continue
        pad = max(0, (width - _cells(text, lo, hi)) // 2)
        a = _whole_start(text, _snap_start(text, _back(text, lo, pad)))
        b = _whole_end(text, _snap_end(text, _forward(text, hi, pad)))
        if any(not (b <= ca or a >= cb) for ca, cb, _, _ in chosen):
            continue
        chosen.append((a, b, i, j))
        if len(chosen) >= count:
            break
    chosen.sort()
    return [_shown(text, a, b, ranges) for a, b, _, _ in chosen]
