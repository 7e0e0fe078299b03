"""Opening a search hit far into a very long article: from Enter on the hit to the hit on screen.

    python bench/bench_reader_jump.py [--chars 400000] [--runs 5] [--profile N]

Builds a corpus of one long article (the bundled seeds' paragraphs, quotations included, repeated
to --chars characters) with one rare word near its end, indexes it, then opens the article from
that word's search (MainScreen.open_article, as Enter on a search hit does) in the headless app,
--runs times: prints each time from the call to the highlighted hit drawn in view, p50 and the
worst. --profile N prints cProfile's top N functions (by cumulative time) of the last run.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORD = "zanzibarite"


def long_article(chars: int) -> str:
    paragraphs: list[str] = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        paragraphs += [p.strip() for p in seed.read_text(encoding="utf-8").split("\n") if p.strip()]
    body: list[str] = []
    size = 0
    while size < chars:
        for paragraph in paragraphs:
            body.append(paragraph)
            size += len(paragraph) + 2
    cut = len(body) * 39 // 40  # the rare word in a paragraph near the end
    body[cut] = f"{body[cut]} A {WORD} was seen there."
    return "Title of the long article\n\n" + "\n\n".join(body) + "\n"


async def open_hit(library, profile: cProfile.Profile | None) -> float:
    from reader.tui.app import ReaderApp

    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        while (
            app.main_screen is None or not app.main_screen.is_mounted or not app.main_screen.source_list.root.children
        ):
            await asyncio.sleep(0.01)
        await pilot.pause()
        screen = app.main_screen
        pane = screen.reader
        [hit] = library.search(WORD)
        if profile is not None:
            profile.enable()
        started = time.perf_counter()
        screen.open_article(hit.id, WORD)

        def highlighted() -> bool:  # the hit's paragraph mounted and drawn with the hit current
            if pane.article is None or pane.current is None:
                return False
            widget = pane.shown_widget(pane.matches[pane.current][0])
            return widget is not None and widget.size.height > 0

        def in_view() -> bool:
            widget = pane.shown_widget(pane.matches[pane.current][0])
            top, bottom = pane.scroll_y, pane.scroll_y + pane.scrollable_content_region.height
            return widget is not None and top < widget.virtual_region.bottom and widget.virtual_region.y < bottom

        while not highlighted():
            await asyncio.sleep(0.002)
            if time.perf_counter() - started > 120:
                raise SystemExit("bench_reader_jump: the hit was never highlighted")
        await pilot.pause()  # the scroll to it (after the next refresh)
        while not in_view() and time.perf_counter() - started < 10:
            await asyncio.sleep(0.002)
        elapsed = time.perf_counter() - started
        if profile is not None:
            profile.disable()
        if not in_view():
            print(
                f"  the hit is not in view: scrolled to {pane.scroll_y}, its paragraph at {pane.shown_widget(pane.matches[pane.current][0]).virtual_region.y}"
            )
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=400_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--profile", type=int, default=0)
    args = ap.parse_args()
    from reader.library import Library

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        text = long_article(args.chars)
        (corpus / "long.txt").write_text(text, encoding="utf-8")
        library = Library([corpus], Path(tmp) / "index", auto_update=False)
        library.update()
        times = []
        profile = None
        for run in range(args.runs):
            profile = cProfile.Profile() if args.profile and run == args.runs - 1 else None
            times.append(asyncio.run(open_hit(library, profile)))
        library.close()
    print(
        f"open a hit at {text.index(WORD):,} of {len(text):,} characters: "
        + " ".join(f"{t:.2f}" for t in times)
        + f" s; p50 {statistics.median(times):.2f} s, worst {max(times):.2f} s"
        + f" (load average {os.getloadavg()[0]:.1f})"
    )
    if profile is not None:
        pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
