"""The `reader` console script and `python -m reader`: reader.cli's entry(), loaded here so that a
ctrl+c while Python loads it ends as one a moment later does, with "reader: interrupted" and exit
status 130, not a traceback of the import machinery. This module imports nothing of reader's
before that, so the window left is Python's own start-up."""

from __future__ import annotations

import sys


def entry() -> None:
    try:
        from reader.cli import entry as run_command
    except KeyboardInterrupt:
        try:
            sys.stderr.write("reader: interrupted\n")
            sys.stderr.flush()
        except (AttributeError, OSError, ValueError):  # stderr closed (None) or gone
            pass
        raise SystemExit(130) from None
    run_command()
