"""The prepare pass's order of the comparable stories after a one-file update, in process: read
from every article and story (what a pass did before session 54, and does with no record) against
restated from the last pass's order and the stories the update wrote (Library._comparable_after).

    python bench/bench_prepare_order.py CORPUS INDEX [--rounds 5] [--work DIR]

INDEX (built, e.g. by bench_prepare_after_update.py) is copied to --work; each round gives one
file of CORPUS another sentence (put back at the end), updates the copy through a Library, and
times both ways on the index as the update left it (CPU, medians printed), checking they agree.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis.versions import comparable_stories  # noqa: E402
from reader.library import Library  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("index", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench-prepare-order")
    args = ap.parse_args()
    index_dir = args.work / "index"
    shutil.rmtree(index_dir, ignore_errors=True)
    shutil.copytree(args.index, index_dir)
    library = Library([args.corpus], index_dir, auto_update=False)
    order = comparable_stories(library.articles(), library.stories())
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.name != "corpus.yaml")
    full_cpu, restated_cpu = [], []
    saved: dict[Path, tuple[bytes, int]] = {}
    try:
        for round_ in range(args.rounds):
            path = files[(round_ * 7919) % len(files)]
            saved.setdefault(path, (path.read_bytes(), path.stat().st_mtime_ns))
            path.write_text(path.read_text(encoding="utf-8") + f"\nRound {round_} added this.\n", encoding="utf-8")
            library.update()
            rewritten = library.last_report.rewritten
            if rewritten is None or rewritten.stories is None:
                print(f"round {round_}: the update wrote the stories whole: skipped")
                continue
            started = time.process_time()
            restated = library._comparable_after(order, rewritten, rewritten.commit)
            restated_cpu.append(time.process_time() - started)
            started = time.process_time()
            full = comparable_stories(library.articles(), library.stories())
            full_cpu.append(time.process_time() - started)
            print(
                f"round {round_}: every row {full_cpu[-1] * 1000:.1f} ms, restated {restated_cpu[-1] * 1000:.1f} ms "
                f"({len(rewritten.stories)} stories read), {'the same' if restated == full else 'DIFFERENT'}"
            )
            order = full
    finally:
        library.close()
        for path, (data, mtime) in saved.items():
            path.write_bytes(data)
            os.utime(path, ns=(mtime, mtime))
    if full_cpu:
        print(
            f"medians of {len(full_cpu)}: every article and story "
            f"{statistics.median(full_cpu) * 1000:.1f} ms CPU, restated {statistics.median(restated_cpu) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
