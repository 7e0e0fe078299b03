"""What an update pays to ask again the folders of the files read as their folder said (a word that
reads as Russian and Greek alike: reader.corpus.folder_charset), against another tree, same run.

    python bench/bench_folder_recheck.py [--before DIR] [--folders N] [--runs R]

Makes a corpus of N outlet folders, each of eight Russian articles (KOI8-R) and one word alone in
KOI8-R (read as its folder says), and one folder of English articles; builds an index with each
tree, then times R updates of each (alternating) after one English article changes, then after
one Russian article beside a word does: this tree asks again the folders where a file changed
(the neighbours' first 32 KB read once a folder), none in the first case, one in the second.
Prints each tree's median update time. `--before`: a worktree of the
other tree (e.g. `git worktree add /tmp/base main`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUSSIAN = [
    "Президент России заявил, что встреча с американским коллегой не состоится на этой неделе.",
    "Министр иностранных дел добавил, что переговоры продолжатся на следующей неделе в Женеве.",
]
# One update in a fresh process of the tree at sys.argv[1]: its wall time in seconds.
_UPDATE = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from reader.index import CorpusIndex
index = CorpusIndex([Path(sys.argv[2])], Path(sys.argv[3]))
start = time.perf_counter()
index.update()
print(time.perf_counter() - start)
index.close()
"""


def make_corpus(root: Path, folders: int) -> Path:
    for n in range(folders):
        folder = root / f"outlet{n:04d}"
        folder.mkdir(parents=True)
        for k in range(8):
            (folder / f"story{k}.txt").write_bytes(f"{RUSSIAN[k % 2]} {n} {k}".encode("koi8-r"))
        (folder / "word.txt").write_bytes("столица".encode("koi8-r"))
    english = root / "english"
    english.mkdir()
    for k in range(20):
        (english / f"en{k}.txt").write_text(f"Council votes {k}\n\nThe council met on Tuesday and voted {k}.\n")
    return root


def update(tree: Path, corpus: Path, index: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _UPDATE, str(tree), str(corpus), str(index)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    return float(out.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--folders", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    # (its corpus and both indexes in a folder of its own, deleted at the end, Ctrl-C too: it was
    # left behind, 300 folders of a corpus and two indexes a run)
    with tempfile.TemporaryDirectory(prefix="folder-recheck-") as temp:
        work = Path(temp)
        corpus = make_corpus(work / "corpus", args.folders)
        trees = {"before": args.before.resolve(), "now": ROOT}
        for name, tree in trees.items():
            update(tree, corpus, work / f"index-{name}")
        print(f"{args.folders} folders of 8 Russian articles and a word read as its folder says")
        english, russian = corpus / "english" / "en0.txt", corpus / "outlet0000" / "story0.txt"
        for where, changed in (("an English article", english), ("a Russian article beside a word", russian)):
            times: dict[str, list[float]] = {name: [] for name in trees}
            for run in range(args.runs):
                for name, tree in trees.items():
                    text = f"{RUSSIAN[0]} run {run} of {name}"
                    changed.write_bytes(text.encode("koi8-r") if changed == russian else text.encode())
                    times[name].append(update(tree, corpus, work / f"index-{name}"))
            for name, spent in times.items():
                print(f"{name}: update after {where} changed, median {statistics.median(spent):.3f} s of {len(spent)}")


if __name__ == "__main__":
    main()
