"""Reading an article file compressed with gzip, bzip2 or xz ("page.html.gz", "page.mhtml.xz"),
bounded as a plain file is: what it decompresses to is read a block at a time and refused past
the limit, so a small file that inflates to 10 GB (a decompression bomb) costs the limit's worth
of work and memory. The stdlib's gzip, bz2 and lzma modules read them."""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterator

from reader.corpus.decode import BZIP2_MAGIC, GZIP_MAGIC, XZ_MAGIC
from reader.corpus.suffixes import compression_suffix


@dataclass(frozen=True)
class Codec:
    """One compression: its name for a user, its file suffix, the bytes its data starts with,
    and how a file of it is read decompressed."""

    name: str
    suffix: str
    magic: tuple[bytes, ...]  # (any of them)
    open: Callable[[BinaryIO], BinaryIO]


GZIP = Codec("gzip", ".gz", GZIP_MAGIC, lambda handle: gzip.GzipFile(fileobj=handle, mode="rb"))  # type: ignore[arg-type,return-value]
BZIP2 = Codec("bzip2", ".bz2", BZIP2_MAGIC, lambda handle: bz2.BZ2File(handle, mode="rb"))  # type: ignore[arg-type,return-value]
XZ = Codec("xz", ".xz", XZ_MAGIC, lambda handle: lzma.LZMAFile(handle, mode="rb", format=lzma.FORMAT_XZ))  # type: ignore[arg-type,return-value]
CODECS = (GZIP, BZIP2, XZ)


def codec_of_name(name: str) -> Codec:
    """The codec of a compressed article file called `name` (suffixes.is_compressed)."""
    suffix = compression_suffix(name)
    return next(codec for codec in CODECS if codec.suffix == suffix)


def codec_of_data(head: bytes) -> Codec | None:
    """The codec of bytes opening with `head` (standard input, which has no name), else None."""
    return next((codec for codec in CODECS if head.startswith(codec.magic)), None)


class BadCompressed(Exception):
    """The file is no data of its codec, or damaged; the message says which, for a user."""


@contextmanager
def decompression_errors(handle: BinaryIO, codec: Codec) -> Iterator[None]:
    """What reading `handle` (of `codec`) decompressed raises for bad data, as BadCompressed with
    a reason a user reads. An OSError with an errno is the disk's, not the data's: it passes."""
    name = codec.name
    try:
        yield
    except (EOFError, OSError, zlib.error, lzma.LZMAError) as exc:
        if not _about_the_data(exc):
            raise
        if not _starts_as(handle, codec):  # its first bytes: a plain file named .gz
            detail = f" ({exc})" if codec is GZIP else ""
            raise BadCompressed(
                f"not {name} data, though its name ends in {codec.suffix}{detail}; rename it without {codec.suffix}"
            ) from exc
        if isinstance(exc, EOFError):
            raise BadCompressed(f"its {name} data is cut short (an unfinished download or copy?)") from exc
        if str(exc).startswith("Not a gzipped file"):  # junk after a whole gzip member
            raise BadCompressed(
                "its gzip data is damaged: bytes that are no gzip data follow it (an appended file?)"
            ) from exc
        raise BadCompressed(f"its {name} data is damaged ({exc})") from exc  # a wrong checksum or length


def _about_the_data(exc: Exception) -> bool:
    """Whether an error reading decompressed is the data's: gzip's BadGzipFile, bz2's bare
    OSError without an errno ("Invalid data stream"), zlib's and lzma's own; not the disk's
    (an errno) nor one of ours (loader.ReadStopped)."""
    if isinstance(exc, gzip.BadGzipFile) or not isinstance(exc, OSError):
        return True
    return type(exc) is OSError and exc.errno is None


def _starts_as(handle: BinaryIO, codec: Codec) -> bool:
    """Whether the file opens with `codec`'s magic bytes; a stream that cannot be read again
    (standard input) was told to be of `codec` by them."""
    try:
        if not handle.seekable():
            return True
        handle.seek(0)
        return handle.read(max(map(len, codec.magic))).startswith(codec.magic)
    except OSError:
        return False


def read_decompressed(handle: BinaryIO, codec: Codec, limit: int) -> bytes:
    """Up to `limit` + 1 bytes of what the file `handle` of `codec` decompresses to (more than
    `limit`: it is over the bound); BadCompressed for data that is not of it or is damaged."""
    with decompression_errors(handle, codec):
        reader = codec.open(handle)
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
