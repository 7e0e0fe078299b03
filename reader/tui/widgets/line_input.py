"""A one-line text box that keeps all of a multi-line paste (Textual's Input keeps its first line)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from reader.corpus.decode import pasted_line


class LineInput(Input):
    """Every text box of the app: search, filter, the version picker and the export path."""

    def _on_paste(self, event: events.Paste) -> None:
        # A quotation copied from a page often spans lines: all of it, on one line, controls
        # stripped (the core decides how), instead of its first line only.
        text = pasted_line(event.text)
        event.stop()
        event.prevent_default()  # Input's own handler would insert the first line again
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)
