"""Reading a corpus file safely: opened non-blocking, then checked on the open file, so a FIFO put
in its place since the scan's stat must not block the read, nor a device (/dev/zero) be read
forever, and never more than a bound; and, while reading_inside() says so, only a file that lies
inside the corpus folder once its links are resolved (a link swapped since the scan, which
refused links out of the corpus, must not pull in /etc/shadow)."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import BinaryIO

from reader.plain_file import open_without_blocking, special_kind

__all__ = [
    "LeadsOutside",
    "bound_for",
    "hash_regular",
    "lies_inside",
    "open_regular",
    "read_regular",
    "reading_inside",
    "special_kind",
]

# The real path of the folder the files read must lie in, or None to read them wherever their
# links lead (--follow-links).
_INSIDE: ContextVar[str | None] = ContextVar("reader_corpus_inside", default=None)


class LeadsOutside(Exception):
    """The file opened lies outside the folder reading_inside() gave (`real`: its real path)."""

    def __init__(self, real: str):
        super().__init__(real)
        self.real = real


def bound_for(root: str | os.PathLike, follow_links: bool) -> str | None:
    """The folder reading_inside() bounds the reading of `root`'s files to: its real path, or
    None when links out of it are followed (--follow-links)."""
    return None if follow_links else os.path.realpath(root)


def lies_inside(real: str, folder: str) -> bool:
    """Whether the real path `real` is the real folder `folder` or lies inside it."""
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


@contextmanager
def reading_inside(real_folder: str | None) -> Iterator[None]:
    """read_regular() meanwhile (in this thread) reads only files inside `real_folder` (a real
    path: os.path.realpath's) once every link is resolved, and raises LeadsOutside for another;
    None: no such bound."""
    token = _INSIDE.set(real_folder)
    try:
        yield
    finally:
        _INSIDE.reset(token)


def read_regular(path: str | os.PathLike, limit: int) -> tuple[os.stat_result, bytes | None]:
    """The open file's stat, and up to `limit` + 1 of its bytes (more than `limit`: it grew past
    the bound); None for the bytes when it is no regular file or its size is over `limit`. OSError
    as os.open raises it; LeadsOutside (see reading_inside)."""
    st, handle = open_regular(path)
    with handle:
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return st, None
        return st, handle.read(limit + 1)


def open_regular(path: str | os.PathLike) -> tuple[os.stat_result, BinaryIO]:
    """The open file's stat and the file, open for reading (the caller closes it; read it only
    when it is a regular file): read_regular's checks, for a file read a part at a time."""
    fd = open_without_blocking(path)
    handle = open(fd, "rb")
    try:
        inside = _INSIDE.get()
        if inside is not None:
            real = _opened_path(fd, path)
            if not lies_inside(real, inside):
                raise LeadsOutside(real)
        return os.fstat(fd), handle
    except BaseException:
        handle.close()
        raise


def _opened_path(fd: int, path: str | os.PathLike) -> str:
    """The real path of the file open as `fd`: as the kernel names it (Linux), so that a link
    changed between the open and this check is no way round it; elsewhere, `path` resolved."""
    try:
        real = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return os.path.realpath(path)
    return real if real.startswith("/") else os.path.realpath(path)  # "pipe:[...]" and the like


# Bytes of a file hashed whole at most: over the largest plain file the loader reads (a 512 MB
# JSON Lines file). A larger one (a 20 GB disk image named .txt, refused by its size unread) was
# read whole before it was refused: 3.5 minutes for 20 GB. Its size, time, ends and
# SAMPLED_BLOCKS blocks spread between them are hashed instead (a gzip file of long comments
# that large is loaded: an edit that keeps its size and time and misses the blocks goes unseen,
# as an unchanged signature is for any file: docs/design.md). The blocks tell apart two files of
# the same size, time and ends that differ throughout (shards a tool wrote with one time,
# preallocated files): without them a file renamed in place of the other, deleted, was paired
# with it (reader.index.renamed) and its articles re-keyed, never read.
MOST_HASHED = 1 << 30
_HASHED_END = 1 << 20
SAMPLED_BLOCKS = 16
SAMPLED_BLOCK = 1 << 16


def sampled_offsets(size: int) -> list[int]:
    """Where the blocks hashed between the ends of a file of `size` bytes over MOST_HASHED start:
    evenly spread, so that a file that differs throughout differs in them."""
    return [size * n // (SAMPLED_BLOCKS + 1) for n in range(1, SAMPLED_BLOCKS + 1)]


def hash_regular(path: str | os.PathLike, digest) -> None:
    """Feed the bytes of the regular file at `path` to `digest` (a hashlib object); for a file
    over MOST_HASHED its size, modification time, first and last megabyte and the blocks at
    sampled_offsets between them (a file growing as it is hashed, its first MOST_HASHED bytes
    and more). OSError when it is no regular file (a FIFO put in its place since the scan: its
    open would block for good, /dev/zero's read never end), its strerror in words."""
    fd = open_without_blocking(path)
    with open(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = special_kind(st.st_mode) or "a folder"
            raise OSError(errno.EINVAL, f"{kind}, not a regular file (not read)", str(path))
        if st.st_size > MOST_HASHED:
            digest.update(f"over {MOST_HASHED}: {st.st_size} bytes, modified {st.st_mtime_ns}\n".encode())
            digest.update(handle.read(_HASHED_END))
            for offset in sampled_offsets(st.st_size):
                handle.seek(offset)
                digest.update(handle.read(SAMPLED_BLOCK))
            handle.seek(-_HASHED_END, os.SEEK_END)
            digest.update(handle.read(_HASHED_END))
            return
        hashed = 0
        while hashed <= MOST_HASHED and (block := handle.read(1 << 20)):
            digest.update(block)
            hashed += len(block)
