"""Time of `reader state repair` on a marks file of --marks marks (100,000 by default) under
realistic damage, and the marks each of its two readings salvages alone: SQLite row by row
(repair._rows_through_sqlite) and its pages read without SQLite (repair._best_page_reading).

    python bench/bench_marks_repair.py [--marks 100000] [--work DIR]

Damages: the file truncated at half its pages, and in the middle of a page; a leaf page torn
(its second half zeros, where its cells are); a leaf page of random bytes; a zeroed interior
page; the first page zeroed; the 100-byte header zeroed. Everything is written under --work (a
temp folder by default). Run it with `nice` on a shared machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.state import repair as repairing  # noqa: E402
from reader.state.marks import Mark, MarkStore  # noqa: E402

PAGE = 4096  # SQLite's default page size, which MarkStore's files have
TABLE_LEAF, TABLE_INTERIOR = 0x0D, 0x05


def pages_of_kind(data: bytes, kind: int) -> list[int]:
    return [n for n in range(len(data) // PAGE) if data[n * PAGE + (100 if n == 0 else 0)] == kind]


def with_page(data: bytes, number: int, page: bytes, start: int = 0) -> bytes:
    damaged = bytearray(data)
    damaged[number * PAGE + start : (number + 1) * PAGE] = page
    return bytes(damaged)


def damages(sound: bytes) -> dict[str, bytes]:
    leaves, interiors = pages_of_kind(sound, TABLE_LEAF), pages_of_kind(sound, TABLE_INTERIOR)
    middle = leaves[len(leaves) // 2]
    return {
        "truncated at half its pages": sound[: len(sound) // 2 // PAGE * PAGE],
        "truncated inside a page": sound[: len(sound) // 2 + 1234],
        "a leaf torn (2nd half zeros)": with_page(sound, middle, bytes(PAGE // 2), PAGE // 2),
        "a leaf of random bytes": with_page(sound, middle, random.Random(1).randbytes(PAGE)),
        "an interior page zeroed": with_page(sound, interiors[0], bytes(PAGE)) if interiors else sound,
        "the first page zeroed": bytes(PAGE) + sound[PAGE:],
        "the header zeroed (100 B)": bytes(100) + sound[100:],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--marks", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-marks-repair-"))
    path = work / "data" / "marks.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    store = MarkStore(path, [work])
    store.put({f"outlet/{n:06d}-an-article-name": Mark(read=n % 2 == 0, starred=n % 3 == 0) for n in range(args.marks)})
    sound = path.read_bytes()
    print(f"{args.marks} marks, {len(sound) / 2**20:.1f} MiB")
    print(f"{'damage':30} {'repair s':>8} {'salvaged':>9} {'SQL rows':>9} {'pages':>9}")
    for name, damaged in damages(sound).items():
        for old in path.parent.iterdir():
            old.unlink()
        path.write_bytes(damaged)
        by_rows = {(m.corpus, m.article) for m in repairing._rows_through_sqlite(path)}
        by_pages = {(m.corpus, m.article) for m in repairing._best_page_reading(damaged)}
        started = time.perf_counter()
        report = repairing.repair(path)
        seconds = time.perf_counter() - started
        print(f"{name:30} {seconds:8.2f} {report.salvaged:9} {len(by_rows):9} {len(by_pages):9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
