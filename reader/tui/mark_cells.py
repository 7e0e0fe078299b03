"""Spacing combining marks measured in the cell the terminal draws each of them in.

Rich (and so Textual's layout) counts a spacing combining mark (Unicode category Mc: Devanagari's
ा and ी, Tamil's ா, Khmer's ា, Sinhala's ා, Myanmar's ာ) as no cell, part of the letter before it.
Terminals that measure by wcwidth draw it in a cell of its own: tmux 3.3a puts "भारत में चुनाव"
in 11 cells where Rich counted 9, so every row of Hindi, Tamil or Khmer ran past the pane's border
by as many cells as it had such marks (a search's snippets, an article's lines, a title). Thai and
Lao write their vowels with non-spacing marks (Mn), no cell for both, and were never off.

In those terminals (emoji_cells.measures_emoji_apart: tmux, screen, xterm, VTE, the Linux console)
Rich's cell table is given those marks one cell each, before anything is measured.
READER_MARKS overrides the guess: `cell` gives each mark a cell everywhere, `none` never.

Rich has no documented hook for a character's width: its table is replaced where rich.cells looks
it up on each measure. Where that lookup is not as this module knows it (another Rich), nothing
is changed, and a mark is measured as Rich measures it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from rich import cells
from textual.content import Content

from reader.tui.env_choice import forced_choice

# Rich's own lookup of its table, as imported (None in a Rich without it).
_ORIGINAL_TABLE = getattr(cells, "load_cell_table", None)

MARKS_VARIABLE = "READER_MARKS"
MARKS_CHOICES = ("cell", "none")

_A_SPACING_MARK = "\u093e"  # Devanagari's ा: what a working patch measures as a cell


def _cells_of(char: str) -> int:
    """A spacing mark's cells as wcwidth counts them (two for the wide ones: Hangul's tone
    marks 〮 and 〯), any other character's none (it stays in a zero-cell range)."""
    if unicodedata.category(char) != "Mc":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _with_spacing_marks(widths) -> tuple[tuple[int, int, int], ...]:
    """Rich's (start, end, cells) ranges with each spacing mark inside a zero-cell range given
    its cells (_cells_of)."""
    out: list[tuple[int, int, int]] = []
    for start, end, width in widths:
        if width != 0:
            out.append((start, end, width))
            continue
        for code in range(start, end + 1):
            cell = _cells_of(chr(code))
            if out and out[-1][1] == code - 1 and out[-1][2] == cell and out[-1][0] >= start:
                out[-1] = (out[-1][0], code, cell)
            else:
                out.append((code, code, cell))
    return tuple(out)


def _clear_measures() -> None:
    # Widths measured before are cached by character and by string.
    for name in ("get_character_cell_size", "cached_cell_len"):
        cache_clear = getattr(getattr(cells, name, None), "cache_clear", None)
        if cache_clear is not None:
            cache_clear()


def count_spacing_marks(on: bool = True) -> bool:
    """Measure spacing marks one cell each (`on`) or as Rich does (no cell), from now on.
    Whether they are measured as asked: not where this Rich looks its table up otherwise (then
    Rich's measures are left as they were)."""
    if not on:
        if _ORIGINAL_TABLE is not None:
            setattr(cells, "load_cell_table", _ORIGINAL_TABLE)
        _clear_measures()
        return True
    if _ORIGINAL_TABLE is None:
        return False
    counted_tables: dict[str, object] = {}

    def counted(unicode_version: str = "auto"):
        if unicode_version not in counted_tables:
            table = _ORIGINAL_TABLE(unicode_version)
            counted_tables[unicode_version] = table._replace(widths=_with_spacing_marks(table.widths))
        return counted_tables[unicode_version]

    try:
        counted()
    except Exception:  # a table of another shape: Rich's measures stay
        return False
    # Rich looks its table up by this name on each measure (rich.cells: get_character_cell_size).
    setattr(cells, "load_cell_table", counted)
    _clear_measures()
    try:
        measured = cells.cell_len(_A_SPACING_MARK)
    except Exception:
        measured = None
    if measured != 1:  # this Rich measures without the table it was given: leave it as it was
        count_spacing_marks(False)
        return False
    return True


def marks_counted_wanted(environ: Mapping[str, str], measures_apart: bool) -> tuple[bool, str | None]:
    """Whether to give each spacing mark a cell (READER_MARKS=cell or none says, else
    `measures_apart`: whether the terminal measures by wcwidth, as emoji_cells guesses it), and
    the problem with a READER_MARKS that is neither (the terminal decides then)."""
    return forced_choice(environ, MARKS_VARIABLE, MARKS_CHOICES, measures_apart, "the terminal")


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def wrapped_whole(content: Content, width: int) -> list[Content]:
    """`content` (one line) wrapped as Content.wrap wraps it, but never starting a row with a
    combining mark: Rich folds a word wider than the row between any two characters, and once a
    spacing mark is measured a cell (count_spacing_marks) it put ा alone at a row's start, drawn
    on nothing, its letter at the end of the row above. A letter goes down with its marks."""
    try:  # what Content.wrap cuts a line with: Rich's private helper, which a later Rich may drop
        from rich._wrap import divide_line
    except ImportError:
        return content.wrap(width)  # rows as Textual wraps them (a mark may start one, as before)

    text = content.plain
    width = max(1, width)
    cuts: list[int] = []
    pending = divide_line(text, width, fold=True)
    while pending:
        cut = pending.pop(0)
        if not _is_mark(text[cut]):
            cuts.append(cut)
            continue
        start = cuts[-1] if cuts else 0
        letter = cut
        while letter > start and _is_mark(text[letter - 1]):
            letter -= 1
        if letter - 1 > start:
            cut = letter - 1  # the letter the marks are on goes down with them
        else:  # a letter and its marks wider than the row: they keep it whole
            while cut < len(text) and _is_mark(text[cut]):
                cut += 1
            if cut == len(text):
                break
        cuts.append(cut)
        pending = [cut + offset for offset in divide_line(text[cut:], width, fold=True)]
    rows = content.divide(cuts)
    # As Content.wrap: a row cut at spaces without them, each cut to the width.
    return [(row if k == len(rows) - 1 else row.rstrip()).truncate(width) for k, row in enumerate(rows)]
