"""The problems an update records per file, in the one form every report gives (no imports from
the index: the state database, the scan, the no-op check and the update all read them)."""

from __future__ import annotations

import re

_ENTRY = re.compile(r".*?(#\d+)")


def file_problems(problems: list[dict], key: str) -> list[dict]:
    """A file's problems with their `path` as every report gives it: the file's absolute path
    (the corpus folder as given, made absolute; links not resolved), and `#n` after it for one
    entry of a feed or JSON Lines file. The loader names a file by its path in the corpus and an
    entry by its id (`wire#5`); an index written by an older reader may hold either form, or the
    path as the folder was given: every problem recorded for a file concerns that file."""
    out = []
    for item in problems:
        shown = str(item.get("path") or "")
        entry = _ENTRY.fullmatch(shown)
        path = key + entry.group(1) if entry and not key.endswith(entry.group(1)) else key
        out.append(item if shown == path else {**item, "path": path})
    return out


def not_read(problems) -> int:
    """How many of these problems are files skipped, not read: those read with a `warning` (a
    user rule switched off) are not counted."""
    return sum(1 for item in problems if not item.get("warning"))
