"""The cost of indexing a CJK character standing alone (terms v22: the と of 東京 と 大阪, and the
年 of 2025年), before and after, on a Japanese-heavy corpus.

    python bench/bench_cjk_particle_index.py --baseline OLD_CHECKOUT [--articles 3000] [--rounds 2] [--korean 0.5]

Makes a corpus of generated Japanese news text, closed up as Japanese is written (words of kanji
with their particles, dates as 2025年10月3日, counts as 3人, 「quoted」 words, a few Latin
acronyms, a particle written apart now and then; --korean: that share of the articles in Korean, with
its words of one syllable), then indexes it with each checkout (this one,
and --baseline's, e.g. `git worktree add /tmp/old REV`) in a process of its own, in turns,
--rounds times. Printed: the index's size on disk, the terms of its body field, and the update's
CPU time (its workers' too) and wall time, the best of the rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.environ.get("BENCH_READER_ROOT") or str(Path(__file__).resolve().parent.parent))

NOUNS = (
    "政府 首相 東京 大阪 経済 市場 発表 記者 国際 関係 会議 開催 外務省 大臣 選挙 予算 "
    "議会 企業 株価 円安 物価 賃金 地震 台風 警察 事件 裁判 判決 教育 大学 病院 医療"
).split()
PARTICLES = "は が を に で と の も から まで へ や".split()
VERBS = "発表した 述べた 明らかにした 開催された 決定した 求めた 批判した 示した".split()
COUNTERS = "人 件 円 台 社 回 日 年 月".split()
LATIN = "AI G7 NHK IMF NATO EU".split()
# Korean, written with spaces, has words of one syllable (수, 것, 등): each a term now.
KOREAN = "정부는 대통령이 서울에서 경제 시장 발표했다 기자들에게 국제 관계를 회의가 열렸다 예산안을".split()
KOREAN_ONE = "수 것 등 더 그 및 때 중 후 전 잘 안 못 또".split()


def sentence_ko(rng: random.Random) -> str:
    words = [rng.choice(KOREAN_ONE if rng.random() < 0.2 else KOREAN) for _ in range(rng.randint(6, 14))]
    return " ".join(words) + ". "


def sentence(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(3, 7)):
        kind = rng.random()
        if kind < 0.15:
            parts.append(f"{rng.randint(2000, 2026)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
        elif kind < 0.3:
            parts.append(f"{rng.randint(1, 999)}{rng.choice(COUNTERS)}")
        elif kind < 0.35:
            parts.append(rng.choice(LATIN))
        elif kind < 0.4:
            parts.append(f"「{rng.choice(NOUNS)}」")
        else:
            parts.append(rng.choice(NOUNS))
        # Closed up, as written; now and then a particle apart (a translation, a list).
        parts.append(f" {rng.choice(PARTICLES)} " if rng.random() < 0.03 else rng.choice(PARTICLES))
    return "".join(parts) + rng.choice(VERBS) + "。"


def make_corpus(folder: Path, articles: int, korean: float) -> int:
    rng = random.Random(1)
    (folder / "jp").mkdir(parents=True)
    chars = 0
    for k in range(articles):
        make = sentence_ko if rng.random() < korean else sentence
        body = "\n\n".join("".join(make(rng) for _ in range(rng.randint(3, 6))) for _ in range(rng.randint(3, 6)))
        chars += len(body)
        (folder / "jp" / f"a{k}.md").write_text(
            f"---\ntitle: {sentence(rng)}\noutlet: jp\ndate: '2024-03-01'\n---\n\n{body}\n", encoding="utf-8"
        )
    return chars


def _cpu() -> float:
    """CPU time of this process and of its children (the update's workers) waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run(corpus: Path) -> dict:
    from reader.index import CorpusIndex

    folder = Path(tempfile.mkdtemp(prefix="bench-cjk-particle-index-"))
    try:
        index = CorpusIndex([corpus], folder)
        cpu, wall = _cpu(), time.perf_counter()
        index.update()
        cpu, wall = _cpu() - cpu, time.perf_counter() - wall
        index.close()
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        from whoosh import index as whoosh_index

        found = [p.parent for p in folder.rglob("*.toc")]
        terms = 0
        for where in {*found}:
            ix = whoosh_index.open_dir(str(where))
            with ix.reader() as reader:
                terms += sum(1 for _ in reader.lexicon("body"))
        return {"cpu": cpu, "wall": wall, "size": size, "terms": terms}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--korean", type=float, default=0.0, help="the share of articles in Korean (0 to 1)")
    ap.add_argument("--baseline", type=Path, help="another checkout of reader, measured in the same run")
    ap.add_argument("--run", type=Path, help=argparse.SUPPRESS)  # one run's figures as JSON
    args = ap.parse_args()
    if args.run:
        print(json.dumps(run(args.run)))
        return
    if args.baseline is None:
        ap.error("--baseline OLD_CHECKOUT is needed (the before)")
    folder = Path(tempfile.mkdtemp(prefix="bench-cjk-particle-corpus-"))
    best: dict[str, dict] = {}
    try:
        chars = make_corpus(folder / "corpus", args.articles, args.korean)
        print(f"{args.articles} articles ({args.korean:.0%} Korean), {chars / 1e6:.1f} M characters")
        for _ in range(args.rounds):
            for label, root in (("before", args.baseline), ("after", None)):
                env = dict(os.environ)
                if root is not None:
                    env["BENCH_READER_ROOT"] = str(root.resolve())
                argv = [sys.executable, __file__, "--run", str(folder / "corpus")]
                got = json.loads(subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout)
                kept = best.setdefault(label, got)
                kept["cpu"], kept["wall"] = min(kept["cpu"], got["cpu"]), min(kept["wall"], got["wall"])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{'':8} {'index MB':>9} {'body terms':>11} {'CPU s':>7} {'wall s':>7}")
    for label, got in best.items():
        print(f"{label:8} {got['size'] / 1e6:9.2f} {got['terms']:11} {got['cpu']:7.1f} {got['wall']:7.1f}")


if __name__ == "__main__":
    main()
