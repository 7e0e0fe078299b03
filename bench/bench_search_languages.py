"""Search in the articles' own languages: latency and a hand check of recall, before and after.

    python bench/bench_search_languages.py --baseline OLD_CHECKOUT [--basil DIR] [--aeb DIR] [--repeat 3] [--rounds 2]

The corpus: basil-dev's 180 English articles plus aeb-dev's pages whose article is not in English
(by its ground truth: Portuguese, German, Russian, Indonesian, Korean), copied into one folder and
indexed with the real loaders. Each checkout (this one, and --baseline's, e.g. `git worktree add
/tmp/old REV`) indexes it afresh in a process of its own and runs the same queries:

  english   200 queries made from basil-dev's titles: words, two-word AND and OR, phrases
  foreign   the hand-check queries below, each an inflected form the article does not hold
            (`Gesundheitsakten` for an article that writes `Gesundheitsakte`)

  touched   the queries the CJK phrase change touches (terms v20): phrases of two Korean words
            apart (searched also closed up) and their hyphenated forms, from the Korean pages,
            and English phrases holding a hyphenated word from basil-dev's texts (also searched
            with its parts apart); their hits differ by design

Latency is that of `search(q, limit=10)` with snippets, the parsed-query cache emptied before each
query (so parsing counts, as for a query typed for the first time), p50/p95 over --repeat runs of
every query in each of --rounds rounds (the two checkouts alternate; build: the fastest round),
in wall-clock time and in the process's CPU time (process_time: less moved by a busy machine). Recall: how many of the hand-check queries find their article. The English queries'
hits (ids, in order) are compared between the two checkouts: English search must not change.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The reader measured: this checkout's, or the baseline's (BENCH_READER_ROOT, set by --baseline).
sys.path.insert(0, os.environ.get("BENCH_READER_ROOT") or str(Path(__file__).resolve().parent.parent))

SHARED = Path("/work/shared/corpora")

# (query, aeb-dev page (the start of its name), the form the article writes): a form the article
# does not hold, of a word it does. Checked: the query's word is not in the article's text.
HAND_CHECK = [
    ("Gesundheitsakten", "57b4dafd", "Gesundheitsakte"),
    ("Klinik", "57b4dafd", "Kliniken"),
    ("Therapie", "57b4dafd", "Therapien"),
    ("Prozess", "57b4dafd", "Prozesse"),
    ("Arztbrief", "57b4dafd", "Arztbriefe"),
    ("Dokumentes", "57b4dafd", "Dokumente"),
    ("Befund", "57b4dafd", "Befunde"),
    ("Akteur", "57b4dafd", "Akteure"),
    ("Anwendung", "57b4dafd", "Anwendungen"),
    ("Verfahrens", "57b4dafd", "Verfahren"),
    ("classificações", "11ea381a", "classificação"),
    ("vitória", "11ea381a", "vitórias"),
    ("calendários", "11ea381a", "calendário"),
    ("pilotos", "11ea381a", "piloto"),
    ("canções", "23aaecd1", "canção"),
    ("brinquedoria", "23aaecd1", "brinquedorias"),
    ("surpresa", "23aaecd1", "surpresas"),
    ("professor", "3252222e", "professores"),
    ("livro", "3252222e", "livros"),
    ("aluno", "3252222e", "alunos"),
    ("palavra", "3252222e", "palavras"),
    ("atividade", "3252222e", "atividades"),
    ("духовка", "3c6d3381", "духовку"),
    ("томат", "3c6d3381", "томаты"),
    ("лимоны", "3c6d3381", "лимона"),
    ("продуктами", "3c6d3381", "продукты"),
    ("порцию", "3c6d3381", "порции"),
]


def make_corpus(basil: Path, aeb: Path, folder: Path) -> list[str]:
    """basil-dev's articles and aeb-dev's non-English pages in one folder; the pages' names."""
    from reader.analysis.language import ENGLISH, language_of

    shutil.copytree(basil, folder / "basil", ignore=shutil.ignore_patterns("*.yaml"))
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    (folder / "aeb").mkdir()
    pages = []
    for name, record in sorted(truth.items()):
        if language_of(record.get("articleBody") or "") not in (ENGLISH, None):
            shutil.copy(aeb / "html" / f"{name}.html", folder / "aeb" / f"{name}.html")
            pages.append(name)
    return pages


def english_queries(basil: Path, count: int = 200) -> list[str]:
    rng = random.Random(3)
    titles = [re.search(r"^title:\s*(.+)$", p.read_text(encoding="utf-8"), re.M) for p in sorted(basil.glob("*.md"))]
    words = sorted(
        {w.strip("'\"").lower() for m in titles if m for w in re.findall(r"[A-Za-z']{4,}", m.group(1))}
        - {"said", "says"}
    )
    pairs = [m.group(1).split() for m in titles if m]
    out = []
    while len(out) < count:
        kind = rng.random()
        if kind < 0.55:
            out.append(rng.choice(words))
        elif kind < 0.7:
            out.append(f"{rng.choice(words)} {rng.choice(words)}")
        elif kind < 0.8:
            out.append(f"{rng.choice(words)} OR {rng.choice(words)}")
        else:
            title = rng.choice(pairs)
            k = rng.randrange(max(1, len(title) - 1))
            phrase = " ".join(re.sub(r"[^\w']", "", w) for w in title[k : k + 2]).strip()
            if phrase:
                out.append(f'"{phrase}"')
    return out


def touched_queries(basil: Path, aeb: Path, count: int = 40) -> list[str]:
    """Phrases of two Korean words apart and their hyphenated forms, and English phrases holding a
    hyphenated word: `count` of each kind at most."""
    rng = random.Random(5)
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    korean = sorted(
        {
            m.group(1) + " " + m.group(2)
            for record in truth.values()
            for m in re.finditer(r"([\uac00-\ud7a3]{2,}) (?=([\uac00-\ud7a3]{2,}))", record.get("articleBody") or "")
        }
    )
    korean = rng.sample(korean, min(count // 2, len(korean)))
    english = sorted(
        {
            f"{m.group(1)} {m.group(2)}"
            for p in sorted(basil.glob("*.md"))
            for m in re.finditer(r"\b([A-Za-z]{3,}) ([A-Za-z]{2,}-[A-Za-z]{2,})\b", p.read_text(encoding="utf-8"))
        }
    )
    english = rng.sample(english, min(count, len(english)))
    return [f'"{q}"' for q in korean] + [q.replace(" ", "-") for q in korean] + [f'"{q}"' for q in english]


def run(corpus: Path, english: list[str], repeat: int, touched: list[str] | None = None) -> dict:
    """Index the corpus afresh and time the queries (this process's reader)."""
    from reader.index import CorpusIndex, search

    work = Path(tempfile.mkdtemp(prefix="bench-langs-"))
    try:
        ix = CorpusIndex([corpus], work / "index")
        t0, c0 = time.perf_counter(), time.process_time()
        ix.update()
        build, build_cpu = time.perf_counter() - t0, time.process_time() - c0
        foreign = [q for q, _, _ in HAND_CHECK]
        out: dict = {"build_s": build, "build_cpu_s": build_cpu}
        for name, queries in (("english", english), ("foreign", foreign), ("touched", touched or [])):
            if not queries:
                out[name], out[name + "_cpu"] = [], []
                continue
            ix.search(queries[0], limit=10)  # warm: the searcher open, the modules imported
            times, cpu = [], []
            for _ in range(repeat):
                for q in queries:
                    search._PARSED.clear()
                    t, c = time.perf_counter(), time.process_time()
                    ix.search(q, limit=10)
                    times.append(time.perf_counter() - t)
                    cpu.append(time.process_time() - c)
            out[name], out[name + "_cpu"] = times, cpu
        out["english_hits"] = [[h.id for h in ix.search(q, limit=10).hits] for q in english]
        out["touched_total"] = sum(ix.search(q, limit=10).total for q in touched or [])
        out["found"] = [any(page in h.id for h in ix.search(q, limit=50).hits) for q, page, _ in HAND_CHECK]
        ix.close()
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--basil", type=Path, default=SHARED / "basil-dev")
    ap.add_argument("--aeb", type=Path, default=SHARED / "aeb-dev")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--baseline", type=Path, help="another checkout of reader, measured in the same run")
    ap.add_argument("--run", type=Path, help=argparse.SUPPRESS)  # one run's figures as JSON, for --baseline
    args = ap.parse_args()
    english = english_queries(args.basil)
    touched = touched_queries(args.basil, args.aeb)
    if args.run:
        print(json.dumps(run(args.run, english, args.repeat, touched)))
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-langs-corpus-"))
    try:
        pages = make_corpus(args.basil, args.aeb, folder / "corpus")
        print(
            f"corpus: {len(list(args.basil.glob('*.md')))} basil-dev articles + {len(pages)} non-English aeb-dev pages"
        )
        for q, page, written in HAND_CHECK:  # the check is about forms the article does not hold
            text = json.loads((args.aeb / "ground-truth.json").read_text(encoding="utf-8"))
            body = next(r["articleBody"] for n, r in text.items() if n.startswith(page))
            if re.search(rf"(?<!\w){re.escape(q)}(?!\w)", body, re.I) or written.lower() not in body.lower():
                print(f"warning: {q!r} / {written!r} no longer fits page {page}", file=sys.stderr)
        # Rounds alternate the two checkouts (before, after, before, after...): a machine shared
        # with other work slows one round, not one checkout.
        runs: dict[str, dict] = {}
        for _ in range(args.rounds):
            for label, root in (("before", args.baseline), ("after", None)):
                if label == "before" and root is None:
                    continue
                env = dict(os.environ)
                if root is not None:
                    env["BENCH_READER_ROOT"] = str(root.resolve())
                argv = [sys.executable, __file__, "--run", str(folder / "corpus"), "--repeat", str(args.repeat)]
                argv += ["--basil", str(args.basil), "--aeb", str(args.aeb)]
                one = json.loads(subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout)
                if label in runs:
                    for key in ("english", "foreign", "touched"):
                        runs[label][key] += one[key]
                        runs[label][key + "_cpu"] += one[key + "_cpu"]
                    for key in ("build_s", "build_cpu_s"):
                        runs[label][key] = min(runs[label][key], one[key])
                else:
                    runs[label] = one
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    def ms(times: list[float], share: float) -> float:
        times = sorted(times)
        return 1000 * (statistics.median(times) if share == 0.5 else times[int(share * (len(times) - 1))])

    print(f"{'':10}{'build s':>9}{'english p50':>13}{'p95 ms':>8}{'foreign p50':>13}{'p95 ms':>8}{'recall':>9}")
    for label, r in runs.items():
        found = sum(r["found"])
        print(
            f"{label:10}{r['build_s']:9.2f}{ms(r['english'], 0.5):13.2f}{ms(r['english'], 0.95):8.2f}"
            f"{ms(r['foreign'], 0.5):13.2f}{ms(r['foreign'], 0.95):8.2f}{found:>5}/{len(r['found'])}"
        )
    print(f"\nCPU time{'':2}{'build s':>9}{'english p50':>13}{'p95 ms':>8}{'touched p50':>13}{'p95 ms':>8}")
    for label, r in runs.items():
        print(
            f"{label:10}{r['build_cpu_s']:9.2f}{ms(r['english_cpu'], 0.5):13.2f}{ms(r['english_cpu'], 0.95):8.2f}"
            f"{ms(r['touched_cpu'], 0.5):13.2f}{ms(r['touched_cpu'], 0.95):8.2f}"
        )
    print(
        f"touched queries: {len(touched)}; wall p50 "
        + ", ".join(f"{k} {ms(r['touched'], 0.5):.2f} ms" for k, r in runs.items())
    )
    print("their hits (total over all): " + ", ".join(f"{k} {r['touched_total']}" for k, r in runs.items()))
    if "before" in runs:
        changed = [
            (q, a, b)
            for q, a, b in zip(english, runs["before"]["english_hits"], runs["after"]["english_hits"])
            if a != b
        ]
        print(f"English queries whose hits (top 10, in order) changed: {len(changed)} of {len(english)}")
        for q, a, b in changed[:5]:
            print(
                f"  {q}: {', '.join(sorted(set(b) - set(a))) or 'order'} (new) / {', '.join(sorted(set(a) - set(b)))} (gone)"
            )
    after = runs["after"]["found"]
    missed = [q for (q, _, _), hit in zip(HAND_CHECK, after) if not hit]
    if missed:
        print("missed after:", ", ".join(missed))


if __name__ == "__main__":
    main()
