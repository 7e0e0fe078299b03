"""The scan lists each folder once (the walk's listing is the one watched), and a check for
changes lists a folder whose time moved but whose articles did not once, not at every check."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest

from reader.index import roots as roots_table
from reader.index import statedb
from reader.index.scan import scan

discover = importlib.import_module("reader.corpus.discover")  # the module: reader.corpus names its function so


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for rel in ("a/one.md", "a/b/two.txt", "c/d/e/three.md", "c/four.md", "f/notes.pdf"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("Some words.\n")
    (root / "c" / "corpus.yaml").write_text("outlet: Bay Post\n")
    return root


def _scan(root: Path, monkeypatch) -> tuple[dict, list[str]]:
    listed: list[str] = []
    real = os.scandir

    def counting(path="."):
        listed.append(os.path.abspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", counting)
    table = roots_table.assign({}, [os.path.abspath(root)])  # the update names roots so
    found = scan([root], False, table)
    monkeypatch.setattr(os, "scandir", real)
    return found.watch, listed


def test_each_folder_is_listed_once_and_watched_as_before(tmp_path, monkeypatch):
    root = _corpus(tmp_path)
    watch, listed = _scan(root, monkeypatch)
    assert sorted(listed) == sorted(set(listed))  # none twice
    expected: dict[str, int] = {}
    for folder in ("", "a", "a/b", "c", "c/d", "c/d/e"):  # f holds no article: not watched
        path = os.path.join(str(root), folder) if folder else str(root)
        expected[path] = os.stat(path).st_mtime_ns
        listing = discover.listing_signature(path)
        if listing is not None:  # c has a corpus.yaml: no listing kept
            expected[statedb.listing_key(path)] = listing
    expected[str(root / "c" / "corpus.yaml")] = os.stat(root / "c" / "corpus.yaml").st_mtime_ns
    assert watch == expected
    assert statedb.listing_key(str(root / "c")) not in watch


def test_the_walk_keys_its_listings_by_absolute_path_when_asked(tmp_path, monkeypatch):
    root = _corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    by_walk: dict = {}
    by_path: dict = {}
    list(discover.walk_files(Path("corpus"), False, by_walk))
    list(discover.walk_files(Path("corpus"), False, by_path, listed_as=str(root)))
    assert sorted(by_walk) == ["corpus", "corpus/a", "corpus/a/b", "corpus/c", "corpus/c/d", "corpus/c/d/e", "corpus/f"]
    assert by_path == {str(tmp_path / name): value for name, value in by_walk.items()}


@pytest.mark.parametrize("given", [".", "corpus", "./corpus/", "absolute"])
def test_a_root_given_as_any_path_is_listed_once_and_watched_by_absolute_path(tmp_path, monkeypatch, given):
    root = _corpus(tmp_path)
    expected, _ = _scan(root, monkeypatch)
    monkeypatch.chdir(root if given == "." else tmp_path)
    watch, listed = _scan(root if given == "absolute" else Path(given), monkeypatch)
    assert sorted(listed) == sorted(set(listed))
    assert watch == expected


@pytest.fixture
def listings(monkeypatch):
    """The folders discover.listing_signature lists, in order."""
    listed: list[str] = []
    real = discover.listing_signature
    monkeypatch.setattr(discover, "listing_signature", lambda folder: listed.append(folder) or real(folder))
    monkeypatch.setattr(statedb, "_SAME_LISTING_AT", {}, raising=False)
    return listed


def _moved(folder: Path, seconds_ago: float) -> None:
    """Give the folder a time from some seconds ago (its ctime moves to now all the same)."""
    at = os.stat(folder).st_mtime_ns - int(seconds_ago * 1e9)
    os.utime(folder, ns=(at, at))


@pytest.fixture
def a_minute_later(monkeypatch):
    """Checks made a minute from now: a folder's ctime of now is settled (SETTLED_NS)."""
    import time

    real = time.time_ns
    monkeypatch.setattr(time, "time_ns", lambda: real() + 60 * 10**9)


def test_a_folder_with_the_same_articles_is_listed_once(tmp_path, monkeypatch, listings, a_minute_later):
    root = _corpus(tmp_path)
    watch, _listed = _scan(root, monkeypatch)
    folder = root / "a"
    (folder / "notes.pdf").write_text("not an article")
    _moved(folder, 10)
    assert statedb.changed_paths(watch) == []
    assert statedb.changed_paths(watch) == []
    assert listings == [str(folder)]  # the second check only looked at its time
    (folder / "five.md").write_text("A new article.\n")
    _moved(folder, 20)
    assert statedb.changed_paths(watch) == [str(folder)]  # a new time: listed again, the change found
    assert listings == [str(folder), str(folder)]


def test_a_folder_changed_just_now_is_listed_at_each_check(tmp_path, monkeypatch, listings):
    """Its time may not move for a file added within the same tick: it is not trusted yet."""
    root = _corpus(tmp_path)
    watch, _listed = _scan(root, monkeypatch)
    folder = root / "a"
    (folder / "notes.pdf").write_text("not an article")
    now = os.stat(folder).st_mtime_ns
    if now == watch[str(folder)]:
        os.utime(folder, ns=(now + 1, now + 1))
    assert statedb.changed_paths(watch) == []
    assert statedb.changed_paths(watch) == []
    assert listings == [str(folder), str(folder)]


def test_a_folder_whose_old_time_is_put_back_is_listed_again(tmp_path, monkeypatch, listings, a_minute_later):
    """rsync -a, tar x, cp -p set a folder's mtime back to the source's: an article added since
    it was found the same at that mtime is found all the same (its ctime moved)."""
    root = _corpus(tmp_path)
    watch, _listed = _scan(root, monkeypatch)
    folder = root / "a"
    (folder / "notes.pdf").write_text("not an article")
    source_time = os.stat(folder).st_mtime_ns - 600 * 10**9
    os.utime(folder, ns=(source_time, source_time))
    assert statedb.changed_paths(watch) == []
    remembered_ctime = os.stat(folder).st_ctime_ns
    (folder / "five.md").write_text("A new article.\n")
    while os.stat(folder).st_ctime_ns == remembered_ctime:  # the next tick (a coarse clock)
        os.utime(folder, ns=(source_time, source_time))
    os.utime(folder, ns=(source_time, source_time))
    assert statedb.changed_paths(watch) == [str(folder)]
