"""Toasts that do not pile up (a key pressed again says the same thing once), and the one toast
for a worker that failed."""

from __future__ import annotations

import threading
import time
from weakref import WeakKeyDictionary

from textual.app import App
from textual.message import Message
from textual.notifications import Notification, Notify, SeverityLevel
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


class ThreadNotice(Message):
    """A notice sent from a worker thread, shown from the app's own (HeldNotices.notify)."""

    def __init__(self, message: str, options: dict) -> None:
        super().__init__()
        self.message = message
        self.options = options


class HeldNotices(App):
    """An App whose notices wait while a screen is read or typed into (NoticesWait: the help, a
    dialog): those on screen when it opens go and come back, whole, when it closes; those raised
    meanwhile wait for it too. A toast of the skipped files covered the help for its 10 s when ?
    was pressed at start."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lately: list[Notification] = []  # the notices sent and not dismissed (some may have expired)
        self._held: list[tuple[str, dict]] | None = None  # None: none held
        self._holders = 0  # screens open that hold them (the help opened over a dialog: two)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        options = {"title": title, "severity": severity, "timeout": timeout, "markup": markup}
        if not self._on_app_thread():
            # A worker thread's (the list's reader): the lists below are the app thread's alone,
            # or one held meanwhile by a screen is lost or held twice.
            self.post_message(ThreadNotice(message, options))
            return
        if self._held is not None:
            self._held.append((message, options))
            return
        # As App.notify, keeping the notification: a toast dismissed (clicked) is told by it.
        notification = Notification(
            message, title, severity, self.NOTIFICATION_TIMEOUT if timeout is None else timeout, markup=markup
        )
        self._lately = [notice for notice in self._lately if not notice.has_expired] + [notification]
        self.post_message(Notify(notification))

    def _on_app_thread(self) -> bool:
        """The caller runs on the app's thread (Textual's own test, as call_from_thread's). Not
        "an event loop runs here": an async thread worker runs one of its own (asyncio.run)."""
        return threading.get_ident() == self._thread_id

    def on_thread_notice(self, event: ThreadNotice) -> None:
        self.notify(event.message, **event.options)  # the sender's options: its markup=False kept

    def _on_notify(self, event: Notify) -> None:
        """A notice sent just before a screen held them (its message still on its way) is held
        with the others (hold_notices): shown now too, over the help, it came back when the
        help closed, a second time, or after it was clicked away."""
        if self._held is not None:
            event.prevent_default()  # App._on_notify would show it

    def _unnotify(self, notification: Notification, refresh: bool = True) -> None:
        """A toast clicked away or expired (Textual's Toast calls this): it is not shown again
        when the help closes (a toast clicked away before ? came back after it)."""
        self._lately = [notice for notice in self._lately if notice.identity != notification.identity]
        super()._unnotify(notification, refresh=refresh)

    def hold_notices(self) -> None:
        """The notices shown go (until the last holder calls release_notices), and new ones wait."""
        self._holders += 1
        if self._held is not None:
            return
        self._held = [
            (
                notice.message,
                {
                    "title": notice.title,
                    "severity": notice.severity,
                    "timeout": notice.timeout,
                    "markup": notice.markup,
                },
            )
            for notice in self._lately
            if not notice.has_expired
        ]
        self._lately = []
        self.clear_notifications()
        # That redraws the racks of the screen on top only: the screens beneath show through a
        # dialog's margins, with their toasts (each redraws its rack when it is on top again).
        for screen in self.screen_stack:
            for rack in screen.query("ToastRack"):
                rack.remove_children()

    def release_notices(self) -> None:
        """The notices held are shown, each for its whole time (it was not read meanwhile), once
        no screen holds them."""
        self._holders = max(0, self._holders - 1)
        if self._holders:
            return
        held, self._held = self._held or [], None
        for message, options in held:
            self.notify(message, **options)


class NoticesWait:
    """A screen over which notices wait (HeldNotices): the help, a dialog. Textual's toasts sit
    bottom right, over a dialog's field and most of the help at 80x24. A mixin before the
    screen's class (`class Dialog(NoticesWait, ModalScreen)`), not a Screen: one would bring
    Screen's own CSS after ModalScreen's (an opaque background behind the dialog)."""

    def on_mount(self) -> None:
        app = getattr(self, "app", None)
        if isinstance(app, HeldNotices):
            app.hold_notices()

    def on_unmount(self) -> None:
        app = getattr(self, "app", None)
        if isinstance(app, HeldNotices):
            app.release_notices()
