"""An update that failed past its commit (a full disk while it recorded its state:
layout.FailedAfterCommit) saved its articles: the app's list and search show them at once, the
failure still said in the status line."""

from __future__ import annotations

import errno
import sys
from pathlib import Path

from conftest import drive, press_and_settle, settle, wait_for

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus, write_article  # noqa: E402

from reader.index import update  # noqa: E402
from reader.library import Library  # noqa: E402
from reader.tui import app as app_module  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402


def _indexed(tmp_path, monkeypatch):
    """A corpus and its Library, indexed. The watcher's look (every WATCH_SECONDS) read the list
    again after a while, saying "updated by another reader process": not that one."""
    monkeypatch.setattr(app_module, "WATCH_SECONDS", 3600.0)
    corpus = make_corpus(tmp_path / "corpus")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    library.update()
    return corpus, library


def _okapi_failing_after_commit(corpus, monkeypatch) -> None:
    """A new article (okapi), and a full disk after the next update's commit, as it records its state."""

    def full_disk(self, *args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(update.IndexUpdate, "record", full_disk)
    write_article(corpus, "o0/okapi", "Okapi born", "Outlet 0", "2025-05-01", "An okapi was born.")


async def test_articles_committed_before_a_failure_are_listed_and_found(tmp_path, monkeypatch):
    corpus, library = _indexed(tmp_path, monkeypatch)
    app = ReaderApp(library)
    try:
        async with drive(app, (120, 30)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: app.index_ready and bool(app.articles))
            before = len(app.articles)
            panel = app.screen.search_panel
            await press_and_settle(pilot, "slash", *"okapi")
            await wait_for(pilot, lambda: panel.shown_query == "okapi")
            assert panel.results is not None and panel.results.hits == []
            _okapi_failing_after_commit(corpus, monkeypatch)
            app.update_index()
            await wait_for(pilot, lambda: app.index_problem is not None)
            await wait_for(pilot, lambda: len(app.articles) == before + 1)
            await wait_for(pilot, lambda: panel.results is not None and len(panel.results.hits) == 1)
            await settle(pilot)
            assert app.in_catalog(panel.results.hits[0].id)
            status = str(app.main_screen.query_one("#status-text").render())
            assert status.startswith("Index problem: cannot finish the index's update")
    finally:
        library.close()


async def test_the_reload_after_such_a_failure_keeps_the_cursor_and_the_typed_search(tmp_path, monkeypatch):
    corpus, library = _indexed(tmp_path, monkeypatch)
    app = ReaderApp(library)
    try:
        async with drive(app, (120, 30)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: app.index_ready and bool(app.articles))
            tree = app.main_screen.source_list
            tree.focus()
            for _ in range(2):
                tree.action_cursor_down()
            await settle(pilot)
            chosen = str(tree.cursor_node.label)  # (an outlet's group: the new one may come before it)
            assert tree.cursor_line == 2, chosen
            panel = app.screen.search_panel
            await press_and_settle(pilot, "slash", *"okap")  # (still typing: the box has the focus)
            _okapi_failing_after_commit(corpus, monkeypatch)
            before = len(app.articles)
            app.update_index()
            await wait_for(pilot, lambda: app.index_problem is not None and len(app.articles) == before + 1)
            await settle(pilot)
            assert panel.input.value == "okap" and app.focused is panel.input
            assert str(tree.cursor_node.label) == chosen
    finally:
        library.close()
