"""How long each step of a build's progress line stands still: a full build of a corpus through
the Library (as `reader index --rebuild` and the app's bar hear it), each step's longest time
without its count moving, where it stood (count/total), and its wall time.

    python bench/bench_index_progress.py [CORPUS] [--count 3000] [--work DIR]

CORPUS is a folder to index; without it, `synth.py` writes `--count` articles to a temporary
folder (or `--work`). Run it with `nice` on a shared machine: the times grow with the load. The
baseline in the same run: the longest still stretch of "loading articles", whose count moves with
every file. Before the bodies' postings of the workers' segments were counted, "writing the index"
stood at half its count for 10.4 s of its 13.5 s at 3,000 articles (`--count 3000`, a loaded
machine); counted, 1.1 s of 15.7 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--count", type=int, default=3000, help="articles to generate without CORPUS")
    parser.add_argument("--work", type=Path, help="folder for the generated corpus and the index")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="reader-progress-"))
    corpus = args.corpus
    if corpus is None:
        import synth

        corpus = work / "corpus"
        if not corpus.exists():
            synth.generate(corpus, args.count, 7)
    from reader.library import Library

    steps: dict[str, dict] = {}
    started = time.perf_counter()
    last: list = [None, started]  # (step, count), when it last moved

    def progress(done: int, total: int, message: str) -> None:
        now = time.perf_counter()
        step = message.split(" of ")[0]
        if last[0] is not None:
            held, since = last[0], last[1]
            figures = steps[held[0]]
            if now - since > figures["still"]:
                figures["still"], figures["at"] = now - since, f"{held[1]}/{held[2]}"
        figures = steps.setdefault(step, {"start": now, "end": now, "still": 0.0, "at": ""})
        figures["end"] = now
        if last[0] != (step, done, total):
            last[:] = [(step, done, total), now]

    library = Library([corpus], work / "index", auto_update=False)
    library.update(progress=progress, rebuild=True)
    progress(0, 0, "done")
    print(f"{corpus}: built in {time.perf_counter() - started:.1f} s, load average {os.getloadavg()[0]:.1f}")
    print(f"{'step':<36}{'wall s':>8}{'longest still s':>17}  at")
    for step, figures in steps.items():
        if step != "done":
            wall = figures["end"] - figures["start"]
            print(f"{step[:35]:<36}{wall:>8.1f}{figures['still']:>17.1f}  {figures['at']}")


if __name__ == "__main__":
    main()
