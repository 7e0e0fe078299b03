"""Toasts that do not pile up (a key pressed again says the same thing once), and the one toast
for a worker that failed."""

from __future__ import annotations

from textual.app import App
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from reader.tui.safe import error_line


def notify_once(app, message: str, **options) -> None:
    """`app.notify(message)` (never markup) unless the same message is still on screen."""
    if any(n.message == message for n in app._notifications):
        return
    app.notify(message, markup=False, **options)


def notify_worker_error(node: App | Widget, event: Worker.StateChanged) -> None:
    """For a node's Worker.StateChanged (it does not bubble): a worker that raised gets one error
    toast naming it, its message on one line."""
    error = event.worker.error
    if event.state == WorkerState.ERROR and error is not None:
        node.notify(f"{event.worker.name} failed: {error_line(error)}", severity="error", markup=False)
