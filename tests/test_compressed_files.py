"""Articles in gzip files ("page.html.gz", "data.jsonl.gz"), as research datasets and wget
mirrors ship them: read as the format they hold, bounded as plain files are."""

from __future__ import annotations

import bz2
import functools
import io
import gzip
import json
import lzma
import tracemalloc
from pathlib import Path

import pytest

from reader.corpus.discover import discover
from reader.corpus.loader import MAX_ARTICLE_BYTES, load_corpus, load_file

MIB = 1024 * 1024
PAGE = (
    b"<html><head><title>Bridge closes</title></head><body><article><h1>Bridge closes</h1><p>"
    + b"The old bridge closed for repairs today, officials said, and traffic was sent around town. " * 5
    + b"</p></article></body></html>"
)


def _gzip(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data))
    return path


def _bomb(path: Path, gigabytes: int) -> Path:
    """A gzip file of many members that decompresses to `gigabytes` GB of zeros (~1 MB a GB)."""
    member = gzip.compress(b"\0" * (16 * MIB), compresslevel=9)
    with path.open("wb") as out:
        for _ in range(gigabytes * 64):
            out.write(member)
    return path


def test_compressed_text_page_and_json_lines_are_read_as_their_format(tmp_path):
    """Each gzip file gives the articles its decompressed copy gives, under the same ids."""
    lines = [{"title": "One", "outlet": "X", "text": "Body one."}, {"title": "Two", "outlet": "X", "text": "Body two."}]
    files = {
        "a.txt": b"---\ntitle: Mayor resigns\noutlet: Riverside Gazette\n---\nThe mayor resigned.\n",
        "b.HTML": PAGE,
        "c.md": b"# Flood warning\n\nThe river rose overnight.\n",
        "d.jsonl": "".join(json.dumps(line) + "\n" for line in lines).encode(),
    }
    plain, compressed = tmp_path / "plain", tmp_path / "compressed"
    plain.mkdir()
    compressed.mkdir()
    for name, data in files.items():
        (plain / name).write_bytes(data)
        _gzip(compressed / f"{name}.gz", data)
    _gzip(compressed / "sitemap.xml.gz", b"<urlset/>")  # a sitemap, no feed: not an article

    def seen(articles):
        return [(a.id, a.title, a.outlet, a.text) for a in articles]

    result = load_corpus([compressed])
    assert result.skipped == []
    assert seen(result.articles) == seen(load_corpus([plain]).articles)
    assert [a.id for a in result.articles] == ["a", "b", "c", "d#1", "d#2"]
    assert sorted(p.name for p in discover(compressed)) == ["a.txt.gz", "b.HTML.gz", "c.md.gz", "d.jsonl.gz"]


def test_the_pages_reader_fetch_stores_are_no_articles(tmp_path):
    """`reader fetch` keeps each article's page beside it ("x.md" and "x.html.gz"): the page is
    no second article "x", nor a duplicate to report, and none comes back as an article once its
    text is deleted."""
    from reader import config
    from reader.library import Library

    store = config.fetched_corpus_dir() / "example"
    store.mkdir(parents=True)
    (store / "x.md").write_text("---\ntitle: Fetched text\nurl: https://news.example.org/x\n---\nThe text.\n")
    _gzip(store / "x.html.gz", PAGE)
    _gzip(store / "deleted.html.gz", PAGE)  # the page of an article the user deleted
    result = load_corpus([config.fetched_corpus_dir()])
    assert [(a.id, a.title, a.path.name) for a in result.articles] == [("example/x", "Fetched text", "x.md")]
    assert result.skipped == []
    library = Library([config.fetched_corpus_dir()], tmp_path / "index", auto_update=False)
    assert library._files_of_id("example/x") == [store / "x.md"]
    assert library._files_of_id("example/deleted") == []


def test_a_users_compressed_article_beside_another_of_its_name_is_said_not_lost(tmp_path):
    """A user's "report.md" and "report.html.gz" may be two articles: the second was dropped
    without a word (taken for a page `reader fetch` stores); it is said, as "a.txt" beside "a.md"
    is. One alone is read."""
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "report.md").write_text("---\ntitle: Annual report\n---\nThe annual report is out.\n")
    _gzip(corpus / "report.html.gz", PAGE)
    _gzip(corpus / "alone.html.gz", PAGE)
    result = load_corpus([corpus])
    assert [a.id for a in result.articles] == ["alone", "report"]
    [said] = result.skipped  # the one read second, either
    assert said.reason.startswith("same id 'report' as ") and "rename one of them" in said.reason


def test_a_decompression_bomb_is_refused_with_memory_bounded(tmp_path):
    """10 GB once decompressed (a 10 MB page), 1 GB (a 1 MB text): each is refused after the
    limit's worth, not inflated whole."""
    page, text = _bomb(tmp_path / "bomb.html.gz", 10), _bomb(tmp_path / "bomb.txt.gz", 1)
    tracemalloc.start()
    try:
        [refused_page] = load_file(page, tmp_path).skipped
        [refused_text] = load_file(text, tmp_path).skipped
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "over the 10 MB limit" in refused_page.reason and "once decompressed" in refused_page.reason
    assert refused_text.reason == "file too large (over 10 MB, the limit, once decompressed)"
    assert peak < 4 * MAX_ARTICLE_BYTES, peak


def test_an_xz_file_larger_than_the_limit_compresses_to_is_refused_unread(tmp_path):
    """xz has no header fields of any length: its size alone tells it is over the limit."""
    path = tmp_path / "big.txt.xz"
    path.write_bytes(b"\xfd7zXZ\x00" + b"x" * (MAX_ARTICLE_BYTES + MAX_ARTICLE_BYTES // 50))
    [refused] = load_file(path, tmp_path).skipped
    assert refused.path == "big.txt.xz"
    assert refused.reason == "file too large (10.2 MB compressed; the limit is 10 MB once decompressed)"


def test_damaged_gzip_data_is_skipped_with_a_reason_naming_the_file(tmp_path):
    whole = gzip.compress(" ".join(f"word{n}" for n in range(5000)).encode())
    (tmp_path / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "plain.md.gz").write_bytes(b"# Not compressed at all\n\nText.\n")
    (tmp_path / "bad-crc.txt.gz").write_bytes(whole[:-8] + b"\0\0\0\0" + whole[-4:])
    said = {s.path: s.reason for s in load_corpus([tmp_path]).skipped}
    assert said == {
        "cut.txt.gz": "its gzip data is cut short (an unfinished download or copy?)",
        "plain.md.gz": "not gzip data, though its name ends in .gz; rename it without .gz",
        "bad-crc.txt.gz": "its gzip data is damaged (its checksum does not match what it decompresses to)",
    }


@pytest.mark.parametrize("compression", [".gz", ".bz2", ".xz"])
def test_bytes_after_the_compressed_data_are_said_ignored_and_the_article_loads(tmp_path, compression):
    """Junk after a whole stream: gzip refused the file ("damaged: bytes that are no gzip data
    follow it"), bzip2 and xz dropped it without a word. Now each reads the article and says,
    in one warning naming the file, how many bytes it ignored."""
    name = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz"}[compression]
    (tmp_path / f"tail.txt{compression}").write_bytes(CODECS[compression](b"The whole text.\n") + b"junk")
    (tmp_path / f"zeros.txt{compression}").write_bytes(CODECS[compression](b"Padded text.\n") + bytes(3))
    result = load_corpus([tmp_path])
    assert sorted(a.text for a in result.articles) == ["Padded text.", "The whole text."]
    warned = [
        (
            f"tail.txt{compression}",
            f"4 bytes after the end of its {name} data were ignored (they are no {name} data: an appended file?)",
            True,
        ),
        (
            f"zeros.txt{compression}",
            f"3 bytes after the end of its {name} data were ignored (they are no {name} data: an appended file?)",
            True,
        ),
    ]
    if compression == ".gz":  # (zeros after gzip data are padding: test_zeros_after_gzip_data_are_padding)
        warned.pop()
    assert sorted((s.path, s.reason, s.warning) for s in result.skipped) == warned


def test_zeros_after_gzip_data_are_padding_and_other_bytes_still_warned(tmp_path):
    """A .gz copied off a tape or a disk image ends in zeros to a block's size: `gzip -d` reads
    it without a word, reader warned "512 bytes ... ignored (an appended file?)". Zeros after
    the data, or between members, are passed over silently; zeros then junk are still junk."""
    member = gzip.compress(b"Padded text.\n")
    (tmp_path / "tape.txt.gz").write_bytes(member + bytes(512))
    (tmp_path / "between.txt.gz").write_bytes(member + bytes(7) + gzip.compress(b"and more.\n") + bytes(100_000))
    (tmp_path / "junk.txt.gz").write_bytes(member + bytes(10) + b"junk")
    result = load_corpus([tmp_path])
    assert sorted((a.id, a.text) for a in result.articles) == [
        ("between", "Padded text.\nand more."),
        ("junk", "Padded text."),
        ("tape", "Padded text."),
    ]
    assert [(s.path, s.reason.split(" after")[0]) for s in result.skipped] == [("junk.txt.gz", "14 bytes")]


@pytest.mark.parametrize("compression", [".gz", ".bz2", ".xz"])
def test_concatenated_streams_are_read_whole_and_xz_padding_is_no_junk(tmp_path, compression):
    """`cat a.gz b.gz > ab.gz` (and pbzip2's, pixz's files) decompress to both, as the tools read
    them; an xz file's stream padding (zeros, four bytes at a time) is part of its format."""
    compress = CODECS[compression]
    joined = compress(b"First half of the text,\n") + compress(b"and its second half.\n")
    if compression == ".xz":
        joined += bytes(8)
    (tmp_path / f"joined.txt{compression}").write_bytes(joined)
    result = load_corpus([tmp_path])
    assert result.skipped == []
    assert [a.text for a in result.articles] == ["First half of the text,\nand its second half."]


class _EndlessJunk(io.RawIOBase):
    """A pipe of `head` then `junk` over and over without end (`cat page.gz /dev/urandom | reader
    show -`); it fails the test past 64 MB rather than hang it."""

    def __init__(self, head: bytes, junk: bytes = b"junk"):
        self._head, self._junk, self.given = head, junk, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.given > 64 * MIB:
            raise AssertionError("the junk after the data was read on and on")
        data = (self._head[self.given :] if self.given < len(self._head) else b"")[: len(buffer)]
        if not data:  # (whole copies of `junk`, from where the last block left off)
            start = (self.given - len(self._head)) % len(self._junk)
            data = (self._junk * (len(buffer) // len(self._junk) + 2))[start : start + len(buffer)]
        buffer[: len(data)] = data
        self.given += len(data)
        return len(data)


@pytest.mark.parametrize("compression", [".gz", ".bz2", ".xz"])
def test_endless_junk_piped_after_the_data_is_not_read_to_its_end(compression):
    """Bytes after the last stream were all read to count them: a pipe that does not end after
    the data (`cat page.gz /dev/zero | reader show -`) was read forever (bzip2 and xz stopped at
    its first block before). They are counted up to a bound, and said to be over it."""
    from reader.corpus.compressed import MOST_IGNORED_COUNTED
    from reader.corpus.loader import load_stream

    pipe = _EndlessJunk(CODECS[compression](b"The whole text.\n"))
    result = load_stream(io.BufferedReader(pipe), "-")
    assert [a.text for a in result.articles] == ["The whole text."]
    assert [s.reason.split(" after")[0] for s in result.skipped] == [f"over {MOST_IGNORED_COUNTED:,} bytes"]
    assert pipe.given < 4 * MIB


def test_endless_zeros_piped_after_gzip_data_are_not_read_to_their_end():
    """Zeros after gzip data are padding, passed over, but not without end (`cat page.gz
    /dev/zero | reader show -`): past the bound they are said ignored, as junk is."""
    from reader.corpus.compressed import MOST_IGNORED_COUNTED
    from reader.corpus.loader import load_stream

    pipe = _EndlessJunk(gzip.compress(b"The whole text.\n"), junk=bytes(4096))
    result = load_stream(io.BufferedReader(pipe), "-")
    assert [a.text for a in result.articles] == ["The whole text."]
    assert [s.reason.split(" after")[0] for s in result.skipped] == [f"over {MOST_IGNORED_COUNTED:,} bytes"]
    assert pipe.given < 4 * MIB


@pytest.mark.parametrize("compression", [".gz", ".bz2", ".xz"])
def test_an_endless_pipe_of_empty_streams_is_refused_after_a_bound(compression):
    """`yes`-like, a generator of empty gzip members (20 bytes each) piped in was read forever:
    each is whole data that gives nothing, so the end was never reached. Compressed bytes read
    in a row without a decompressed byte are bounded; past it, one line says why it stopped.
    (The pipe fails the test at 64 MB, ~3 million members, rather than hang it.)"""
    from reader.corpus.compressed import MOST_READ_WITHOUT_DATA
    from reader.corpus.loader import load_stream

    empty = CODECS[compression](b"")
    name = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz"}[compression]
    pipe = _EndlessJunk(CODECS[compression](b"The whole text.\n") + empty, junk=empty)
    result = load_stream(io.BufferedReader(pipe), "-")
    assert result.articles == []
    assert [s.reason for s in result.skipped] == [
        f"over {MOST_READ_WITHOUT_DATA:,} bytes of its {name} data decompress to nothing"
        f" (endless empty {name} streams?); not read on"
    ]
    assert pipe.given < MOST_READ_WITHOUT_DATA + MIB


def test_xz_padding_between_streams_is_read_past(tmp_path):
    """xz allows stream padding (zeros, four bytes at a time) between streams too, as `xz -d`
    reads it: the stream after it is data, not bytes to ignore (and lost)."""
    joined = lzma.compress(b"First half of the text,\n") + bytes(8) + lzma.compress(b"and its second half.\n")
    (tmp_path / "padded.txt.xz").write_bytes(joined + bytes(4))
    result = load_corpus([tmp_path])
    assert result.skipped == []
    assert [a.text for a in result.articles] == ["First half of the text,\nand its second half."]


@pytest.mark.parametrize("compression", [".gz", ".bz2", ".xz"])
def test_an_empty_compressed_file_is_said_empty(tmp_path, compression):
    """A file of no bytes at all named .gz was told "not gzip data ...; rename it without .gz"
    (it was "empty file" before gzip was read by this module's own loop; .bz2 and .xz said so too)."""
    (tmp_path / f"nothing.html{compression}").write_bytes(b"")
    (tmp_path / f"nothing.jsonl{compression}").write_bytes(b"")
    result = load_corpus([tmp_path])
    assert sorted((s.path, s.reason) for s in result.skipped) == [
        (f"nothing.html{compression}", "empty file (once decompressed)"),
        (f"nothing.jsonl{compression}", "empty file (once decompressed)"),
    ]


@pytest.mark.parametrize("compression", [".gz", ".bz2", ".xz"])
def test_a_second_stream_cut_within_its_magic_bytes_is_said_cut_short(tmp_path, compression):
    """`cat a.xz b.xz` copied to its first bytes of b.xz: said "1-5 bytes ... ignored (an
    appended file?)", the first half read as the article. It is cut short, as a cut within
    the stream is said to be."""
    compress = CODECS[compression]
    second = compress(b"and its second half.\n")
    name = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz"}[compression]
    (tmp_path / f"cut.txt{compression}").write_bytes(compress(b"First half of the text,\n") + second[:2])
    result = load_corpus([tmp_path])
    assert result.articles == []
    assert [s.reason for s in result.skipped] == [f"its {name} data is cut short (an unfinished download or copy?)"]


def test_junk_after_json_lines_and_a_saved_page_is_said_too(tmp_path):
    """The streamed JSON Lines and the saved page, read by paths of their own, say it too."""
    from test_saved_pages import CHROME_PAGE

    lines = b'{"title": "One", "text": "Body one."}\n'
    (tmp_path / "lines.jsonl.xz").write_bytes(lzma.compress(lines) + b"trailer")
    (tmp_path / "page.mhtml.bz2").write_bytes(bz2.compress(CHROME_PAGE.read_bytes()) + b"!")
    result = load_corpus([tmp_path])
    assert sorted(a.id for a in result.articles) == ["lines#1", "page"]
    assert sorted((s.path, s.reason.split(" after")[0], s.warning) for s in result.skipped) == [
        ("lines.jsonl.xz", "7 bytes", True),
        ("page.mhtml.bz2", "1 byte", True),
    ]


def _padded_lines(count: int, pad: int) -> bytes:
    """JSON Lines of `count` short articles, each line padded with a field of `pad` bytes."""
    lines = [
        json.dumps({"title": f"Story {n}", "outlet": "Bay Post", "text": f"Body of story {n}.", "note": "x" * pad})
        for n in range(count)
    ]
    return "".join(line + "\n" for line in lines).encode()


def _warm_up(folder: Path) -> None:
    """One small JSON Lines file loaded (then removed): the modules loading imports on first use
    are not counted in what a file costs."""
    path = _gzip(folder / "warm-up.jsonl.gz", _padded_lines(2, 10))
    load_file(path, folder)
    path.unlink()


def test_compressed_json_lines_are_read_a_record_at_a_time(tmp_path):
    """A 30 MB JSON Lines file in gzip was decompressed whole, then split, before its first
    article: ~3 times its size held. Now it is read a line at a time, as a plain one is."""
    from reader.corpus.loader import iter_file
    from reader.corpus.model import Article

    data = _padded_lines(60, MIB // 2)
    path = _gzip(tmp_path / "big.jsonl.gz", data)
    (tmp_path / "big.jsonl").write_bytes(data)
    _warm_up(tmp_path)
    tracemalloc.start()
    try:
        ids = [item.id for item in iter_file(path, tmp_path) if isinstance(item, Article)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert ids == [f"big#{n}" for n in range(1, 61)]
    assert peak < 8 * MIB, peak  # a line, its text and what JSON makes of it (~7 of them), not the file
    plain = load_file(tmp_path / "big.jsonl", tmp_path)
    streamed = load_file(path, tmp_path)
    assert [(a.id, a.title, a.text) for a in streamed.articles] == [(a.id, a.title, a.text) for a in plain.articles]


def test_compressed_json_lines_keep_their_limits_and_errors(tmp_path):
    """Over the limit once decompressed (a bomb), damaged gzip data, a bad line: each said as before."""
    from reader.corpus.loader import MAX_COLLECTION_BYTES

    _bomb(tmp_path / "bomb.jsonl.gz", 1)
    whole = gzip.compress(_padded_lines(3, 100_000))
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "bad-crc.jsonl.gz").write_bytes(whole[:-8] + b"\0\0\0\0" + whole[-4:])
    _gzip(tmp_path / "lines.jsonl.gz", b'{"title": "One", "text": "Body one."}\nnot json\n{"text": "Body three."}\n')
    _gzip(tmp_path / "blank.jsonl.gz", b"\n \n")
    _warm_up(tmp_path)
    tracemalloc.start()
    try:
        result = load_corpus([tmp_path])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    said = {s.path: s.reason for s in result.skipped}
    most = MAX_COLLECTION_BYTES // MIB
    assert said == {
        "bomb.jsonl.gz": f"file too large (over {most} MB, the limit, once decompressed)",
        "cut.jsonl.gz": "its gzip data is cut short (an unfinished download or copy?)",
        "bad-crc.jsonl.gz": "its gzip data is damaged (its checksum does not match what it decompresses to)",
        "lines#2": "line 2: invalid JSON (Expecting value at column 1)",
        "blank.jsonl.gz": "empty file (once decompressed)",
    }
    assert [a.id for a in result.articles] == ["lines#1", "lines#3"]
    assert peak < 8 * MIB, peak  # the bomb was counted, not held


CODECS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}
FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>'
    b"<item><title>Ferry delayed</title><description>The ferry terminal opens a year late, the port said.</description>"
    b"</item></channel></rss>"
)
ATOM = (
    b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title><entry><title>Dam repaired</title>'
    b"<content>The dam was repaired over the winter, engineers said.</content></entry></feed>"
)


@pytest.mark.parametrize("compression", sorted(CODECS))
def test_every_format_read_is_read_compressed_with_gzip_bzip2_or_xz(tmp_path, compression):
    """Only text, pages and JSON Lines were read compressed, and only with gzip: a feed
    (.rss.gz), a saved page (.mhtml.gz) or anything in .bz2 or .xz was a file of another kind."""
    from test_saved_pages import CHROME_PAGE, page_html, webarchive

    files = {
        "a.txt": b"---\ntitle: Mayor resigns\noutlet: Riverside Gazette\n---\nThe mayor resigned.\n",
        "b.HTML": PAGE,
        "c.md": b"# Flood warning\n\nThe river rose overnight.\n",
        "d.jsonl": b'{"title": "One", "outlet": "X", "text": "Body one."}\n',
        "e.mhtml": CHROME_PAGE.read_bytes(),
        "f.webarchive": webarchive(page_html().encode()),
        "g.rss": FEED,
        "h.atom": ATOM,
    }
    plain, compressed = tmp_path / "plain", tmp_path / "compressed"
    plain.mkdir()
    compressed.mkdir()
    for name, data in files.items():
        (plain / name).write_bytes(data)
        (compressed / f"{name}{compression}").write_bytes(CODECS[compression](data))
    (compressed / f"sitemap.xml{compression}").write_bytes(CODECS[compression](b"<urlset/>"))  # no feed

    def seen(articles):
        return [(a.id, a.title, a.outlet, a.url, a.text) for a in articles]

    result = load_corpus([compressed])
    assert result.skipped == []
    assert seen(result.articles) == seen(load_corpus([plain]).articles)
    assert [a.id for a in result.articles] == ["a", "b", "c", "d#1", "e", "f", "g#1", "h#1"]
    assert len(list(discover(compressed))) == len(files)


@functools.cache
def _zeros(compression: str) -> bytes:
    """16 MB of zeros compressed (each codec reads a file of several such streams whole)."""
    return CODECS[compression](bytes(16 * MIB))


@pytest.mark.parametrize("name", ["bomb.mhtml", "bomb.rss", "bomb.md"])
@pytest.mark.parametrize("compression", sorted(CODECS))
def test_a_gigabyte_bomb_of_any_compression_is_refused_with_its_reason(tmp_path, name, compression):
    """1 GB of zeros in a few kilobytes (bz2, xz: 64 streams of 16 MB each) or a megabyte (gzip):
    refused once its kind's limit is decompressed (a saved page's is 128 MB), never inflated whole."""
    if compression == ".gz":
        path = _bomb(tmp_path / f"{name}.gz", 1)
    else:
        path = tmp_path / f"{name}{compression}"
        path.write_bytes(_zeros(compression) * 64)
    [refused] = load_file(path, tmp_path).skipped
    limit = {"bomb.mhtml": 128, "bomb.rss": 40, "bomb.md": 10}[name]
    assert refused.reason == f"file too large (over {limit} MB, the limit, once decompressed)"


def test_damaged_bzip2_and_xz_data_are_skipped_with_a_reason_naming_the_file(tmp_path):
    text = " ".join(f"word{n}" for n in range(5000)).encode()
    for compression, compress in (("bz2", bz2.compress), ("xz", lzma.compress)):
        whole = compress(text)
        (tmp_path / f"cut.txt.{compression}").write_bytes(whole[: len(whole) // 2])
        (tmp_path / f"plain.md.{compression}").write_bytes(b"# Not compressed at all\n\nText.\n")
    said = {s.path: s.reason for s in load_corpus([tmp_path]).skipped}
    assert said == {
        "cut.txt.bz2": "its bzip2 data is cut short (an unfinished download or copy?)",
        "cut.txt.xz": "its xz data is cut short (an unfinished download or copy?)",
        "plain.md.bz2": "not bzip2 data, though its name ends in .bz2; rename it without .bz2",
        "plain.md.xz": "not xz data, though its name ends in .xz; rename it without .xz",
    }


def test_a_text_file_that_starts_with_bzh_is_read_and_bzip2_data_is_still_told(tmp_path):
    """ "BZh" alone told bzip2 data: a text file opening with those letters was skipped as "binary
    file (a bzip2-compressed file)"."""
    (tmp_path / "phone.txt").write_bytes(b"BZh9 phones go on sale\n\nThe BZh9 phone goes on sale on Monday.\n")
    (tmp_path / "packed.txt").write_bytes(bz2.compress(b"Packed text\n\nIt was compressed and misnamed.\n"))
    result = load_corpus([tmp_path])
    assert [a.title for a in result.articles] == ["BZh9 phones go on sale"]
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("packed.txt", "binary file (a bzip2-compressed file), not text")
    ]


def _large_saved_page(megabytes: int) -> bytes:
    """A Chrome MHTML page with an image part of `megabytes` MB of random base64 after it (as a
    page saved with its photos is: such data hardly compresses)."""
    import base64
    import random

    from test_saved_pages import CHROME_PAGE

    page = CHROME_PAGE.read_bytes()
    closing = page.rstrip().rpartition(b"\n")[0]  # without its close delimiter line
    boundary = page.rstrip().rpartition(b"\n")[2].strip()[:-2]
    image = base64.encodebytes(random.Random(5).randbytes(megabytes * MIB * 3 // 4))
    return (
        closing
        + b"\r\n"
        + boundary
        + b"\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + image
        + b"\r\n"
        + boundary
        + b"--\r\n"
    )


@pytest.mark.parametrize("compression", [".gz", ".xz"])
def test_a_compressed_saved_page_is_held_once_while_read(tmp_path, compression):
    """A 24 MB saved page compressed peaked at 128 MB (its limit, set aside by one read(limit + 1)),
    and a page near the limit at twice its size (a copy to see it was not blank). Now it is
    decompressed a block at a time against the limit: the peak is near the page's size, as a
    plain file's is; piped in, too."""
    from reader.corpus.loader import load_stream

    from test_saved_pages import CHROME_PAGE

    compress = {
        ".gz": functools.partial(gzip.compress, compresslevel=1),
        ".xz": functools.partial(lzma.compress, preset=0),
    }[compression]
    warm = tmp_path / f"warm.mhtml{compression}"
    warm.write_bytes(compress(CHROME_PAGE.read_bytes()))
    load_file(warm, tmp_path)  # (the modules it imports on first use are not the file's cost)
    data = _large_saved_page(24)
    path = tmp_path / f"page.mhtml{compression}"
    path.write_bytes(compress(data))
    piped = io.BytesIO(path.read_bytes())
    peaks = []
    for load in (lambda: load_file(path, tmp_path), lambda: load_stream(piped)):
        tracemalloc.start()
        try:
            result = load()
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        assert [a.title for a in result.articles] == ["Council approves transport budget"], result.skipped
    assert max(peaks) < 1.4 * len(data), (peaks, len(data))


def _gzip_with_header(text: bytes, *, name: bytes = b"", comment: bytes = b"") -> bytes:
    """A gzip member of `text` whose header holds this file name and comment (FNAME, FCOMMENT),
    and a checksum of itself (FHCRC)."""
    import struct
    import zlib

    flags = 2 | (8 if name else 0) | (16 if comment else 0)
    header = b"\x1f\x8b\x08" + bytes([flags]) + b"\0\0\0\0\0\xff"
    header += (name + b"\0" if name else b"") + (comment + b"\0" if comment else b"")
    header += struct.pack("<H", zlib.crc32(header) & 0xFFFF)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = deflate.compress(text) + deflate.flush()
    return header + body + struct.pack("<II", zlib.crc32(text), len(text))


@pytest.mark.parametrize("field", ["name", "comment"])
def test_a_gzip_header_field_of_megabytes_is_passed_over_not_refused(tmp_path, field):
    """A gzip file whose comment or file name field is over 4 MB was refused ("over 4,194,304
    bytes of its gzip data decompress to nothing"), and over 10 MB as too large compressed: the
    limit is the decompressed data's. The header streams by, none of it held."""
    text = b"The whole text of the article.\n"
    small = tmp_path / "small.txt.gz"
    small.write_bytes(_gzip_with_header(text, **{field: b"x" * (5 * MIB)}))
    large = tmp_path / "large.txt.gz"
    large.write_bytes(_gzip_with_header(text, **{field: b"x" * (MAX_ARTICLE_BYTES + MIB)}))
    assert gzip.decompress(large.read_bytes()) == text  # (the file is good gzip data)
    load_file(_gzip(tmp_path / "warm.txt.gz", text), tmp_path)  # (the loader's imports and caches)
    tracemalloc.start()
    try:
        results = [load_file(small, tmp_path), load_file(large, tmp_path)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    for result in results:
        assert result.skipped == []
        assert [a.text for a in result.articles] == ["The whole text of the article."]
    assert peak < 3 * MIB, peak  # not the header's 11 MB


def test_gzip_data_too_large_once_decompressed_is_still_refused_past_a_long_comment(tmp_path):
    path = tmp_path / "big.txt.gz"
    path.write_bytes(_gzip_with_header(b"word " * (MAX_ARTICLE_BYTES // 4), comment=b"x" * (5 * MIB)))
    [refused] = load_file(path, tmp_path).skipped
    assert refused.reason == "file too large (over 10 MB, the limit, once decompressed)"


def test_an_endless_gzip_header_piped_in_is_refused_after_a_bound(monkeypatch):
    """A comment that never ends (a pipe) is not read on forever: past a bound, one line says why."""
    from reader.corpus import compressed
    from reader.corpus.loader import load_stream

    monkeypatch.setattr(compressed, "MOST_GZIP_HEADER", 8 * MIB)
    pipe = _EndlessJunk(b"\x1f\x8b\x08\x10\0\0\0\0\0\xff", junk=b"endless comment ")
    result = load_stream(io.BufferedReader(pipe), "-")
    assert result.articles == []
    assert [s.reason for s in result.skipped] == [
        "its gzip header (a file name or comment) goes on over 8 MB with no data; not read on"
    ]
    assert pipe.given < 9 * MIB


def test_an_endless_pipe_of_empty_gzip_members_with_long_comments_is_refused_after_a_bound(monkeypatch):
    """Header fields are not counted as compressed bytes that give no data, so each empty member's
    1 MB comment hid it from that bound: such a pipe was read on and on. Fields with no data
    between them count toward the header's bound across members."""
    from reader.corpus import compressed
    from reader.corpus.loader import load_stream

    monkeypatch.setattr(compressed, "MOST_GZIP_HEADER", 8 * MIB)
    member = _gzip_with_header(b"", comment=b"c" * MIB)
    pipe = _EndlessJunk(member, junk=member)
    result = load_stream(io.BufferedReader(pipe), "-")
    assert result.articles == []
    assert [s.reason for s in result.skipped] == [
        "its gzip header (a file name or comment) goes on over 8 MB with no data; not read on"
    ]
    assert pipe.given < 10 * MIB


def test_gzip_members_with_long_comments_between_their_data_are_read_whole(tmp_path):
    """The bound is on header fields with no data between them: members that each have data
    may have long comments past it."""
    text = [f"Part {n} of the article.\n".encode() for n in range(6)]
    path = tmp_path / "parts.txt.gz"
    path.write_bytes(b"".join(_gzip_with_header(part, comment=b"c" * (3 * MIB // 2)) for part in text))
    from reader.corpus import compressed

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compressed, "MOST_GZIP_HEADER", 2 * MIB)
        result = load_file(path, tmp_path)
    assert result.skipped == []
    assert [a.text for a in result.articles] == [b"".join(text).decode().strip()]


def _padded_gzip(text: bytes, padding: int) -> bytes:
    """A gzip member of `text` whose deflate data holds `padding` bytes of empty stored blocks
    (5 bytes each, giving no data) after it: compressed data larger than its data."""
    import zlib

    deflate = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    start = deflate.compress(text) + deflate.flush(zlib.Z_SYNC_FLUSH)  # (byte-aligned after it)
    return start + b"\0\0\0\xff\xff" * (padding // 5) + deflate.flush()


def test_gzip_members_with_comments_past_the_limit_in_later_members_are_read_with_memory_bounded(tmp_path):
    """The limit is the decompressed data's: a 13 MB file whose second and third members carry
    6 MB comments (only the first member's header was passed over) was refused as too large."""
    text = [f"Part {n} of the article about the bridge.\n".encode() for n in range(3)]
    path = tmp_path / "parts.txt.gz"
    comments = [b"", b"c" * (6 * MIB), b"c" * (6 * MIB)]
    path.write_bytes(b"".join(_gzip_with_header(part, comment=c) for part, c in zip(text, comments)))
    assert path.stat().st_size > MAX_ARTICLE_BYTES
    load_file(_gzip(tmp_path / "first.txt.gz", text[0]), tmp_path)  # (what a first load imports, set aside)
    tracemalloc.start()
    try:
        result = load_file(path, tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.skipped == []
    assert [a.text for a in result.articles] == [b"".join(text).decode().strip()]
    assert peak < 2 * MIB, peak  # (the comments stream by, none held)


def test_gzip_data_over_what_the_limit_compresses_to_is_refused_as_it_is_read(tmp_path):
    """With no size to tell it unread, the compressed bytes read (header fields not counted) are
    bounded as they are read: gzip data padded with empty blocks past what 10 MB of data
    compresses to is refused as too large, not read to its end; within that bound it is read."""
    path = tmp_path / "padded.txt.gz"
    path.write_bytes(b"".join(_padded_gzip(f"Part {n}.\n".encode(), 3 * MIB) for n in range(4)))
    [refused] = load_file(path, tmp_path).skipped
    assert refused.reason == (
        "file too large (over 10.2 MB of gzip data, not counting its headers' file names and comments:"
        " more than 10 MB, the limit, compresses to)"
    )
    path.write_bytes(b"".join(_padded_gzip(f"Part {n}.\n".encode(), 3 * MIB) for n in range(3)))
    assert load_file(path, tmp_path).skipped == []


def test_a_page_or_feed_a_server_sent_gzip_compressed_saved_as_it_came_is_read_decompressed(tmp_path):
    """wget (without --compression=auto) saves the body a server sent with Content-Encoding: gzip
    as it came, under the page's own name: "page.html" was "binary file (a gzip-compressed file)".
    It is read as "page.html.gz" is, with its limits and its reasons for damaged data."""
    _gzip(tmp_path / "page.html", PAGE)
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Town</title><item><title>Bridge closes</title>'
        b"<link>https://x.example/1</link><description>The old bridge closed for repairs.</description>"
        b"</item></channel></rss>"
    )
    _gzip(tmp_path / "feed.xml", feed)
    (tmp_path / "cut.html").write_bytes(gzip.compress(PAGE)[:40])
    _bomb(tmp_path / "bomb.htm", 1)
    result = load_corpus([tmp_path])
    assert sorted(a.title for a in result.articles) == ["Bridge closes", "Bridge closes"]
    assert "The old bridge closed for repairs today" in next(a.text for a in result.articles if a.id == "page")
    said = {s.path: s.reason for s in result.skipped}
    assert said["cut.html"] == "its gzip data is cut short (an unfinished download or copy?)"
    assert "over the 10 MB limit" in said["bomb.htm"] and "once decompressed" in said["bomb.htm"]
    assert said.keys() == {"cut.html", "bomb.htm"}
