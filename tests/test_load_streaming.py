"""A JSON Lines file is loaded article by article: its first article is analysed and counted
before the rest of the file is cleaned (the count of a 35 MB file began after ~14 s), and what
the whole file gives is what it gave when loaded at once."""

from __future__ import annotations

import json
import os
from pathlib import Path

from reader.corpus import clean, load_file
from reader.corpus.loader import iter_file
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
