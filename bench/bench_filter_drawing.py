"""A filter's key in the source list: the CPU of the list's rebuild and of drawing the rows in sight.

    python bench/bench_filter_drawing.py [--count 2000] [--rounds 3] [--work DIR]

A headless app (Pilot, 120x40) over a real Library of --count synthetic articles (bench/synth.py,
made in --work and indexed once). For each prefix of each query, as typed into the filter box,
the list is filtered (set_filter) and the rows in sight drawn (render_lines), and the thread's
CPU time of each is taken (time.thread_time: not stretched by the other processes of a loaded
machine); `first` is a query's first key alone (its key figure), every row in sight new. Each
key is measured twice in turn, in the same app: `now`, and `before`: as at the start of session
58, every row in sight drawn anew after each rebuild (the rows kept by what they show not used)
and every article's marks looked up by the filter, asked for or not (bench_typing_stalls.py
times the whole event loop while typing, noisier).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_typing_stalls import QUERIES, indexed_corpus, pct  # noqa: E402  (a sibling: bench/ is the script's folder)


class _Asked(frozenset):
    """No mark state asked for, read as if one were: the filter looks every article's marks up,
    as it did before session 58."""

    def __bool__(self) -> bool:
        return True


class Before:
    """The source list as at the start of session 58: every row in sight drawn anew at each
    rebuild (Tree's own _render_line, its cache by line and node), every article's marks looked
    up by the filter whether it asks for them or not."""

    def __enter__(self) -> None:
        from textual.widgets import Tree

        from reader.tui.widgets import source_list
        from reader.tui.widgets.source_list import SourceList

        self.saved = SourceList._render_line, source_list.parse_filter
        SourceList._render_line = Tree._render_line  # type: ignore[method-assign]
        parse = self.saved[1]

        def marks_asked(text, fold=None):
            spec = parse(text, fold)
            return dataclasses.replace(spec, states=_Asked(spec.states))

        source_list.parse_filter = marks_asked

    def __exit__(self, *exc) -> None:
        from reader.tui.widgets import source_list
        from reader.tui.widgets.source_list import SourceList

        SourceList._render_line, source_list.parse_filter = self.saved  # type: ignore[method-assign]


async def measure(corpus: Path, index_dir: Path, rounds: int) -> dict[str, dict[str, list[float]]]:
    from textual.geometry import Region

    from reader.library import Library
    from reader.tui.app import ReaderApp

    library = Library([corpus], index_dir, auto_update=False)
    app = ReaderApp(library, index_on_start=False)
    figures: dict[str, dict[str, list[float]]] = {
        variant: {"filter": [], "draw": [], "key": [], "first": []} for variant in ("before", "now")
    }
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        deadline = time.perf_counter() + 300
        while not (app.catalog_ready and screen is not None and screen.source_list.root.children):
            if time.perf_counter() > deadline:
                raise TimeoutError("the list was not filled")
            await asyncio.sleep(0.01)
        assert screen is not None
        tree = screen.source_list
        region = Region(0, 0, tree.size.width, tree.size.height)
        for _round in range(rounds):
            for query in QUERIES:
                tree._drawn.clear()  # a query's keys reuse the rows its earlier keys drew, not those of a round before
                for end in range(1, len(query) + 1):
                    for variant in ("before", "now"):
                        tree.set_filter("")
                        tree.render_lines(region)
                        await pilot.pause()
                        context = Before() if variant == "before" else None
                        if context:
                            context.__enter__()
                        try:
                            start = time.thread_time()
                            tree.set_filter(query[:end])
                            filtered = time.thread_time()
                            tree.render_lines(region)
                            drawn = time.thread_time()
                        finally:
                            if context:
                                context.__exit__()
                        figures[variant]["filter"].append(filtered - start)
                        figures[variant]["draw"].append(drawn - filtered)
                        figures[variant]["key"].append(drawn - start)
                        if end == 1:  # every row in sight new: none drawn before for this query
                            figures[variant]["first"].append(drawn - start)
                        await pilot.pause()
    library.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench-typing")
    args = ap.parse_args(argv)
    corpus, index_dir = indexed_corpus(args.work, args.count)
    figures = asyncio.run(measure(corpus, index_dir, args.rounds))
    print(
        f"a filter's key on {args.count:,} articles, 120x40, {len(QUERIES)} queries typed {args.rounds} times, "
        f"CPU ms per key (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    for variant in ("before", "now"):
        for part in ("filter", "draw", "key", "first"):
            ms = [x * 1000 for x in figures[variant][part]]
            print(
                f"  {variant:<7} {part:<7} p50 {pct(ms, 0.5):6.1f}  p95 {pct(ms, 0.95):6.1f}  max {max(ms):6.1f}  (n={len(ms)})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
