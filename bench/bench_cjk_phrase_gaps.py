"""The cost of CJK phrases with many gaps (words apart or hyphenated), before and after.

    python bench/bench_cjk_phrase_gaps.py --baseline OLD_CHECKOUT [--articles 300] [--repeat 3]

A query's CJK words apart are searched with each gap open or closed by the pair across it
(search.with_cjk_bridges): made as one phrase per mix of gaps, a phrase of 5 gaps was 32 phrases,
and a pasted query of a few such phrases took over a second. This bench makes a corpus of
generated Japanese and Korean text (words of 2 to 6 characters from a small set, so that most
pairs are in the index), indexes it with each checkout (this one, and --baseline's, e.g. `git
worktree add /tmp/old REV`) in a process of its own, and times `search(q, limit=10)` in CPU time
(process_time, the parsed-query cache emptied before each) for hostile queries: phrases of 5 and
more gaps, hyphenated runs, 200 characters of CJK words, eight 5-gap phrases pasted at once, a
40-word Korean phrase with slop, and a search-as-you-type session (each prefix of a 12-word
phrase, the total). The hits of each query are counted in both.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The reader measured: this checkout's, or the baseline's (BENCH_READER_ROOT, set by --baseline).
sys.path.insert(0, os.environ.get("BENCH_READER_ROOT") or str(Path(__file__).resolve().parent.parent))

HAN = "東京大阪名古屋京都神戸福岡仙台札幌横浜会議開催政府首相経済市場発表記者国際関係"
HANGUL = "서울부산대구인천광주대전울산정부대통령경제시장발표기자국제관계"


def words(rng: random.Random, alphabet: str, count: int, gap: str, low: int = 2, high: int = 4) -> str:
    return gap.join("".join(rng.choice(alphabet) for _ in range(rng.randint(low, high))) for _ in range(count))


def make_corpus(folder: Path, articles: int) -> None:
    rng = random.Random(1)
    (folder / "jp").mkdir(parents=True)
    for k in range(articles):
        body = words(rng, HAN, 120, " ", 2, 6) + "\n\n" + words(rng, HANGUL, 120, " ", 2, 5)
        # Some runs closed up and hyphenated, so that closed gaps find something too.
        body += "\n\n" + words(rng, HAN, 6, "", 2, 3) + " " + words(rng, HAN, 4, "-", 2, 3) + " the new-york times"
        (folder / "jp" / f"a{k}.md").write_text(
            f"---\ntitle: t{k}\noutlet: jp\ndate: '2024-03-01'\n---\n\n{body}\n", encoding="utf-8"
        )


def queries(corpus: Path) -> dict[str, str]:
    rng = random.Random(2)
    # Phrases an article holds: its words apart, its closed run and its hyphenated one split into
    # words apart (found with the gaps closed), its Korean words.
    han, hangul, runs = (corpus / "jp" / "a0.md").read_text(encoding="utf-8").split("---\n")[2].strip().split("\n\n")
    closed, hyphenated = runs.split()[:2]
    out = {
        "found: 6 words apart": '"' + " ".join(han.split()[10:16]) + '"',
        "found: closed run typed apart": '"' + " ".join(closed[k : k + 2] for k in range(0, len(closed) - 1, 2)) + '"',
        "found: hyphenated run typed apart": '"' + hyphenated.replace("-", " ") + '"',
        "found: Korean 6 words": '"' + " ".join(hangul.split()[5:11]) + '"',
        "5 gaps, spaces": '"' + words(rng, HAN, 6, " ") + '"',
        "5 gaps, hyphens": '"' + words(rng, HAN, 6, "-") + '"',
        "hyphenated run, unquoted": words(rng, HAN, 4, "-"),
        "12 words, mixed gaps": '"'
        + "".join(words(rng, HAN, 1, "") + rng.choice([" ", "-", "\uff0d", " - "]) for _ in range(12)).strip(" -")
        + '"',
        "Korean, 5 gaps": '"' + words(rng, HANGUL, 6, " ") + '"',
        "Korean, 29 gaps": '"' + words(rng, HANGUL, 30, " ") + '"',
        "200 chars, unquoted": words(rng, HAN, 66, " ")[:200],
        "200 chars, phrase": '"' + words(rng, HAN, 66, " ")[:200].strip() + '"',
        "200 chars, hyphens": '"' + words(rng, HAN, 66, "-")[:200].strip("-") + '"',
        "eight 5-gap phrases": " ".join('"' + words(rng, HAN, 6, " ") + '"' for _ in range(8)),
        "eight 5-gap runs": " ".join('"' + words(rng, HAN, 6, "-") + '"' for _ in range(8)),
        "Korean 40 words ~3": '"' + words(rng, HANGUL, 40, " ") + '"~3',
        "Latin new-york": '"new-york times"',
        "Latin plain": '"new york times"',
    }
    return out


def run(corpus: Path, repeat: int) -> dict:
    from reader.index import CorpusIndex
    from reader.index import search as search_module

    folder = Path(tempfile.mkdtemp(prefix="bench-cjk-gaps-index-"))
    try:
        index = CorpusIndex([corpus], folder)
        index.update()
        out: dict[str, list] = {}
        for name, q in queries(corpus).items():
            times = []
            for _ in range(repeat):
                search_module._PARSED.clear()
                start = time.process_time()
                results = index.search(q, limit=10)
                times.append(time.process_time() - start)
            out[name] = [min(times), results.total, results.error]
        typed = '"' + words(random.Random(3), HAN, 8, " ") + " " + words(random.Random(4), HAN, 4, "-") + '"'
        times = []
        for _ in range(repeat):
            start = time.process_time()
            for k in range(1, len(typed) + 1):
                search_module._PARSED.clear()
                index.search(typed[:k], limit=10)
            times.append(time.process_time() - start)
        out[f"typing, {len(typed)} prefixes (total)"] = [min(times), 0, None]
        index.close()
        return out
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", type=Path, help="another checkout of reader, measured in the same run")
    ap.add_argument("--run", type=Path, help=argparse.SUPPRESS)  # one run's figures as JSON, for --baseline
    args = ap.parse_args()
    if args.run:
        print(json.dumps(run(args.run, args.repeat)))
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-cjk-gaps-corpus-"))
    try:
        make_corpus(folder / "corpus", args.articles)
        runs: dict[str, dict] = {}
        for label, root in (("before", args.baseline), ("after", None)):
            if root is None and label == "before":
                continue
            env = dict(os.environ)
            if root is not None:
                env["BENCH_READER_ROOT"] = str(root.resolve())
            argv = [sys.executable, __file__, "--run", str(folder / "corpus"), "--repeat", str(args.repeat)]
            runs[label] = json.loads(subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    labels = list(runs)
    print(f"{'query (CPU ms, fastest of ' + str(args.repeat) + ')':42}" + "".join(f"{k:>16}" for k in labels))
    for name in runs["after"]:
        cells = []
        for label in labels:
            took, total, error = runs[label][name]
            cells.append(f"{1000 * took:9.1f} ({total:>3})" if not error else f"{'error':>16}")
        print(f"{name:42}" + "".join(f"{c:>16}" for c in cells))
    print("(in brackets: the hits)")


if __name__ == "__main__":
    main()
