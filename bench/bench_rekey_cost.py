"""What re-keying a built index's postings would cost, against analysing the bodies again.

    python bench/bench_rekey_cost.py INDEX_DIR

A corpus copied into a folder of its own renames every article (ids are paths): every document
is written again under its new id, and Whoosh analyses every body again (37 s CPU at 10,000
articles). The terms and positions of the other fields do not change, so a segment could be
copied with its `id` and `file` terms and stored fields re-keyed instead. This prints, for the
Whoosh index in INDEX_DIR (a `reader index` folder, e.g. bench_story_update.py's index-base):
  read      every posting of every field read (its document number, weight and value bytes),
            a posting at a time through Whoosh's matchers: about what a copier would read
  merge     Whoosh's own copy of every document into a new index (SegmentWriter.add_reader,
            which analyses nothing but moves each posting through Python objects)
Nothing in INDEX_DIR is written; the merged copy goes to a temporary folder, then is deleted.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path


def whoosh_folder(index_dir: Path) -> Path | None:
    """The Whoosh index folder of a `reader index` folder, None when it holds none."""
    if not index_dir.is_dir():
        return None
    return next((p for p in sorted(index_dir.iterdir()) if p.name.startswith("whoosh") and p.is_dir()), None)


def read_postings(ix) -> tuple[int, int, float]:
    """(terms, postings, CPU seconds) of reading every posting."""
    started = time.process_time()
    terms = postings = 0
    with ix.reader() as reader:
        for leaf, _ in reader.leaf_readers():
            for fieldname in leaf.indexed_field_names():
                for tbytes in leaf.lexicon(fieldname):
                    matcher = leaf.postings(fieldname, tbytes)
                    terms += 1
                    while matcher.is_active():
                        matcher.id(), matcher.weight(), matcher.value()
                        postings += 1
                        matcher.next()
    return terms, postings, time.process_time() - started


def merged_copy(ix) -> tuple[int, float, float]:
    """(documents copied, CPU seconds, wall seconds) of Whoosh's add_reader into a new index."""
    from whoosh import index

    out = Path(tempfile.mkdtemp(prefix="reader-rekey-"))
    try:
        started, wall = time.process_time(), time.perf_counter()
        copy = index.create_in(str(out), ix.schema)
        writer = copy.writer()
        with ix.reader() as reader:
            for leaf, _ in reader.leaf_readers():
                writer.add_reader(leaf)
        writer.commit(optimize=False)
        cpu, wall = time.process_time() - started, time.perf_counter() - wall
        return index.open_dir(str(out)).doc_count(), cpu, wall
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index_dir", type=Path)
    args = ap.parse_args()
    from whoosh import index

    folder = whoosh_folder(args.index_dir)
    if folder is None or not index.exists_in(str(folder)):
        raise SystemExit(
            f"bench_rekey_cost: no index in {args.index_dir} (give a `reader index` folder: "
            "`reader --corpus CORPUS --index DIR index` builds one; bench_story_update.py leaves its index-base)"
        )
    ix = index.open_dir(str(folder))
    print(f"{ix.doc_count():,} documents in {len(ix._segments())} segments", flush=True)
    terms, postings, cpu = read_postings(ix)
    print(f"read   {terms:,} terms, {postings:,} postings: {cpu:.1f} s CPU", flush=True)
    count, cpu, wall = merged_copy(ix)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"merge  {count:,} documents: {cpu:.1f} s CPU, {wall:.1f} s wall, peak {peak:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
