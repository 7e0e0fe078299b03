"""Scale run: the whole application at 10k-100k articles, as a user meets it, old code beside new.

    python bench/bench_scale.py [--sizes 10000,50000,100000] [--baseline SRC [--baseline-up-to N]]
                                [--work DIR] [--no-tui] [--updates N] [--json FILE] [--real CORPORA_DIR]

SRC is a checkout of an older reader (e.g. `git worktree add /tmp/reader-old origin/main~20`):
every figure is then measured for it too, in the same run, on the same corpus (up to N articles
with --baseline-up-to: the old code is slow at 100k). At 10,000 articles issue 13's targets are
printed beside the figures. Each step runs
as a new process (`python -m reader ...`, or a small probe script) with PYTHONPATH pointing at
the code under test, and is measured from outside with wait4(): wall time, CPU time (user+sys,
including worker processes) and peak RSS (the largest process of the tree). The load average
is printed before and after each size: the machine may be shared, and wall times grow with it
while CPU times do not. Both checkouts' bytecode caches are written first (compileall), as an
installed app has them after its first run, even where PYTHONDONTWRITEBYTECODE is set.

Steps per size (corpus made by bench/synth.py in WORK, reused when present; with --real, by
bench/synth_real.py from the dev corpora's real texts, Markdown articles only):
  build          `reader index` into an empty index folder (loaders, cleaning, quotes, stories, Whoosh)
  no-op index    `reader index` again (nothing changed)
  10 changed     10 files rewritten (--changed N: N files), then `reader index` (N times with
                 --updates N: the median)
  10 added / removed  copies of those 10 files added, `reader index`; removed, `reader index` (each
                 moves the article count: the stored top terms of the date window are made again)
  search (CLI)   `reader search WORD --json` as a new process: median over 5 queries
  list / stories `reader list --json`, `reader stories --json`
  show           `reader show ID --json` of one article (its place among its versions read too)
  queries        p50/p95 of 10 queries with snippets in one process (after one warm-up query)
  TUI            headless app (120x40): launch to a filled source list, its RSS when idle
                 after the background update, and one search keystroke to results
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "minister",
    "police report",
    "government officials",
    '"said in a statement"',
    "president AND city",
    "percent NOT million",
    "northfield",
    "reporters week",
    "outlet:herald election",
    "told",
]
CLI_WORDS = ["minister", "police", "northfield", "government", "reporters"]

QUERY_PROBE = """
import json, sys, time
from pathlib import Path
from reader.index import CorpusIndex
corpus, index_dir = sys.argv[1:3]
queries = json.loads(sys.argv[3])
ix = CorpusIndex([Path(corpus)], Path(index_dir))
ix.search(queries[0], limit=10)
times, cpu = [], []
for _ in range(3):
    for q in queries:
        start, start_cpu = time.perf_counter(), time.process_time()
        ix.search(q, limit=10)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
times.sort()
cpu.sort()
pick = lambda xs, q: xs[int(q * (len(xs) - 1))]
print(json.dumps({"p50": pick(times, 0.5), "p95": pick(times, 0.95),
                  "cpu_p50": pick(cpu, 0.5), "cpu_p95": pick(cpu, 0.95)}))
"""

TUI_PROBE = """
import asyncio, json, resource, sys, time
from pathlib import Path
corpus, index_dir = sys.argv[1:3]
started = time.perf_counter()
from reader.library import Library
from reader.tui.app import ReaderApp

async def until(condition, limit=600.0):
    start = time.perf_counter()
    while not condition():
        await asyncio.sleep(0.005)
        if time.perf_counter() - start > limit:
            raise TimeoutError("the app did not get there")

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

async def main():
    library = Library([Path(corpus)], Path(index_dir), auto_update=False)
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        def source_list():  # its name in this checkout, or in an older one
            screen = app.main_screen
            return getattr(screen, "source_list", None) or screen.tree
        await until(lambda: app.main_screen is not None and app.main_screen.is_mounted
                    and source_list().root.children)
        usable = time.perf_counter() - started
        await until(lambda: app.index_ready)
        ready = time.perf_counter() - started
        await pilot.pause()
        idle = rss_mb()
        panel = app.main_screen.search_panel
        await pilot.press("slash")
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("m")
        await until(lambda: panel.shown_query == "m")
        key = time.perf_counter() - start
    library.close()
    print(json.dumps({"usable": usable, "ready": ready, "idle_rss_mb": idle, "keystroke": key}))

asyncio.run(main())
"""


def compile_bytecode(src: Path) -> None:
    """Write the code's bytecode caches first, as an installed app has them after its first run:
    with PYTHONDONTWRITEBYTECODE set (some environments set it), every measured process would
    otherwise compile each module it imports again (~0.1 s of a small update)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(src / "reader")],
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        check=True,
    )


def run_measured(cmd: list[str], src: Path, cwd: Path, stdin=None, env: dict[str, str] | None = None) -> dict:
    """Run cmd with PYTHONPATH=src (and `env`'s variables, set last); wall, CPU (user+sys of the
    process tree), peak RSS, stdout."""
    variables = dict(os.environ, PYTHONPATH=str(src), READER_CONFIG_DIR=str(cwd / "config"))  # no user config
    variables.update(env or {})
    out_path = cwd / "stdout.txt"
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=variables, cwd=cwd, stdout=out, stderr=subprocess.PIPE)
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "stdout": out_path.read_text(encoding="utf-8", errors="replace"),
        "stderr": err.decode(errors="replace"),
    }


def reader_cmd(corpus: Path, index_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reader", "--corpus", str(corpus), "--index", str(index_dir), *args]


def modify(files: list[Path], round_: int) -> None:
    for path in files:
        text = path.read_text(encoding="utf-8")
        path.write_text(text + f"\nAn update (round {round_}) added this sentence to the article.\n", encoding="utf-8")


def measure(
    name: str, src: Path, corpus: Path, work: Path, changed: list[Path], round_: int, tui: bool, updates: int = 1
) -> dict:
    index_dir = work / f"index-{name}"
    cwd = work / f"cwd-{name}"
    cwd.mkdir(parents=True, exist_ok=True)
    if index_dir.exists():
        import shutil

        shutil.rmtree(index_dir)
    r: dict = {}
    print(f"  [{name}] build...", file=sys.stderr, flush=True)
    r["build"] = run_measured(reader_cmd(corpus, index_dir, "index", "--json"), src, cwd)
    r["index_mb"] = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file()) / 1e6
    r["noop"] = run_measured(reader_cmd(corpus, index_dir, "index", "--json"), src, cwd)
    runs = []
    for repeat in range(updates):  # each time the same files changed again (another sentence)
        modify(changed, round_ * 100 + repeat)
        runs.append(run_measured(reader_cmd(corpus, index_dir, "index", "--json"), src, cwd))
        report = json.loads(runs[-1]["stdout"])
        if report.get("updated") != len(changed):
            raise SystemExit(f"[{name}] {len(changed)} changed files: expected {len(changed)} updated, got {report}")
    r["changed10"] = sorted(runs, key=lambda m: m["wall"])[len(runs) // 2]  # the median by wall time
    r["changed10_runs"] = [{k: m[k] for k in ("wall", "cpu", "rss_mb")} for m in runs]
    copies = [path.with_name(f"{path.stem}-bench-copy{path.suffix}") for path in changed]
    try:
        for path, copy in zip(changed, copies):
            copy.write_bytes(path.read_bytes())
        r["added10"] = run_measured(reader_cmd(corpus, index_dir, "index", "--json"), src, cwd)
        if json.loads(r["added10"]["stdout"]).get("indexed") != len(copies):
            raise SystemExit(
                f"[{name}] {len(copies)} added files: expected {len(copies)} indexed, got {r['added10']['stdout']}"
            )
    finally:
        for copy in copies:
            copy.unlink(missing_ok=True)
    r["removed10"] = run_measured(reader_cmd(corpus, index_dir, "index", "--json"), src, cwd)
    if json.loads(r["removed10"]["stdout"]).get("removed") != len(copies):
        raise SystemExit(
            f"[{name}] {len(copies)} removed files: expected {len(copies)} removed, got {r['removed10']['stdout']}"
        )
    searches = [run_measured(reader_cmd(corpus, index_dir, "search", w, "--json"), src, cwd) for w in CLI_WORDS]
    r["search"] = {k: statistics.median(s[k] for s in searches) for k in ("wall", "cpu", "rss_mb")}
    r["list"] = run_measured(reader_cmd(corpus, index_dir, "list", "--json"), src, cwd)
    some_id = json.loads(r["list"]["stdout"])[len(changed)]["id"]  # (one article, as a script asks for it)
    r["show"] = run_measured(reader_cmd(corpus, index_dir, "show", some_id, "--json"), src, cwd)
    r["stories"] = run_measured(reader_cmd(corpus, index_dir, "stories", "--json"), src, cwd)
    probe = run_measured(
        [sys.executable, "-c", QUERY_PROBE, str(corpus), str(index_dir), json.dumps(QUERIES)], src, cwd
    )
    r["queries"] = json.loads(probe["stdout"])
    if tui:
        print(f"  [{name}] TUI...", file=sys.stderr, flush=True)
        t = run_measured([sys.executable, "-c", TUI_PROBE, str(corpus), str(index_dir)], src, cwd)
        r["tui"] = dict(json.loads(t["stdout"].strip().splitlines()[-1]), peak_rss_mb=t["rss_mb"])
    return r


def fmt_run(m: dict) -> str:
    return f"{m['wall']:6.2f} s wall {m['cpu']:6.2f} s CPU {m['rss_mb']:5.0f} MB"


# Issue 13's targets at 10,000 articles (printed beside the figures of that size).
TARGETS = {
    "build": "<=20 s wall, <=300 MB",
    "noop": "<=0.2 s",
    "changed10": "<=0.5 s",
    "search": "<=0.2 s, <=120 MB",
    "list": "<=0.3 s",
    "queries": "keep",
    "idle_rss_mb": "<=200 MB",
}


def print_table(size: int, results: dict[str, dict], n_changed: int = 10) -> None:
    names = list(results)
    targets = size == 10_000
    print(f"\n{size:,} articles" + "".join(f" | {n:^36}" for n in names) + (" | target" if targets else ""))
    rows = [
        ("build (reader index, empty)", "build"),
        ("no-op reader index", "noop"),
        (f"{n_changed} changed files", "changed10"),
        (f"{n_changed} added files", "added10"),
        (f"{n_changed} removed files", "removed10"),
        ("reader search (new process, median)", "search"),
        ("reader list --json", "list"),
        ("reader show ID --json", "show"),
        ("reader stories --json", "stories"),
    ]
    for label, key in rows:
        print(
            f"  {label:<36}"
            + "".join(f" | {fmt_run(results[n][key]) if key in results[n] else '':<36}" for n in names)
            + (f" | {TARGETS.get(key, '')}" if targets else "")
        )
    if any(len(results[n].get("changed10_runs", ())) > 1 for n in names):
        print(
            f"  {f'... {n_changed} changed: fastest / slowest':<36}"
            + "".join(
                f" | {min(m['wall'] for m in results[n]['changed10_runs']):6.2f} / "
                f"{max(m['wall'] for m in results[n]['changed10_runs']):5.2f} s wall, CPU "
                f"{min(m['cpu'] for m in results[n]['changed10_runs']):4.2f}-"
                f"{max(m['cpu'] for m in results[n]['changed10_runs']):4.2f} s"
                for n in names
            )
        )
    print(f"  {'index size on disk':<36}" + "".join(f" | {results[n]['index_mb']:8.0f} MB" + " " * 25 for n in names))
    print(
        f"  {'queries with snippets p50 / p95':<36}"
        + "".join(
            f" | {results[n]['queries']['p50'] * 1000:8.1f} / {results[n]['queries']['p95'] * 1000:6.1f} ms" + " " * 16
            for n in names
        )
        + (f" | {TARGETS['queries']}" if targets else "")
    )
    print(
        f"  {'... their CPU time p50 / p95':<36}"
        + "".join(
            f" | {results[n]['queries']['cpu_p50'] * 1000:8.1f} / {results[n]['queries']['cpu_p95'] * 1000:6.1f} ms"
            + " " * 16
            for n in names
        )
    )
    if all("tui" in results[n] for n in names):
        for label, key, unit, scale in (
            ("TUI launch to filled list", "usable", "s", 1),
            ("TUI background update done", "ready", "s", 1),
            ("TUI idle RSS", "idle_rss_mb", "MB", 1),
            ("TUI search keystroke to results", "keystroke", "ms", 1000),
        ):
            print(
                f"  {label:<36}"
                + "".join(f" | {results[n]['tui'][key] * scale:10.2f} {unit:<2}" + " " * 22 for n in names)
                + (f" | {TARGETS.get(key, '')}" if targets else "")
            )


def positive_count(text: str) -> int:
    """A count of files for --changed: 1 or more (0 divided by zero; a negative count sliced
    off the end, so every file but a few was changed)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} files: give 1 or more")
    return value


def arguments() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--baseline", type=Path, help="a checkout of the code to compare with")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench-scale")
    ap.add_argument(
        "--baseline-up-to",
        type=int,
        default=None,
        metavar="N",
        help="measure the baseline only for sizes up to N articles (it is slow)",
    )
    ap.add_argument("--no-tui", action="store_true", help="skip the terminal-app step")
    ap.add_argument(
        "--updates",
        type=int,
        default=1,
        metavar="N",
        help="run the 10-changed-files update N times (the files changed again each time) and report "
        "the median run, with the fastest and slowest beside it (a shared machine's wall times vary)",
    )
    ap.add_argument(
        "--changed",
        type=positive_count,
        default=10,
        metavar="N",
        help="how many files the update steps change, add and remove (10; 1%% of the corpus: size // 100)",
    )
    ap.add_argument("--json", type=Path, help="also write every figure to this file")
    ap.add_argument(
        "--real",
        type=Path,
        metavar="CORPORA_DIR",
        help="make each size's corpus from the real texts of the dev corpora in this folder (bench/synth_real.py)",
    )
    return ap


def main() -> None:
    args = arguments().parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    sources = {"this checkout": ROOT}
    if args.baseline:
        sources = {"baseline": args.baseline.resolve(), "this checkout": ROOT}
    print(f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    for src in sources.values():
        compile_bytecode(src)
    everything = {}
    for round_, size in enumerate(int(s) for s in args.sizes.split(",")):
        corpus = args.work / (f"real-{size}" if args.real else f"corpus-{size}")
        if args.real:
            made = [str(ROOT / "bench" / "synth_real.py"), str(args.real), str(corpus), "--articles", str(size)]
            made += ["--jsonl-mb", "0", "--html", "0"]
            corpus = corpus / "articles"
        else:
            made = [str(ROOT / "bench" / "synth.py"), str(corpus), "--count", str(size)]
        if not corpus.is_dir():
            print(f"generating {size:,} articles...", file=sys.stderr, flush=True)
            subprocess.run([sys.executable, *made], check=True, stdout=subprocess.DEVNULL)
        changed = sorted(corpus.rglob("*.md"))[:: max(1, size // args.changed)][: args.changed]
        load_before, cpu_before, wall_before = os.getloadavg(), os.times(), time.perf_counter()
        measured = {
            name: src
            for name, src in sources.items()
            if name != "baseline" or args.baseline_up_to is None or size <= args.baseline_up_to
        }
        results = {
            name: measure(
                name.replace(" ", "-"), src, corpus, args.work, changed, round_ * 10 + i, not args.no_tui, args.updates
            )
            for i, (name, src) in enumerate(measured.items())
        }
        wall = time.perf_counter() - wall_before
        cpu = sum(os.times()[2:4]) - sum(cpu_before[2:4])
        print_table(size, results, len(changed))
        corpus_mb = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
        print(f"  corpus: {corpus_mb:.0f} MB of Markdown in {corpus}")
        load_after = os.getloadavg()
        print(
            f"  machine load: 1-min load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
            f"({os.cpu_count()} CPUs); this run used {cpu:.0f} s CPU in {wall:.0f} s wall"
        )
        everything[size] = {
            name: {
                k: ({kk: vv for kk, vv in v.items() if kk not in ("stdout", "stderr")} if isinstance(v, dict) else v)
                for k, v in r.items()
            }
            for name, r in results.items()
        }
    if args.json:
        args.json.write_text(json.dumps(everything, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
