"""What a mouse selection copies: the article's words, never the marks the screen adds to them
(a gutter's +, ? and ~, a note on text cut), as a reader pasting a quotation expects."""

from __future__ import annotations

from typing import Iterable

from textual.selection import SELECT_ALL, Selection
from textual.widget import Widget

from reader.analysis.compare_layout import ShownSide

_OURS = "\x00"  # stands for a character of ours while the selection is cut out (never in a text shown)


def selected_words(selection: Selection, text: str, ours: Iterable[tuple[int, int]]) -> str:
    """The part of `text` (a widget's rendered text) under `selection`, without the ranges `ours`."""
    masked = list(text)
    for start, end in ours:
        masked[start:end] = _OURS * len(masked[start:end])
    return selection.extract("".join(masked)).replace(_OURS, "")


# -- the compare screen: two articles side by side -------------------------------------------------
# A mouse selection runs in the screen's order, row by row: over the aligned rows it held the
# left cell, then the right, then the next row's left... and a copy interleaved the two articles.
# A reader copying a passage wants one article's words: a selection that starts and ends on one
# side keeps to it; one from one side to the other copies both, one after the other, each under
# its outlet's name.


def side_of(widget: Widget) -> str | None:
    """The side ("left" or "right") whose article a widget shows (None: no article's text)."""
    side = getattr(widget, "side_name", None)
    return side if side in ("left", "right") else None


def one_side(selections: dict[Widget, Selection]) -> dict[Widget, Selection]:
    """`selections` kept to one article's widgets when the selection starts and ends on that
    side, or starts there and ends on no article's text (past the rows, on the divider)."""
    # The widgets where it starts and ends have an offset; those between are selected whole.
    ends = {side_of(widget) for widget, selection in selections.items() if selection != SELECT_ALL} - {None}
    if len(ends) != 1:
        return selections
    (side,) = ends
    return {widget: selection for widget, selection in selections.items() if side_of(widget) in (None, side)}


def sides_text(selections: dict[Widget, Selection]) -> str | None:
    """The text selected over the two articles, each side's words in its order, the two apart
    under their outlets' names when both are selected; None when the selection holds any text
    that is no article's (a title, the summary): the screen's own way then."""
    found: dict[str, list[tuple[int, str]]] = {"left": [], "right": []}
    shown: dict[str, ShownSide] = {}
    for widget, selection in selections.items():
        side = side_of(widget)
        if side is None and not widget.is_attached:
            continue
        # (a cell let go as the rows' window moved on holds its text still: copied all the same)
        picked = widget.get_selection(selection)
        if picked is None or not picked[0]:
            continue
        if side is None:
            return None
        indices = getattr(widget, "indices", None) or [0]
        found[side].append((indices[0], picked[0]))
        shown[side] = widget.side  # type: ignore[attr-defined]
    texts = {side: _joined(pieces, shown[side]) for side, pieces in found.items() if pieces}
    if len(texts) < 2:
        return next(iter(texts.values()), None)
    left, right = shown["left"], shown["right"]
    same = (left.outlet or "") == (right.outlet or "")
    return "\n\n".join(f"{_heading(shown[side], same)}\n{texts[side]}" for side in ("left", "right"))


def _joined(pieces: list[tuple[int, str]], side: ShownSide) -> str:
    """One side's selected cells in the article's order: a line break between two, a blank line
    before a cell that opens a paragraph."""
    out: list[str] = []
    for n, (first, text) in enumerate(sorted(pieces, key=lambda piece: piece[0])):
        if n:
            out.append("\n\n" if first in side.paragraph_starts else "\n")
        out.append(text)
    return "".join(out)


def _heading(side: ShownSide, same_outlet: bool) -> str:
    """`Outlet:` above a side's words (`Outlet — Title:` when both sides are of one outlet)."""
    outlet = " ".join((side.outlet or "").split())
    title = " ".join((side.title or side.id or "untitled").split())
    if not outlet:
        return f"{title}:"
    return f"{outlet} — {title}:" if same_outlet else f"{outlet}:"
