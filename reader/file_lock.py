"""Waiting for an exclusive flock (no UI imports): the index's write lock, the feeds.yaml edit lock
and the comparisons pass's lock each wait a little for another process, then give up."""

from __future__ import annotations

import fcntl
import time
from typing import IO, Callable


def wait_for_flock(
    handle: IO | int,
    wait: float,
    *,
    poll: float = 0.05,
    cancel: Callable[[], bool] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> bool:
    """Take an exclusive flock on `handle` (a file or a descriptor): True once held; False when
    another process still holds it after `wait` seconds, or once cancel() is true. `on_wait()`
    is called once, when it first has to wait (seconds of silence look like a hang). Any other
    OSError (a file system without locks) is raised."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            pass
        if time.monotonic() >= deadline or (cancel is not None and cancel()):
            return False
        if on_wait is not None:
            on_wait()
            on_wait = None  # said once
        time.sleep(poll)
