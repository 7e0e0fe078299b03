"""`reader index` after one file changed, with its comparisons' prepare pass: this tree against another.

    python bench/bench_prepare_after_update.py --baseline OLD_CHECKOUT [--size 20000] [--work DIR] [--repeat 3]
        [--real CORPORA_DIR]

A generated corpus (bench/synth.py; with `--real`, bench/synth_real.py's dev texts told again by
1-6 outlets each, stories that really group) is indexed once, its prepare pass made
(`reader index`, the sentence cache and the pass's record in a folder of the bench's own; made by
this tree: its record holds what both read, and the order of the stories, which a baseline from
before session 54 ignores, is what this tree's pass after an update starts from). Then,
for each tree in turn, a fresh copy of that index is given the pass record of the one it was
copied from (the same commit: as if `reader index` had run on it), one file is changed, and
`reader index --json` runs as a new process, measured from outside (wall, CPU of the process
tree, peak RSS); `reader index --no-prepare` on another fresh copy gives the update alone. Cases:
  other     a file in no story two outlets tell given another sentence (the pass's articles
            are all as its record has them)
  story     a file of the newest such story given another sentence (its sentences encoded)
Each run's prepare report (but its times and the sentences it encoded: the first run of a case
encodes what the later ones find on disk) and the record it leaves must be the same for both trees. The corpus is put back (bytes and times) after each case.
"""

from __future__ import annotations

import argparse
import json
import os
import random
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
# (not `encoded`: what the first run of a case encoded, every later run finds on disk)
REPORT_KEYS = ("articles", "ready", "left", "full", "failed", "problem", "stopped", "current")


MODEL = Path("reader/analysis/data/minilm_l6_int8.onnx")


def same_model_time(trees: dict[str, Path]) -> None:
    """The model file's time of this tree given to the others' too: a pass record names the
    model by its size and time (prepare.model_stamp), and one checkout's record would otherwise
    be another's stale one (every article looked up again)."""
    stat = (ROOT / MODEL).stat()
    for src in trees.values():
        os.utime(src / MODEL, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def record_path(work: Path) -> Path:
    return work / "cache" / "sentences" / "prepared.json"


def give_record(work: Path, base_index: Path, index_dir: Path) -> None:
    """The pass record of `base_index` as `index_dir`'s too (a copy of it: the same commit)."""
    entries = json.loads(record_path(work).read_text(encoding="utf-8"))
    entries[str(index_dir)] = entries[str(base_index)]
    record_path(work).write_text(json.dumps(entries), encoding="utf-8")


def recorded(work: Path, index_dir: Path) -> dict:
    entry = json.loads(record_path(work).read_text(encoding="utf-8"))[str(index_dir)]
    return {"articles": entry["articles"], "report": {k: entry["report"][k] for k in REPORT_KEYS}}


def pick_files(work: Path, corpus: Path, base_index: Path, src: Path, cwd: Path, env: dict) -> dict[str, Path | None]:
    """A file outside every prepared story, and one of the newest prepared story (None when no
    story is told by two outlets: bench/synth.py's ten years seldom have one)."""
    prepared = list(json.loads(record_path(work).read_text(encoding="utf-8"))[str(base_index)]["articles"])
    run = run_measured(reader_cmd(corpus, base_index, "list", "--json"), src, cwd, env=env)
    data = json.loads(run["stdout"])
    rows = data["articles"] if isinstance(data, dict) else data
    path_of = {row["id"]: Path(row["path"]) for row in rows}
    inside = set(prepared)
    other = next(path_of[i] for i in sorted(path_of) if i not in inside)
    return {"other": other, "story": path_of[prepared[0]] if prepared else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True, help="a checkout of the code to compare with")
    ap.add_argument("--size", type=int, default=20000)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench-prepare-after-update")
    ap.add_argument("--cases", default="other,story")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each tree per case, in turn (the median printed)")
    ap.add_argument(
        "--real",
        type=Path,
        metavar="CORPORA_DIR",
        help="make the corpus of real texts (bench/synth_real.py: stories 1-6 outlets tell) from the dev corpora",
    )
    args = ap.parse_args()
    trees = {"before": args.baseline.resolve(), "now": ROOT}
    for src in trees.values():
        compile_bytecode(src)
    same_model_time(trees)
    work = args.work / (str(args.size) + ("-real" if args.real else ""))
    corpus = work / "corpus"
    if not corpus.exists():
        if args.real:
            write_articles(random.Random(7), read_bodies(args.real), corpus, args.size)
        else:
            generate(corpus, args.size)
    cwd = work / "cwd"
    cwd.mkdir(parents=True, exist_ok=True)
    env = {"READER_CACHE_DIR": str(work / "cache"), "READER_DATA_DIR": str(work / "data")}
    base_index = work / "index-base"
    if not (base_index / "built").exists():
        shutil.rmtree(base_index, ignore_errors=True)
        run = run_measured(reader_cmd(corpus, base_index, "index", "--json"), trees["now"], cwd, env=env)
        print(f"build and pass: {run['wall']:.1f} s wall, {run['cpu']:.1f} s CPU, {run['rss_mb']:.0f} MB", flush=True)
        (base_index / "built").write_text("")
    files = pick_files(work, corpus, base_index, trees["before"], cwd, env)
    print(f"{args.size:,} articles", flush=True)
    for case in args.cases.split(","):
        path = files[case]
        if path is None:
            print(f"{case:6} no story two outlets tell: nothing to change", flush=True)
            continue
        saved = (path.read_bytes(), path.stat().st_mtime_ns)
        path.write_text(path.read_text(encoding="utf-8") + "\nAn update added this sentence.\n", encoding="utf-8")
        try:
            runs: dict[str, list[dict]] = {f"{name} {what}": [] for name in trees for what in ("index", "no-prepare")}
            outcomes: dict[str, object] = {}
            for _ in range(args.repeat):  # the trees in turn, each from a fresh copy of the index
                for name, src in trees.items():
                    for what, extra in (("no-prepare", ["--no-prepare"]), ("index", [])):
                        index_dir = work / f"index-{name}"
                        shutil.rmtree(index_dir, ignore_errors=True)
                        shutil.copytree(base_index, index_dir)
                        give_record(work, base_index, index_dir)
                        run = run_measured(reader_cmd(corpus, index_dir, "index", "--json", *extra), src, cwd, env=env)
                        runs[f"{name} {what}"].append(run)
                        print(
                            f"{case:6} {name:6} {what:10} {run['wall']:6.2f} s wall {run['cpu']:6.2f} s CPU "
                            f"{run['rss_mb']:5.0f} MB",
                            flush=True,
                        )
                        if what == "index":
                            report = json.loads(run["stdout"]).get("comparisons") or {}
                            outcome = ({k: report.get(k) for k in REPORT_KEYS}, recorded(work, index_dir))
                            outcomes.setdefault(name, outcome)
                            if outcomes[name] != outcome:
                                print(f"{case:6} {name}: NOT THE SAME PASS AS ITS FIRST RUN", flush=True)
            for label, measured in runs.items():
                cpu = statistics.median(r["cpu"] for r in measured)
                wall = statistics.median(r["wall"] for r in measured)
                rss = statistics.median(r["rss_mb"] for r in measured)
                print(f"{case:6} {label:17} median of {args.repeat}: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MB")
            for name in trees:
                index_cpu = statistics.median(r["cpu"] for r in runs[f"{name} index"])
                alone = statistics.median(r["cpu"] for r in runs[f"{name} no-prepare"])
                print(f"{case:6} {name:6} the pass adds {index_cpu - alone:+.2f} s CPU (medians)")
            before, now = outcomes["before"], outcomes["now"]
            same = "the same pass" if before == now else "PASSES DIFFER"
            print(f"{case:6} {same}: {now[0] if isinstance(now, tuple) else now}", flush=True)
        finally:
            path.write_bytes(saved[0])
            os.utime(path, ns=(saved[1], saved[1]))


if __name__ == "__main__":
    main()
