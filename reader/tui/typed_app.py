"""The running app, typed, for the screens and widgets that only ever live in a ReaderApp (the
main screen and what it holds, the coverage screen): they read its catalog and settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import App

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp


def reader_app(app: App) -> ReaderApp:
    return cast("ReaderApp", app)
