"""Storing one big feed's entries: `reader fetch` of a feed of N entries kept from their own text
(`articles: false`), served by a local HTTP server on 127.0.0.1 (never the internet).

    python bench/bench_fetch_store.py [--entries 5000] [--runs 3] [--source DIR]

Each run starts from empty data folders and prints the whole fetch's seconds and the seconds from
the first entry stored to the end (what the progress line shows as "N/5000 entries"), with the
CPU seconds of that stretch: the rest is waiting (for the disk's syncs, or for a busy machine's
cores). `--source`
measures another checkout's `reader` (the baseline) on the same load, in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(entries: int) -> tuple[float, float, float]:
    sys.path.insert(0, str(ROOT / "tests"))  # the tests' local HTTP server
    from http_fixture import LocalServer, Reply, rss

    work = Path(tempfile.mkdtemp(prefix="bench-fetch-store-", dir=os.environ.get("BENCH_TMP")))
    for name in ("CONFIG", "DATA", "CACHE"):
        os.environ[f"READER_{name}_DIR"] = str(work / name.lower())
    server = LocalServer().start()
    items = [
        {
            "title": f"Note {n} on the budget",
            "link": server.url(f"/n/{n}"),
            "description": f"Entry {n}: " + " ".join(f"word{(n * 7 + k) % 997}" for k in range(80)),
            "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT",
        }
        for n in range(entries)
    ]
    server.route("/feed.xml", Reply(rss("Big", items), content_type="application/rss+xml"))
    (work / "config").mkdir()
    (work / "config" / "feeds.yaml").write_text(
        f"feeds:\n  - url: {server.url('/feed.xml')}\n    articles: false\n    outlet: Big\n", encoding="utf-8"
    )
    from reader.fetch import fetch

    first: list[tuple[float, float]] = []

    def progress(done: int, total: int, current: str) -> None:
        if current.startswith("entries") and not first:
            first.append((time.perf_counter(), time.process_time()))

    started = time.perf_counter()
    report = fetch(progress=progress)
    ended, cpu = time.perf_counter(), time.process_time()
    server.stop()
    assert report.new == entries, (report.new, report.failures[:1])
    began, cpu_began = first[0] if first else (started, 0.0)
    return ended - started, ended - began, cpu - cpu_began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", type=Path, help="another checkout to measure too (the baseline)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a single run, in this process
    args = parser.parse_args()
    if args.one:
        total, storing, cpu = one_run(args.entries)
        print(f"{total:.3f} {storing:.3f} {cpu:.3f}")
        return
    sources = [("this checkout", ROOT)] + ([("--source", args.source.resolve())] if args.source else [])
    totals: dict[str, list[float]] = {label: [] for label, _source in sources}
    stores: dict[str, list[float]] = {label: [] for label, _source in sources}
    cpus: dict[str, list[float]] = {label: [] for label, _source in sources}
    for _run in range(args.runs):
        for label, source in sources:  # interleaved: a busy spell of the machine hits both alike
            # Each run in a fresh process importing `reader` from `source` (the bench itself from here).
            env = dict(os.environ, PYTHONPATH=str(source))
            out = subprocess.run(
                [sys.executable, __file__, "--one", "--entries", str(args.entries)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            totals[label].append(float(out[0]))
            stores[label].append(float(out[1]))
            cpus[label].append(float(out[2]))
    for label, _source in sources:
        print(
            f"{label:14} {args.entries} entries: fetch {statistics.median(totals[label]):6.2f} s "
            f"(runs {', '.join(f'{t:.2f}' for t in totals[label])}), storing {statistics.median(stores[label]):6.2f} s "
            f"(runs {', '.join(f'{s:.2f}' for s in stores[label])}), of which CPU "
            f"{statistics.median(cpus[label]):.2f} s: waiting {statistics.median(w - c for w, c in zip(stores[label], cpus[label])):.2f} s"
        )


if __name__ == "__main__":
    main()
