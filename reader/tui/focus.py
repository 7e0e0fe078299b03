"""Keys typed fast go where the focus is by the time they are read.

Textual hands each key to the widget focused when the key arrives; an unhandled key then bubbles
back up to the app, which only then runs its binding. So a key that moves the focus (`f` to the
filter) acted after the keys queued behind it had been handed to the old widget: with an
article open, "fc" typed fast (or pasted, or piled up while the app was busy) opened a
comparison instead of typing "c" in the filter, and "f" then "zq" quit the app. Two mends:
- the app runs a key's binding as the key arrives, unless the focused widget takes the key
  itself (an input box its letters): `ReaderApp.on_event`;
- key actions move the focus with `focus_now`, at once, instead of `Widget.focus()`, which only
  schedules it behind the keys already queued.
"""

from __future__ import annotations

from textual.dom import NoScreen
from textual.widget import Widget


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
