"""What interrupted first builds kept (build-resume/, resume.py) and no build can use is deleted
and said: another version of reader's, a corpus folder gone, another stamp's entries and the
spill files no record names; a folder another build may use, or one being built, stays."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus  # noqa: E402

from reader import config  # noqa: E402
from reader.index import CorpusIndex, pool, resume  # noqa: E402
from reader.index.state import LOCK_NAME  # noqa: E402


def _articles(count: int = 40) -> dict:
    return {
        f"o{i % 2}/a{i:03d}": (
            f"Harbour strike day {i}",
            f"Outlet {i % 2}",
            f"2025-02-1{i % 10}",
            f'The harbour strike went on. "We stay," said Anna Berg. Words number{i}.',
        )
        for i in range(count)
    }


def _cancel_halfway():
    """(progress, cancel) of an update cancelled once half its files are loaded."""
    seen = {"stop": False}

    def progress(done: int, total: int, message: str) -> None:
        if message.startswith("loading articles") and total and done >= total / 2:
            seen["stop"] = True

    return progress, lambda: seen["stop"]


def _interrupted_build(corpus: Path, workers: int = 1, **options) -> Path:
    """A first build of `corpus` in its default index folder, cancelled halfway through its
    loading: the index folder, its resume folder holding what was loaded."""
    index_dir = config.default_index_dir([corpus])
    progress, cancel = _cancel_halfway()
    ix = CorpusIndex([corpus], index_dir, workers=workers, **options)
    assert ix.update(progress=progress, cancel=cancel).cancelled
    ix.close()
    assert resume.kept_files(index_dir) > 0
    return index_dir


@pytest.fixture
def other(tmp_path: Path) -> CorpusIndex:
    """Another corpus, whose updates sweep the cache's index folders."""
    ix = CorpusIndex([make_corpus(tmp_path / "other", _articles(4))], tmp_path / "other-index", workers=1)
    yield ix
    ix.close()


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(pool, "IN_PROCESS_CHUNK", 4)


def test_another_versions_resume_folder_is_removed_by_any_update_and_said(tmp_path, other):
    index_dir = _interrupted_build(make_corpus(tmp_path / "a", _articles()))
    size = resume.kept_bytes(index_dir)
    (index_dir / resume.FOLDER_NAME / resume.CODE_STAMP_NAME).write_text("0" * 64)  # reader upgraded since
    report = other.update()
    assert not (index_dir / resume.FOLDER_NAME).exists()
    folder = str(index_dir / resume.FOLDER_NAME)
    assert report.resume_removed == [{"folder": folder, "bytes": size, "reason": "kept by another version of reader"}]
    assert report.to_dict()["resume_removed"] == report.resume_removed
    assert f"removed {size / 1e6:,.1f} MB that an interrupted first build had kept in {folder}" in report.notice
    assert (index_dir / LOCK_NAME).exists()  # only what the build kept: the index folder stays


def test_a_resume_folder_of_the_reader_before_this_one_is_removed(tmp_path, other):
    """Written before the code stamp was: no build of this reader can use it."""
    index_dir = _interrupted_build(make_corpus(tmp_path / "a", _articles()))
    (index_dir / resume.FOLDER_NAME / resume.CODE_STAMP_NAME).unlink()
    assert other.update().resume_removed[0]["reason"] == "kept by another version of reader"
    assert not (index_dir / resume.FOLDER_NAME).exists()


class _Clock:
    """resume's clock, moved on by hand (the sweep's days are counted by it, not waited)."""

    def __init__(self, monkeypatch):
        self.now = time.time()
        monkeypatch.setattr(resume, "_now", lambda: self.now)

    def days_later(self, days: float) -> None:
        self.now += days * 86400


def _gone_reason(count: int = 1) -> str:
    folders = "its corpus folder has" if count == 1 else "its corpus folders have"
    return f"{folders} been missing for {resume.GONE_DAYS} days"


def test_a_resume_folder_whose_corpus_is_gone_is_removed_also_by_a_no_op_update(tmp_path, other, monkeypatch):
    clock = _Clock(monkeypatch)
    other.update()
    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus)
    shutil.rmtree(corpus)
    assert other.update().resume_removed == []  # first seen missing: the count starts now
    clock.days_later(resume.GONE_DAYS + 1)
    report = other.update()  # nothing changed in its corpus (noop.py's answer)
    assert report.unchanged == 4
    assert report.resume_removed[0]["reason"] == _gone_reason()
    assert not (index_dir / resume.FOLDER_NAME).exists()


def test_the_days_count_from_the_last_sweep_that_found_the_corpus_not_the_last_build(tmp_path, other, monkeypatch):
    """A build interrupted long ago whose corpus (a disk) a sweep found there yesterday and
    missing today: its folder's last write is 40 days old, but the corpus has been away a day."""
    clock = _Clock(monkeypatch)
    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus)
    _build_written_days_ago(index_dir, clock, resume.GONE_DAYS + 10)
    clock.days_later(-1)
    assert other.update().resume_removed == []  # the corpus there: seen now
    clock.days_later(1)
    corpus.rename(tmp_path / "a-unmounted")
    assert other.update().resume_removed == []
    clock.days_later(resume.GONE_DAYS - 2)
    assert other.update().resume_removed == []
    assert resume.kept_files(index_dir) > 0
    clock.days_later(1)
    assert other.update().resume_removed[0]["reason"] == _gone_reason()
    assert not (index_dir / resume.FOLDER_NAME).exists()


@pytest.mark.parametrize("built_days_ago", [resume.GONE_DAYS + 10, 10])
def test_a_corpus_already_missing_at_its_first_sweep_counts_from_its_last_build(
    tmp_path, other, monkeypatch, built_days_ago
):
    """No sweep saw the corpus there since its build (reader was not run, or the reader before
    this one ran): it has been missing at most since that build's last write, and the count
    starts there, not at the first sweep that finds it gone (which kept it 30 days more)."""
    clock = _Clock(monkeypatch)
    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus)
    shutil.rmtree(corpus)
    _build_written_days_ago(index_dir, clock, built_days_ago)
    removed = other.update().resume_removed
    if built_days_ago >= resume.GONE_DAYS:
        assert removed[0]["reason"] == _gone_reason()
        assert not (index_dir / resume.FOLDER_NAME).exists()
        return
    assert removed == []
    record = index_dir / resume.FOLDER_NAME / resume.MISSING_NAME
    assert float(record.read_text()) == clock.now - built_days_ago * 86400
    clock.days_later(resume.GONE_DAYS - built_days_ago - 1)
    assert other.update().resume_removed == []
    clock.days_later(1)
    assert other.update().resume_removed[0]["reason"] == _gone_reason()


def _build_written_days_ago(index_dir: Path, clock: _Clock, days: float) -> None:
    """Dates every file the interrupted build wrote (its code stamp, journal and spill) `days`
    before the clock's now."""
    folder = index_dir / resume.FOLDER_NAME
    when = clock.now - days * 86400
    for place, _dirs, names in os.walk(folder):
        for name in names:
            os.utime(os.path.join(place, name), (when, when), follow_symlinks=False)


def test_a_corpus_back_between_sweeps_counts_its_next_absence_afresh(tmp_path, other, monkeypatch):
    clock = _Clock(monkeypatch)
    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus)
    unmounted = tmp_path / "a-unmounted"
    corpus.rename(unmounted)
    other.update()
    assert (index_dir / resume.FOLDER_NAME / resume.MISSING_NAME).exists()
    clock.days_later(resume.GONE_DAYS - 1)
    unmounted.rename(corpus)  # mounted again, seen by a sweep
    assert other.update().resume_removed == []
    assert not (index_dir / resume.FOLDER_NAME / resume.MISSING_NAME).exists()
    corpus.rename(unmounted)  # and unplugged again
    clock.days_later(2)
    assert other.update().resume_removed == []  # missing for no days, not 31
    clock.days_later(resume.GONE_DAYS)
    assert other.update().resume_removed[0]["reason"] == _gone_reason()


def test_a_build_of_the_corpus_forgets_when_it_was_missing(tmp_path, other, monkeypatch):
    _Clock(monkeypatch)
    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus)
    corpus.rename(tmp_path / "a-unmounted")
    other.update()
    (tmp_path / "a-unmounted").rename(corpus)
    _interrupted_build(corpus)  # interrupted again, with the corpus there
    assert not (index_dir / resume.FOLDER_NAME / resume.MISSING_NAME).exists()


@pytest.mark.parametrize("written", ["not a time", "1e30", "-5"])
def test_a_damaged_or_future_missing_record_starts_the_count_again(tmp_path, other, monkeypatch, written):
    """Ours, but a damaged disk or a clock set back may leave a record no count can trust: it is
    written again with now, never read as 'missing for ever'."""
    clock = _Clock(monkeypatch)
    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus)
    shutil.rmtree(corpus)
    record = index_dir / resume.FOLDER_NAME / resume.MISSING_NAME
    record.write_text(written)
    assert other.update().resume_removed == []
    assert float(record.read_text()) == clock.now
    clock.days_later(resume.GONE_DAYS)
    assert other.update().resume_removed[0]["reason"] == _gone_reason()


def test_a_recent_resume_folder_whose_corpus_is_not_there_stays(tmp_path, other, monkeypatch):
    """A corpus on a disk not mounted now (a USB disk) looks gone: the build it was interrupted
    in may go on once the disk is back, so its folder stays until missing for GONE_DAYS."""
    clock = _Clock(monkeypatch)
    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus)
    unmounted = tmp_path / "a-unmounted"
    corpus.rename(unmounted)
    assert other.update().resume_removed == []
    clock.days_later(resume.GONE_DAYS - 1)
    assert other.update().resume_removed == []
    assert resume.kept_files(index_dir) > 0
    unmounted.rename(corpus)  # mounted again: the build goes on from what it kept
    ix = CorpusIndex([corpus], index_dir, workers=1)
    assert "files it had loaded were not read again" in ix.update().notice
    ix.close()


def test_a_usable_resume_folder_stays_and_is_used(tmp_path, other, monkeypatch):
    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus)
    kept = resume.kept_files(index_dir)
    report = other.update()
    assert report.resume_removed == [] and report.notice is None
    ix = CorpusIndex([corpus], index_dir, workers=1)
    assert f"the {kept} files it had loaded were not read again" in ix.update().notice
    ix.close()


def test_a_folder_being_built_is_left_alone(tmp_path, other):
    index_dir = _interrupted_build(make_corpus(tmp_path / "a", _articles()))
    (index_dir / resume.FOLDER_NAME / resume.CODE_STAMP_NAME).write_text("0" * 64)
    with open(index_dir / LOCK_NAME, "a+") as held:  # another process updates it now
        fcntl.flock(held, fcntl.LOCK_EX)
        assert other.update().resume_removed == []
        assert (index_dir / resume.FOLDER_NAME).exists()
        fcntl.flock(held, fcntl.LOCK_UN)


def test_the_next_build_removes_and_says_what_it_cannot_use(tmp_path, monkeypatch):
    """Kept with other settings: the entries and the spill files are deleted as the next build
    starts (were it interrupted too, they would stay beside its own), and the report says so."""
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(pool, "LOAD_CHUNK", 4)
    monkeypatch.setattr(pool, "QUEUED_PER_WORKER", 1)
    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus, workers=2)
    folder = index_dir / resume.FOLDER_NAME
    spilled = {path.name for path in (folder / resume.SPILL_NAME).iterdir()}
    assert spilled
    size = resume.kept_bytes(index_dir)
    no_quotes = CorpusIndex([corpus], index_dir, workers=2, quotes=False)
    progress, cancel = _cancel_halfway()
    report = no_quotes.update(progress=progress, cancel=cancel)
    assert report.cancelled
    assert not spilled & {path.name for path in (folder / resume.SPILL_NAME).iterdir()}
    assert report.notice == (
        "the interrupted build's loading was made by another version of reader or with other settings: "
        f"the {size / 1e6:,.1f} MB it kept were removed"
    )
    assert no_quotes.update().indexed == 40
    no_quotes.close()


def test_reader_config_shows_what_an_interrupted_build_kept(tmp_path, capsys):
    from conftest import run_main

    corpus = make_corpus(tmp_path / "a", _articles())
    code, out, _err = run_main(capsys, "--corpus", str(corpus), "config", "--json")
    assert code == 0 and json.loads(out)["build_resume"] is None
    index_dir = _interrupted_build(corpus)
    kept, size = resume.kept_files(index_dir), resume.kept_bytes(index_dir)
    code, out, _err = run_main(capsys, "--corpus", str(corpus), "config", "--json")
    folder = str(index_dir / resume.FOLDER_NAME)
    assert json.loads(out)["build_resume"] == {"path": folder, "bytes": size, "files": kept}
    code, out, _err = run_main(capsys, "--corpus", str(corpus), "config")
    index_row = next(line for line in out.splitlines() if line.startswith("index "))
    assert index_row.endswith(
        f"(an interrupted first build kept {kept} files loaded, {size / 1e6:,.1f} MB in build-resume/: "
        "`reader index` goes on from them)"
    )


def test_a_damaged_spill_file_of_the_same_size_is_loaded_again_not_a_crash(tmp_path, monkeypatch):
    """A disk that kept a spill file's size but not its bytes: the next build loads its files
    again (said), where reading it would have failed the build (zlib.error)."""
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(pool, "LOAD_CHUNK", 4)
    monkeypatch.setattr(pool, "QUEUED_PER_WORKER", 1)
    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus, workers=2)
    spilled = sorted((index_dir / resume.FOLDER_NAME / resume.SPILL_NAME).iterdir())
    assert spilled
    for path in spilled:
        data = bytearray(path.read_bytes())
        data[10:40] = bytes(byte ^ 0xFF for byte in data[10:40])
        path.write_bytes(bytes(data))
    ix = CorpusIndex([corpus], index_dir, workers=2)
    report = ix.update()
    ix.close()
    assert report.indexed == 40
    assert "could not be read (build-resume/ in the index folder); their files were loaded again" in report.notice


def test_a_resume_folder_that_is_a_link_is_never_followed_nor_said_removed(tmp_path, other):
    """Only what a build of ours made is deleted: a build-resume/ that is a symbolic link (to
    a folder of the user's, stamped by another version) is left, and what it points to too."""
    index_dir = _interrupted_build(make_corpus(tmp_path / "a", _articles()))
    elsewhere = tmp_path / "users-folder"
    shutil.move(str(index_dir / resume.FOLDER_NAME), elsewhere)
    (elsewhere / resume.CODE_STAMP_NAME).write_text("0" * 64)
    (index_dir / resume.FOLDER_NAME).symlink_to(elsewhere, target_is_directory=True)
    kept = sorted(path.name for path in elsewhere.iterdir())
    assert other.update().resume_removed == []
    assert sorted(path.name for path in elsewhere.iterdir()) == kept


def test_a_missing_record_that_cannot_be_written_never_fails_the_sweep(tmp_path, other, monkeypatch):
    """A cache folder that cannot be written (read-only, full): the sweep that finds the corpus
    missing writes no record and goes on, the other corpus's update with it, and leaves no temp
    file; with no record each sweep counts from the build's last write, as the record would."""
    clock = _Clock(monkeypatch)
    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus)
    shutil.rmtree(corpus)
    real_replace = os.replace

    def read_only(src, dst, *args, **kwargs):
        if Path(dst).name == resume.MISSING_NAME:
            raise PermissionError(13, "Permission denied")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(resume.os, "replace", read_only)
    folder = index_dir / resume.FOLDER_NAME
    assert other.update().resume_removed == []
    assert resume.kept_files(index_dir) > 0
    assert not [p.name for p in folder.iterdir() if p.name.startswith(resume.MISSING_NAME)]
    clock.days_later(resume.GONE_DAYS + 1)
    assert other.update().resume_removed[0]["reason"] == _gone_reason()


_SWEEP_KILLED_WRITING = """
import os, sys
from pathlib import Path
from reader.index import resume
real_replace = os.replace
def replace(src, dst):
    if Path(dst).name == resume.MISSING_NAME:
        print("written", flush=True)  # the temp file whole, not renamed yet: killed here
        sys.stdin.readline()
    real_replace(src, dst)
resume.os.replace = replace
resume.sweep_abandoned(Path(sys.argv[1]))
"""


def test_a_sweep_killed_while_writing_its_record_leaves_a_temp_file_the_next_sweep_deletes(tmp_path, other):
    """kill -9 between writing the missing record's temp file and renaming it: the temp file stayed
    for good (until the folder went). The next holder of the lock deletes it, and only it."""
    import select
    import signal
    import subprocess

    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus)
    shutil.rmtree(corpus)
    folder = index_dir / resume.FOLDER_NAME
    users = folder / f"{resume.MISSING_NAME}.notes.part"  # not a name of ours: left
    users.write_text("mine")
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])))
    child = subprocess.Popen(
        [sys.executable, "-c", _SWEEP_KILLED_WRITING, str(index_dir.parent)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 120
        while not select.select([child.stdout], [], [], 0.5)[0]:
            assert child.poll() is None and time.monotonic() < deadline, "the sweep never wrote its record"
        assert child.stdout.readline().strip() == "written"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill() if child.poll() is None else None
        child.wait()
    assert child.returncode == -signal.SIGKILL
    left = [p.name for p in folder.iterdir() if p.name.endswith(".part") and p != users]
    assert len(left) == 1 and left[0].startswith(f"{resume.MISSING_NAME}.")
    assert other.update().resume_removed == []
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".part")) == [users.name]
    assert (folder / resume.MISSING_NAME).is_file()  # written whole by this sweep


def test_a_journal_entry_a_killed_build_left_unfinished_is_deleted_by_the_next_build(tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus)
    unfinished = index_dir / resume.FOLDER_NAME / f"{'ab' * 16}-4.part"
    unfinished.write_bytes(b"cut short")
    progress, cancel = _cancel_halfway()
    ix = CorpusIndex([corpus], index_dir, workers=1)
    assert ix.update(progress=progress, cancel=cancel).cancelled
    ix.close()
    assert not unfinished.exists()


@pytest.mark.parametrize("written", ["nan", "inf", "1e30", "-5", "not a time", "link"])
def test_a_damaged_seen_record_is_no_evidence_and_never_fails_the_sweep(tmp_path, other, monkeypatch, written):
    """`corpus-seen` is ours, but a damaged disk or a clock set back may leave one no count can
    trust (or a link, never followed): the count starts from the build's last write instead."""
    clock = _Clock(monkeypatch)
    corpus = make_corpus(tmp_path / "a", _articles())
    index_dir = _interrupted_build(corpus)
    seen = index_dir / resume.FOLDER_NAME / resume.SEEN_NAME
    if written == "link":
        target = tmp_path / "elsewhere"
        target.write_text(repr(clock.now - 86400))  # followed, it would say "seen yesterday"
        seen.symlink_to(target)
    else:
        seen.write_text(written)
    shutil.rmtree(corpus)
    _build_written_days_ago(index_dir, clock, 10)
    assert other.update().resume_removed == []
    record = index_dir / resume.FOLDER_NAME / resume.MISSING_NAME
    assert float(record.read_text()) == clock.now - 10 * 86400
