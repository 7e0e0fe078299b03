"""Emoji drawn in the cells Rich counted for them, whatever the terminal.

Rich (and so Textual's layout) counts an emoji sequence as one wide character: "❤️" (a heart and
the emoji variation selector) 2 cells, "👍🏽" (a skin tone) 2, "👨‍👩‍👧" (three people joined by
zero-width joiners) 2. Terminals disagree: tmux 3.3a draws "❤️", "ℹ️" and "#️⃣" in 1 cell and
"👍🏽" in 4; VTE and xterm draw a joined family as its three people, 6. Every cell after such a
title on its row moved: the list's rows ran over the pane's divider or stopped short of it.

On everything drawn, each such sequence is replaced by its first character padded with spaces to
the cells Rich counted: "❤ " for "❤️", "👍" for "👍🏽", "👨" for the family, which every terminal
draws in those cells. Only what is drawn changes: the text (searched, copied, saved) keeps its
characters, and the layout its measures.

Only where the terminal disagrees with Rich (emoji_cut_wanted): tmux and screen (whatever the
terminal outside them), xterm, VTE (GNOME Terminal, Tilix...) and the Linux console. Kitty,
WezTerm, iTerm2, Ghostty and other terminals that draw a sequence as one wide character, as Rich
counts it, show it whole: there, cutting would only lose the heart's colour, the skin tone and the
family. READER_EMOJI overrides the guess: `first` cuts everywhere, `whole` never.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from reader.tui.env_choice import forced_choice

# What makes a character an emoji sequence: the emoji variation selector, a skin tone, the
# keycap mark.
_MARKS = "\ufe0f\U0001f3fb-\U0001f3ff\u20e3"
# The characters that start an emoji a joiner may join (the symbol and emoji blocks). The joiner
# after another character is a script's own (Devanagari's half forms, Persian's): kept.
_EMOJI = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u27bf\u2934\u2935"
    "\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
_SEQUENCE = re.compile(
    f"[{_EMOJI}][{_MARKS}]*(?:\u200d[{_EMOJI}][{_MARKS}]*)+"  # joined emoji (a family)
    f"|[^{_MARKS}\u200d][{_MARKS}]+"  # a character and its marks
    f"|[{_MARKS}]+"  # marks cut from their character by a change of style
)
_HAS_MARK = re.compile(f"[{_MARKS}]|\u200d")


def _drawn(match: re.Match[str]) -> str:
    sequence = match.group()
    cells = cell_len(sequence)
    first = sequence[0]
    if first in "\ufe0f\u20e3" or "\U0001f3fb" <= first <= "\U0001f3ff":
        return " " * cells
    return first + " " * (cells - cell_len(first)) if cell_len(first) <= cells else " " * cells


def drawn_emoji(text: str) -> str:
    """`text` with each emoji sequence a terminal may draw in other cells than Rich counts
    replaced by its first character, padded with spaces to the same cells."""
    if text.isascii() or not _HAS_MARK.search(text):
        return text
    return _SEQUENCE.sub(_drawn, text)


class EmojiCells(LineFilter):
    """Every drawn line with its emoji sequences in the cells the layout gave them."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text if control or text.isascii() else drawn_emoji(text), style, control)
            for text, style, control in segments
        ]


EMOJI_CELLS = EmojiCells()  # keeps no state: one for the app

EMOJI_VARIABLE = "READER_EMOJI"
EMOJI_CHOICES = ("first", "whole")


# TERM as terminals that draw a sequence whole set it for what runs in them (kitty, Ghostty).
_TERMS_DRAWING_WHOLE = ("xterm-kitty", "xterm-ghostty")


def measures_emoji_apart(environ: Mapping[str, str]) -> bool:
    """Whether the terminal the app draws on (as the environment tells) measures an emoji
    sequence otherwise than Rich: tmux or screen between it and the app (TMUX, STY, TERM screen*
    or tmux*), xterm (XTERM_VERSION), VTE (VTE_VERSION), the Linux console (TERM linux*).

    A terminal sets TERM for what runs in it, and leaves the variables it does not know as they
    were: kitty started from GNOME Terminal's shell still carries its VTE_VERSION, which its
    TERM outweighs (a multiplexer inside it does not: tmux measures otherwise wherever it runs)."""
    term = environ.get("TERM", "")
    if term.startswith(("screen", "tmux", "linux")) or any(environ.get(name) for name in ("TMUX", "STY")):
        return True
    if term in _TERMS_DRAWING_WHOLE:
        return False
    return any(environ.get(name) for name in ("XTERM_VERSION", "VTE_VERSION"))


def emoji_cut_wanted(environ: Mapping[str, str]) -> tuple[bool, str | None]:
    """Whether to draw each emoji sequence as its first character (READER_EMOJI=first or whole
    says, else measures_emoji_apart), and the problem with a READER_EMOJI that is neither (the
    terminal decides then)."""
    return forced_choice(environ, EMOJI_VARIABLE, EMOJI_CHOICES, measures_emoji_apart(environ), "the terminal")
