"""`reader index` killed (kill -9) at its steps: nothing the user keeps is lost, and the next run
recovers. The kill is a subprocess that os._exit()s at an injected point of a real update."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus  # noqa: E402

from reader.state.marks import Mark, MarkStore  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KILLED = 9

# Each point replaces a function of the update with one that runs it, then dies at once (no
# cleanup, no finally: as kill -9 does).
DIE_AFTER = """
import os, sys
import {module} as target
real = target.{owner}{name}

def dying(*args, **kwargs):
    result = real(*args, **kwargs)
    os._exit({code})

setattr(target{owner_path}, "{attr}", dying)
from reader.cli import main
sys.exit(main(sys.argv[1:]))
"""

POINTS = {
    # the Whoosh commit made, the state database not yet written
    "after the commit": ("reader.index.store", "", "commit_segments"),
    # the commit and its state written, the marks not yet moved
    "after the state is recorded": ("reader.index.update", "IndexUpdate.", "record"),
}


def run_dying(tmp_path: Path, point: str, *args: str) -> subprocess.CompletedProcess:
    module, owner, name = POINTS[point]
    script = DIE_AFTER.format(
        module=module,
        owner=owner,
        name=name,
        code=KILLED,
        owner_path=f".{owner[:-1]}" if owner else "",
        attr=name,
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300
    )


@pytest.mark.parametrize("point", list(POINTS))
def test_marks_follow_renamed_articles_when_the_update_is_killed_before_they_moved(tmp_path, reader_cli, point):
    corpus = make_corpus(tmp_path / "news")
    reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    marks = MarkStore(Path(os.environ["READER_DATA_DIR"]) / "marks.sqlite3", [corpus])
    marks.put({"reuters/storm": Mark(read=True), "reuters/budget-vote": Mark(starred=True)})
    (corpus / "reuters").rename(corpus / "wires")

    killed = run_dying(tmp_path, point, "--corpus", str(corpus), "index", "--no-prepare")
    assert killed.returncode == KILLED, killed.stderr
    assert marks.all() == {"reuters/storm": Mark(read=True), "reuters/budget-vote": Mark(starred=True)}

    # The next run finds nothing renamed (the index has the new ids): the marks follow anyway.
    again = reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    assert again.returncode == 0
    assert marks.all() == {"wires/storm": Mark(read=True), "wires/budget-vote": Mark(starred=True)}
    listed = reader_cli("--corpus", str(corpus), "list", "--json").stdout
    assert '"wires/storm"' in listed and '"reuters/storm"' not in listed


def test_renames_of_an_update_killed_before_its_commit_move_no_mark(tmp_path, reader_cli):
    """Killed before the commit: the renames were never committed. When the files are moved back
    before the next run, the marks stay where they are (they were never moved)."""
    corpus = make_corpus(tmp_path / "news")
    reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    marks = MarkStore(Path(os.environ["READER_DATA_DIR"]) / "marks.sqlite3", [corpus])
    marks.put({"reuters/storm": Mark(read=True)})
    (corpus / "reuters").rename(corpus / "wires")
    script = DIE_AFTER.format(
        module="reader.index.pending_renames", owner="", name="record", code=KILLED, owner_path="", attr="record"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    killed = subprocess.run(
        [sys.executable, "-c", script, "--corpus", str(corpus), "index", "--no-prepare"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert killed.returncode == KILLED, killed.stderr
    (corpus / "wires").rename(corpus / "reuters")
    (corpus / "bbc" / "late.md").write_text("---\ntitle: Late\noutlet: BBC\n---\n\nA late story.\n")  # a commit
    reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    assert marks.all() == {"reuters/storm": Mark(read=True)}


SPAWN_THEN_DIE = """
import os, sys
from reader.index import pool, store

executor = pool._spawning_executor(2, None)
executor.submit(store.import_module, "json")
print(" ".join(str(pid) for pid in executor._processes), flush=True)
os._exit(9)  # killed while its workers are still starting
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie not yet reaped by init is gone too
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def test_workers_exit_when_the_update_is_killed_while_they_start():
    """`reader index` killed in its first second left its spawned workers running for good:
    each asked for its parent only once started, and found init. They held the terminal's
    output, so a `reader index | tee log` killed never ended."""
    import time

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    # Not waited for by its output's end: the workers share it.
    with subprocess.Popen([sys.executable, "-c", SPAWN_THEN_DIE], stdout=subprocess.PIPE, text=True, env=env) as proc:
        assert proc.stdout is not None
        pids = [int(pid) for pid in proc.stdout.readline().split()]
        assert proc.wait(timeout=60) == KILLED and pids
        deadline = time.monotonic() + 60
        while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [pid for pid in pids if _alive(pid)]
        for pid in left:  # not to leave them behind when the test fails
            os.kill(pid, 9)
        assert left == []


def test_a_first_build_killed_before_it_was_complete_is_said_and_made_again(tmp_path, reader_cli):
    corpus = make_corpus(tmp_path / "news")
    killed = run_dying(tmp_path, "after the commit", "--corpus", str(corpus), "index", "--no-prepare")
    assert killed.returncode == KILLED, killed.stderr
    again = reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    assert again.stdout.startswith("5 indexed, 0 updated, 0 removed, 0 unchanged in ")
    assert "reader: the last index build was interrupted before it finished" in again.stderr
    quiet = reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    assert quiet.stdout.startswith("0 indexed, 0 updated, 0 removed, 5 unchanged in ") and quiet.stderr == ""


KILLED_WHILE_WORKERS_RUN = """
import os, sys, time
from pathlib import Path
from reader.index import CorpusIndex, pool

pool.PARALLEL_MIN_FILES = 10
corpus, index_dir = sys.argv[1:3]
real_load = pool.WorkerPool.load
real_spawning_executor = pool._spawning_executor
pools = []

def spawning_executor(workers, tally):
    pools.append((real_spawning_executor(workers, tally), tally))
    return pools[-1][0]

pool._spawning_executor = spawning_executor

def load(self, *args, **kwargs):
    records = real_load(self, *args, **kwargs)
    deadline = time.monotonic() + 60  # the update goes on until every worker has started
    while getattr(self, "_starting", None) and time.monotonic() < deadline:
        time.sleep(0.05)
        self._forget_started_names()
    print(" ".join(str(pid) for pid in self.pids()), flush=True)
    print(" ".join(lock._semlock.name for ex, tally in pools for lock in pool._semaphores(ex, tally)), flush=True)
    time.sleep(120)  # killed here
    return records

pool.WorkerPool.load = load
if __name__ == "__main__":
    CorpusIndex([Path(corpus)], Path(index_dir), workers=2).update()
"""


def test_an_update_killed_while_its_workers_run_leaves_no_leaked_semaphore_warning(tmp_path):
    """After kill -9 of `reader index`, multiprocessing's resource tracker printed "There appear
    to be 6 leaked semaphore objects to clean up at shutdown" on the terminal: its workers'
    queues and counts still had the named semaphores the workers opened as they started. Their
    names are now removed once the workers have started."""
    articles = {
        f"o{i % 3}/a{i:02d}": (f"Title {i}", f"Outlet {i % 3}", "2025-05-05", f"Body {i} about yak{i}.")
        for i in range(30)
    }
    corpus = make_corpus(tmp_path / "corpus", articles)
    script = tmp_path / "killed.py"
    script.write_text(KILLED_WHILE_WORKERS_RUN, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    with subprocess.Popen(
        [sys.executable, str(script), str(corpus), str(tmp_path / "index")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as proc:
        assert proc.stdout is not None
        workers = proc.stdout.readline().split()
        names = proc.stdout.readline().split()
        # Nothing left to remove (killed with its resource tracker, kill -9 of its process
        # group, they stayed in /dev/shm for good).
        left = [name for name in names if Path(f"/dev/shm/sem.{name.lstrip('/')}").exists()]
        os.kill(proc.pid, signal.SIGKILL)
        # stderr ends when the last process holding it has (the workers, the resource tracker).
        _, err = proc.communicate(timeout=120)
    assert workers and names, err
    assert left == []
    assert proc.returncode == -signal.SIGKILL
    assert "leaked" not in err and "resource_tracker" not in err, err


def test_an_update_killed_between_its_commit_and_its_record_says_what_the_next_run_recovered(tmp_path, reader_cli):
    """The next run made the record of the indexed files again from the index, and said nothing:
    the user who had killed it could not tell whether that update's articles were kept."""
    corpus = make_corpus(tmp_path / "news")
    reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    (corpus / "bbc" / "late.md").write_text("---\ntitle: Late\noutlet: BBC\n---\n\nA late story.\n")
    killed = run_dying(tmp_path, "after the commit", "--corpus", str(corpus), "index", "--no-prepare")
    assert killed.returncode == KILLED, killed.stderr

    again = reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    assert again.stderr.splitlines() == [
        "reader: the last index update was interrupted after it saved its articles (its process was killed);"
        " they were kept, and its record of the indexed files was made again from the index"
    ]
    assert again.stdout.startswith("0 indexed, 0 updated, 0 removed, 6 unchanged in ")
    listed = reader_cli("--corpus", str(corpus), "list", "--json").stdout
    assert '"bbc/late"' in listed
    quiet = reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    assert quiet.stdout.startswith("0 indexed, 0 updated, 0 removed, 6 unchanged in ") and quiet.stderr == ""


KILLED_AS_WORKERS_START = """
import os, signal, sys
from reader.index import pool, store

workers = pool.WorkerPool(2)
workers.executor().submit(store.import_module, "json")
print(" ".join(str(pid) for pid in workers.pids()), flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # before the workers have started
"""


def test_an_update_killed_as_its_workers_start_leaves_no_leaked_semaphore_warning():
    """Killed in the seconds its workers take to start, the pool's semaphores still have their
    names: the resource tracker removes them, without its warning."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_AS_WORKERS_START],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as proc:
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert "leaked" not in err and "resource_tracker" not in err, err


CTRL_C_AS_WORKERS_START = """
import os, signal, sys
from reader.index import pool, store

caught = []
signal.signal(signal.SIGINT, lambda *_: caught.append(1))  # the parent's ctrl+c, as the CLI's would be
workers = pool.WorkerPool(2)
task = workers.executor().submit(store.import_module, "json")
os.killpg(0, signal.SIGINT)  # ctrl+c: the whole process group, the workers still starting
task.result(timeout=120)  # the workers outlived it
workers.stop()
print("caught" if caught else "not caught", flush=True)
"""


def _ctrl_c_as_in_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # not ignored, as a background job's (pytest &) is


def test_ctrl_c_as_the_workers_start_prints_no_traceback_and_leaves_them_working():
    """Ctrl+c in the second or more the workers take to start (imports) reached each of them
    before it could ignore it: the terminal got their KeyboardInterrupt tracebacks (or a worker
    died of it, without a word). They start with SIGINT blocked, then ignore it."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    with subprocess.Popen(
        [sys.executable, "-c", CTRL_C_AS_WORKERS_START],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, as a terminal gives a command
        preexec_fn=_ctrl_c_as_in_a_terminal,
    ) as proc:
        out, err = proc.communicate(timeout=180)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert proc.returncode == 0, err
    assert out.split() == ["caught"]


KILLED_WITH_ITS_GROUP_AS_WORKERS_START = """
import os, signal, sys
from pathlib import Path
from reader.index import pool, store

workers = pool.WorkerPool(2, Path(sys.argv[1]))
workers.executor().submit(store.import_module, "json")
names = [name for ex, tally in workers._starting for name in pool._semaphore_names(ex, tally)]
print(" ".join(names), flush=True)
os.killpg(0, signal.SIGKILL)  # kill -9 of the process group: the resource tracker with it
"""


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="named semaphores are files in /dev/shm on Linux")
def test_the_semaphores_of_an_update_killed_with_its_group_as_its_workers_start_are_removed_by_the_next(tmp_path):
    """kill -9 of the process group (a terminal's job killed) in the seconds the workers take to
    start killed the resource tracker too, which would have removed the pool's semaphores: a dozen
    files stayed in /dev/shm for good, each such time. The next holder of the lock removes them."""
    from reader.index import lock

    index_dir = tmp_path / "index"
    lock.release(lock.acquire(index_dir, 5))  # made an index folder, as an update's first step does
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_WITH_ITS_GROUP_AS_WORKERS_START, str(index_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    ) as proc:
        out, _ = proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    files = [Path(f"/dev/shm/sem.{name.lstrip('/')}") for name in out.split()]
    try:
        assert files and all(file.exists() for file in files)  # left by the kill, as it was
        held = lock.acquire(index_dir, 5)
        lock.release(held)
        assert [file for file in files if file.exists()] == []
        assert [p.name for p in index_dir.iterdir() if "semaphores" in p.name] == []
    finally:
        for file in files:
            file.unlink(missing_ok=True)


def test_a_pool_stopped_as_its_workers_start_removes_its_semaphores_and_their_record(tmp_path):
    """ctrl+c in the seconds the workers start stops the pool before they have opened its
    semaphores: their names are removed then (the workers are gone), and so is their record."""
    from reader.index import lock, pool, store

    index_dir = tmp_path / "index"
    lock.release(lock.acquire(index_dir, 5))
    workers = pool.WorkerPool(2, index_dir)
    names: list[str] = []
    try:
        workers.executor().submit(store.import_module, "json")
        names = [name for ex, tally in workers._starting for name in pool._semaphore_names(ex, tally)]
        assert names and [p.name for p in index_dir.iterdir() if "semaphores" in p.name]
        workers.stop()
        if Path("/dev/shm").is_dir():
            assert [name for name in names if Path(f"/dev/shm/sem.{name.lstrip('/')}").exists()] == []
        assert [p.name for p in index_dir.iterdir() if "semaphores" in p.name] == []
    finally:  # a failed check leaves no workers running nor semaphores behind
        workers.stop()
        for name in names:
            Path(f"/dev/shm/sem.{name.lstrip('/')}").unlink(missing_ok=True)


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="named semaphores are files in /dev/shm on Linux")
def test_the_lock_removes_only_the_pool_semaphores_a_gone_update_recorded(tmp_path):
    """Taking the index's lock removes the semaphores recorded by an update whose process is
    gone, and its record; not a name that is not one of multiprocessing's pool semaphores, nor
    what a live process (this one) recorded."""
    import _multiprocessing

    from reader.index import lock

    index_dir = tmp_path / "index"
    lock.release(lock.acquire(index_dir, 5))
    gone = _reaped_pid()
    pid = os.getpid() % 10**7
    killed, other, alive = f"/mp-k{pid:07d}", f"/reader-test-other-{pid}", f"/mp-a{pid:07d}"
    semaphores = [_multiprocessing.SemLock(1, 1, 1, name, False) for name in (killed, other, alive)]
    files = {name: Path(f"/dev/shm/sem.{name.lstrip('/')}") for name in (killed, other, alive)}
    try:
        assert all(file.exists() for file in files.values())
        (index_dir / f"pool-semaphores.tmp{gone}").write_text(f"{killed}\n{other}\n", encoding="ascii")
        (index_dir / f"pool-semaphores.tmp{os.getpid()}").write_text(f"{alive}\n", encoding="ascii")
        lock.release(lock.acquire(index_dir, 5))
        assert not files[killed].exists()
        assert files[other].exists() and files[alive].exists()
        assert sorted(p.name for p in index_dir.iterdir() if "semaphores" in p.name) == [
            f"pool-semaphores.tmp{os.getpid()}"
        ]
    finally:
        del semaphores
        for file in files.values():
            file.unlink(missing_ok=True)


def _reaped_pid() -> int:
    """The id of a process that has ended and been reaped."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# A `reader index` whose clustering (the regroup of every article) says it began, then waits
# there to be killed: the kill lands mid-regroup, whatever the machine's speed.
REGROUP_THEN_WAIT = """
import sys, threading
from pathlib import Path
from reader.index import story_groups

marker = Path(sys.argv.pop(1))

def regrouping(*args, **kwargs):
    marker.write_text("regrouping")
    threading.Event().wait()

story_groups.cluster_records = regrouping
from reader.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _story_sets(reader_cli, *index: str) -> list[frozenset[str]]:
    import json

    stories = json.loads(reader_cli(*index, "stories", "--json").stdout)
    return sorted(frozenset(story["articles"]) for story in stories)


def test_an_update_killed_while_it_regroups_every_story_is_recovered_by_the_next(tmp_path, reader_cli):
    """kill -9 in the middle of a regroup (every story grouped again: the corpus statistics gone)
    leaves an index the next `reader index` takes up: exit 0, the stories a fresh build makes,
    and every mark kept."""
    import time

    from reader.index.state import STORIES_JSON_NAME, STORIES_NAME
    from test_index_helpers import write_article

    corpus = make_corpus(tmp_path / "news")
    index = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    reader_cli(*index, "index", "--no-prepare")
    marks = MarkStore(Path(os.environ["READER_DATA_DIR"]) / "marks.sqlite3", [corpus])
    kept = {"reuters/storm": Mark(read=True), "reuters/budget-vote": Mark(starred=True)}
    marks.put(kept)
    write_article(corpus, "ap/storm-later", "Storm damage counted", "Associated Press", "2025-10-04", "The storm ...")
    for name in (STORIES_NAME, STORIES_JSON_NAME):  # no statistics to group by: every story again
        (tmp_path / "ix" / name).unlink(missing_ok=True)

    marker = tmp_path / "regrouping"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    update = subprocess.Popen(
        [sys.executable, "-c", REGROUP_THEN_WAIT, str(marker), *index, "index", "--no-prepare"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert update.poll() is None, update.stderr.read() if update.stderr else ""
            assert time.monotonic() < deadline, "the update never began its regroup"
            time.sleep(0.05)
        update.send_signal(signal.SIGKILL)
        assert update.wait(timeout=60) == -signal.SIGKILL
    finally:
        if update.poll() is None:
            update.kill()
            update.wait()
        if update.stderr:
            update.stderr.close()

    again = reader_cli(*index, "index", "--no-prepare")
    assert again.returncode == 0, again.stderr
    fresh = ["--corpus", str(corpus), "--index", str(tmp_path / "fresh")]
    reader_cli(*fresh, "index", "--no-prepare")
    assert _story_sets(reader_cli, *index) == _story_sets(reader_cli, *fresh)
    assert any("ap/storm-later" in story for story in _story_sets(reader_cli, *index))
    assert marks.all() == kept
