"""Find a word in a text whatever its case, with offsets into the text as written.

`text.lower().find(word)` gives offsets into the lower-cased copy, and that copy can be longer
than the text: "İ" (U+0130) lower-cases to two characters ("i" and a combining dot), so every
offset after one is off by one in the text. `Caseless` searches the lower-cased copy and maps
each match back to the characters of the text it came from.
"""

from __future__ import annotations

from bisect import bisect_left


class Caseless:
    """A text prepared once for any number of case-insensitive searches."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower = text.lower()
        # For each character of `lower`, the offset in `text` of the character it came from; None
        # when lower-casing kept the length (no character lower-cases to nothing: nothing moved).
        self._origin: list[int] | None = None
        if len(self.lower) != len(text):
            self._origin = [i for i, ch in enumerate(text) for _ in ch.lower()]

    def in_text(self, offset: int) -> int:
        """The offset in `text` of the character that character `offset` of `lower` came from."""
        return offset if self._origin is None else self._origin[offset]

    def find_all(self, word: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Every non-overlapping (start, end) of `word`, any case, within `text[start:end]`, as
        offsets into `text`. A match that begins or ends inside a character's lower-case form
        covers that whole character."""
        needle = word.lower()
        if not needle:
            return []
        start = max(0, start)
        stop = len(self.text) if end is None else max(start, min(end, len(self.text)))
        origin = self._origin
        lo, hi = (start, stop) if origin is None else (bisect_left(origin, start), bisect_left(origin, stop))
        found: list[tuple[int, int]] = []
        pos = self.lower.find(needle, lo, hi)
        while pos >= 0:
            last = pos + len(needle)
            found.append((pos, last) if origin is None else (origin[pos], origin[last - 1] + 1))
            pos = self.lower.find(needle, last, hi)
        return found


def find_all(text: str, word: str) -> list[tuple[int, int]]:
    """Every non-overlapping match of `word` in `text`, any case, as offsets into `text`."""
    return Caseless(text).find_all(word)
