"""A large update's loaded articles go through spill files (index/spill.py): the index, the
quotes, the stories and the state are the ones an in-memory update makes, and the spill folder
is gone afterwards, whatever happened; only our own spill folders are ever deleted."""

from __future__ import annotations

import json
import sqlite3
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus, write_article  # noqa: E402

from reader.analysis.stories.packed import PackedRecord  # noqa: E402
from reader.index import CorpusIndex, pool, resume, spill, statedb, store, update  # noqa: E402
from reader.tui.safe import one_line  # noqa: E402

SPEAKERS = ["Maria Lopez", "John Smith", "Ana Perez"]


def _articles(count: int) -> dict:
    out = {}
    for i in range(count):
        speaker = SPEAKERS[i % 3]
        body = (
            f"The council voted on the harbour plan number {i % 7} on Monday. "
            f"“We will not accept plan {i % 7},” said {speaker}, who leads the group. "
            f"Residents of district {i % 5} mentioned zebra{i} and the budget."
        )
        out[f"o{i % 4}/a{i:03d}"] = (f"Harbour plan {i % 7} vote", f"Outlet {i % 4}", f"2025-05-{1 + i % 9:02d}", body)
    return out


def _feature_rows(ix: CorpusIndex) -> dict:
    """The state database's story records as stored (packed)."""
    con = sqlite3.connect(ix.index_dir / statedb.DB_NAME)
    try:
        return dict(con.execute("SELECT id, record FROM features"))
    finally:
        con.close()


def _everything(ix: CorpusIndex) -> dict:
    """What readers see: stored fields, quotes, stories, article rows and search hits, and the
    story records the next update reads."""
    reader = ix.searcher().reader()
    stored = {}
    for n in range(reader.doc_count_all()):
        if not reader.is_deleted(n):
            fields = dict(reader.stored_fields(n))
            stored[fields["id"]] = fields
    ids = sorted(stored)
    return {
        "stored": stored,
        "quotes": {aid: ix.quotes(aid) for aid in ids},
        "stories": sorted((s.id, s.label, tuple(s.articles)) for s in ix.stories()),
        "articles": sorted(repr(a) for a in ix.articles()),
        "search": {
            q: sorted((h.id, round(h.score, 6)) for h in ix.search(q, limit=100).hits)
            for q in ("harbour", "zebra17", "budget AND council", '"harbour plan"', "Lopez")
        },
        "features": _feature_rows(ix),
    }


@pytest.fixture
def small_parallel(monkeypatch):
    """Worker processes, and so spill files, from 10 files on."""
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(pool, "LOAD_CHUNK", 8)


def test_a_spilled_build_is_the_in_memory_build(tmp_path, small_parallel, monkeypatch):
    corpus = make_corpus(tmp_path / "corpus", _articles(48))
    (corpus / "o1" / "a001.txt").write_text("Another file with the id o1/a001.\n", encoding="utf-8")
    memory = CorpusIndex([corpus], tmp_path / "memory", workers=1)
    memory.update()
    seen_spills = []
    real_spill_dir = resume.BuildResume.spill_dir

    def spill_dir(self):  # a first build's spill folder: kept until it is complete (resume.py)
        path = real_spill_dir(self)
        seen_spills.append(path)
        return path

    monkeypatch.setattr(resume.BuildResume, "spill_dir", spill_dir)
    spilled = CorpusIndex([corpus], tmp_path / "spilled", workers=2)
    report = spilled.update()
    assert report.indexed == 48
    assert any("same id" in s["reason"] for s in report.skipped)
    assert len(seen_spills) == 1 and not seen_spills[0].exists()  # used, then deleted
    assert _everything(spilled) == _everything(memory)
    # Its state is complete: nothing to do next time, and a change is applied as usual.
    assert spilled.update().unchanged == 48
    write_article(corpus, "o0/a000", "Okapi", "Outlet 0", "2025-05-01", "An okapi was born.")
    assert spilled.update().updated == 1
    assert [h.id for h in spilled.search("okapi").hits] == ["o0/a000"]
    memory.close()
    spilled.close()


def test_the_records_a_spilling_load_returns_hold_no_text(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", _articles(3))
    folder = tmp_path / "spill"
    folder.mkdir()
    jobs = [(str(p), str(p), str(corpus), [0, 0, 0, 0], None) for p in sorted(corpus.rglob("*.md"))]
    kept = store.load_files(jobs)
    records = store.load_files(jobs, spill_dir=str(folder))
    assert all("text" not in art for rec in records for art in rec["articles"])
    assert all(rec["quotes"] == {} for rec in records)
    # The story records come packed (the parent keeps them for the state database only).
    assert all("packed" not in rec for rec in records)
    assert [rec["features"] for rec in records] == [rec["packed"] for rec in kept]
    assert [{aid: PackedRecord(b).to_dict() for aid, b in rec["features"].items()} for rec in records] == [
        {aid: json.loads(text) for aid, text in rec["features"].items()} for rec in kept
    ]
    # Everything is in the one spill file they name, in order.
    (path,) = {rec["spill"] for rec in records}
    back = spill.read(path)
    for rec in kept:
        assert back[rec["key"]] == [
            (art, rec["quotes"][art["id"]], rec["features"][art["id"]]) for art in rec["articles"]
        ]


def test_a_worker_lost_while_writing_is_replaced_by_the_parent_reading_the_spill(tmp_path, small_parallel, monkeypatch):
    corpus = make_corpus(tmp_path / "corpus", _articles(30))
    expected = CorpusIndex([corpus], tmp_path / "memory", workers=1)
    expected.update()

    def broken(*args):
        raise BrokenProcessPool("a worker died")

    monkeypatch.setattr(pool.WorkerPool, "write_segments", broken)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    report = ix.update()
    assert report.indexed == 30
    assert report.notice == update.WRITING_WORKER_DIED  # said, not silent
    _assert_as_in_memory(ix, expected, tmp_path / "index")


def _assert_as_in_memory(ix, memory, index_dir) -> None:
    """`ix` (built through spill files in index_dir) holds what the in-memory build holds, and no
    spill folder is left (closes both)."""
    assert _everything(ix) == _everything(memory)
    assert not list(index_dir.rglob("spill_*"))
    ix.close()
    memory.close()


def test_a_failed_or_cancelled_update_leaves_no_spill(tmp_path, small_parallel, monkeypatch):
    corpus = make_corpus(tmp_path / "corpus", _articles(20))
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    assert ix.update(cancel=lambda: True).cancelled
    assert not list((tmp_path / "index").rglob("spill_*"))

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pool.WorkerPool, "write_segments", fail)
    with pytest.raises(OSError):
        ix.update()
    assert not list((tmp_path / "index").rglob("spill_*"))
    ix.close()


def test_spill_folders_a_killed_update_left_are_deleted_and_nothing_else(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", _articles(3))
    ix = CorpusIndex([corpus], tmp_path / "index")
    ix.update()
    wdir = store.whoosh_dir(tmp_path / "index")
    left = wdir / "spill_0123456789ab.tmp"
    left.mkdir()
    (left / "0f.pickle").write_bytes(b"x")
    others = [wdir / "spill_mine.tmp", wdir / "spill_0123456789ab.tmp.keep"]
    others[0].mkdir()
    others[1].write_text("not ours")
    write_article(corpus, "o0/a000", "Okapi", "Outlet 0", "2025-05-01", "An okapi was born.")
    assert ix.update().updated == 1
    assert not left.exists()
    assert all(p.exists() for p in others)
    ix.close()


@pytest.mark.parametrize(
    "art, story",
    [
        ({"title": "T", "outlet": "BBC", "date": "2025-01-02", "url": "https://x/1", "author": "A"}, "s1"),
        ({"title": "", "outlet": "", "date": None, "url": "", "author": None}, None),
        ({"title": None, "outlet": None, "date": "", "url": None, "author": ""}, ""),
    ],
)
def test_an_article_s_row_is_the_row_of_its_document(art, story):
    from reader.index.state import info_dict

    def doc_as_stored(doc: dict) -> dict:
        """A document about to be written, as its stored fields will read back."""
        return dict(doc, outlet_id=doc.get("_stored_outlet_id"))

    art = dict(art, id="o/a", path="/c/o/a.md", text="Body", story=None, inferred=[])
    doc = store.make_document(art, [], story, {"key": "0:o/a.md", "signature": [1, 2, 0, 0], "hash": "h"})
    assert store.article_row(art, story, "0:o/a.md") == info_dict(doc_as_stored(doc))


def _lost_grouping(self, function, args, cancel, report=None):
    """WorkerPool.call whose process dies at every call."""
    raise BrokenProcessPool("the grouping worker died")


def test_a_grouping_worker_lost_twice_fails_the_update_and_keeps_the_loading(tmp_path, small_parallel, monkeypatch):
    corpus = make_corpus(tmp_path / "corpus", _articles(30))
    calls = []

    def lost(self, function, args, cancel, report=None):
        calls.append(function)
        _lost_grouping(self, function, args, cancel, report)

    monkeypatch.setattr(pool.WorkerPool, "call", lost)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    with pytest.raises(
        update.GroupingWorkerDied, match="died twice: index not built, loaded files kept; free memory"
    ) as raised:
        ix.update()
    # how big it was and what it would take, to weigh against the machine: a smaller folder is said
    assert str(raised.value).startswith("grouping 30 articles into stories (needs ~50 MB) died twice: ")
    assert "free memory or use a smaller folder, then run" in str(raised.value)
    assert one_line(raised.value, 200).endswith("then run the command reader index in a shell")  # whole in the app
    assert calls == [update.group_spilled] * 2  # a fresh process once more, never reader's own
    assert not list((tmp_path / "index").rglob("spill_*"))
    monkeypatch.undo()
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    report = ix.update(retry_grouping=True)  # the next build asked for goes on from what this one loaded
    assert report.indexed == 30
    assert "the 30 files it had loaded were not read again" in report.notice
    assert [h.id for h in ix.search("zebra17").hits] == ["o1/a017"]
    ix.close()


def test_a_rebuild_whose_grouping_worker_is_lost_twice_leaves_the_index_as_it_was(
    tmp_path, small_parallel, monkeypatch
):
    corpus = make_corpus(tmp_path / "corpus", _articles(30))
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    ix.update()
    before = _everything(ix)
    monkeypatch.setattr(pool.WorkerPool, "call", _lost_grouping)
    with pytest.raises(update.GroupingWorkerDied, match="died twice: nothing saved, marks kept; free memory") as raised:
        ix.update(rebuild=True)
    assert one_line(raised.value, 200).endswith("then run the command reader index in a shell")  # whole in the app
    assert _everything(ix) == before
    ix.close()


class _KilledGroupingWorker:
    """The grouping's worker process held (signal.pause instead of group_spilled) and killed with
    SIGKILL, as the kernel's out-of-memory killer would, by the update's cancel() (asked every
    pool.POLL_SECONDS while the parent waits for it), `kills` times (each in a fresh process;
    a call after the first `held` ones runs group_spilled): `cancel_after_kill` says stop once they are dead
    (a question). Gives up (cancels) when a worker is not seen dead by a deadline, not to hang."""

    def __init__(
        self,
        monkeypatch,
        cancel_after_kill: Callable[[], bool] = lambda: False,
        kills: int = 1,
        held: int | None = None,
    ):
        import signal

        self.pool: pool.WorkerPool | None = None
        self.killed: list[int] = []
        self.killed_at: float | None = None
        self.calls = 0
        self.kills = kills
        self.held = kills if held is None else held
        self.cancel_after_kill = cancel_after_kill
        real_call = pool.WorkerPool.call

        def call(pool_self, function, args, cancel, report=None):
            if function is not update.group_spilled:
                return real_call(pool_self, function, args, cancel, report)
            self.pool = pool_self
            self.calls += 1
            if self.calls > self.held:
                return real_call(pool_self, function, args, cancel, report)
            return real_call(pool_self, signal.pause, (), cancel, report)

        monkeypatch.setattr(pool.WorkerPool, "call", call)

    def cancel(self) -> bool:
        import os
        import signal
        import time

        if self.killed_at is not None and time.monotonic() > self.killed_at + 120:
            return True
        if len(self.killed) == self.kills:
            return self.cancel_after_kill()
        # (the process of its own pool.call runs it in: the loading and writing workers live on)
        solo = self.pool._solo if self.pool is not None else None
        grouping = [pid for pid in (getattr(solo, "_processes", None) or {}) if pid not in self.killed]
        if grouping and self.calls == len(self.killed) + 1:
            os.kill(grouping[0], signal.SIGKILL)
            self.killed.append(grouping[0])
            self.killed_at = time.monotonic()
        return False


def test_a_killed_grouping_worker_is_said_and_its_stories_grouped_again_in_a_fresh_one_counted(
    tmp_path, small_parallel, monkeypatch
):
    corpus = make_corpus(tmp_path / "corpus", _articles(30))
    expected = CorpusIndex([corpus], tmp_path / "memory", workers=1)
    expected.update()
    worker = _KilledGroupingWorker(monkeypatch)
    counts_after_kill = []

    def progress(done, total, message):
        if worker.killed:
            counts_after_kill.append((message, done, total))

    written_by = []  # who wrote the articles' segments: the writers, or this process instead
    real_write_segments = pool.WorkerPool.write_segments

    def write_segments(*args, **kwargs):
        try:
            segments = real_write_segments(*args, **kwargs)
        except BrokenProcessPool:
            written_by.append("here")  # (the writers were stopped with the dead grouping worker)
            raise
        written_by.append("the workers")
        return segments

    monkeypatch.setattr(pool.WorkerPool, "write_segments", write_segments)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    report = ix.update(progress=progress, cancel=worker.cancel)
    assert len(worker.killed) == 1 and worker.calls == 2 and not report.cancelled
    assert report.indexed == 30
    assert report.notice == update.GROUPING_WORKER_DIED
    assert written_by == ["the workers"]  # the writers started meanwhile wrote on
    again = [(done, total) for message, done, total in counts_after_kill if message == update.GROUPING_AGAIN]
    assert again[0] == (0, 30) and again[-1] == (30, 30)  # said, and counted from 0 to its end
    assert _everything(ix) == _everything(expected)
    assert not list((tmp_path / "index").rglob("spill_*"))
    ix.close()
    expected.close()


def test_a_grouping_worker_killed_twice_fails_the_update_and_loses_nothing(tmp_path, small_parallel, monkeypatch):
    corpus = make_corpus(tmp_path / "corpus", _articles(30))
    worker = _KilledGroupingWorker(monkeypatch, kills=2)
    grouped_here = []
    real_cluster_records = update.story_groups.cluster_records
    monkeypatch.setattr(
        update.story_groups, "cluster_records", lambda *a, **k: grouped_here.append(1) or real_cluster_records(*a, **k)
    )
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    with pytest.raises(update.GroupingWorkerDied):
        ix.update(cancel=worker.cancel)
    assert len(worker.killed) == 2 and not grouped_here  # never grouped in this process
    assert ix.search("zebra17").hits == []
    assert not list((tmp_path / "index").rglob("spill_*"))
    ix.close()


def test_the_grouping_retried_after_its_worker_was_killed_stops_when_cancelled(tmp_path, small_parallel, monkeypatch):
    corpus = make_corpus(tmp_path / "corpus", _articles(30))
    # Cancelled once the fresh process groups (held there as the first one was).
    worker = _KilledGroupingWorker(monkeypatch, cancel_after_kill=lambda: worker.calls == 2, held=2)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    report = ix.update(cancel=worker.cancel)
    assert len(worker.killed) == 1 and worker.calls == 2 and report.cancelled
    assert ix.search("zebra17").hits == []
    assert not list((tmp_path / "index").rglob("spill_*"))
    monkeypatch.undo()
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    assert ix.update().indexed == 30  # and the next update completes
    assert [h.id for h in ix.search("zebra17").hits] == ["o1/a017"]
    ix.close()


def test_spilled_records_come_in_the_order_asked_with_replacements_every_pass(tmp_path):
    folder = str(tmp_path)
    one = spill.write(
        folder, {"k1": [({"id": "a"}, [], "r-a"), ({"id": "b"}, [], None)], "k2": [({"id": "c"}, [], "r-c")]}
    )
    two = spill.write(folder, {"k3": [({"id": "d"}, [], "r-d")]})
    parts = [(two, [("k3", 0, None)]), (one, [("k2", 0, None), ("k1", 1, "here-b"), ("k1", 0, None)])]
    records = spill.SpilledRecords(["unchanged"], parts)
    assert list(records) == ["unchanged", "r-d", "r-c", "here-b", "r-a"]
    assert list(records) == list(records)  # re-read on every pass
    assert list(spill.SpilledRecords([], [(one, [("k1", 1, None)])])) == []  # no record: skipped


def test_segment_writers_waiting_for_the_stories_stop_with_a_cancelled_or_failed_grouping(
    tmp_path, small_parallel, monkeypatch
):
    corpus = make_corpus(tmp_path / "corpus", _articles(30))
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    grouping = []

    def progress(done, total, message):
        if message.startswith("grouping the stories"):
            grouping.append(message)

    # Cancelled once the writers wait for the stories: the update ends, and nothing is left.
    report = ix.update(progress=progress, cancel=lambda: bool(grouping))
    assert grouping and report.cancelled
    assert not list((tmp_path / "index").rglob("spill_*"))
    assert ix.search("zebra17").hits == []

    def fail(self, function, args, cancel, report=None):
        raise RuntimeError("the grouping failed")

    monkeypatch.setattr(pool.WorkerPool, "call", fail)
    with pytest.raises(RuntimeError):
        ix.update()
    assert not list((tmp_path / "index").rglob("spill_*"))
    monkeypatch.undo()
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    assert ix.update().indexed == 30  # and a later update completes
    assert [h.id for h in ix.search("zebra17").hits] == ["o1/a017"]
    ix.close()


def test_a_large_update_of_an_existing_index_through_the_spill_is_the_in_memory_one(tmp_path, small_parallel):
    # Stories regrouped incrementally from the stored ones, segments written into the active
    # folder while they are: the same index as the same changes applied in one process.
    corpus = make_corpus(tmp_path / "corpus", _articles(40))
    memory = CorpusIndex([corpus], tmp_path / "memory", workers=1)
    spilled = CorpusIndex([corpus], tmp_path / "spilled", workers=2)
    memory.update()
    spilled.update()
    for i in range(0, 40, 3):  # 14 changed files: enough for the workers
        write_article(
            corpus, f"o{i % 4}/a{i:03d}", f"Storm {i}", f"Outlet {i % 4}", "2025-05-03", f"Storm {i} hit the harbour."
        )
    for i in range(40, 52):  # and 12 new ones
        write_article(
            corpus, f"o{i % 4}/a{i:03d}", f"Storm {i}", f"Outlet {i % 4}", "2025-05-03", f"The storm flooded {i}."
        )
    reports = [ix.update().to_dict() for ix in (memory, spilled)]
    assert reports[0]["updated"] == reports[1]["updated"] == 14
    assert reports[0]["indexed"] == reports[1]["indexed"] == 12
    _assert_as_in_memory(spilled, memory, tmp_path / "spilled")


def test_a_build_of_more_segments_than_workers_is_the_in_memory_build(tmp_path, small_parallel, monkeypatch):
    from reader.index import update

    corpus = make_corpus(tmp_path / "corpus", _articles(48))
    memory = CorpusIndex([corpus], tmp_path / "memory", workers=1)
    memory.update()
    monkeypatch.setattr(update, "SEGMENT_SIZE", 10)  # five segments for two workers
    tasks = []
    real_start = pool.WorkerPool.start_segments

    def start_segments(self, parts):
        tasks.extend(parts)
        return real_start(self, parts)

    monkeypatch.setattr(pool.WorkerPool, "start_segments", start_segments)
    spilled = CorpusIndex([corpus], tmp_path / "spilled", workers=2)
    assert spilled.update().indexed == 48
    assert [len(task[3]) for task in tasks] == [3, 2]  # each worker its segments, in one task
    assert _everything(spilled) == _everything(memory)
    memory.close()
    spilled.close()


def test_a_worker_indexes_all_its_segments_before_it_waits_for_the_stories(tmp_path, monkeypatch):
    from reader.index import whoosh_internals

    corpus = make_corpus(tmp_path / "corpus", _articles(12))
    folder = tmp_path / "spill"
    folder.mkdir()
    jobs = [(str(p), str(p), str(corpus), [0, 0, 0, 0], None) for p in sorted(corpus.rglob("*.md"))]
    records = store.load_files(jobs, spill_dir=str(folder))
    entries = [
        (rec["spill"], (rec["key"], i, None, {"key": rec["key"], "signature": [0], "hash": rec["hash"]}, None))
        for rec in records
        for i, _art in enumerate(rec["articles"])
    ]
    parts_list = [[(entries[0][0], [entry for _path, entry in entries[n : n + 4]])] for n in (0, 4, 8)]
    events = []
    real_start = whoosh_internals.start_uncommitted_segment

    def start(*args, **kwargs):
        events.append("indexed")
        return real_start(*args, **kwargs)

    def wait(folder):
        events.append("waited")
        return {art["id"]: "s-one" for rec in records for art in rec["articles"]}

    monkeypatch.setattr(whoosh_internals, "start_uncommitted_segment", start)
    monkeypatch.setattr(spill, "wait_for_stories", wait)
    ix, name = store.create_fresh(tmp_path / "ix")
    written = store.write_spilled_segments(str(tmp_path / "ix" / name), parts_list, str(folder))
    assert events == ["indexed", "indexed", "indexed", "waited"]
    assert [count for _segment, count in written] == [4, 4, 4]
    writer = store.writer(ix, 1.0)
    store.commit_segments(writer, [segment for segment, _count in written], merge=False)
    with store.open_unchecked(tmp_path / "ix" / name).searcher() as s:
        stored = [s.reader().stored_fields(n) for n in range(12)]
    assert sorted(d["id"] for d in stored) == sorted(art["id"] for rec in records for art in rec["articles"])
    assert {d["story"] for d in stored} == {"s-one"}


def test_a_call_in_a_fresh_process_after_one_died_counts_from_0(tmp_path):
    import os
    import signal

    workers = pool.WorkerPool(2)
    try:
        slot = store.RECORDS_READ
        workers.call(store.counted, (slot, slot, slot, slot), lambda: False)  # one article counted
        assert store.records_grouped(workers._tally()) == 1

        def kill() -> bool:  # (the process of its own, asked at every poll while it waits)
            for pid in workers._solo._processes:
                os.kill(pid, signal.SIGKILL)
            return False

        with pytest.raises(BrokenProcessPool):
            workers.call(signal.pause, (), kill)
        shown = []
        report = workers.reporting(store.records_grouped, 10, "again", lambda *shown_now: shown.append(shown_now))
        workers.call(int, (), lambda: False, report)
        assert shown == [(0, 10, "again")]
    finally:
        workers.stop()


@pytest.fixture
def memory(monkeypatch):
    """The machine's (total, available) MB as grouping_memo reads them, set by the test."""
    from reader.index import grouping_memo

    now = {"mb": (8000, 1000)}
    monkeypatch.setattr(grouping_memo, "memory_mb", lambda: now["mb"])
    return now


def test_a_build_whose_grouping_died_twice_is_said_at_once_next_time_without_loading(
    tmp_path, small_parallel, monkeypatch, memory
):
    """The failure is remembered with the corpus's size and the memory: the next build of the same
    corpus on the same machine says it before loading a file (it cost the whole load at every
    launch), and tries again only when asked, or when the corpus or the memory changed."""
    corpus = make_corpus(tmp_path / "corpus", _articles(30))
    worker = _KilledGroupingWorker(monkeypatch, kills=2)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    with pytest.raises(update.GroupingWorkerDied) as first:
        ix.update(cancel=worker.cancel)
    assert not isinstance(first.value, update.GroupingFailedBefore) and len(worker.killed) == 2
    loads = []
    real_load = pool.WorkerPool.load
    monkeypatch.setattr(pool.WorkerPool, "load", lambda *a, **k: loads.append(1) or real_load(*a, **k))
    memory["mb"] = (8000, 1200)  # a little more free: not worth a try of its own
    with pytest.raises(update.GroupingFailedBefore) as again:
        ix.update(cancel=worker.cancel)
    assert loads == [] and worker.calls == 2  # nothing loaded, no grouping tried
    said = str(again.value)
    assert said.startswith("not tried again: grouping 30 articles died twice at the last build")
    assert "(needs ~50 MB; 1,000 MB free then, 1,200 now); free memory, then run `reader index`" in said
    assert one_line(again.value, 200).endswith("then run the command reader index in a shell")  # whole in the app
    assert resume.kept_files(tmp_path / "index") == 30  # what the first try loaded is still kept
    memory["mb"] = (8000, 1300)  # a quarter more free than at the failure: tried again, on its own
    with pytest.raises(update.GroupingWorkerDied) as tried:
        ix.update(cancel=_KilledGroupingWorker(monkeypatch, kills=2).cancel)
    assert not isinstance(tried.value, update.GroupingFailedBefore)
    monkeypatch.undo()
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(update.grouping_memo, "memory_mb", lambda: (8000, 1300))
    with pytest.raises(update.GroupingFailedBefore):
        ix.update()
    report = ix.update(retry_grouping=True)  # asked: `reader index`, the app's key
    assert report.indexed == 30 and [h.id for h in ix.search("zebra17").hits] == ["o1/a017"]
    assert not (tmp_path / "index" / update.grouping_memo.MEMO_NAME).exists()  # forgotten once it worked
    ix.close()


def test_the_memory_a_grouping_failure_is_weighed_by_is_the_memory_before_loading_as_a_launch_finds_it(
    tmp_path, small_parallel, monkeypatch, memory
):
    """At the failure this process holds the loaded articles: memory measured then made the next
    launch, before loading, find "a quarter more free" and try again, the whole load each time."""
    corpus = make_corpus(tmp_path / "corpus", _articles(30))
    real_load = pool.WorkerPool.load

    def load_holding_memory(*args, **kwargs):
        loaded = real_load(*args, **kwargs)
        memory["mb"] = (8000, 500)  # the loaded articles, held here till the grouping ends
        return loaded

    monkeypatch.setattr(pool.WorkerPool, "load", load_holding_memory)
    worker = _KilledGroupingWorker(monkeypatch, kills=2)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    with pytest.raises(update.GroupingWorkerDied):
        ix.update(cancel=worker.cancel)
    memory["mb"] = (8000, 1000)  # the next launch, before loading: as before the failed build's load
    with pytest.raises(update.GroupingFailedBefore) as again:
        ix.update(cancel=worker.cancel)
    assert "1,000 MB free then, 1,000 now" in str(again.value)
    ix.close()


def test_a_remembered_grouping_failure_is_tried_again_when_the_corpus_or_the_machine_changed(
    tmp_path, small_parallel, monkeypatch, memory
):
    corpus = make_corpus(tmp_path / "corpus", _articles(30))
    monkeypatch.setattr(pool.WorkerPool, "call", _lost_grouping)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    with pytest.raises(update.GroupingWorkerDied):
        ix.update()
    with pytest.raises(update.GroupingFailedBefore):
        ix.update()
    # (rebuilt: what the first try loaded, kept, would be grouped here, as a resumed build's few new files are)
    with pytest.raises(update.GroupingFailedBefore):
        ix.update(rebuild=True)
    write_article(corpus, "o1/new", "Another", "Outlet 1", "2025-05-02", "A new article about the harbour.")
    with pytest.raises(update.GroupingWorkerDied) as grown:  # the corpus's size changed: tried
        ix.update(rebuild=True)
    assert not isinstance(grown.value, update.GroupingFailedBefore)
    with pytest.raises(update.GroupingFailedBefore):
        ix.update(rebuild=True)
    memory["mb"] = (16000, 1000)  # more memory fitted
    with pytest.raises(update.GroupingWorkerDied) as fitted:
        ix.update(rebuild=True)
    assert not isinstance(fitted.value, update.GroupingFailedBefore)
    ix.close()


def test_a_rebuild_whose_grouping_failed_before_leaves_the_index_searched_as_it_was(
    tmp_path, small_parallel, monkeypatch, memory
):
    corpus = make_corpus(tmp_path / "corpus", _articles(30))
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    ix.update()
    before = _everything(ix)
    monkeypatch.setattr(pool.WorkerPool, "call", _lost_grouping)
    with pytest.raises(update.GroupingWorkerDied):
        ix.update(rebuild=True)
    with pytest.raises(update.GroupingFailedBefore):
        ix.update(rebuild=True)
    assert not ix.update().changed  # an ordinary update of the index there needs no grouping process
    assert _everything(ix) == before
    ix.close()


def test_a_resumed_first_build_with_a_few_new_files_groups_in_a_process_of_its_own(
    tmp_path, small_parallel, monkeypatch
):
    """The loading an interrupted first build kept (spilled) and a few files new since (loaded here,
    too few for workers): their grouping went to this process (_cluster_here), every record held
    beside the loaded articles, which the code forbids for memory; it is the grouping process's,
    and the index is the one an uninterrupted build makes."""
    corpus = make_corpus(tmp_path / "corpus", _articles(30))
    monkeypatch.setattr(pool.WorkerPool, "call", _lost_grouping)
    ix = CorpusIndex([corpus], tmp_path / "index", workers=2)
    with pytest.raises(update.GroupingWorkerDied):
        ix.update()
    assert resume.kept_files(tmp_path / "index") == 30
    monkeypatch.undo()
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    write_article(corpus, "o1/new", "Okapi", "Outlet 1", "2025-05-02", "An okapi was born at the harbour zoo.")
    called, here = [], []
    real_call, real_here = pool.WorkerPool.call, update.IndexUpdate._cluster_here
    monkeypatch.setattr(
        pool.WorkerPool, "call", lambda self, f, *a, **k: called.append(f) or real_call(self, f, *a, **k)
    )
    monkeypatch.setattr(
        update.IndexUpdate, "_cluster_here", lambda self, *a, **k: here.append(1) or real_here(self, *a, **k)
    )
    report = ix.update(retry_grouping=True)
    assert "the 30 files it had loaded were not read again" in report.notice
    assert report.indexed == 31
    assert here == [] and called == [update.group_spilled]  # never in this process
    assert [h.id for h in ix.search("okapi").hits] == ["o1/new"]
    whole = CorpusIndex([corpus], tmp_path / "whole", workers=1)
    whole.update()
    assert _everything(ix) == _everything(whole)
    ix.close()
    whole.close()
