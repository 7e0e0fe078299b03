"""A terminal resized during a comparison of many rows: where the time goes.

    python bench/bench_compare_resize.py [--rows 120] [--resizes 8] [--profile N]

The compare screen (headless, Pilot, 120x40) over tests/comparison_doubles.py's in-memory library,
two articles of --rows sentences of 35 words each (every 12th row a difference), read down to
the last row a CHUNK at a time, each scrolled to the top (the rows mounted as reading down mounts
them: all of them up to compare_view.MAX_ROWS, the rows around the view past it); then the
terminal is resized --resizes times between four sizes. Per resize: the
wall-clock time to the screen settled, the thread's CPU time (time.thread_time: not stretched by
other processes), and the screen's layout passes (Screen._refresh_layout calls: each arranges
every row mounted, three widgets a row) with their CPU time. --profile N prints cProfile's top
N functions by cumulative time over the resizes.

Figures of one run (load average 27 on 2 CPUs, 120 rows): 0.3-0.7 s of CPU a resize, four layout
passes of the compare screen each, nearly all of it in Textual's arranging of the 360 widgets
(_arrange, horizontal layout, box models); wrapping the cells' text is a tenth of it. Session 59:
two of the passes came from every row and cell asking for one of its own when its size changed;
they no longer ask (compare_view.ArrangedByTheBody), and the passes after the first are ~10 ms each.
Session 60: MAX_ROWS 2,000 -> 180 (a window of rows that moves with the view), 1,000 rows read
down, beside main in the same run (load 10 on 2 CPUs): 1,000 -> 180 rows mounted, median CPU a
resize 3.42 -> 0.78 s.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

WORDS = "the minister said on monday that talks about the summit would continue in budapest".split()
SIZES = [(100, 40), (140, 45), (90, 30), (120, 40)]


def long_library(rows: int):
    from comparison_doubles import EveryFewRowsLibrary

    class Long(EveryFewRowsLibrary):
        SIZE = rows
        EVERY = 12

        def piece(self, i: int) -> str:
            return f"S{i} " + " ".join(WORDS[(i + k) % len(WORDS)] for k in range(35)) + "."

    return Long()


async def resizes(
    rows: int, count: int, profile: cProfile.Profile | None
) -> tuple[int, list[tuple[float, float, int, float]]]:
    from conftest import CompareHost
    from textual.screen import Screen

    from reader.tui.widgets.compare_view import CHUNK, MAX_ROWS, CompareRow

    passes = [0]
    passes_cpu = [0.0]
    layout = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        if type(self).__name__ != "CompareScreen":
            return layout(self, *args, **kwargs)
        passes[0] += 1
        start = time.thread_time()
        try:
            return layout(self, *args, **kwargs)
        finally:
            passes_cpu[0] += time.thread_time() - start

    Screen._refresh_layout = counted  # type: ignore[method-assign]
    app = CompareHost(long_library(rows))
    figures = []
    mounted = 0
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            deadline = time.perf_counter() + 300
            while len(app.screen.query(CompareRow)) < min(rows, 60):
                if time.perf_counter() > deadline:
                    raise TimeoutError("the comparison was not shown")
                await pilot.pause()
            # A CHUNK of rows at a time, each scrolled to, as reading down mounts them: one jump to
            # the last row past FAR rows would mount only the rows around it (CompareBody._window).
            body = app.screen.body
            for index in range(0, rows, CHUNK):
                await body.ensure(index)
                body.row_to_top(index)
                await pilot.pause()
            await body.ensure(rows - 1)
            body.row_to_top(rows - 1)
            await pilot.pause()
            await pilot.pause()
            mounted = len(body.rows)
            if mounted > max(MAX_ROWS, 3 * app.size.height) or mounted < min(rows, MAX_ROWS):
                raise RuntimeError(f"{mounted} rows mounted of {rows} (MAX_ROWS {MAX_ROWS})")
            for n in range(count):
                passes[0], passes_cpu[0] = 0, 0.0
                wall, cpu = time.perf_counter(), time.thread_time()
                if profile:
                    profile.enable()
                await pilot.resize_terminal(*SIZES[n % len(SIZES)])
                await pilot.pause()
                await pilot.pause()
                if profile:
                    profile.disable()
                figures.append((time.perf_counter() - wall, time.thread_time() - cpu, passes[0], passes_cpu[0]))
    finally:
        Screen._refresh_layout = layout  # type: ignore[method-assign]
    return mounted, figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=120)
    ap.add_argument("--resizes", type=int, default=8)
    ap.add_argument("--profile", type=int, default=0)
    args = ap.parse_args(argv)
    profile = cProfile.Profile() if args.profile else None
    mounted, figures = asyncio.run(resizes(args.rows, args.resizes, profile))
    print(
        f"{args.rows} rows ({mounted} mounted), {args.resizes} resizes (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    for n, (wall, cpu, passes, passes_cpu) in enumerate(figures):
        size = SIZES[n % len(SIZES)]
        print(
            f"  to {size[0]}x{size[1]}: wall {wall:5.2f} s, CPU {cpu:5.2f} s, "
            f"{passes} layout passes ({passes_cpu:4.2f} s of the CPU)"
        )
    cpus = sorted(cpu for _wall, cpu, _passes, _passes_cpu in figures)
    print(f"  median CPU a resize {cpus[len(cpus) // 2]:.2f} s")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
