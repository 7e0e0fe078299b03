"""The `reader` console script and `python -m reader`: reader.cli's entry(), loaded here so that a
ctrl+c while Python loads it ends as one a moment later does, with "reader: interrupted" and exit
status 130, not a traceback of the import machinery. This module imports nothing of reader's
before that, so the window left is Python's own start-up."""

from __future__ import annotations

import os
import sys

# Set in the environment of the command started again in UTF-8 mode: the first start's standard
# streams' encodings, which the second takes back (see below). Its presence also means "started
# again already": whatever the second start finds, it never execs.
RESTARTED = "READER_RESTARTED_IN_UTF8_MODE"
_STREAMS = ("stdin", "stdout", "stderr")


def _restart_reading_file_names_as_utf8() -> None:
    """In a locale that is not UTF-8 (LC_ALL=C with PYTHONUTF8=0, as a cron job or a minimal
    container may run; LANG=en_US.ISO-8859-1), Python reads file names in the locale's encoding:
    under C `café.md` was skipped as "not valid UTF-8" (`reader index` there removed the article a
    UTF-8 locale had indexed), and under Latin-1 it was the article `cafÃ©`, another id. An index's
    ids are file names read as UTF-8 whatever the locale, so that a script gets the same ids in
    every locale: the command starts again in Python's UTF-8 mode (`-X utf8`: file names and
    arguments read as UTF-8, undecodable bytes kept as surrogateescape keeps them), after the
    interpreter's own flags (`-E`, `-I`, `-O`...), with its output in the locale's encoding as
    before. Not for a frozen program (it takes no `-X`), a script read from standard input, nor
    when `-X utf8=0` asked for it."""
    if os.name != "posix":
        return
    if RESTARTED in os.environ:  # the second start: never a third, whatever it finds
        _take_back_the_first_start(os.environ.pop(RESTARTED))
        return
    if sys.flags.utf8_mode or _codec(sys.getfilesystemencoding()) == "utf-8":
        return
    if getattr(sys, "frozen", False) or "utf8" in sys._xoptions or not sys.orig_argv or not sys.executable:
        return
    if sys.argv[:1] == ["-"]:  # `python - < script.py`: the script was read, a second start would read nothing
        return
    environ = {**os.environ, RESTARTED: _first_start()}
    try:
        # orig_argv[1:]: the interpreter's flags, then the script, `-m reader` or `-c …`, then the arguments
        os.execve(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]], environ)
    except OSError:  # no exec (a sandbox): carry on in the locale's encoding, as before
        return


def _codec(name: str) -> str:
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _first_start() -> str:
    """Each standard stream's encoding and error handler, as text."""
    import json

    streams = {}
    for name in _STREAMS:
        stream = getattr(sys, name)
        if stream is not None and hasattr(stream, "reconfigure"):
            streams[name] = [stream.encoding, stream.errors]
    return json.dumps({"streams": streams})


def _take_back_the_first_start(text: str) -> None:
    """Standard streams as the first start had them: in UTF-8 mode they are UTF-8, which a
    Latin-1 or ASCII terminal shows as mojibake (set here, not by PYTHONIOENCODING, which `-E`
    and `-I` make Python ignore)."""
    import json

    try:
        first = json.loads(text)
        for name, (encoding, errors) in first["streams"].items():
            stream = getattr(sys, name, None) if name in _STREAMS else None
            if stream is not None and hasattr(stream, "reconfigure"):
                stream.reconfigure(encoding=encoding, errors=errors)
    except (ValueError, TypeError, KeyError, LookupError, AttributeError, OSError):
        return  # not ours (a value set by hand): the streams stay as UTF-8 mode made them


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
