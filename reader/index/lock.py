"""The index's write lock: an flock on reader.lock, held by the one process that updates it.

Only the holder writes into the index folder (commits, the state database, deleting leftovers,
among them the temp files of a writer killed before its rename: temp_files.py);
readers never take it, so a search never waits for an update.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import Callable

from reader.file_lock import lock_holder, wait_for_flock
from reader.index.state import LOCK_NAME, IndexBusy, IndexLocationError, IndexMovedAway, IndexNotWritable
from reader.wording import WAITING_FOR_ANOTHER, holder_shown


WAITING = f"{WAITING_FOR_ANOTHER} to finish updating the index…"


def acquire(
    index_dir: Path,
    timeout: float,
    progress: Callable[[int, int, str], None] | None = None,
    waiting: str = WAITING,
):
    """The locked file (pass it to release()), once the folder is known to be ours; IndexBusy
    after `timeout` seconds when another process holds it (`progress` hears `waiting` meanwhile:
    seconds of silence look like a hang); IndexMovedAway when the folder was carried over
    (emptied and removed) while this waited."""
    deadline = time.monotonic() + timeout
    attempt = 0
    while True:
        attempt += 1
        fh = _acquire_once(index_dir, max(0.0, deadline - time.monotonic()), progress, waiting)
        # A file system whose inode numbers are no identity (they differ between an open file
        # and its path every time) would have this take the lock again for ever: after RELOCKS
        # tries the lock is taken as it was before the check, on the file opened last.
        if attempt == RELOCKS or is_the_lock_file(fh, index_dir):
            from reader.index.temp_files import remove_left_behind

            # a killed writer's, and its worker pool's named semaphores: only the holder may tell they are
            remove_left_behind(Path(index_dir))
            return fh
        # Locked while the holder deleted the lock file: its index was carried over to another
        # folder (moved.take_over), which deletes the folder it emptied. That lock excludes no
        # one (the next process makes a new file), so it is not a lock.
        release(fh)
        from reader.index.ownership import read_marker

        if read_marker(index_dir) is None:
            raise IndexMovedAway(MOVED_AWAY.format(index_dir=index_dir))
        progress = None  # (said once)


# Times acquire() takes the lock before it goes on without the file-identity check (above): a
# carrying over deletes the lock file once, so a second try already holds the file there.
RELOCKS = 5


MOVED_AWAY = (
    "the index in {index_dir} was carried over to another folder (its corpus folder moved) "
    "while this process waited for it; run reader again"
)


def _acquire_once(
    index_dir: Path, timeout: float, progress: Callable[[int, int, str], None] | None, waiting: str = WAITING
):
    from reader.index.ownership import NotAnIndexFolder, claim

    try:
        claim(index_dir)  # never write into a folder that is not ours
    except NotAnIndexFolder as exc:
        raise IndexLocationError(str(exc)) from None
    except OSError as exc:
        raise IndexNotWritable(f"cannot write the index folder {index_dir}: {exc.strerror or exc}") from exc
    try:
        fh = open(Path(index_dir) / LOCK_NAME, "a+")
    except OSError as exc:
        raise IndexNotWritable(f"cannot write the index folder {index_dir}: {exc.strerror or exc}") from exc
    if wait_for_flock(fh, timeout, on_wait=None if progress is None else lambda: progress(0, 0, waiting)):
        return fh
    holder = holder_shown(lock_holder(fh))
    fh.close()
    raise IndexBusy(
        f"another reader process{holder} is updating the index in {index_dir}; try again when it has finished",
        holder=holder,
    )


def is_the_lock_file(fh, index_dir: Path) -> bool:
    """Whether the locked file is still the one at the lock's path (not deleted or replaced)."""
    try:
        held, there = os.fstat(fh.fileno()), os.stat(Path(index_dir) / LOCK_NAME, follow_symlinks=False)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (there.st_dev, there.st_ino)


def release(fh) -> None:
    fcntl.flock(fh, fcntl.LOCK_UN)
    fh.close()


def held_by_another(index_dir: Path) -> bool:
    """Whether another process holds the write lock now (it is updating the index)."""
    try:
        fh = open(Path(index_dir) / LOCK_NAME, "rb")
    except OSError:
        return False
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
        return False
