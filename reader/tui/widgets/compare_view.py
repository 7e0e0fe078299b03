"""Widgets of the compare screen: aligned rows of two outlets' sentences, titles and a summary bar.

Article strings never reach a markup parser: every cell is a `Content` built from the literal text,
styled by offsets; highlight colours come from CSS component classes (themes and NO_COLOR apply).
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget

from reader.tui import safe
from reader.tui.widgets.compare_layout import (
    ALIGNED,
    GAP,
    MOVED,
    ONLY,
    CompareModel,
    Mark,
    Row,
    Side,
    cell_spans,
)

# A pane renders at most this many rows (a huge article must not freeze the screen); the
# Markdown export always holds the whole comparison.
MAX_ROWS = 400
# ... and a cell at most this many characters.
MAX_CELL_CHARS = 4000

GUTTER = {ONLY: "+ ", MOVED: "~ ", ALIGNED: "", "": ""}

QUOTE_KINDS = ("exact", "fragment", "altered")


class CompareCell(Widget):
    """One side of one row: the sentences, shared quotes and differing figures highlighted."""

    COMPONENT_CLASSES = {
        "compare--quote-exact",
        "compare--quote-fragment",
        "compare--quote-altered",
        "compare--figure",
        "compare--gutter-only",
        "compare--gutter-moved",
    }

    DEFAULT_CSS = """
    CompareCell { width: 1fr; height: auto; }
    """

    def __init__(self, side: Side, indices: list[int], status: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.side = side
        self.indices = indices
        self.status = status
        self.text, self.spans = cell_spans(side, indices) if indices else ("", [])
        if len(self.text) > MAX_CELL_CHARS:  # one enormous "sentence": show its start only
            hidden = len(self.text) - MAX_CELL_CHARS
            self.text = (
                self.text[:MAX_CELL_CHARS]
                + f" … ({hidden:,} more characters; press e to export the whole comparison)"
            )
            self.spans = [(s, min(e, MAX_CELL_CHARS), m) for s, e, m in self.spans if s < MAX_CELL_CHARS]
        if status:
            self.add_class(f"-{status}")
        if not indices:
            self.add_class("-empty")

    sibling: "CompareCell | None" = None

    def get_content_height(self, container, viewport, width: int) -> int:
        """As tall as the other side of the row when the two are side by side."""
        own = super().get_content_height(container, viewport, width)
        sibling = self.sibling
        if sibling is None or self.screen.has_class("-narrow"):
            return own
        sibling_width = width + self.styles.gutter.width - sibling.styles.gutter.width
        other = Widget.get_content_height(sibling, container, viewport, max(1, sibling_width))
        return max(own, other)

    def mark_class(self, mark: Mark) -> str:
        return "compare--figure" if mark.kind == "figure" else f"compare--quote-{mark.kind}"

    def marks(self) -> list[tuple[int, int, Mark]]:
        return list(self.spans)

    def render(self) -> Content:
        styles = {}
        spans = []
        for start, end, mark in self.spans:
            name = self.mark_class(mark)
            if name not in styles:
                styles[name] = self.get_visual_style(name)
            spans.append((start, end, styles[name]))
        body = safe.spans_content(self.text, spans)
        prefix = GUTTER.get(self.status, "")
        if prefix:
            gutter = self.get_visual_style(f"compare--gutter-{self.status}")
            return Content(prefix).stylize(gutter) + body
        return body


class CompareRow(Widget):
    """A row: the left cell and the right cell, side by side (stacked when the screen is narrow).

    Side by side, both cells take the height of the taller one (the gutter and the divider run
    down the whole row): see `CompareCell.get_content_height`.
    """

    DEFAULT_CSS = """
    CompareRow { layout: horizontal; height: auto; }
    """

    def __init__(self, model: CompareModel, row: Row, index: int) -> None:
        classes = "-gap" if row.kind == GAP else "-aligned"
        if row.reasons:
            classes += " -difference"
        super().__init__(classes=classes)
        self.row = row
        self.index = index
        self.left_cell = CompareCell(model.left, row.left, row.left_status, classes="-left")
        self.right_cell = CompareCell(model.right, row.right, row.right_status, classes="-right")
        self.left_cell.sibling, self.right_cell.sibling = self.right_cell, self.left_cell
        if row.reasons:
            self.tooltip = "; ".join(row.reasons)

    def compose(self):
        yield self.left_cell
        yield self.right_cell


class CompareBody(VerticalScroll, can_focus=True):
    """The scrolling rows; one scroll moves both sides."""

    def show(self, model: CompareModel) -> list[CompareRow]:
        """Replace the rows with the model's (capped at MAX_ROWS); returns the row widgets."""
        self.remove_children()
        rows = [CompareRow(model, row, n) for n, row in enumerate(model.rows[:MAX_ROWS])]
        widgets: list[Widget] = list(rows)
        hidden = len(model.rows) - len(rows)
        if hidden > 0:
            widgets.append(
                BodyNote(f"{hidden} more rows not shown here; press e to export the whole comparison.")
            )
        if not model.rows:
            widgets.append(BodyNote("Neither article has any sentence to compare."))
        self.mount_all(widgets)
        return rows


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


def title_content(side: Side, label: str) -> Content:
    """`Outlet — Title` for a column header (untrusted strings, literal)."""
    outlet = safe.label(side.outlet, "bold")
    title = safe.label(side.title or side.id or "untitled")
    return safe.join([Content(f"{label} "), outlet, Content(" — "), title])


def summary_content(model: CompareModel, current: int | None = None) -> Content:
    """The summary bar: counts, shared quotes, name variants, differing figures (literal).

    `current` is the index of the difference being shown (in `model.differences`), if any.
    """
    counts = model.quote_counts
    parts: list[Content | str] = []
    total = len(model.differences)
    if current is not None and 0 <= current < total:
        reasons = "; ".join(safe.one_line(r, 80) for r in model.differences[current].reasons)
        parts.append(Content(f"Difference {current + 1}/{total}: ").stylize("bold"))
        parts.append(f"{reasons} · ")
    elif total:
        parts.append(f"{total} differences (] next, [ previous) · ")
    else:
        parts.append("No differences · ")
    parts.append(
        f"{model.aligned_count} aligned · {model.only_left} only in "
        f"{safe.one_line(model.left.outlet, 30)} · {model.only_right} only in "
        f"{safe.one_line(model.right.outlet, 30)} · {sum(counts.values())} shared quotes"
    )
    details = [f"{counts[k]} {k}" for k in QUOTE_KINDS if counts.get(k)]
    if details:
        parts.append(" (" + ", ".join(details) + ")")
    if model.name_variants:
        parts.append(Content("\nNames: ").stylize("bold"))
        parts.append(
            "; ".join(f"{safe.one_line(a, 40)} ↔ {safe.one_line(b, 40)}" for a, b in model.name_variants)
        )
    if model.figures:
        parts.append(Content("\nFigures: ").stylize("bold"))
        parts.append(
            "; ".join(f"{safe.one_line(a, 40)} ↔ {safe.one_line(b, 40)}" for a, b in model.figures)
        )
    return safe.join(parts)
