"""Toasts that do not pile up: a key pressed again says the same thing once."""

from __future__ import annotations


def notify_once(app, message: str, **options) -> None:
    """`app.notify(message)` (never markup) unless the same message is still on screen."""
    if any(n.message == message for n in app._notifications):
        return
    app.notify(message, markup=False, **options)
