"""kill -9 `reader index` at random moments and check that the next plain `reader index` recovers.

    python bench/kill_index_at_random.py CORPUS_DIR [--runs 20] [--seed 1] [--max-delay 7]

CORPUS_DIR is copied into a temporary folder (it is only read). Each run first changes the copy
a little (a file edited, added or deleted, or nothing; some runs start from no index or pass
--rebuild), starts `reader index` (with or without the comparisons' preparation), kills it with
SIGKILL after a random delay, then runs `reader index --json --no-prepare` as a user would. It
checks that this update succeeds with no notice asking for anything, and that `reader list`
then gives exactly what a fresh index of the same files gives (ids, titles, dates, outlets), and
that a word written into an edited or added file is found, and that its stories hold every
listed article once, under the story its article row names. Prints one line a run; exit status 1
at the first difference. Cache, data and config folders are private to the temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader.index.update import INTERRUPTED_AFTER_COMMIT, INTERRUPTED_BUILD

READER = [sys.executable, "-m", "reader"]
# Notices that ask nothing of the user: they tell what the update found a killed run left (and
# what it did about it). Any other notice fails the run.
TELLS_ONLY = (None, INTERRUPTED_BUILD, INTERRUPTED_AFTER_COMMIT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=7.0, help="seconds; kills land in [0.1, this]")
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="reader-kill-") as tmp:
        base = Path(tmp)
        corpus = base / "corpus"
        shutil.copytree(args.corpus, corpus)
        index, fresh = base / "index", base / "fresh"
        env = dict(
            os.environ,
            XDG_CACHE_HOME=str(base / "cache"),
            XDG_DATA_HOME=str(base / "data"),
            XDG_CONFIG_HOME=str(base / "config"),
        )

        def reader(*argv: str, check: bool = True) -> subprocess.CompletedProcess:
            done = subprocess.run([*READER, "--corpus", str(corpus), *argv], capture_output=True, text=True, env=env)
            if check and done.returncode != 0:
                raise SystemExit(f"reader {' '.join(argv)}: exit {done.returncode}: {done.stderr[-2000:]}")
            return done

        def stories_match(folder: Path) -> bool:
            """Every article in exactly one story, the one its row names (the stories are read
            and written by key: a killed save must leave none describing articles not there)."""
            rows = json.loads(reader("--index", str(folder), "list", "--json").stdout)
            stories = json.loads(reader("--index", str(folder), "stories", "--json").stdout)
            story_of = [(aid, s["id"]) for s in stories for aid in s["articles"]]
            return sorted(story_of) == sorted((a["id"], a["story"]) for a in rows)

        def listing(folder: Path) -> list[tuple]:
            articles = json.loads(reader("--index", str(folder), "list", "--json").stdout)
            return sorted((a["id"], a["title"], a["date"], a["outlet"]) for a in articles)

        for run in range(args.runs):
            action = rnd.choice(["none", "edit", "add", "delete", "rebuild", "fresh"])
            files = sorted(p for p in corpus.rglob("*") if p.is_file())
            target = rnd.choice(files) if files else None
            word = f"zebra{run}x"
            if action == "fresh":
                shutil.rmtree(index, ignore_errors=True)
            elif action == "edit" and target is not None and target.suffix in (".md", ".txt"):
                with target.open("a", encoding="utf-8") as out:
                    out.write(f"\nAn added sentence about the {word} harbour.\n")
            elif action == "add":
                target = corpus / f"added-{run}.txt"
                target.write_text(
                    f"Added story {run}\n\nThe {word} council met on Tuesday and voted.\n", encoding="utf-8"
                )
            elif action == "delete" and target is not None and target.suffix in (".md", ".txt"):
                target.unlink()
            argv = ["--index", str(index), "index", *(["--rebuild"] if action == "rebuild" else [])]
            argv += rnd.choice([[], ["--no-prepare"]])
            killed = subprocess.Popen(
                [*READER, "--corpus", str(corpus), *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
            )
            delay = rnd.uniform(0.1, args.max_delay)
            time.sleep(delay)
            killed.send_signal(signal.SIGKILL)
            killed.wait()
            report = json.loads(reader("--index", str(index), "index", "--json", "--no-prepare").stdout)
            shutil.rmtree(fresh, ignore_errors=True)
            reader("--index", str(fresh), "index", "--no-prepare")
            same = listing(index) == listing(fresh) and stories_match(index)
            found = reader("--index", str(index), "search", word, "--json", check=False).returncode == 0
            wrote = (
                action in ("edit", "add")
                and target is not None
                and target.exists()
                and word in target.read_text("utf-8")
            )
            ended = "ended first" if killed.returncode == 0 else f"killed at {delay:.1f} s"
            print(
                f"{run:3} {action:8} {' '.join(argv[3:]) or '-':24} {ended:16} then: indexed {report['indexed']}, "
                f"updated {report['updated']}, removed {report['removed']}, notice {report['notice']}: "
                f"{'same as a fresh index' if same else 'DIFFERENT from a fresh index'}",
                flush=True,
            )
            if not same or report["notice"] not in TELLS_ONLY or (wrote and not found):
                print(
                    "FAILED"
                    + ("" if same else ": the lists differ")
                    + (f": {word!r} not found" if wrote and not found else "")
                )
                return 1
    print(f"all {args.runs} runs recovered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
