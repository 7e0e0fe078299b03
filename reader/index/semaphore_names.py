"""The names of the update's worker pools' semaphores, recorded in the index folder while they
exist, so that the next update removes those of an update killed with its whole process group
(no Whoosh import: the lock's holder removes them first thing, with temp_files.remove_left_behind).

A pool's queues and counts are guarded by named POSIX semaphores (files /dev/shm/sem.mp-...),
whose names pool.py removes once the pool's workers have all started. Killed before (kill -9 of
the process group in the second or two the workers take to start, or of a terminal's job), the
resource tracker that would remove them is killed too, and they stayed in /dev/shm for good.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from reader.safe_write import process_alive

RECORD_PREFIX = "pool-semaphores.tmp"  # + the updating process's id
_RECORD = re.compile(re.escape(RECORD_PREFIX) + r"(?P<pid>\d{1,10})")
# multiprocessing's names for its semaphores: "/mp-" and eight random letters, digits or "_"
_NAME = re.compile(r"/mp-[a-z0-9_]{8}")


def record(index_dir: Path, names: list[str]) -> None:
    """Record this process's semaphore names still in /dev/shm (none: the record is removed).
    Best effort: a record that cannot be written only loses the clean-up after a kill."""
    path = Path(index_dir) / f"{RECORD_PREFIX}{os.getpid()}"
    try:
        if names:
            path.write_text("".join(f"{name}\n" for name in names), encoding="ascii")
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def killed_update_removed(index_dir: Path, entry: str) -> bool:
    """Whether `entry` is the record of an update whose process is gone, its semaphores now
    removed: the record may go (temp_files removes it with the other leftovers, under the lock)."""
    match = _RECORD.fullmatch(entry)
    if match is None or process_alive(int(match["pid"])):
        return False
    try:
        names = (Path(index_dir) / entry).read_text(encoding="ascii", errors="replace").split()
    except OSError:
        return False
    for name in names:
        if _NAME.fullmatch(name):
            _unlink(name)
    return True


def _unlink(name: str) -> bool:
    """Remove a named semaphore; False when it is gone already (its resource tracker lived on)."""
    try:
        from _multiprocessing import sem_unlink  # type: ignore[import-not-found]
    except ImportError:  # a system without named semaphores
        return False
    try:
        sem_unlink(name)
    except OSError:
        return False
    return True
