"""The source list at scale: what the app's event loop does when the list fills and a group opens.

    python bench/bench_source_list.py [--count 20000] [--stories 1000]

Made in memory (no corpus): COUNT articles from 40 outlets, STORIES story groups of several
articles with long titles, the rest told by one article. Headless app (120x40), one SourceList:
  prepare   prepare_catalog(): sorting, grouping and filter texts (the app makes it in its worker)
  fill      set_catalog() with that catalog, to the list drawn (on the event loop)
  open      a story group opened, all story groups shown, to the list drawn; then the group of
            lone articles opened (every one of them a row), then one more story group
For `open`, the same run with Textual's own Tree.get_label_width (which draws every row's label
to measure it) is the baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def catalog(count: int, n_stories: int):
    from reader.analysis.stories import Story
    from reader.index.state import ArticleInfo

    rng = random.Random(7)
    words = [f"w{k}ord" for k in range(3000)]
    infos = [
        ArticleInfo(
            f"o{k % 40:02d}/a{k:06d}",
            f"Outlet {k % 40}",
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


async def run(infos, stories, baseline: bool) -> dict[str, float]:
    from textual.app import App
    from textual.widgets import Tree

    from reader.tui.widgets.source_list import SourceList, prepare_catalog

    if baseline:
        SourceList.get_label_width = Tree.get_label_width  # type: ignore[method-assign]
    out = {}

    class Host(App):
        def compose(self):
            yield SourceList(id="list")

    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.query_one(SourceList)
        t = time.perf_counter()
        prepared = prepare_catalog(infos, stories)
        out["prepare"] = time.perf_counter() - t
        t = time.perf_counter()
        tree.grouping = "story"
        tree.set_catalog(infos, stories, prepared)
        await pilot.pause()
        tree._tree_lines  # noqa: B018 (the tree's lines and widths, as a frame needs them)
        out["fill"] = time.perf_counter() - t
        for name, node in (
            ("open a story", tree.root.children[0]),
            ("open the lone articles", tree.root.children[-1]),
            ("open a story (lone ones shown)", tree.root.children[1]),
        ):
            t = time.perf_counter()
            node.expand()
            await pilot.pause()
            tree._tree_lines  # noqa: B018
            out[name] = time.perf_counter() - t
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=20_000)
    ap.add_argument("--stories", type=int, default=1_000)
    args = ap.parse_args()
    infos, stories = catalog(args.count, args.stories)
    now = asyncio.run(run(infos, stories, baseline=False))
    before = asyncio.run(run(infos, stories, baseline=True))
    print(f"{args.count} articles, {args.stories} story groups (+ the lone articles' group):")
    for key in now:
        extra = f"   (Tree's own row widths: {before[key] * 1000:7.0f} ms)" if key.startswith("open") else ""
        print(f"  {key:<32} {now[key] * 1000:7.0f} ms{extra}")


if __name__ == "__main__":
    main()
