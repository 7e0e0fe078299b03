"""ASCII stand-ins for the glyphs a Linux console cannot draw.

The Linux console (TERM=linux) draws from a font of 256 or 512 glyphs: block elements (`▌` the
focus bar, the compare gutter's bars, Textual's `tall` and `hkey` borders and scroll bars' ends),
heavy, dashed and double lines (`┃` beside the difference shown, `╏` in the gutter, `║` beside
its counterpart) and marks such as `★` come out as a diamond or a blank, and what they say is
lost. Textual draws them whatever the terminal, so the app swaps each for an ASCII character of
the same width on everything drawn, keeping apart the marks that must stay apart: `#` the focus
bar and the gutter's one-outlet bar, `:` its dashed bar, `>` the rows of the difference shown, `H`
its counterpart's, `|` the panes' dividers.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter


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
    # Block elements (U+2580-U+259F).
    put("▌▐", "#")  # half blocks: the focus bar, the gutter's one-outlet bar
    put("▍▎▏▕▋▊▉", "|")  # thinner: the panes' dividers, a text box's sides
    put("▀▔", "-")  # upper blocks: hkey and tall borders' tops
    put("▁", "_")  # the lowest eighth: their bottoms
    put("▂▃▄▅▆▇", " ")  # a scroll bar's end (the rest of the bar is coloured spaces)
    put("█▓▒░▙▛▜▟▚▞▖▗▘▝", "#")
    # Marks the app and Textual draw.
    put("★☆●◉", "*")
    put("◀◂◄", "<")
    put("▶▸►", ">")
    put("▼▾", "v")
    put("▲▴", "^")
    put("⟨", "[")  # the editorial brackets round a speaker the app worked out
    put("⟩", "]")
    return table


GLYPHS: Mapping[int, str] = _table()


def is_linux_console(environ: Mapping[str, str]) -> bool:
    """TERM says the Linux console (linux, linux-16color, linux-m...)."""
    term = environ.get("TERM", "")
    return term == "linux" or term.startswith("linux-")


class ConsoleGlyphs(LineFilter):
    """Every drawn line with the console's missing glyphs swapped for their ASCII stand-ins."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        table = GLYPHS
        return [
            Segment(text if text.isascii() else text.translate(table), style, control)
            for text, style, control in segments
        ]
