"""Waiting for an exclusive flock (no UI imports): the index's write lock, the feeds.yaml edit lock
and the comparisons pass's lock each wait a little for another process, then give up."""

from __future__ import annotations

import fcntl
import os
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


# The system's table of the locks held (Linux); a module value: tests give it a table of their own.
LOCKS_TABLE = "/proc/locks"


def flock_holders(handle: IO | int) -> set[int] | None:
    """The processes the system names as holding an flock on the file `handle` is open on (from
    /proc/locks: Linux), or None when it cannot tell: another system, /proc not mounted, or a file
    system whose table names the file by another device than stat() gives (btrfs: stat() gives each
    subvolume a device of its own, the table the file system's), seen as a lock on the file's inode
    under another device, read as the file's (an empty set would say that nobody holds a lock that
    is held). A pid of 0 stands for a process outside this one's pid namespace (another container's)."""
    try:
        st = os.fstat(handle if isinstance(handle, int) else handle.fileno())
        with open(LOCKS_TABLE, encoding="ascii", errors="replace") as table:
            lines = table.read().splitlines()
    except (OSError, ValueError):
        return None
    # "1: FLOCK  ADVISORY  WRITE 4242 fe:00:2146403 0 EOF": device as hex major:minor, then inode
    device, inode = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}", str(st.st_ino)
    holders = set()
    elsewhere = False  # a lock on an inode of this number under another device, not known to be this file's
    for line in lines:
        words = line.split()
        if "->" in words:  # a process waiting for the lock, not holding it
            continue
        if len(words) < 6 or words[1] != "FLOCK" or not words[4].lstrip("-").isdigit():
            continue
        on_device, _, on_inode = words[5].rpartition(":")
        if on_inode != inode:
            continue
        pid = max(int(words[4]), 0)  # -1 on some kernels: not ours to name
        # btrfs lists the file system's device, stat() the subvolume's: the lock is this file's
        # when its holder has this very file open (a process of ours: its /proc/PID/fd is readable)
        if on_device == device or (pid and has_open(pid, st)):
            holders.add(pid)
        else:
            elsewhere = True
    return None if elsewhere and not holders else holders


def has_open(pid: int, st: os.stat_result) -> bool:
    """Whether process `pid` has the file `st` was taken of open (its /proc/PID/fd; False when
    they cannot be read: another user's process, another system). Never this process: the one
    looking has the file open itself, whoever holds the lock."""
    if pid == os.getpid():
        return False
    folder = f"/proc/{pid}/fd"
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    for name in names:
        try:
            other = os.stat(os.path.join(folder, name))
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            return True
    return False


def lock_holder(handle: IO | int) -> tuple[int, str] | None:
    """(pid, command line) of the one process holding an flock on `handle`'s file, for a message
    saying the lock is busy ("another process" left the user to hunt for it with ps); None when
    the system does not tell, or names more than one (a shared lock), a process outside this
    pid namespace or this process. The command is "" when it cannot be read, and is another
    program's untrusted text: the caller shows it escaped (wording.untrusted_shown)."""
    holders = flock_holders(handle)
    if not holders or len(holders) != 1:
        return None
    (pid,) = holders
    # (this very process on another descriptor: not "another process", and no news to the caller)
    return (pid, process_command(pid)) if pid > 0 and pid != os.getpid() else None


def process_command(pid: int) -> str:
    """Process `pid`'s command line as a user would recognise it ("reader index", not
    "/home/u/.venv/bin/python3 -m reader index"); "" when it cannot be read (gone, another system)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            raw = fh.read(4096)
    except OSError:
        return ""
    return command_as_typed([word.decode("utf-8", "surrogateescape") for word in raw.rstrip(b"\0").split(b"\0")])


def command_as_typed(words: list[str]) -> str:
    """A command line's words as the user typed them: "reader index" of "python3 -m reader index"
    and of "python3 /home/u/.venv/bin/reader index" (an installed script, run by its #! line)."""
    if len(words) >= 3 and words[1] == "-m":  # python -m reader …
        words = words[2:]
    elif len(words) >= 2 and os.path.basename(words[0]).startswith("python") and not words[1].startswith("-"):
        words = words[1:]
    if not words[0]:
        return ""
    return " ".join([os.path.basename(words[0]), *words[1:]])
