"""The tests' own wait under Pilot's pauses (conftest._handled_by): done when every widget waited
for has handled what was queued to it; failing when none of them moves, never after a total time."""

from __future__ import annotations

import asyncio

import pytest
from textual.pilot import Pilot, WaitForScreenTimeout

import conftest


class Node:
    """A widget as the wait sees it: call_later queues `callback` behind what it has to handle."""

    def __init__(self, handles: bool):
        self.handles = handles

    def call_later(self, callback) -> bool:
        if self.handles:
            asyncio.get_running_loop().call_soon(callback)
        return True


class App:
    def __init__(self):
        self._exception_event = asyncio.Event()


def test_pilot_pauses_go_through_the_wait_that_fails_only_when_stalled():
    assert Pilot._wait_for_screen.__qualname__.startswith("_pilot_waits_while_moving")


async def test_the_wait_ends_once_every_node_has_handled_its_queue():
    assert await conftest._handled_by(App(), [Node(True), Node(True), Node(True)], stalled_seconds=60)


async def test_a_node_that_handles_nothing_fails_the_wait_saying_so():
    with pytest.raises(WaitForScreenTimeout, match="1 of the widgets waited for handled nothing queued"):
        await conftest._handled_by(App(), [Node(True), Node(False)], stalled_seconds=0.05)


async def test_an_exception_in_the_app_ends_the_wait_unfinished():
    app = App()
    app._exception_event.set()
    assert not await conftest._handled_by(app, [Node(False)], stalled_seconds=60)


class Late(Node):
    """A widget that handles its queue `seconds` after the wait began."""

    def __init__(self, seconds: float):
        super().__init__(handles=True)
        self.seconds = seconds

    def call_later(self, callback) -> bool:
        asyncio.get_running_loop().call_later(self.seconds, callback)
        return True


async def test_widgets_still_moving_fail_the_wait_once_its_cap_in_all_is_out(monkeypatch):
    """One widget after another handles its queue, each well within the stall limit, for 5 s:
    only the cap in all ends the wait (without it, a pause over hundreds of rows each taking
    up to 30 s held a test for hours)."""
    monkeypatch.setattr(conftest, "PILOT_WAIT_CAP_SECONDS", 0.2)
    moving = [Late(0.01 * n) for n in range(1, 501)]
    with pytest.raises(WaitForScreenTimeout, match="still had their queues to handle after 0.2 s in all"):
        await conftest._handled_by(App(), moving, stalled_seconds=60)
