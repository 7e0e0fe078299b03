"""A virtual grid for the coverage view: only the visible lines are drawn, so 10,000 stories open
at once (a DataTable measures every row: seconds at that size).

The owner gives columns, how many of them stay fixed on the left when the rest scroll
horizontally, a row count, and `cell(row, column) -> (text, component class)`. Text is drawn as
plain segments (never markup) and cropped to the column with an ellipsis. One header line stays
on top. The arrow keys, PgUp/PgDn and Home/End move a cell cursor, which the view follows; the
wheel and the scrollbars move the view, and the cursor follows it, staying on screen (a key after
the wheel went on from the top of the list, the view jumping back there). A click on a cell moves
the cursor there and does what Enter does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.tui.drawn_style import drawn_rich_style
from reader.tui.keymap import LIST_BINDINGS
from reader.tui.safe import cut

PADDING = 1  # blank cells either side of every column
FOCUS_BAR = 1  # the grid's left border: the focus bar (blank without the focus)
REVERSED = Style(reverse=True)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int
    justify: str = "left"  # or "right", "center"


def fit(text: str, width: int, justify: str = "left") -> str:
    """`text` in exactly `width` cells: cropped with an ellipsis, or padded."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        text = cut(text, width)  # a story's title cut between words
    gap = width - cell_len(text)
    if justify == "right":
        return " " * gap + text
    if justify == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


class CoverageGrid(ScrollView, can_focus=True):
    BINDINGS = LIST_BINDINGS  # j / k, as in every list
    HELP_SECTION = "Coverage grid"
    COMPONENT_CLASSES = {
        "coverage-grid--header",
        "coverage-grid--cursor",
        "coverage-grid--cursor-row",
        "coverage-grid--mark",
        "coverage-grid--missing",
        "coverage-grid--chosen",
        "coverage-grid--dim",
    }
    DEFAULT_CSS = """
    /* The focus bar of every list (app.tcss): which pane has the focus, said without colour too. */
    CoverageGrid { background: $surface; border-left: blank; }
    CoverageGrid:focus { border-left: outer $accent; }
    CoverageGrid > .coverage-grid--header { text-style: bold; background: $panel; }
    CoverageGrid > .coverage-grid--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    CoverageGrid:blur > .coverage-grid--cursor { background: $block-cursor-blurred-background; text-style: none; }
    CoverageGrid > .coverage-grid--cursor-row { background: $boost; }
    CoverageGrid > .coverage-grid--mark { text-style: bold; }
    CoverageGrid > .coverage-grid--missing { color: $text-muted; }
    CoverageGrid > .coverage-grid--chosen { color: $warning; text-style: bold reverse; }
    CoverageGrid > .coverage-grid--dim { color: $text-muted; }
    """

    @dataclass
    class Highlighted(Message):
        row: int
        column: int

    @dataclass
    class Selected(Message):
        row: int
        column: int

    @dataclass
    class HeaderClicked(Message):
        column: int

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = []
        self.fixed = 0
        self.row_count = 0
        self.cell: Callable[[int, int], tuple[str, str]] = lambda row, column: ("", "")
        self.cursor_row = 0
        self.cursor_column = 0
        self._following_cursor = False  # the view is being scrolled to the cursor, not by the user

    # -- data --------------------------------------------------------------------------------
    def set_data(
        self, columns: list[Column], fixed: int, row_count: int, cell: Callable[[int, int], tuple[str, str]]
    ) -> None:
        self.columns = list(columns)
        self.fixed = min(fixed, len(self.columns))
        self.row_count = row_count
        self.cell = cell
        self._update_virtual_size()
        self.cursor_row = min(self.cursor_row, max(row_count - 1, 0))
        self.cursor_column = min(self.cursor_column, max(len(self.columns) - 1, 0))
        self.refresh()

    def _update_virtual_size(self) -> None:
        width = self._fixed_width + self._scroll_width
        if width > self.size.width:
            # One column of slack on the right, so the view can always stop on a column's edge.
            width += max((self._span(c) for c in self.columns[self.fixed :]), default=0)
        self.virtual_size = Size(width, self.row_count + 1)

    @staticmethod
    def _span(column: Column) -> int:
        return column.width + 2 * PADDING

    @property
    def _fixed_width(self) -> int:
        return sum(self._span(c) for c in self.columns[: self.fixed])

    @property
    def _scroll_width(self) -> int:
        return sum(self._span(c) for c in self.columns[self.fixed :])

    # -- drawing -----------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        return drawn_rich_style(self, name) if name else Style()

    def _cells(self, columns: list[Column], first: int, row: int | None) -> list[Segment]:
        segments: list[Segment] = []
        cursor_row = row is not None and row == self.cursor_row and self.row_count > 0
        row_style = self._style("coverage-grid--cursor-row") if cursor_row else Style()
        for offset, column in enumerate(columns):
            index = first + offset
            if row is None:
                text, name = column.title, "coverage-grid--header"
            else:
                text, name = self.cell(row, index)
            style = row_style + self._style(name)
            if cursor_row and index == self.cursor_column:
                style = style + self._style("coverage-grid--cursor")
                if self.app.no_color and self.has_focus:
                    # NO_COLOR leaves the cursor's bold only, which its bold marks have too;
                    # reversed, as the comparison's selected sentence is (compare.tcss).
                    style = style + REVERSED
            pad = " " * PADDING
            segments.append(Segment(pad + fit(text, column.width, column.justify) + pad, style))
        return segments

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = self.scroll_offset
        header = y == 0
        row = None if header else scroll_y + y - 1
        base = self._style("coverage-grid--header") if header else self.rich_style
        if row is not None and row >= self.row_count:
            return Strip.blank(width, self.rich_style)
        fixed = Strip(self._cells(self.columns[: self.fixed], 0, row), self._fixed_width)
        moving = Strip(self._cells(self.columns[self.fixed :], self.fixed, row), self._scroll_width)
        room = max(width - self._fixed_width, 0)
        moving = moving.crop(scroll_x, scroll_x + room)
        line = Strip.join([fixed, moving]).crop(0, width)
        return line.extend_cell_length(width, base)

    # -- the cursor --------------------------------------------------------------------------
    @property
    def _body_height(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def move_cursor(self, row: int | None = None, column: int | None = None) -> None:
        if not self.columns:
            return
        row = self.cursor_row if row is None else row
        column = self.cursor_column if column is None else column
        row = max(0, min(row, self.row_count - 1)) if self.row_count else 0
        column = max(0, min(column, len(self.columns) - 1))
        changed = (row, column) != (self.cursor_row, self.cursor_column)
        self.cursor_row, self.cursor_column = row, column
        self._scroll_to_cursor()
        self.refresh()
        if changed:
            self.post_message(self.Highlighted(row, column))

    def _scroll_to_cursor(self) -> None:
        if not self.columns:
            return
        x, y = self.scroll_offset
        row, column = self.cursor_row, self.cursor_column
        height = self._body_height
        if row < y - height or row >= y + 2 * height:
            # A jump (a story chosen elsewhere, a sort): the cursor's row mid-view, with its
            # neighbours in sight, rather than on the last line.
            y = max(0, min(row - height // 2, self.row_count - height))
        elif row < y:
            y = row
        elif row >= y + height:
            y = row - height + 1
        if column >= self.fixed:
            starts = [0]
            for c in self.columns[self.fixed :]:
                starts.append(starts[-1] + self._span(c))
            start, end = starts[column - self.fixed], starts[column - self.fixed + 1]
            room = max(self.scrollable_content_region.width - self._fixed_width, 1)
            if start < x:
                x = start
            elif end > x + room:
                # the first column edge that brings the cursor in: no half-drawn column on the left
                x = next((s for s in starts if s >= end - room), start)
        self._following_cursor = True
        try:
            self.scroll_to(x, y, animate=False, immediate=True)
        finally:
            self._following_cursor = False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._cursor_into_view()

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        self._cursor_into_view()

    def _cursor_into_view(self) -> None:
        """The view was moved (the wheel, a scrollbar): the cursor moves the least that keeps it
        on screen, so the next key goes on from what is shown."""
        if self._following_cursor or not self.columns or not self.row_count:
            return
        x, y = self.scroll_offset
        row = max(y, min(self.cursor_row, y + self._body_height - 1, self.row_count - 1))
        column = self.cursor_column
        if column >= self.fixed:
            shown = self._columns_in_view(x)
            if shown and column not in shown:
                column = shown[0] if column < shown[0] else shown[-1]
        if (row, column) != (self.cursor_row, self.cursor_column):
            self.cursor_row, self.cursor_column = row, column
            self.refresh()
            self.post_message(self.Highlighted(row, column))

    def _columns_in_view(self, x: int) -> list[int]:
        """The scrolling columns drawn whole when the view starts `x` cells in."""
        room = max(self.scrollable_content_region.width - self._fixed_width, 1)
        shown, start = [], 0
        for index, column in enumerate(self.columns[self.fixed :], self.fixed):
            end = start + self._span(column)
            if start >= x and end <= x + room:
                shown.append(index)
            start = end
        return shown

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self.call_after_refresh(self._scroll_to_cursor)

    # The container's scroll keys move the cursor instead (the view follows it).
    def action_scroll_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_scroll_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_scroll_left(self) -> None:
        self.move_cursor(column=self.cursor_column - 1)

    def action_scroll_right(self) -> None:
        self.move_cursor(column=self.cursor_column + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - self._body_height)

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + self._body_height)

    def action_scroll_home(self) -> None:
        self.move_cursor(row=0)

    def action_scroll_end(self) -> None:
        self.move_cursor(row=self.row_count - 1)

    def on_click(self, event: events.Click) -> None:
        """A click on a cell moves the cursor there and chooses it (as Enter does); on a column's
        header, says which (HeaderClicked)."""
        offset = event.get_content_offset(self)
        if offset is not None and offset.y == 0:  # the header: its column (a sort key, say)
            column = self._column_at(offset.x)
            if column is not None:
                event.stop()
                self.post_message(self.HeaderClicked(column))
            return
        if offset is None or offset.y < 1 or not self.row_count:
            return
        row = self.scroll_offset.y + offset.y - 1
        column = self._column_at(offset.x)
        if row >= self.row_count or column is None:
            return
        event.stop()
        self.move_cursor(row, column)
        self.post_message(self.Selected(row, column))

    def _column_at(self, x: int) -> int | None:
        if x < self._fixed_width:
            left, columns, first = x, self.columns[: self.fixed], 0
        else:
            left, columns, first = self.scroll_offset.x + x - self._fixed_width, self.columns[self.fixed :], self.fixed
        for offset, column in enumerate(columns):
            if left < self._span(column):
                return first + offset
            left -= self._span(column)
        return None
