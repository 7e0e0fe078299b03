"""The app left open on a corpus that keeps changing: memory, the watcher's cost per look, and
whether the list keeps its cursor and the open article, over a few minutes.

    python bench/bench_long_running.py [--count 10000] [--minutes 3] [--every 8] [--work DIR]

A synthetic corpus of `--count` articles (bench/synth.py, in --work, reused when present) is
indexed first (`reader index`'s update, not timed). Then the headless app (Textual's run_test,
120x40) opens on it, as `reader` does (it updates the index at launch and looks for changes every
WATCH_SECONDS; the comparisons are not prepared ahead, as the launcher's
prepare_comparisons setting would have them: their encoder's memory is not the list's); the cursor is put on an article down the list and that article opened. Meanwhile,
every `--every` seconds, a thread changes the corpus in turn: adds five articles, rewrites five
(each written to a temporary file renamed over it, as editors and sync clients write: an edit in
place changes no folder's time, so no look notices it until the next update), removes three of
those it added. Printed at the end: the process's RSS at the start and after each update the
watcher started (and its growth per update), the watcher's processor time per look (the thread
running Library.changes: median, p95, max, over every look), each update's seconds, each list
reload's seconds (read and prepared in the worker; shown, on the event loop), and how many
of the list's reloads kept the cursor on its article and the open article open. The files the
bench wrote are removed at the end (the corpus is as it was, the index holds them until an
update).
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import gc
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_BODY = (
    "The council met on Tuesday to discuss the budget and the new bridge over the river. "
    '"We will vote next week," said Mara Quill, who chairs the finance committee.\n\n'
)


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def held_now() -> str:
    """The process's anonymous and file-backed RSS, open files and memory maps (a leak of closed
    index readers shows in the last three)."""
    fields = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.split()[0] if value.split() else "0"
    with open("/proc/self/maps") as f:
        maps = sum(1 for _ in f)
    fds = len(os.listdir("/proc/self/fd"))
    anon, file_mb = int(fields.get("RssAnon", 0)) / 1024, int(fields.get("RssFile", 0)) / 1024
    return f"anonymous {anon:.0f} MB, file-backed {file_mb:.0f} MB, {fds} open files, {maps} memory maps"


def corpus_for(work: Path, count: int) -> Path:
    corpus = work / f"synth{count}"
    if not corpus.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "synth.py"), str(corpus), "--count", str(count)], check=True
        )
    return corpus


class Changer(threading.Thread):
    """Adds, rewrites (by rename) and removes articles in turn, every `every` seconds."""

    def __init__(self, corpus: Path, every: float, keep: set[str]) -> None:
        super().__init__(daemon=True)
        self.corpus, self.every, self.keep = corpus, every, keep
        self.stop = threading.Event()
        self.folders = sorted(p for p in corpus.iterdir() if p.is_dir())
        self.added: list[Path] = []
        self.rounds = 0
        self.random = random.Random(7)

    def _write(self, path: Path, title: str, paragraphs: int) -> None:
        text = f"---\ntitle: {title}\noutlet: {path.parent.name}\ndate: 2024-05-0{1 + self.rounds % 9}\n---\n\n"
        temp = path.with_name(f".{path.name}.tmp")
        temp.write_text(text + _BODY * paragraphs)
        os.replace(temp, path)

    def run(self) -> None:
        while not self.stop.wait(self.every):
            step = self.rounds % 3
            if step == 0:
                for k in range(5):
                    path = self.random.choice(self.folders) / f"long-run-{self.rounds}-{k}.md"
                    self._write(path, f"Bridge vote, part {self.rounds}-{k}", 3 + k)
                    self.added.append(path)
            elif step == 1:
                pool = [p for p in self.added if p.exists() and p.stem not in self.keep]
                for path in self.random.sample(pool, min(5, len(pool))):
                    self._write(path, f"Bridge vote, revised {self.rounds}", 4)
            else:
                pool = [p for p in self.added if p.exists() and p.stem not in self.keep]
                for path in self.random.sample(pool, min(3, len(pool))):
                    path.unlink()
            self.rounds += 1

    def clean(self) -> None:
        for path in self.added:
            path.unlink(missing_ok=True)


async def until(condition, limit: float = 900.0) -> None:
    start = time.perf_counter()
    while not condition():
        await asyncio.sleep(0.05)
        if time.perf_counter() - start > limit:
            raise TimeoutError("the app did not get there")


async def run(corpus: Path, index_dir: Path, minutes: float, every: float) -> None:
    from reader.library import Library
    from reader.tui import app as app_module
    from reader.tui.app import ReaderApp

    library = Library([corpus], index_dir, auto_update=False)
    looks: list[float] = []  # processor time of the watcher's thread per look
    updates: list[float] = []
    real_changes, real_update = library.changes, library.update

    def timed_changes():
        started = time.thread_time()
        try:
            return real_changes()
        finally:
            looks.append(time.thread_time() - started)

    def timed_update(*args, **kwargs):
        started = time.perf_counter()
        try:
            return real_update(*args, **kwargs)
        finally:
            updates.append(time.perf_counter() - started)

    library.changes = timed_changes  # type: ignore[method-assign]
    library.update = timed_update  # type: ignore[method-assign]
    # The list's reload, in its two parts: the worker's read and preparation (articles(),
    # stories(), prepare_catalog) and the event loop's (SourceList.set_catalog: the tree rebuilt).
    reads: list[float] = []
    shows: list[float] = []
    real_articles = library.articles

    def timed_articles():
        reads.append(-time.perf_counter())
        return real_articles()

    def timed_prepare(*args, **kwargs):
        try:
            return real_prepare(*args, **kwargs)
        finally:
            if reads and reads[-1] < 0:
                reads[-1] += time.perf_counter()

    library.articles = timed_articles  # type: ignore[method-assign]
    trims: list[float] = []  # the app giving back what an update used (long_lived.give_back_free_memory)
    real_trim = getattr(app_module, "give_back_free_memory", None)

    def timed_trim():
        started = time.perf_counter()
        try:
            real_trim()
        finally:
            trims.append(time.perf_counter() - started)

    if real_trim is not None:
        app_module.give_back_free_memory = timed_trim
    real_prepare = app_module.prepare_catalog
    app_module.prepare_catalog = timed_prepare
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: app.index_ready and app.main_screen is not None and bool(app.articles))
        await until(lambda: not any(w.group == "index" and not w.is_finished for w in app.workers))
        screen = app.main_screen
        assert screen is not None
        source = screen.source_list
        real_set_catalog = source.set_catalog

        def timed_set_catalog(*args, **kwargs):
            started = time.perf_counter()
            try:
                return real_set_catalog(*args, **kwargs)
            finally:
                shows.append(time.perf_counter() - started)

        source.set_catalog = timed_set_catalog  # type: ignore[method-assign]
        first_reads = len(reads)
        source.focus()
        order = source.article_order()
        cursor = order[len(order) // 3]  # an article down the list, in a group of its own
        source.reveal(cursor)
        await until(lambda: source.cursor_article() == cursor)
        screen.open_article(cursor)
        await until(lambda: screen.reader.article is not None and screen.reader.article.id == cursor)
        source.focus()
        await pilot.pause()
        assert source.cursor_article() == cursor
        print(f"cursor and open article: {cursor}", flush=True)
        rss = [(0, rss_mb())]
        first_held = held_now()
        loads = app._catalog_loads
        kept_cursor = kept_open = reloads = 0
        changer = Changer(corpus, every, {Path(cursor).stem})
        changer.start()
        started = time.perf_counter()
        done_updates = len(updates)
        try:
            while time.perf_counter() - started < minutes * 60:
                await asyncio.sleep(0.25)
                if len(updates) > done_updates and app._catalog_loads > loads:
                    await until(lambda: not any(w.group == "catalog" and not w.is_finished for w in app.workers))
                    await pilot.pause()
                    done_updates, loads = len(updates), app._catalog_loads
                    reloads += 1
                    kept_cursor += source.cursor_article() == cursor
                    opened = screen.reader.article
                    kept_open += opened is not None and opened.id == cursor
                    rss.append((len(updates), rss_mb()))
        finally:
            changer.stop.set()
            changer.join()
            changer.clean()
        held, last_held = rss_mb(), held_now()
        gc.unfreeze()  # what the app set aside (long_lived.py), garbage or not
        gc.collect()
        collected = rss_mb()
        trimmed = collected
        if sys.platform.startswith("linux"):
            ctypes.CDLL("libc.so.6").malloc_trim(0)  # free pages glibc kept for its own reuse
            trimmed = rss_mb()
    library.close()
    print(f"{changer.rounds} rounds of changes in {minutes:g} min, {len(updates)} updates, {len(looks)} looks")
    if looks:
        ms = sorted(x * 1000 for x in looks)
        p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
        print(
            f"watcher per look (processor time): median {statistics.median(ms):.1f} ms, p95 {p95:.1f}, max {ms[-1]:.1f}"
        )
    if updates:
        print(f"updates: median {statistics.median(updates):.2f} s, max {max(updates):.2f} s")
    later = [x for x in reads[first_reads:] if x >= 0]
    if later and shows:
        print(
            f"list reloads: read and prepared in the worker, median {statistics.median(later):.2f} s "
            f"(max {max(later):.2f}); shown (set_catalog), median {statistics.median(shows):.3f} s "
            f"(max {max(shows):.3f})"
        )
    if trims:
        print(
            f"memory given back after an update: median {statistics.median(trims) * 1000:.0f} ms, max {max(trims) * 1000:.0f}"
        )
    print("RSS after updates (MB): " + ", ".join(f"{n}:{mb:.0f}" for n, mb in rss))
    if len(rss) > 2:
        # From the second update on: the first loads what every later one reuses.
        (n1, mb1), (n2, mb2) = rss[1], rss[-1]
        print(f"growth from update {n1} to {n2}: {mb2 - mb1:+.1f} MB ({(mb2 - mb1) / max(1, n2 - n1):+.2f} MB/update)")
    print(f"at the start: {first_held}\nat the end: {last_held}")
    print(
        f"RSS at the end {held:.0f} MB, after a full collection {collected:.0f} MB, then malloc_trim {trimmed:.0f} MB"
    )
    print(f"list reloads: {reloads}, cursor kept {kept_cursor}/{reloads}, open article kept {kept_open}/{reloads}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--every", type=float, default=8.0)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench-long")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = corpus_for(args.work, args.count)
    index_dir = args.work / f"index{args.count}"
    from reader.library import Library

    started = time.perf_counter()
    Library([corpus], index_dir).update()
    print(f"{args.count} articles indexed ({time.perf_counter() - started:.0f} s, not part of the figures)", flush=True)
    asyncio.run(run(corpus, index_dir, args.minutes, args.every))


if __name__ == "__main__":
    main()
