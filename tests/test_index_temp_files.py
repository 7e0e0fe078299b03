"""A process killed between writing an index file's temp file and renaming it into place left the
temp file for good: the next holder of the write lock removes those of ours, and only those."""

import os
import subprocess
import sys

from conftest import SEEDS, write
from reader.index import CorpusIndex, lock
from reader.index.ownership import MARKER_NAME


def _dead_pid() -> int:
    """The pid of a process that has ended (and been waited for)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _killed_writers_files(folder, pid: int) -> list[str]:
    names = [
        f"stories.bin.tmp{pid}",
        f"checksums.json.tmp{pid}",
        f"CURRENT.tmp{pid}",
        f"{MARKER_NAME}.tmp{pid}",
        ".roots.json.k3x_9a0z.tmp",
        ".renamed-pending.json.abcd1234.tmp",
    ]
    for name in names:
        write(folder / name, "half written")
    return names


def _users_files(folder) -> list[str]:
    """Names near ours that we never write: kept."""
    names = ["stories.bin.tmp", "notes.tmp123", "CURRENT.tmpx", ".roots.json.tmp", "checksums.json.tmp1.bak", "a.tmp"]
    for name in names:
        write(folder / name, "mine")
    return names


def test_the_next_update_removes_the_temp_files_a_killed_writer_left(tmp_path):
    folder = tmp_path / "index"
    index = CorpusIndex([SEEDS], folder)
    index.update()
    index.close()
    left = _killed_writers_files(folder, _dead_pid())
    users = _users_files(folder)
    index = CorpusIndex([SEEDS], folder)
    index.update()  # nothing changed: found by the quick check, which holds the lock too
    index.close()
    names = set(os.listdir(folder))
    assert not names & set(left), names & set(left)
    assert set(users) <= names


def test_a_temp_file_a_live_process_may_still_be_writing_is_kept(tmp_path):
    """The marker is written before the lock is taken: its temp file is removed only once its
    writer has gone; those written under the lock are the holder's to remove."""
    folder = tmp_path / "index"
    lock.release(lock.acquire(folder, 5.0))  # claimed: an index folder of ours
    live = os.getpid()
    write(folder / f"{MARKER_NAME}.tmp{live}", "being written")
    write(folder / f"checksums.json.tmp{live}", "half written")
    held = lock.acquire(folder, 5.0)
    try:
        names = set(os.listdir(folder))
    finally:
        lock.release(held)
    assert f"{MARKER_NAME}.tmp{live}" in names
    assert f"checksums.json.tmp{live}" not in names


def test_nothing_is_removed_without_the_lock(tmp_path):
    """A reader (a search) never takes the lock: it leaves every file where it is."""
    folder = tmp_path / "index"
    index = CorpusIndex([SEEDS], folder)
    index.update()
    index.close()
    left = _killed_writers_files(folder, _dead_pid())
    index = CorpusIndex([SEEDS], folder)
    assert index.search("trump") is not None
    index.close()
    assert set(left) <= set(os.listdir(folder))


def test_the_names_matched_are_those_written():
    from reader.index import pending_renames, temp_files

    assert temp_files.PENDING_NAME == pending_renames.PENDING_NAME


def test_safe_writes_temp_names_are_matched(tmp_path):
    """The names replace_file's temp files get (tempfile.mkstemp's random part) are ours."""
    import tempfile

    from reader.index import temp_files

    (tmp_path / "index").mkdir()
    for name in ("roots.json", "renamed-pending.json"):
        fd, _ = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=tmp_path / "index")
        os.close(fd)
    assert len(temp_files.remove_left_behind(tmp_path / "index")) == 2
    assert os.listdir(tmp_path / "index") == []
