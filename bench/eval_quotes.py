"""Evaluate quotation finding against a PolNeAR-style gold file.

    python bench/eval_quotes.py CORPUS_DIR [--errors N] [--limit N]

CORPUS_DIR holds `quotes.json` (a list of {"file", "quotes": [{"text", "start", "speaker"}]}, offsets
into the file) and the text files it names. Prints, for reader's `find_quotes`, for its quotations as
`reader quotes` lists them (the parts of an interrupted quotation or of one over paragraphs joined:
reader.quotations) and for a naive baseline (every span between double marks, no speaker) in the same run:
- token-overlap precision and recall (micro: word tokens inside predicted vs gold quote spans);
- quote-level recall (gold quotes with >= half their tokens predicted);
- speaker accuracy over matched gold quotes that name a speaker: the gold speaker is the span as
  written ("he", "the Florida senator", "Trump"), so a prediction is right when the head word (last
  word) of the gold speaker is a word of reader's mention as written or of its resolved speaker, or
  the other way round;
- speed in articles per second (find_quotes only, best of 3 passes; the first is the one pass
  whose quotations every measure above reads).
When some articles have no gold quotation (possibly not annotated), the figures over the others
are printed too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis.quotes import Quote, find_quotes  # noqa: E402
from reader.quotations import quotations  # noqa: E402

_TOKEN = re.compile(r"\w+")
_DROP = {"the", "a", "an", "of", "mr", "mrs", "ms", "dr", "sen", "president", "gov", "rep"}


def tokens_in(text: str, spans) -> set[int]:
    """Start offsets of the word tokens that lie inside any of the (start, end) spans."""
    out: set[int] = set()
    for start, end in spans:
        for m in _TOKEN.finditer(text, start, end):
            out.add(m.start())
    return out


def words(value: str | None) -> list[str]:
    return [w for w in _TOKEN.findall((value or "").lower()) if w not in _DROP]


def speaker_matches(gold: str, predicted: list[str | None]) -> bool:
    gold_words = words(gold)
    if not gold_words:
        return False
    for value in predicted:
        pw = words(value)
        if pw and (gold_words[-1] in pw or pw[-1] in gold_words):
            return True
    return False


@dataclass
class Article:
    """One file of the corpus, analysed once: its text and the quotes find_quotes found in it."""

    file: str
    text: str
    found: list[Quote]


def analyse(entries, root: Path) -> tuple[dict[str, Article], float]:
    """Each file's text and quotes, find_quotes run once per file; and the CPU seconds it took."""
    articles: dict[str, Article] = {}
    spent = 0.0
    for entry in entries:
        text = (root / entry["file"]).read_text(encoding="utf-8")
        t0 = time.process_time()
        found = find_quotes(text)
        spent += time.process_time() - t0
        articles[entry["file"]] = Article(entry["file"], text, found)
    return articles, spent


def naive(article: Article):
    """Every span between a pair of double marks on one line."""
    out = []
    for m in re.finditer(r"[\"“«]([^\"”»\n]+)[\"”»]", article.text):
        out.append((m.start(1), m.end(1), None, None))
    return out


def ours(article: Article):
    return [(q.start, q.end, q.mention, q.speaker) for q in article.found]


def as_shown(article: Article):
    """The quotations as `reader quotes` and the app list them: the parts of one joined, its
    tokens those of its parts (the narration between them not counted), one speaker for all."""
    return [
        (q.start, q.end, q.mention, q.speaker, [(p.start, p.end) for p in q.parts])
        for q in quotations(article.text, article.found)
    ]


def spans_of(predicted) -> list[tuple[int, int]]:
    """The spans a prediction quotes: its parts when it has them, else (start, end)."""
    return predicted[4] if len(predicted) > 4 else [(predicted[0], predicted[1])]


def evaluate(entries, articles: dict[str, Article], predict, show_errors: int = 0, label: str = ""):
    tp = n_pred = n_gold = 0
    matched = gold_quotes = 0
    spk_right = spk_total = 0
    shown = 0
    fp_split = fp_long = fp_short = 0  # false-positive tokens, by kind (see main)
    for entry in entries:
        article = articles[entry["file"]]
        text = article.text
        gold = [(q["start"], q["start"] + len(q["text"]), q.get("speaker")) for q in entry["quotes"]]
        pred = predict(article)
        g_tokens = tokens_in(text, [(s, e) for s, e, _ in gold])
        p_tokens = tokens_in(text, [span for p in pred for span in spans_of(p)])
        tp += len(g_tokens & p_tokens)
        n_gold += len(g_tokens)
        n_pred += len(p_tokens)
        for p in pred:
            pt = tokens_in(text, spans_of(p))
            if pt & g_tokens:
                fp_split += len(pt - g_tokens)
            elif len(pt) >= 8:
                fp_long += len(pt)
            else:
                fp_short += len(pt)
        for gs, ge, gspk in gold:
            gt = tokens_in(text, [(gs, ge)])
            if not gt:
                continue
            gold_quotes += 1
            best, best_overlap = None, 0
            for p in pred:
                overlap = len(gt & tokens_in(text, spans_of(p)))
                if overlap > best_overlap:
                    best, best_overlap = p, overlap
            if best is not None and best_overlap * 2 >= len(gt):
                matched += 1
                if gspk:
                    spk_total += 1
                    if speaker_matches(gspk, [best[2], best[3]]):
                        spk_right += 1
                    elif shown < show_errors:
                        shown += 1
                        print(f"  speaker: gold {gspk!r} got {best[2]!r} -> {best[3]!r}: {text[gs:ge][:60]!r}")
            elif shown < show_errors:
                shown += 1
                print(f"  missed: {text[max(0, gs - 60) : gs]!r} [{text[gs:ge][:60]!r}]")
        if show_errors and shown < show_errors:
            for p in pred:
                pt = tokens_in(text, spans_of(p))
                if pt and not (pt & g_tokens) and shown < show_errors:
                    shown += 1
                    print(f"  extra: {text[max(0, p[0] - 60) : p[0]]!r} [{text[p[0] : p[1]][:60]!r}] {p[3]!r}")
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "label": label,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "quote_recall": matched / gold_quotes if gold_quotes else 0.0,
        "speaker_accuracy": spk_right / spk_total if spk_total else 0.0,
        "speaker_total": spk_total,
        "gold_quotes": gold_quotes,
        "fp_split": fp_split,
        "fp_long": fp_long,
        "fp_short": fp_short,
        "pred_tokens": n_pred,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder with quotes.json and the text files")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N errors")
    parser.add_argument("--limit", type=int, default=0, metavar="N", help="only the first N files")
    args = parser.parse_args(argv)
    gold_path = args.corpus / "quotes.json"
    if not gold_path.is_file():
        print(f"eval_quotes: no quotes.json in {args.corpus}", file=sys.stderr)
        return 2
    entries = json.loads(gold_path.read_text(encoding="utf-8"))
    if args.limit:
        entries = entries[: args.limit]
    articles, first_pass = analyse(entries, args.corpus)
    results = [
        evaluate(entries, articles, naive, label="baseline: every span between marks"),
        evaluate(entries, articles, ours, show_errors=args.errors, label="reader find_quotes"),
        evaluate(entries, articles, as_shown, label="reader quotations (as listed)"),
    ]
    print(f"{len(entries)} articles, {results[0]['gold_quotes']} gold quotes")
    for r in results:
        print(
            f"{r['label']:<38} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}  "
            f"quote recall {r['quote_recall']:.3f}  speaker acc {r['speaker_accuracy']:.3f} "
            f"(of {r['speaker_total']})"
        )
    annotated = [e for e in entries if e["quotes"]]
    if len(annotated) < len(entries):
        # Articles with no gold quotation at all may simply not be annotated (polnear-dev's New
        # York Times articles, full of quotations): every quotation found there counts against
        # precision above. The same measures over the annotated articles alone:
        a = evaluate(annotated, articles, ours, label="")
        print(
            f"{len(entries) - len(annotated)} articles have no gold quotation; over the other "
            f"{len(annotated)}: P {a['precision']:.3f}  R {a['recall']:.3f}  F1 {a['f1']:.3f}  "
            f"speaker acc {a['speaker_accuracy']:.3f}"
        )
    shown_count = sum(len(as_shown(a)) for a in articles.values())
    found_count = sum(len(a.found) for a in articles.values())
    print(f"quotations listed: {shown_count} of {found_count} quotes found (the parts of one joined)")
    r = results[1]
    if r["pred_tokens"]:
        # Where precision goes: tokens of predicted quotes that overlap a gold quote but lie
        # outside it (the gold marks only part of a quote, e.g. its first sentence), of predicted
        # quotes of >= 8 words the gold lacks entirely, and of shorter ones (partial quotes in
        # reported speech the gold leaves out, plus scare quotes and titles we take).
        n = r["pred_tokens"]
        print(
            f"false-positive tokens: {r['fp_split']} beyond a gold quote's edge "
            f"({r['fp_split'] / n:.1%} of predicted), {r['fp_long']} in quotes of >= 8 words "
            f"with no gold ({r['fp_long'] / n:.1%}), {r['fp_short']} in shorter ones "
            f"({r['fp_short'] / n:.1%})"
        )
    texts = [a.text for a in articles.values()]
    best = first_pass
    for _ in range(2):
        t0 = time.process_time()
        for text in texts:
            find_quotes(text)
        best = min(best, time.process_time() - t0)
    chars = sum(len(t) for t in texts)
    print(
        f"speed: {len(texts) / best:.0f} articles/s ({chars / best / 1e6:.2f} M chars/s, "
        f"mean {chars // max(1, len(texts))} chars/article)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
