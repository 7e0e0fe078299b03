"""Sentence splitting: reader's splitter against pysbd, accuracy and speed, in one run.

    python bench/bench_sentences.py MSRP_DIR [ARTICLES_DIR] [--groups N]

Accuracy: MSRP sentences (pairs.tsv; each string is one news sentence) are joined into paragraphs
of five with single spaces; a splitter must find exactly the joins (boundary precision/recall,
and the share of paragraphs split exactly right). Hand-made news cases (abbreviations, initials,
decimals, quotes, "he wrote on X.") are scored the same way.
Speed: articles per second over the text files of ARTICLES_DIR (.txt/.md; e.g. polnear-dev/text)
or, without it, over the MSRP paragraphs; best of 3 passes.
pysbd is optional: without it only reader's figures are printed.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis.sentences import split_sentences  # noqa: E402

CASES = [
    ["Mr. Smith met Sen. Jones on Jan. 5 in Washington.", "They talked for an hour."],
    ["The U.S. President spoke on Tuesday.", "U.S. officials agreed."],
    ["He lives in the U.S.", "The rest of us do not."],
    ["George W. Bush met J. K. Rowling.", "Then they left."],
    ["It cost $3.5 million, or 2.75 percent.", "Markets rose 1.2%."],
    ['"We will meet," he wrote on X.', '"It will be great."'],
    ["“Why now?” he asked.", "“Because,” she said."],
    ["She called it “productive.”", "The Kremlin disagreed."],
    ["Gen. Mark Milley and Gov. Ron DeSantis arrived at 5 p.m.", "The talks began."],
    ["Shares of Apple Inc. rose 3 percent.", "Analysts cheered."],
    ["The vote was 52-48.", "Dr. Fauci testified on Capitol Hill."],
    ["He paused ... and went on.", "Nobody laughed."],
]


def reader_split(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def make_pysbd():
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    return lambda text: [s.strip() for s in segmenter.segment(text) if s.strip()]


def boundaries(parts: list[str]) -> set[int]:
    """Character offsets (ignoring spaces) where one sentence ends and the next starts."""
    out, pos = set(), 0
    for part in parts[:-1]:
        pos += len(part.replace(" ", ""))
        out.add(pos)
    return out


def score(split, paragraphs: list[list[str]]):
    tp = fp = fn = exact = 0
    for sentences in paragraphs:
        gold = boundaries(sentences)
        got = boundaries(split(" ".join(sentences)))
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
        exact += gold == got
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, exact / len(paragraphs)


def speed(split, texts: list[str]) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        for text in texts:
            split(text)
        best = min(best, time.process_time() - t0)
    return len(texts) / best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("msrp", type=Path, help="folder with pairs.tsv")
    parser.add_argument("articles", type=Path, nargs="?", help="folder of article text files")
    parser.add_argument("--groups", type=int, default=400, help="MSRP paragraphs to build")
    args = parser.parse_args(argv)
    tsv = args.msrp / "pairs.tsv"
    if not tsv.is_file():
        print(f"bench_sentences: no pairs.tsv in {args.msrp}", file=sys.stderr)
        return 2
    with tsv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    sentences = sorted({r["#1 String"].strip() for r in rows if r.get("#1 String")})
    rng = random.Random(4)
    rng.shuffle(sentences)
    paragraphs = [sentences[i : i + 5] for i in range(0, min(len(sentences), args.groups * 5), 5)]
    if args.articles:
        files = sorted(p for p in args.articles.rglob("*") if p.suffix in (".txt", ".md"))
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    else:
        texts = [" ".join(p) for p in paragraphs]
    splitters = [("reader split_sentences", reader_split)]
    sbd = make_pysbd()
    if sbd is not None:
        splitters.append(("pysbd 0.3 (en, clean=False)", sbd))
    else:
        print("pysbd not installed: only reader's splitter is measured")
    print(
        f"MSRP: {len(paragraphs)} paragraphs of 5 sentences; cases: {len(CASES)}; "
        f"speed over {len(texts)} texts ({sum(map(len, texts)) // max(1, len(texts))} chars mean)"
    )
    for name, split in splitters:
        p, r, exact = score(split, paragraphs)
        cp, cr, cexact = score(split, CASES)
        rate = speed(split, texts)
        print(
            f"{name:<28} MSRP P {p:.3f} R {r:.3f} exact {exact:.3f} | cases P {cp:.3f} "
            f"R {cr:.3f} exact {cexact:.3f} | {rate:,.0f} articles/s "
            f"({10000 / rate:.1f} s per 10,000)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
