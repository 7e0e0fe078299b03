"""How closely our labellers agree with align-dev's: blind labels of align-dev pairs against its own.

    python bench/label_agreement.py ../shared/corpora/align-dev [--blind bench/labels/align-dev-blind.jsonl]

Each line of the blind file is one align-dev pair labelled again, under align-dev's README rules, by
one of the labellers of bench/labels/basil-pairs.jsonl before they labelled their own pairs, without
seeing align-dev's labels (its sentence numbering, so the link indexes compare directly). The blind
links are scored the way align-dev scores a method: a link in align-dev's `links` is a true
positive, one in its `secondary_links` is ignored, any other is a false positive; recall over
align-dev's `links`. Also printed: how often a gold link was called secondary, and the overlap (Dice)
of every mark, link or secondary.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

BLIND = Path(__file__).resolve().parent / "labels" / "align-dev-blind.jsonl"


def _marks(record: dict, kind: str) -> set[tuple[int, int]]:
    return {(int(i), int(j)) for i, j in record[kind]}


def agreement(blind: dict, gold: dict) -> dict[str, int]:
    links, secondary = _marks(blind, "links"), _marks(blind, "secondary_links")
    gold_links, gold_secondary = _marks(gold, "links"), _marks(gold, "secondary_links")
    return {
        "tp": len(links & gold_links),
        "fp": len(links - gold_links - gold_secondary),
        "gold_links": len(gold_links),
        "called_secondary": len(gold_links & secondary),
        "missed": len(gold_links - links - secondary),
        "marks_both": len((links | secondary) & (gold_links | gold_secondary)),
        "marks": len(links | secondary) + len(gold_links | gold_secondary),
    }


def _prf(t: dict[str, int]) -> tuple[float, float, float]:
    p = t["tp"] / max(1, t["tp"] + t["fp"])
    r = t["tp"] / max(1, t["gold_links"])
    return p, r, 2 * p * r / max(1e-9, p + r)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("align_dev", type=Path)
    parser.add_argument("--blind", type=Path, default=BLIND)
    args = parser.parse_args(argv)
    total: dict[str, int] = {}
    for line in args.blind.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        blind = json.loads(line)
        name = f"{blind['left_id']}__{blind['right_id']}"
        gold_path = args.align_dev / f"{name}.json"
        if not gold_path.exists():
            print(f"label_agreement: {gold_path} not found", file=sys.stderr)
            return 1
        t = agreement(blind, json.loads(gold_path.read_text(encoding="utf-8")))
        p, r, _ = _prf(t)
        print(
            f"{blind.get('labeller', '?'):28s} {name[:48]:48s} links {t['tp'] + t['fp']:3d} of gold {t['gold_links']:3d}: "
            f"P {p:.2f} R {r:.2f}; gold links called secondary {t['called_secondary']}, missed {t['missed']}"
        )
        for key, value in t.items():
            total[key] = total.get(key, 0) + value
    p, r, f = _prf(total)
    print(
        f"all: P {p:.3f} R {r:.3f} F1 {f:.3f}; gold links called secondary {total['called_secondary']}, "
        f"missed {total['missed']}; every mark, Dice {2 * total['marks_both'] / max(1, total['marks']):.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
