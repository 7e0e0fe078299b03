"""MSRP's sentence pairs (msrp-dev/pairs.tsv), read with the standard library only: the
alignment evaluation reads them with reader's modules, the encoder's fine-tuning in a PyTorch
venv without them.

pairs.tsv is tab-separated, with a header: Quality (1 = paraphrase, 0 = not), #1 ID, #2 ID,
#1 String, #2 String. Rows that are not of that shape are skipped.
"""

from __future__ import annotations

import csv
from pathlib import Path


def read_pairs(path: Path) -> list[tuple[int, str, str]]:
    """(quality, first sentence, second sentence) of each pair in the file, in file order."""
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 5 and row[0].strip() in ("0", "1"):
                rows.append((int(row[0]), row[3], row[4]))
    return rows
