"""A corpus on a slow disk (a network share): the scan of its files is cancelled between two
files, not only once it has stat'ed every one (minutes at 20,000 files; the app's quit waited
for it). The slow disk is a double of the folder walk that counts what it is asked for."""

from __future__ import annotations

import importlib
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus  # noqa: E402

from reader.index import CorpusIndex, layout  # noqa: E402

discover = importlib.import_module("reader.corpus.discover")  # (the package exports a function of that name)


def _articles(count: int = 40) -> dict:
    return {
        f"o{i % 2}/a{i:03d}": (f"Title {i}", f"Outlet {i % 2}", "2025-03-0{}".format(1 + i % 9), f"Body {i}.")
        for i in range(count)
    }


class SlowDisk:
    """walk_files' double: counts the files it hands out; after `hold_at` files it waits for
    `go_on` (the disk is slow there) before handing out the rest."""

    def __init__(self, monkeypatch, hold_at: int | None = None):
        self.handed = 0
        self.hold_at = hold_at
        self.holding = threading.Event()
        self.go_on = threading.Event()
        real = discover.walk_files

        def walk(*args, **kwargs):
            for item in real(*args, **kwargs):
                if isinstance(item, tuple):
                    if self.handed == self.hold_at:
                        self.holding.set()
                        assert self.go_on.wait(60)
                    self.handed += 1
                yield item

        monkeypatch.setattr(discover, "walk_files", walk)


@pytest.mark.parametrize("rebuild", [False, True])
def test_an_update_cancelled_while_it_scans_stops_reading_the_corpus(tmp_path, monkeypatch, rebuild):
    corpus = make_corpus(tmp_path / "corpus", _articles())
    disk = SlowDisk(monkeypatch)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=1)
    report = ix.update(cancel=lambda: disk.handed >= 5, rebuild=rebuild)
    assert report.cancelled and report.indexed == 0
    assert disk.handed == 5  # not the 40 files
    assert not layout.has_index(tmp_path / "index")
    ix.close()
    assert CorpusIndex([corpus], tmp_path / "index", workers=1).update().indexed == 40


def test_an_update_of_an_index_cancelled_while_it_scans_keeps_the_index(tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path / "corpus", _articles())
    ix = CorpusIndex([corpus], tmp_path / "index", workers=1)
    ix.update()
    disk = SlowDisk(monkeypatch)
    report = ix.update(cancel=lambda: disk.handed >= 3)
    assert report.cancelled and disk.handed == 3
    assert ix.searcher().doc_count() == 40
    ix.close()


async def test_quitting_the_app_while_a_slow_corpus_is_scanned_ends_the_scan(tmp_path, monkeypatch):
    """q while the first build scans: the update's thread stops at the next file (the app's
    exit waits for it), not once every file of the share was looked at."""
    from conftest import drive, until
    from reader.library import Library
    from reader.tui.app import ReaderApp

    corpus = make_corpus(tmp_path / "corpus", _articles())
    disk = SlowDisk(monkeypatch, hold_at=3)
    library = Library([corpus], tmp_path / "index", auto_update=False)
    ended = threading.Event()
    real_update = library.update

    def update(progress=None, cancel=None, rebuild=False):
        try:
            return real_update(progress=progress, cancel=cancel, rebuild=rebuild)
        finally:
            ended.set()

    library.update = update  # type: ignore[method-assign]
    try:
        app = ReaderApp(library)
        async with drive(app, (100, 30)) as pilot:
            await until(disk.holding.is_set, pilot=pilot)
            await pilot.press("q")
        disk.go_on.set()  # the slow read returns
        await until(ended.is_set)
        assert disk.handed <= 4  # the file being read when q came, and no more
        assert library.last_report is not None and library.last_report.cancelled
    finally:
        disk.go_on.set()
        library.close()
