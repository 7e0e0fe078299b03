"""Write a new file all or nothing (no UI imports): a full disk or a failed write leaves neither
a partial file at the target (which would block a retry) nor a temp file beside it."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def write_new_file(path: Path, text: str) -> None:
    """Write `text` to `path`, which must not exist yet (FileExistsError when it does; any other
    OSError as raised). The text goes to a temp file in the same folder first, then takes the
    target's name in one step."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # fails when the target exists: never overwrites
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            if path.exists():  # a file system without hard links: check, then rename
                raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
            os.rename(tmp, path)
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
