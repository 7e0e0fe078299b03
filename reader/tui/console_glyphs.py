"""ASCII stand-ins for the glyphs a Linux console cannot draw.

The Linux console (TERM=linux) draws from a font of 256 or 512 glyphs: block elements (`▌` the
focus bar, the compare gutter's bars, Textual's `tall` and `hkey` borders and scroll bars' ends),
heavy, dashed and double lines (`┃` beside the difference shown, `╏` in the gutter, `║` beside
its counterpart) and marks such as `★` come out as a diamond or a blank, and what they say is
lost. Textual draws them whatever the terminal, so the app swaps each for an ASCII character of
the same width on everything drawn, keeping apart the marks that must stay apart: `#` the focus
bar and the gutter's one-outlet bar, `:` its dashed bar, `>` the rows of the difference shown, `H`
its counterpart's, `|` the panes' dividers. No console font (console-setup's Lat15, Lat2, Uni2,
Uni3, in Fixed, VGA and Terminus) has `⏎`, `⌫`, `↔`, `★` or `◉` either; they all have the arrows,
`·`, `…`, `•` and `≈`, which stay. The keys' names the footer and the help show are spelt out
there (`ascii_key_display`: enter, not a one-cell stand-in).

READER_GLYPHS overrides TERM: `ascii` for a console reached through tmux or screen (TERM=screen),
or any font that lacks these glyphs; `unicode` for a console with a fuller font.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from reader.tui.env_choice import forced_choice


def _table() -> dict[int, str]:
    table: dict[int, str] = {}

    def put(chars: str, ascii_char: str) -> None:
        table.update((ord(char), ascii_char) for char in chars)

    # Box drawing (U+2500-U+257F): anything not named below is a corner or a junction.
    put("".join(chr(code) for code in range(0x2500, 0x2580)), "+")
    put("─━╌╍┄┅┈┉╴╶╸╺╼╾", "-")
    put("═", "=")
    put("│╵╷╽╿", "|")
    put("├┝┞┟┠┡┢┣", "|")  # a tree's guides, as `tree --charset=ascii` draws them: |-- and `--
    put("└┕┖┗╰", "`")
    put("┃╹╻", ">")  # heavy: the rows of the difference shown
    put("║", "H")  # double: the row its counterpart is on
    put("╎╏┆┇┊┋", ":")  # dashed: a sentence told elsewhere
    put("╱", "/")
    put("╲", "\\")
    put("╳", "X")
    put("↔", "/")  # between two spellings of a name: either one
    # Block elements (U+2580-U+259F).
    put("▌▐", "#")  # half blocks: the focus bar, the gutter's one-outlet bar
    put("▍▎▏▕▋▊▉", "|")  # thinner: the panes' dividers, a text box's sides
    put("▀▔", "-")  # upper blocks: hkey and tall borders' tops
    put("▁", "_")  # the lowest eighth: their bottoms
    put("▂▃▄▅▆▇", " ")  # a scroll bar's end (the rest of the bar is coloured spaces)
    put("█▓▒░▙▛▜▟▚▞▖▗▘▝", "#")
    # Marks the app and Textual draw.
    put("★☆●◉", "*")
    put("◦", "o")  # the list's read-but-updated mark (source_list.UPDATED)
    put("◀◂◄", "<")
    put("▶▸►", ">")
    put("▼▾", "v")
    put("▲▴", "^")
    put("⟨", "[")  # the editorial brackets round a speaker the app worked out
    put("⟩", "]")
    return table


GLYPHS: Mapping[int, str] = _table()


# The keys' names Textual shows as a glyph no console font has, spelt out.
_KEY_NAMES = {"⏎": "enter", "⌫": "backspace"}

GLYPHS_VARIABLE = "READER_GLYPHS"
GLYPHS_CHOICES = ("ascii", "unicode")


def is_linux_console(environ: Mapping[str, str]) -> bool:
    """TERM says the Linux console (linux, linux-16color, linux-m...)."""
    term = environ.get("TERM", "")
    return term == "linux" or term.startswith("linux-")


def ascii_glyphs_wanted(environ: Mapping[str, str]) -> tuple[bool, str | None]:
    """Whether to draw the ASCII stand-ins (READER_GLYPHS=ascii or unicode says, else TERM=linux
    does), and the problem with a READER_GLYPHS that is neither (TERM decides then)."""
    return forced_choice(environ, GLYPHS_VARIABLE, GLYPHS_CHOICES, is_linux_console(environ), "TERM")


def ascii_key_display(shown: str) -> str:
    """A key as the footer and the help show it ("⏎", "shift+⏎"), with the glyphs no console font
    has spelt out ("enter", "shift+enter")."""
    for glyph, name in _KEY_NAMES.items():
        shown = shown.replace(glyph, name)
    return shown


class ConsoleGlyphs(LineFilter):
    """Every drawn line with the console's missing glyphs swapped for their ASCII stand-ins."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        table = GLYPHS
        return [
            Segment(text if text.isascii() else text.translate(table), style, control)
            for text, style, control in segments
        ]
