"""FastSegmentWriter.add_copied_documents: documents re-keyed (another id and file, as a corpus
copied into a folder gives them) by copying their postings from the segment that holds them,
not analysing their text again, write the segment add_document() writes of the same documents."""

from __future__ import annotations

import random

import pytest

from reader.index import schema, store, whoosh_internals
from reader.index.whoosh_internals import FastSegmentWriter

_WORDS = [f"word{k}" for k in range(40)] + ["Lisbon", "Paris", "minister", "vote", "storm", "prices"]


def _article(n: int, rng: random.Random) -> tuple[dict, list[dict]]:
    """An article (most share common words: terms of more postings than a block holds) with its
    quotations; some in Portuguese (stemmed in their language), some without an author or date."""
    words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 60)))
    text = f"The minister said prices rose in Lisbon. {words}. Paris voted on the storm again."
    art = {
        "id": f"news/a{n:03d}",
        "text": text if n % 7 else "O ministro disse que os preços subiram em Lisboa ontem. " + words,
        "title": f"Report {n}: {rng.choice(_WORDS)}",
        "outlet": rng.choice(["Reuters", "Fox News", "BBC"]),
        "date": None if n % 11 == 0 else f"2025-03-{1 + n % 28:02d}",
        "author": None if n % 3 else "Ana Roe",
        "url": f"https://example.org/{n}",
    }
    quotes = [{"text": f"We will {rng.choice(_WORDS)} it", "speaker": "Tom Brown"}] if n % 2 else []
    return art, quotes


def _document(art: dict, quotes: list[dict], key: str, story: str) -> dict:
    meta = {"key": key, "signature": [1, 2, 3, 4], "hash": "h" * 16}
    return store.make_document(art, quotes, story, meta, {"id": art["id"], "story": None})


def _segment_contents(ix) -> tuple:
    """Everything a reader reads of an index of one segment: its terms table (term info bytes),
    each term's postings, each document's stored fields, field lengths and date column."""
    with ix.reader() as reader:
        ((leaf, _),) = reader.leaf_readers()
        terms = {key: value for key, value in leaf._terms._tindex.items()}
        postings = {}
        for fieldname in leaf.indexed_field_names():
            for tbytes in leaf.lexicon(fieldname):
                postings[fieldname, tbytes] = _items(leaf.postings(fieldname, tbytes))
        names = sorted(ix.schema.names())
        docs = [
            (
                leaf.stored_fields(n),
                [leaf.doc_field_length(n, name) for name in names],
            )
            for n in range(leaf.doc_count_all())
        ]
        dates = list(leaf.column_reader("date"))
    return terms, postings, docs, dates


def _items(matcher) -> list[tuple]:
    out = []
    while matcher.is_active():
        out.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return out


@pytest.mark.parametrize("seed", range(2))
def test_documents_copied_under_new_ids_write_the_segment_analysing_them_writes(tmp_path, seed):
    """From two segments into one (a block of the new segment holds postings of both): the same
    terms table (each block term's place and length in the postings file), postings, stored
    fields, field lengths and dates, with one-position values shared as analysis shares them."""
    rng = random.Random(seed)
    articles = [_article(n, rng) for n in range(300)]  # "minister" in each: three blocks of 128
    old, _ = store.create_fresh(tmp_path / "old")
    for half in (articles[:150], articles[150:]):  # two segments, copied into one
        writer = FastSegmentWriter(old)
        for art, quotes in half:
            writer.add_document(**_document(art, quotes, f"root:news/{art['id'][5:]}.md", "s1"))
        writer.commit(merge=False)
    # Some documents are not copied (their files changed, say); the others get a new id and file.
    moved = [(n, art, quotes) for n, (art, quotes) in enumerate(articles) if rng.random() < 0.8]
    renamed = {}
    for n, art, quotes in moved:
        new = dict(art, id="copy/" + art["id"])
        renamed[n] = _document(new, quotes, f"root:copy/news/{art['id'][5:]}.md", "s2" if n % 5 else "s1")

    analysed, _ = store.create_fresh(tmp_path / "analysed")
    writer = FastSegmentWriter(analysed)
    for n, _, _ in moved:
        writer.add_document(**renamed[n])
    writer.commit()

    schema.ONE_POSITION.clear()  # as in a process that analysed nothing before it copies
    copied, _ = store.create_fresh(tmp_path / "copied")
    writer = FastSegmentWriter(copied)
    with old.reader() as reader:
        leaves = reader.leaf_readers()
        assert len(leaves) == 2
        for leaf, offset in leaves:
            mine = [(n - offset, renamed[n]) for n, _, _ in moved if offset <= n < offset + leaf.doc_count_all()]
            writer.add_copied_documents(leaf, mine, ("id", "file", "story"))
    writer.commit()

    got, want = _segment_contents(copied), _segment_contents(analysed)
    assert got[1] == want[1]  # each term's postings (the first difference is easier read here)
    assert got == want
    assert any(len(p) > 128 for p in want[1].values())  # some term's postings span blocks


def test_the_copier_reads_postings_through_names_the_pinned_whoosh_has():
    whoosh_internals.check()
    assert any(owner is whoosh_internals.SegmentReader for owner, *_ in whoosh_internals.REQUIRED)


def test_copied_postings_leave_the_pool_in_order(tmp_path):
    """A batch's terms each start at its first document: the pool takes them as in order (it
    sorted every term of every field again when it took them for out of order)."""
    old, _ = store.create_fresh(tmp_path / "old")
    writer = FastSegmentWriter(old)
    rng = random.Random(1)
    articles = [_article(n, rng) for n in range(20)]
    for art, quotes in articles:
        writer.add_document(**_document(art, quotes, f"root:news/{art['id'][5:]}.md", "s1"))
    writer.commit()
    copied, _ = store.create_fresh(tmp_path / "copied")
    writer = FastSegmentWriter(copied)
    writer.add_document(**_document(*articles[0], "root:x.md", "s1"))
    with old.reader() as reader:
        ((leaf, _),) = reader.leaf_readers()
        docs = [
            (n, _document(dict(art, id=f"copy/{n}"), quotes, f"root:c{n}.md", "s1"))
            for n, (art, quotes) in enumerate(articles)
        ]
        writer.add_copied_documents(leaf, docs, ("id", "file", "story"))
    assert not writer.pool._unordered and writer.pool.has_terms("body")
    writer.cancel()
