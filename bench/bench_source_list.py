"""The source list at scale: what the app's event loop does when the list fills and a group opens.

    python bench/bench_source_list.py [--count 20000] [--stories 1000] [--typeset] [--baseline OLD_CHECKOUT]

Made in memory (no corpus): COUNT articles from 40 outlets (one with 56% of them), STORIES story groups of several
articles with long titles, the rest told by one article (--typeset: each title with a curly
apostrophe and a dash, as edited news titles write them). Headless app (120x40), one SourceList;
each figure is the time to the list drawn again:
  prepare   prepare_catalog(): sorting, grouping and filter texts (the app makes it in its worker)
  fill      set_catalog() with that catalog (on the event loop)
  open      a story group opened, all story groups shown; then the group of lone articles
            opened (every one of them a row), then one more story group; then a page down, the
            end of the list, every third row's marks changed (set_marks_of), `g` (grouped by outlet, the
            cursor's article revealed), and the largest outlet opened
With --baseline, the same run with another checkout's reader (e.g. `git worktree add /tmp/old
REV`) in a process of its own, printed beside.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

# The reader measured: this checkout's, or the baseline's (BENCH_READER_ROOT, set by --baseline).
sys.path.insert(0, os.environ.get("BENCH_READER_ROOT") or str(Path(__file__).resolve().parent.parent))


def catalog(count: int, n_stories: int, typeset: bool = False):
    from reader.analysis.stories import Story
    from reader.index.state import ArticleInfo

    rng = random.Random(7)
    words = [f"w{k}ord" for k in range(3000)]
    if typeset:
        words += ["O\u2019Reilly\u2019s", "\u2014", "2020\u201321"] * 300
    # One outlet with most of the articles, as in synth.py's corpora (28,372 of 50,000).
    outlet = [0 if rng.random() < 0.56 else 1 + k % 39 for k in range(count)]
    infos = [
        ArticleInfo(
            f"o{outlet[k]:02d}/a{k:06d}",
            f"Outlet {outlet[k]}",
            " ".join(rng.choices(words, k=rng.randint(6, 14))).capitalize(),
            f"20{10 + k % 15}-{1 + k % 12:02d}-{1 + k % 28:02d}",
            None,
            None,
            f"a{k}.md",
        )
        for k in range(count)
    ]
    ids = [a.id for a in infos]
    rng.shuffle(ids)
    stories = [
        Story(f"s{k}", " ".join(rng.choices(words, k=12)), ids[k * 8 : k * 8 + rng.randint(2, 8)])
        for k in range(n_stories)
    ]
    told = {a for s in stories for a in s.articles}
    stories += [Story(f"l{k}", "", [a]) for k, a in enumerate(i for i in ids if i not in told)]
    return infos, stories


async def run(infos, stories) -> dict[str, float]:
    from textual.app import App

    from reader.tui.widgets.source_list import SourceList, prepare_catalog

    out = {}

    class Host(App):
        def compose(self):
            yield SourceList(id="list")

    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.query_one(SourceList)

        async def timed(name: str, step) -> None:
            t = time.perf_counter()
            step()
            await pilot.pause()
            tree._tree_lines  # noqa: B018 (the tree's lines and widths, as a frame needs them)
            await pilot.pause()
            out[name] = time.perf_counter() - t

        t = time.perf_counter()
        prepared = prepare_catalog(infos, stories)
        out["prepare"] = time.perf_counter() - t
        tree.grouping = "story"
        await timed("nothing (what a step costs at least)", lambda: None)
        await timed("fill", lambda: tree.set_catalog(infos, stories, prepared))
        tree.focus()
        await timed("open a story", lambda: tree.root.children[0].expand())
        lone = tree.root.children[-1]
        await timed(f"open the lone articles ({len(lone.data.items)})", lone.expand)
        await timed("open a story (lone ones shown)", lambda: tree.root.children[1].expand())
        tree.move_cursor(lone.children[0])
        await pilot.pause()
        await timed("page down in the lone articles", tree.action_page_down)
        await timed("end", tree.action_scroll_end)
        await timed("every third row's marks changed", lambda: tree.set_marks_of({a.id: _mark() for a in infos[::3]}))
        tree.move_cursor(lone.children[len(lone.children) // 2])
        await pilot.pause()
        article = tree.cursor_article()

        def regroup() -> None:
            tree.set_grouping("outlet")
            tree.reveal(article)

        await timed("g: by outlet, the article revealed", regroup)
        largest = max(tree.root.children, key=lambda g: len(g.data.items))
        largest.collapse()
        tree.rebuild()  # its rows made again when it opens
        await pilot.pause()
        largest = max(tree.root.children, key=lambda g: len(g.data.items))
        await timed(f"open the largest outlet ({len(largest.data.items)})", largest.expand)
    return out


def _mark():
    from reader.state.marks import Mark

    return Mark(read=True, starred=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=20_000)
    ap.add_argument("--stories", type=int, default=1_000)
    ap.add_argument("--typeset", action="store_true", help="titles with curly apostrophes and dashes")
    ap.add_argument("--baseline", type=Path, help="another checkout of reader, measured in the same run")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one run's figures, for --baseline
    args = ap.parse_args()
    infos, stories = catalog(args.count, args.stories, args.typeset)
    if args.json:
        print(json.dumps(asyncio.run(run(infos, stories))))
        return
    before = None
    if args.baseline:
        env = dict(os.environ, BENCH_READER_ROOT=str(args.baseline.resolve()))
        argv = [sys.executable, __file__, "--json", "--count", str(args.count), "--stories", str(args.stories)]
        argv += ["--typeset"] if args.typeset else []
        before = json.loads(subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout)
    now = asyncio.run(run(infos, stories))
    print(f"{args.count} articles, {args.stories} story groups (+ the lone articles' group):")
    if before is not None:
        print(f"  {'':<44} {'baseline':>10} {'now':>10}")
    for key in now:
        old = f"{before[key] * 1000:7.0f} ms" if before is not None and key in before else ""
        print(f"  {key:<44} {old:>10} {now[key] * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
