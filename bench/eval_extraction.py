"""Extraction evaluation: reader's HTML pipeline against plain trafilatura, on the same pages.

    python bench/eval_extraction.py FOLDER [--limit N] [--worst K] [--variants]

FOLDER holds `html/<id>.html` pages and `ground-truth.json` ({id: {"articleBody", "url"}}), like
the article-extraction-benchmark's layout. For every page it scores the clean text reader gives
(reader.corpus.load_path: trafilatura with reader's options, then clean_and_infer: boilerplate
rules, whitespace) and `trafilatura.extract` with its defaults, by token overlap with the
expected body (lower-cased word tokens, counted with multiplicity): precision, recall and F1,
micro (over all tokens) and mean per page. A page where an extractor finds nothing scores 0.
`--variants` also scores other trafilatura option sets through reader's pipeline (for tuning).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> Counter:
    return Counter(TOKEN.findall((text or "").casefold()))


class Score:
    def __init__(self, name: str):
        self.name = name
        self.overlap = self.predicted = self.expected = 0
        self.pages: list[tuple[float, float, float]] = []
        self.empty = 0
        self.seconds = 0.0

    def add(self, predicted: str | None, expected: str) -> float:
        p, e = tokens(predicted), tokens(expected)
        overlap = sum((p & e).values())
        np_, ne = sum(p.values()), sum(e.values())
        self.overlap += overlap
        self.predicted += np_
        self.expected += ne
        if not np_:
            self.empty += 1
        prec = overlap / np_ if np_ else 0.0
        rec = overlap / ne if ne else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        self.pages.append((prec, rec, f1))
        return f1

    def row(self) -> str:
        mp = self.overlap / self.predicted if self.predicted else 0.0
        mr = self.overlap / self.expected if self.expected else 0.0
        mf = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
        n = len(self.pages) or 1
        ap = sum(p[0] for p in self.pages) / n
        ar = sum(p[1] for p in self.pages) / n
        af = sum(p[2] for p in self.pages) / n
        return (
            f"{self.name:<34} {mp:6.3f} {mr:6.3f} {mf:6.3f}   {ap:6.3f} {ar:6.3f} {af:6.3f}"
            f"   {self.empty:5d}  {self.seconds:6.1f}"
        )


def reader_pipeline():
    """reader's own path for one file: the loader when present, else parse_html + clean_and_infer."""
    try:
        from reader.corpus import load_path
    except ImportError:
        load_path = None
    if load_path is not None:

        def run(path: Path, html: str) -> str | None:
            result = load_path(path)
            return result.articles[0].text if result.articles else None

        return "reader (load_path)", run
    from reader.corpus.clean import clean_and_infer
    from reader.corpus.html import parse_html

    def run_direct(path: Path, html: str) -> str | None:
        try:
            body, meta = parse_html(html, source_name=path.name)
        except ValueError:
            return None
        return clean_and_infer(body, meta, source_name=path.name)[0]

    return "reader (parse_html+clean)", run_direct


def variant_pipeline(options: dict):
    """reader's parse_html + clean_and_infer with other trafilatura options (for tuning)."""
    from reader.corpus import html as html_module
    from reader.corpus.clean import clean_and_infer

    def run(path: Path, html: str) -> str | None:
        saved = dict(html_module.EXTRACT_OPTIONS)
        html_module.EXTRACT_OPTIONS.update(options)
        try:
            body, meta = html_module.parse_html(html, source_name=path.name)
        except ValueError:
            return None
        finally:
            html_module.EXTRACT_OPTIONS.clear()
            html_module.EXTRACT_OPTIONS.update(saved)
        return clean_and_infer(body, meta, source_name=path.name)[0]

    return run


def no_rules_pipeline():
    """parse_html alone: what the boilerplate rules and the tidying add."""
    from reader.corpus.html import parse_html

    def run(path: Path, html: str) -> str | None:
        try:
            return parse_html(html, source_name=path.name)[0]
        except ValueError:
            return None

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder with html/ and ground-truth.json")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--worst", type=int, default=0, help="list the K pages where reader loses most")
    parser.add_argument("--variants", action="store_true", help="also score other trafilatura options")
    args = parser.parse_args(argv)

    truth_path = args.folder / "ground-truth.json"
    try:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"error: cannot read {truth_path}: {exc}", file=sys.stderr)
        return 2
    if not isinstance(truth, dict) or not truth:
        print(f"error: {truth_path} holds no pages", file=sys.stderr)
        return 2

    import trafilatura
    from reader.corpus import html as _html  # noqa: F401  (silences trafilatura's logging)

    name, ours = reader_pipeline()
    systems = [(name, ours), ("trafilatura.extract (defaults)", lambda p, h: trafilatura.extract(h))]
    if args.variants:
        from reader.corpus.html import EXTRACT_OPTIONS

        for label, options in [
            ("  variant: favor_precision off", {"favor_precision": False}),
            ("  variant: favor_recall", {"favor_precision": False, "favor_recall": True}),
            ("  variant: no tables", {"include_tables": False}),
            ("  variant: with comments", {"include_comments": True}),
        ]:
            systems.append((label, variant_pipeline(options)))
        systems.append(("  variant: no boilerplate rules", no_rules_pipeline()))
        print(f"reader's trafilatura options: {EXTRACT_OPTIONS}")
    scores = [Score(label) for label, _ in systems]
    per_page: list[tuple[str, list[float]]] = []

    ids = sorted(truth)[: args.limit] if args.limit else sorted(truth)
    missing = 0
    for page_id in ids:
        path = args.folder / "html" / f"{page_id}.html"
        if not path.is_file():
            missing += 1
            continue
        raw = path.read_bytes()
        html = raw.decode("utf-8", errors="replace")
        expected = truth[page_id].get("articleBody") or ""
        f1s = []
        for (label, run), score in zip(systems, scores):
            start = time.perf_counter()
            try:
                predicted = run(path, html)
            except Exception as exc:  # an extractor crash counts as an empty result, and is shown
                print(f"  {label}: {page_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
                predicted = None
            score.seconds += time.perf_counter() - start
            f1s.append(score.add(predicted, expected))
        per_page.append((page_id, f1s))

    print(f"{len(per_page)} pages from {args.folder}" + (f" ({missing} listed pages missing)" if missing else ""))
    print(f"{'':<34} {'micro':^20}   {'mean per page':^20}   {'empty':>5}  {'secs':>6}")
    print(f"{'system':<34} {'P':>6} {'R':>6} {'F1':>6}   {'P':>6} {'R':>6} {'F1':>6}")
    for score in scores:
        print(score.row())
    if args.worst:
        print("\npages where reader's F1 is furthest below trafilatura's:")
        worst = sorted(per_page, key=lambda item: item[1][0] - item[1][1])[: args.worst]
        for page_id, f1s in worst:
            print(f"  {page_id[:16]}  reader {f1s[0]:.3f}  trafilatura {f1s[1]:.3f}  {truth[page_id].get('url', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
