"""What every subcommand shares: errors, JSON output, progress, colour."""

from __future__ import annotations

import json
import os
import sys
from typing import Any


class CommandError(Exception):
    """A failure to report as one clear line on stderr with a non-zero exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def use_colour(stream=sys.stdout) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def progress_enabled() -> bool:
    """Progress goes to stderr, and only when stderr is a terminal."""
    return sys.stderr.isatty()


def strip_controls_for_terminal(text: str) -> str:
    """Last line of defence for plain-text output: no escape sequences reach the terminal."""
    from reader.corpus.decode import strip_controls

    return strip_controls(text)


class ProgressLine:
    """A one-line progress display on stderr, drawn only when stderr is a terminal."""

    def __init__(self, label: str = "indexing"):
        self.label = label
        self.enabled = progress_enabled()
        self._drawn = False

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if not self.enabled:
            return
        percent = f"{100 * done // total:3d}%" if total else "    "
        line = f"{self.label} {percent} {done}/{total} {strip_controls_for_terminal(message)}"
        sys.stderr.write("\r\x1b[2K" + line[:120])
        sys.stderr.flush()
        self._drawn = True
        if done >= total:  # also total == 0: nothing to do, nothing to leave on screen
            self.finish()

    def finish(self) -> None:
        if self._drawn:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()
            self._drawn = False


def open_library(args, *, progress: ProgressLine | None = None):
    """The Library for the global --corpus/--index options, or a CommandError saying what is wrong."""
    from reader.config import ConfigError
    from reader.library import Library

    def notice(message: str) -> None:
        print(f"reader: {strip_controls_for_terminal(message)}", file=sys.stderr)

    try:
        return Library(args.corpus, args.index, progress=progress or ProgressLine(), on_notice=notice,
                       follow_links=getattr(args, "follow_links", False))
    except (FileNotFoundError, ConfigError) as exc:
        raise CommandError(str(exc), code=2) from exc
