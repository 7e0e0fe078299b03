"""The CPU of a Pilot pause over a long comparison: Textual's own (a call queued to every widget
on the screen) against tests/conftest.py's pauses_past_compare_rows (not to the rows and cells).

    python bench/bench_compare_test_pauses.py [--pauses 40] [--max-rows 2000]

Opens the compare screen (tests' CompareHost) over EveryFewRowsLibrary (600 rows), mounts
the rows down to its end (at most --max-rows), then times --pauses pauses each way in
the same run, and prints the CPU per pause and the widgets each waits for.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


class Patch:
    """monkeypatch's setattr and undo, for pauses_past_compare_rows outside pytest."""

    def __init__(self) -> None:
        self.undo: list = []

    def setattr(self, target, name, value) -> None:
        self.undo.append((target, name, getattr(target, name)))
        setattr(target, name, value)

    def restore(self) -> None:
        for target, name, value in reversed(self.undo):
            setattr(target, name, value)


async def run(pauses: int, max_rows: int) -> None:
    from comparison_doubles import EveryFewRowsLibrary
    from conftest import CompareHost, pauses_past_compare_rows, settle

    from reader.tui.widgets import compare_view

    compare_view.MAX_ROWS = max_rows
    app = CompareHost(EveryFewRowsLibrary())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        body = app.screen.body
        while body.start + len(body.rows) < body.limit and len(body.rows) < max_rows:
            await body.ensure(body.start + len(body.rows))  # the rows after those mounted
        await settle(pilot)
        widgets = len(list(app.screen.walk_children(with_self=True)))
        print(f"rows mounted {len(body.rows):,}, widgets on the screen {widgets:,}")
        for name in ("Textual's pause", "pauses_past_compare_rows"):
            patch = Patch()
            if name != "Textual's pause":
                pauses_past_compare_rows(patch)
            try:
                start = time.process_time()
                for _ in range(pauses):
                    await pilot.pause()
                spent = time.process_time() - start
            finally:
                patch.restore()
            print(f"{name:26} {spent / pauses * 1000:8.1f} ms CPU a pause ({pauses} pauses)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pauses", type=int, default=40)
    parser.add_argument("--max-rows", type=int, default=2000)
    args = parser.parse_args()
    asyncio.run(run(args.pauses, args.max_rows))


if __name__ == "__main__":
    main()
