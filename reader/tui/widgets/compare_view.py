"""Widgets of the compare screen: aligned rows of two outlets' sentences, titles and a summary bar.

Article strings never reach a markup parser: every cell is a `Content` built from the literal text,
styled by offsets; highlight colours come from CSS component classes (themes and NO_COLOR apply).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Callable, Sequence

from textual import events
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.selection import Selection
from textual.style import Style
from textual.widget import Widget

from reader.tui import safe
from reader.tui.copying import selected_words
from reader.tui.keymap import READER_BINDINGS, key_hint
from reader.analysis.compare_layout import (
    same_text_note,
    ALIGNED,
    GAP,
    VISIT_NAMES,
    VISIT_ONE,
    VISITS,
    GUTTER,
    CompareModel,
    Difference,
    Mark,
    Row,
    ShownSide,
    cell_spans,
    kept_run_words,
    mark_class,
    row_summary,
)
from reader.analysis.compare_terms import DIFFERENT_STORIES, MARKS, POSSIBLE, POSSIBLY_TOLD, QUOTE_KINDS, strength
from reader.analysis.figures import told_loosely
from reader.wording import NOTHING_STRESSED, counted
from reader.sentence_numbers import sentence_label
from reader.corpus.model import Article

# The body mounts rows CHUNK at a time, and keeps at most MAX_ROWS of them mounted (more only for the
# rows on screen and a view's height each side, on a tall terminal): scrolling past them drops those
# farthest from the view, a window that moves with the view. Every row can be reached. Each row
# mounted costs every resize its arranging: with MAX_ROWS 2,000, 1,000 rows read down took 3.4 s CPU
# a resize, 180 take 0.8 s (bench_compare_resize.py, load 10 on 2 CPUs; docs/scale.md).
CHUNK = 60
MAX_ROWS = 3 * CHUNK
# A jump (or Home / End) this many rows past those mounted shows the rows around its target
# instead: mounting every row before it froze the screen for seconds (1,500 rows: 15 s).
FAR = 2 * CHUNK
# ... and a cell at most this many characters.
MAX_CELL_CHARS = 4000
# ... and the summary quotes a difference's reasons in at most this many characters.
REASONS_CHARS = 140
# Below this many rows (an 80x24 terminal) the summary bar is compact: its parts flow on (the
# sides named by the titles' ◀ and ▶, not by outlet) in at most SHORT_SUMMARY_LINES lines (three
# for most pairs), where a line each took five of 24 rows and left the panes little; a taller one
# has up to SUMMARY_LINES.
SHORT_HEIGHT = 30
SHORT_SUMMARY_LINES = 4
SUMMARY_LINES = 6
# Stacked (a terminal under 80 columns: compare.tcss) the bar is compact too, in two lines on a
# short terminal (where the stacked titles take two more) and SHORT_SUMMARY_LINES on a taller one.
NARROW_SUMMARY_LINES = 2


class ArrangedByTheBody(Widget):
    """A row or a cell: sized by the body's arrangement, which arranges a row's cells with it.

    Textual's widget asks for a layout pass of its own whenever its virtual size changes (the
    reactive's layout=True): after a resize, the 360 widgets of a 120-row comparison asked for two
    more passes over every row mounted, each redoing what the pass that sized them had done. Here
    the virtual size repaints only, but a widget sized for the first time (mounted) still asks, as
    Textual has it: session 58's rows that never asked failed the held-down PgDn test
    (test_tui_compare_windows). A Textual that asks some other way fails the resize test's count.
    """

    virtual_size = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, old: Size, _new: Size) -> None:
        if not old:
            self.refresh(layout=True)


class CompareCell(ArrangedByTheBody):
    """One side of one row: the sentences, shared quotes and differing figures highlighted."""

    DEFAULT_CSS = """
    CompareCell { width: 1fr; height: auto; }
    """

    def __init__(
        self, side: ShownSide, indices: list[int], status: str, export_key: str = "e", note: str = "", **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.side = side
        self.indices = indices
        self.status = status
        self.export_key = export_key
        self.note = note  # shown in place of the sentences: a run kept word for word, folded
        self.cut_at: int | None = None  # where a note of ours follows a sentence cut short (_spans)
        self.number = ""  # its sentences' numbers, padded to the side's widest (# shows them)
        self.text, self.spans = self._spans(())
        if status:
            self.add_class(f"-{status}")
        if not indices:
            self.add_class("-empty")

    def _spans(self, extra: Sequence[Mark]) -> tuple[str, list[tuple[int, int, Mark]]]:
        if self.note:
            return self.note, []
        text, spans = cell_spans(self.side, self.indices, extra=extra) if self.indices else ("", [])
        if len(text) > MAX_CELL_CHARS:  # one enormous "sentence": show its start only
            hidden = len(text) - MAX_CELL_CHARS
            self.cut_at = MAX_CELL_CHARS
            text = (
                text[:MAX_CELL_CHARS]
                + f" … ({hidden:,} more characters; press {self.export_key} to export the whole comparison)"
            )
            spans = [(s, min(e, MAX_CELL_CHARS), m) for s, e, m in spans if s < MAX_CELL_CHARS]
        return text, spans

    def show_shared(self, marks: Sequence[Mark]) -> None:
        """Highlight the words this cell shares with its linked partner (no marks: none)."""
        self.spans = self._spans(marks)[1]
        self.refresh()

    def show_number(self, number: str) -> None:
        """Lead the cell with `number` ("L12 ", padded; "": no number)."""
        if number != self.number:
            self.number = number
            self.refresh(layout=True)

    sibling: "CompareCell | None" = None
    row_index = -1  # the model row it is a cell of (set by its CompareRow)

    @property
    def side_name(self) -> str:
        """The side it shows, "left" or "right" (a copy keeps to one: reader.tui.copying)."""
        return "left" if self.has_class("-left") else "right"

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The article's words selected: not the gutter's mark, nor the note on a sentence cut."""
        if not self.indices:
            return None  # the empty side of a gap row: no line of its own in a copy
        if self.note:  # a folded run: its sentences, whole (the note is ours)
            return cell_spans(self.side, self.indices)[0], "\n"
        prefix = len(self.number) + len(GUTTER.get(self.status, ""))
        ours = [(0, prefix)]
        if self.cut_at is not None:
            ours.append((prefix + self.cut_at, prefix + len(self.text)))
        return selected_words(selection, self.number + GUTTER.get(self.status, "") + self.text, ours), "\n"

    def get_content_height(self, container, viewport, width: int) -> int:
        """As tall as the other side of the row when the two are side by side."""
        own = super().get_content_height(container, viewport, width)
        sibling = self.sibling
        if sibling is None or self.screen.has_class("-narrow"):
            return own
        sibling_width = width + self.styles.gutter.width - sibling.styles.gutter.width
        other = Widget.get_content_height(sibling, container, viewport, max(1, sibling_width))
        return max(own, other)

    def render(self) -> Content:
        owner = next((a for a in self.ancestors if isinstance(a, CompareBody)), None)
        if owner is None:  # not in a body (not mounted yet): no highlight styles to use
            return safe.spans_content(self.text, [])
        styles = {}
        spans = []
        for start, end, mark in self.spans:
            name = mark_class(mark.kind)
            if name not in styles:
                styles[name] = mark_style(owner, name)
            spans.append((start, end, styles[name]))
        body = safe.spans_content(self.text, spans)
        prefix = GUTTER.get(self.status, "")
        if prefix:
            gutter = owner.get_visual_style(f"compare--gutter-{self.status}")
            body = Content(prefix).stylize(gutter) + body
        if self.number:
            body = Content(self.number).stylize(owner.get_visual_style("compare--number")) + body
        return body


def mark_style(widget: Widget, name: str) -> Style:
    """The style of a mark's component class. Shared words keep the row's background (the row
    shown is highlighted, and they are in it): only their own text style and colour apply.
    Textual's visual style drops `reverse`: taken back from the class, so a figure that differs
    (and the sentence selected, both articles whole) reads without colour."""
    if name != "compare--shared":
        style = widget.get_visual_style(name)
        if widget.get_component_styles(name).text_style.reverse:
            style = replace(style, reverse=True)
        return style
    own = widget.get_visual_style(name, partial=True)
    return replace(own, background=None, foreground=own.foreground if own.foreground and own.foreground.a else None)


class CompareRow(ArrangedByTheBody):
    """A row: the left cell and the right cell, side by side (stacked when the screen is narrow).

    Side by side, both cells take the height of the taller one (the gutter and the divider run
    down the whole row): see `CompareCell.get_content_height`.
    """

    DEFAULT_CSS = """
    CompareRow { layout: horizontal; height: auto; }
    """

    def __init__(self, model: CompareModel, row: Row, index: int, export_key: str = "e", fold_key: str = "z") -> None:
        classes = "-gap" if row.kind == GAP else "-aligned"
        classes += " -odd" if index % 2 else ""
        if row.reasons:
            classes += " -difference"
        if row.kept:
            classes += " -kept"
        super().__init__(classes=classes)
        self.row = row
        self.index = index
        self.has_shared = False  # its links' shared words are highlighted
        notes = kept_notes(row, fold_key) if row.kept else ("", "")
        self.left_cell = CompareCell(model.left, row.left, row.left_status, export_key, notes[0], classes="-left")
        self.right_cell = CompareCell(model.right, row.right, row.right_status, export_key, notes[1], classes="-right")
        self.left_cell.sibling, self.right_cell.sibling = self.right_cell, self.left_cell
        self.left_cell.row_index = self.right_cell.row_index = index
        # Every row says its sentences' numbers (those of reader compare's text and JSON), then
        # why it is a difference; outlet names and sentence openings: never markup.
        self.tooltip = safe.content(row_name(model, row, "\n"))

    class Clicked(Message):
        """The row was clicked: the screen selects it."""

        def __init__(self, row: "CompareRow") -> None:
            super().__init__()
            self.row = row

    def compose(self):
        yield self.left_cell
        yield self.right_cell

    def on_click(self, event: events.Click) -> None:
        self.post_message(self.Clicked(self))


def kept_notes(row: Row, fold_key: str) -> tuple[str, str]:
    """What the two cells of a folded row say in place of its sentences (kept_run_words's words)."""
    left, right, said = kept_run_words(row.left[0], row.right[0], row.kept)
    return f"⋯ {left} = {right}: {said}", f"⋯ {fold_key} shows {'them' if row.kept > 1 else 'it'}"


class CompareBody(VerticalScroll, can_focus=True):
    """The scrolling rows; one scroll moves both sides.

    Rows are mounted lazily, CHUNK at a time: the first ones at once, more when the view nears the
    end or a jump needs them, so a long comparison never freezes the screen. A jump far ahead (or
    back) shows the rows around its target only, from `start`; more come above when the view
    reaches their top. The highlight styles are component classes of the body (one set for every
    cell: cheap to style, same on both sides).
    """

    BINDINGS = READER_BINDINGS  # j / k scroll, as in the article
    HELP_SECTION = "Comparison"  # the sync panes' j and k too: one section in the help

    COMPONENT_CLASSES = {
        "compare--quote-exact",
        "compare--quote-fragment",
        "compare--quote-altered",
        "compare--quote-censored",
        "compare--figure",
        "compare--framing",
        "compare--name",
        "compare--shared",
        "compare--gutter-only",
        "compare--gutter-moved",
        "compare--gutter-possible",
        "compare--gutter-weak",
        "compare--gutter-skipped",
        "compare--number",
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.numbers = False  # each cell led by its sentences' numbers (#)
        self.number_widths = (0, 0)  # the widest number label of each side, left and right
        self.model: CompareModel | None = None
        self.rows: list[CompareRow] = []  # the mounted rows: model rows start, start + 1, ...
        self.start = 0
        self.limit = 0
        self.current = (-1, -1)  # the rows of the difference being shown (inclusive)
        self.partner = -1  # the row of the counterpart being visited
        self.shared = (-1, -1)  # the rows whose links' shared words are highlighted (inclusive)
        self._growing = False
        self._grows = 0  # grows started so far: a late _grown of an earlier one is told apart
        self._placing = 0  # the grow whose rows are mounted, waiting for the refresh that places them
        # One change of the rows mounted at a time: the screen's keys (] held down) and the body's
        # own growing as it scrolls run apart and await between their steps; interleaved, a row
        # list was mounted over another (rows left in the body, out of order, none of them current).
        self._mounting = asyncio.Lock()
        self.scrolls_pending = 0  # row_to_top scrolls waiting for the next refresh
        self._scrolls_asked = 0  # row_to_top / row_into_view / Home / End scrolls asked for so far
        self._pages = 0  # pages down (up: < 0) asked for and not scrolled yet: rows past them to load first
        self._jumped_to: list[CompareRow] = []  # the rows of the row_to_top / row_into_view scrolls pending
        # The rows on screen when last scrolled at the size they were seen at (view_seen), for a
        # resize to keep the reader's place: a scroll clamped to the rows re-wrapped at a new
        # size (before on_resize) is not the reader's.
        self.view_seen: tuple[int, int] | None = None
        self._seen_size: tuple[int, int] | None = None
        self._view_said: tuple[tuple[int, int] | None, int] | None = None  # (rows in view, of) said last

    class ViewMoved(Message):
        """The rows in view changed: `shown` (first, last) model rows, of `total` (None: no row)."""

        def __init__(self, shown: tuple[int, int] | None, total: int) -> None:
            super().__init__()
            self.shown = shown
            self.total = total

    def _say_view(self) -> None:
        """Post ViewMoved when the rows in view are not those said last: the screen's "rows N–M
        of T" (the scrollbar measures the rows mounted only, a window of a long comparison)."""
        view = (self.rows_in_view() if self.rows else None), self.limit
        if view != self._view_said:
            self._view_said = view
            self.post_message(self.ViewMoved(*view))

    def watch_has_focus(self, _has_focus: bool) -> None:
        # The body's own style only: no rule styles a row or cell by the body's focus, and
        # Textual's restyled every one mounted (up to MAX_ROWS rows) at each m, Tab or click.
        self.app.stylesheet.update_nodes([self], animate=True)

    def row_widget(self, index: int) -> CompareRow | None:
        """The widget of model row `index`, when it is mounted."""
        k = index - self.start
        return self.rows[k] if 0 <= k < len(self.rows) else None

    def row_to_top(self, index: int) -> None:
        """Scroll row `index` (mounted) to the top, after the next refresh: rows mounted or
        re-wrapped just now have no place on the screen yet."""
        self._scroll_to_row(index, top=True)

    def row_into_view(self, index: int) -> None:
        """Scroll row `index` (mounted) just into view (not when it is), after the next refresh
        as row_to_top does."""
        self._scroll_to_row(index, top=False)

    def _scroll_to_row(self, index: int, top: bool) -> None:
        row = self.row_widget(index)
        if row is not None:

            def scroll() -> None:
                self.scrolls_pending = max(0, self.scrolls_pending - 1)
                self._jumped_to.remove(row)
                if row in self.rows:  # not since unmounted (another jump came first)
                    # at once: deferred, the next ] (held down) saw the view not there yet, as if
                    # scrolled away from the difference, and went on from the view
                    self.scroll_to_widget(row, animate=False, top=top, immediate=True)

            self.scrolls_pending += 1
            self._jumped_to.append(row)
            self._scrolls_asked += 1
            self._pages = 0  # (pages asked before it would go on from the row it shows)
            self.call_after_refresh(scroll)

    def on_resize(self, event: events.Resize) -> None:
        self._seen_size = (self.size.width, self.size.height)
        self.call_after_refresh(self._say_view)  # the rows re-wrapped: more or fewer in view

    def rows_in_view(self) -> tuple[int, int] | None:
        """The model indices of the first and the last row on screen (None: none mounted there)."""
        top = self.scroll_y
        bottom = top + self.scrollable_content_region.height
        shown = [row.index for row in self.rows if row.virtual_region.y < bottom and row.virtual_region.bottom > top]
        return (shown[0], shown[-1]) if shown else None

    def mark_partner(self, index: int | None) -> None:
        """Highlight row `index` as the counterpart being visited (None: no row)."""
        self.partner = -1 if index is None else index
        for row in self.rows:
            row.set_class(row.index == self.partner, "-partner")

    def mark_current(self, first: int, last: int) -> None:
        """Highlight rows first..last (those mounted now, and those mounted later)."""
        self.current = (first, last)
        for row in self.rows:
            row.set_class(first <= row.index <= last, "-current")

    def show_shared(self, first: int, last: int) -> None:
        """Highlight the shared words of the links in rows first..last (-1, -1: none), on the rows
        mounted now and those mounted later."""
        self.shared = (first, last)
        for row in self.rows:
            self._apply_shared(row)

    def show_numbers(self, on: bool) -> None:
        """Lead every cell with its sentences' numbers (on) or not, mounted rows and later ones."""
        self.numbers = on
        for row in self.rows:
            self._apply_numbers(row)

    def _apply_numbers(self, row: CompareRow) -> None:
        for cell, side, width in (
            (row.left_cell, "left", self.number_widths[0]),
            (row.right_cell, "right", self.number_widths[1]),
        ):
            # padded to the side's widest, so that every row's text starts in one column
            cell.show_number(sentence_label(side, cell.indices).ljust(width) + " " if self.numbers else "")

    def _apply_shared(self, row: CompareRow) -> None:
        on = self.shared[0] <= row.index <= self.shared[1] and row.row.kind == ALIGNED and not row.row.kept
        if on and self.model is not None:
            evidence = self.model.evidence(row.index)
            row.left_cell.show_shared(evidence.left)
            row.right_cell.show_shared(evidence.right)
            row.has_shared = True
        elif row.has_shared:
            row.left_cell.show_shared(())
            row.right_cell.show_shared(())
            row.has_shared = False

    async def show(self, model: CompareModel) -> None:
        """Replace the rows with the model's (the first CHUNK of them; more on demand)."""
        async with self._mounting:
            await self._show(model)

    async def _show(self, model: CompareModel) -> None:
        if any(isinstance(widget, CompareCell) for widget in self.screen.selections):
            self.screen.clear_selection()  # the rows of another comparison (or of another fold)
        await self.remove_children()
        self.model, self.rows, self.start, self.current, self.partner = model, [], 0, (-1, -1), -1
        self.shared = (-1, -1)
        self.limit = len(model.rows)  # the rows it can show: all of them, some mounted at a time
        self.number_widths = (
            max((len(sentence_label("left", row.left)) for row in model.rows), default=0),
            max((len(sentence_label("right", row.right)) for row in model.rows), default=0),
        )
        if not model.rows:
            await self.mount(BodyNote("Neither article has any sentence to compare."))
        else:
            await self._ensure(0)
        self.call_after_refresh(self._say_view)

    async def show_note(self, text: str) -> None:
        """A note of ours in place of the rows (why the comparison could not be shown)."""
        async with self._mounting:
            await self.remove_children()
            self.model, self.rows, self.start, self.limit = None, [], 0, 0
            await self.mount(BodyNote(text))
        self._say_view()

    async def ensure(self, index: int) -> None:
        """Mount row `index` and a view's worth of rows after it (at least CHUNK), so that it can
        be scrolled to the top of the view; no-op when they are there. (Mounted last, a stop of ]
        could only be scrolled to the bottom of the view, the rows after it coming later.)"""
        async with self._mounting:
            await self._ensure(index)

    async def _ensure(self, index: int) -> None:
        if self.model is None or not self.limit:
            return
        index = max(0, min(index, self.limit - 1))
        last = min(self.limit, index + max(CHUNK, self.size.height)) - 1
        end = self.start + len(self.rows)
        if self.start <= index and last < end:
            return
        if index >= end + FAR or index < self.start - FAR:
            await self._window(index, last)
        elif index < self.start:
            await self._prepend(index)
        else:
            await self._append(last, keep=index)

    def _new_rows(self, first: int, stop: int) -> list[CompareRow]:
        model = self.model
        assert model is not None
        export, fold = export_hint(self.app), key_hint(self.app, "compare.fold")
        new = [CompareRow(model, model.rows[n], n, export, fold) for n in range(first, stop)]
        for row in new:
            row.set_class(self.current[0] <= row.index <= self.current[1], "-current")
            row.set_class(row.index == self.partner, "-partner")
            self._apply_shared(row)
            self._apply_numbers(row)
        return new

    async def _append(self, index: int, keep: int | None = None) -> None:
        """Mount the rows up to `index` (at least CHUNK of them) below those mounted; `keep`: a
        row that must stay mounted (a jump's target), never dropped to keep MAX_ROWS (dropped,
        its scroll was lost: the difference a screen low, or out of view)."""
        end = self.start + len(self.rows)
        stop = min(self.limit, max(index + 1, end + CHUNK))
        if keep is not None:
            stop = min(stop, max(index + 1, keep + MAX_ROWS))
        new = self._new_rows(end, stop)
        if not new:
            return
        kept = self._kept_around_view()
        self.rows.extend(new)
        await self.mount_all(new)
        self._take_back_selection(new)
        excess = len(self.rows) - MAX_ROWS
        if keep is not None:
            excess = min(excess, keep - self.start)
        if kept is not None:
            excess = min(excess, kept[0] - self.start)
        dragged = self._rows_dragged_over()
        if dragged is not None:
            excess = min(excess, dragged[0] - self.start)
        if excess > 0:  # those at the top go; what is on screen stays in place
            gone, self.rows = self.rows[:excess], self.rows[excess:]
            anchor = self.rows[0]
            place = self._place_of(anchor)
            self.start = anchor.index
            await self.remove_children(gone)
            self.call_after_refresh(self._keep_in_place, anchor, place)
        self.call_after_refresh(self._grow_if_near_end)  # rows shorter than the view: add more
        self.call_after_refresh(self._say_view)  # (rows new in view with no scroll: a jump's window)

    async def _prepend(self, index: int) -> None:
        """Mount the rows from `index` (at least CHUNK of them) above those mounted; what is on
        screen stays in place."""
        new = self._new_rows(max(0, min(index, self.start - CHUNK)), self.start)
        if not new:
            return
        anchor = self.rows[0]
        place = self._place_of(anchor)
        kept = self._kept_around_view()
        self.rows[:0] = new
        self.start = new[0].index
        await self.mount_all(new, before=anchor)
        self._take_back_selection(new)
        count = MAX_ROWS if kept is None else max(MAX_ROWS, kept[1] + 1 - self.start)
        dragged = self._rows_dragged_over()
        if dragged is not None:
            count = max(count, dragged[1] + 1 - self.start)
        if len(self.rows) > count:  # those at the bottom go
            gone, self.rows = self.rows[count:], self.rows[:count]
            await self.remove_children(gone)
        self.call_after_refresh(self._keep_in_place, anchor, place)
        self.call_after_refresh(self._say_view)

    def _rows_dragged_over(self) -> tuple[int, int] | None:
        """The first and last model rows a mouse selection being dragged holds (None: no drag):
        never dropped to keep MAX_ROWS, as the drag scrolls on (its first row dropped, Textual let
        the selection go mid-drag). A selection made stays whole when its rows go: a copy reads
        the cells let go, and the rows mounted again take it back (_take_back_selection)."""
        screen = self.screen
        if not getattr(screen, "_selecting", False):  # (Textual's: a drag under way)
            return None
        rows = [cell.row_index for cell in screen.selections if isinstance(cell, CompareCell) and cell.row_index >= 0]
        return (min(rows), max(rows)) if rows else None

    def _take_back_selection(self, new: list[CompareRow]) -> None:
        """The rows mounted again take the selection their cells had when they were let go (a
        window moved past them, a jump): highlighted as before, and copied from them."""
        selections = self.screen.selections
        if not selections:
            return
        gone = {
            (cell.row_index, cell.side_name): cell
            for cell in selections
            if isinstance(cell, CompareCell) and not cell.is_attached
        }
        if not gone:
            return
        back: dict[Widget, Widget] = {}
        for row in new:
            for cell in (row.left_cell, row.right_cell):
                old = gone.get((cell.row_index, cell.side_name))
                if old is not None:
                    back[old] = cell
        if back:
            self.screen.selections = {back.get(cell, cell): selection for cell, selection in selections.items()}

    def _kept_around_view(self) -> tuple[int, int] | None:
        """The rows on screen and a view's height of rows more each side (rows are a line high at
        least), and those a jump's scroll is on its way to: never dropped to keep MAX_ROWS.
        Dropped, the view lost the rows it showed, and so near the other end that it grew there,
        dropping those it had just added: rows added and dropped over and over, the view a
        screen off a difference (m ] m, a small MAX_ROWS). A jump's row dropped by rows grown
        before its scroll came, the scroll was lost (held-down [ ended rows off the difference)."""
        shown = self.rows_in_view()
        jumped = [row.index for row in self._jumped_to if row in self.rows]
        if shown is None and not jumped:
            return None
        margin = self.size.height + 1  # (a view's worth left beyond it, it grows no further there)
        around = [shown[0] - margin, shown[1] + margin] if shown is not None else []
        return min(around + jumped), max(around + jumped)

    def _place_of(self, anchor: CompareRow) -> tuple[float, int] | None:
        """Where `anchor` is in the view now, for _keep_in_place once rows are mounted or removed
        around it; None when a jump's scroll is on its way (the view now is not the one to keep)."""
        if self.scrolls_pending:
            return None
        return anchor.virtual_region.y - self.scroll_y, self._scrolls_asked

    def _keep_in_place(self, anchor: CompareRow, place: tuple[float, int] | None) -> None:
        """What was on screen stays in place, unless a jump scrolls the view itself: kept after a
        jump's scroll, the view from before it came back (] held down ended a screen above the
        last difference; m ] m showed the difference a screen low)."""
        if place is None or anchor not in self.rows:  # a jump scrolls it, or went elsewhere
            return
        offset, asked = place
        if asked != self._scrolls_asked:
            return
        self.scroll_to(y=anchor.virtual_region.y - offset, animate=False, immediate=True)

    async def _window(self, index: int, last: int) -> None:
        """Show the rows around `index` only, up to `last` (the rows before it come when scrolled to)."""
        await self.remove_children()
        self.rows, self.start = [], max(0, min(index - CHUNK // 2, self.limit - CHUNK))
        await self._append(max(last, self.start + CHUNK - 1))  # a screenful at least, at the end too

    def action_scroll_home(self) -> None:
        self.call_later(self._to_edge, False)

    def action_scroll_end(self) -> None:
        """The end of the comparison, not of the rows mounted so far."""
        self.call_later(self._to_edge, True)

    async def _to_edge(self, end: bool) -> None:
        await self.ensure(self.limit - 1 if end else 0)
        self._scrolls_asked += 1  # (rows grown meanwhile do not keep the view from before it)
        self._pages = 0
        self.call_after_refresh(self.scroll_end if end else self.scroll_home, animate=False)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        size = (self.size.width, self.size.height)
        if self._seen_size is None:
            self._seen_size = size
        if size == self._seen_size:
            self.view_seen = self.rows_in_view()
        self._grow_if_near_end()
        if new_value < old_value:  # up (the reader, or a jump settling): the rows above
            self._grow_if_near_top()
        self._say_view()

    def action_scroll_up(self) -> None:
        self._grow_if_near_top()  # at the top of a window, up brings the rows above it
        super().action_scroll_up()

    def action_page_up(self) -> None:
        self._page(-1)

    def action_page_down(self) -> None:
        self._page(1)

    def _page(self, step: int) -> None:
        """A whole page up (-1) or down (1) from where the pages asked before took the view, the
        rows past those mounted loaded first (a page up at the top of them moved less than a
        page, or not at all; held down, each press went a page from where the view was, not from
        where the one before took it)."""
        self._pages += step
        self._scroll_pages()

    def _scroll_pages(self) -> None:
        """Scroll the pages asked for as far as the rows mounted go; the rest once the rows past
        them are mounted (_grow comes back here)."""
        while self._pages and not self._growing:  # (rows being mounted: _grown comes back here)
            page = self.scrollable_content_region.height
            up = self._pages < 0
            y = self.scroll_y - page if up else self.scroll_y + page
            more = self.start > 0 if up else self.start + len(self.rows) < self.limit
            if more and (y < 0 if up else y > self.max_scroll_y):  # past the rows mounted
                if not self._growing:
                    self._start_grow(down=not up)
                return
            self._pages += 1 if up else -1
            self.scroll_to(y=y, animate=False, immediate=True)

    def _grow_if_near_end(self) -> None:
        if not self._growing and self.start + len(self.rows) < self.limit:
            if self.scroll_y >= self.max_scroll_y - self.size.height:
                self._start_grow(down=True)

    def _grow_if_near_top(self) -> None:
        if not self._growing and self.start > 0 and self.scroll_y < self.size.height:
            self._start_grow(down=False)

    def _start_grow(self, down: bool) -> None:
        self._growing = True
        self._grows += 1
        self.call_later(self._grow, down, self._grows)

    async def _grow(self, down: bool, grow: int) -> None:
        """The rows after those mounted (down) or before them: which those are once it is this
        one's turn (a jump may have mounted others meanwhile; the rows after the old ones brought
        the view back there)."""
        try:
            async with self._mounting:
                if down:
                    await self._ensure(self.start + len(self.rows))
                elif self.start > 0:
                    await self._ensure(self.start - 1)
        finally:
            self._placing = grow
            self.call_after_refresh(self._grown, grow)

    def resume_growing(self) -> None:
        """The screen is shown again: a grow's _grown asked for after a refresh may have gone with
        a screen shown over this one meanwhile (Textual hands it to the screen on top, which drops
        what it has not run when it closes), and then no row would load again: finish it now."""
        if self._growing and self._placing == self._grows:
            self.call_after_refresh(self._grown, self._grows)

    def _grown(self, grow: int) -> None:
        """The rows mounted are laid out and put in place (_keep_in_place ran before): the pages
        asked meanwhile go on from there. Scrolled before, a page held down went from the view of
        before the rows came and _keep_in_place then moved it again (held-down PgUp ended 34 rows
        off under load)."""
        if grow != self._grows or not self._growing:  # a later grow's, or this one's finished already
            return
        self._growing = False
        if self._pages:
            self._scroll_pages()
        else:
            self._grow_if_near_end()  # (_append's own check ran while this grow was still under way)


class BodyNote(Widget):
    """A line of our own (not article text) shown in the body."""

    DEFAULT_CSS = """
    BodyNote { height: auto; padding: 1 2; color: $text-muted; }
    """

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = text

    def render(self) -> Content:
        return safe.content(self.text)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return None  # ours, not the article's: a selection over it copies the rows around it only


def title_content(side: ShownSide | Article, label: str) -> Content:
    """`Outlet — Title` for a column header (untrusted strings, literal)."""
    outlet = safe.label(side.outlet, "bold")
    title = safe.label(side.title or side.id or "untitled")
    return safe.join([Content(f"{label} "), outlet, Content(" — "), title])


def export_hint(app) -> str:
    """The key the active keymap gives the compare screen's export (for notes that name it)."""
    return key_hint(app, "compare.export")


ALSO_LINKED_SHOWN = 4  # a row's links to other rows named, at most (a summary line's worth)


def row_name(model: CompareModel, row: Row, between: str = " — ") -> str:
    """A row as its tooltip and the summary bar name it: its sentences as `reader compare` numbers
    them, their links to sentences in other rows ("also linked: L1 ↔ R3 0.98", which p visits:
    nothing said a linked row's sentence had a stronger counterpart elsewhere), then why it differs."""
    said = row_summary(row)
    out = model.links_leaving(row)
    if out:
        named = [f"L{p.left + 1} ↔ R{p.right + 1} {strength(p.score)}" for p in out[:ALSO_LINKED_SHOWN]]
        said += " · also linked: " + ", ".join(named) + (", …" if len(out) > ALSO_LINKED_SHOWN else "")
    return between.join([said, *(["; ".join(row.reasons)] if row.reasons else [])])


def _told_here(app, partner: tuple[int, int], back_to: str) -> str:
    """Where p went: the nth of the places the other side tells what `back_to` holds."""
    key = key_hint(app, "compare.partner") if app else "p"
    step, of = partner
    back = f"back to the {back_to}" if step + 1 == of else "the next"
    return f"told on the other side here ({step + 1:,}/{of:,}; {key}: {back})"


def summary_content(
    model: CompareModel,
    current: int | None = None,
    app=None,
    same_story: bool = True,
    note: str | None = None,
    partner: tuple[int, int] | None = None,
    visit: str = "differences",
    compact: bool = False,
    row: str | None = None,
    width: int | None = None,
    reasons_chars: int = REASONS_CHARS,
    upto: str = "",
) -> Content:
    """The summary bar: counts, shared quotes, name variants, differing figures (literal).

    `current` is the index of the difference being shown (in `model.differences`), if any;
    `same_story` False: no story groups the two articles, which the bar says first; `note`: what
    else the two are, said first (two versions of one page: wording.versions_words); `partner`
    (n, of): the difference's nth counterpart row is shown; `visit`: what ] and [ visit
    (compare_layout.VISITS), `current` an index into those; `compact`: for a short terminal, the
    parts on as few lines as they take, the sides named ◀ and ▶ as the titles above name them;
    `row`: the row selected from the keys, named as its tooltip names it (it comes first);
    `reasons_chars`: the most cells the difference's reasons (or the row's name) take;
    `upto` "lead" or "counts": the bar only as far as the counts' start or end (what fits the
    reasons to the room).
    """
    counts = model.quote_counts
    # Compact, a part goes on after " · "; else each gets its own line.
    section = " · " if compact else "\n"
    sides = ("◀", "▶") if compact else (safe.one_line(model.left.outlet, 30), safe.one_line(model.right.outlet, 30))
    parts: list[Content | str] = []
    if not same_story:
        parts.append(Content(f"{DIFFERENT_STORIES.capitalize()} · ").stylize("bold $warning"))
    if note:
        parts.append(Content(f"{note[:1].upper()}{note[1:]} · ").stylize("bold"))
    same = same_text_note(model.comparison)
    if same:  # two copies of one file, or one body under two headlines: said first
        parts.append(Content(f"{safe.one_line(same[:1].upper() + same[1:], REASONS_CHARS)} · ").stylize("bold"))
    targets = model.targets(visit)
    total = len(targets)
    if row is not None:
        # The row ) or ( selected, named first: in a toast each press stacked one more over the
        # other side's text, the counterpart the user stepped there to read.
        parts.append(Content(safe.one_line(row, reasons_chars)).stylize("bold"))
        if current is not None and 0 <= current < total:
            parts.append(f" ({VISIT_ONE[visit].lower()} {current + 1:,}/{total:,})")
        elif partner is not None:  # p went from the row (in no difference) to where it is told too
            parts.append(Content(f" — {_told_here(app, partner, 'row')}").stylize("bold"))
        parts.append(" · ")
    elif current is not None and 0 <= current < total:
        # At most two lines' worth: the headline and framing lines below must stay in sight.
        reasons = safe.one_line("; ".join(targets[current].reasons), reasons_chars)
        parts.append(Content(f"{VISIT_ONE[visit]} {current + 1:,}/{total:,}: ").stylize("bold"))
        if partner is not None:
            parts.append(Content(f"{_told_here(app, partner, 'difference')} · ").stylize("bold"))
        parts.append(f"{reasons} · ")
    if upto == "lead":
        return safe.join(parts)
    if row is None and not (current is not None and 0 <= current < total):
        parts.append(_nothing_chosen(model, targets, app, visit, compact))
    parts.append(
        # compact (80x24), the linked rows are counted beside the links only while `t` visits them:
        # "(7 linked rows)" always there cut the headline, names or framing off 5 of 60 basil-dev bars
        f"{links_counted(model, rows_too=not compact or visit == 'links')} · {model.only_left:,} only in {sides[0]} · "
        f"{model.only_right:,} only in {sides[1]} · "
        + (f"{model.possible_count:,} {POSSIBLY_TOLD} ({MARKS[POSSIBLE]}) · " if model.possible_count else "")
        + counted(sum(counts.values()), "shared quote")
    )
    details = [f"{counts[k]:,} {k}" for k in QUOTE_KINDS if counts.get(k)]
    if details:
        parts.append(" (" + ", ".join(details) + ")")
    if upto == "counts":
        return safe.join(parts)
    if model.headline and any(model.headline):
        # "—" for a side stressing nothing read as a gap in the bar: said as `reader compare` says it
        left, right = ("; ".join(safe.one_line(w, 60) for w in side) or NOTHING_STRESSED for side in model.headline)
        parts.append(Content(f"{section}Headlines stress: ").stylize("bold"))
        notes = [f" (no headline: {note})" if note else "" for note in model.headline_notes]
        colon = "" if compact else ":"  # "◀ Budapest", "The Moscow Times: Budapest"
        parts.append(f"{sides[0]}{notes[0]}{colon} {left} · {sides[1]}{notes[1]}{colon} {right}")
        if model.headline_figures:  # the headlines' own figures, neither headline told in its body
            told = "; ".join(
                (f"{safe.one_line(what, 30)}: " if what else "") + f"{safe.one_line(a, 40)} ↔ {safe.one_line(b, 40)}"
                for what, a, b in model.headline_figures
            )
            parts.append(f" · figures differ: {told}")
    if model.name_variants:
        parts.append(Content(f"{section}Names: ").stylize("bold"))
        parts.append("; ".join(f"{safe.one_line(a, 40)} ↔ {safe.one_line(b, 40)}" for a, b in model.name_variants))
    if model.figures:
        parts.append(Content(f"{section}Figures: ").stylize("bold"))
        kinds = model.figure_kinds + [""] * (len(model.figures) - len(model.figure_kinds))
        loose = model.figure_approximate + [False] * (len(model.figures) - len(model.figure_approximate))
        parts.append(
            "; ".join(
                # what they count is cut to fit the bar's width, never the "(approximate)" after it
                (f"{told_loosely(safe.one_line(k, _what_columns(width, a, b)), approximate)}: " if k else "")
                + f"{safe.one_line(a, 40)} ↔ {safe.one_line(b, 40)}"
                for (a, b), k, approximate in zip(model.figures, kinds, loose)
            )
        )
    if model.framing:
        parts.append(Content(f"{section}Framing: ").stylize("bold"))
        parts.append("; ".join(safe.one_line(line, 80) for line in model.framing))
    return safe.join(parts)


def _nothing_chosen(model: CompareModel, targets: Sequence, app, visit: str, compact: bool) -> Content | str:
    """The summary's lead with no stop and no row chosen: what ] and [ visit, counted."""
    visit_key = key_hint(app, "compare.visit") if app else "t"
    if not targets:
        if visit == "differences":
            # the headlines' figures, when they differ, are said below: "no differences" is the bodies'
            return "No differences in the bodies · " if model.headline_figures else "No differences · "
        return Content(f"Visiting: no {VISIT_NAMES[visit]} ({visit_key}: the next kind) · ").stylize("bold")
    forward = key_hint(app, "compare.next_difference") if app else "]"
    back = key_hint(app, "compare.previous_difference") if app else "["
    if visit == "differences":
        keys = f"{forward} {back} visit them" if compact else f"{forward} next, {back} previous"
        return f"{differences_counted(targets)} ({keys}) · "
    following = VISIT_NAMES[VISITS[(VISITS.index(visit) + 1) % len(VISITS)]]
    return Content(f"Visiting {VISIT_NAMES[visit]}: {len(targets):,}").stylize("bold") + Content(
        f" ({forward} next, {back} previous; {visit_key}: {following}) · "
    )


_WHAT_COLUMNS = 30  # what two figures count, where the bar's width is not known
_FIGURE_LINE_EXTRA = 32  # "Figures: ", " (approximate)", ": ", " ↔ " and a margin


def _what_columns(width: int | None, left: str, right: str) -> int:
    """The columns what a differing figure counts gets in the summary bar: the bar's width less
    the two values and the words around them, so "percentage (broadcasting, division)" is
    read whole on a wide pane and cut on a narrow one; never fewer than _WHAT_COLUMNS."""
    if width is None:
        return _WHAT_COLUMNS
    values = len(safe.one_line(left, 40)) + len(safe.one_line(right, 40))
    return max(_WHAT_COLUMNS, width - values - _FIGURE_LINE_EXTRA)


def differences_counted(differences: Sequence[Difference]) -> str:
    """ "9 differences in 43 rows": a run of neighbouring rows one outlet alone tells is one
    difference (one stop of ] and [), so the rows are counted too when there are more of them
    ("9 differences" read as nine rows flagged, where the screen flagged 43)."""
    said = counted(len(differences), "difference")
    rows = sum(d.last - d.first + 1 for d in differences)
    return said if rows == len(differences) else f"{said} in {counted(rows, 'row')}"


def links_counted(model: CompareModel, rows_too: bool = True) -> str:
    """ "9 links (7 linked rows)": a row may hold several links, and a sentence told elsewhere (~)
    has its links outside any linked row; visiting the linked rows counts rows ("9 links" beside
    "Visiting linked rows: 7" read as two links lost). `rows_too` False: "9 links" alone."""
    said = counted(len(model.comparison.pairs), "link")
    rows = model.aligned_count
    return said if not rows_too or rows == len(model.comparison.pairs) else f"{said} ({counted(rows, 'linked row')})"


def as_tall_as_unchosen(
    summary: Callable[..., Content], current: int | None, row: str | None, width: int, lines: int, compact: bool
) -> Content:
    """The summary bar (`summary`: summary_content with all but its current, row and
    reasons_chars given) fitted to `width` and `lines`, and with a difference (or a row) chosen
    exactly as tall as with none: ] grew the bar a line (62 of 99 basil-dev differences at 200
    columns) or a short stop shrank it, every row below jumping, and back at the next stop.
    Laid out a part a line, the stop's reasons (or the row's name) take the lines the counts took
    before, those counts, said whole then, after them as far as they fit; compact (`compact`, one
    flow), the reasons stay within REASONS_CHARS, the headline and framing after them in sight."""

    def height(content: Content) -> int:
        return len(content.wrap(max(width, 1)))

    unchosen = summary(None)
    if current is None and row is None:
        return fit_lines(unchosen, width, lines)
    tall = min(height(unchosen), lines)
    if compact:
        room = _reasons_room(summary, current, row, width, tall, upto="counts")
        chosen = summary(current, row=row, reasons_chars=room)
    else:
        first_lines = height(unchosen.split("\n")[0])
        room = _reasons_room(summary, current, row, width, first_lines, upto="lead", most=first_lines * max(width, 1))
        parts = summary(current, row=row, reasons_chars=room).split("\n")
        parts[0] = fit_lines(parts[0], width, first_lines)
        chosen = Content("\n").join(parts)
    fitted = fit_lines(chosen, width, tall)
    return fitted + Content("\n" * (tall - height(fitted)))  # a short stop: the rows stay put


# The fewest cells a chosen row's name (or a stop's reasons) is cut to, what follows cut instead.
FEWEST_REASONS_CHARS = 10


def _reasons_room(
    summary: Callable[..., Content],
    current: int | None,
    row: str | None,
    width: int,
    lines: int,
    upto: str,
    most: int = REASONS_CHARS,
) -> int:
    """The most cells (`most` at most) the row's name or the stop's reasons take with the bar as
    far as `upto` (summary_content's) still within `lines` of `width`. Compact, "counts": a row's
    long name pushed the counts out of the bar (80x24: "L2 ↔ R3 · linked 0.70 — …" then "· 4
    li…"); a part a line, "lead": a row's name took the whole first part, "(difference 2/5)" lost
    and the bar's "…" after the name's own."""

    def fits(chars: int) -> bool:
        wrapped = summary(current, row=row, reasons_chars=chars, upto=upto).wrap(max(width, 1))
        # the last line short of the width: the "…" of a bar cut after it would take the last cell
        return len(wrapped) < lines or (len(wrapped) == lines and wrapped[-1].rstrip().cell_length < width)

    low, high = min(FEWEST_REASONS_CHARS, most), most
    if fits(high):
        return high
    while low < high:  # the largest that fits (or the fewest, where none does)
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return low


def fit_lines(content: Content, width: int, lines: int) -> Content:
    """`content` wrapped to `width` in at most `lines` lines; what does not fit is cut with "…"
    at the end of the last (never silently: the bar's height alone cut it mid-word)."""
    wrapped = content.wrap(max(width, 1))
    if len(wrapped) <= lines:
        return content
    kept = wrapped[:lines]
    last = kept[-1].rstrip()
    if last.cell_length >= width:
        last = last[: max(width - 1, 0)]
    kept[-1] = last + Content("…")
    return Content("\n").join(kept)
