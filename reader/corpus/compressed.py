"""Reading an article file compressed with gzip, bzip2 or xz ("page.html.gz", "page.mhtml.xz"),
bounded as a plain file is: what it decompresses to is read a block at a time and refused past
the limit, so a small file that inflates to 10 GB (a decompression bomb) costs the limit's worth
of work and memory. The stdlib's zlib, bz2 and lzma decompressors read them.

A file of several streams one after another (`cat a.gz b.gz`, pbzip2's and pixz's output) is read
whole, as the gzip, bzip2 and xz tools read it. Bytes after the last stream that start no other
stream (an appended file, a copy's padding) are not data: they are counted (`ignored`), for the
user to be told, and the article is read all the same (counted up to MOST_IGNORED_COUNTED: a pipe
of junk is not read on); only padding is not counted: an xz file's stream padding (zeros, a
multiple of four bytes, after or between its streams: part of the format) and zeros after a gzip
file's members (a tape's or disk's padding, which `gzip -d` passes over without a word).

Data that decompresses to nothing is read on for MOST_READ_WITHOUT_DATA bytes at most: an endless
pipe of empty members (20 bytes each) would otherwise be read forever."""

from __future__ import annotations

import bz2
import io
import lzma
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterator, Protocol

from reader.corpus.decode import BZIP2_MAGIC, GZIP_MAGIC, XZ_MAGIC
from reader.corpus.suffixes import compression_suffix

# Compressed bytes read from the file at a time, and decompressed bytes gathered at a time. The
# input block is small as the stdlib's readers' is: what follows a stream's end is copied at each
# new stream (1M empty gzip members: 9 s with 64 KB blocks, 2.9 s with 8 KB).
_INPUT_BLOCK = 8 * 1024
_OUTPUT_BLOCK = 1024 * 1024
# The bytes after the last stream read to count them, at most (`ignored` is then one more: "over
# it"): a pipe of endless junk (`cat page.gz /dev/zero | reader show -`) is not read forever.
MOST_IGNORED_COUNTED = 1024 * 1024
# Compressed bytes read in a row that gave no decompressed byte, at most (then the file is refused):
# well over what a whole bzip2 block takes (up to ~910 kB for 900 kB of data, which it gives only
# once read whole), so only data of empty streams or blocks reaches it.
MOST_READ_WITHOUT_DATA = 4 * 1024 * 1024
# A gzip member's header fields (its file name, comment and extra field) are passed over as they
# stream by, uncounted by the bound above: they are no data, and gzip sets no size on them (a
# 5 MB comment was refused as "decompress to nothing"). Only an endless run of them (a pipe: one
# endless comment, or endless members of no data each with a long comment) is bounded.
MOST_GZIP_HEADER = 256 * 1024 * 1024


def most_compressed(limit: int) -> int:
    """The compressed bytes, gzip header fields not counted, read at most for data of up to
    `limit` bytes (then the file is refused as too large): over what any compressor writes for
    that much data (deflate stores data it cannot shrink as it is, with 5 bytes a 64 KB block;
    xz and bzip2 add less than 1%), so only the work is bounded, not the data. A file's stat
    size cannot tell it for gzip: a member's file name and comment may be of any length."""
    return limit + limit // 100 + 64 * 1024


class _Decompressor(Protocol):
    eof: bool
    unused_data: bytes

    def decompress(self, data: bytes, max_length: int = ..., /) -> bytes: ...


@dataclass(frozen=True)
class Codec:
    """One compression: its name for a user, its file suffix, the bytes its data starts with,
    and a decompressor of one of its streams."""

    name: str
    suffix: str
    magic: tuple[bytes, ...]  # (any of them)
    decompressor: Callable[[], _Decompressor]


GZIP = Codec("gzip", ".gz", GZIP_MAGIC, lambda: zlib.decompressobj(wbits=16 + zlib.MAX_WBITS))  # type: ignore[arg-type,return-value]
BZIP2 = Codec("bzip2", ".bz2", BZIP2_MAGIC, bz2.BZ2Decompressor)  # type: ignore[arg-type]
XZ = Codec("xz", ".xz", XZ_MAGIC, lambda: lzma.LZMADecompressor(format=lzma.FORMAT_XZ))  # type: ignore[arg-type,return-value]
CODECS = (GZIP, BZIP2, XZ)
_LONGEST_MAGIC = max(len(magic) for codec in CODECS for magic in codec.magic)


def codec_of_name(name: str) -> Codec:
    """The codec of a compressed article file called `name` (suffixes.is_compressed)."""
    suffix = compression_suffix(name)
    return next(codec for codec in CODECS if codec.suffix == suffix)


def codec_of_data(head: bytes) -> Codec | None:
    """The codec of bytes opening with `head` (standard input, which has no name), else None."""
    return next((codec for codec in CODECS if head.startswith(codec.magic)), None)


class BadCompressed(Exception):
    """The file is no data of its codec, or damaged; the message says which, for a user."""


class CompressedTooLarge(BadCompressed):
    """More compressed data than the limit's worth of data compresses to (most_compressed)."""


_FEXTRA, _FNAME, _FCOMMENT, _FHCRC = 4, 8, 16, 2
_GZIP_FIXED = 10  # magic, method, flags, mtime, extra flags, OS


class GzipHeader:
    """Where a gzip member's header ends, told from its bytes as they stream by (`feed`), none of
    them held: the fixed ten bytes, then as its flags say, the extra field (its length first),
    the file name and the comment (each up to a zero byte) and the header's checksum."""

    def __init__(self) -> None:
        self.size = 0  # header bytes fed so far
        self.fields = 0  # of them, those of its extra field, file name and comment
        self.done = False
        self.valid = True  # (no gzip header: another method than deflate, or reserved flags set)
        self._flags = 0
        self._step = "fixed"
        self._left = _GZIP_FIXED  # bytes of the step's field still to come (fixed-size fields)
        self._kept = b""  # the fixed bytes, then the extra field's length

    def feed(self, data: bytes) -> int:
        """How many of `data`'s first bytes are the header's (all of them while it goes on)."""
        at = 0
        while not self.done and at < len(data):
            step = self._step
            if step in ("name", "comment"):  # up to and with a zero byte
                end = data.find(b"\0", at)
                start, at = at, len(data) if end < 0 else end + 1
                self.fields += at - start
                if end >= 0:
                    self._next_field()
                continue
            taken = min(self._left, len(data) - at)
            if step in ("fixed", "extra length"):  # (ten bytes, and two: kept until whole)
                self._kept += data[at : at + taken]
            elif step == "extra":
                self.fields += taken
            at += taken
            self._left -= taken
            if not self._left:
                self._next_field()
        self.size += at
        return at

    def _next_field(self) -> None:
        if self._step == "fixed":
            method, self._flags = self._kept[2], self._kept[3]
            self.valid = method == 8 and not self._flags & 0xE0  # deflate, no reserved flag
            if not self.valid:
                self.done = True
                return
        order = ("fixed", "extra length", "extra", "name", "comment", "checksum")
        flags = {"extra length": _FEXTRA, "extra": _FEXTRA, "name": _FNAME, "comment": _FCOMMENT, "checksum": _FHCRC}
        for step in order[order.index(self._step) + 1 :]:
            if self._flags & flags[step]:
                self._step = step
                if step == "extra":
                    self._left = int.from_bytes(self._kept[_GZIP_FIXED:], "little")
                    if not self._left:
                        continue
                else:
                    self._left = 2
                return
        self.done = True


class _Streams(io.RawIOBase):
    """What `handle` (data of `codec`) decompresses to, stream after stream; `ignored` counts
    the bytes after the last stream that were no stream of it, once read to its end. Raises
    EOFError for data cut short, the codec's own error for damaged data."""

    def __init__(self, handle: BinaryIO, codec: Codec, data_limit: int | None = None):
        self._handle = handle
        self._codec = codec
        self._data_limit = data_limit
        # compressed bytes read at most, and so far (gzip header fields not counted)
        self._most_read = None if data_limit is None else most_compressed(data_limit)
        self._read = 0
        self._decompressor = codec.decompressor()
        self._header = _header_of(codec)  # the gzip member's header, passed over uncounted
        self._input = b""  # compressed bytes read and not yet given to the decompressor
        self._ended = False
        self._handle_read = False  # whether any byte was read from `handle`
        self._position = 0  # decompressed bytes given
        self._read_without_data = 0  # compressed bytes read since the last decompressed byte
        self._fields_without_data = 0  # of them, those of gzip header fields (not counted above)
        self.ignored = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._next(len(buffer))
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)

    def seekable(self) -> bool:
        return self._handle.seekable()

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Back to the start only (read again, as a JSON Lines file is: loader._stream_jsonl)."""
        if (offset, whence) != (0, io.SEEK_SET) and (offset, whence) != (0, io.SEEK_CUR):
            raise io.UnsupportedOperation("a compressed file is read again from its start only")
        if whence == io.SEEK_SET:
            self._handle.seek(0)
            self._decompressor, self._input, self._ended, self._position = self._codec.decompressor(), b"", False, 0
            self._header = _header_of(self._codec)
            self._handle_read, self._read_without_data, self._fields_without_data = False, 0, 0
            self._read = 0
        return self._position

    def _next(self, most: int) -> bytes:
        while not self._ended:
            if self._decompressor.eof and not self._next_stream():
                break
            decompressor = self._decompressor  # (the next stream's, after one ended)
            if not self._input and _needs_input(decompressor):
                self._input = self._read_input()
                if not self._input and not self._handle_read:  # an empty file: no data, not cut
                    self._ended = True
                    break
                if not self._input:
                    raise EOFError("compressed data ended before the end of its stream")
                self._handle_read = True
            given, self._input = self._input, b""
            if self._header is not None and not self._header.done:
                self._pass_header(given)
            data = decompressor.decompress(given, most)
            # zlib keeps what it did not take in unconsumed_tail (bz2 and lzma keep it themselves);
            # at a stream's end what follows is in unused_data (its unconsumed_tail repeats it)
            self._input = b"" if decompressor.eof else getattr(decompressor, "unconsumed_tail", b"")
            if data:
                self._read_without_data = self._fields_without_data = 0
                return data
        return b""

    def _pass_header(self, given: bytes) -> None:
        """Its bytes of the gzip member's header fields do not count as compressed bytes that
        gave no data (zlib passes over them, holding none); fields that go on with no data
        between them (one endless comment, or endless empty members each with a long one) are
        refused."""
        assert self._header is not None
        fields = self._header.fields
        self._header.feed(given)
        self._read_without_data -= self._header.fields - fields
        self._read -= self._header.fields - fields
        self._fields_without_data += self._header.fields - fields
        if self._fields_without_data > MOST_GZIP_HEADER:
            raise BadCompressed(
                f"its gzip header (a file name or comment) goes on over {MOST_GZIP_HEADER // 1024 // 1024} MB"
                " with no data; not read on"
            )

    def _read_input(self) -> bytes:
        """The next block of compressed bytes; BadCompressed once too many gave no data."""
        if self._read_without_data > MOST_READ_WITHOUT_DATA:
            name = self._codec.name
            raise BadCompressed(
                f"over {MOST_READ_WITHOUT_DATA:,} bytes of its {name} data decompress to nothing"
                f" (endless empty {name} streams?); not read on"
            )
        if self._most_read is not None and self._read > self._most_read:
            but = ", not counting its headers' file names and comments" if self._codec is GZIP else ""
            raise CompressedTooLarge(
                f"file too large (over {_megabytes(self._most_read)} MB of {self._codec.name} data{but}:"
                f" more than {_megabytes(self._data_limit or 0)} MB, the limit, compresses to)"
            )
        block = self._handle.read(_INPUT_BLOCK)
        self._read_without_data += len(block)
        self._read += len(block)
        return block

    def _next_stream(self) -> bool:
        """After a stream's end: whether another one follows (then it is begun), else the bytes
        that follow are counted as ignored."""
        rest = self._decompressor.unused_data + self._input
        padding = 0  # zeros passed over before the next stream or the end (_padding)
        while True:
            while len(rest) < _LONGEST_MAGIC and (more := self._read_input()):
                rest += more
            passed = _padding(rest, self._codec)
            if not passed or padding > MOST_IGNORED_COUNTED:
                break
            rest, padding = rest[passed:], padding + passed
        if rest.startswith(self._codec.magic):
            self._decompressor, self._input = self._codec.decompressor(), rest
            self._header = _header_of(self._codec)
            return True
        if rest and any(magic.startswith(rest) and magic != rest for magic in self._codec.magic):
            # (shorter than the magic only at the file's end) a next stream cut within its first bytes
            raise EOFError("compressed data ended within the start of a stream")
        self._ended, self._input = True, b""
        ignored = padding + len(rest)
        while ignored <= MOST_IGNORED_COUNTED and (more := self._handle.read(_INPUT_BLOCK)):
            ignored += len(more)
        if rest or padding > MOST_IGNORED_COUNTED:
            self.ignored = min(ignored, MOST_IGNORED_COUNTED + 1)
        return False


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0")


def _header_of(codec: Codec) -> GzipHeader | None:
    return GzipHeader() if codec is GZIP else None


def _padding(data: bytes, codec: Codec) -> int:
    """How many of the zeros `data` starts with are padding, not junk: all of them after a gzip
    member (as `gzip -d` and Python's gzip read them), four at a time in xz (its format's stream
    padding), none in bzip2 (`bzip2 -d` warns of them)."""
    if codec is BZIP2:
        return 0
    zeros = len(data) - len(data.lstrip(b"\0"))
    return zeros - zeros % 4 if codec is XZ else zeros


def _needs_input(decompressor: _Decompressor) -> bool:
    # (zlib's decompressor has no needs_input: it holds no input of its own between calls)
    return getattr(decompressor, "needs_input", True)


class Decompressed(io.BufferedReader):
    """A file of a codec read decompressed (open_decompressed); `ignored`: the bytes after its
    last stream that were not read as data (known once it is read to its end)."""

    @property
    def ignored(self) -> int:
        return self.raw.ignored  # type: ignore[attr-defined]


def open_decompressed(handle: BinaryIO, codec: Codec, data_limit: int | None = None) -> Decompressed:
    """`handle` (data of `codec`, from its start) read decompressed; CompressedTooLarge once over
    what `data_limit` bytes of data compress to at most (most_compressed), gzip header fields not
    counted: the file need not be read to the end to be refused."""
    return Decompressed(_Streams(handle, codec, data_limit))


def ignored_bytes_warning(ignored: int, codec: Codec) -> str:
    """What a user is told of a file whose last `ignored` bytes were not read (the article is)."""
    if ignored > MOST_IGNORED_COUNTED:
        what = f"over {MOST_IGNORED_COUNTED:,} bytes"
    else:
        what = "1 byte" if ignored == 1 else f"{ignored:,} bytes"
    return (
        f"{what} after the end of its {codec.name} data were ignored (they are no {codec.name} data: an appended file?)"
    )


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
            raise BadCompressed(
                f"not {name} data, though its name ends in {codec.suffix}; rename it without {codec.suffix}"
            ) from exc
        if isinstance(exc, EOFError):
            raise BadCompressed(f"its {name} data is cut short (an unfinished download or copy?)") from exc
        raise BadCompressed(f"its {name} data is damaged ({_reason(exc)})") from exc  # a wrong checksum or length


# zlib's reasons for a gzip member that does not match its trailer, in a user's words
_ZLIB_REASONS = {
    "incorrect data check": "its checksum does not match what it decompresses to",
    "incorrect length check": "the length it states does not match what it decompresses to",
}


def _reason(exc: Exception) -> str:
    """The decompressor's reason, without zlib's "Error -3 while decompressing data: "."""
    reason = str(exc).rpartition("decompressing data: ")[2] or type(exc).__name__
    return _ZLIB_REASONS.get(reason, reason)


def _about_the_data(exc: Exception) -> bool:
    """Whether an error reading decompressed is the data's: bz2's bare OSError without an errno
    ("Invalid data stream"), zlib's and lzma's own, a stream cut short; not the disk's (an
    errno) nor one of ours (loader.ReadStopped)."""
    if not isinstance(exc, OSError):
        return True
    return type(exc) is OSError and exc.errno is None


def _starts_as(handle: BinaryIO, codec: Codec) -> bool:
    """Whether the file opens with `codec`'s magic bytes; a stream that cannot be read again
    (standard input) was told to be of `codec` by them."""
    try:
        if not handle.seekable():
            return True
        handle.seek(0)
        return handle.read(_LONGEST_MAGIC).startswith(codec.magic)
    except OSError:
        return False


def gather(reader: BinaryIO, gathered: io.BytesIO, limit: int) -> int:
    """Read `reader` on into `gathered` a block at a time, until it holds `limit` + 1 bytes (more
    than `limit`: over the bound, not read further) or `reader` ends; its size. What is held
    peaks near what was read, not at the limit (a read(limit + 1) sets that much aside first)
    nor at twice it (blocks joined at the end)."""
    size = gathered.seek(0, io.SEEK_END)
    while size <= limit:
        data = reader.read(min(_OUTPUT_BLOCK, limit + 1 - size))
        if not data:
            break
        gathered.write(data)
        size += len(data)
    return size


def read_decompressed(handle: BinaryIO, codec: Codec, limit: int, data_limit: int | None = None) -> tuple[bytes, int]:
    """(up to `limit` + 1 bytes of what the file `handle` of `codec` decompresses to (more than
    `limit`: it is over the bound), the bytes after its data that were ignored); BadCompressed
    for data that is not of it or is damaged (within the limit, it was read to its end, so its
    checksums were checked)."""
    with decompression_errors(handle, codec):
        reader = open_decompressed(handle, codec, data_limit)
        gathered = io.BytesIO()
        gather(reader, gathered, limit)
        return gathered.getvalue(), reader.ignored  # (its own buffer, not a copy: nothing else holds it)


def decompressed_size(reader: Decompressed, limit: int) -> int:
    """How many bytes `reader` (decompressing) gives, counted a block at a time up to `limit` + 1
    (more than `limit`: over the bound, not read further); read to its end, its checksum is checked."""
    size = 0
    while size <= limit:
        data = reader.read(min(_OUTPUT_BLOCK, limit + 1 - size))
        if not data:
            break
        size += len(data)
    return size
