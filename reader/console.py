"""The `reader` console script and `python -m reader`: reader.cli's entry(), loaded here so that a
ctrl+c while Python loads it ends as one a moment later does, with "reader: interrupted" and exit
status 130, not a traceback of the import machinery. This module imports nothing of reader's
before that, so the window left is Python's own start-up."""

from __future__ import annotations

import os
import sys


def _restart_reading_file_names_as_utf8() -> None:
    """In the C locale with UTF-8 mode turned off (LC_ALL=C with PYTHONUTF8=0, as a cron job or a
    minimal container may run), Python reads file names as ASCII: a corpus file named `ünï.txt`
    was skipped as "not valid UTF-8", so that `reader index` there removed an article another
    locale had indexed, its id could not be typed, and `reader show news/ünï.txt` ended in a
    traceback. An index's ids are UTF-8 paths whatever the locale, so the command starts again with
    `-X utf8` (file names and arguments read as UTF-8, undecodable bytes kept as surrogateescape
    keeps them), its output still in the locale's ASCII, as before."""
    if os.name != "posix" or sys.flags.utf8_mode or sys.getfilesystemencoding() != "ascii":
        return
    if not sys.orig_argv or not sys.executable:
        return
    environ = dict(os.environ)
    environ.setdefault("PYTHONIOENCODING", "ascii:surrogateescape")
    try:
        os.execve(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]], environ)
    except OSError:  # no exec (a sandbox): carry on as ASCII, as before
        return


def entry() -> None:
    _restart_reading_file_names_as_utf8()
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
