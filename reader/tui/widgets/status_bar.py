"""One line at the bottom: what the app is doing, what runs in the background, and a progress
bar while the index updates."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static

from reader.tui.safe import label


class StatusBar(Horizontal):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; padding: 0 1; }
    /* One row: a longer line ends in … (wrapped, its second row was cut with no sign of it). */
    StatusBar > Static { text-wrap: nowrap; text-overflow: ellipsis; }
    StatusBar > #status-text { width: 1fr; height: 1; color: $text-muted; }
    StatusBar > #status-work { width: auto; max-width: 60%; height: 1; color: $text-muted; padding-left: 2;
                               display: none; }
    StatusBar > ProgressBar { width: auto; height: 1; display: none; }
    StatusBar.-busy > ProgressBar { display: block; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="status-text")
        yield Static(Content(""), id="status-work")
        yield ProgressBar(total=None, show_eta=False, id="status-progress")

    def say(self, text: str) -> None:
        """Show a line (untrusted parts allowed: it is rendered literally)."""
        self.query_one("#status-text", Static).update(label(text, limit=400))

    def working(self, text: str) -> None:
        """Show what runs in the background, at the right, apart from the line `say` shows
        ("" clears it)."""
        work = self.query_one("#status-work", Static)
        work.update(label(text, limit=120))
        work.display = bool(text)

    def progress(self, done: int, total: int) -> None:
        self.add_class("-busy")
        bar = self.query_one(ProgressBar)
        bar.update(total=max(total, 1), progress=done)

    def idle(self) -> None:
        self.remove_class("-busy")
