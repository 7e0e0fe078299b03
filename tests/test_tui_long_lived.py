"""The app takes what it keeps out of the garbage collector's walks once the list is loaded
(reader/tui/long_lived.py), without keeping reference cycles forever."""

from __future__ import annotations

import gc
import platform
import sys
import weakref

from conftest import Doc, LibraryDouble, drive, settle, wait_for
from reader.tui.app import ReaderApp
from reader.tui.long_lived import HARD_CAP, LongLived


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
        last = gc.get_freeze_count() // 3  # as if the frozen objects had tripled: due, not past the cap
        long_lived.frozen_after_collection = last
        before = app.articles
        app.load_catalog()
        await wait_for(pilot, lambda: app.articles is not before)
        await settle(pilot)
        assert long_lived.frozen_after_collection == last and long_lived.collection_due  # not in the load
        # A key just now: not yet.
        app._last_activity = time.monotonic()
        app._collect_if_idle()
        assert long_lived.frozen_after_collection == last and app._collection_timer is not None
        # Left alone: collected, by the timer the load set.
        await wait_for(pilot, lambda: long_lived.frozen_after_collection > last)
        assert not long_lived.collection_due and app._collection_timer is None
        # One who never pauses gets it after COLLECTION_WAIT all the same.
        long_lived.frozen_after_collection = 1
        app._collect_when_idle()
        app._collection_due_since = time.monotonic() - app_module.COLLECTION_WAIT
        app._last_activity = time.monotonic()
        app._collect_if_idle()
        assert long_lived.frozen_after_collection > 1


async def test_loads_back_to_back_neither_put_the_collection_off_nor_let_memory_grow_unbounded():
    """A list load counted as the user's activity: loads less than IDLE_SECONDS apart (the watcher
    at each change of a corpus being written) put the due collection off to COLLECTION_WAIT, the
    frozen objects meanwhile well past the doubling bound (417k against ~248k at 4,000 articles
    and 20 loads). A load is not the user; past HARD_CAP times the last count, the load collects."""
    lib = LibraryDouble()
    for k in range(4000):
        lib.add(Doc(f"x{k}", f"Outlet {k % 40}", f"Title {k}", f"2025-10-{1 + k % 28:02d}", f"Body {k}."))
    app = ReaderApp(lib)
    async with drive(app, (120, 40)) as pilot:
        await wait_for(pilot, lambda: app.catalog_ready)
        await settle(pilot)
        app.screen.source_list.root.expand_all()
        await settle(pilot)
        long_lived = app._long_lived
        highest = 0
        for _ in range(20):
            before = app.articles
            app.load_catalog()
            await wait_for(pilot, lambda: app.articles is not before)
            await settle(pilot)
            highest = max(highest, gc.get_freeze_count() / long_lived.frozen_after_collection)
        assert highest <= HARD_CAP
        bound = long_lived.growth_before_collecting * long_lived.frozen_after_collection
        assert gc.get_freeze_count() <= 1.3 * bound, (gc.get_freeze_count(), bound)


def test_frozen_objects_past_the_hard_cap_are_overdue():
    gc.collect()
    long_lived = LongLived(growth_before_collecting=2.0)
    long_lived.set_aside()
    first = gc.get_freeze_count()
    kept = [[] for _ in range(int(first * 1.5))]  # 2.5 times over: due, not overdue
    assert long_lived.set_aside() and not long_lived.collection_overdue
    kept += [[] for _ in range(int(first * 2))]  # 4.5 times over
    assert long_lived.set_aside() and long_lived.collection_overdue
    long_lived.collect()
    assert not long_lived.collection_overdue and not long_lived.collection_due


async def test_an_update_gives_back_the_memory_it_used_for_a_moment(seed_library, monkeypatch):
    """The app runs each index update in a thread of its own; glibc kept what the update freed
    in that thread's arena, and the app left open grew by ~75 MB an update at 50,000 articles:
    it is given back in the worker, once the update is done, not on the event loop."""
    import threading

    from reader.tui import app as app_module
    from reader.tui import long_lived

    calls: list[bool] = []

    def spy() -> None:
        calls.append(threading.current_thread() is threading.main_thread())
        long_lived.give_back_free_memory()

    monkeypatch.setattr(app_module, "give_back_free_memory", spy)
    app = ReaderApp(seed_library)
    async with drive(app, (100, 30)) as pilot:
        await wait_for(pilot, lambda: app.catalog_ready and app.index_ready)
        await wait_for(pilot, lambda: not any(w.group == "index" and not w.is_finished for w in app.workers))
        assert calls == [False]  # the launch's update: once, off the event loop
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert long_lived._TRIM and (long_lived._TRIM[0] is not None) == glibc
