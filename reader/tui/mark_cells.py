"""Spacing combining marks measured in the cell the terminal draws each of them in.

Rich (and so Textual's layout) counts a spacing combining mark (Unicode category Mc: Devanagari's
ा and ी, Tamil's ா, Khmer's ា, Sinhala's ා, Myanmar's ာ) as no cell, part of the letter before it.
Terminals that measure by wcwidth draw it in a cell of its own: tmux 3.3a puts "भारत में चुनाव"
in 11 cells where Rich counted 9, so every row of Hindi, Tamil or Khmer ran past the pane's border
by as many cells as it had such marks (a search's snippets, an article's lines, a title). Thai and
Lao write their vowels with non-spacing marks (Mn), no cell for both, and were never off.

In those terminals (emoji_cells.measures_emoji_apart: tmux, screen, xterm, VTE, the Linux console)
Rich's cell table is given those marks one cell each, before anything is measured.
"""

from __future__ import annotations

import unicodedata

from rich import cells

_ORIGINAL_TABLE = cells.load_cell_table


def _with_spacing_marks(widths) -> tuple[tuple[int, int, int], ...]:
    """Rich's (start, end, cells) ranges with each spacing mark inside a zero-cell range one cell."""
    out: list[tuple[int, int, int]] = []
    for start, end, width in widths:
        if width != 0:
            out.append((start, end, width))
            continue
        for code in range(start, end + 1):
            cell = 1 if unicodedata.category(chr(code)) == "Mc" else 0
            if out and out[-1][1] == code - 1 and out[-1][2] == cell and out[-1][0] >= start:
                out[-1] = (out[-1][0], code, cell)
            else:
                out.append((code, code, cell))
    return tuple(out)


def count_spacing_marks(on: bool = True) -> None:
    """Measure spacing marks one cell each (`on`) or as Rich does (no cell), from now on."""
    if on:
        table = _ORIGINAL_TABLE("auto")
        counted = table._replace(widths=_with_spacing_marks(table.widths))
        # Rich looks its table up by this name on each measure (rich.cells: get_character_cell_size).
        setattr(cells, "load_cell_table", lambda unicode_version="auto": counted)
    else:
        setattr(cells, "load_cell_table", _ORIGINAL_TABLE)
    # Widths measured before are cached by character and by string.
    cells.get_character_cell_size.cache_clear()
    cells.cached_cell_len.cache_clear()
