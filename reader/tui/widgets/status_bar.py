"""One line at the bottom: what the app is doing, what runs in the background, and a progress
bar while the index updates."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Size
from textual.widgets import ProgressBar, Static

from reader.progress_words import fitted_line, fitted_step
from reader.tui.safe import label


class StepLine(Static):
    """The status line: a plain line, or a progress step's, whose wording is the longest that fits
    its width (progress_words), chosen again as the width changes (a resize, the progress bar
    shown beside it), so that a step reads whole, not cut mid-word, down to 40 columns."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(label(text, limit=400), **kwargs)
        self._step: tuple[tuple[str, ...], str, str] | None = None  # (before, step, after) of fitted_step
        self._lines: tuple[str, ...] = ()  # a line's own wordings, longest first (fitted_line)
        self._tail = ""

    def show(
        self,
        text: str,
        step: tuple[tuple[str, ...], str, str] | None = None,
        lines: tuple[str, ...] = (),
        tail: str = "",
    ) -> None:
        self._step, self._lines, self._tail = step, lines, tail
        if step is None and not lines:
            self.update(label(text, limit=400))
        else:
            self._fit()

    def on_resize(self) -> None:
        if self._step is not None or self._lines:
            self._fit()

    def _fit(self) -> None:
        width = self.content_size.width or 400  # (not laid out yet: the whole, fitted at its resize)
        if self._lines:
            self.update(label(fitted_line(self._lines, width, self._tail), limit=400))
            return
        assert self._step is not None
        before, step, after = self._step
        self.update(label(fitted_step(before, step, width, after), limit=400))


def work_room(work: Static, width: int) -> int:
    """The columns the background line's words may take in a bar `width` wide: the share of it
    its max-width gives it, less its padding, read from its styles (DEFAULT_CSS, or a stylesheet
    that overrides it): not a copy of their numbers, which drifts when one is changed."""
    scalar = work.styles.max_width
    share = width if scalar is None else int(scalar.resolve(Size(width, 1), work.app.size))
    return max(0, min(width, share) - work.styles.padding.left - work.styles.padding.right)


class StatusBar(Horizontal):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; padding: 0 1; }
    /* One row: a longer line ends in … (wrapped, its second row was cut with no sign of it). */
    StatusBar > Static { text-wrap: nowrap; text-overflow: ellipsis; }
    StatusBar > #status-text { width: 1fr; height: 1; color: $text-muted; }
    StatusBar > #status-work { width: auto; max-width: 60%; height: 1; color: $text-muted; padding-left: 2;
                               display: none; }
    StatusBar.-working > #status-work { display: block; }
    StatusBar > ProgressBar { width: auto; height: 1; display: none; }
    StatusBar.-busy > ProgressBar { display: block; }
    """  # under 90 columns, with a progress bar: app.tcss

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Kept for compose: an index message can arrive before the bar's children are mounted
        # (a query for them then raised NoMatches in the message handler).
        self._line = ""
        self._work = ""

    def compose(self) -> ComposeResult:
        yield StepLine(self._line, id="status-text")
        self.set_class(bool(self._work), "-working")
        yield Static(label(self._work, limit=120), id="status-work")
        # A total from the start: a bar with none animates (a timer 15 times a second), hidden or not.
        yield ProgressBar(total=1, show_eta=False, id="status-progress")

    @property
    def line(self) -> str:
        """The line `say` shows now."""
        return self._line

    def say(self, text: str) -> None:
        """Show a line (untrusted parts allowed: it is rendered literally)."""
        self._line = text
        for line in self.query("#status-text").results(StepLine):
            line.show(text)

    def say_step(self, before: str | tuple[str, ...], step: str, after: str = "") -> None:
        """Show a progress step between `before` (or the longest of its choices that leaves room
        for a wording) and `after`, in the longest of its wordings that fits the line
        (progress_words.fitted_step): "Indexing: grouping into stories…" at 60 columns."""
        before = (before,) if isinstance(before, str) else before
        self._line = before[0] + step + after
        for line in self.query("#status-text").results(StepLine):
            line.show(self._line, (before, step, after))

    def say_fitted(self, lines: tuple[str, ...], tail: str = "") -> None:
        """Show the longest of a line's wordings (longest first) that fits the line, the longest
        followed by `tail` (cut at its end), chosen again as its width changes: a fetch's
        "Fetching 3/10 feeds (R stops) URL" loses its URL, then its words, before how to stop it."""
        self._line = f"{lines[0]} {tail}" if tail else lines[0]
        for line in self.query("#status-text").results(StepLine):
            line.show(self._line, lines=lines, tail=tail)

    def working(self, text: str) -> None:
        """Show what runs in the background, at the right, apart from the line `say` shows
        ("" clears it), in the longest of its wordings that fits there (progress_words):
        "preparing comparisons 1,234/10,000" read "preparing comparisons…" at 40 columns."""
        self._work = text
        self._fit_work()
        self.set_class(bool(text), "-working")

    def on_resize(self) -> None:
        self._fit_work()

    def _fit_work(self) -> None:
        width = self.content_size.width
        for work in self.query("#status-work").results(Static):
            room = work_room(work, width) if width else 120
            work.update(label(fitted_step("", self._work, room), limit=120))

    def progress(self, done: int, total: int) -> None:
        """Show `done` of `total`; a step with no count (total 0: saving the index, grouping the
        stories) moves the bar to and fro rather than showing it empty, as if stuck."""
        self.add_class("-busy")
        for bar in self.query(ProgressBar).results(ProgressBar):
            if total:
                bar.update(total=total, progress=done)
            else:
                bar.update(total=None, progress=0)

    def idle(self) -> None:
        self.remove_class("-busy")
        for bar in self.query(ProgressBar).results(ProgressBar):
            bar.update(total=1, progress=0)  # stops the to-and-fro's timer, which ran on hidden
