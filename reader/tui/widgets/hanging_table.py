"""Rows of a key (or an example) and its meaning, the meaning wrapped under itself.

A Static wraps a long meaning back to the left edge, under the keys, where it reads as the next
key's; this widget lays each row out at its own width, so a wrapped line starts under the first.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

# A line of its own (a heading, a blank line), or a row: (key, meaning).
Entry = Content | tuple[Content, Content]

INDENT = 2  # before each key
GAP = 2  # between the key column and the meanings
MIN_MEANING = 20  # the meanings' column never gets narrower: below, each meaning goes under its key


class HangingTable(Widget):
    DEFAULT_CSS = """
    HangingTable { height: auto; }
    """

    def __init__(self, entries: list[Entry], *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries = entries

    def lines(self, width: int) -> Content:
        """Every entry laid out for `width` cells; the key column is as wide as the widest key of
        the rows between two lines of their own."""
        out: list[Content] = []
        run: list[tuple[Content, Content]] = []

        def flush() -> None:
            if not run:
                return
            key_width = max(key.cell_length for key, _ in run)
            meaning_width = width - INDENT - key_width - GAP
            if meaning_width < MIN_MEANING:
                # Too narrow for two columns (a 40-column terminal): lines wider than the widget
                # were wrapped again by Textual, a word or two alone on a line under the keys.
                hang = Content(" " * (2 * INDENT))
                for key, meaning in run:
                    out.extend((Content(" " * INDENT) + line).rstrip() for line in key.wrap(max(1, width - INDENT)))
                    out.extend(hang + line.rstrip() for line in meaning.wrap(max(1, width - 2 * INDENT)))
                run.clear()
                return
            hang = Content(" " * (INDENT + key_width + GAP))
            for key, meaning in run:
                wrapped = meaning.wrap(meaning_width) or [Content("")]
                lead = Content(" " * INDENT) + key + Content(" " * (key_width - key.cell_length + GAP))
                out.append((lead + wrapped[0]).rstrip())
                out.extend(hang + line.rstrip() for line in wrapped[1:])
            run.clear()

        for entry in self.entries:
            if isinstance(entry, tuple):
                run.append(entry)
            else:
                flush()
                out.append(entry)
        flush()
        return Content("\n").join(out)

    def render(self) -> Content:
        return self.lines(self.content_size.width or 80)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.lines(width).plain.split("\n"))
