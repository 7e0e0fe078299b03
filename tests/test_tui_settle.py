"""settle(), the step most Pilot tests take between a key and what they assert: it waits for what
the app has pending, not for the CPU to look idle."""

from __future__ import annotations

import time

from textual.app import App, ComposeResult
from textual.widgets import Static

from conftest import drive, pending_work, settle


class ChainApp(App):
    """A chain of steps, each asking for the next after the screen's refresh (as the comparison
    mounts its rows a chunk at a time), each blocking a while without the CPU (a loaded
    machine's thread waiting for its core: Pilot's CPU-idle pause took it for an idle app)."""

    STEPS = 200

    def __init__(self) -> None:
        super().__init__()
        self.done = 0

    def compose(self) -> ComposeResult:
        yield Static("0", id="count")

    def start(self) -> None:
        self.done = 0
        self.query_one("#count", Static).call_after_refresh(self._step)

    def _step(self) -> None:
        time.sleep(0.02)  # (little CPU: the pause's idle test passes while it runs)
        self.done += 1
        if self.done < self.STEPS:
            later = self.query_one("#count", Static).call_later if self.done % 2 else self.call_after_refresh
            later(self._step)


async def test_settle_waits_for_a_chain_of_call_later_and_after_refresh_steps():
    app = ChainApp()
    async with drive(app, (40, 5)) as pilot:
        await settle(pilot)
        app.start()
        await settle(pilot)
        assert app.done == ChainApp.STEPS
        assert not pending_work(app)
