"""The size an update plans a file's loading by (pool.is_large, articles_guess): its bytes, or for
a compressed article file ("news.jsonl.gz", "feed.rss.xz") about what it decompresses to. Planned
from its compressed bytes, a 300 MB JSON Lines file gzipped to 60 MB read as 30,000 articles,
not 150,000, and its stories were grouped in the app's own process.

gzip says the size in its trailer (ISIZE, the last 4 bytes: the last member's size mod 2^32), read
without decompressing. It lies for a file of several members (`cat a.gz b.gz`: the last one's
size only) and one of 4 GiB or more; where it is outside what deflate can give for the file's
compressed bytes, it is not believed and the size is guessed as for bzip2 and xz, which keep no
such field reader reads (xz's index has the sizes, at the end of a stream: not read, a format of
its own for a guess): GUESSED_RATIO times the compressed bytes, what news text gives."""

from __future__ import annotations

import os
import stat
from functools import lru_cache

from reader.corpus.decode import GZIP_MAGIC
from reader.corpus.suffixes import GZIP_SUFFIX, compression_suffix

# How many times news text shrinks, about: basil-dev's 180 articles, as Markdown or as JSON Lines,
# 2.9-3.0 times with gzip -6, 3.6 with xz, 3.9-4.0 with bzip2; a large file of many short records
# (their JSON keys repeated) more. Guessed high, as articles_guess guesses: a load planned too
# large costs a process started, one planned too small the app's own memory.
GUESSED_RATIO = 5
# Deflate gives at most 1032 bytes a byte (its longest match, 258 bytes, in under 2 bits); data
# that does not shrink is stored with 5 bytes a block (zlib's: 16 KB, 0.03%), and the member's
# header and trailer take ~20 bytes, or more with a file name or comment (whose ISIZE is then taken
# as lying: a guess, no harm).
DEFLATE_MOST_RATIO = 1032
GZIP_FRAME_BYTES = 64


def planned_size(path: str, size: int, modified: int = 0) -> int:
    """The bytes to plan `path` (of `size` bytes on disk, `modified` its mtime_ns: a cache key) by:
    `size`, or what a compressed file decompresses to (the module docstring)."""
    suffix = compression_suffix(path)
    if suffix is None or size <= 0:
        return size
    if suffix == GZIP_SUFFIX:
        told = gzip_told_size(path, size, modified)
        if told is not None:
            return told
    return size * GUESSED_RATIO


@lru_cache(maxsize=1 << 16)  # (asked a few times an update for each file)
def gzip_told_size(path: str, size: int, _modified: int) -> int | None:
    """What a gzip file of `size` bytes says it decompresses to (ISIZE), when deflate could give
    that from its bytes; None for a trailer that lies (several members, 4 GiB or more), a file
    that is no gzip (its loading says so) or that cannot be read."""
    try:
        # Not blocking, and only a regular file: a FIFO put in the file's place would hang here.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        head = os.pread(descriptor, 2, 0)
        trailer = os.pread(descriptor, 4, size - 4) if size >= 4 else b""
    except OSError:
        return None
    finally:
        os.close(descriptor)
    if head not in GZIP_MAGIC or len(trailer) != 4:
        return None
    told = int.from_bytes(trailer, "little")
    least = size - size // 100 - GZIP_FRAME_BYTES  # (as compressed.most_compressed bounds it)
    return told if least <= told <= size * DEFLATE_MOST_RATIO else None
