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
    long_lived.set_aside()
    assert gone() is None  # thawed and collected before freezing again
    assert gc.get_freeze_count() >= len(kept)
    assert long_lived.frozen_after_collection == gc.get_freeze_count()
