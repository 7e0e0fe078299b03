"""`collector_paused`: run a function with Python's cyclic garbage collector paused.

The state database's reads and writes and the incremental regrouping each make 10,000s of
small containers (rows, entries, records, vectors) and no reference cycles. Each allocation
burst triggers collections, and a full one walks every object of the process (the imported
modules, the whole state) for nothing: ~0.04 s of a 10-file update at 10k. Paused, nothing is
lost: what these functions drop is freed by reference counting.
"""

from __future__ import annotations

import functools
import gc
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

F = TypeVar("F", bound=Callable)


@contextmanager
def collector_off() -> Iterator[None]:
    """The cyclic garbage collector paused for a block (restored after, if it was on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def collector_paused(func: F) -> F:
    """`func` run with the cyclic garbage collector paused (collector_off)."""

    @functools.wraps(func)
    def paused(*args, **kwargs):
        with collector_off():
            return func(*args, **kwargs)

    return paused  # type: ignore[return-value]


@contextmanager
def collector_paused_block() -> Iterator[None]:
    """The collector paused for a block of work that makes few reference cycles and keeps what
    it makes only a short while (a small update, run in this process). After it, what the
    block made is handed to the oldest generation as it is (gc.freeze then unfreeze), not
    walked by the first collection after the pause: the block made 100,000s of objects.
    Not when something is frozen already (the app's LongLived): unfreeze would thaw that too,
    so the block's objects are then left to the collector."""
    enabled = gc.isenabled()
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not frozen:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
