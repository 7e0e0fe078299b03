"""Toasts that do not pile up (a key pressed again says the same thing once), and the one toast
for a worker that failed."""

from __future__ import annotations

import time
from weakref import WeakKeyDictionary

from textual.app import App
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from reader.tui.safe import error_line


_SHOWN_UNTIL: WeakKeyDictionary[App, dict[str, float]] = WeakKeyDictionary()


def notify_once(app: App, message: str, **options) -> None:
    """Show `message` through `app.notify`, never as markup, unless the same message is still on
    screen (until its timeout: the app's own record, not Textual's private list of notifications)."""
    now = time.monotonic()
    shown = _SHOWN_UNTIL.setdefault(app, {})
    if shown.get(message, 0.0) > now:
        return
    shown[message] = now + float(options.get("timeout") or app.NOTIFICATION_TIMEOUT)
    app.notify(message, markup=False, **options)


def notify_worker_error(node: App | Widget, event: Worker.StateChanged) -> None:
    """For a node's Worker.StateChanged (it does not bubble): a worker that raised gets one error
    toast naming it, its message on one line."""
    error = event.worker.error
    if event.state == WorkerState.ERROR and error is not None:
        node.notify(f"{event.worker.name} failed: {error_line(error)}", severity="error", markup=False)
