"""A JSON Lines file is loaded article by article: its first article is analysed and counted
before the rest of the file is cleaned (the count of a 35 MB file began after ~14 s), and what
the whole file gives is what it gave when loaded at once."""

from __future__ import annotations

import json
import os
from pathlib import Path

from reader.corpus import clean, load_file
from reader.corpus.loader import ReadStopped, iter_file
from reader.corpus.model import Article, Entries, LoadResult
from reader.index import store


def _jsonl(path: Path, count: int) -> Path:
    lines = [
        json.dumps(
            {"title": f"Story {n}", "outlet": "Bay Post", "date": "2025-03-04", "text": f"Words of story {n}. " * 20}
        )
        for n in range(count)
    ]
    lines[3] = "not json"  # a skipped line is an entry done too
    lines.insert(5, "")  # a blank line is none
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _job(path: Path) -> tuple:
    st = os.stat(path)
    return ("key", str(path), str(path.parent), [st.st_size, st.st_mtime_ns, 0, 0], None)


def test_first_article_is_counted_before_the_rest_are_cleaned(tmp_path, monkeypatch):
    path = _jsonl(tmp_path / "big.jsonl", 30)
    cleaned = []
    original = clean.clean_and_infer

    def counting(*args, **kwargs):
        cleaned.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(clean, "clean_and_infer", counting)
    seen: list[tuple[int, int, int]] = []
    store.load_files([_job(path)], on_article=lambda done, count, _p: seen.append((done, count, len(cleaned))))
    assert seen[0] == (1, 30, 1)  # one article cleaned when the first is counted, of 30 lines
    assert seen[-1][:2] == (30, 30)
    assert [done for done, _count, _cleaned in seen] == list(range(1, 31))  # the bad line 4 counted too


def test_stopping_inside_the_file_reads_no_further(tmp_path, monkeypatch):
    path = _jsonl(tmp_path / "big.jsonl", 30)
    cleaned = []
    original = clean.clean_and_infer
    monkeypatch.setattr(clean, "clean_and_infer", lambda *a, **k: cleaned.append(1) or original(*a, **k))

    class Stop(BaseException):
        pass

    def stop_at_ten(done: int, _count: int, _path: str) -> None:
        if done == 10:
            raise Stop

    try:
        store.load_files([_job(path)], on_article=stop_at_ten)
    except Stop:
        pass
    assert len(cleaned) == 9  # lines 1-10 but the bad one


def test_articles_one_at_a_time_are_those_loaded_at_once(tmp_path):
    path = _jsonl(tmp_path / "big.jsonl", 30)
    (tmp_path / "mixed.jsonl").write_bytes(
        b'{"text": "caf\xe9 au lait in the city today."}\n{"text": "\xc3\xa9t\xc3\xa9 fine here."}\n'
        b'{"te\x00xt": "a"}\n[1]\n{"body": ""}\n'
    )
    for one in (path, tmp_path / "mixed.jsonl"):
        entries = Entries()
        streamed = LoadResult()
        for item in iter_file(one, tmp_path, entries):
            (streamed.articles if isinstance(item, Article) else streamed.skipped).append(item)
        whole = load_file(one, tmp_path)
        assert streamed == whole
        assert entries.done == entries.total
    assert len(whole.articles) == 2 and len(whole.skipped) == 4  # three lines skipped, one warned of


def _awkward_jsonl(path: Path) -> Path:
    """Lines of every kind a JSON Lines file may hold, the last without its newline."""
    good = [
        json.dumps({"title": f"Story {n}", "text": f"Words of story {n} in the city council. " * 5}) for n in range(6)
    ]
    lines = [
        good[0].encode(),
        b"",
        '{"text": "caf\u00e9 in UTF-8, \u00e9t\u00e9 here and there today."}'.encode(),
        b'{"text": "caf\xe9 in cp1252 on its own line today."}',
        b'{"te\x00xt": "a NUL byte"}',
        b'{"text": "' + b"\x01\x02\x03" * 40 + b'"}',
        b"not json",
        b"[1, 2]",
        b'{"body": ""}',
        good[1].encode(),
        b"   ",
        good[2].encode(),
        good[3].encode(),
    ]
    path.write_bytes(b"\n".join(lines))
    return path


def _streamed(path: Path, root: Path) -> tuple[LoadResult, Entries]:
    entries = Entries()
    result = LoadResult()
    for item in iter_file(path, root, entries, any_size_jsonl=True):
        (result.articles if isinstance(item, Article) else result.skipped).append(item)
    return result, entries


def test_a_file_over_the_limit_is_read_from_the_disk_as_it_would_be_whole(tmp_path, monkeypatch):
    from reader.corpus import loader

    path = _awkward_jsonl(tmp_path / "big.jsonl")
    whole = load_file(path, tmp_path)
    assert len(whole.articles) == 6 and any(s.warning for s in whole.skipped)
    monkeypatch.setattr(loader, "MAX_COLLECTION_BYTES", 200)  # the file is over it
    assert "file too large" in load_file(path, tmp_path).skipped[0].reason  # load_file keeps the limit
    streamed, entries = _streamed(path, tmp_path)
    assert streamed == whole
    assert (entries.done, entries.total) == (11, 11)


def test_a_streamed_line_too_long_is_skipped_and_the_rest_read(tmp_path, monkeypatch):
    from reader.corpus import loader

    lines = [json.dumps({"text": f"Article {n} of the council's budget. " * 4}) for n in range(3)]
    lines[1] = json.dumps({"text": "x" * 5000})
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(loader, "MAX_COLLECTION_BYTES", 200)
    monkeypatch.setattr(loader, "MAX_STREAMED_LINE", 1000)
    streamed, _entries = _streamed(path, tmp_path)
    assert [a.id for a in streamed.articles] == ["big#1", "big#3"]
    assert [(s.path, s.reason) for s in streamed.skipped] == [
        ("big#2", "line 2: longer than 0 MB, not read; the other lines are read")
    ]


def test_a_streamed_file_of_binary_lines_is_one_binary_file(tmp_path, monkeypatch):
    from reader.corpus import loader

    path = tmp_path / "big.jsonl"
    path.write_bytes(b"\n".join([b"\x00\x01junk" * 30] * 5 + [b'{"text": "One article of words."}']))
    monkeypatch.setattr(loader, "MAX_COLLECTION_BYTES", 200)
    streamed, _entries = _streamed(path, tmp_path)
    assert streamed.articles == []
    assert [s.reason for s in streamed.skipped] == ["binary file (most lines hold NUL bytes or controls), not text"]


def test_a_large_file_is_spilled_in_chunks_as_it_loads(tmp_path, monkeypatch):
    """The worker holds a chunk of a file's text at most, and the records say where each article
    went: what the whole file spilled at once gives, article by article."""
    from reader.index import spill

    path = _jsonl(tmp_path / "big.jsonl", 30)
    whole_dir, chunked_dir = tmp_path / "whole", tmp_path / "chunked"
    whole_dir.mkdir()
    chunked_dir.mkdir()
    (whole,) = store.load_files([_job(path)], spill_dir=str(whole_dir))
    monkeypatch.setattr(store, "SPILL_CHUNK_CHARS", 3000)
    held: list[int] = []
    (chunked,) = store.load_files(
        [_job(path)], spill_dir=str(chunked_dir), on_article=lambda *_: held.append(len(os.listdir(chunked_dir)))
    )
    assert isinstance(chunked["spill"], list) and len(chunked["spill"]) > 3
    assert held[-1] > 4  # spill files written while the file loaded, not at its end
    for key in ("articles", "features", "skipped", "unwritable", "quotes"):
        assert chunked[key] == whole[key], key
    spilled = [spill.read(p)["key"][i] for p, i in spill.places(chunked["spill"], len(chunked["articles"]))]
    assert spilled == spill.read(whole["spill"])["key"]


def test_an_update_indexes_a_json_lines_file_over_the_old_limit(tmp_path):
    """A JSON Lines file over MAX_COLLECTION_BYTES was refused ("file too large"); an update
    reads it from the disk a line at a time (here mostly blank lines: quick to analyse)."""
    from reader.corpus.loader import MAX_COLLECTION_BYTES
    from reader.index import CorpusIndex

    root = tmp_path / "corpus"
    root.mkdir()
    blank = b" " * (8 * 1024 * 1024)
    articles = [
        json.dumps(
            {
                "title": f"Bridge vote {n}",
                "outlet": "Bay Post",
                "date": "2025-03-04",
                "text": f"The council voted on bridge {n}. " * 10,
            }
        ).encode()
        for n in range(3)
    ]
    with open(root / "big.jsonl", "wb") as fh:
        for article in articles:
            fh.write(article + b"\n")
            for _ in range(2):
                fh.write(blank + b"\n")
    assert (root / "big.jsonl").stat().st_size > MAX_COLLECTION_BYTES
    index = CorpusIndex([root], tmp_path / "ix", workers=2)
    try:
        report = index.update()
        assert report.indexed == 3, report.skipped
        assert not [s for s in report.skipped if not s.get("warning")]
        assert sorted(a.id for a in index.articles()) == ["big#1", "big#4", "big#7"]
    finally:
        index.close()


def load_in_small_chunks(path: Path, root: Path):
    """reader.corpus.load_file, in a worker whose spill chunks are a few articles each."""
    store.SPILL_CHUNK_CHARS = 2000
    return load_file(path, root)


def _indexed(root: Path, ix: Path, **kwargs) -> tuple[list, list]:
    from reader.index import CorpusIndex

    index = CorpusIndex([root], ix, workers=2, **kwargs)
    try:
        assert index.update().indexed == 29
        articles = sorted(index.articles(), key=lambda a: a.id)
        return [(a.id, a.title, a.story) for a in articles], [
            (index.get(a.id).text, index.quotes(a.id)) for a in articles
        ]
    finally:
        index.close()


def test_an_update_of_a_file_spilled_in_chunks_indexes_what_it_did_at_once(tmp_path, monkeypatch):
    """Each article read back from the spill chunk it went to (spill.places), by the workers
    writing the segments and grouping the stories."""
    from reader.index import pool

    sys_path = str(Path(__file__).resolve().parent)
    monkeypatch.syspath_prepend(sys_path)
    monkeypatch.setenv("PYTHONPATH", sys_path)
    root = tmp_path / "corpus"
    root.mkdir()
    _jsonl(root / "big.jsonl", 30)
    monkeypatch.setattr(pool, "LARGE_FILE_BYTES", 1000)  # loaded by a worker, spilled
    at_once = _indexed(root, tmp_path / "ix1")
    in_chunks = _indexed(root, tmp_path / "ix2", loader="test_load_streaming:load_in_small_chunks")
    assert in_chunks == at_once


def test_a_json_lines_file_over_the_streamed_limit_is_refused(tmp_path, monkeypatch):
    from reader.corpus import loader

    path = _jsonl(tmp_path / "big.jsonl", 30)
    monkeypatch.setattr(loader, "MAX_COLLECTION_BYTES", 200)
    monkeypatch.setattr(loader, "MAX_STREAMED_JSONL_BYTES", 1000)
    streamed, _entries = _streamed(path, tmp_path)
    assert streamed.articles == []
    assert [s.reason for s in streamed.skipped] == [
        f"file too large ({path.stat().st_size} bytes; the limit is 0 MB for JSON Lines)"
    ]


def load_with_the_disk_full_once(path: Path, root: Path):
    """reader.corpus.load_file, in a worker whose disk is full while a file's second spill chunk
    is written (when READER_TEST_DISK_FULL is set)."""
    import errno

    from reader.index import spill

    store.SPILL_CHUNK_CHARS = 2000
    write, calls = spill.write, [0]

    def full_once(folder, articles):
        calls[0] += 1
        if calls[0] == 2 and os.environ.get("READER_TEST_DISK_FULL"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return write(folder, articles)

    spill.write = full_once
    return load_file(path, root)


def test_a_disk_full_while_a_chunk_is_spilled_fails_the_update_not_the_file(tmp_path, monkeypatch):
    """It was the file's problem ("cannot read: No space left on device"), its articles so far
    indexed and its signature recorded: the rest never read until the file changed."""
    import errno

    import pytest

    from reader.index import CorpusIndex, pool

    sys_path = str(Path(__file__).resolve().parent)
    monkeypatch.syspath_prepend(sys_path)
    monkeypatch.setenv("PYTHONPATH", sys_path)
    monkeypatch.setattr(pool, "LARGE_FILE_BYTES", 1000)  # loaded by a worker, spilled
    root = tmp_path / "corpus"
    root.mkdir()
    _jsonl(root / "big.jsonl", 30)
    for full in (True, False):
        if full:
            monkeypatch.setenv("READER_TEST_DISK_FULL", "1")
        else:
            monkeypatch.delenv("READER_TEST_DISK_FULL")
        index = CorpusIndex(
            [root], tmp_path / "ix", workers=2, loader="test_load_streaming:load_with_the_disk_full_once"
        )
        try:
            if full:
                with pytest.raises(OSError) as raised:
                    index.update()
                assert raised.value.errno == errno.ENOSPC
            else:
                report = index.update()
                assert report.indexed == 29, report.skipped
                assert not [s for s in report.skipped if "cannot read" in s["reason"]]
        finally:
            index.close()


def test_a_streamed_file_stopped_midway_is_not_recorded_as_read(tmp_path, monkeypatch):
    """An I/O error midway: the articles read so far are kept, the problem said, and no
    signature nor hash recorded (the next update reads the file again)."""
    import errno

    from reader.corpus import loader

    path = _jsonl(tmp_path / "big.jsonl", 30)
    monkeypatch.setattr(loader, "MAX_COLLECTION_BYTES", 200)
    streamed_lines = loader._streamed_lines

    def failing_midway(*args):
        for n, line in enumerate(streamed_lines(*args)):
            if n == 10:
                raise OSError(errno.EIO, "Input/output error")
            yield line

    monkeypatch.setattr(loader, "_streamed_lines", failing_midway)
    spill_dir = tmp_path / "spill"
    spill_dir.mkdir()
    (record,) = store.load_files([_job(path)], spill_dir=str(spill_dir))
    assert len(record["articles"]) == 8  # lines 1-11 but the bad line 4 and the blank line 6
    assert record["signature"] is None and record["hash"] is None
    assert {
        "path": str(path),
        "reason": "cannot read this file: input/output error: the disk or network drive failed to read it (check the drive, or copy the file)",
    } in record["skipped"]


def test_a_streamed_file_still_written_is_read_as_it_was_when_opened(tmp_path, monkeypatch):
    """A crawler finishing its last line and appending more while the file is read: both passes
    stop at the size the file had when opened ("12 of 5" articles before, read past the limit),
    the line cut there is the usual invalid line."""
    from reader.corpus import loader

    def line(n: int) -> str:
        return json.dumps({"title": f"T{n}", "text": f"Council story {n} in words."}) + "\n"

    path = tmp_path / "feed.jsonl"
    cut = line(5)[:20]
    path.write_text("".join(line(n) for n in range(5)) + cut, encoding="utf-8")
    monkeypatch.setattr(loader, "MAX_COLLECTION_BYTES", 100)  # streamed
    entries, articles, skipped = Entries(), [], []
    for item in iter_file(path, tmp_path, entries, any_size_jsonl=True):
        if isinstance(item, Article):
            articles.append(item.id)
            if len(articles) == 1:
                with open(path, "a", encoding="utf-8") as fh:
                    fh.write(line(5)[20:] + "".join(line(n) for n in range(6, 12)))
        else:
            skipped.append(item)
    assert articles == [f"feed#{n}" for n in range(1, 6)]
    assert [s.path for s in skipped] == ["feed#6"] and skipped[0].reason.startswith("line 6: ")
    assert (entries.done, entries.total) == (6, 6)


def load_dying_on_big_files(path: Path, root: Path):
    """reader.corpus.load_file, but a worker process loading big.jsonl dies (as out of memory)."""
    import multiprocessing

    if path.name == "big.jsonl" and multiprocessing.parent_process() is not None:
        os._exit(9)
    return load_file(path, root)


def test_a_large_file_whose_worker_died_is_not_loaded_again_in_the_update_process(tmp_path, monkeypatch):
    """What filled a worker's memory would fill the update's own: the file is skipped with why,
    the other files indexed."""
    from reader.index import CorpusIndex, pool

    sys_path = str(Path(__file__).resolve().parent)
    monkeypatch.syspath_prepend(sys_path)
    monkeypatch.setenv("PYTHONPATH", sys_path)
    monkeypatch.setattr(pool, "LARGE_FILE_BYTES", 5000)
    root = tmp_path / "corpus"
    root.mkdir()
    _jsonl(root / "big.jsonl", 30)
    for n in range(3):
        (root / f"small{n}.md").write_text(f"# Small {n}\n\nA few words of article {n}.\n", encoding="utf-8")
    index = CorpusIndex([root], tmp_path / "ix", workers=2, loader="test_load_streaming:load_dying_on_big_files")
    try:
        report = index.update()
        assert sorted(a.id for a in index.articles()) == ["small0", "small1", "small2"]
        (problem,) = [s for s in report.skipped if s["path"].endswith("big.jsonl")]
        assert problem["reason"].startswith("not indexed: the process loading it died")
    finally:
        index.close()


def test_a_file_of_many_bad_lines_keeps_a_hundred_and_counts_the_rest(tmp_path, monkeypatch):
    """~500 bytes held for each bad line: a million lines of "1" were 479 MB in the worker."""
    from reader.corpus import loader

    path = tmp_path / "big.jsonl"
    path.write_text('{"text": "One article of words."}\n' + "1\n" * 250 + "[]\n" * 3, encoding="utf-8")
    monkeypatch.setattr(loader, "MAX_COLLECTION_BYTES", 100)  # streamed
    spill_dir = tmp_path / "spill"
    spill_dir.mkdir()
    (record,) = store.load_files([_job(path)], spill_dir=str(spill_dir))
    assert len(record["articles"]) == 1
    reasons = [s["reason"] for s in record["skipped"]]
    assert len(reasons) == 102
    assert reasons[0] == "line 2: expected a JSON object, found a number"
    assert reasons[99] == "line 101: expected a JSON object, found a number"
    assert reasons[100:] == [
        "and 150 more lines: expected a JSON object, found a number",
        "and 3 more lines: expected a JSON object, found a list",
    ]
    assert {s["path"] for s in record["skipped"][100:]} == {str(path)}


def test_story_records_count_in_a_chunk_of_held_text(tmp_path, monkeypatch):
    """A file of short articles is spilled for what their story records hold (~7 KB of JSON each,
    more than their text), not only when their text reaches a chunk."""
    path = _jsonl(tmp_path / "big.jsonl", 30)
    text = sum(len(f"Words of story {n}. " * 20) for n in range(30))
    monkeypatch.setattr(store, "SPILL_CHUNK_CHARS", text)
    spill_dir = tmp_path / "spill"
    spill_dir.mkdir()
    spilled_while_loading: list[int] = []
    store.load_files(
        [_job(path)],
        spill_dir=str(spill_dir),
        on_article=lambda *_: spilled_while_loading.append(len(os.listdir(spill_dir))),
    )
    assert spilled_while_loading[-1] >= 2


def test_a_streamed_file_holds_a_hundred_warnings_of_its_lines_and_counts_the_rest(tmp_path, monkeypatch):
    """Each line not UTF-8 among UTF-8 ones was a warning held until the file's end."""
    from reader.corpus import loader

    path = tmp_path / "big.jsonl"
    lines = ['{"text": "Un café au bord de l\'eau, écrit en UTF-8."}'.encode()]
    lines += [f'{{"text": "Article {n}: un café crème à la gare."}}'.encode("cp1252") for n in range(150)]
    path.write_bytes(b"\n".join(lines) + b"\n")
    monkeypatch.setattr(loader, "MAX_COLLECTION_BYTES", 100)  # streamed
    streamed, _entries = _streamed(path, tmp_path)
    assert len(streamed.articles) == 151
    assert all(s.warning for s in streamed.skipped)
    assert len(streamed.skipped) == 101
    assert streamed.skipped[0].reason.startswith("line 2: not valid UTF-8 unlike the other lines; read as ")
    why = streamed.skipped[0].reason.removeprefix("line 2: ")
    assert streamed.skipped[-1].reason == f"and 50 more lines: {why}"
    spill_dir = tmp_path / "spill"
    spill_dir.mkdir()
    (record,) = store.load_files([_job(path)], spill_dir=str(spill_dir))
    assert [s["reason"] for s in record["skipped"]] == [s.reason for s in streamed.skipped]


class _ReadsSeen:
    """A file handle that notes how many bytes each read gave, and where the last rewind was."""

    def __init__(self, handle, seen: list[int]):
        self._handle, self._seen = handle, seen

    def read(self, size=-1):
        data = self._handle.read(size)
        self._seen.append(len(data))
        return data

    def readline(self, size=-1):
        line = self._handle.readline(size)
        self._seen.append(len(line))
        return line

    def seek(self, offset, whence=0):
        self._seen.append(-1)  # a rewind: the reads after it are the pass over the lines
        return self._handle.seek(offset, whence)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()


def _watch_reads(monkeypatch) -> list[int]:
    from reader.corpus import loader

    seen: list[int] = []
    opened = loader.open_regular

    def watched(path):
        st, handle = opened(path)
        return st, _ReadsSeen(handle, seen)

    monkeypatch.setattr(loader, "open_regular", watched)
    return seen


def test_a_json_lines_file_within_the_limit_is_read_a_line_at_a_time(tmp_path, monkeypatch):
    # Its text is never held whole (a 30 MB file's loading peaked at 112 MB, now 10 MB), and its
    # first article comes once its first line is read, not the rest.
    path = _jsonl(tmp_path / "news.jsonl", 200)
    longest = max(len(line) for line in path.read_bytes().split(b"\n")) + 1
    seen = _watch_reads(monkeypatch)
    items = iter_file(path, tmp_path)
    first = next(items)
    assert isinstance(first, Article) and first.id == "news#1"
    since_rewind = seen[len(seen) - seen[::-1].index(-1) :]
    assert since_rewind == [len(path.read_bytes().split(b"\n")[0]) + 1]  # the first line alone
    rest = list(items)
    assert max(seen) <= max(longest, 64 * 1024) < path.stat().st_size
    assert LoadResult(articles=[first, *[a for a in rest if isinstance(a, Article)]]) == LoadResult(
        articles=load_file(path, tmp_path).articles
    )


def test_a_read_error_midway_makes_the_file_unreadable_for_load_file(tmp_path, monkeypatch):
    path = _jsonl(tmp_path / "news.jsonl", 30)
    from reader.corpus import loader

    opened = loader.open_regular

    class Failing(_ReadsSeen):
        def readline(self, size=-1):
            if sum(1 for n in self._seen if n == -1) == 2:  # the pass over the articles
                raise OSError(5, "Input/output error")
            return super().readline(size)

    monkeypatch.setattr(loader, "open_regular", lambda p: (lambda st_h: (st_h[0], Failing(st_h[1], [])))(opened(p)))
    result = load_file(path, tmp_path)  # never raises
    assert [s.reason for s in result.skipped] == [
        "cannot read this file: input/output error: the disk or network drive failed to read it (check the drive, or copy the file)"
    ]
    try:
        list(iter_file(path, tmp_path, any_size_jsonl=True))
    except loader.ReadStopped:
        pass  # the indexer reads it again at its next update
    else:
        raise AssertionError("a streamed file stopped midway must not look read")


def test_json_lines_files_read_a_line_at_a_time_give_the_reasons_they_gave_whole(tmp_path):
    good = json.dumps({"title": "Budget", "text": "The council met on the budget today. " * 5})
    cases = {
        "empty.jsonl": (b"", ["empty file"], 0),
        "blank.jsonl": (b"  \n\t\r\n\x0b\x0c\n", ["empty file (only whitespace)"], 0),
        "nbsp.jsonl": ("\u00a0\n\u2003\n".encode(), ["empty file (no JSON lines)"], 0),
        "wide.jsonl": (f"{good}\n{good}\n".encode("utf-16"), [], 2),
        "png.jsonl": (b"\x89PNG\r\n\x1a\n" + good.encode(), ["binary file (a PNG image), not text"], 0),
    }
    latin = json.dumps({"text": "Cr\u00e8me br\u00fbl\u00e9e, the recipe of the day. " * 3}, ensure_ascii=False)
    summer = json.dumps({"text": "\u00c9t\u00e9 in the city: the council met again today. " * 3}, ensure_ascii=False)
    mixed = [good.encode(), summer.encode()]  # UTF-8 beyond ASCII: the other lines are said
    mixed += [latin.encode("latin-1")] * 150  # every warning kept by load_file, none counted
    cases["mixed.jsonl"] = (b"\n".join(mixed), ["line 3: not valid UTF-8 unlike the other lines; read as cp1252"], 152)
    for name, (data, first_reasons, articles) in cases.items():
        (tmp_path / name).write_bytes(data)
        result = load_file(tmp_path / name, tmp_path)
        assert [s.reason for s in result.skipped][:1] == first_reasons, name
        assert len(result.articles) == articles, name
    assert len(load_file(tmp_path / "mixed.jsonl", tmp_path).skipped) == 150


def test_utf16_json_lines_without_a_bom_with_an_emoji_astride_the_sniffed_head_are_read(tmp_path):
    # The first pass tells UTF-16 from its first 64 KiB: an emoji's surrogate pair cut there
    # made that head undecodable, and the whole file was refused as binary (read whole, it loaded).
    good = json.dumps({"title": "Budget", "text": "The council met on the budget today. " * 5}) + "\n"
    text = good * (65536 // (2 * len(good)) - 1)
    prefix = '{"title": "Smile", "text": "'
    filler = (65536 - 2 * len(text + prefix) - 2) // 2  # the emoji's first unit is the head's last
    text += prefix + "x" * filler + '\U0001f600 and the rest"}\n' + good
    data = text.encode("utf-16-le")
    assert data.find("\U0001f600".encode("utf-16-le")) == 65534
    path = tmp_path / "wide.jsonl"
    path.write_bytes(data)
    result = load_file(path, tmp_path)
    assert result.skipped == []
    assert len(result.articles) == text.count("\n")
    assert any("\U0001f600" in article.text for article in result.articles)


def _long_lines(path: Path, count: int) -> list[bytes]:
    # Lines far longer than a read buffer: what is cut from the file was not read ahead.
    lines = [
        json.dumps({"title": f"Item {n}", "text": f"Article {n} on the budget. " * 4000}).encode() for n in range(count)
    ]
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return lines


def test_a_json_lines_file_cut_shorter_while_read_says_so_and_keeps_what_was_read(tmp_path):
    # A fetch or a sync tool rewriting the file as it is indexed: its cut line was said as
    # 'invalid JSON', the lines gone were not said at all, and the indexer took the file as read.
    path = tmp_path / "news.jsonl"
    lines = _long_lines(path, 8)
    for any_size_jsonl in (False, True):
        _long_lines(path, 8)
        items = iter_file(path, tmp_path, any_size_jsonl=any_size_jsonl)
        first = next(items)
        assert isinstance(first, Article) and first.id == "news#1"
        os.truncate(path, sum(len(line) + 1 for line in lines[:4]) + 100)  # into line 5
        if any_size_jsonl:  # the indexer: not recorded as read, read again at the next update
            read = []
            try:
                read.extend(items)
            except ReadStopped as exc:
                assert "became shorter while it was read" in str(exc.strerror)
            else:
                raise AssertionError("a file cut while read must not look read")
        else:
            read = list(items)
            assert [s.reason for s in read if not isinstance(s, Article)] == [
                "cannot read this file: it became shorter while it was read (a program writing it?)"
            ]
        assert [a.id for a in read if isinstance(a, Article)] == ["news#2", "news#3", "news#4"]


def test_a_json_lines_file_emptied_before_it_is_read_is_not_an_empty_success(tmp_path, monkeypatch):
    from reader.corpus import loader

    opened = loader.open_regular

    def emptied_once_open(p):
        st, handle = opened(p)
        os.truncate(p, 0)
        return st, handle

    monkeypatch.setattr(loader, "open_regular", emptied_once_open)
    for data in (
        b"".join(line + b"\n" for line in _long_lines(tmp_path / "x.jsonl", 2)),
        (json.dumps({"text": "The council met on the budget today. " * 5}) + "\n").encode("utf-16"),
    ):
        path = tmp_path / "news.jsonl"
        path.write_bytes(data)
        result = load_file(path, tmp_path)
        assert result.articles == []
        assert [s.reason for s in result.skipped] == [
            "cannot read this file: it became shorter while it was read (a program writing it?)"
        ]
