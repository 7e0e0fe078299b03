"""What re-keying a built index's postings would cost, against analysing the bodies again.

    python bench/bench_rekey_cost.py INDEX_DIR [--no-merge]

A corpus copied into a folder of its own renames every article (ids are paths): every document
is written again under its new id, and Whoosh analyses every body again (37 s CPU at 10,000
articles). The terms and positions of the other fields do not change, so a segment could be
copied with its `id` and `file` terms and stored fields re-keyed instead. This prints, for the
Whoosh index in INDEX_DIR (a `reader index` folder, e.g. bench_story_update.py's index-base):
  read      every posting of every field read (its document number, weight and value bytes),
            a posting at a time through Whoosh's matchers: about what a copier would read
  merge     Whoosh's own copy of every document into a new index (SegmentWriter.add_reader,
            which analyses nothing but moves each posting through Python objects)
  analyse   every document re-keyed (another id and file, as a copy into a folder gives it) and
            written as the update writes a renamed article's today: made again from its stored
            fields (store.document_from_stored) and analysed (FastSegmentWriter.add_document)
  copy      the same documents written by FastSegmentWriter.add_copied_documents: their id, file
            and story indexed, every other field's postings copied from the segment
The last two run in the same process, on the same documents; the bench says whether their
segments are the same (terms table, postings, stored fields).
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


def rekeyed_documents(ix) -> list[list[tuple[int, dict]]]:
    """Per segment, (docnum, the document re-keyed under copy/ID, as the update would make it)."""
    from reader.index import store

    out = []
    with ix.reader() as reader:
        for leaf, _ in reader.leaf_readers():
            docs = []
            for n in range(leaf.doc_count_all()):
                if leaf.is_deleted(n):
                    continue
                stored = dict(leaf.stored_fields(n))
                stored["id"] = "copy/" + stored["id"]
                root, _, rel = stored["file"].partition(":")
                stored["file"] = f"{root}:copy/{rel}"
                docs.append((n, store.document_from_stored(stored, stored.get("story"))))
            out.append(docs)
    return out


def rewritten(ix, documents: list[list[tuple[int, dict]]], copy: bool) -> tuple[Path, float, float]:
    """(the new index folder, CPU seconds, wall seconds) of writing the documents into a new index."""
    from whoosh import index

    from reader.index.whoosh_internals import FastSegmentWriter

    out = Path(tempfile.mkdtemp(prefix="reader-rekey-"))
    started, wall = time.process_time(), time.perf_counter()
    writer = FastSegmentWriter(index.create_in(str(out), ix.schema))
    if copy:
        with ix.reader() as reader:
            for (leaf, _), docs in zip(reader.leaf_readers(), documents):
                writer.add_copied_documents(leaf, docs, ("id", "file", "story"))
    else:
        for docs in documents:
            for _, doc in docs:
                writer.add_document(**doc)
    writer.commit()
    return out, time.process_time() - started, time.perf_counter() - wall


def segment_bytes(folder: Path) -> tuple:
    """What a reader reads of an index of one segment: its terms table and each document's stored
    fields (a block term's row names its postings' place and length: the postings files match)."""
    from whoosh import index

    with index.open_dir(str(folder)).reader() as reader:
        ((leaf, _),) = reader.leaf_readers()
        terms = list(leaf._terms._tindex.items())
        stored = [leaf.stored_fields(n) for n in range(leaf.doc_count_all())]
    return terms, stored


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index_dir", type=Path)
    ap.add_argument("--no-merge", action="store_true", help="leave out Whoosh's add_reader (the slowest)")
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
    if not args.no_merge:
        count, cpu, wall = merged_copy(ix)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"merge  {count:,} documents: {cpu:.1f} s CPU, {wall:.1f} s wall, peak {peak:.0f} MB", flush=True)
    started = time.process_time()
    documents = rekeyed_documents(ix)
    count = sum(map(len, documents))
    print(f"made   {count:,} re-keyed documents from their stored fields: {time.process_time() - started:.1f} s CPU")
    folders = []
    try:
        for name, copy in (("analyse", False), ("copy", True)):
            folder, cpu, wall = rewritten(ix, documents, copy)
            folders.append(folder)
            print(f"{name:8}{count:,} documents written: {cpu:.1f} s CPU, {wall:.1f} s wall", flush=True)
        same = segment_bytes(folders[0]) == segment_bytes(folders[1])
        print("the same segment" if same else "THE SEGMENTS DIFFER", flush=True)
    finally:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
