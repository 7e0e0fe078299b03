"""The app's list of subscriptions with many feeds: how long its mount holds the app's event loop
(nothing is drawn and no key is read meanwhile).

    python bench/bench_subscriptions_list.py [--count 10000]

Headless app (80x24, an empty corpus in a temporary folder). COUNT synthetic subscriptions, a
third with a failure noted. Each way is timed on the same rows in the same run, 3 times (median):
  baseline  SubscriptionsScreen(rows): each row's two lines made in on_mount, on the event loop
            (as the screen first did)
  worker    subscription_prompt of each row made beforehand (the app's worker does it, off the
            event loop; its time is printed apart), on_mount only adds them
The machine may be shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rows(count: int) -> list:
    from reader.tui.screens.subscriptions import Subscription

    return [
        Subscription(
            outlet=f"Outlet number {n}",
            url=f"https://n{n}.example/section/world/feed.xml",
            stored=n % 500,
            last_fetched="2025-10-21 10:00",
            outcome="failed: HTTP 500 Internal Server Error" if n % 3 == 0 else "ok",
            look=n % 3 == 0,
        )
        for n in range(count)
    ]


async def measure(count: int) -> None:
    from reader.library import Library
    from reader.tui.app import ReaderApp
    from reader.tui.screens import subscriptions as module

    listed = rows(count)
    mounts: dict[str, list[float]] = {"baseline": [], "worker": []}
    made: list[float] = []
    real = module.SubscriptionsScreen.on_mount

    def timed_mount(self) -> None:
        started = time.perf_counter()
        real(self)
        mounts[self.way].append(time.perf_counter() - started)

    module.SubscriptionsScreen.on_mount = timed_mount  # type: ignore[method-assign]
    library = Library(auto_update=False)
    app = ReaderApp(library)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for _ in range(3):
                for way in ("baseline", "worker"):
                    prompts = None
                    if way == "worker":
                        started = time.perf_counter()
                        prompts = [module.subscription_prompt(row) for row in listed]
                        made.append(time.perf_counter() - started)
                    screen = module.SubscriptionsScreen(listed, [], prompts)
                    screen.way = way  # type: ignore[attr-defined]
                    await app.push_screen(screen)
                    await pilot.pause()
                    app.pop_screen()
                    await pilot.pause()
    finally:
        library.close()
    print(f"{count:,} subscriptions; load average {os.getloadavg()[0]:.1f}")
    for way, seconds in mounts.items():
        print(f"  {way:9} on_mount (event loop held): {statistics.median(seconds):.3f} s")
    print(f"  worker's rows made off the event loop: {statistics.median(made):.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        for name, sub in (("READER_CACHE_DIR", "cache"), ("READER_CONFIG_DIR", "config"), ("READER_DATA_DIR", "data")):
            Path(work, sub).mkdir()
            os.environ[name] = str(Path(work, sub))
        asyncio.run(measure(args.count))


if __name__ == "__main__":
    main()
