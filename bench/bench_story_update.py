"""Story grouping of an update at scale: this tree against another, on copies of one built index.

    python bench/bench_story_update.py --baseline OLD_CHECKOUT [--size 10000] [--work DIR] [--cases ...] [--repeat N]

A generated corpus (bench/synth.py, ten years of dates, or `--days`; with `--real CORPORA_DIR`,
bench/synth_real.py's articles: the dev corpora's texts told again by 1-6 outlets each, stories
that really group) is indexed once, by the baseline code
(both trees read the same index). Then each case runs `reader index` as a new process over a
fresh copy of that index, for each tree, measured from outside (wall, CPU of the process tree,
peak RSS of its largest process), and checks that both trees end with the same stories:
  spread     1% of the files (every 100th, dates all over the ten years) given another sentence
  today      100 new articles dated the corpus's last day (a fetch)
  touched    one file's time changed, not its bytes (`touch`; its contents hashed, nothing loaded)
  one        one file (the middle one by name) given another sentence: the common small update
  copied     the corpus folder copied without its times (`cp -r`: new mtimes), the index pointed
             at the copy (carried over: moved.py)
  nested     the same copy made into a folder that exists (`cp -r corpus dest/`), the index
             pointed at dest: every file is renamed (its path under the corpus folder changed)
The corpus is put back (bytes and times) after each case.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import compile_bytecode, reader_cmd, run_measured  # noqa: E402
from synth import generate  # noqa: E402
from synth_real import read_bodies, write_articles  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def stories_of(src: Path, corpus: Path, index_dir: Path, cwd: Path) -> list[list[str]]:
    run = run_measured(reader_cmd(corpus, index_dir, "stories", "--json"), src, cwd)
    data = json.loads(run["stdout"])
    stories = data["stories"] if isinstance(data, dict) else data
    return sorted(sorted(_member_id(m) for m in s["articles"]) for s in stories)


def _member_id(member) -> str:
    return member if isinstance(member, str) else member["id"]


def spread(corpus: Path, files: list[Path]) -> tuple[list[Path], list[Path]]:
    changed = files[::100]
    for path in changed:
        path.write_text(path.read_text(encoding="utf-8") + "\nAn update added this sentence.\n", encoding="utf-8")
    return changed, []


def touched(corpus: Path, files: list[Path]) -> tuple[list[Path], list[Path]]:
    path = files[len(files) // 2]
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    return [path], []


def one(corpus: Path, files: list[Path]) -> tuple[list[Path], list[Path]]:
    path = files[len(files) // 2]
    path.write_text(path.read_text(encoding="utf-8") + "\nAn update added this sentence.\n", encoding="utf-8")
    return [path], []


def today(corpus: Path, files: list[Path]) -> tuple[list[Path], list[Path]]:
    last = max(re.search(r"^date: '([^']+)'", p.read_text(encoding="utf-8"), re.M)[1] for p in files)
    added = []
    for n, path in enumerate(files[7::97][:100]):
        text = re.sub(r"^date: '[^']+'", f"date: '{last}'", path.read_text(encoding="utf-8"), count=1, flags=re.M)
        copy = path.with_name(f"fetched-{n:03d}.md")
        copy.write_text(text.replace("\n\n", f"\n\nFetched report {n}.\n\n", 1), encoding="utf-8")
        added.append(copy)
    return [], added


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True, help="a checkout of the code to compare with")
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench-story-update")
    ap.add_argument("--cases", default="spread,today,copied,nested")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each tree per case, in turn (the median printed)")
    ap.add_argument(
        "--days", type=int, default=3650, help="the dates' spread (3: a date-dense corpus, every window holds it)"
    )
    ap.add_argument(
        "--real",
        type=Path,
        metavar="CORPORA_DIR",
        help="make the corpus of real texts (bench/synth_real.py) from the dev corpora under CORPORA_DIR",
    )
    args = ap.parse_args()
    trees = {"before": args.baseline.resolve(), "now": ROOT}
    for src in trees.values():
        compile_bytecode(src)
    work = args.work / (
        (str(args.size) if args.days == 3650 else f"{args.size}-{args.days}d") + ("-real" if args.real else "")
    )
    corpus = work / "corpus"
    if not corpus.exists():
        if args.real:
            bodies = read_bodies(args.real)
            if not bodies:
                raise SystemExit(f"bench_story_update: no articles found under {args.real}")
            write_articles(random.Random(7), bodies, corpus, args.size, days=args.days)
        else:
            generate(corpus, args.size, days=args.days)
    cwd = work / "cwd"
    cwd.mkdir(parents=True, exist_ok=True)
    base_index = work / "index-base"
    if not (base_index / "built").exists():
        shutil.rmtree(base_index, ignore_errors=True)
        run = run_measured(reader_cmd(corpus, base_index, "index", "--json"), trees["before"], cwd)
        print(f"build: {run['wall']:.1f} s wall, {run['cpu']:.1f} s CPU, {run['rss_mb']:.0f} MB", flush=True)
        (base_index / "built").write_text("")
    files = sorted(corpus.rglob("*.md"))
    print(f"{len(files):,} articles; load average {os.getloadavg()[0]:.1f}", flush=True)
    for case in args.cases.split(","):
        saved = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
        target = corpus
        added: list[Path] = []
        if case in ("copied", "nested"):
            target = work / "corpus-copy"
            shutil.rmtree(target, ignore_errors=True)
            into = target if case == "copied" else target / corpus.name
            shutil.copytree(corpus, into, copy_function=shutil.copyfile)  # no times kept, as `cp -r`
        else:
            _, added = {"spread": spread, "today": today, "touched": touched, "one": one}[case](corpus, files)
        try:
            groups = {}
            runs: dict[str, list[dict]] = {name: [] for name in trees}
            for _ in range(args.repeat):  # the trees in turn, each from a fresh copy of the index
                for name, src in trees.items():
                    index_dir = work / f"index-{name}"
                    shutil.rmtree(index_dir, ignore_errors=True)
                    shutil.copytree(base_index, index_dir)
                    run = run_measured(reader_cmd(target, index_dir, "index", "--json"), src, cwd)
                    runs[name].append(run)
                    report = json.loads(run["stdout"])
                    counts = {k: report.get(k) for k in ("indexed", "updated", "removed", "renamed") if report.get(k)}
                    print(
                        f"{case:8} {name:6} {run['wall']:7.2f} s wall {run['cpu']:7.2f} s CPU {run['rss_mb']:6.0f} MB  {counts}",
                        flush=True,
                    )
            for name, src in trees.items():
                if args.repeat > 1:
                    wall, cpu = (statistics.median(r[k] for r in runs[name]) for k in ("wall", "cpu"))
                    rss = statistics.median(r["rss_mb"] for r in runs[name])
                    print(
                        f"{case:8} {name:6} median of {args.repeat}: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MB"
                    )
                groups[name] = stories_of(src, target, work / f"index-{name}", cwd)
            same = "same stories" if groups["before"] == groups["now"] else "STORIES DIFFER"
            print(f"{case:8} {same} ({len(groups['now']):,} stories)", flush=True)
        finally:
            for path in added:
                path.unlink(missing_ok=True)
            for path, (data, mtime) in saved.items():
                if path.read_bytes() != data:
                    path.write_bytes(data)
                os.utime(path, ns=(mtime, mtime))
            if target != corpus:
                shutil.rmtree(target, ignore_errors=True)


if __name__ == "__main__":
    main()
