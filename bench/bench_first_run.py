"""The first run on a large corpus, end to end: `reader index` from nothing, then the app opening.

    python bench/bench_first_run.py [--size 20000] [--work DIR] [--corpus DIR] [--index DIR]

A generated corpus (bench/synth.py, made in --work and reused; or --corpus DIR) is indexed from
nothing in a fresh process, as `reader index` does it (Library.update, then prepare_stories),
with each phase the progress callback names timed from its first message to the next phase's
(wall, and the main process's CPU), and the whole step's CPU (this process and its workers) and peak RSS. Then the app is
opened on that index in another fresh process (headless Textual, bench_scale.py's probe): the
time to the source list filled and to the index ready. `--index DIR`: an index already built there
(its phases are not measured; only the app opens). Prints the figures; nothing is compared: this
finds where a user's first run goes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import TUI_PROBE, compile_bytecode, run_measured  # noqa: E402
from synth import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# The build, in a fresh process: each phase's first message, and the times at its end.
BUILD_PROBE = """
import json, re, resource, sys, time
from pathlib import Path
corpus, index_dir = sys.argv[1:3]
started = time.perf_counter()
from reader.library import Library
phases = []
def progress(done, total, message):
    name = re.sub(r" *\\(.*\\)|[0-9,]+", "", message or "").strip()  # counts and asides aside
    if name and (not phases or phases[-1][0] != name):
        phases.append((name, time.perf_counter() - started, time.process_time()))
library = Library([Path(corpus)], Path(index_dir), auto_update=False)
report = library.update(progress)
phases.append(("comparisons' prepare pass", time.perf_counter() - started, time.process_time()))
prepared = library.prepare_stories()
end = time.perf_counter() - started
library.close()
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"phases": phases, "end": [end, time.process_time()], "indexed": report.indexed, "prepared": prepared.summary(),
                  "cpu_parent": own.ru_utime + own.ru_stime, "cpu_workers": kids.ru_utime + kids.ru_stime}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=20000)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench-first-run")
    ap.add_argument("--corpus", type=Path, help="a corpus of your own (default: synthetic, --size articles)")
    ap.add_argument("--index", type=Path, help="an index already built: only the app is opened")
    args = ap.parse_args()
    compile_bytecode(ROOT)
    corpus = args.corpus or args.work / f"corpus-{args.size}"
    if not corpus.exists():
        generate(corpus, args.size)
    cwd = args.work / "cwd"
    cwd.mkdir(parents=True, exist_ok=True)
    env = {"READER_CACHE_DIR": str(args.work / "cache"), "READER_DATA_DIR": str(args.work / "data")}
    index_dir = args.index
    if index_dir is None:
        index_dir = args.work / "index"
        shutil.rmtree(index_dir, ignore_errors=True)
        run = run_measured([sys.executable, "-c", BUILD_PROBE, str(corpus), str(index_dir)], ROOT, cwd, env=env)
        built = json.loads(run["stdout"].strip().splitlines()[-1])
        print(
            f"reader index from nothing, {built['indexed']:,} articles: {run['wall']:.1f} s wall, "
            f"{run['cpu']:.1f} s CPU ({built['cpu_parent']:.1f} s the main process, "
            f"{built['cpu_workers']:.1f} s its workers), peak {run['rss_mb']:.0f} MB"
        )
        phases = built["phases"] + [["end", *built["end"]]]
        for (name, at, cpu_at), (_, until, cpu_until) in zip(phases, phases[1:]):
            print(f"  {until - at:7.1f} s wall {cpu_until - cpu_at:6.1f} s CPU (main process)  {name}")
        print(f"  {built['prepared']}")
    opened = run_measured([sys.executable, "-c", TUI_PROBE, str(corpus), str(index_dir)], ROOT, cwd, env=env)
    try:
        tui = json.loads(opened["stdout"].strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise SystemExit(f"the app probe failed: {opened.get('stderr', '')[-2000:]}") from None
    print(
        f"the app opened: source list filled {tui['usable']:.2f} s, index ready {tui['ready']:.2f} s, "
        f"idle {tui['idle_rss_mb']:.0f} MB ({opened['wall']:.1f} s wall, {opened['cpu']:.1f} s CPU, "
        f"peak {opened['rss_mb']:.0f} MB)"
    )


if __name__ == "__main__":
    main()
