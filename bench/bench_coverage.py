"""Coverage at scale: `Library.coverage()`, `reader coverage` and the coverage view on a synthetic
corpus made by bench/synth.py.

    python bench/bench_coverage.py [--count 10000] [--work DIR]

The corpus and its index live in WORK (default: a folder in the system temp dir named after the
count) and are reused when present; building the index is reported but is not the subject.
Steps:
  core      Library.coverage() on a new Library over the built index (it reads the stored
            grouping; nothing is regrouped), again warm, and with active_days=7
  grouped   the same articles put into synthetic stories of 1-12 articles (the core alone), so
            the figure does not depend on the synthetic texts all being separate stories
  CLI       `reader coverage --json` as a new process: median wall time of 3, beside
            `reader stories --json` and `reader list --json` (the same start-up and index reads)
  view      headless app (120x40): `v` pressed to the first rows drawn, then `s` (sort) and
            `f` (filter) keystrokes to redrawn; baseline in the same run: a Textual DataTable
            filled with the same cells (what a first version of the view used) to painted
The machine may be shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def build(work: Path, count: int) -> tuple[Path, Path]:
    import synth
    from reader.library import Library

    corpus, index = work / "corpus", work / "index"
    if not corpus.is_dir():
        _, seconds = timed(synth.generate, corpus, count)
        print(f"corpus    {count} articles written in {seconds:.1f} s")
    library = Library([corpus], index, auto_update=False)
    report, seconds = timed(library.update)
    print(f"index     {report.indexed} indexed, {report.unchanged} unchanged in {seconds:.1f} s")
    library.close()
    return corpus, index


def bench_core(corpus: Path, index: Path) -> None:
    from reader.library import Library

    library = Library([corpus], index, auto_update=False)
    coverage, cold = timed(library.coverage)
    _, warm = timed(library.coverage)
    _, active = timed(library.coverage, active_days=7)
    print(
        f"core      {len(coverage.stories)} stories x {len(coverage.outlets)} outlets: "
        f"cold {cold * 1000:.0f} ms (index state read), warm {warm * 1000:.0f} ms, "
        f"--active 7 {active * 1000:.0f} ms"
    )
    from reader.analysis.coverage import compute_coverage

    rng = random.Random(5)
    articles = library.articles()
    ids = [a.id for a in articles]
    rng.shuffle(ids)
    stories, i = [], 0
    while i < len(ids):
        size = rng.choice((1, 1, 2, 3, 4, 6, 8, 12))
        stories.append(SimpleNamespace(id=f"s{i}", label=f"story {i}", articles=ids[i : i + size]))
        i += size
    grouped, seconds = timed(compute_coverage, articles, stories, active_days=7)
    print(
        f"grouped   {len(grouped.stories)} synthetic stories of 1-12 articles: {seconds * 1000:.0f} ms with --active 7"
    )
    library.close()


def bench_cli(corpus: Path, index: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    figures = []
    for command in ("coverage", "stories", "list"):
        walls = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "reader", "--corpus", str(corpus), "--index", str(index), command, "--json"],
                check=True,
                stdout=subprocess.DEVNULL,
                env=env,
            )
            walls.append(time.perf_counter() - start)
        figures.append(f"{command} {statistics.median(walls):.2f} s")
    print(f"CLI       reader X --json as a new process, median of 3: {', '.join(figures)}")


async def until(pilot, condition, limit: float = 120.0) -> float:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > limit:
            raise TimeoutError("the view did not fill in time")
        await pilot.pause(0.01)
    return time.perf_counter() - start


async def bench_view(corpus: Path, index: Path) -> None:
    from rich.text import Text
    from textual.widgets import DataTable

    from reader.library import Library
    from reader.tui.app import ReaderApp
    from reader.tui.screens.coverage import CoverageScreen

    library = Library([corpus], index, auto_update=False)
    app = ReaderApp(library, index_on_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.catalog_ready)
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, CoverageScreen) and app.screen.grid.row_count > 0)
        await pilot.pause()
        opened = time.perf_counter() - start
        screen = app.screen
        rows = len(screen.rows)
        cells = [[Text(text) for text in screen.cells(row.story)] for row in screen.rows]
        columns = [c.title for c in screen.grid.columns]
        start = time.perf_counter()
        await pilot.press("s")
        await pilot.pause()
        sort = time.perf_counter() - start
        start = time.perf_counter()
        await pilot.press("f")
        await pilot.pause()
        filtered = time.perf_counter() - start
        print(
            f"view      {rows} rows x {len(columns)} columns: open {opened:.2f} s (v to drawn), "
            f"sort {sort * 1000:.0f} ms, filter {filtered * 1000:.0f} ms"
        )
        await pilot.press("escape")
        await pilot.pause()
        table = DataTable()
        await app.screen.mount(table)
        start = time.perf_counter()
        for title in columns:
            table.add_column(Text(title))
        table.add_rows(cells)
        await pilot.pause()
        await until(pilot, lambda: table.row_count == rows)
        await pilot.pause()
        print(f"baseline  DataTable with the same {rows} rows: {time.perf_counter() - start:.2f} s to painted")
    library.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--work", type=Path)
    args = ap.parse_args()
    work = args.work or Path(tempfile.gettempdir()) / f"reader-bench-coverage-{args.count}"
    work.mkdir(parents=True, exist_ok=True)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; work folder {work}")
    corpus, index = build(work, args.count)
    bench_core(corpus, index)
    bench_cli(corpus, index)
    asyncio.run(bench_view(corpus, index))
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
