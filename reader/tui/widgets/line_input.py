"""A one-line text box that keeps all of a multi-line paste (Textual's Input keeps its first line)."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from reader.corpus.decode import pasted_line
from reader.tui.keymap import FILTER_BINDINGS


# The most characters a box holds: the longest path Linux takes (PATH_MAX, for the export path);
# a query or a filter is far shorter (the search reads its first 500). A 1 MB paste kept whole
# made each later key take 190 ms (the search box) to 300 ms (the filter): measuring and
# drawing the whole value, and running the search or the filter on it.
MAX_CHARACTERS = 4096
# Of a paste, the characters cleaned beyond the box's room (for what cleaning removes): the rest
# is cut unread. Cleaning all of it first held the app 1.2 s for 1 MB of Cyrillic text, 11 s
# for 10 MB, before all but 4,096 characters were dropped.
CLEANED_BEYOND_ROOM = 4096


def fitted(box: Input, text: str, start: int, end: int) -> str | None:
    """`text` as it may replace `box`'s characters start to end: cleaned (the core decides how:
    one line, no control or invisible character) and cut to the room the box has, which a note
    says (a key typed in a full box rings the bell, as Textual's box does). None: nothing to put."""
    replaced = abs(end - start)
    room = box.max_length - len(box.value) + replaced if box.max_length else len(text)
    read = max(room, 0) + CLEANED_BEYOND_ROOM
    unread = len(text) > read and len(text) > 1
    text = pasted_line(text[:read] if unread else text)
    if not text and start == end and not unread:
        return None  # nothing left to insert (a control typed, an empty paste)
    if len(text) > room and len(text) > 1 or unread:
        kept = min(len(text), max(room, 0))
        held = f"a box holds at most {box.max_length:,} characters"
        said = f"The paste was cut to its first {kept:,} characters: {held}." if kept else f"Nothing pasted: {held}."
        box.notify(said, markup=False)
        text = text[:kept]
    return text


def paste_into(box: Input, text: str) -> None:
    """A paste in place of `box`'s selection (at its cursor): all of it, on one line (fitted). A
    quotation copied from a page often spans lines; Textual's box keeps its first line only."""
    start, end = box.selection
    kept = fitted(box, text, start, end)
    if kept is not None:
        Input.replace(box, kept, start, end)


class LineInput(Input):
    """Every text box of the app's screens: search, filter, the version picker and the export
    path. What reaches it, typed, pasted or from the app's clipboard (ctrl+v), is fitted: one
    line with no control or invisible character, at most MAX_CHARACTERS long, a longer paste
    cut with a note saying so. The command palette's box (Textual's) gets its pastes so too
    (ReaderApp.on_event)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", MAX_CHARACTERS)
        super().__init__(*args, **kwargs)

    def on_resize(self) -> None:
        # A value given at construction (the export path) puts the cursor at its end without
        # scrolling to it: wider than the box, the box showed its start, the cursor and the
        # file's name out of sight, and the first key typed edited what could not be seen.
        if self.cursor_at_end:
            self.scroll_to(x=self.max_scroll_x, animate=False, immediate=True)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own handler would insert the first line again
        paste_into(self, event.text)

    def replace(self, text: str, start: int, end: int) -> None:
        """Every change typed or pasted comes here (insert_text_at_cursor, ctrl+v), fitted."""
        kept = fitted(self, text, start, end)
        if kept is not None:
            super().replace(kept, start, end)


class FittedInput(LineInput):
    """A text box whose placeholder is the longest of its choices that fits its width: a long
    one cut by a narrow box ended mid-list, on a comma ("Filter: words, is:unread, is:starred,")."""

    def __init__(self, placeholders: tuple[str, ...], **kwargs) -> None:
        super().__init__(placeholder=placeholders[0], **kwargs)
        self.placeholders = placeholders  # the longest first; the last is the fallback

    def on_resize(self) -> None:
        self.placeholder = fitting_placeholder(self.placeholders, self.content_size.width)


class FilterInput(FittedInput, inherit_bindings=False):
    """The source list's filter box: Enter (or ↓) and Escape are its own bindings, declared first,
    so that the footer shows them while typing (it showed f1 Help alone)."""

    BINDINGS = FILTER_BINDINGS + [
        binding for binding in Input.BINDINGS if isinstance(binding, Binding) and binding.key not in ("enter", "down")
    ]
    HELP_SECTION = "Filter box"


def fitting_placeholder(placeholders: tuple[str, ...], width: int) -> str:
    """The first of `placeholders` no wider than `width` cells, else the last (the shortest)."""
    from rich.cells import cell_len

    return next((text for text in placeholders if cell_len(text) <= width), placeholders[-1])
