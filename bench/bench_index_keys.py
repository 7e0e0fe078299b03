"""How late the terminal app answers keys while it indexes a large file just added to the corpus.

    python bench/bench_index_keys.py --corpus DIR --big FILE [--trees DIR,DIR...] [--rounds 1]
                                     [--interval 0.25] [--after 20] [--work DIR]

The corpus (--corpus, copied to --work) is indexed first; then --big (a JSON Lines file of
thousands of articles, such as bench/synth_real.py's big.jsonl) is copied in and the app is
started on it, as a user would after adding the file: it brings its index up to date in its
indexing worker. Meanwhile Pilot presses j in the article list every --interval seconds and
times each press, from the key sent to the app idle again; then --after presses once the
index is up to date. Figures: the presses' p50, p95 and max, during the update and after it.

Two times per press: until pilot.press returns, and until the key's action (its binding) has
run in the app (a Pilot test's headless app writes to no terminal: there is no drawing to
time). Pilot's press waits twice for the *process* to stop using the CPU, up to 1 s each
(textual._wait.wait_for_idle): while a thread of the app's process works (the grouping of
stories, on the indexing worker's thread) it returns after ~2 s however soon the key was
answered. The second time is how late the app answers the key.

--trees times several checkouts in the same run (each in its own interpreter, the checkout first
on sys.path), in turns, --rounds times, so a change in the machine's load falls on all of them;
the first is the baseline (a worktree of the commit before a change). All state (config, data,
cache, index) is kept in --work.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def until(condition, limit: float = 600.0) -> None:
    start = time.perf_counter()
    while not condition():
        await asyncio.sleep(0.01)
        if time.perf_counter() - start > limit:
            raise TimeoutError("the app did not get there")


async def press_timed(pilot, key: str, noted: dict[str, float]) -> tuple[float, float]:
    """Seconds from the key sent to: pilot.press returning, and the key's action having run
    (from `noting_actions`' `noted`)."""
    start = time.perf_counter()
    await pilot.press(key)
    end = time.perf_counter()
    acted = noted["acted"]
    return end - start, (acted - start if acted >= start else float("nan"))


def noting_actions(app) -> dict[str, float]:
    """{"acted": when the app last finished running an action (a key's binding)}, kept up to date."""
    noted = {"acted": 0.0}
    run_action = app.run_action

    async def noting(*args, **kwargs):
        try:
            return await run_action(*args, **kwargs)
        finally:
            noted["acted"] = time.perf_counter()

    app.run_action = noting
    return noted


async def measure(corpus: Path, index_dir: Path, big: Path, interval: float, after: int) -> dict:
    """{"during": [seconds per press], "steps": [the update's step as each was pressed], "after":
    [...], "update_seconds": s} in this interpreter."""
    from reader.library import Library
    from reader.tui.app import ReaderApp

    Library([corpus], index_dir, auto_update=False).update()  # the index before the file is added
    shutil.copy(big, corpus / big.name)
    library = Library([corpus], index_dir, auto_update=False)
    step = ["starting"]  # the update's step as it last said (its message up to a count within a file)
    update = library.update

    def noted_update(*a, progress=None, **kw):
        def noting(done: int, total: int, message: str = "") -> None:
            step[0] = message.split(":")[0]
            if progress is not None:
                progress(done, total, message)

        return update(*a, progress=noting, **kw)

    library.update = noted_update  # type: ignore[method-assign]
    app = ReaderApp(library, index_on_start=True, theme="textual-dark")
    noted = noting_actions(app)
    during: list[float] = []
    acted_during: list[float] = []
    steps: list[str] = []
    done_after: list[float] = []
    acted_after: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        started = time.perf_counter()
        await until(lambda: app.main_screen is not None)
        while app.indexing:
            steps.append(step[0])
            took, answered = await press_timed(pilot, "j", noted)
            during.append(took)
            acted_during.append(answered)
            await asyncio.sleep(interval)
        update_seconds = time.perf_counter() - started
        await pilot.pause()
        for _ in range(after):
            took, answered = await press_timed(pilot, "j", noted)
            done_after.append(took)
            acted_after.append(answered)
            await asyncio.sleep(interval)
    return {
        "during": during,
        "acted_during": acted_during,
        "steps": steps,
        "after": done_after,
        "acted_after": acted_after,
        "update_seconds": update_seconds,
    }


def child(args) -> None:
    work = Path(args.work)
    corpus = work / "corpus"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(args.corpus, corpus)
    for name in ("cfg", "data", "cache"):
        (work / name).mkdir(parents=True, exist_ok=True)
    os.environ.update(
        READER_CONFIG_DIR=str(work / "cfg"), READER_DATA_DIR=str(work / "data"), READER_CACHE_DIR=str(work / "cache")
    )
    result = asyncio.run(measure(corpus, work / "ix", Path(args.big), args.interval, args.after))
    Path(args.out).write_text(json.dumps(result))


def run_tree(tree: str, args, work: Path) -> dict:
    out = work / "result.json"
    # The checkout first on sys.path (before the installed one): its reader package is the one timed.
    env = dict(os.environ, PYTHONPATH=tree)
    subprocess.run([sys.executable, __file__, "--child", *child_argv(args, work, out)], check=True, cwd=tree, env=env)
    return json.loads(out.read_text())


def child_argv(args, work: Path, out: Path) -> list[str]:
    return [
        "--corpus",
        str(args.corpus),
        "--big",
        str(args.big),
        "--interval",
        str(args.interval),
        "--after",
        str(args.after),
        "--work",
        str(work),
        "--out",
        str(out),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--big", type=Path, required=True)
    ap.add_argument("--trees", default=str(HERE))
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--interval", type=float, default=0.25)
    ap.add_argument("--after", type=int, default=20)
    ap.add_argument("--work", type=Path)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-index-keys-"))
    trees = [str(Path(tree).resolve()) for tree in args.trees.split(",")]
    results: dict[str, list[dict]] = {tree: [] for tree in trees}
    for _round in range(args.rounds):
        for number, tree in enumerate(trees):
            results[tree].append(run_tree(tree, args, work / f"tree{number}"))
    print(f"{'tree':<28} {'presses':>7} {'p50':>6} {'p95':>6} {'max':>6}   after: {'p50':>6} {'p95':>6}  update s")
    for tree in trees:
        during = [s for r in results[tree] for s in r["during"]]
        after = [s for r in results[tree] for s in r["after"]]
        update = sum(r["update_seconds"] for r in results[tree]) / len(results[tree])
        print(
            f"{tree[-28:]:<28} {len(during):>7} {percentile(during, 0.5):>6.2f} {percentile(during, 0.95):>6.2f}"
            f" {max(during, default=float('nan')):>6.2f}          {percentile(after, 0.5):>6.2f}"
            f" {percentile(after, 0.95):>6.2f}  {update:>8.1f}"
        )
    for key, what in (
        ("during", "pilot.press returned"),
        ("acted_during", "the key's action had run"),
    ):
        print(f"\nthe presses during the update, by its step, until {what} (seconds):")
        for tree in trees:
            by_step: dict[str, list[float]] = {}
            for r in results[tree]:
                for took, step in zip(r[key], r["steps"], strict=True):
                    by_step.setdefault(step_group(step), []).append(took)
            for step, took in by_step.items():
                print(
                    f"  {tree[-28:]:<28} {step:<20} {len(took):>4} presses: p50 {percentile(took, 0.5):.3f}"
                    f" p95 {percentile(took, 0.95):.3f} max {max(took):.3f}"
                )


def step_group(step: str) -> str:
    """The update's step a message names, its counts and passes left out."""
    for name in ("loading", "grouping", "writing", "saving", "tidying", "committing", "merging"):
        if step.startswith(name):
            return name
    return step or "(no message yet)"


if __name__ == "__main__":
    main()
