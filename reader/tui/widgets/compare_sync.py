"""The other layout of the compare screen: each article whole in its own pane, scrolled in sync.

Scrolling either pane scrolls the other proportionally, so that the sentences aligned with the
ones in the middle of one pane sit in the middle of the other: the aligned rows of the layout
are anchors, and positions between two anchors are interpolated (sentence by sentence, then
line by line inside a sentence).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Sequence

from textual import events
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Offset, Size
from textual.message import Message
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from reader.tui import safe
from reader.tui.keymap import READER_BINDINGS
from reader.analysis.compare_layout import ALIGNED, GUTTER, CompareModel, Mark, ShownSide, cell_spans, mark_class
from reader.sentence_numbers import sentence_label

# A pane shows at most this many characters of its article (the export holds everything).
MAX_SYNC_CHARS = 200_000


def statuses(model: CompareModel, side: str) -> dict[int, str]:
    """Sentence index -> its status (ALIGNED, WEAK, ONLY, POSSIBLE, MOVED, SKIPPED) on one side."""
    found: dict[int, str] = {}
    for row in model.rows:
        indices, status = row.cell(side)
        for index in indices:
            found[index] = status
    return found


def anchors(model: CompareModel) -> list[tuple[float, float]]:
    """(left position, right position) of aligned rows, in sentences, from the start to the end."""
    points = [(float(min(r.left)), float(min(r.right))) for r in model.rows if r.kind == ALIGNED]
    n, m = float(len(model.left.sentences)), float(len(model.right.sentences))
    if not points or (points[0][0] > 0 and points[0][1] > 0):
        points.insert(0, (0.0, 0.0))
    if points[-1][0] < n and points[-1][1] < m:
        points.append((n, m))
    return points


def interpolate(points: list[tuple[float, float]], x: float) -> float:
    """Map x (first coordinate) to the second coordinate, piecewise linearly; clamped at the ends."""
    if not points:
        return x
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 <= x <= x1 and x1 > x0:
            return y0 + (x - x0) * (y1 - y0) / (x1 - x0)
    return points[-1][1]


class SyncText(Widget):
    """One article, sentence by sentence (a blank line between), highlights as in the rows.

    Drawn line by line (Textual's Line API, as its Log and TextArea are): only the lines in view
    are styled and wrapped. Rendering the whole article as one Content took 4-9 s to switch sync
    mode on for a 1,500-sentence pair, and as long again at every change of width."""

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
        "compare--current",
        "compare--number",
    }

    DEFAULT_CSS = """
    SyncText { height: auto; padding: 0 1; }
    """

    class SentenceClicked(Message):
        """A sentence of one side was clicked: the screen selects it and shows its partner (index
        None: the click was on no sentence, a blank line between two or the note after them)."""

        def __init__(self, side_name: str, index: int | None) -> None:
            super().__init__()
            self.side_name = side_name  # "left" or "right"
            self.index = index

    def __init__(self, side: ShownSide, status: dict[int, str], side_name: str = "left", **kwargs) -> None:
        super().__init__(**kwargs)
        self.side = side
        self.side_name = side_name
        self.status = status
        self.current: set[int] = set()
        self.numbers = False  # each sentence led by its number (#)
        self.shared: list[Mark] = []  # the shared words of the links shown (compare_layout.Evidence)
        self.count = 0  # sentences shown (the rest is cut, see MAX_SYNC_CHARS)
        total = 0
        for start, end in side.sentences:
            total += end - start
            if total > MAX_SYNC_CHARS and self.count:
                break
            self.count += 1
        self._offsets: tuple[int, list[int]] | None = None
        # The lines of the sentences drawn so far, at one width (cleared when it changes, when
        # the current sentences change, and with the theme): wrapped once, and drawn once unless
        # selected (a selected line is its wrapped line restyled, at every repaint).
        self._wrapped: dict[int, list[Content]] = {}
        self._drawn: dict[int, list[Strip]] = {}
        self._drawn_width = -1
        self._styles: dict[str, Style] = {}
        self._pressed_at: Offset | None = None  # where the mouse button last went down

    def _prefix(self, index: int) -> str:
        """What leads sentence `index`: its number (# on) and its gutter mark."""
        return self._number(index) + GUTTER.get(self.status.get(index, ""), "")

    def _number(self, index: int) -> str:
        if not self.numbers:
            return ""
        return (
            sentence_label(self.side_name, [index]).ljust(len(sentence_label(self.side_name, [self.count - 1]))) + " "
        )

    def show_numbers(self, on: bool) -> None:
        """Lead each sentence with its number (on) or not: every line is wrapped anew."""
        if on != self.numbers:
            self.numbers = on
            self._offsets = None
            self._forget()
            self.refresh(layout=True)

    def offsets(self, width: int) -> list[int]:
        """The first line of each sentence shown, then the total number of lines, at `width`."""
        if self._offsets is not None and self._offsets[0] == width:
            return self._offsets[1]
        result, y = [], 0
        for index in range(self.count):
            result.append(y)
            text = self._prefix(index) + self.side.sentence_text(index)
            y += max(1, len(Content(text).wrap(max(1, width)))) + 1
        result.append(max(0, y - 1))
        self._offsets = (width, result)
        return result

    def sentence_at(self, y: int) -> int | None:
        """The sentence drawn on line `y` (None: the blank line between two, or past the last)."""
        width = max(1, self.content_region.width)
        offsets = self.offsets(width)
        if not self.count or not 0 <= y < offsets[-1]:
            return None
        index = bisect_right(offsets, y, 0, self.count) - 1
        end = offsets[index + 1] - (1 if index + 1 < self.count else 0)  # the blank line after it
        return index if y < end else None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._pressed_at = event.screen_offset

    def on_click(self, event: events.Click) -> None:
        # A press and release at two places is a text selection (Textual sends it a Click too),
        # and the second click of a double click selects a word: neither selects a sentence.
        if event.chain > 1 or event.screen_offset != self._pressed_at:
            return
        self.post_message(self.SentenceClicked(self.side_name, self.sentence_at(event.y)))

    # -- drawing ---------------------------------------------------------------------------------
    def _tail(self) -> Content:
        """What follows the sentences: the note on those cut, or why there is nothing."""
        if not self.count:
            return Content("(no sentences)")
        hidden = len(self.side.sentences) - self.count
        if not hidden:
            return Content("")
        from reader.tui.widgets.compare_view import export_hint

        return Content(f"… {hidden:,} more sentences; press {export_hint(self.app)} to export the whole comparison.")

    def _tail_lines(self, width: int) -> list[Content]:
        tail = self._tail()
        return tail.wrap(width) if tail else []

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        width = max(1, width)
        lines = self.offsets(width)[-1]
        tail = len(self._tail_lines(width))
        return lines + (tail + 1 if tail and lines else tail)  # a blank line before the note

    def _style(self, name: str) -> Style:
        if name not in self._styles:
            from reader.tui.widgets.compare_view import mark_style

            self._styles[name] = mark_style(self, name)
        return self._styles[name]

    def _sentence(self, index: int) -> Content:
        """Sentence `index` styled by offsets (never markup: the text is the article's)."""
        style = self._style
        text, spans = cell_spans(self.side, [index], extra=self.shared if index in self.current else ())
        body = safe.spans_content(
            text,
            [(s, e, style(mark_class(m.kind))) for s, e, m in spans],
        )
        gutter = GUTTER.get(self.status.get(index, ""), "")
        if gutter:
            body = Content(gutter).stylize(style(f"compare--gutter-{self.status.get(index, '')}")) + body
        number = self._number(index)
        if number:
            body = Content(number).stylize(style("compare--number")) + body
        if index in self.current:
            body = body.stylize_before(style("compare--current"))
        return body

    def _strips(self, lines: list[Content]) -> list[Strip]:
        base = self.visual_style
        return [Strip(line.render_segments(base), line.cell_length) for line in lines]

    def render_line(self, y: int) -> Strip:
        # Each cell carries its (column, line) for the screen's text selection (see get_selection).
        return self._render_line(y).apply_offsets(0, y)

    def _lines(self, index: int, width: int) -> list[Content]:
        """Sentence `index` styled and wrapped at `width` (the width drawn: see _render_line)."""
        wrapped = self._wrapped.get(index)
        if wrapped is None:
            wrapped = self._wrapped[index] = self._sentence(index).wrap(width)
        return wrapped

    def _forget(self, indices: set[int] | None = None) -> None:
        """Draw sentences `indices` (None: all) anew at their next repaint."""
        if indices is None:
            self._wrapped, self._drawn = {}, {}
            return
        self._wrapped = {k: v for k, v in self._wrapped.items() if k not in indices}
        self._drawn = {k: v for k, v in self._drawn.items() if k not in indices}

    def _render_line(self, y: int) -> Strip:
        width = max(1, self.content_region.width)
        if width != self._drawn_width:
            self._forget()
            self._drawn_width = width
        offsets = self.offsets(width)
        lines = offsets[-1]
        span = self.text_selection.get_span(y) if self.text_selection is not None else None
        if y < lines and self.count:
            index = bisect_right(offsets, y, 0, self.count) - 1
            line = y - offsets[index]
            wrapped = self._lines(index, width)
            if line >= len(wrapped):
                return self._blank()  # the blank line between two sentences
            if span is not None:  # selected: restyled at each repaint (the selection moves)
                return self._selected(wrapped[line], span)
            drawn = self._drawn.get(index)
            if drawn is None:
                drawn = self._drawn[index] = self._strips(wrapped)
            return drawn[line]
        tail = y - lines - (1 if lines else 0)
        tail_lines = self._tail_lines(width)
        if 0 <= tail < len(tail_lines):
            if span is not None:
                return self._selected(tail_lines[tail], span)
            return self._strips([tail_lines[tail]])[0]
        return self._blank()

    def _blank(self) -> Strip:
        """A blank line, one cell wide to carry its place (render_line's offsets): a drag that
        ended on a line with none (between two sentences) selected the rest of the article."""
        return self._strips([Content(" ")])[0]

    def _selected(self, line: Content, span: tuple[int, int]) -> Strip:
        start, end = span
        end = len(line.plain) if end == -1 else end
        style = self._styles.get("screen--selection")
        if style is None:
            rich_style = self.screen.get_component_rich_style("screen--selection")
            style = self._styles["screen--selection"] = Style.from_rich_style(rich_style)
        return self._strips([line.stylize(style, start, end)])[0]

    def _line_starts(self, index: int, width: int) -> list[tuple[int, int]]:
        """Where each drawn line of sentence `index` starts and ends in its gutter mark + text
        (the wrap drops the space at a break)."""
        full = self._prefix(index) + self.side.sentence_text(index)
        found, pos = [], 0
        for line in Content(full).wrap(width):
            start = full.find(line.plain, pos)
            start = pos if start < 0 else start
            found.append((start, start + len(line.plain)))
            pos = found[-1][1]
        return found

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The article's words selected with the mouse (Textual's own get_selection copied the
        widget's name, "SyncText"): no gutter mark, no note of ours, a sentence whole across the
        lines it wraps on; a line break between two sentences, a blank line between paragraphs."""
        width = max(1, self.content_region.width)
        offsets = self.offsets(width)
        top = 0 if selection.start is None else selection.start.y
        bottom = offsets[-1] if selection.end is None else selection.end.y
        chosen: list[tuple[int, int, int]] = []  # (sentence, start, end) in the sentence's text
        # the sentences on the lines selected only (an article may have thousands)
        for index in range(max(0, bisect_right(offsets, top, 0, self.count) - 1), self.count):
            if offsets[index] > bottom:
                break
            picked = self._selected_in(index, offsets[index], width, selection)
            if picked is not None:
                chosen.append((index, *picked))
        if not chosen:
            return None
        pieces: list[str] = []
        for n, (index, start, end) in enumerate(chosen):
            if n:
                pieces.append("\n\n" if index in self.side.paragraph_starts else "\n")
            pieces.append(self.side.sentence_text(index)[start:end])
        return "".join(pieces), "\n"

    def _selected_in(self, index: int, first: int, width: int, selection: Selection) -> tuple[int, int] | None:
        """The part of sentence `index` (drawn from line `first`) selected, as offsets in its text."""
        prefix = len(self._prefix(index))
        start = end = None
        for k, (line_start, line_end) in enumerate(self._line_starts(index, width)):
            span = selection.get_span(first + k)
            if span is None:
                continue
            a, b = span
            b = line_end - line_start if b == -1 else min(b, line_end - line_start)
            if a >= b:
                continue
            start = line_start + a if start is None else start
            end = line_start + b
        if start is None or end is None:
            return None
        start, end = max(0, start - prefix), max(0, end - prefix)
        return (start, end) if start < end else None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}  # a new theme: new colours
        self._forget()

    def show_current(self, indices: set[int], shared: Sequence[Mark] = ()) -> None:
        self._forget(indices | self.current)
        self.current = indices
        self.shared = list(shared)
        self.refresh()


class SyncPane(VerticalScroll, can_focus=True):
    """One side's scrolling pane; tells the view when it scrolls."""

    BINDINGS = READER_BINDINGS  # j / k scroll, as in the article
    HELP_SECTION = "Comparison"

    def __init__(self, text: SyncText, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = text

    def compose(self):
        yield self.text

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        view = self.parent
        if isinstance(view, SyncView):
            view.follow(self)


class SyncView(Horizontal):
    """Two panes scrolled together (stacked when the screen is narrow)."""

    DEFAULT_CSS = """
    SyncView { height: 1fr; }
    SyncView > SyncPane { width: 1fr; height: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.model: CompareModel | None = None
        self.points: list[tuple[float, float]] = []
        self._expected: dict[str, float] = {}
        self._syncing = False
        self.numbers = False  # each sentence led by its number (#)

    @property
    def panes(self) -> list[SyncPane]:
        return list(self.query_children(SyncPane))

    async def show(self, model: CompareModel) -> None:
        if any(isinstance(widget, SyncText) for widget in self.screen.selections):
            self.screen.clear_selection()  # the text of panes going (s swapped their sides)
        await self.remove_children()
        self.model = model
        self.points = anchors(model)
        self._expected = {}
        left = SyncPane(SyncText(model.left, statuses(model, "left"), "left"), id="sync-left", classes="-left")
        right = SyncPane(SyncText(model.right, statuses(model, "right"), "right"), id="sync-right", classes="-right")
        left.text.numbers = right.text.numbers = self.numbers
        await self.mount_all([left, right])

    def show_numbers(self, on: bool) -> None:
        """Lead each sentence of both panes with its number (on) or not; the top sentence stays."""
        self.numbers = on
        for pane in self.panes:
            top = pane.text.sentence_at(int(pane.scroll_y)) if pane.text.count else None
            pane.text.show_numbers(on)
            if top is not None:
                self.call_after_refresh(self._keep_at_top, pane, top)

    def _keep_at_top(self, pane: SyncPane, index: int) -> None:
        """Sentence `index` back at the top of `pane` after its lines changed (the other pane keeps
        its own: each had its top sentence before)."""
        offsets = pane.text.offsets(self._width(pane))
        if index < len(offsets) - 1:
            self._scroll_quietly(pane, float(offsets[index]))

    # -- positions ---------------------------------------------------------------------------
    @staticmethod
    def _position(offsets: list[int], y: float) -> float:
        count = len(offsets) - 1
        if count <= 0:
            return 0.0
        k = min(max(bisect_right(offsets, y) - 1, 0), count - 1)
        span = max(1, offsets[k + 1] - offsets[k])
        return k + min(max((y - offsets[k]) / span, 0.0), 1.0)

    @staticmethod
    def _y(offsets: list[int], x: float) -> float:
        count = len(offsets) - 1
        if count <= 0:
            return 0.0
        k = min(max(int(x), 0), count - 1)
        frac = min(max(x - k, 0.0), 1.0)
        return offsets[k] + frac * (offsets[k + 1] - offsets[k])

    @staticmethod
    def _width(pane: SyncPane) -> int:
        return max(1, pane.text.content_region.width or pane.scrollable_content_region.width - 2)

    def follow(self, source: SyncPane) -> None:
        """`source` scrolled: scroll the other pane to the matching place."""
        if self._syncing or self.model is None:
            return
        panes = self.panes
        if len(panes) != 2:
            return
        expected = self._expected.pop(source.id or "", None)
        if expected is not None and abs(expected - source.scroll_y) < 1:
            return  # the echo of our own scroll
        other = panes[1] if source is panes[0] else panes[0]
        middle = source.scroll_y + source.size.height / 2
        x = self._position(source.text.offsets(self._width(source)), middle)
        points = self.points if source is panes[0] else [(b, a) for a, b in self.points]
        points = sorted(points)
        target = interpolate(points, x)
        target = min(target, float(other.text.count))
        y = self._y(other.text.offsets(self._width(other)), target) - other.size.height / 2
        y = max(0.0, min(y, other.max_scroll_y))
        if abs(y - other.scroll_y) < 1:
            return
        self._scroll_quietly(other, y)

    def _scroll_quietly(self, pane: SyncPane, y: float) -> None:
        """Scroll `pane` to `y` without the other pane following it (its scroll event is expected)."""
        self._expected[pane.id or ""] = y
        self._syncing = True
        try:
            pane.scroll_to(y=y, animate=False, immediate=True)
        finally:
            self._syncing = False

    def show_rows(self, first: int, last: int) -> None:
        """Mark the sentences of rows first..last and scroll to them (the other pane follows)."""
        if self.model is None:
            return
        rows = self.model.rows[first : last + 1]
        left = {i for row in rows for i in row.left}
        right = {j for row in rows for j in row.right}
        panes = self.panes
        if len(panes) != 2:
            return
        marks: tuple[list[Mark], list[Mark]] = ([], [])
        for r in range(first, last + 1):  # why the links among them are links: the words they share
            if self.model.rows[r].kind == ALIGNED:
                evidence = self.model.evidence(r)
                marks[0].extend(evidence.left)
                marks[1].extend(evidence.right)
        panes[0].text.show_current(left, marks[0])
        panes[1].text.show_current(right, marks[1])
        pane, indices = (panes[0], left) if left else (panes[1], right)
        if not indices or min(indices) >= pane.text.count:
            return
        if pane.size.height == 0 or pane.text.size.width == 0:
            # just shown (keys typed ahead of the first layout): scroll once it is laid out
            self.call_after_refresh(self._scroll_to_sentence, pane, min(indices))
        else:
            self._scroll_to_sentence(pane, min(indices))

    def show_sentence(self, side_name: str, rows: list[int]) -> list[int]:
        """A sentence clicked on one side: mark the sentences of `rows` (its row, then the rows
        holding its counterparts elsewhere) on both sides, and bring the other side's into view;
        the clicked pane stays where it is (under the pointer). Returns the counterparts on the
        other side, in order, those past what its pane shows included (none brought into view)."""
        panes = self.panes
        if self.model is None or len(panes) != 2:
            return []
        other = panes[1] if side_name == "left" else panes[0]
        chosen = [self.model.rows[r] for r in rows]
        marks: tuple[list[Mark], list[Mark]] = ([], [])
        for r in rows:
            if self.model.rows[r].kind == ALIGNED:
                evidence = self.model.evidence(r)
                marks[0].extend(evidence.left)
                marks[1].extend(evidence.right)
        # The clicked side: the sentences of its row; the other: every counterpart (a gap row's
        # other cell, beside it, tells something else).
        if chosen[0].kind != ALIGNED:
            alone = replace(chosen[0], right=[]) if side_name == "left" else replace(chosen[0], left=[])
            chosen = [alone, *chosen[1:]]
        left = set(chosen[0].left) if side_name == "left" else {i for row in chosen for i in row.left}
        right = set(chosen[0].right) if side_name == "right" else {j for row in chosen for j in row.right}
        panes[0].text.show_current(left, marks[0])
        panes[1].text.show_current(right, marks[1])
        counterparts = sorted(right if side_name == "left" else left)
        told = [i for i in counterparts if i < other.text.count]
        if told:
            self._bring_into_view(other, told[0])
        return counterparts

    def _bring_into_view(self, pane: SyncPane, index: int) -> None:
        """Scroll `pane` so that sentence `index` is seen, unless it is already; the other pane
        does not follow (it holds what was clicked)."""
        offsets = pane.text.offsets(self._width(pane))
        top, bottom = offsets[index], offsets[index + 1]
        if pane.scroll_y <= top and bottom <= pane.scroll_y + pane.size.height:
            return
        y = max(0.0, min(float(top - 1), pane.max_scroll_y))
        self._scroll_quietly(pane, y)

    def _scroll_to_sentence(self, pane: SyncPane, index: int) -> None:
        offsets = pane.text.offsets(self._width(pane))
        if index < len(offsets) - 1:
            pane.scroll_to(y=max(0, offsets[index] - 1), animate=False, immediate=True)
