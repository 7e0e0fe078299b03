"""CPU time of the terminal app's work per key: opening an article, moving in the list, switching
panes, the quotes panel, the compare screen, the coverage screen, a key typed in the search
and filter boxes (and after a 1 MB paste into them).

    python bench/bench_tui_keys.py [--corpus DIR] [--long FILE] [--trees DIR,DIR...] [--runs 5]
                                   [--size 80x24] [--profile ACTION] [--work DIR]

Each action is driven by Pilot on a headless app of a fixed size (80x24 by default) over a real
Library: the corpus (the bundled seeds by default; --corpus a folder of articles, such as a few
dozen basil-dev files copied to /tmp) plus --long, an article of a few thousand lines (made from
any text; without it, one is written from the corpus's own articles, in --work). For each action
the figure is the CPU seconds of the whole process (every thread: the loading worker counts)
from the key to the app settled (workers done, the screen drawn), the least of --runs runs (the
steadiest on a shared machine). The comparison's preparing timer is turned off: it is background
work, not the key's.

--trees times several checkouts in the same run (each in its own interpreter, the checkout first
on sys.path), in turns, so a change in the machine's load falls on all of them; the first is the
baseline the others are compared with. --profile ACTION prints cProfile's top functions (own CPU
time) of that action in this checkout. A second table gives the layouts of the whole screen
each action caused (Screen._refresh_layout calls, least of the runs): a figure the machine's load
does not blur, where CPU figures on a busy shared machine move by a third from run to run. A
third gives Python's cyclic garbage collections during each action (gc.callbacks): how many full
ones over all the runs, and the worst pause of any run, in wall-clock ms (what the user waits:
a collection holds the event loop) and in the collecting thread's CPU ms (the work, which the
machine's load blurs less). Last, the memory after the list's load and at the end (tracked and
frozen objects, resident MB); `--only reload,idle --runs 40` re-reads the list 40 times, to see it
stay bounded. `idle` is the app left alone after the reloads: the full collection a reload finds
due runs then (after the app's idle delay, which the CPU figure does not count as work).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

ACTIONS = [
    ("open", "open a seed-sized article (Enter in the list)"),
    ("open_long", "open the long article"),
    ("list_down", "j in the article list"),
    ("tab", "Tab: list <-> article"),
    ("quotes", "' : show the quotes panel"),
    ("next_article", "J: open the next article"),
    ("coverage", "v: the coverage screen"),
    ("compare", "c: the compare screen (comparison worker included)"),
    ("scroll_long", "j in the long article"),
    ("reload", "the list re-read (an index another process updated)"),
    ("idle", "left alone after the reloads (a collection put off)"),
    ("search_key", "a key typed in the search box (a word in it)"),
    ("paste", "a 1 MB text pasted into the search box"),
    ("search_key_pasted", "a key typed in the search box after that paste"),
    ("filter_key_pasted", "a key typed in the filter box after a 1 MB paste"),
]

PASTED_CHARACTERS = 1_000_000  # a page of text pasted by mistake, or a file's contents


class CollectionClock:
    """Python's cyclic garbage collections, timed (gc.callbacks): each holds the interpreter,
    every thread, for as long as it walks the objects of its generations; a full one
    (generation 2) walks them all, a pause a key can show. Both clocks: the wall clock is the
    pause seen, the thread's CPU time the work (the wall clock on a busy machine adds the
    time the process waited for a core)."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float, float]] = []  # (generation, wall seconds, CPU seconds)
        self._started = (0.0, 0.0)

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = (time.perf_counter(), time.thread_time())
        else:
            wall, cpu = self._started
            self.pauses.append((info["generation"], time.perf_counter() - wall, time.thread_time() - cpu))

    def take(self) -> tuple[int, float, float, int]:
        """(full collections, worst pause ms, worst collection's CPU ms, collections) since the
        last take."""
        pauses, self.pauses = self.pauses, []
        full = sum(1 for generation, _, _ in pauses if generation == 2)
        worst_wall = max((wall for _, wall, _ in pauses), default=0.0)
        worst_cpu = max((cpu for _, _, cpu in pauses), default=0.0)
        return full, worst_wall * 1000, worst_cpu * 1000, len(pauses)


def resident_mb() -> float:
    """The process's resident memory (Linux; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def write_long(corpus: Path, out: Path, lines: int = 3000) -> Path:
    """An article of about `lines` paragraphs, the corpus's own text repeated."""
    paragraphs: list[str] = []
    for path in sorted(corpus.rglob("*")):
        if path.suffix not in (".md", ".txt") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---"):
            text = text.split("---", 2)[-1]
        paragraphs += [p.strip() for p in text.split("\n\n") if len(p.strip()) > 40]
    body: list[str] = []
    while paragraphs and len(body) < lines:
        body += paragraphs[: lines - len(body)]
    out.mkdir(parents=True, exist_ok=True)
    path = out / "long-article.md"
    header = "---\ntitle: A long article\noutlet: Bench Herald\ndate: '2010-12-31'\n---\n\n"
    path.write_text(header + "\n\n".join(body) + "\n", encoding="utf-8")
    return path


async def settle(pilot) -> None:
    """Workers done, the quotes panel measured to its end (its steps are the key's work too),
    the screen drawn."""
    from textual.worker import WorkerCancelled, WorkerState

    app = pilot.app
    panels = [screen.quotes_panel for screen in app.screen_stack if hasattr(screen, "quotes_panel")]
    await until(lambda: all(getattr(panel, "_measuring", None) is None for panel in panels))
    for _ in range(3):
        await pilot.pause()
        for _attempt in range(50):
            try:
                await app.workers.wait_for_complete()
            except WorkerCancelled:
                pass
            if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
                break
        await pilot.pause()


async def until(condition, limit: float = 120.0) -> None:
    start = time.perf_counter()
    while not condition():
        await asyncio.sleep(0.002)
        if time.perf_counter() - start > limit:
            raise TimeoutError("the app did not get there")


async def measure(roots: list[Path], index_dir: Path, long_id_hint: str, size, runs: int, only=None, profile=None):
    """{action: [cpu seconds per run]}, {action: [screen layouts per run]}, {action: [(full
    collections, worst pause ms, collections) per run]} and memory figures in this interpreter
    (this checkout)."""
    import gc

    from textual.screen import Screen

    from reader.library import Library
    from reader.tui.app import ReaderApp

    layouts = 0
    refresh_layout = Screen._refresh_layout

    def counting(self, *args, **kwargs):  # a layout of the whole screen: what a key should not need often
        nonlocal layouts
        layouts += 1
        return refresh_layout(self, *args, **kwargs)

    Screen._refresh_layout = counting  # type: ignore[method-assign]

    library = Library(roots, index_dir, auto_update=False)
    library.update()
    app = ReaderApp(library, index_on_start=False, theme="textual-dark")
    results: dict[str, list[float]] = {name: [] for name, _ in ACTIONS}
    counts: dict[str, list[int]] = {name: [] for name, _ in ACTIONS}
    collections: dict[str, list[tuple[int, float, int]]] = {name: [] for name, _ in ACTIONS}
    clock = CollectionClock()
    gc.callbacks.append(clock)
    memory: dict[str, float] = {}
    async with app.run_test(size=size) as pilot:
        await until(lambda: app.catalog_ready and app.main_screen.source_list.root.children)
        await settle(pilot)
        memory["tracked objects after load"] = len(gc.get_objects())
        memory["frozen objects after load"] = gc.get_freeze_count()
        memory["RSS MB after load"] = resident_mb()
        screen = app.main_screen
        screen.prepare_delay = 10_000.0
        ids = [info.id for info in app.articles]
        long_id = next(i for i in ids if long_id_hint in i)
        short_ids = [i for i in ids if i != long_id]

        async def opened(article_id: str) -> None:
            await until(lambda: screen.reader.article is not None and screen.reader.article.id == article_id)
            await settle(pilot)

        async def open_by_id(article_id: str) -> None:
            screen.open_article(article_id)
            await opened(article_id)

        async def timed(name: str, act, undo=None) -> None:
            if only and name not in only:
                return
            import cProfile

            nonlocal layouts
            for run in range(runs):
                await settle(pilot)
                prof = cProfile.Profile(time.process_time) if profile == name and run == runs - 1 else None
                start = time.process_time()
                layouts = 0
                clock.take()
                if prof:
                    prof.enable()
                await act(run)
                if prof:
                    prof.disable()
                results[name].append(time.process_time() - start)
                counts[name].append(layouts)
                collections[name].append(clock.take())
                if undo is not None:
                    await undo(run)
                if prof:
                    import pstats

                    pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(35)
                    pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(60)

        async def focus_list() -> None:
            if screen.has_class("-no-sidebar"):
                await pilot.press("escape")
                await settle(pilot)
            screen.source_list.focus()
            await settle(pilot)

        # Enter on a row of the list: the article under the cursor opens.
        async def open_short(run: int) -> None:
            target = short_ids[run % len(short_ids)]
            screen.open_article(target)
            await opened(target)

        await timed("open", open_short)

        async def open_long(run: int) -> None:
            await open_by_id(long_id)

        async def away(run: int) -> None:
            await open_by_id(short_ids[0])

        await timed("open_long", open_long, away)

        await open_by_id(short_ids[0])
        await focus_list()

        async def down(run: int) -> None:
            await pilot.press("j")
            await settle(pilot)

        await timed("list_down", down)

        async def tab(run: int) -> None:
            await pilot.press("tab")
            await settle(pilot)

        await timed("tab", tab)

        await open_by_id(short_ids[0])
        screen.reader.focus()
        await settle(pilot)

        async def quotes(run: int) -> None:
            await pilot.press("apostrophe")
            await settle(pilot)

        async def quotes_back(run: int) -> None:
            await pilot.press("apostrophe")
            await settle(pilot)
            screen.reader.focus()
            await settle(pilot)

        await timed("quotes", quotes, quotes_back)

        async def next_article(run: int) -> None:
            before = screen.reader.article.id
            await pilot.press("J")
            await until(lambda: screen.reader.article is not None and screen.reader.article.id != before)
            await settle(pilot)

        async def first_again(run: int) -> None:
            await open_by_id(short_ids[0])

        await timed("next_article", next_article, first_again)

        async def screen_key(key: str):
            async def act(run: int) -> None:
                await pilot.press(key)
                await until(lambda: app.screen is not screen)
                await settle(pilot)

            return act

        async def back(run: int) -> None:
            while app.screen is not screen:
                app.pop_screen()
                await settle(pilot)

        await focus_list()
        await timed("coverage", await screen_key("v"), back)
        await open_by_id(short_ids[0])
        screen.reader.focus()
        await settle(pilot)
        await timed("compare", await screen_key("c"), back)

        await open_by_id(long_id)
        screen.reader.focus()
        await settle(pilot)

        async def scroll(run: int) -> None:
            await pilot.press("j")
            await settle(pilot)

        await timed("scroll_long", scroll)

        async def reload(run: int) -> None:
            before = app.articles
            app.load_catalog()
            await until(lambda: app.articles is not before)  # the new read's list handed to the screen
            await settle(pilot)

        await timed("reload", reload)

        # The full collection a reload found due runs once the app is left alone (app.py,
        # _collect_when_idle): its cost shows here, not in the reload (0 where a tree has none).
        async def left_idle(run: int) -> None:
            long_lived = app._long_lived
            await until(lambda: not getattr(long_lived, "collection_due", False))
            await settle(pilot)

        await timed("idle", left_idle)

        # The text boxes: a key typed with a word in the box, then with a 1 MB paste in it (each
        # key's search runs in a worker: its CPU counts, as the key's).
        from textual import events

        pasted = ("walrus " * (PASTED_CHARACTERS // 7 + 1))[:PASTED_CHARACTERS]

        async def type_key(run: int) -> None:
            await pilot.press("e" if run % 2 else "backspace")
            await settle(pilot)

        await focus_list()
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"walrus")
        await settle(pilot)
        await timed("search_key", type_key)

        async def paste(run: int) -> None:
            app.post_message(events.Paste(pasted))
            await settle(pilot)

        async def emptied(run: int) -> None:
            app.focused.value = ""
            await settle(pilot)

        await timed("paste", paste, emptied)
        await paste(0)
        await timed("search_key_pasted", type_key)
        await emptied(0)
        await pilot.press("escape")
        await settle(pilot)
        await focus_list()
        await pilot.press("f")
        await settle(pilot)
        await paste(0)
        await timed("filter_key_pasted", type_key)
        await emptied(0)
        memory["RSS MB at the end"] = resident_mb()
        memory["tracked objects at the end"] = len(gc.get_objects())
        memory["frozen objects at the end"] = gc.get_freeze_count()
    gc.callbacks.remove(clock)
    library.close()
    return results, counts, collections, memory


def child(args) -> None:
    """Run in a checkout's own interpreter: print the figures as JSON."""
    w, h = (int(x) for x in args.size.split("x"))
    roots = [Path(p) for p in args.roots.split(",")]
    only = set(args.only.split(",")) if args.only else None
    results, counts, collections, memory = asyncio.run(
        measure(roots, Path(args.index), args.long_id, (w, h), args.runs, only=only, profile=args.profile)
    )
    print(json.dumps({"cpu": results, "layouts": counts, "gc": collections, "memory": memory}))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE / "seeds", help="articles to list (default: the seeds)")
    ap.add_argument("--long", type=Path, help="a long article (default: one written from the corpus)")
    ap.add_argument("--trees", default=str(HERE), help="checkouts to time, comma-separated; the first is the baseline")
    ap.add_argument("--runs", type=int, default=5, help="runs of each action (the least CPU is shown)")
    ap.add_argument("--rounds", type=int, default=1, help="rounds over the checkouts, in turns")
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--only", help="actions to time, comma-separated")
    ap.add_argument("--profile", help="print cProfile's top functions of this action (this checkout)")
    ap.add_argument("--work", type=Path, help="folder for the index and the long article (default: temp)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--roots", help=argparse.SUPPRESS)
    ap.add_argument("--index", help=argparse.SUPPRESS)
    ap.add_argument("--long-id", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-tui-keys-"))
    work.mkdir(parents=True, exist_ok=True)
    long_file = args.long or write_long(args.corpus, work / "long")
    roots = [args.corpus.resolve(), long_file.resolve().parent]
    trees = [Path(t).resolve() for t in args.trees.split(",")]
    best: dict[Path, dict[str, float]] = {tree: {} for tree in trees}
    layouts: dict[Path, dict[str, int]] = {tree: {} for tree in trees}
    # Collections: full ones summed over the runs, the worst pause of any run.
    full_collections: dict[Path, dict[str, int]] = {tree: {} for tree in trees}
    worst_pause: dict[Path, dict[str, float]] = {tree: {} for tree in trees}
    worst_cpu: dict[Path, dict[str, float]] = {tree: {} for tree in trees}
    memory: dict[Path, dict[str, float]] = {tree: {} for tree in trees}
    for _round in range(args.rounds):
        for number, tree in enumerate(trees):
            env = dict(os.environ, PYTHONPATH=str(tree), PYTHONHASHSEED="0")
            for name in ("CONFIG", "DATA", "CACHE"):
                env[f"READER_{name}_DIR"] = str(work / f"state-{number}" / name.lower())
            command = [
                sys.executable,
                str(Path(__file__).resolve()),
                "--child",
                "--roots",
                ",".join(map(str, roots)),
                "--index",
                str(work / f"index-{number}"),
                "--long-id",
                long_file.stem,
                "--runs",
                str(args.runs),
                "--size",
                args.size,
            ]
            if args.only:
                command += ["--only", args.only]
            if args.profile and number == 0:
                command += ["--profile", args.profile]
            done = subprocess.run(command, cwd=tree, env=env, stdout=subprocess.PIPE, text=True, check=True)
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            for name, values in figures["cpu"].items():
                if values:
                    best[tree][name] = min([best[tree].get(name, float("inf")), *values])
            for name, values in figures["layouts"].items():
                if values:
                    layouts[tree][name] = min([layouts[tree].get(name, 1 << 30), *values])
            for name, runs in figures["gc"].items():
                if runs:
                    full_collections[tree][name] = full_collections[tree].get(name, 0) + sum(r[0] for r in runs)
                    worst_pause[tree][name] = max([worst_pause[tree].get(name, 0.0), *(r[1] for r in runs)])
                    worst_cpu[tree][name] = max([worst_cpu[tree].get(name, 0.0), *(r[2] for r in runs)])
            for name, value in figures["memory"].items():
                memory[tree][name] = max(memory[tree].get(name, 0.0), value)
    print(
        f"CPU ms per action, least of {args.runs} runs x {args.rounds} rounds, {args.size}, "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    header = f"  {'action':<52}" + "".join(f"{tree.name[-12:]:>14}" for tree in trees)
    print(header)
    for name, description in ACTIONS:
        if name not in best[trees[0]]:
            continue
        row = f"  {description:<52}"
        for tree in trees:
            value = best[tree].get(name)
            row += f"{value * 1000:14.0f}" if value is not None else f"{'-':>14}"
        print(row)
    print("screen layouts per action (least of the runs; each lays out every widget shown)")
    print(header)
    for name, description in ACTIONS:
        if name not in layouts[trees[0]]:
            continue
        print(f"  {description:<52}" + "".join(f"{layouts[tree].get(name, '-'):>14}" for tree in trees))
    print(
        "garbage collections: full ones (all runs) / the worst pause of any collection, ms of the wall "
        "clock (the interpreter is held) / of CPU"
    )
    print(header)
    for name, description in ACTIONS:
        if name not in worst_pause[trees[0]]:
            continue
        cells = [
            f"{full_collections[tree][name]} / {worst_pause[tree][name]:.0f} / {worst_cpu[tree][name]:.0f}"
            if name in worst_pause[tree]
            else "-"
            for tree in trees
        ]
        print(f"  {description:<52}" + "".join(f"{cell:>14}" for cell in cells))
    print("memory (the most of the rounds)")
    print(header)
    for name in memory[trees[0]]:
        print(f"  {name:<52}" + "".join(f"{memory[tree].get(name, 0):>14.0f}" for tree in trees))
    return 0


if __name__ == "__main__":
    sys.exit(main())
