"""`reader feed list` (feed_statuses) of many subscriptions, each site's other feeds found once.

    .venv/bin/python bench/bench_feed_list.py [--count 2000]

COUNT subscriptions, each on its own site, a synthetic feeds.yaml in a temporary config folder
(no fetch state). Timed in the same run, 3 times each (median):
  baseline  the siblings a plain list, which shared_outlet went through whole for each feed
  grouped   sections.Siblings: each site's members found once
  held      grouped, and outlets.yaml looked at once (registry_held), not once a feed: what
            feed_statuses does
The machine may be shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=2000)
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory() as folder:
        for name in ("CONFIG", "DATA", "CACHE"):
            os.environ[f"READER_{name}_DIR"] = str(Path(folder) / name.lower())
        (Path(folder) / "config").mkdir()
        lines = ["feeds:"] + [f"  - url: https://site{n}.example/feed.xml\n    title: Site {n}" for n in range(count)]
        (Path(folder) / "config" / "feeds.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

        import contextlib

        import reader.corpus.outlets as outlets_module
        import reader.fetch as fetch_module
        from reader.fetch import run

        grouped, held = run.siblings_of, outlets_module.registry_held

        def plain(feeds, state):
            return list(grouped(feeds, state))

        ways = (("baseline", plain, contextlib.nullcontext), ("grouped", grouped, contextlib.nullcontext))
        ways += (("held", grouped, held),)
        times: dict[str, list[float]] = {way: [] for way, _siblings, _registry in ways}
        fetch_module.feed_statuses()  # imports and caches warm
        for _ in range(3):
            for way, siblings, registry in ways:
                fetch_module.siblings_of, outlets_module.registry_held = siblings, registry
                started = time.perf_counter()
                listed = fetch_module.feed_statuses()
                times[way].append(time.perf_counter() - started)
                assert len(listed) == count
        fetch_module.siblings_of, outlets_module.registry_held = grouped, held
    print(f"{count:,} subscriptions; load average {os.getloadavg()[0]:.1f}")
    for way, seconds in times.items():
        print(f"  {way:9} {statistics.median(seconds):.2f} s")


if __name__ == "__main__":
    main()
