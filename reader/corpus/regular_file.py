"""Reading a corpus file safely: opened non-blocking, then checked on the open file, so a FIFO put
in its place since the scan's stat must not block the read, nor a device (/dev/zero) be read
forever, and never more than a bound."""

from __future__ import annotations

import os
import stat


def read_regular(path: str | os.PathLike, limit: int) -> tuple[os.stat_result, bytes | None]:
    """The open file's stat, and up to `limit` + 1 of its bytes (more than `limit`: it grew past
    the bound); None for the bytes when it is no regular file or its size is over `limit`. OSError
    as os.open raises it."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with open(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return st, None
        return st, handle.read(limit + 1)
