"""`LongLived`: the objects the app keeps (the imported modules, Textual's, the article list and
its tree) taken out of the cyclic garbage collector's walks once the list is loaded.

A full collection walks every tracked object of the process and holds the interpreter, the event
loop included, while it does: with the list of a corpus and the screen's widgets that is
100,000s of objects, and a key that allocates a lot (opening an article, the coverage screen)
paid one now and then, 0.1-0.15 s of CPU (bench/bench_tui_keys.py). Frozen (gc.freeze, which
costs nothing), they are still freed by reference counting when dropped; only reference cycles
among them (closed widgets; not a replaced list's tree, which SourceList.clear cuts) stay until
they are thawed and collected, which is due once a load finds the frozen objects doubled since
the last time: memory stays within about twice what the app keeps, and that full walk comes
once in many loads. The app runs it when the user has left it idle a moment
(ReaderApp._collect_when_idle), not in the load: a load follows a key (or the watcher) and its
0.1-0.2 s showed as a key answered late. Loads come back to back with no such moment (the
watcher, at each change of a corpus being written): a load that finds them past HARD_CAP times
the last count collects at once, so memory never goes past about that.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys


HARD_CAP = 4.0  # frozen objects grown this many times over: collected in the load, idle or not


class LongLived:
    def __init__(self, growth_before_collecting: float = 2.0) -> None:
        self.growth_before_collecting = growth_before_collecting
        self.frozen_after_collection = 0  # 0: nothing frozen yet

    def set_aside(self) -> bool:
        """What exists now lives long (called once the article list is loaded and shown).
        True: the frozen objects have doubled since the last collection, and collect() is due;
        the caller runs it when the user waits for nothing (it holds the event loop)."""
        gc.freeze()
        if not self.frozen_after_collection:
            self.frozen_after_collection = gc.get_freeze_count()
        return self.collection_due

    def _grown_past(self, factor: float) -> bool:
        return bool(self.frozen_after_collection) and gc.get_freeze_count() > factor * self.frozen_after_collection

    @property
    def collection_due(self) -> bool:
        return self._grown_past(self.growth_before_collecting)

    @property
    def collection_overdue(self) -> bool:
        """Grown past HARD_CAP: collect now, not when the user is idle."""
        return self._grown_past(HARD_CAP)

    def collect(self) -> None:
        """The reference cycles left among the frozen objects, freed: a full collection."""
        gc.unfreeze()  # back to the oldest generation,
        gc.collect()  # with the reference cycles they left
        gc.freeze()
        self.frozen_after_collection = gc.get_freeze_count()


_TRIM: list = []  # glibc's malloc_trim, once looked up (None: not there)


def give_back_free_memory() -> None:
    """Return to the system the memory the C allocator keeps free (glibc's malloc_trim; nothing
    elsewhere). An index update at 50,000 articles allocates ~350 MB for a moment (the state,
    the regrouped window) in the thread it runs in; glibc keeps such memory for reuse, in that
    thread's arena, and the app, which runs each update in a new thread, grew by ~75 MB an update
    with no object kept (bench/bench_long_running.py). Called in the worker, after the update."""
    if not _TRIM:
        trim = None
        if sys.platform.startswith("linux"):
            try:
                trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
                trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
            except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
                trim = None
        _TRIM.append(trim)
    if _TRIM[0] is not None:
        _TRIM[0](0)
