"""Temp files a killed writer left in the index folder, found and removed by the next lock holder
(no UI imports).

Every file of the index folder is written to a temp file first, then renamed into place (all or
nothing). A process killed between the two leaves the temp file, which nothing else removes:
- `<name>.tmp<pid>`: stories.bin, checksums.json, CURRENT (written only under the write lock)
  and the marker reader-index.json (written by claim(), before the lock is taken);
- `.<name>.<random>.tmp` (safe_write.replace_file): roots.json, renamed-pending.json (under the lock);
- `pool-semaphores.tmp<pid>`: an update's record of its worker pool's named semaphores, which go
  with it once its process is gone (semaphore_names.py).
Only names of ours are matched. A file written only under the lock is the holder's, so once we
hold it, no one else can be writing it; the marker's is removed only when its writer is gone.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.index.checksums import CHECKSUMS_NAME
from reader.index.layout import CURRENT_NAME
from reader.index.ownership import MARKER_NAME
from reader.index.roots import TABLE_NAME
from reader.index.semaphore_names import killed_update_removed
from reader.index.state import STORIES_NAME
from reader import safe_write
from reader.safe_write import process_alive

# pending_renames.PENDING_NAME (pending_renames takes the lock, which calls this: no import back)
PENDING_NAME = "renamed-pending.json"
_UNDER_LOCK_WITH_PID = (STORIES_NAME, CHECKSUMS_NAME, CURRENT_NAME)
_WITH_PID = re.compile(
    "(?P<name>" + "|".join(re.escape(n) for n in (*_UNDER_LOCK_WITH_PID, MARKER_NAME)) + r")\.tmp(?P<pid>\d{1,10})"
)
# tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp"): eight of its characters between the two
_REPLACED = re.compile(r"\.(" + "|".join(re.escape(n) for n in (TABLE_NAME, PENDING_NAME)) + r")\.[a-z0-9_]{8}\.tmp")


def remove_left_behind(index_dir: Path) -> list[str]:
    """Remove the temp files of ours no live writer is using; only the holder of the write lock
    calls this. The names removed (nothing when the folder cannot be read or a file not removed:
    the next holder tries again)."""
    return safe_write.remove_left_behind(index_dir, lambda name: _left_behind(Path(index_dir), name))


def _left_behind(index_dir: Path, name: str) -> bool:
    if _REPLACED.fullmatch(name) or killed_update_removed(index_dir, name):
        return True
    match = _WITH_PID.fullmatch(name)
    if match is None:
        return False
    return match["name"] in _UNDER_LOCK_WITH_PID or not process_alive(int(match["pid"]))
