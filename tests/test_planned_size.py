"""A compressed article file is planned by what it decompresses to (planned_size.py): gzip's
trailer where it can be true, a guess from the compressed bytes where it lies and for bzip2 and xz."""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
from pathlib import Path

import pytest

from reader.index import pool
from reader.index.planned_size import DEFLATE_MOST_RATIO, GUESSED_RATIO, planned_size


def _lines(count: int) -> bytes:
    return b"".join(b'{"title": "Headline %d", "text": "The council met again on Monday."}\n' % i for i in range(count))


def _planned(path: Path) -> int:
    st = path.stat()
    return planned_size(str(path), st.st_size, st.st_mtime_ns)


def _job(path: Path) -> tuple:
    st = path.stat()
    return (path.name, str(path), str(path.parent), [st.st_size, st.st_mtime_ns, 0, 0], None)


def test_a_gzip_file_is_planned_by_the_size_its_trailer_tells(tmp_path):
    data = _lines(20_000)
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress(data))
    assert path.stat().st_size * 10 < len(data)  # (compressed well: its bytes would tell a tenth)
    assert _planned(path) == len(data)


def test_incompressible_data_and_a_tiny_file_are_believed(tmp_path):
    noise = os.urandom(300_000)
    stored = tmp_path / "noise.html.gz"
    stored.write_bytes(gzip.compress(noise))  # (a little larger than the data)
    assert _planned(stored) == len(noise)
    tiny = tmp_path / "tiny.md.gz"
    tiny.write_bytes(gzip.compress(b"Hi"))
    assert _planned(tiny) == 2


def test_several_members_make_the_trailer_lie_and_the_size_is_guessed(tmp_path):
    """`cat big.gz small.gz`: the trailer tells the small one's size only."""
    big, small = _lines(20_000), b'{"title": "last"}\n'
    path = tmp_path / "joined.jsonl.gz"
    path.write_bytes(gzip.compress(big) + gzip.compress(small))
    size = path.stat().st_size
    assert _planned(path) == size * GUESSED_RATIO


@pytest.mark.parametrize("told", [0, 5, "past_deflate"])
def test_a_trailer_deflate_could_not_give_is_not_believed(tmp_path, told):
    """4 GiB or more (the size mod 2^32: anything), or a made-up trailer: smaller than the data
    stored as it is, or more than deflate can give for the file's bytes."""
    path = tmp_path / "lying.jsonl.gz"
    body = gzip.compress(_lines(2_000))[:-4]
    size = len(body) + 4
    value = size * DEFLATE_MOST_RATIO + 1 if told == "past_deflate" else told
    path.write_bytes(body + value.to_bytes(4, "little"))
    assert _planned(path) == size * GUESSED_RATIO


def test_bzip2_xz_a_file_that_is_no_gzip_and_a_fifo_are_guessed_from_their_bytes(tmp_path):
    data = _lines(5_000)
    for name, packed in (("a.jsonl.bz2", bz2.compress(data)), ("b.jsonl.xz", lzma.compress(data))):
        (tmp_path / name).write_bytes(packed)
        assert _planned(tmp_path / name) == len(packed) * GUESSED_RATIO
    fake = tmp_path / "fake.jsonl.gz"
    fake.write_bytes(b"not gzip at all, but \xff\xff\xff\x7f")
    assert _planned(fake) == fake.stat().st_size * GUESSED_RATIO
    fifo = tmp_path / "pipe.jsonl.gz"
    os.mkfifo(fifo)
    assert planned_size(str(fifo), 100) == 100 * GUESSED_RATIO  # (not opened for reading: no hang)
    plain = tmp_path / "plain.jsonl"
    plain.write_bytes(data)
    assert _planned(plain) == len(data)


def test_a_gzipped_json_lines_file_large_when_decompressed_is_loaded_apart(tmp_path):
    """60 KB of gzip holding 2 MB: a large file (pool.LARGE_FILE_BYTES), loaded by a worker."""
    data = _lines(30_000)
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress(data))
    assert path.stat().st_size < pool.LARGE_FILE_BYTES <= len(data)
    assert pool.is_large(_job(path))
    assert pool.WorkerPool(2).parallel_load([_job(path)])
