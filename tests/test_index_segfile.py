"""Segment sub-files are read in place from the mmap (no private copy of the whole index)."""

import io
import os

from reader.index import segfile


def test_view_reader_reads_like_bytesio():
    data = b"first line\nsecond\n\x00\x01binary tail without newline"
    view, plain = segfile._ViewReader(memoryview(data)), io.BytesIO(data)
    steps = [("read", 3), ("readline",), ("tell",), ("seek", 2, os.SEEK_CUR), ("readline",),
             ("read", 2), ("seek", -5, os.SEEK_END), ("read", -1), ("read", 4), ("seek", 0),
             ("readline", 4), ("read", None)]
    for name, *args in steps:
        assert getattr(view, name)(*args) == getattr(plain, name)(*args), (name, args)
    view.seek(0)
    assert list(view) == list(io.BytesIO(data))


def test_long_line_is_found_across_windows():
    data = b"x" * 5000 + b"\nrest"
    view = segfile._ViewReader(memoryview(data))
    assert view.readline() == b"x" * 5000 + b"\n"
    assert view.read() == b"rest"


def test_searchers_do_not_copy_segment_files(seed_library):
    index = seed_library.index
    searcher = index.searcher()
    reader = searcher.reader()
    readers = reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]
    for leaf, _ in readers:
        storage = leaf._storage
        opened = storage.open_file(storage.list()[0])
        assert isinstance(opened.file, segfile._ViewReader)
    assert index.search("budapest").hits
