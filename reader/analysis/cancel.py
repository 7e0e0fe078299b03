"""Stopping a long analysis part-way: the caller's `cancel()`, asked between batches.

A comparison of two long articles takes tens of seconds of both cores (encoding, BERTScore,
candidate features), and a thread cannot be killed: the app's worker asks `cancel()` (its
worker's `is_cancelled`) and the core calls `check(cancel)` between batches of its long loops
(a sentence encoded, a block of rows), never per element of numpy code. A true answer raises
Cancelled there, before anything half-made is kept: every sentence encoding stored is whole,
and no comparison is kept. No UI imports.
"""

from __future__ import annotations

from typing import Callable

__all__ = ["Cancel", "Cancelled", "ROWS_PER_CHECK", "STORIES_PER_CHECK", "check"]

Cancel = Callable[[], bool]
# Rows of a pair-by-pair loop (pair_features, the stem scores) between two checks: a few
# milliseconds of work, so a stop waits for no more than that.
ROWS_PER_CHECK = 16
# Stories labelled, or copied as dicts, between two checks: a label weighs its members' pairs
# (0.25 s for every story at 10,000 articles; 256 large ones were 0.14-0.18 s between two checks).
STORIES_PER_CHECK = 64


class Cancelled(Exception):
    """The caller's cancel() said stop: the computation ended at its next check."""

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)


def check(cancel: Cancel | None) -> None:
    """Raise Cancelled when `cancel` (None: never) says stop."""
    if cancel is not None and cancel():
        raise Cancelled()
