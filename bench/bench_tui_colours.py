"""What the TUI's colour work costs: the theme's legible colours, the text filter, a theme switch.

    python bench/bench_tui_colours.py [--articles 30000]

Headless (Textual's Pilot) on the tests' library double (tests/conftest.py), nord theme:
1. legible() on a theme's CSS variables, beside Textual's own get_css_variables() (both once per
   start and per theme switch).
2. LegibleText (every text at 4.5:1) over every line of a 200x60 screen, article open, beside a
   full repaint of that screen (each widget's lines made again), with and without the filter,
   alternating, medians.
3. A theme switch with a source list of --articles articles over three outlets, one group open:
   the list's labels made again in the new theme's colours (SourceList._restyle), beside the whole
   switch (Textual's CSS refresh and repaint).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def median_ms(runs: list[float]) -> str:
    return f"{statistics.median(runs) * 1000:.3f} ms"


def theme_variables() -> None:
    from textual.app import App

    from reader.tui.legible import legible

    app = App()
    names = sorted(app.available_themes)
    textual, ours = [], []
    for _ in range(5):
        for name in names:
            app.theme = name
            start = time.perf_counter()
            variables = app.get_css_variables()
            textual.append(time.perf_counter() - start)
            start = time.perf_counter()
            legible(variables)
            ours.append(time.perf_counter() - start)
    print(f"1. get_css_variables {median_ms(textual)}, legible() {median_ms(ours)} ({len(names)} themes x 5)")


async def screen_filter() -> None:
    from conftest import double_library, drive, press_and_settle, settle
    from textual.app import App
    from textual.color import Color

    from reader.tui.app import ReaderApp
    from reader.tui.legible import LegibleText

    app = ReaderApp(double_library(), theme="nord")
    async with drive(app, (200, 60)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "enter", "j", "enter", "tab")
        lines = [list(strip) for strip in app.screen._compositor.render_strips()]
        legible_text, background = LegibleText(), Color(0, 0, 0)
        alone = []
        for _ in range(200):
            start = time.perf_counter()
            for line in lines:
                legible_text.apply(line, background)
            alone.append(time.perf_counter() - start)

        def repaint() -> float:
            for widget in app.screen.walk_children():
                widget._styles_cache.clear()
            start = time.perf_counter()
            app.screen._compositor.render_strips()
            return time.perf_counter() - start

        with_filter, without = [], []
        ours = ReaderApp.get_line_filters
        try:
            for _ in range(15):
                ReaderApp.get_line_filters = ours  # type: ignore[method-assign]
                with_filter.append(repaint())
                ReaderApp.get_line_filters = lambda self: App.get_line_filters(self)  # type: ignore[method-assign]
                without.append(repaint())
        finally:
            ReaderApp.get_line_filters = ours  # type: ignore[method-assign]
        segments = sum(map(len, lines))
        print(
            f"2. LegibleText over the 200x60 screen ({segments} segments): {median_ms(alone)}; "
            f"full repaint without it {median_ms(without)}, with it {median_ms(with_filter)}"
        )


async def theme_switch(articles: int) -> None:
    from conftest import Doc, LibraryDouble, drive, press_and_settle, settle

    from reader.tui.app import ReaderApp

    library = LibraryDouble()
    for i in range(articles):
        library.add(Doc(f"d{i}", f"Outlet {i % 3}", f"Title number {i}", f"2025-10-{1 + i % 28:02d}", "Body."))
    app = ReaderApp(library, theme="nord")
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "enter")
        tree = app.screen.query_one("#tree")
        restyles, switches = [], []
        for theme in ("textual-light", "nord", "gruvbox"):
            start = time.perf_counter()
            tree._restyle()
            restyles.append(time.perf_counter() - start)
            start = time.perf_counter()
            app.theme = theme
            await settle(pilot)
            switches.append(time.perf_counter() - start)
        print(
            f"3. {articles:,} articles, {articles // 3:,} rows open: the list's labels in the new colours "
            f"{median_ms(restyles)}; a whole theme switch {median_ms(switches)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=30000)
    args = parser.parse_args()
    theme_variables()
    asyncio.run(screen_filter())
    asyncio.run(theme_switch(args.articles))


if __name__ == "__main__":
    main()
