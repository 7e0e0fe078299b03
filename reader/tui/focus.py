"""Keys typed fast go where the focus is by the time they are read.

Textual hands each key to the widget focused when the key arrives; an unhandled key then bubbles
back up to the app, which only then runs its binding. So a key that moves the focus (`f` to the
filter) acted after the keys queued behind it had been handed to the old widget: with an
article open, "fc" typed fast (or pasted, or piled up while the app was busy) opened a
comparison instead of typing "c" in the filter, and "f" then "zq" quit the app. Two mends:
- the app runs a key's binding as the key arrives, unless the focused widget takes the key
  itself (an input box its letters) or a key sent to a widget before it has not been handled
  yet (typed or pasted letters, then Enter: Enter must see them): `ReaderApp.on_event`, `KeysSent`;
- key actions move the focus with `focus_now`, at once, instead of `Widget.focus()`, which only
  schedules it behind the keys already queued.
"""

from __future__ import annotations

import time

from textual.dom import NoScreen
from textual.widget import Widget

# A key sent to a widget that never handles it (the widget went away) stops counting after this.
STUCK_SECONDS = 2.0


def focus_now(widget: Widget) -> None:
    """Focus `widget` at once, or as soon as it can take the focus (e.g. once it is mounted)."""
    try:
        screen = widget.screen
    except NoScreen:
        widget.focus()
        return
    screen.set_focus(widget)
    if screen.focused is not widget:
        widget.focus()


class KeysSent:
    """The keys the app has handed to widgets and they have not handled yet: while any are, a
    new key's binding waits its turn (it follows them the way Textual sends keys)."""

    def __init__(self) -> None:
        self._waiting: dict[int, float] = {}
        self._count = 0

    def sent(self, widget: Widget) -> None:
        """A key was just posted to `widget`: it counts until the widget has handled it."""
        self._count += 1
        token = self._count
        self._waiting[token] = time.monotonic()
        widget.call_later(self._handled, token)  # runs after the key, in the widget's queue

    def _handled(self, token: int) -> None:
        self._waiting.pop(token, None)

    def pending(self) -> bool:
        now = time.monotonic()
        for token, since in list(self._waiting.items()):
            if now - since > STUCK_SECONDS:
                del self._waiting[token]
        return bool(self._waiting)
