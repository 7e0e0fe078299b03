"""Reading a small file of the user's (config.yaml, outlets.yaml, feeds.yaml) safely: opened
non-blocking and checked on the open file, as the corpus reads its files (corpus/regular_file.py),
so a FIFO put there does not block the read for good, nor /dev/zero or a huge file eat memory."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# A settings file this big is no settings file (feeds.yaml of thousands of feeds is well under it).
MAX_SETTINGS_BYTES = 8 * 1024 * 1024

_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def special_kind(mode: int) -> str | None:
    """What a file that is neither a regular file nor a folder is, in words."""
    for test, kind in _SPECIAL_KINDS:
        if test(mode):
            return kind
    return None


def open_without_blocking(path: str | os.PathLike) -> int:
    """A file descriptor of `path` open for reading, never waiting: a FIFO's open would block
    until a writer came, and a terminal must not become ours. Check it is a regular file (fstat)
    before reading it."""
    return os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))


class NotReadFile(OSError):
    """A file that was not read: no regular file, or over the size a settings file may be. Its
    str() names the file and says why ("…/outlets.yaml: a FIFO (named pipe), not a regular file;
    not read"); its strerror says why alone."""

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def read_settings_bytes(path: str | os.PathLike, limit: int = MAX_SETTINGS_BYTES) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them. NotReadFile for a FIFO,
    a device, a socket, a folder or a bigger file; OSError as os.open raises it otherwise."""
    fd = open_without_blocking(path)
    with open(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = "a folder" if stat.S_ISDIR(st.st_mode) else special_kind(st.st_mode) or "no regular file"
            raise NotReadFile(errno.EINVAL, f"{kind}, not a regular file; not read", str(path))
        data = handle.read(limit + 1)
        if len(data) > limit:  # checked on what was read: the file may grow after the fstat
            size = max(st.st_size, len(data))
            raise NotReadFile(
                errno.EFBIG,
                f"{size:,} bytes, more than the {limit // (1024 * 1024)} MiB a settings file may be; not read",
                str(path),
            )
        return data


def read_settings_text(path: str | os.PathLike, limit: int = MAX_SETTINGS_BYTES) -> str:
    """read_settings_bytes decoded as UTF-8 (UnicodeDecodeError otherwise)."""
    return read_settings_bytes(Path(path), limit).decode("utf-8")
