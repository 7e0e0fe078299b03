"""Where a first build's CPU goes, step by step, and the documents' outlet lookups before and after.

    python bench/bench_build_profile.py [--size 3000] [--work DIR] [--corpus DIR]

A generated corpus (bench/synth.py, made in --work and reused; or --corpus DIR) is indexed from
nothing in a fresh process with one worker (CorpusIndex(workers=1): every step in-process, so one
profile sees them all; `reader index` runs the same steps in its worker processes), under cProfile
timed by CPU (and once more, in another fresh process, without it: the analysis keeps caches that
a second build in one process would find full). Printed: the build's CPU without and with the
profiler, and each step's share of the profiled CPU (cumulative: a step's own calls included; the
profiler weighs small Python calls more than it costs them, so the shares are a guide, the CPU
figures the measure).

Then, in the same run, the documents of the corpus's articles made as the segment writers make
them (store.make_document), each one's outlet spellings looked up as before (the registry of the
user's outlets.yaml asked for, a stat of the file, per document) and as now (held for the
segment, outlets.registry_held), with both giving the same documents.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from synth import generate  # noqa: E402

# (step, the function whose cumulative CPU is the step's), in the order a build meets them.
STEPS = [
    ("loading the files (parse, clean, infer)", "reader/corpus/loader.py", "iter_file"),
    ("finding the quotations", "reader/index/store.py", "find_quotes_dicts"),
    ("the story records", "reader/index/store.py", "story_features_dict"),
    ("the documents (language, fields)", "reader/index/store.py", "make_document"),
    ("indexing them (terms, positions, stored fields)", "reader/index/whoosh_internals.py", "add_document"),
    ("writing the postings (commit)", "reader/index/store.py", "commit_segments"),
    ("grouping the stories", "reader/index/update.py", "group_stories"),
    ("saving the state", "reader/index/update.py", "record"),
]


def build(corpus: Path, index_dir: Path, profile: cProfile.Profile | None) -> float:
    from reader.index.core import CorpusIndex

    shutil.rmtree(index_dir, ignore_errors=True)
    index = CorpusIndex([corpus], index_dir, workers=1)
    started = time.process_time()
    if profile is not None:
        profile.enable()
    index.update()
    if profile is not None:
        profile.disable()
    return time.process_time() - started


def step_shares(profile: cProfile.Profile) -> tuple[float, list[tuple[str, float]]]:
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = max(cumulative for (_, _, _, cumulative, _) in stats.values())
    shares = []
    for step, path, name in STEPS:
        found = [
            cumulative
            for (file, _, function), (_, _, _, cumulative, _) in stats.items()
            if file.endswith(path) and function == name
        ]
        shares.append((step, max(found, default=0.0)))
    return total, shares


def outlet_lookups(corpus: Path) -> tuple[float, float, bool]:
    """CPU of making every article's document with the registry asked for per document (before)
    and held (now), and whether both made the same documents."""
    from reader.corpus import load_file
    from reader.corpus.outlets import registry_held
    from reader.index import store

    articles = []
    for path in sorted(corpus.rglob("*.md")):
        for article in load_file(path, corpus).articles:
            articles.append(store.article_to_dict(article))
    meta = {"key": "k", "signature": [1, 2, 3], "hash": "h"}

    def documents() -> list[dict]:
        return [store.make_document(art, [], None, meta, None, "en") for art in articles]

    documents()  # warm: the outlets' spellings are cached per name
    started = time.process_time()
    before = documents()
    middle = time.process_time()
    with registry_held():
        now = documents()
    return middle - started, time.process_time() - middle, before == now


def one_build(corpus: Path, index_dir: Path, profiled: bool) -> None:
    """A build in this process (a fresh one: the analysis's caches empty), printed as JSON."""
    profile = cProfile.Profile(time.process_time) if profiled else None
    seconds = build(corpus, index_dir, profile)
    total, shares = step_shares(profile) if profile is not None else (seconds, [])
    print(json.dumps({"cpu": seconds, "total": total, "shares": shares}))


def fresh_build(corpus: Path, index_dir: Path, profiled: bool) -> dict:
    command = [sys.executable, __file__, "--corpus", str(corpus), "--one-build", str(index_dir)]
    out = subprocess.run(command + (["--profiled"] if profiled else []), check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=3000)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench-build-profile")
    ap.add_argument("--corpus", type=Path, help="a corpus of your own (default: synthetic, --size articles)")
    ap.add_argument("--one-build", type=Path, help=argparse.SUPPRESS)  # the build of a fresh process
    ap.add_argument("--profiled", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.environ.setdefault("XDG_CONFIG_HOME", str(args.work / "config"))  # no user outlets.yaml of yours
    if args.one_build is not None:
        one_build(args.corpus, args.one_build, args.profiled)
        return
    corpus = args.corpus
    if corpus is None:
        corpus = args.work / f"corpus-{args.size}"
        if not corpus.is_dir():
            generate(corpus, args.size, seed=7)
    load = os.getloadavg()[0]
    plain = fresh_build(corpus, args.work / "index", False)
    profiled = fresh_build(corpus, args.work / "index", True)
    print(f"{corpus}: build CPU {plain['cpu']:.1f} s ({profiled['cpu']:.1f} s profiled), load average {load:.1f}")
    for step, seconds in profiled["shares"]:
        print(f"  {step:<50} {seconds:7.1f} s  {100 * seconds / profiled['total']:4.0f}%")
    before, now, same = outlet_lookups(corpus)
    print(
        f"documents' outlet lookups: per document {before:.2f} s, held {now:.2f} s "
        f"({'the same documents' if same else 'DOCUMENTS DIFFER'})"
    )
    shutil.rmtree(args.work / "index", ignore_errors=True)


if __name__ == "__main__":
    main()
