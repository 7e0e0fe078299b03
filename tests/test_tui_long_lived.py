"""The app takes what it keeps out of the garbage collector's walks once the list is loaded
(reader/tui/long_lived.py), without keeping reference cycles forever."""

from __future__ import annotations

import gc
import weakref

from conftest import drive, settle, wait_for
from reader.tui.app import ReaderApp
from reader.tui.long_lived import LongLived


def tracked(obj) -> bool:
    """Among the objects the collector walks (gc.get_objects leaves out the frozen ones)."""
    return any(candidate is obj for candidate in gc.get_objects())


async def test_the_loaded_list_is_frozen_out_of_the_collector_s_walks(seed_library):
    app = ReaderApp(seed_library)
    async with drive(app, (100, 30)) as pilot:
        await wait_for(pilot, lambda: app.catalog_ready and app.index_ready)
        await settle(pilot)
        assert app.articles and gc.get_freeze_count() > 0
        assert not tracked(app.articles)  # a full collection at a key does not walk it
        assert not tracked(app.main_screen.source_list)
        before = app.articles
        app.load_catalog()  # a reload (another process updated the index): the new list too
        await wait_for(pilot, lambda: app.articles is not before)
        await settle(pilot)
        assert not tracked(app.articles)


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_cycles_frozen_with_a_list_are_freed_once_the_frozen_objects_have_doubled():
    gc.collect()
    long_lived = LongLived(growth_before_collecting=2.0)
    long_lived.set_aside()
    first = gc.get_freeze_count()
    node = Node()
    gone = weakref.ref(node)
    long_lived.set_aside()  # frozen with what exists now
    del node
    gc.collect()
    assert gone() is not None  # frozen: not collected, though unreachable
    kept = [[] for _ in range(first + 1)]  # what a later load keeps: more than doubles the frozen
    assert long_lived.set_aside()  # due: the caller collects when the user waits for nothing
    assert gone() is not None and long_lived.collection_due
    long_lived.collect()
    assert gone() is None  # thawed and collected before freezing again
    assert gc.get_freeze_count() >= len(kept)
    assert long_lived.frozen_after_collection == gc.get_freeze_count()


async def test_the_collection_a_reload_finds_due_waits_until_the_app_is_left_idle(seed_library):
    """A reload that found the frozen objects doubled paid a full collection (0.1-0.2 s holding the
    event loop) in the load, at the key or watcher that asked for it: it runs once the user has
    left the app alone a moment, and a key meanwhile puts it off."""
    import time

    from reader.tui import app as app_module

    app = ReaderApp(seed_library)
    async with drive(app, (100, 30)) as pilot:
        await wait_for(pilot, lambda: app.catalog_ready and app.index_ready)
        await settle(pilot)
        long_lived = app._long_lived
        long_lived.frozen_after_collection = 1  # as if the frozen objects had grown far past double
        before = app.articles
        app.load_catalog()
        await wait_for(pilot, lambda: app.articles is not before)
        await settle(pilot)
        assert long_lived.frozen_after_collection == 1 and long_lived.collection_due  # not in the load
        # A key just now: not yet.
        app._last_activity = time.monotonic()
        app._collect_if_idle()
        assert long_lived.frozen_after_collection == 1 and app._collection_timer is not None
        # Left alone: collected, by the timer the load set.
        await wait_for(pilot, lambda: long_lived.frozen_after_collection > 1)
        assert not long_lived.collection_due and app._collection_timer is None
        # One who never pauses gets it after COLLECTION_WAIT all the same.
        long_lived.frozen_after_collection = 1
        app._collect_when_idle()
        app._collection_due_since = time.monotonic() - app_module.COLLECTION_WAIT
        app._last_activity = time.monotonic()
        app._collect_if_idle()
        assert long_lived.frozen_after_collection > 1
