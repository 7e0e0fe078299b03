"""The compact postings pool writes the segment Whoosh's own sorting pool writes."""

from __future__ import annotations

import random
import re

import pytest

from whoosh.writing import PostingPool, SegmentWriter

from reader.index import store, whoosh_internals


def _documents(count: int) -> list[dict]:
    rng = random.Random(5)
    words = [f"w{n}" for n in range(300)] + ["budget", "senate", "inflation", "storm"]
    docs = []
    for n in range(count):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(0, 60)))
        quotes = [{"text": f"quote {n} {rng.choice(words)}", "speaker": "Maria Lopez"}] if n % 3 == 0 else []
        art = {
            "id": f"o{n % 4}/a{n:03d}",
            "path": f"/c/o{n % 4}/a{n:03d}.md",
            "text": body,
            "title": f"Title {n} {rng.choice(words)}",
            "outlet": f"Outlet {n % 4}",
            "date": f"2025-05-{1 + n % 28:02d}",
            "url": None,
            "author": None,
            "inferred": [],
        }
        docs.append(
            store.make_document(art, quotes, f"s{n % 7}", {"key": art["path"], "signature": [n, n, 0, 0], "hash": "h"})
        )
    return docs


def _contents(wdir) -> tuple:
    """Every posting (field, term, doc, weight, value bytes) and every stored document."""
    ix = store.open_unchecked(wdir)
    with ix.searcher() as s:
        r = s.reader()
        postings = []
        for fieldname, tbytes in r.all_terms():
            m = r.postings(fieldname, tbytes)
            while m.is_active():
                postings.append((fieldname, tbytes, m.id(), m.weight(), m.value()))
                m.next()
        stored = [r.stored_fields(n) for n in range(r.doc_count_all())]
        lengths = [
            (n, f, r.doc_field_length(n, f)) for n in range(r.doc_count_all()) for f in ("body", "title", "quote")
        ]
    return postings, stored, lengths


def _write_ours_and_whoosh_s(tmp_path, docs: list[dict], **options) -> list:
    """The Whoosh folders of `docs` written by our writer, and by the same writer with Whoosh's
    own pool, per-document code and flush (the reference)."""
    folders = []
    for name, ours in (("ours", True), ("whoosh", False)):
        ix, folder = store.create_fresh(tmp_path / name)
        writer = whoosh_internals.FastSegmentWriter(ix, **options)
        if not ours:
            writer.pool = PostingPool(writer._tempstorage, writer.newsegment, limitmb=64)
        for doc in docs:
            writer.add_document(**doc) if ours else SegmentWriter.add_document(writer, **doc)
        writer.commit()
        folders.append(tmp_path / name / folder)
    return folders


def test_compact_pool_gives_the_postings_of_whoosh_s_sorting_pool(tmp_path):
    results = [_contents(folder) for folder in _write_ours_and_whoosh_s(tmp_path, _documents(150))]
    assert results[0][0] and results[0][1]
    assert results[0] == results[1]


def test_merging_segments_through_the_compact_pool_keeps_every_posting(tmp_path):
    # A merge adds each old segment's postings term by term (docnums go up and down): the
    # pool sorts each term's postings then.
    docs = _documents(90)
    ix, folder = store.create_fresh(tmp_path / "ix")
    wdir = tmp_path / "ix" / folder
    for part in (docs[:30], docs[30:60], docs[60:]):
        writer = store.writer(store.open_unchecked(wdir), 1.0)
        for doc in part:
            writer.add_document(**doc)
        store.commit_segments(writer, [], merge=False)
    before = _contents(wdir)
    merger = store.writer(store.open_unchecked(wdir), 1.0)
    store.commit_segments(merger, [], merge=True)  # three small segments: merged into one
    assert len(whoosh_internals.segments(store.open_unchecked(wdir))) == 1
    after = _contents(wdir)
    ids_after = [d["id"] for d in after[1]]
    # (A term's values read back as None from a posting block, b"" when inlined: the same.)
    remapped = sorted((f, t, ids_after[n], w, v or b"") for f, t, n, w, v in after[0])
    assert remapped == sorted((f, t, before[1][n]["id"], w, v or b"") for f, t, n, w, v in before[0])
    assert sorted(d["id"] for d in after[1]) == sorted(d["id"] for d in before[1])


def test_postings_come_out_by_field_term_and_document_whatever_the_order_they_came_in():
    pool = whoosh_internals.CompactPostingPool()
    items = [
        ("title", b"b", 5, 1.0, b"x"),
        ("body", b"z", 2, 2.0, b""),
        ("body", b"a", 7, 1.0, b"yy"),
        ("body", b"a", 3, 3.0, b"q"),
        ("title", b"a", 1, 1.0, b""),
    ]
    for item in items:
        pool.add(item)
    assert list(pool.iter_postings()) == sorted(items)
    assert pool.fieldnames == {"title", "body"}


def _segment_files(folder) -> dict[str, bytes]:
    """The committed segment's files, by name without the segment's random id."""
    return {
        re.sub(r"^MAIN_[a-z0-9]+", "", p.name): p.read_bytes()
        for p in folder.iterdir()
        if p.name.startswith("MAIN_") and p.suffix
    }


def test_term_at_a_time_writing_makes_the_segment_files_whoosh_makes_byte_for_byte(tmp_path):
    # Enough documents for terms of every kind: inlined (< 8 postings), one block, several blocks
    # of 128 (common words, the outlets, the dates), boosted titles, empty bodies, ID fields.
    docs = _documents(700)
    docs[5]["body"] = docs[5]["_stored_body"] = ""
    docs[9]["body"] = docs[9]["_stored_body"] = "Ünïcode café naïve Straße, “quoted” words — and İstanbul"
    files = [_segment_files(folder) for folder in _write_ours_and_whoosh_s(tmp_path, docs, compound=False)]
    assert {".trm", ".pst"} <= set(files[0]) and len(files[0]) > 4
    assert files[0] == files[1]


def test_documents_added_in_two_halves_make_the_segment_add_document_makes(tmp_path):
    # The story of each document comes after every document was indexed (a worker writes a
    # segment while the stories are grouped): the same files, byte for byte.
    docs = _documents(400)
    docs[5].pop("story")  # one without a story
    stories = {doc["id"]: doc["story"] for doc in docs if "story" in doc}
    files = []
    for name in ("whole", "halves"):
        ix, folder = store.create_fresh(tmp_path / name)
        if name == "whole":
            writer = whoosh_internals.FastSegmentWriter(ix, compound=False)
            for doc in docs:
                writer.add_document(**doc)
            writer.commit()
        else:
            firsts = [{k: v for k, v in doc.items() if k != "story"} for doc in docs]
            writer = whoosh_internals.FastSegmentWriter(ix, compound=False)
            for doc in firsts:
                writer.add_document_first(doc)
            writer.finish_documents(lambda fields: {"story": stories[fields["id"]]} if fields["id"] in stories else {})
            writer.commit()
        files.append(_segment_files(tmp_path / name / folder))
    assert ".pst" in files[0]
    assert files[0] == files[1]


def test_postings_written_while_the_stories_are_awaited_make_the_same_segment(tmp_path):
    # A worker writes the postings of the fields before "story" (the bodies) while it waits for
    # the stories, then the rest: the same files, byte for byte, as one document at a time.
    docs = _documents(400)
    docs[5].pop("story")
    docs[7]["body"] = docs[7]["_stored_body"] = ""
    stories = {doc["id"]: doc["story"] for doc in docs if "story" in doc}
    files = []
    for name in ("whole", "early"):
        ix, folder = store.create_fresh(tmp_path / name)
        writer = whoosh_internals.FastSegmentWriter(ix, compound=False)
        if name == "whole":
            for doc in docs:
                writer.add_document(**doc)
        else:
            for doc in docs:
                writer.add_document_first({k: v for k, v in doc.items() if k != "story"})
            writer.write_postings_before("story")
            assert not writer.pool.has_terms("body") and writer.pool.has_terms("title")
            writer.finish_documents(lambda fields: {"story": stories[fields["id"]]} if fields["id"] in stories else {})
        writer.commit()
        files.append(_segment_files(tmp_path / name / folder))
    assert ".pst" in files[0] and ".trm" in files[0]
    assert files[0] == files[1]
    assert _contents(tmp_path / "early" / folder)[0]  # and it reads back


def test_a_later_field_that_sorts_before_the_postings_written_is_refused(tmp_path):
    docs = _documents(20)
    ix, _folder = store.create_fresh(tmp_path / "ix")
    writer = whoosh_internals.FastSegmentWriter(ix, compound=False)
    for doc in docs:
        writer.add_document_first({k: v for k, v in doc.items() if k not in ("story", "body")})
    writer.write_postings_before("story")
    with pytest.raises(ValueError, match="sort at or after"):
        writer.finish_documents(lambda fields: {"body": "too late"})
    writer.cancel()


def test_a_pool_refuses_postings_of_a_field_taken_from_it():
    pool = whoosh_internals.CompactPostingPool()
    pool.add(("body", b"a", 0, 1.0, b""))
    pool.add(("title", b"b", 0, 1.0, b""))
    taken = pool.take(["body"])
    assert list(taken.iter_postings()) == [("body", b"a", 0, 1.0, b"")]
    assert list(pool.iter_postings()) == [("title", b"b", 0, 1.0, b"")]
    with pytest.raises(ValueError, match="written already"):
        pool.add(("body", b"c", 1, 1.0, b""))


def test_block_statistics_of_one_posting_are_those_of_the_general_rule():
    def general(weights, lengths):
        real = [n for n in lengths if n]
        return (min(real) if real else None), (max(real) if real else 0), max(0, max(weights))

    cases = [([w], [n]) for w in (0.0, 1.0, 3.0, -1.0, 2.5) for n in (None, 0, 1, 7, 300)]
    cases += [([1.0, 0.0], [0, 5]), ([2.0, 3.0, 1.0], [None, 4, 2])]
    for weights, lengths in cases:
        got = whoosh_internals._block_stats(weights, lengths)
        assert got == general(weights, lengths) and [type(v) for v in got] == [
            type(v) for v in general(weights, lengths)
        ], (weights, lengths)


def test_terms_added_in_one_write_are_the_rows_added_one_by_one(tmp_path):
    from whoosh.filedb.filestore import FileStorage
    from whoosh.filedb.filetables import OrderedHashReader, OrderedHashWriter

    rows = [(b"\x00\x01" + f"term{n:06d}".encode(), f"value {n}".encode() * (n % 5)) for n in range(9000)]
    storage = FileStorage(str(tmp_path))
    for name, bulk in (("one.trm", False), ("bulk.trm", True)):
        writer = OrderedHashWriter(storage.create_file(name))
        if bulk:
            whoosh_internals._add_terms(writer, rows[:10])
            whoosh_internals._add_terms(writer, rows[10:])
        else:
            for key, value in rows:
                writer.add(key, value)
        writer.close()
    assert (tmp_path / "one.trm").read_bytes() == (tmp_path / "bulk.trm").read_bytes()
    reader = OrderedHashReader.open(storage, "bulk.trm")
    assert reader[rows[1234][0]] == rows[1234][1]
    writer = OrderedHashWriter(storage.create_file("bad.trm"))
    with pytest.raises(ValueError, match="Keys must increase"):
        whoosh_internals._add_terms(writer, [rows[1], rows[0]])


def test_a_released_field_gives_the_same_terms_and_leaves_the_pool():
    pool = whoosh_internals.CompactPostingPool()
    for item in [("body", b"b", 4, 1.0, b"x"), ("body", b"a", 2, 2.0, b""), ("body", b"a", 1, 1.0, b"y")]:
        pool.add(item)
    kept = list(pool.terms("body"))
    assert pool.has_terms("body")
    assert (
        list(pool.terms("body", release=True))
        == kept
        == [(b"a", [1, 2], [1.0, 2.0], [b"y", b""]), (b"b", [4], [1.0], [b"x"])]
    )
    assert not pool.has_terms("body")
