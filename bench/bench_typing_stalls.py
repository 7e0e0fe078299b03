"""The event loop while a user types fast: into the search box, and into the list's filter box.

    python bench/bench_typing_stalls.py [--count 2000] [--gap-ms 25] [--rounds 3] [--work DIR]

A headless app (Pilot, 120x40) over a real Library of --count synthetic articles (bench/synth.py,
made in --work and indexed once before any figure). Queries are typed one key every --gap-ms
milliseconds, sent as the terminal sends them, without waiting for the app to go idle between
keys (Pilot's press waits, which no typist does). For each box:

- the longest event-loop stall: the most a 2 ms ticker in the app's loop came late while typing
  (what a key pressed then waited before anything was done with it);
- per-key latency: from a key sent to its character in the box (p50, p95, max over every key);
- settle: from a query's last key to its answer shown (the search's results listed, the filter's
  list rebuilt);
- idle: the longest stall with the app open and nothing typed, as long: the machine's own (a
  loaded shared machine stalls an idle loop too).

The filter box filters the source list on the event loop; the search box searches in a worker:
the filter's figures are the same run's baseline for the search's (and the search's for the
filter's). `search-loop` is the search box with each hit's lines made on the event loop, as they
were before the search's worker made them (50 hits' lines made and wrapped at each key: the
longest stall of the search box, ~100-130 ms of CPU on a loaded machine). A stall whose CPU time is over 100 ms is flagged (on a loaded machine the wall clock stalls
more than the work: the idle row says by how much).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_tui import LoopLag, synthetic_corpus  # noqa: E402  (a sibling: bench/ is the script's folder)

QUERIES = ["minister", "police report", "government officials", "percent", "northfield election", "reporters week"]
STALL_LIMIT = 0.100


async def until(condition, limit: float = 120.0) -> None:
    deadline = time.perf_counter() + limit
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there")
        await asyncio.sleep(0.001)


def send_key(app, char: str) -> None:
    """`char` as the terminal's driver delivers it (no wait for the app to go idle)."""
    from textual import events

    key = "space" if char == " " else char
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def type_fast(box: str, corpus: Path, index_dir: Path, gap: float) -> dict[str, list[float]]:
    """Type QUERIES into `box` ("search" or "filter"; "idle": nothing typed, as long as typing
    them takes, for the machine's own stalls): each figure's samples, in seconds."""
    from reader.library import Library
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.search_panel import SearchPanel

    library = Library([corpus], index_dir, auto_update=False)
    app = ReaderApp(library, index_on_start=False)
    maker = SearchPanel._prompt_maker
    if box == "search-loop":  # the hits' lines made on the event loop, as before they were made in the worker
        SearchPanel._prompt_maker = lambda self: None  # type: ignore[method-assign]
        box = "search"
    figures: dict[str, list[float]] = {"stall": [], "stall_cpu": [], "key": [], "settle": []}
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        await until(lambda: app.catalog_ready and screen is not None and screen.source_list.root.children)
        assert screen is not None
        panel, tree = screen.search_panel, screen.source_list
        if box == "idle":
            for query in QUERIES:
                with LoopLag() as lag:
                    await asyncio.sleep(gap * len(query) + 0.1)
                figures["stall"].append(lag.worst)
                figures["stall_cpu"].append(lag.worst_cpu)
            library.close()
            return figures
        await pilot.press("slash" if box == "search" else "f")
        await pilot.pause()
        field = panel.input if box == "search" else screen.query_one("#filter")
        for query in QUERIES:
            field.value = ""
            await until(lambda: (panel.shown_query if box == "search" else tree.filter_shown) == "")
            await pilot.pause()
            key_waits: list[float] = []
            with LoopLag() as lag:
                for char in query:
                    sent = time.perf_counter()
                    wanted = field.value + char
                    send_key(app, char)
                    await until(lambda: field.value == wanted)
                    key_waits.append(time.perf_counter() - sent)
                    await asyncio.sleep(max(0.0, gap - (time.perf_counter() - sent)))
                last = time.perf_counter()
                if box == "search":
                    await until(lambda: panel.shown_query == query)
                else:
                    await until(lambda: tree.filter_shown == query)
                settled = time.perf_counter() - last
                await pilot.pause()
            figures["stall"].append(lag.worst)
            figures["stall_cpu"].append(lag.worst_cpu)
            figures["key"] += key_waits
            figures["settle"].append(settled)
    library.close()
    SearchPanel._prompt_maker = maker  # type: ignore[method-assign]
    return figures


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def indexed_corpus(work: Path, count: int) -> tuple[Path, Path]:
    """bench/synth.py's corpus of `count` articles in `work` and its index, made (or brought up
    to date) before any figure is taken."""
    from reader.library import Library

    work.mkdir(parents=True, exist_ok=True)
    corpus = synthetic_corpus(work, count)
    index_dir = work / f"index-{count}"
    library = Library([corpus], index_dir, auto_update=False)
    library.update()
    library.close()
    return corpus, index_dir


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--gap-ms", type=float, default=25.0, help="between two keys (a fast typist: 80-150)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench-typing")
    args = ap.parse_args(argv)
    corpus, index_dir = indexed_corpus(args.work, args.count)
    print(
        f"typing into the app's boxes on {args.count:,} articles, a key every {args.gap_ms:.0f} ms, "
        f"{len(QUERIES)} queries, {args.rounds} rounds (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    worst = worst_cpu = 0.0
    for round_number in range(args.rounds):
        for box in ("idle", "filter", "search-loop", "search"):  # in turns: a change in the machine's load falls on all
            figures = asyncio.run(type_fast(box, corpus, index_dir, args.gap_ms / 1000))
            stall, cpu, keys = ([x * 1000 for x in figures[name]] for name in ("stall", "stall_cpu", "key"))
            said = f"  round {round_number + 1} {box:<11}  longest stall {max(stall):6.1f} ms, CPU {max(cpu):6.1f} ms"
            if box == "idle":
                print(f"{said}  (nothing typed: the machine's own)")
                continue
            if box != "search-loop":  # (the baseline)
                worst, worst_cpu = max(worst, max(stall) / 1000), max(worst_cpu, max(cpu) / 1000)
            settle = [x * 1000 for x in figures["settle"]]
            print(
                f"{said}  key to box p50 {pct(keys, 0.5):5.1f} p95 {pct(keys, 0.95):5.1f} max {max(keys):6.1f} ms"
                f"  last key to answer p50 {pct(settle, 0.5):6.1f} max {max(settle):6.1f} ms"
            )
    flag = "OVER" if worst_cpu > STALL_LIMIT else "under"
    print(
        f"longest stall of all (filter, search): {worst * 1000:.1f} ms, CPU {worst_cpu * 1000:.1f} ms "
        f"(the CPU {flag} the {STALL_LIMIT * 1000:.0f} ms limit)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
