"""finditer for patterns that open with a look-behind.

Python's regex engine has no fast scan for a pattern whose first item is a look-behind: it tries
the pattern at every position of the text. When every match starts with a character of a known
class, scanning for that class first and trying the pattern only there gives the very matches of
`pattern.finditer(text)`, several times faster on article-length text."""

from __future__ import annotations

import re
from typing import Iterator


def finditer_from(pattern: re.Pattern[str], first: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of pattern.finditer(text), for a pattern whose every match is non-empty and
    starts with a character that `first` (one character class) matches. The look-behind still
    sees the text before each start, and a match hides the candidates inside it, as in finditer."""
    end = 0
    for candidate in first.finditer(text):
        start = candidate.start()
        if start < end:
            continue
        m = pattern.match(text, start)
        if m:
            end = m.end()
            yield m
