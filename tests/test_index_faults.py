"""Concurrency and faults with real processes: one writer, readers during a write, kill -9.

Child processes run small scripts that stop at a chosen point (they write a marker file and
wait); the test waits for the marker with a deadline, then acts (kill -9, search, update).
No assertion depends on timing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import ARTICLES, make_corpus, write_article  # noqa: E402

from reader.index import CorpusIndex, IndexBusy  # noqa: E402
from reader.index import store, update, whoosh_internals  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# A parked child waits to be killed, but never outlives the test run: it leaves on its own when
# its parent (pytest) is gone or after two minutes.
PARK = """
import os, time
def park_forever():
    parent, deadline = os.getppid(), time.monotonic() + 120
    while os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.05)
    os._exit(3)
"""

CHILD = (
    PARK
    + """
import os, sys, time
from pathlib import Path
from reader.index import CorpusIndex, store, update

corpus, index_dir, marker, stop_at = sys.argv[1:5]

def park(where):
    if where == stop_at:
        Path(marker).write_text(where)
        park_forever()

if stop_at == "loading":
    real_load = store.load_files
    def load_files(jobs, *args, **kwargs):
        park("loading")
        return real_load(jobs, *args, **kwargs)
    store.load_files = load_files
elif stop_at in ("before_commit", "after_toc"):
    from whoosh.writing import SegmentWriter
    real_commit_toc = SegmentWriter._commit_toc
    def _commit_toc(self, segments):
        park("before_commit")
        real_commit_toc(self, segments)
        park("after_toc")
    SegmentWriter._commit_toc = _commit_toc
elif stop_at == "mid_state":  # inside the state database's transaction, before its COMMIT
    from reader.index import statedb
    real_connect = statedb.StateDB._connect
    class Parking:
        def __init__(self, con):
            self._con = con
        def execute(self, sql, *args):
            if sql == "COMMIT":
                park("mid_state")
            return self._con.execute(sql, *args)
        def __getattr__(self, name):
            return getattr(self._con, name)
    def _connect(self, write):
        con = real_connect(self, write)
        return Parking(con) if write and con is not None else con
    statedb.StateDB._connect = _connect
elif stop_at == "holding_lock":
    from reader.index import lock
    real_acquire = lock.acquire
    def acquire(*a, **k):
        held = real_acquire(*a, **k)
        park("holding_lock")
        return held
    lock.acquire = acquire

CorpusIndex([Path(corpus)], Path(index_dir)).update()
Path(marker).write_text("done")
"""
)


def start_child(tmp_path, corpus, index_dir, stop_at):
    marker = tmp_path / f"marker-{stop_at}"
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(CHILD), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = spawn(
        [sys.executable, str(script), str(corpus), str(index_dir), str(marker), stop_at],
        env=env,
        cwd=str(tmp_path),
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child exited early: {proc.stderr.read().decode()[-2000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("child never reached " + stop_at)
        time.sleep(0.05)
    return proc


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return not any(line.startswith("State:") and "Z" in line for line in fh)
    except OSError:
        return False


def kill9(proc):
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


_SPAWNED: list[subprocess.Popen] = []


def spawn(*args, **kwargs) -> subprocess.Popen:
    """subprocess.Popen whose process the `reap_children` fixture kills and waits for."""
    proc = subprocess.Popen(*args, **kwargs)
    _SPAWNED.append(proc)
    return proc


@pytest.fixture(autouse=True)
def reap_children():
    """Every process a test starts is gone when the test ends, whether it passed or not."""
    yield
    while _SPAWNED:
        proc = _SPAWNED.pop()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream:
                stream.close()


@pytest.fixture
def setup(tmp_path):
    corpus = make_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    first = CorpusIndex([corpus], index_dir)
    first.update()
    first.close()
    return corpus, index_dir


def test_second_writer_waits_then_says_another_process_is_indexing(setup, tmp_path, monkeypatch):
    corpus, index_dir = setup
    proc = start_child(tmp_path, corpus, index_dir, "holding_lock")
    try:
        monkeypatch.setenv("READER_LOCK_WAIT", "0.3")
        ix = CorpusIndex([corpus], index_dir)
        assert ix.lock_timeout == 0.3
        with pytest.raises(IndexBusy, match=r"another reader process \(pid \d+: .+\) is updating the index") as busy:
            ix.update()
        assert busy.value.holder.startswith(f" (pid {proc.pid}: ")  # the child holding it, named
        # Readers are not blocked by the writer.
        assert ix.search("inflation").hits
        assert len(ix.articles()) == len(ARTICLES)
        ix.close()
    finally:
        kill9(proc)
    # The lock is released when the holder dies (even by kill -9).
    monkeypatch.delenv("READER_LOCK_WAIT")
    ix = CorpusIndex([corpus], index_dir)
    assert ix.lock_timeout == 3.0
    assert ix.update().unchanged == len(ARTICLES)
    ix.close()


def test_readers_search_the_last_commit_while_a_writer_works(setup, tmp_path):
    corpus, index_dir = setup
    write_article(corpus, "bbc/okapi", "Okapi", "BBC", "2025-12-01", "An okapi was born at the zoo.")
    reader = CorpusIndex([corpus], index_dir)
    assert reader.search("inflation").hits
    proc = start_child(tmp_path, corpus, index_dir, "before_commit")
    try:
        # The writer has written its segment but not committed: readers see the old state.
        assert reader.search("okapi").hits == []
        assert reader.search("inflation").hits
    finally:
        kill9(proc)
    ix = CorpusIndex([corpus], index_dir)
    assert ix.update().indexed == 1
    # The long-lived reader reopens its searcher on the new commit.
    assert [h.id for h in reader.search("okapi").hits] == ["bbc/okapi"]
    reader.close()
    ix.close()


@pytest.mark.parametrize("stop_at", ["loading", "before_commit", "after_toc", "mid_state"])
def test_kill_9_mid_index_leaves_a_usable_index_completed_next_run(setup, tmp_path, stop_at):
    corpus, index_dir = setup
    write_article(corpus, "bbc/okapi", "Okapi", "BBC", "2025-12-01", "An okapi was born at the zoo.")
    (corpus / "bbc" / "football.md").unlink()
    write_article(
        corpus,
        "reuters/storm",
        "Storm hits coastal towns",
        "Reuters",
        "2025-09-15",
        "The storm turned into a hurricane over the sea.",
    )
    proc = start_child(tmp_path, corpus, index_dir, stop_at)
    kill9(proc)
    if stop_at == "mid_state":  # the state database was left mid-transaction (a hot journal)
        assert (index_dir / "state.sqlite-journal").is_file()

    ix = CorpusIndex([corpus], index_dir)
    # Opens and searches: either the old commit or (after_toc) the new one.
    assert ix.search("inflation").hits
    assert ix.search("hurricane OR storm").hits
    report = ix.update()
    # Killed after its commit, before its record: the next run says it kept the commit.
    committed = stop_at in ("after_toc", "mid_state")
    assert report.notice == (update.INTERRUPTED_AFTER_COMMIT if committed else None)
    assert ix.searcher().doc_count() == len(ARTICLES)
    assert [h.id for h in ix.search("okapi").hits] == ["bbc/okapi"]
    assert [h.id for h in ix.search("hurricane").hits] == ["reuters/storm"]
    assert ix.search("goalless").hits == []
    assert sorted(a.id for a in ix.articles()) == sorted(set(ARTICLES) - {"bbc/football"} | {"bbc/okapi"})
    assert ix.update().to_dict()["unchanged"] == len(ARTICLES)
    ix.close()


def test_a_large_parallel_update_can_be_killed_and_completed(tmp_path, monkeypatch):
    """kill -9 while spawned workers write segments: orphan files are cleaned, counts right."""
    articles = {
        f"o{i % 4}/a{i:03d}": (f"Title {i}", f"Outlet {i % 4}", "2025-05-05", f"Body {i} with yak{i} and shared words.")
        for i in range(60)
    }
    corpus = make_corpus(tmp_path / "corpus", articles)
    index_dir = tmp_path / "index"
    marker = tmp_path / "marker"
    script = tmp_path / "parallel.py"
    script.write_text(
        PARK
        + textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from reader.index import CorpusIndex, pool
        pool.PARALLEL_MIN_FILES = 10
        real = pool.WorkerPool.write_segments
        def write_segments(self, *a):
            result = real(self, *a)
            Path({str(marker)!r}).write_text(" ".join(str(pid) for pid in self.pids()))
            park_forever()
        pool.WorkerPool.write_segments = write_segments
        if __name__ == "__main__":
            CorpusIndex([Path({str(corpus)!r})], Path({str(index_dir)!r}), workers=2).update()
        """),
        encoding="utf-8",
    )
    proc = spawn([sys.executable, str(script)], env=dict(os.environ, PYTHONPATH=str(ROOT)), stderr=subprocess.PIPE)
    orphans_before = set()
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline
        time.sleep(0.05)
    workers = [int(pid) for pid in marker.read_text().split()]
    assert workers
    kill9(proc)
    # Workers exit with their parent (PR_SET_PDEATHSIG / a watcher thread) on a best-effort
    # basis; make sure none outlives the test either way.
    for pid in workers:
        if alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    orphans_before = {p.name.split(".")[0] for d in index_dir.glob("whoosh*") for p in d.glob("MAIN_*.seg")}
    assert len(orphans_before) >= 2  # the workers' uncommitted segments
    # The loaded articles, spilled where a first build keeps them for the next (resume.py)
    assert list(index_dir.glob("build-resume/spill/*.pickle"))
    ix = CorpusIndex([corpus], index_dir)
    assert ix.search("yak7").hits == []  # nothing committed
    assert ix.update().indexed == 60
    assert ix.searcher().doc_count() == 60
    assert [h.id for h in ix.search("yak7").hits] == ["o3/a007"]
    # Orphan segment files of the killed run were cleaned by the commit.
    toc_segments = {s.segment_id() for s in whoosh_internals.segments(ix._open())}
    on_disk = {p.name.split(".")[0] for p in store.whoosh_dir(index_dir).glob("MAIN_*.seg")}
    assert on_disk == toc_segments
    assert not list(index_dir.rglob("spill_*"))  # gone with the killed run's folder
    assert not (index_dir / "build-resume").exists()  # reused, then gone with the build complete
    ix.close()


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_sigint_in_the_cli_interrupts_without_harm(setup, tmp_path):
    corpus, index_dir = setup
    write_article(corpus, "bbc/okapi", "Okapi", "BBC", "2025-12-01", "An okapi was born at the zoo.")
    marker = tmp_path / "marker"
    script = tmp_path / "cli.py"
    # The script sets its own SIGINT handler: started from a background job (pytest &), it would
    # inherit SIGINT ignored. The child is started that way below, so the test holds either way.
    script.write_text(
        PARK
        + textwrap.dedent(f"""
        import signal, sys, time
        from pathlib import Path
        signal.signal(signal.SIGINT, signal.default_int_handler)
        from reader.index import store
        real = store.load_files
        def load_files(*a, **k):
            Path({str(marker)!r}).write_text("loading")
            park_forever()
        store.load_files = load_files
        from reader.cli import main
        if __name__ == "__main__":
            sys.exit(main(["--corpus", {str(corpus)!r}, "--index", {str(index_dir)!r}, "index"]))
        """),
        encoding="utf-8",
    )
    proc = spawn(
        [sys.executable, str(script)],
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        preexec_fn=_ignore_sigint,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"Traceback" not in err
    # Said in words that the index is unharmed, not a bare "interrupted".
    assert err.decode().splitlines()[-1] == (
        "reader: interrupted; the index is as the last update that ran to its end left it"
    )
    ix = CorpusIndex([corpus], index_dir)
    assert ix.search("okapi").hits == []
    assert ix.update().indexed == 1
    ix.close()


def load_after_its_file_went_away(path, root):
    """A loader for files deleted (or renamed) between the update's scan and their reading."""
    from reader.corpus.loader import load_file

    if path.name.startswith("gone"):
        path.unlink()
    return load_file(path, root)


def test_a_file_deleted_while_the_update_runs_is_gone_not_a_problem(tmp_path):
    """Files renamed or deleted during `reader index` were each reported as "skipped PATH: cannot
    read: No such file or directory", by that update and every `list` until the next one."""
    corpus = make_corpus(tmp_path / "corpus", {"kept": ARTICLES["reuters/storm"], "gone": ARTICLES["ap/budget-vote"]})
    ix = CorpusIndex([corpus], tmp_path / "index", loader="test_index_faults:load_after_its_file_went_away")
    report = ix.update()
    assert report.skipped == [] and ix.skipped() == []
    assert [a.id for a in ix.articles()] == ["kept"]
    again = ix.update()
    assert (again.indexed, again.removed, again.skipped) == (0, 0, [])
    ix.close()
    # A file that is there and cannot be read is still reported.
    (corpus / "empty.txt").write_text("")
    ix = CorpusIndex([corpus], tmp_path / "index", loader="test_index_faults:load_after_its_file_went_away")
    assert [(s["path"], s["reason"]) for s in ix.update().skipped] == [(str(corpus / "empty.txt"), "empty file")]
    ix.close()
