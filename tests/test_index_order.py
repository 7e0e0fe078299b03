"""The index's order does not follow the workers' timing: the same corpus gives the same document
order, so the same order of search results that score the same."""

from __future__ import annotations

import concurrent.futures

from reader.index.pool import WorkerPool


def test_segments_are_committed_in_the_order_their_parts_were_given_not_as_the_workers_finish(monkeypatch):
    """The segments were listed as the workers finished them: which worker was faster decided
    the documents' order in the index, and so the order of search results with the same score."""
    started: dict = {}
    for k in range(6):
        future: concurrent.futures.Future = concurrent.futures.Future()
        future.set_result((f"segment {k}", k + 1))
        started[future] = k + 1
    several: concurrent.futures.Future = concurrent.futures.Future()  # store.write_spilled_segments' task
    several.set_result([("segment 6", 1), ("segment 7", 2)])
    started[several] = [1, 2]
    finishing = list(reversed(started))  # the last given finishes first

    def wait(pending, timeout=None, return_when=None):
        first = next(future for future in finishing if future in pending)
        return {first}, set(pending) - {first}

    monkeypatch.setattr(concurrent.futures, "wait", wait)
    pool = WorkerPool(2)
    heard: list[tuple[int, int, str]] = []
    try:
        segments = pool.write_segments([], lambda *call: heard.append(call), lambda: False, 24, started)
    finally:
        pool.stop()
    assert segments == [(f"segment {k}", k + 1) for k in range(6)] + [("segment 6", 1), ("segment 7", 2)]
    assert heard[-1][:2] == (24, 24)


def test_two_builds_of_one_corpus_by_workers_give_the_same_order(tmp_path, monkeypatch):
    """Built twice by two workers, one corpus gives the same documents in the same order, and
    a search whose hits all score the same lists them in the same order."""
    from reader.index import pool

    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    root = _walrus_corpus(tmp_path)
    orders = [_documents_and_hits(root, tmp_path / name, workers=2) for name in ("one", "two")]
    assert len(orders[0][0]) == 40 and len(orders[0][1]) == 40
    assert orders[0] == orders[1]


def test_builds_by_one_two_or_three_workers_give_the_same_order(tmp_path, monkeypatch):
    """A large build's segments were dealt to the workers in turn (two workers: chunks 0, 2, 4 to
    one, 1, 3, 5 to the other) and listed worker by worker: the documents' order, and so that of
    hits of the same score, changed with the number of workers. Each worker now takes a run of
    consecutive chunks: the order is the corpus's at any worker count."""
    from reader.index import pool, update

    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(update, "SEGMENT_SIZE", 5)  # (six segments: several a worker)
    root = _walrus_corpus(tmp_path)
    orders = {workers: _documents_and_hits(root, tmp_path / str(workers), workers) for workers in (1, 2, 3)}
    assert len(orders[1][0]) == 40 and len(orders[1][1]) == 40
    assert orders[1] == orders[2] == orders[3]


def _walrus_corpus(tmp_path):
    """40 articles of one date whose search for "walrus" scores in three ties."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_index_helpers import make_corpus

    articles = {
        f"a{k:02d}": (f"Title {k}", "Reuters", "2025-10-02", f"Same words about the walrus {k % 3}.") for k in range(40)
    }
    return make_corpus(tmp_path / "corpus", articles)


def _documents_and_hits(root, index_dir, workers):
    """The index's documents in their order, and the search for "walrus"'s hits in theirs."""
    from reader.index import CorpusIndex

    index = CorpusIndex([root], index_dir, workers=workers)
    try:
        index.update()
        documents = [fields["id"] for _, fields in index.searcher().reader().iter_docs()]
        hits = [hit.id for hit in index.search("walrus", limit=50).hits]
    finally:
        index.close()
    return documents, hits
