"""Segment sub-files are read in place from the mmap (no private copy of the whole index)."""

import io
import os

from reader.index import segfile, whoosh_internals


def test_view_reader_reads_like_bytesio():
    data = b"first line\nsecond\n\x00\x01binary tail without newline"
    view, plain = segfile.ViewReader(memoryview(data)), io.BytesIO(data)
    steps = [
        ("read", 3),
        ("readline",),
        ("tell",),
        ("seek", 2, os.SEEK_CUR),
        ("readline",),
        ("read", 2),
        ("seek", -5, os.SEEK_END),
        ("read", -1),
        ("read", 4),
        ("seek", 0),
        ("readline", 4),
        ("read", None),
    ]
    for name, *args in steps:
        assert getattr(view, name)(*args) == getattr(plain, name)(*args), (name, args)
    view.seek(0)
    assert list(view) == list(io.BytesIO(data))


def test_long_line_is_found_across_windows():
    data = b"x" * 5000 + b"\nrest"
    view = segfile.ViewReader(memoryview(data))
    assert view.readline() == b"x" * 5000 + b"\n"
    assert view.read() == b"rest"


def test_segment_sub_files_are_views_of_the_map(seed_library):
    index = seed_library.index
    ix = index._open()
    segments = [seg for seg in whoosh_internals.segments(ix) if seg.is_compound()]
    assert segments
    for segment in segments:
        compound = segment.open_compound_file(ix.storage)
        for name in compound.list():
            opened = compound.open_file(name)
            assert isinstance(opened.file, segfile.ViewReader), name
            opened.close()
        compound.close()
    assert index.search("budapest").hits
