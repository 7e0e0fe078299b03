"""`reader index` counts every step after the scan as it goes: files loaded and documents written,
one by one in this process, and as the worker processes go (not only when a task of theirs
ends: every 64 files, or once a segment of thousands of articles)."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus, write_article  # noqa: E402

from reader.index import CorpusIndex, pool, store  # noqa: E402

HOLD = "READER_TEST_HOLD_UNTIL"  # a file the workers below wait for (their environment is inherited)


def _wait_for_the_test() -> None:
    """Hold a worker until the test, having seen a count from it, creates the file HOLD names
    (or for 30 s at most: then the test fails on what it saw)."""
    marker = Path(os.environ[HOLD])
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def load_holding(path: Path, root: Path):
    """reader.corpus.load_file, holding at the fourth file of every chunk of 8 (pool.LOAD_CHUNK
    below): no chunk ends until the test has seen a count."""
    from reader.corpus import load_file

    if int(path.stem[1:]) % 8 == 3:
        _wait_for_the_test()
    return load_file(path, root)


def write_holding(wdir: str, count: int):
    """store.write_segment of `count` documents, holding after the third."""

    def documents():
        for k in range(count):
            if k == 3:
                _wait_for_the_test()
            article = {"id": f"d{k}", "text": f"Text number {k}.", "title": f"Title {k}"}
            yield store.make_document(article, [], None, {"key": f"0:d{k}.md", "signature": [k], "hash": None})

    return store.write_segment(wdir, documents())


def _articles(count: int) -> dict:
    return {f"a{k:03d}": (f"Title {k}", "Reuters", "2025-10-02", f"Article {k} about walrus{k}.") for k in range(count)}


class _Heard:
    """A progress callback that keeps what it hears, and lets the held workers go once it has
    heard a count (not 0) of `step`."""

    def __init__(self, step: str, marker: Path):
        self.step = step
        self.marker = marker
        self.calls: list[tuple[int, int, str]] = []

    def __call__(self, done: int, total: int, message: str) -> None:
        self.calls.append((done, total, message))
        if message == self.step and done:
            self.marker.touch()

    def counts(self, step: str) -> list[int]:
        return [done for done, _total, message in self.calls if message == step]


@pytest.fixture
def hold(tmp_path, monkeypatch) -> Path:
    marker = tmp_path / "go"
    monkeypatch.setenv(HOLD, str(marker))
    return marker


def test_files_loaded_by_the_workers_are_counted_as_they_go(tmp_path, monkeypatch, hold):
    root = make_corpus(tmp_path / "corpus", _articles(40))
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(pool, "LOAD_CHUNK", 8)
    index = CorpusIndex([root], tmp_path / "ix", workers=2, loader="test_index_progress:load_holding")
    heard = _Heard("loading articles", hold)
    try:
        assert index.update(progress=heard).indexed == 40
    finally:
        index.close()
    counts = heard.counts("loading articles")
    first = next(done for done in counts if done)
    # Each worker loaded three files of its chunk and waits: only a running count shows them.
    assert 0 < first < 8, counts
    assert counts == sorted(counts) and counts[-1] == 40


def test_documents_written_by_a_worker_are_counted_as_they_go(tmp_path, hold):
    ix, name = store.create_fresh(tmp_path / "ix")
    workers = pool.WorkerPool(2)
    heard = _Heard("writing the index", hold)
    try:
        parts = [(write_holding, str(tmp_path / "ix" / name), 20, 20)]
        written = workers.write_segments(parts, heard, lambda: False, 20)
    finally:
        workers.stop()
    assert [count for _segment, count in written] == [20]
    counts = heard.counts("writing the index")
    # The one segment ends once: the count before it came from the worker as it wrote.
    assert 0 < next(done for done in counts if done) < 20 and counts[-1] == 20, counts


def test_a_small_update_counts_each_file_and_document(tmp_path):
    """Without workers: files were counted 16 at a time, and the documents written not at all
    below 200 ("0/180 writing the index", still, until "180/180 saving the index")."""
    root = make_corpus(tmp_path / "corpus", _articles(30))
    index = CorpusIndex([root], tmp_path / "ix")
    calls: list[tuple[int, int, str]] = []
    try:
        index.update(progress=lambda done, total, message: calls.append((done, total, message)))
    finally:
        index.close()
    for step in ("loading articles", "writing the index"):
        assert [done for done, total, message in calls if message == step] == list(range(31)), step
    assert (30, 30, "saving the index") in calls


def test_the_last_step_says_the_index_is_being_saved_until_the_update_ends(tmp_path):
    """The commit's count reached its end ("180/180 committing": a full bar), then the state of
    the commit was written with no word (1.2 s of the 2.6 s pause at 10,000 files): the line and
    the app's bar sat at 100% (in the app at 0% while nothing was counted) as if stuck. The last
    step is named in a user's words, uncounted, until the update ends."""
    calls = _calls_of_first_build(tmp_path, 12)
    saving = [call for call in calls if call[2] == "saving the index"]
    assert saving[0] == (0, 0, "saving the index") and (12, 12, "saving the index") in saving, calls
    assert calls[-1] == (0, 0, "saving the index"), calls
    assert not [call for call in calls if call[2] == "committing"]


def test_segments_the_workers_write_end_in_saving_the_index_not_a_full_count(tmp_path, monkeypatch):
    """Every document added, the workers write their segments' files out: "10000/10000 writing
    the index" stood for a second (at 10,000 articles; 3.8 s at 3,000 on a loaded machine), a full
    count that did not move. The index is said to be saving from there."""
    root = make_corpus(tmp_path / "corpus", _articles(40))
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    index = CorpusIndex([root], tmp_path / "ix", workers=2)
    try:
        calls = _calls_of_update(index)
    finally:
        index.close()
    writing = [i for i, call in enumerate(calls) if call[2] == "writing the index"]
    assert writing and all(calls[i][0] < calls[i][1] for i in writing), calls
    assert calls[writing[-1] + 1] == (0, 0, "saving the index"), calls


def test_a_large_load_counts_the_stories_grouping_as_it_reads_the_records(tmp_path, monkeypatch):
    """The grouping (a process of its own for a large load) was one uncounted line for seconds
    (10 s at 5,000 articles): it counts the records it reads now, most of its time."""
    root = make_corpus(tmp_path / "corpus", _articles(40))
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(pool, "LOAD_CHUNK", 8)
    index = CorpusIndex([root], tmp_path / "ix", workers=2)
    calls: list[tuple[int, int, str]] = []
    try:
        index.update(progress=lambda done, total, message: calls.append((done, total, message)))
    finally:
        index.close()
    grouping = [(done, total) for done, total, message in calls if message == "grouping the stories"]
    assert grouping and grouping[-1] == (40, 40), calls
    assert [done for done, _ in grouping] == sorted(done for done, _ in grouping)


def test_the_grouping_hears_of_each_record_it_reads():
    from reader.index import story_groups

    records = [{"id": f"a{k}", "title": f"Walrus {k}", "text": f"The walrus number {k} swam."} for k in range(5)]
    records = [story_groups.as_json(story_groups.features_here(r, [])) for r in records]
    heard = []
    stories, _stats, _tops = story_groups.cluster_records(records, on_read=lambda: heard.append(1))
    assert len(heard) == 2 * len(records)  # read twice: the statistics, then the vectors
    assert sorted(a for s in stories for a in s["articles"]) == [f"a{k}" for k in range(5)]


def test_a_cancel_after_the_last_count_stops_the_clustering():
    """The clustering that follows the grouping's last count (seconds at 10,000 articles) asks
    the cancel itself: no count comes there to ask it."""
    from reader.analysis.cancel import Cancelled
    from reader.index import story_groups

    records = [
        {"id": f"a{k}", "title": f"Walrus {k % 3}", "text": f"The walrus number {k % 3} swam in the bay today."}
        for k in range(12)
    ]
    records = [story_groups.as_json(story_groups.features_here(r, [])) for r in records]
    compared: list[int] = []
    with pytest.raises(Cancelled):
        story_groups.cluster_records(
            records, on_compared=compared.append, cancel=lambda: bool(compared) and compared[-1] == len(records)
        )
    assert compared[-1] == len(records)  # stopped after the last count, in the clustering


def test_a_cancel_while_the_top_terms_are_encoded_stops_between_two_chunks(monkeypatch):
    """The top terms of every article (kept for the next update) are encoded after the last count,
    0.1 s of CPU at 10,000 articles: the cancel is asked between two chunks of them."""
    from reader.analysis.cancel import Cancelled
    from reader.analysis.stories import similarity
    from reader.index import story_groups

    records = [
        {"id": f"a{k}", "title": f"Walrus {k % 3}", "text": f"The walrus number {k % 3} swam in the bay today."}
        for k in range(12)
    ]
    records = [story_groups.as_json(story_groups.features_here(r, [])) for r in records]
    monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 2)  # (partners found by top terms: kept)
    monkeypatch.setattr(story_groups, "TOPS_PER_CHECK", 4)
    encoded: list[int] = []
    real_tops_rows = story_groups.tops_rows

    def tops_rows(stats, tops):
        tops = list(tops)
        encoded.append(len(tops))
        return real_tops_rows(stats, tops)

    monkeypatch.setattr(story_groups, "tops_rows", tops_rows)
    with pytest.raises(Cancelled):
        story_groups.cluster_records(records, cancel=lambda: bool(encoded))
    assert encoded == [4]  # one chunk, then stopped


def test_a_cancel_while_the_quoted_pairs_are_scored_stops_before_the_last_count(monkeypatch):
    """The stock phrases are counted and the quoted pairs scored after the count of the last
    pair's article and before the last count itself (0.5 s and 0.3 s of CPU at 10,000 articles):
    the cancel is asked there too."""
    from reader.analysis.cancel import Cancelled
    from reader.analysis.stories import similarity
    from reader.analysis.stories.similarity import _score_quoting
    from reader.index import story_groups

    said = "We will rebuild the harbour wall before the winter storms come back"
    records = [
        {"id": f"a{k}", "title": f"Harbour {k % 3}", "text": f'"{said}," the mayor said. The harbour {k % 3} flooded.'}
        for k in range(12)
    ]
    records = [story_groups.as_json(story_groups.features_here(r, [{"text": said}])) for r in records]
    scored: list[int] = []
    compared: list[int] = []

    def scoring(*args, **kwargs):
        scored.append(len(compared))
        return _score_quoting(*args, **kwargs)

    monkeypatch.setattr(similarity, "_score_quoting", scoring)
    with pytest.raises(Cancelled):
        story_groups.cluster_records(records, on_compared=compared.append, cancel=lambda: bool(scored))
    assert scored and len(records) not in compared  # stopped in the scoring, before the last count

    scored.clear()  # stopped at its second ask: in the count of the stock phrases, before
    compared.clear()
    monkeypatch.setattr(similarity, "_ARTICLES_PER_CHECK", 1)  # (12 articles: an ask each)
    asked: list[int] = []
    with pytest.raises(Cancelled):
        story_groups.cluster_records(
            records, on_compared=compared.append, cancel=lambda: len(asked.append(1) or asked) > 1
        )
    assert scored == [] and compared and len(records) not in compared


def _calls_of_first_build(tmp_path: Path, count: int) -> list[tuple[int, int, str]]:
    """The progress calls of the first build of a corpus of `count` articles."""
    index = CorpusIndex([make_corpus(tmp_path / "corpus", _articles(count))], tmp_path / "ix")
    try:
        return _calls_of_update(index)
    finally:
        index.close()


def _calls_of_update(index, **options) -> list[tuple[int, int, str]]:
    calls: list[tuple[int, int, str]] = []
    index.update(progress=lambda done, total, message: calls.append((done, total, message)), **options)
    return calls


def _counted(calls, step: str) -> list[tuple[int, int]]:
    return [(done, total) for done, total, message in calls if message == step and total]


def test_a_small_update_counts_the_grouping_and_the_commit(tmp_path):
    """A small update on a grown corpus showed "grouping the stories of 4,105 articles" for
    seconds, then "199/199 committing" while the postings were written: both count now (the
    commit is "saving the index" since)."""
    root = make_corpus(tmp_path / "corpus", _articles(30))
    index = CorpusIndex([root], tmp_path / "ix")
    try:
        first = _calls_of_update(index)  # the full grouping, in this process
        for k in range(3):
            (root / f"a{k:03d}.md").write_text(
                f"---\ntitle: Title {k}\noutlet: Reuters\ndate: '2025-10-02'\n---\n\nArticle {k} about walrus{k}, changed.\n"
            )
        again = _calls_of_update(index)  # the incremental grouping
    finally:
        index.close()
    for calls in (first, again):
        grouping = _counted(calls, "grouping the stories")
        assert grouping and grouping[-1][0] == grouping[-1][1], calls
        assert [done for done, _ in grouping] == sorted(done for done, _ in grouping)
        committing = _counted(calls, "saving the index")
        assert committing[-1] == (committing[-1][1], committing[-1][1]) and len(committing) > 2, calls
        assert committing[0][0] < committing[0][1]  # counted while the postings are written
    assert _counted(again, "saving the index")[-1][1] == 3


def test_a_merge_of_piled_up_segments_counts_its_documents(tmp_path, monkeypatch):
    """ "merging index segments" (now "tidying the index") stood for 9 s with no count at 4,000 articles."""
    from reader.index import update

    monkeypatch.setattr(update, "MAX_SEGMENTS", 2)
    root = make_corpus(tmp_path / "corpus", _articles(12))
    index = CorpusIndex([root], tmp_path / "ix")
    merging: list[tuple[int, int]] = []
    try:
        index.update()
        for k in range(4):  # one small segment each
            (root / f"extra{k}.md").write_text(f"---\ntitle: Extra {k}\n---\n\nMore about walrus{k}.\n")
            merging += _counted(_calls_of_update(index), "tidying the index")
        assert index.searcher().doc_count() == 16
    finally:
        index.close()
    assert merging and merging[-1][0] == merging[-1][1], merging
    assert merging[0][0] < merging[0][1]


def test_the_grouping_process_counts_its_search_and_its_comparing_too():
    """Its count reached the total once the records were read twice, then stood there while
    every pair was scored (22 s at 4,000 articles); then it stood at two thirds while each
    article's partners were looked for (6 s at 10,000 articles)."""
    tally = [0] * store.TALLY_SLOTS
    tally[store.RECORDS_READ] = 80
    read = store.records_grouped(tally)
    tally[store.ARTICLES_SEARCHED] = 40
    searched = store.records_grouped(tally)
    tally[store.ARTICLES_COMPARED] = 40
    assert read < searched < store.records_grouped(tally) == 40


def test_counting_the_comparisons_changes_no_story():
    from reader.index import story_groups

    records = [
        {"id": f"a{k}", "title": f"Walrus {k % 3}", "text": f"The walrus number {k % 3} swam in the bay today."}
        for k in range(12)
    ]
    records = [story_groups.as_json(story_groups.features_here(r, [])) for r in records]
    heard: list[int] = []
    counted, _stats, _tops = story_groups.cluster_records(records, on_compared=heard.append)
    plain, _stats, _tops = story_groups.cluster_records(records)
    assert counted == plain
    assert heard == sorted(heard) and heard[-1] == len(records)


def _jsonl_corpus(folder: Path, lines: int) -> Path:
    import json

    folder.mkdir(parents=True)
    rows = (
        json.dumps(
            {"title": f"Title {k}", "outlet": "Reuters", "date": "2025-10-02", "text": f"Article {k} about walrus{k}."}
        )
        for k in range(lines)
    )
    (folder / "big.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_a_json_lines_file_of_many_articles_counts_them_as_it_loads(tmp_path):
    """One file of thousands of articles (a JSON Lines file) showed "0/1 loading articles" for
    minutes (9,000 lines: 110 s of CPU), then 1/1: its articles are counted as they load now."""
    root = _jsonl_corpus(tmp_path / "corpus", 250)
    index = CorpusIndex([root], tmp_path / "ix")
    calls: list[tuple[int, int, str]] = []
    try:
        assert index.update(progress=lambda done, total, message: calls.append((done, total, message))).indexed == 250
    finally:
        index.close()
    within = [message for _done, _total, message in calls if message.startswith("loading articles: ")]
    assert within[0] == "loading articles: 2 of 250 in big.jsonl", within[:3]
    assert within[-1] == "loading articles: 250 of 250 in big.jsonl"
    assert 100 <= len(within) <= 125, len(within)  # each other article: a count per step, not per article


def test_an_update_cancelled_within_a_large_file_stops_there(tmp_path):
    """Cancelling (the app quitting, a rebuild asked for) waited for the whole file to load."""
    root = _jsonl_corpus(tmp_path / "corpus", 250)
    index = CorpusIndex([root], tmp_path / "ix")
    calls: list[str] = []
    cancelled = lambda: any(message.startswith("loading articles: 40 of") for message in calls)  # noqa: E731
    try:
        report = index.update(progress=lambda done, total, message: calls.append(message), cancel=cancelled)
    finally:
        index.close()
    assert report.cancelled
    assert not any(message.startswith("loading articles: 42 of") for message in calls)


PID_FILE = "READER_TEST_LOADER_PID"  # where load_large_holding writes the id of the process it ran in


class _HoldingAfter(list):
    """A file's articles, held after the 40th is analysed until the test lets them go (_wait_for_the_test)."""

    def __iter__(self):
        for k, article in enumerate(list.__iter__(self)):
            if k == 40:
                _wait_for_the_test()
            yield article


def load_large_holding(path: Path, root: Path):
    """reader.corpus.load_file, noting the process it runs in; a file's articles held after the
    40th (_HoldingAfter)."""
    from reader.corpus import load_file

    Path(os.environ[PID_FILE]).write_text(str(os.getpid()))
    result = load_file(path, root)
    result.articles = _HoldingAfter(result.articles)
    return result


@pytest.fixture
def large_jsonl(tmp_path, monkeypatch, hold) -> Path:
    """A corpus of one JSON Lines file of 250 articles, "large" (pool.LARGE_FILE_BYTES lowered to
    its size), whose loader notes its process and holds after the 40th article."""
    root = _jsonl_corpus(tmp_path / "corpus", 250)
    monkeypatch.setattr(pool, "LARGE_FILE_BYTES", (root / "big.jsonl").stat().st_size)
    monkeypatch.setenv(PID_FILE, str(tmp_path / "loader-pid"))
    return root


def test_a_large_file_is_loaded_by_a_worker_process_and_counted_as_it_loads(tmp_path, large_jsonl, hold):
    """One big file was loaded in the app's own process (only 200+ files went to workers): its
    parse held the interpreter, and the app answered keys seconds late. Its articles are still
    counted as they load, from the worker."""
    index = CorpusIndex([large_jsonl], tmp_path / "ix", workers=2, loader="test_index_progress:load_large_holding")
    calls: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, message: str) -> None:
        calls.append((done, total, message))
        if message.startswith("loading articles: "):
            hold.touch()  # seen a count from within the file: let the worker go on

    try:
        assert index.update(progress=progress).indexed == 250
    finally:
        index.close()
    assert int((tmp_path / "loader-pid").read_text()) != os.getpid()
    within = [message for _done, _total, message in calls if message.startswith("loading articles: ")]
    assert within and all(message.endswith(" of 250 in big.jsonl") for message in within), within
    assert calls[-1] == (0, 0, "saving the index")


def test_an_update_cancelled_within_a_large_file_loaded_by_a_worker_stops_there(tmp_path, large_jsonl, hold):
    """Cancelled (the app quitting) while a worker is inside the large file: the worker is
    stopped, not waited for (it holds until the test lets it go, which it never does)."""
    index = CorpusIndex([large_jsonl], tmp_path / "ix", workers=2, loader="test_index_progress:load_large_holding")
    calls: list[str] = []
    cancelled = lambda: any(message.startswith("loading articles: 40 of 250") for message in calls)  # noqa: E731
    try:
        report = index.update(progress=lambda done, total, message: calls.append(message), cancel=cancelled)
    finally:
        index.close()
    assert report.cancelled and not hold.exists()
    assert int((tmp_path / "loader-pid").read_text()) != os.getpid()
    assert not any(message.startswith("loading articles: 42 of") for message in calls)


def test_a_large_file_whose_worker_died_is_not_loaded_here_and_its_count_goes(tmp_path, large_jsonl, hold, monkeypatch):
    """A worker killed within the large file (out of memory): the file was loaded again in the
    app's process, which ran out of memory too (the whole update lost); and the dead worker's
    count ("40 of 250 in big.jsonl") stayed in the workers' tally. Skipped with why instead."""
    import signal

    index = CorpusIndex([large_jsonl], tmp_path / "ix", workers=2, loader="test_index_progress:load_large_holding")
    calls: list[str] = []
    killed: list[int] = []

    def progress(done: int, total: int, message: str) -> None:
        calls.append(message)
        if not killed and message.startswith("loading articles: 40 of 250"):
            killed.append(len(calls))
            os.kill(int((tmp_path / "loader-pid").read_text()), signal.SIGKILL)

    tallies: list = []
    real_stop = pool.WorkerPool.stop
    monkeypatch.setattr(pool.WorkerPool, "stop", lambda self: tallies.append(self._tally()) or real_stop(self))
    try:
        report = index.update(progress=progress)
        assert list(index.articles()) == []
    finally:
        index.close()
    assert killed and not report.cancelled
    assert int((tmp_path / "loader-pid").read_text()) != os.getpid()  # not loaded again here
    (problem,) = report.skipped
    assert problem["path"].endswith("big.jsonl")
    assert problem["reason"].startswith("not indexed: the process loading it died")
    assert not any(message.startswith("loading articles: ") for message in calls[killed[0] :])
    first = next(tally for tally in tallies if tally is not None)
    assert first[store.LARGE_FILE : store.LARGE_FILE_ARTICLES + 1] == [0, 0, 0]


class _Tally(list):
    def get_lock(self):
        from contextlib import nullcontext

        return nullcontext()


def test_two_large_files_loaded_at_once_show_the_first_counted_until_it_ends(monkeypatch):
    """Both workers wrote their file's count to the same slots: the message flipped between
    the two names at each step."""
    tally = _Tally([0] * store.TALLY_SLOTS)
    monkeypatch.setattr(store, "_tally", tally)
    seen = []

    def load_files(jobs, *args):
        on_article = args[-1]
        for done in (100, 200):
            on_article(done, 200, "two.jsonl")
            seen.append(tally[store.LARGE_FILE : store.LARGE_FILE_ARTICLES + 1])
        return []

    monkeypatch.setattr(store, "load_files", load_files)
    tally[store.LARGE_FILE : store.LARGE_FILE_ARTICLES + 1] = [1, 50, 300]  # file 1 being counted
    store.load_large_file(None, 2, "loader", True, True, None, False, 100)
    assert seen == [[1, 50, 300], [1, 50, 300]]
    assert tally[store.LARGE_FILE : store.LARGE_FILE_ARTICLES + 1] == [1, 50, 300]
    tally[store.LARGE_FILE : store.LARGE_FILE_ARTICLES + 1] = [0, 0, 0]  # file 1 ended: file 2 takes the slots
    seen.clear()
    store.load_large_file(None, 2, "loader", True, True, None, False, 100)
    assert seen == [[2, 100, 200], [2, 200, 200]]
    assert tally[store.LARGE_FILE : store.LARGE_FILE_ARTICLES + 1] == [0, 0, 0]


def test_a_small_file_among_few_is_loaded_in_this_process(tmp_path, monkeypatch):
    """Below pool.LARGE_FILE_BYTES and PARALLEL_MIN_FILES, no worker is spawned (it costs more
    than it saves)."""
    root = _jsonl_corpus(tmp_path / "corpus", 30)
    monkeypatch.setenv(PID_FILE, str(tmp_path / "loader-pid"))
    monkeypatch.setenv(HOLD, str(tmp_path / "go"))
    (tmp_path / "go").touch()
    index = CorpusIndex([root], tmp_path / "ix", workers=2, loader="test_index_progress:load_large_holding")
    try:
        assert index.update().indexed == 30
    finally:
        index.close()
    assert int((tmp_path / "loader-pid").read_text()) == os.getpid()


KILLED_WITHIN_A_LARGE_FILE = """
import sys
from pathlib import Path
from reader.index import CorpusIndex, pool

corpus, index_dir, large = sys.argv[1:4]
pool.LARGE_FILE_BYTES = int(large)

def progress(done, total, message):
    if message.startswith("loading articles: "):
        print(message, flush=True)

if __name__ == "__main__":  # not again in the workers, which import this module as they start
    index = CorpusIndex([Path(corpus)], Path(index_dir), workers=2, loader="test_index_progress:load_large_holding")
    index.update(progress=progress)
"""


def test_an_update_killed_within_a_large_file_loaded_by_a_worker_loses_nothing(tmp_path, large_jsonl, hold):
    """kill -9 of the update while its worker is inside the large file: the worker goes with it,
    and the next update builds the whole index."""
    import signal
    import subprocess

    script = tmp_path / "killed.py"
    script.write_text(KILLED_WITHIN_A_LARGE_FILE, encoding="utf-8")
    here = Path(__file__).resolve().parent
    path = [str(here.parent), str(here), os.environ.get("PYTHONPATH")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, path)))
    large = str(pool.LARGE_FILE_BYTES)
    with subprocess.Popen(
        [sys.executable, str(script), str(large_jsonl), str(tmp_path / "ix"), large],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as proc:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the worker is inside the file (held at its 40th article)
        os.kill(proc.pid, signal.SIGKILL)
        _, err = proc.communicate(timeout=120)
    assert first.startswith("loading articles: ") and first.rstrip().endswith(" of 250 in big.jsonl"), (first, err)
    worker = int((tmp_path / "loader-pid").read_text())
    deadline = time.monotonic() + 60
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(worker)
    hold.touch()
    index = CorpusIndex([large_jsonl], tmp_path / "ix", workers=2)
    try:
        assert index.update().indexed == 250
    finally:
        index.close()


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie, dead but not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_the_grouping_counts_on_while_it_looks_for_each_articles_partners(tmp_path, monkeypatch):
    """At 10,000 articles "grouping the stories" stood still at two thirds of its count for ~6 s
    (on a busy machine): the search for each article's candidate partners (top terms, then a
    partial dot product over them) came after the two readings of the records and before any
    pair was scored, and said nothing. It counts on through it now, in the CLI's line and the
    app's bar alike (both hear the Library's progress). The search runs past EXHAUSTIVE_MAX
    articles: lowered here for a small corpus."""
    from reader.analysis.stories import similarity
    from reader.library import Library

    root = tmp_path / "corpus"
    root.mkdir()
    for k in range(60):
        (root / f"a{k:02d}.md").write_text(
            f"---\ntitle: Walrus {k % 6} seen\noutlet: Outlet {k % 4}\ndate: 2025-10-0{1 + k % 5}\n---\n\n"
            f"The walrus number {k % 6} swam in the bay near pier {k % 6} today, keepers said.\n",
            encoding="utf-8",
        )
    monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 4)
    running: list[str] = []

    def watched(name: str, step):
        def run(*args, **kwargs):
            running.append(name)
            try:
                return step(*args, **kwargs)
            finally:
                running.remove(name)

        return run

    # the search, and within it the making of the top terms (half its time at 10,000 articles)
    monkeypatch.setattr(similarity, "_candidate_pairs", watched("search", similarity._candidate_pairs))
    monkeypatch.setattr(similarity, "_tops", watched("top terms", similarity._tops))
    heard: list[tuple[int, int, tuple[str, ...]]] = []

    def progress(done: int, total: int, message: str) -> None:
        if message == "grouping the stories":
            heard.append((done, total, tuple(running)))

    library = Library([root], tmp_path / "ix", auto_update=False)
    library.update(progress=progress)
    for step in ("search", "top terms"):
        during = {done for done, _total, steps in heard if step in steps}
        assert len(during) >= 2, (step, heard)  # it moves within the step
    assert heard[-1][0] == heard[-1][1] == 60
    assert [done for done, _total, _ in heard] == sorted(done for done, _total, _ in heard)


def test_the_bodies_postings_of_a_segment_started_early_are_counted_as_they_are_written(tmp_path):
    """A large build's workers index their segments while the stories are grouped, then write
    the postings before "story" (the bodies: most of a segment), then wait for the stories. A
    short grouping left that writing after it, uncounted: "writing the index" stood at half
    (1,500/3,000) for 10 s on a loaded machine, as if stuck. It is counted now, in proportion
    to the terms written, as a third of each document's count."""
    from reader.index import whoosh_internals

    ix, _name = store.create_fresh(tmp_path / "ix")
    words = [f"word{k}" for k in range(3000)]
    documents = [
        store.make_document(
            {"id": f"d{k}", "title": f"Title {k}", "text": " ".join(words[k * 10 : k * 10 + 40])},
            [],
            None,
            {"key": f"0:d{k}.md", "signature": [k], "hash": None},
        )
        for k in range(300)
    ]
    heard: list[int] = []
    writer = whoosh_internals.start_uncommitted_segment(ix, documents, ("story",), heard.append)
    try:
        assert heard == sorted(heard) and heard[-1] == 300, heard
        assert len(set(heard)) > 20, heard  # as the postings are written, not once at their end
    finally:
        writer.pool.cleanup()
    tally = [0] * store.TALLY_SLOTS
    tally[store.DOCUMENTS_INDEXED] = tally[store.POSTINGS_WRITTEN] = 300
    assert store.documents_written(tally) == 200  # waiting for the stories: two thirds written


def test_a_large_build_counts_its_documents_written_up_to_the_saving(tmp_path, monkeypatch):
    """Through the Library, as `reader index` and the app's bar hear it: a build whose workers
    write segments started before the stories are known counts its documents written without
    going back, to the saving."""
    from reader.library import Library

    root = make_corpus(tmp_path / "corpus", _articles(40))
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(pool, "LOAD_CHUNK", 8)
    calls: list[tuple[int, int, str]] = []
    library = Library([root], tmp_path / "ix", auto_update=False)
    report = library.update(progress=lambda done, total, message: calls.append((done, total, message)))
    assert report.indexed == 40
    writing = [done for done, total, message in calls if message == "writing the index"]
    assert writing and writing == sorted(writing) and all(done < 40 for done in writing), calls
    after = calls[[i for i, call in enumerate(calls) if call[2] == "writing the index"][-1] + 1]
    assert after == (0, 0, "saving the index"), calls


def init_held_until_the_test(tally, parent_pid: int) -> None:
    """store.worker_init, once the test lets the worker go (HOLD): a worker slow to start, as on
    a loaded machine. A worker let go by the deadline, not the test, says so in a file."""
    marker = Path(os.environ[HOLD])
    _wait_for_the_test()
    if not marker.exists():
        marker.with_name("held-to-the-deadline").touch()
    store.worker_init(tally, parent_pid)


def hold_the_workers_at_start(monkeypatch) -> None:
    """Two workers, chunks of 8, each worker held at its start by init_held_until_the_test."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(pool, "LOAD_CHUNK", 8)
    spawning = pool._spawning_executor

    def held_executor(workers: int, tally):
        executor = spawning(workers, tally)
        executor._initializer = init_held_until_the_test
        return executor

    monkeypatch.setattr(pool, "_spawning_executor", held_executor)


def test_files_are_counted_while_the_workers_are_still_starting(tmp_path, monkeypatch, hold):
    """A first build of thousands of files stood at "0/3,000 loading articles" for ~22 s on a
    loaded machine while the workers started (a new interpreter and a second of imports each),
    this process idle. It loads files itself meanwhile, counted: here the workers start only once
    the Library's progress has heard a count, and all the files are loaded once."""
    from reader.library import Library

    root = make_corpus(tmp_path / "corpus", _articles(40))
    hold_the_workers_at_start(monkeypatch)
    heard = _Heard("loading articles", hold)
    library = Library([root], tmp_path / "ix", auto_update=False)
    report = library.update(progress=heard)
    assert report.indexed == 40
    assert not (tmp_path / "held-to-the-deadline").exists()  # the first count came before the workers
    counts = heard.counts("loading articles")
    assert counts[0] == 0 and 0 < next(done for done in counts if done) < 40
    assert counts == sorted(counts) and counts[-1] == 40


def test_an_updates_deletes_are_counted_before_the_writing(tmp_path):
    """The documents of deleted and changed files were deleted under "writing the index", at 0
    (~2 s at 3,000 deleted files of 10,000): they are a step of their own, counted. A first
    build has none to delete, and says no such step."""
    from reader.index.update import REMOVING
    from reader.library import Library

    root = make_corpus(tmp_path / "corpus", _articles(30))
    library = Library([root], tmp_path / "ix", auto_update=False)
    first: list[tuple[int, int, str]] = []
    library.update(progress=lambda done, total, message: first.append((done, total, message)))
    for k in range(20):
        (root / f"a{k:03d}.md").unlink()
    calls: list[tuple[int, int, str]] = []
    report = library.update(progress=lambda done, total, message: calls.append((done, total, message)))
    assert report.removed == 20
    assert not any(message == REMOVING for _done, _total, message in first)
    removing = _counted(calls, REMOVING)
    deletes = removing[0][1]  # the deleted files', and the articles' whose story changed (written again)
    assert deletes >= 20, calls
    assert [done for done, _ in removing] == list(range(deletes + 1))  # (fewer than PROGRESS_STEPS: each)
    steps = [message for _done, _total, message in calls]
    assert steps.index(REMOVING) < steps.index("writing the index")


WORKER_KILLED = "READER_TEST_WORKER_KILLED"  # a file the worker that kills itself writes first


def load_killing_a_worker(path: Path, root: Path):
    """reader.corpus.load_file, but in a worker process the first file kills its worker (out
    of memory, as it were) and the others wait until then (or 30 s): the pool breaks while
    the chunks this process took back for itself are still its queue's."""
    from reader.corpus import load_file

    if os.getpid() != int(os.environ[PARENT_PID]):
        if path.stem == "a000":
            Path(os.environ[WORKER_KILLED]).touch()
            os.kill(os.getpid(), signal.SIGKILL)
        deadline = time.monotonic() + 30
        while not Path(os.environ[WORKER_KILLED]).exists() and time.monotonic() < deadline:
            time.sleep(0.01)
    return load_file(path, root)


PARENT_PID = "READER_TEST_PARENT_PID"


def test_a_worker_dying_after_files_were_loaded_here_while_they_started_breaks_nothing(tmp_path, monkeypatch, hold):
    """Chunks were taken back from the pool's queue by cancelling their futures: a worker that
    died later (out of memory) broke the pool's own thread on them (Python 3.11's
    ProcessPoolExecutor sets BrokenProcessPool on each queued future, a cancelled one raising
    InvalidStateError), a traceback on the terminal. Every file is still loaded, here."""
    import threading

    root = make_corpus(tmp_path / "corpus", _articles(56))
    monkeypatch.setenv(PARENT_PID, str(os.getpid()))
    monkeypatch.setenv(WORKER_KILLED, str(tmp_path / "worker-killed"))
    hold_the_workers_at_start(monkeypatch)
    thread_errors: list = []
    monkeypatch.setattr(threading, "excepthook", thread_errors.append)
    heard = _Heard("loading articles", hold)
    index = CorpusIndex([root], tmp_path / "ix", workers=2, loader="test_index_progress:load_killing_a_worker")
    try:
        report = index.update(progress=heard)
    finally:
        index.close()
    assert (tmp_path / "worker-killed").exists()
    assert [args.exc_value for args in thread_errors] == []
    assert report.indexed == 56 and not report.skipped


def test_an_update_cancelled_while_files_are_loaded_here_as_the_workers_start_stops_there(tmp_path, monkeypatch, hold):
    """Cancelled (ctrl+c, the app quitting) while this process loads files and the workers
    still start: it stops within that chunk, and the held workers are stopped, not waited for."""
    root = make_corpus(tmp_path / "corpus", _articles(56))
    hold_the_workers_at_start(monkeypatch)
    calls: list[tuple[int, str]] = []
    index = CorpusIndex([root], tmp_path / "ix", workers=2)
    try:
        report = index.update(
            progress=lambda done, total, message: calls.append((done, message)),
            cancel=lambda: (3, "loading articles") in calls,
        )
    finally:
        index.close()
    assert report.cancelled and not hold.exists()
    assert max(done for done, message in calls if message == "loading articles") <= 4  # (one article more at most)


def test_a_chunk_submitted_after_a_worker_died_is_redone_here():
    """The tasks held back while the workers start are submitted once they are at work: if a
    worker died meanwhile, the pool refuses them, and their chunks are redone here as a queued
    one's are (a future failed with BrokenProcessPool), not the update lost."""
    from concurrent.futures.process import BrokenProcessPool

    class BrokenPool:
        def submit(self, *call):
            raise BrokenProcessPool("A child process terminated abruptly")

    future = pool._submitted(BrokenPool(), (print, "never"))
    with pytest.raises(BrokenProcessPool):
        future.result()


def test_the_scan_and_the_stories_losing_deleted_articles_are_counted(tmp_path, monkeypatch):
    """At 10,000 articles with 3,000 files deleted, "scanning the corpus" (5-8 s) and "grouping
    the stories" (~20 s, most of it taking the deleted articles out of the stories' word counts)
    stood without a count: both count now, out of a total, up to it."""
    from reader.index import scan, story_groups, update

    monkeypatch.setattr(scan, "SCAN_STEPS", 1000)  # (a count per file, as at thousands of files)
    monkeypatch.setattr(story_groups, "CHANGE_STEPS", 1000)
    root = make_corpus(tmp_path / "corpus", _articles(30))
    index = CorpusIndex([root], tmp_path / "ix")
    try:
        index.update()
        for k in range(12):
            (root / f"a{k:03d}.md").unlink()
        calls = _calls_of_update(index)
    finally:
        index.close()
    scanning = _counted(calls, "scanning the corpus")
    assert scanning[0] == (1, 30) and scanning[-1] == (18, 18), calls  # out of the files the index had
    assert len(scanning) > 10 and [d for d, _ in scanning] == sorted(d for d, _ in scanning)
    taking = _counted(calls, update.TAKING_CHANGES)
    assert taking[-1] == (12, 12) and len(taking) > 5, calls
    assert {total for _, total in taking} == {12} and [d for d, _ in taking] == sorted(d for d, _ in taking)
    steps = [message for _, _, message in calls]
    assert steps.index(update.TAKING_CHANGES) < steps.index(update.REMOVING)


def test_a_first_scan_says_how_many_files_it_has_met(tmp_path, monkeypatch):
    """A first build's scan expects no number of files: it says those met so far in its words,
    and those found at its end, never a count out of itself: "12/12 scanning the corpus" showed a
    full bar, read as the build almost done, while it was about to start."""
    from reader.index import scan

    monkeypatch.setattr(scan, "UNCOUNTED_STEP", 5)
    calls = _calls_of_first_build(tmp_path, 12)
    scanning = [call for call in calls if call[2].startswith("scanning the corpus")]
    steps = [message for _, _, message in scanning]
    assert "scanning the corpus (5 files so far)" in steps and "scanning the corpus (10 files so far)" in steps
    assert scanning[-1] == (0, 0, "scanning the corpus (12 files found)"), calls
    assert {total for _, total, _ in scanning} == {0}, calls


def test_the_scan_counts_files_beyond_those_the_index_had(tmp_path, monkeypatch):
    """More files than the index recorded: the total grows with the count (never below it)."""
    from reader.index import scan

    calls: list[tuple[int, int, str]] = []
    on_file = scan.counting_scan(lambda *call: calls.append(call), 3)
    for count in range(1, 6):
        on_file(count, False)
    on_file(5, True)
    assert [(done, total) for done, total, _ in calls] == [(1, 3), (2, 3), (3, 3), (4, 4), (5, 5), (5, 5)]


def test_a_first_build_groups_the_articles_rather_than_taking_changes_in(tmp_path, monkeypatch):
    """A first build's stories step said "taking the changed articles into the stories 0/300":
    none changed, every article is new. An update of an index still says it."""
    from reader.index import story_groups, update

    monkeypatch.setattr(story_groups, "CHANGE_STEPS", 1000)
    root = make_corpus(tmp_path / "corpus", _articles(30))
    index = CorpusIndex([root], tmp_path / "ix")
    try:
        first = [message for _, _, message in _calls_of_update(index)]
        write_article(root, "a000", "Walrus seen", "Outlet A", "2025-01-10", "A walrus on the quay.")
        os.utime(root / "a000.md", ns=(1, 1))
        then = [message for _, _, message in _calls_of_update(index)]
    finally:
        index.close()
    assert update.GROUPING_NEW in first and update.TAKING_CHANGES not in first
    assert update.TAKING_CHANGES in then
