"""Evaluate story grouping against gold stories; compare with a plain TF-IDF average-link baseline.

    python bench/eval_stories.py /work/shared/corpora/basil-dev [--scale 1000,10000]

The corpus folder holds Markdown articles with YAML front matter and a `stories.yaml` gold file
(a list of {story, event, articles: [file names]}). Prints pairwise and B-cubed precision, recall
and F1 for:
  * ours with its default parameters;
  * ours with the threshold cross-validated over events (2 folds, repeated with 5 seeds): the
    threshold is picked on one half of the events and scored on the other half;
  * the baseline (TF-IDF over content words, cosine, average link, nothing else) both with its
    best threshold on the whole data (an optimistic upper bound for it) and cross-validated in
    the same way.
`--force-blocking` finds candidate pairs as beyond EXHAUSTIVE_MAX articles (an inverted index over
each article's distinctive terms) even on a small corpus, which otherwise compares every pair.
`--no-dates` strips every date (the grouping of undated articles).
`--scale` times group_stories on N synthetic articles made from the corpus: a dense one-year
corpus where every copy of an event has its own rare words and its own dates (see `synthetic`).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis import stories as stories_mod  # noqa: E402
from reader.analysis.stories import features as story_features_mod  # noqa: E402
from reader.analysis.stories import grouping as story_grouping  # noqa: E402
from reader.analysis.stories import similarity as story_similarity  # noqa: E402
from reader.analysis.stories import stats as story_stats  # noqa: E402
from reader.analysis.stories import (  # noqa: E402
    DEFAULT_PARAMS,
    average_link,
    group_stories,
)
from reader.analysis.textstats import TfidfModel, content_words, cosine  # noqa: E402


@dataclass
class Doc:
    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None


def load_docs(root: Path) -> list[Doc]:
    """Markdown with YAML front matter; the id is the file name without extension."""
    try:
        from reader.corpus import load_corpus  # the project's loader, once it exists

        result = load_corpus([root])
        docs = [Doc(a.id, a.text, a.title, a.outlet, a.date) for a in result.articles]
        if docs:
            return docs
    except Exception as exc:  # noqa: BLE001 - fall back to a minimal reader of our own
        print(f"(project loader unavailable: {type(exc).__name__}; using the bench's own reader)", file=sys.stderr)
    docs = []
    for path in sorted(root.glob("*.md")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        meta: dict = {}
        body = raw
        if raw.startswith("---"):
            parts = raw.split("---", 2)
            if len(parts) == 3:
                meta = yaml.safe_load(parts[1]) or {}
                body = parts[2]
        title = meta.get("title")
        body = body.strip()
        if title and body.startswith(str(title)):
            body = body[len(str(title)) :].lstrip()
        docs.append(Doc(path.stem, body, title, meta.get("outlet"), str(meta["date"]) if meta.get("date") else None))
    return docs


def load_gold(root: Path) -> dict[str, str]:
    gold = {}
    for entry in yaml.safe_load((root / "stories.yaml").read_text(encoding="utf-8")):
        for name in entry["articles"]:
            gold[Path(name).stem] = str(entry["story"])
    return gold


# -- metrics ---------------------------------------------------------------------------------------


def prf(p: float, r: float) -> tuple[float, float, float]:
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    ids = sorted(gold)
    tp = fp = fn = 0
    for a, b in combinations(ids, 2):
        same_p = pred[a] == pred[b]
        same_g = gold[a] == gold[b]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    return prf(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    ids = sorted(gold)
    by_pred: dict[str, set] = {}
    by_gold: dict[str, set] = {}
    for i in ids:
        by_pred.setdefault(pred[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    ps, rs = [], []
    for i in ids:
        cp, cg = by_pred[pred[i]], by_gold[gold[i]]
        inter = len(cp & cg)
        ps.append(inter / len(cp))
        rs.append(inter / len(cg))
    return prf(statistics.fmean(ps), statistics.fmean(rs))


# -- the two systems -------------------------------------------------------------------------------


class Ours:
    """group_stories, with the features and similarity graph computed once for many thresholds."""

    def __init__(self, docs: list[Doc], quotes: dict | None = None, params=DEFAULT_PARAMS):
        self.docs = docs
        self.params = params
        self.features = story_stats._features(docs, quotes)
        self.sims = story_similarity._similarities(self.features, params)

    def run(self, threshold: float | None = None) -> dict[str, str]:
        params = self.params if threshold is None else replace(self.params, threshold=threshold)
        out = {}
        for story in story_grouping._group(self.features, self.sims, params):
            for aid in story.articles:
                out[aid] = story.id
        return out


def ours(docs: list[Doc], quotes: dict | None = None) -> dict[str, str]:
    """The public entry point, exactly as the indexer calls it."""
    out = {}
    for story in group_stories(docs, quotes):
        for aid in story.articles:
            out[aid] = story.id
    return out


class Baseline:
    """Plain TF-IDF (content words of title + text), cosine, average link; all pairs."""

    def __init__(self, docs: list[Doc]):
        self.docs = docs
        words = [content_words((d.title or "") + "\n" + d.text) for d in docs]
        model = TfidfModel(words)
        vecs = [model.vector(w) for w in words]
        self.sims = {}
        for i, j in combinations(range(len(docs)), 2):
            s = cosine(vecs[i], vecs[j])
            if s > 0:
                self.sims[(i, j)] = s

    def run(self, threshold: float, subset: list[int] | None = None) -> dict[str, str]:
        idx = list(range(len(self.docs))) if subset is None else subset
        pos = {k: n for n, k in enumerate(idx)}
        sims = {(pos[i], pos[j]): s for (i, j), s in self.sims.items() if i in pos and j in pos}
        out = {}
        for c, members in enumerate(average_link(len(idx), sims, threshold)):
            for m in members:
                out[self.docs[idx[m]].id] = f"b{c}"
        return out


GRID = [round(0.05 + 0.01 * k, 2) for k in range(46)]  # 0.05 .. 0.50


def best_threshold(run, gold: dict[str, str]) -> tuple[float, float]:
    """The middle of the range of grid thresholds with the best B-cubed F1 (robust to plateaus)."""
    scores = [(t, bcubed(run(t), gold)[2]) for t in GRID]
    top = max(f1 for _, f1 in scores)
    best = [t for t, f1 in scores if f1 >= top - 1e-9]
    return best[len(best) // 2], top


def cross_validated(
    docs: list[Doc], gold: dict[str, str], system: str, quotes: dict | None = None, seeds=range(5)
) -> tuple[list, list]:
    """2-fold CV over events, repeated: (pairwise PRF means, B-cubed PRF means), chosen thresholds."""
    events = sorted(set(gold.values()))
    pw_all, b3_all, chosen = [], [], []
    for seed in seeds:
        rng = random.Random(seed)
        shuffled = events[:]
        rng.shuffle(shuffled)
        halves = [set(shuffled[: len(shuffled) // 2]), set(shuffled[len(shuffled) // 2 :])]
        pred: dict[str, str] = {}
        for k in (0, 1):
            train = [d for d in docs if gold[d.id] in halves[k]]
            test = [d for d in docs if gold[d.id] in halves[1 - k]]
            g_train = {d.id: gold[d.id] for d in train}
            if system == "ours":
                t, _ = best_threshold(Ours(train, quotes).run, g_train)
                part = Ours(test, quotes).run(t)
            else:
                base_train, base_test = Baseline(train), Baseline(test)
                t, _ = best_threshold(base_train.run, g_train)
                part = base_test.run(t)
            chosen.append(t)
            pred.update({aid: f"{k}:{sid}" for aid, sid in part.items()})
        pw_all.append(pairwise(pred, gold))
        b3_all.append(bcubed(pred, gold))
    mean = lambda rows: tuple(statistics.fmean(r[i] for r in rows) for i in range(3))  # noqa: E731
    return [mean(pw_all), mean(b3_all)], chosen


def fmt(name: str, pw, b3) -> str:
    return (
        f"{name:<38} pairwise P {pw[0]:.3f} R {pw[1]:.3f} F1 {pw[2]:.3f} | "
        f"B-cubed P {b3[0]:.3f} R {b3[1]:.3f} F1 {b3[2]:.3f}"
    )


def synthetic(docs: list[Doc], n: int, event_of: dict[str, str], seed: int = 7) -> list[Doc]:
    """n distinct articles made from docs, as a dense one-year corpus of distinct events.

    Each copy of a gold event gets its own rare words (words in at most 3 of the original
    articles get a per-copy suffix, so copies are different events on similar topics while
    common words stay shared) and its own date in 2020 (the outlets' relative days are kept).
    """
    import re
    from datetime import date, timedelta

    word_re = re.compile(r"[^\W_]+")
    df: dict[str, int] = {}
    for d in docs:
        for w in set(word_re.findall(((d.title or "") + " " + d.text).casefold())):
            df[w] = df.get(w, 0) + 1

    def suffix(k: int) -> str:
        letters = ""
        k += 1
        while k:
            k, r = divmod(k - 1, 26)
            letters = chr(97 + r) + letters
        return "q" + letters

    def rename(text: str, tag: str) -> str:
        return word_re.sub(
            lambda m: m.group() + tag if df.get(m.group().casefold(), 0) <= 3 and len(m.group()) > 3 else m.group(),
            text,
        )

    rng = random.Random(seed)
    out: list[Doc] = []
    copy = 0
    base = date(2020, 1, 1)
    while len(out) < n:
        tag = suffix(copy)
        offsets: dict[str, int] = {}
        for d in docs:
            if len(out) >= n:
                break
            day = None
            if d.date:
                orig = date.fromisoformat(d.date[:10])
                # One random start day per (copy, event); the outlets' relative days are kept.
                event = event_of.get(d.id, d.id)
                if event not in offsets:
                    first = min(
                        date.fromisoformat(x.date[:10]) for x in docs if event_of.get(x.id, x.id) == event and x.date
                    )
                    offsets[event] = rng.randrange(365) - first.toordinal()
                day = (base + timedelta(days=offsets[event] + orig.toordinal())).isoformat()
            out.append(Doc(f"{d.id}-{tag}", rename(d.text, tag), rename(d.title or "", tag) or None, d.outlet, day))
        copy += 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder with *.md articles and stories.yaml")
    parser.add_argument("--scale", default="", help="comma-separated sizes to time, e.g. 1000,10000")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation runs")
    parser.add_argument(
        "--no-quotes",
        action="store_true",
        help="don't run reader.analysis.quotes (stories then spot quotations by their marks)",
    )
    parser.add_argument(
        "--force-blocking",
        action="store_true",
        help="find candidate pairs by blocking (the path beyond EXHAUSTIVE_MAX articles) at any size",
    )
    parser.add_argument(
        "--no-dates",
        action="store_true",
        help="strip every article's date (how a folder of undated text files or pages is grouped)",
    )
    args = parser.parse_args(argv)
    if args.force_blocking:
        # A small labelled corpus compares every pair; this judges the large corpora's path on it.
        story_similarity.EXHAUSTIVE_MAX = 0
    if not (args.corpus / "stories.yaml").is_file():
        print(f"eval_stories: no stories.yaml in {args.corpus}", file=sys.stderr)
        return 2
    docs = load_docs(args.corpus)
    gold = load_gold(args.corpus)
    docs = [d for d in docs if d.id in gold]
    gold = {d.id: gold[d.id] for d in docs}
    if args.no_dates:
        docs = [replace(d, date=None) for d in docs]
    print(
        f"{len(docs)} articles, {len(set(gold.values()))} gold stories"
        + ("; candidate pairs by blocking (--force-blocking)" if args.force_blocking else "")
        + ("; dates stripped (--no-dates)" if args.no_dates else "")
    )
    quotes = None
    if not args.no_quotes:
        try:
            from reader.analysis.quotes import find_quotes

            quotes = {d.id: find_quotes(d.text) for d in docs}
            print(f"quotes from reader.analysis.quotes: {sum(len(q) for q in quotes.values())}")
        except ImportError:
            print("(reader.analysis.quotes unavailable: quotations spotted by their marks)")

    t0 = time.perf_counter()
    pred = ours(docs, quotes)
    took = time.perf_counter() - t0
    print(fmt(f"ours (default threshold {DEFAULT_PARAMS.threshold})", pairwise(pred, gold), bcubed(pred, gold)))
    print(f"  group_stories on {len(docs)} articles: {took:.2f} s")
    # Incremental: the articles arrive in random batches of 10 (some removed and re-added), as
    # `reader index` sees a growing corpus; update_stories after each batch.
    rng = random.Random(1)
    order = docs[:]
    rng.shuffle(order)
    records = {}
    stories: list = []
    t0 = time.perf_counter()
    for start in range(0, len(order), 10):
        batch = order[start : start + 10]
        for d in batch:
            records[d.id] = stories_mod.story_features(d, (quotes or {}).get(d.id) if quotes else None)
        gone = rng.sample(sorted(records), 2) if len(records) > 20 else []
        for aid in gone:
            records.pop(aid)
        stories = stories_mod.update_stories(stories, records, [d.id for d in batch], gone)
        back = [d for d in order if d.id in gone]
        for d in back:
            records[d.id] = stories_mod.story_features(d, (quotes or {}).get(d.id) if quotes else None)
        stories = stories_mod.update_stories(stories, records, [d.id for d in back], [])
    took = time.perf_counter() - t0
    ipred = {a: s.id for s in stories for a in s.articles}
    same = sorted(sorted(s.articles) for s in stories) == sorted(
        sorted(s.articles) for s in stories_mod.cluster_stories(list(records.values()))
    )
    print(fmt("ours, incremental (update_stories)", pairwise(ipred, gold), bcubed(ipred, gold)))
    print(f"  {2 * ((len(order) + 9) // 10)} updates in {took:.2f} s; same grouping as a full run: {same}")
    base = Baseline(docs)
    bt, _ = best_threshold(base.run, gold)
    bpred = base.run(bt)
    print(fmt(f"baseline (best threshold on data {bt})", pairwise(bpred, gold), bcubed(bpred, gold)))
    mine = Ours(docs, quotes)
    ot, _ = best_threshold(mine.run, gold)
    opred = mine.run(ot)
    print(fmt(f"ours (best threshold on data {ot})", pairwise(opred, gold), bcubed(opred, gold)))
    if not args.no_cv:
        (pw, b3), chosen = cross_validated(docs, gold, "ours", quotes)
        print(fmt("ours (threshold 2-fold CV x5)", pw, b3), f" thresholds {min(chosen)}..{max(chosen)}")
        (pw, b3), chosen = cross_validated(docs, gold, "baseline")
        print(fmt("baseline (threshold 2-fold CV x5)", pw, b3), f" thresholds {min(chosen)}..{max(chosen)}")
    for size in [int(s) for s in args.scale.split(",") if s.strip()]:
        many = synthetic(docs, size, gold)
        truth = {d.id: gold[d.id.rsplit("-", 1)[0]] + "/" + d.id.rsplit("-", 1)[1] for d in many}
        story_features_mod._CACHE.clear()
        t0, c0 = time.perf_counter(), time.process_time()
        stories = group_stories(many)
        took, cpu = time.perf_counter() - t0, time.process_time() - c0
        pred = {a: s.id for s in stories for a in s.articles}
        b3 = bcubed(pred, truth)
        print(
            f"scale: {size} articles -> {len(stories)} stories in {took:.1f} s wall, {cpu:.1f} s CPU "
            f"(B-cubed F1 vs synthetic events {b3[2]:.3f}; copies of one event close in time may merge)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
