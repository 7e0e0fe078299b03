"""Terminal app timings: launch to a usable screen, and keystroke to search results.

    python bench/bench_tui.py [--corpus DIR] [--count 10000] [--work DIR]

1. Launch on the bundled seeds (headless Textual, fixed size): first launch (empty cache: the
   index is built in the background) and second launch (index up to date), each from the app's
   construction to the source list filled; plus the cold `import reader.tui.app` time of a fresh
   interpreter.
2. Search as you type on a large corpus (default: a 10,000-article synthetic corpus made by
   bench/synth.py in --work, reused when present; or --corpus DIR): queries typed one key at a
   time; for each key, the time from the key press to the results on screen (what the user waits
   for). Prints p50/p95/max over all keystrokes. `--while-preparing` types them once more while
   the app prepares every story's comparisons in its worker (Library.prepare_stories, on a sentence
   cache of its own, so it really encodes): how much the background pass slows what you type.
   Only the in-app time is printed for it: Pilot's key press waits for the process to go idle
   (at most 1 s, twice a key), which a busy worker never lets it, so its "on screen" time is ~2 s
   a key whatever the app does.
3. The quotes panel given 2,000 quotations (it shows the first 1,000): the longest the event loop
   was blocked (a ticker's lateness: what a key pressed then waits) from set_quotes to the panel
   drawn, for a first article and for the next one once the first is measured to its end, then
   over ten resizes, and after End; for the panel, for the panel making every option's line in
   set_quotes (as it did before they were made as measured), and for Textual's OptionList
   measuring every option (the panel's line table before it was filled lazily), in the same run.
   `--quotes-only` runs this part alone, `--rounds N` times (medians printed).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    "minister",
    "police report",
    "government officials",
    '"said in a statement"',
    "president AND city",
    "percent NOT million",
    "outlet:herald election",
    "northfield",
    "reporters week",
    "ministr",  # a misspelling: did-you-mean path
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def until(pilot, condition, limit: float = 600.0) -> None:
    start = time.perf_counter()
    while not condition():
        await asyncio.sleep(0.002)
        if time.perf_counter() - start > limit:
            raise TimeoutError("the app did not get there")


async def launch_once(roots: list[Path], index_dir: Path) -> tuple[float, float]:
    """(seconds to a filled source list, seconds to the index being ready)."""
    from reader.library import Library
    from reader.tui.app import ReaderApp

    started = time.perf_counter()
    library = Library(roots, index_dir, auto_update=False)
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(
            pilot,
            lambda: (
                app.main_screen is not None and app.main_screen.is_mounted and app.main_screen.source_list.root.children
            ),
        )
        usable = time.perf_counter() - started
        await until(pilot, lambda: app.index_ready)
        ready = time.perf_counter() - started
    library.close()
    return usable, ready


async def type_queries(
    roots: list[Path], index_dir: Path, instant: bool = False, preparing: bool = False
) -> tuple[list[float], list[float]]:
    """Per keystroke: (key press to results on screen, Input.Changed to results in the list).

    `instant`: the same keystrokes and the same results, but the search answers from a table
    filled beforehand: what remains is the cost of Textual and of our rendering (the baseline).
    `preparing`: the app's pass over every story's comparisons runs in its worker meanwhile.
    """
    from reader.library import Library
    from reader.tui.app import ReaderApp

    library = Library(roots, index_dir, auto_update=False)
    if instant:
        from reader.tui.widgets.search_panel import RESULT_LIMIT

        table = {}
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                q = " ".join(query[:end].split())
                if q and q not in table:
                    table[q] = library.search(q, limit=RESULT_LIMIT)
        library.search = lambda query, **options: table[query]
    app = ReaderApp(library, index_on_start=False)
    on_screen: list[float] = []
    in_app: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.catalog_ready and app.main_screen.source_list.root.children)
        panel = app.main_screen.search_panel
        if preparing:
            app.prepare_stories()
        await pilot.press("slash")
        for query in QUERIES:
            panel.input.value = ""
            await pilot.pause()
            for ch in query:
                before = " ".join(panel.input.value.split())
                wanted = " ".join((panel.input.value + ch).split())
                start = time.perf_counter()
                await pilot.press(ch if ch != " " else "space")
                if wanted == before:
                    continue  # a trailing space: the same query, no new search
                await until(pilot, lambda: panel.shown_query == wanted)
                on_screen.append(time.perf_counter() - start)
                in_app.append(panel.last_latency)
    library.close()
    return on_screen, in_app


class LoopLag:
    """The longest the event loop went without running a 2 ms ticker (the longest stall), in
    wall-clock seconds (what the user waits), and `worst_cpu`: the most CPU seconds the loop's
    thread used between two ticks (the work that held it: on a loaded shared machine the wall
    clock counts the other processes' turns too)."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.worst_cpu = 0.0
        self._task: asyncio.Task | None = None

    async def _tick(self) -> None:
        while True:
            start, cpu = time.perf_counter(), time.thread_time()
            await asyncio.sleep(0.002)
            self.worst = max(self.worst, time.perf_counter() - start - 0.002)
            self.worst_cpu = max(self.worst_cpu, time.thread_time() - cpu)

    def __enter__(self) -> LoopLag:
        self._task = asyncio.get_running_loop().create_task(self._tick())
        return self

    def __exit__(self, *exc) -> None:
        assert self._task is not None
        self._task.cancel()


async def quotes_panel_stalls(count: int, variant: str) -> tuple[float, float, float, float]:
    """(worst stall from set_quotes to drawn, the same for the next article, over ten resizes,
    after End), in seconds. `variant`: "lazy" (the panel), "made" (every line made at once),
    "eager" (and every option measured, as Textual's OptionList does)."""
    from dataclasses import dataclass

    from textual.app import App
    from textual.containers import Vertical
    from textual.widgets import OptionList, Static

    from reader.tui.widgets.quotes_panel import QuotesPanel

    @dataclass
    class Quote:
        text: str
        start: int
        end: int
        speaker: str | None

    class Made(QuotesPanel):  # every quotation's line made in set_quotes
        def set_quotes(self, quotes) -> None:
            super().set_quotes(quotes)
            for option in self.options:
                option.prompt

    class Eager(Made):  # Textual's own: every option wrapped to lay the list out
        _update_lines = OptionList._update_lines
        get_content_height = OptionList.get_content_height

    class Host(App):
        CSS = "#quotes { height: auto; max-height: 30%; } #article { height: 1fr; }"

        def compose(self):
            with Vertical():
                yield Static("article", id="article")
                yield {"lazy": QuotesPanel, "made": Made, "eager": Eager}[variant](id="quotes")

    words = "the minister said that the budget would be balanced by next year despite all the opposition".split()

    def quotes(tag: str) -> list[Quote]:
        return [
            Quote(" ".join(words[k % 9 :] * (1 + k % 3)) + f" ({tag}{k})", 100 * k, 100 * k + 90, f"Speaker {k % 13}")
            for k in range(count)
        ]

    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.query_one("#quotes", QuotesPanel)
        await pilot.pause()
        stalls = []
        for tag in ("a", "b"):
            with LoopLag() as opened:
                await asyncio.sleep(0.01)  # the ticker runs: set_quotes itself is counted
                panel.set_quotes(quotes(tag))
                await pilot.pause()
                await pilot.pause()
            stalls.append(opened.worst)
            while len(panel._line_cache.heights) < panel.option_count:  # measured to its end
                await asyncio.sleep(0.02)
        with LoopLag() as resized:
            for k in range(10):
                await pilot.resize_terminal(100 + 2 * k, 40)
                await pilot.pause()
        panel.focus()
        with LoopLag() as ended:
            await pilot.press("end")
            await pilot.pause()
    return stalls[0], stalls[1], resized.worst, ended.worst


def quotes_report(rounds: int) -> None:
    import statistics

    print(f"quotes panel given 2,000 quotations (1,000 shown), longest event-loop stall (median of {rounds}):")
    names = {
        "eager": "every option measured (Textual's)",
        "made": "every line made in set_quotes",
        "lazy": "made and measured as drawn",
    }
    runs = {variant: [asyncio.run(quotes_panel_stalls(2000, variant)) for _ in range(rounds)] for variant in names}
    for variant, name in names.items():
        first, second, resized, ended = (statistics.median(r[k] for r in runs[variant]) * 1000 for k in range(4))
        print(
            f"  {name:<34} opened {first:5.0f} ms  next article {second:5.0f} ms  "
            f"ten resizes {resized:5.0f} ms  End {ended:5.0f} ms"
        )


def synthetic_corpus(work: Path, count: int) -> Path:
    """bench/synth.py's corpus of `count` articles in `work`, made once and reused."""
    corpus = work / f"synth-{count}"
    if not corpus.is_dir() or not any(corpus.iterdir()):
        print(f"generating {count} articles in {corpus} …", flush=True)
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "synth.py"), str(corpus), "--count", str(count)], check=True
        )
    return corpus


def summary(label: str, seconds: list[float]) -> str:
    ms = [x * 1000 for x in seconds]
    return (
        f"  {label:<44} p50 {pct(ms, 0.5):6.1f} ms  p95 {pct(ms, 0.95):6.1f} ms  max {max(ms):6.1f} ms  (n={len(ms)})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="a large corpus to search (default: synthetic)")
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench-tui")
    ap.add_argument("--while-preparing", action="store_true", help="also type while every story is prepared")
    ap.add_argument("--quotes-only", action="store_true", help="only the quotes panel's stalls")
    ap.add_argument("--rounds", type=int, default=1, help="rounds of the quotes panel's figures (medians)")
    args = ap.parse_args()
    if args.quotes_only:
        quotes_report(args.rounds)
        return
    args.work.mkdir(parents=True, exist_ok=True)

    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import reader.tui.app"], cwd=ROOT, check=True)
    import_s = time.perf_counter() - start
    seeds = [ROOT / "seeds"]
    with tempfile.TemporaryDirectory() as tmp:
        first, first_ready = asyncio.run(launch_once(seeds, Path(tmp) / "index"))
        second, second_ready = asyncio.run(launch_once(seeds, Path(tmp) / "index"))
    print("launch on seeds (headless, 120x40):")
    print(f"  fresh interpreter: import reader.tui.app + exit   {import_s * 1000:7.0f} ms")
    print(f"  first launch (no index): list filled {first * 1000:7.0f} ms, index ready {first_ready * 1000:7.0f} ms")
    print(
        f"  later launch (index up to date): list filled {second * 1000:7.0f} ms, index checked {second_ready * 1000:7.0f} ms"
    )

    corpus = args.corpus or synthetic_corpus(args.work, args.count)
    index_dir = args.work / f"index-{corpus.name}"
    from reader.library import Library

    library = Library([corpus], index_dir, auto_update=False)
    t = time.perf_counter()
    report = library.update()
    library.close()
    print(
        f"index of {corpus} ({getattr(report, 'indexed', '?')} new, {getattr(report, 'unchanged', '?')} unchanged): {time.perf_counter() - t:.1f} s"
    )
    on_screen, in_app = asyncio.run(type_queries([corpus], index_dir))
    base_screen, base_app = asyncio.run(type_queries([corpus], index_dir, instant=True))
    print(
        f"search as you type on {corpus.name}: {len(QUERIES)} queries typed key by key "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    print(summary("keystroke -> results in the list (in app)", in_app))
    print(summary("key press -> results on screen (Pilot)", on_screen))
    print(summary("baseline: same, search answered instantly", base_screen))
    if args.while_preparing:
        with tempfile.TemporaryDirectory() as cache:
            os.environ["READER_CACHE_DIR"] = cache  # an empty sentence cache: the pass encodes
            _, busy_app = asyncio.run(type_queries([corpus], index_dir, preparing=True))
        print(summary("the same while every story is prepared (in app)", busy_app))
    print(summary("baseline in app", base_app))
    quotes_report(args.rounds)


if __name__ == "__main__":
    main()
