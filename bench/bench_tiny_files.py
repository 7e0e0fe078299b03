"""A folder of many tiny files: load_corpus's processor time in this tree and in REF's, same run.

    python bench/bench_tiny_files.py [--files 5000] [--before REF] [--runs 2]

Writes FILES notes of a line or two each into a temporary folder and loads it (load_corpus, as
`reader show` and `reader list` without an index do) with REF's reader/ (default origin/main, taken
with `git archive`) and this checkout's, each in its own process, in turns: processor time and the
articles loaded, with a digest of what they are (id, title, date, author, outlet, URL, text): the same
in both trees when a change only makes loading faster.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = """
import hashlib, json, sys, time
from pathlib import Path
from reader.corpus import load_corpus
start = time.process_time()
result = load_corpus([Path(sys.argv[1])])
seconds = time.process_time() - start
fields = [[a.id, a.title, a.date, a.author, a.outlet, a.url, a.text] for a in result.articles]
digest = hashlib.sha256(json.dumps(fields, default=str).encode()).hexdigest()[:16]
print(json.dumps([seconds, len(result.articles), digest]))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--before", default="origin/main")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    folder = work / "notes"
    folder.mkdir()
    for n in range(args.files):
        (folder / f"n{n:06d}.txt").write_text(f"Note {n}\n\nTiny note number {n} about the council vote.\n")
    before = work / "before"
    before.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", args.before, "reader"], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(before)], input=archive.stdout, check=True)
    env = {"PYTHONPATH": "", "READER_CONFIG_DIR": str(work / "config"), "HOME": str(work)}
    for run in range(args.runs):
        for name, tree in ((args.before, before), ("now", ROOT)):
            done = subprocess.run(
                [sys.executable, "-c", RUN, str(folder)],
                cwd=tree,
                capture_output=True,
                text=True,
                check=True,
                env={**env, "PYTHONPATH": str(tree)},
            )
            seconds, articles, digest = json.loads(done.stdout.splitlines()[-1])
            print(
                f"run {run + 1}, {name:>12}: {seconds:6.2f} s CPU, {articles:,} articles of {args.files:,} files"
                f" (their ids, titles, dates, authors, outlets, URLs and texts: digest {digest})"
            )


if __name__ == "__main__":
    main()
