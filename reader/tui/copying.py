"""What a mouse selection copies: the article's words, never the marks the screen adds to them
(a gutter's +, ? and ~, a note on text cut), as a reader pasting a quotation expects."""

from __future__ import annotations

from typing import Iterable

from textual.selection import Selection

_OURS = "\x00"  # stands for a character of ours while the selection is cut out (never in a text shown)


def selected_words(selection: Selection, text: str, ours: Iterable[tuple[int, int]]) -> str:
    """The part of `text` (a widget's rendered text) under `selection`, without the ranges `ours`."""
    masked = list(text)
    for start, end in ours:
        masked[start:end] = _OURS * len(masked[start:end])
    return selection.extract("".join(masked)).replace(_OURS, "")
