"""Reading an article file compressed with gzip ("page.html.gz"), bounded as a plain file is:
what it decompresses to is read a block at a time and refused past the limit, so a small file
that inflates to 10 GB (a decompression bomb) costs the limit's worth of work and memory."""

from __future__ import annotations

import gzip
import zlib
from contextlib import contextmanager
from typing import BinaryIO, Iterator


class BadGzip(Exception):
    """The file is no gzip data, or damaged; the message says which, for a user."""


@contextmanager
def gzip_errors(handle: BinaryIO) -> Iterator[None]:
    """What gzip raises for bad data read from `handle`, as BadGzip with a reason a user reads."""
    try:
        yield
    except gzip.BadGzipFile as exc:
        if str(exc).startswith("Not a gzipped file") and _starts_as_gzip(handle):  # junk after a member
            raise BadGzip(
                "its gzip data is damaged: bytes that are no gzip data follow it (an appended file?)"
            ) from exc
        if str(exc).startswith("Not a gzipped file"):  # its first bytes: a plain file named .gz
            raise BadGzip(f"not gzip data, though its name ends in .gz ({exc}); rename it without .gz") from exc
        raise BadGzip(f"its gzip data is damaged ({exc})") from exc  # a wrong checksum or length
    except EOFError as exc:
        raise BadGzip("its gzip data is cut short (an unfinished download or copy?)") from exc
    except zlib.error as exc:
        raise BadGzip(f"its gzip data is damaged ({exc})") from exc


def _starts_as_gzip(handle: BinaryIO) -> bool:
    try:
        handle.seek(0)
        return handle.read(2) == b"\x1f\x8b"
    except OSError:
        return False


def decompressing(handle: BinaryIO) -> BinaryIO:
    """`handle` (a gzip file, open for reading) read as what it decompresses to."""
    return gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[return-value]


def read_decompressed(handle: BinaryIO, limit: int) -> bytes:
    """Up to `limit` + 1 bytes of what the gzip file `handle` decompresses to (more than `limit`:
    it is over the bound); BadGzip for data that is not gzip or is damaged."""
    with gzip_errors(handle):
        reader = decompressing(handle)
        data = reader.read(limit + 1)
        if len(data) <= limit:
            reader.read(1)  # at its end: data cut short, or not what its checksum says, raises here
        return data


def decompressed_size(reader: BinaryIO, limit: int, block: int = 1024 * 1024) -> int:
    """How many bytes `reader` (decompressing) gives, counted a block at a time up to `limit` + 1
    (more than `limit`: over the bound, not read further); read to its end, its checksum is checked."""
    size = 0
    while size <= limit:
        data = reader.read(min(block, limit + 1 - size))
        if not data:
            break
        size += len(data)
    return size
