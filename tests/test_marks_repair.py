"""`reader state repair`: a damaged marks file set aside (never overwritten, never deleted), every
mark still readable in it salvaged into a new one; a sound, foreign or newer file left as it is;
a window writing meanwhile loses nothing."""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from conftest import foreign_database
from reader.safe_write import DAMAGED_INFIX
from reader.state import repair as repairing
from reader.state.marks import Mark, MarksForeign, MarkStore, StoredMark
from reader.state.marks_db import APPLICATION_ID
from reader.state.repair import MarksNewer, repair

MARKS = 2000
PAGE = 4096  # SQLite's default page size, which the file made here has
ID = re.compile(rb"outlet/article-\d{5}")


@pytest.fixture
def marks_file(tmp_path) -> tuple[Path, dict[tuple[str, str], StoredMark]]:
    """A marks file of MARKS marks over about fifty pages, and its marks as stored."""
    path = tmp_path / "data" / "marks.sqlite3"
    store = MarkStore(path, [tmp_path])
    store.put({f"outlet/article-{n:05d}": Mark(read=n % 2 == 0, starred=n % 3 == 0) for n in range(MARKS)})
    stored = {(mark.corpus, mark.article): mark for mark in store.stored()}
    assert len(stored) == MARKS and len(path.read_bytes()) // PAGE > 40
    return path, stored


def table_leaf_pages(data: bytes) -> list[int]:
    """The numbers (from 0) of the table leaf pages of a sound file (byte 0x0D heads them)."""
    return [n for n in range(len(data) // PAGE) if data[n * PAGE + (100 if n == 0 else 0)] == 0x0D]


def ids_on(data: bytes, pages) -> set[str]:
    return {match.decode() for n in pages for match in ID.findall(data[n * PAGE : (n + 1) * PAGE])}


def repaired_as_expected(path: Path, stored: dict, damaged: bytes, expected_ids: set[str]):
    """Repair `path` holding `damaged`: set aside whole, exactly `expected_ids` salvaged, each as
    it was stored, and the new file a sound marks file holding them."""
    path.write_bytes(damaged)
    report = repair(path)
    assert report.repaired and report.found and report.damage
    assert report.aside is not None and report.aside.parent == path.parent
    assert re.fullmatch(r"marks\.sqlite3\.damaged-\d{8}T\d{6}Z", report.aside.name)
    assert report.aside.read_bytes() == damaged, "set aside as it was"
    assert report.salvaged == len(expected_ids)
    salvaged = MarkStore(path, []).stored()
    assert {mark.article for mark in salvaged} == expected_ids
    for mark in salvaged:
        assert mark == stored[mark.corpus, mark.article], "salvaged as stored, time of change too"
    assert repair(path).repaired is False, "the new file is sound"
    return report


def test_a_truncated_file_gives_the_marks_of_its_whole_pages(marks_file):
    path, stored = marks_file
    data = path.read_bytes()
    cut = (len(data) // PAGE // 2) * PAGE
    expected = ids_on(data, [n for n in table_leaf_pages(data) if n < cut // PAGE])
    assert 0 < len(expected) < MARKS
    repaired_as_expected(path, stored, data[:cut], expected)


def test_a_file_whose_first_page_was_zeroed_gives_every_mark(marks_file):
    """Header and schema gone: SQLite reads nothing; the pages are read without it."""
    path, stored = marks_file
    data = path.read_bytes()
    damaged = bytes(PAGE) + data[PAGE:]
    with closing(sqlite3.connect(path)) as connection:
        path.write_bytes(damaged)
        with pytest.raises(sqlite3.DatabaseError):
            connection.execute("SELECT count(*) FROM marks").fetchone()
    expected = ids_on(data, [n for n in table_leaf_pages(data) if n > 0])
    assert len(expected) == MARKS
    repaired_as_expected(path, stored, damaged, expected)


def test_a_zero_filled_file_salvages_nothing_and_is_still_set_aside(marks_file):
    path, stored = marks_file
    repaired_as_expected(path, stored, bytes(len(path.read_bytes())), set())


def test_a_garbage_page_costs_only_its_own_marks(marks_file):
    path, stored = marks_file
    data = path.read_bytes()
    leaves = table_leaf_pages(data)
    garbage = leaves[len(leaves) // 2]
    damaged = bytearray(data)
    damaged[garbage * PAGE : (garbage + 1) * PAGE] = random.Random(7).randbytes(PAGE)
    lost = ids_on(data, [garbage]) - ids_on(data, [n for n in leaves if n != garbage])
    assert lost
    report = repaired_as_expected(path, stored, bytes(damaged), {a for _, a in stored} - lost)
    assert report.salvaged == MARKS - len(lost)


def test_a_file_that_is_not_sqlite_is_set_aside_and_marks_save_again(marks_file):
    path, stored = marks_file
    repaired_as_expected(path, stored, b"notes I kept here\n" * 300, set())
    MarkStore(path, [path.parent.parent]).put({"outlet/new": Mark(read=True)})
    assert MarkStore(path, [path.parent.parent]).get("outlet/new") == Mark(read=True)


def test_a_sound_file_or_none_is_left_untouched(marks_file, tmp_path):
    path, _ = marks_file
    before, status = path.read_bytes(), path.stat()
    report = repair(path)
    assert (report.found, report.repaired, report.aside, report.salvaged) == (True, False, None, 0)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == status.st_mtime_ns
    assert sorted(p.name for p in path.parent.iterdir()) == ["marks.sqlite3"]
    missing = tmp_path / "nowhere" / "marks.sqlite3"
    assert repair(missing).to_dict() == {
        "path": str(missing),
        "found": False,
        "repaired": False,
        "aside": None,
        "salvaged": 0,
        "damage": "",
        "copies_gone": [],
        "notice": "",
    }
    assert not missing.parent.exists(), "nothing created"


def test_another_applications_database_or_a_newer_readers_is_never_moved(tmp_path):
    tmp_path = tmp_path / "data"
    tmp_path.mkdir()
    stamped = tmp_path / "stamped.sqlite3"
    foreign_database(stamped, ["PRAGMA application_id = 1234", "CREATE TABLE bookmarks (url TEXT)"])
    unstamped = tmp_path / "unstamped.sqlite3"
    foreign_database(unstamped, ["CREATE TABLE bookmarks (url TEXT)"])
    for path in (stamped, unstamped):
        before = path.read_bytes()
        with pytest.raises(MarksForeign, match="another application's database"):
            repair(path)
        assert path.read_bytes() == before and len(list(tmp_path.iterdir())) == 2
    newer = tmp_path / "marks.sqlite3"
    foreign_database(
        newer, [f"PRAGMA application_id = {APPLICATION_ID}", "PRAGMA user_version = 3", "CREATE TABLE marks2 (x)"]
    )
    damaged = newer.read_bytes()[:PAGE] + b"\xff" * PAGE  # damaged too: still not ours to repair
    newer.write_bytes(damaged)
    with pytest.raises(MarksNewer, match="written by a newer reader"):
        repair(newer)
    assert newer.read_bytes() == damaged and len(list(tmp_path.iterdir())) == 3


def test_the_file_set_aside_never_replaces_one_there_and_takes_its_journal(marks_file, monkeypatch):
    path, _ = marks_file
    monkeypatch.setattr(repairing, "_utc_stamp", lambda: "20261204T140300Z")
    taken = path.with_name("marks.sqlite3.damaged-20261204T140300Z")
    taken.write_bytes(b"set aside before")
    journal = Path(f"{path}-journal")
    # A journal no SQLite plays back (its first byte 0), set aside with its file: beside the new
    # file a journal would be played into it.
    journal.write_bytes(b"\x00 a journal of the damaged file")
    path.write_bytes(b"not a database" * 100)
    report = repair(path)
    assert report.aside == path.with_name("marks.sqlite3.damaged-20261204T140300Z-2")
    assert taken.read_bytes() == b"set aside before"
    assert Path(f"{report.aside}-journal").read_bytes() == b"\x00 a journal of the damaged file"
    assert not journal.exists() and MarkStore(path, []).stored() == []


LOG_WRITER = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA journal_mode=WAL")
connection.execute("PRAGMA wal_autocheckpoint=0")
with connection:
    connection.executemany(
        "INSERT INTO marks VALUES (?, ?, 1, 1, 1.0)", [(sys.argv[2], f"{sys.argv[3]}-{n}") for n in range(50)]
    )
os._exit(0)  # killed: no checkpoint, the log and its index stay
"""


def written_to_the_log_and_killed(path: Path, key: str, prefix: str) -> None:
    """50 marks (`prefix`-n) written by another process into the file's write-ahead log (the
    file set to WAL, as another tool may), that process killed before a checkpoint."""
    import subprocess

    subprocess.run([sys.executable, "-c", LOG_WRITER, str(path), key, prefix], check=True, timeout=60)


def test_a_file_in_wal_mode_is_set_aside_byte_for_byte_with_its_log_and_index(marks_file):
    """A marks file another tool set to WAL, its writer killed before a checkpoint: the marks of
    the last writes are in the -wal only. The repair's first SQLite connection folded the log
    into the damaged file and deleted the -wal and -shm, so the copy set aside was not what the
    user had (and its "-wal" was an empty log of the repair's own): every byte of the three is
    kept, the marks of the log salvaged, and nothing is left beside the new file."""
    path, stored = marks_file
    written_to_the_log_and_killed(path, next(iter(stored))[0], "outlet/logged")
    with open(path, "r+b") as file:  # a page of the file itself damaged
        file.seek(PAGE * table_leaf_pages(path.read_bytes())[3])
        file.write(b"\xff" * PAGE)
    found = {suffix: Path(f"{path}{suffix}").read_bytes() for suffix in ("", "-wal", "-shm")}
    assert found["-wal"] and found["-shm"]
    report = repair(path)
    assert report.repaired and report.aside is not None
    for suffix, data in found.items():
        assert Path(f"{report.aside}{suffix}").read_bytes() == data, f"{suffix or 'the file'} set aside as it was"
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        [path.name, *(f"{report.aside.name}{suffix}" for suffix in found)]
    )
    salvaged = {mark.article for mark in MarkStore(path, []).stored()}
    assert {f"outlet/logged-{n}" for n in range(50)} <= salvaged
    assert repair(path).repaired is False


def test_a_window_writing_to_the_log_before_the_lock_loses_nothing_and_the_new_file_is_sound(tmp_path, monkeypatch):
    """A file in WAL mode, a window writing to its log between the repair's reading and its lock:
    the lock's connection, the last to close, folded that log into the file just emptied, which
    became a damaged file again, and the salvaged marks could not be written ("move the copy
    back and repair again"). The log is folded in before the lock: its marks are salvaged."""
    path = tmp_path / "marks.sqlite3"
    store = MarkStore(path, [tmp_path])
    store.put({f"outlet/{n:03d}": Mark(read=True, starred=n % 2 == 0) for n in range(300)})
    key = store.keys[0]
    written_to_the_log_and_killed(path, key, "outlet/logged")
    with open(path, "r+b") as file:  # the fourth page of the file damaged
        file.seek(3 * PAGE)
        file.write(b"\xff" * PAGE)
    real_rows = repairing._rows_through_sqlite

    def then_a_window_writes(path: Path):
        rows = real_rows(path)
        written_to_the_log_and_killed(path, key, "outlet/late")
        return rows

    monkeypatch.setattr(repairing, "_rows_through_sqlite", then_a_window_writes)
    report = repair(path)
    assert report.repaired
    salvaged = {mark.article for mark in MarkStore(path, []).stored()}
    assert {f"outlet/late-{n}" for n in range(50)} | {f"outlet/logged-{n}" for n in range(50)} <= salvaged
    monkeypatch.undo()
    assert repair(path).repaired is False, "the new file is sound"


def test_a_journal_written_since_it_was_found_is_kept_beside_the_copy_too(marks_file, monkeypatch):
    """The journal as found goes aside with the file; one another process wrote since (read
    under the repair's lock) is neither left beside the emptied file nor removed."""
    path, _ = marks_file
    monkeypatch.setattr(repairing, "_utc_stamp", lambda: "20261204T140300Z")
    journal = Path(f"{path}-journal")
    journal.write_bytes(b"\x00 the journal found")
    path.write_bytes(b"not a database" * 100)
    real_whole = repairing._whole

    def written_meanwhile(file):
        journal.write_bytes(b"\x00 a journal written since")
        return real_whole(file)

    monkeypatch.setattr(repairing, "_whole", written_meanwhile)
    report = repair(path)
    assert report.aside == path.with_name("marks.sqlite3.damaged-20261204T140300Z")
    assert Path(f"{report.aside}-journal").read_bytes() == b"\x00 the journal found"
    assert Path(f"{report.aside}-2-journal").read_bytes() == b"\x00 a journal written since"
    assert not journal.exists()


def damaged_but_lockable(path: Path) -> None:
    """Garbage over the first table leaf page: SQLite opens and locks the file, and can write
    to it where it does not read that page (a window's mark of an article sorting last)."""
    data = bytearray(path.read_bytes())
    first = table_leaf_pages(bytes(data))[1]
    data[first * PAGE + 8 : (first + 1) * PAGE] = random.Random(3).randbytes(PAGE - 8)
    path.write_bytes(bytes(data))


def test_a_window_writing_across_the_repair_writes_to_the_repaired_file(marks_file):
    """A window's write whose connection was opened on the damaged file before the repair,
    and whose lock came after it, lands in the repaired file. (When the repair renamed the file,
    it landed in the one set aside.)"""
    path, stored = marks_file
    damaged_but_lockable(path)
    window = MarkStore(path, [path.parent.parent])
    opened, repaired = threading.Event(), threading.Event()
    real_open, failures = window._open, []

    def open_then_wait_for_the_repair(write=True):
        connection = real_open(write)
        if not opened.is_set():
            opened.set()
            assert repaired.wait(30)
        return connection

    window._open = open_then_wait_for_the_repair  # type: ignore[method-assign]

    def write_a_mark():
        try:
            window.change({"zzz/last": {"starred": True}})
        except Exception as exc:  # said by the test below, not lost in the thread
            failures.append(exc)

    writer = threading.Thread(target=write_a_mark)
    writer.start()
    assert opened.wait(30)
    report = repair(path)
    repaired.set()
    writer.join(30)
    assert not failures
    assert report.repaired and 0 < report.salvaged < MARKS
    now = {mark.article: mark for mark in MarkStore(path, []).stored()}
    assert now["zzz/last"].starred, "the mark is in the new file"
    assert len(now) == report.salvaged + 1


def test_a_file_in_wal_mode_another_program_keeps_open_is_repaired_only_once_it_is_closed(marks_file, monkeypatch):
    """A damaged file another program set to WAL and keeps open (sqlite3, DB Browser): that
    program goes on with its own log and index, which the repair, writing the file in place,
    cannot reach. It was repaired all the same: every window's write then met "locked" until the
    program closed, and what the program wrote went into a log no reader sees. Now nothing is
    changed and one line says what to close; once it is closed, the file is switched back to
    reader's rollback journal and repaired, no log left beside it."""
    path, _ = marks_file
    with closing(sqlite3.connect(path)) as tool:
        assert tool.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    damaged_but_lockable(path)
    damaged = path.read_bytes()
    monkeypatch.setattr(repairing, "BUSY_SECONDS", 0.3)
    with closing(sqlite3.connect(path)) as tool:
        tool.execute("SELECT count(*) FROM sqlite_master").fetchone()  # open, in WAL mode
        with pytest.raises(repairing.MarksBusy, match=r"in WAL mode .* close it \(sqlite3, DB Browser"):
            repair(path)
        assert path.read_bytes() == damaged
        assert not [p for p in path.parent.iterdir() if DAMAGED_INFIX in p.name], "no copy left"
    report = repair(path)
    assert report.repaired and 0 < report.salvaged < MARKS
    assert path.read_bytes()[18:20] == b"\x01\x01", "a rollback journal's file again"
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    MarkStore(path, [path.parent.parent]).change({"zzz/after": {"starred": True}})
    assert "zzz/after" in {mark.article for mark in MarkStore(path, []).stored()}
    assert repair(path).repaired is False


def test_a_write_under_way_is_waited_for_and_salvaged(marks_file):
    """Another connection holds the write lock, its mark not yet committed: the repair waits
    for it, so the mark is salvaged (not committed into the file being emptied)."""
    path, _ = marks_file
    damaged_but_lockable(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO marks VALUES (?, 'zzz/held', 1, 1, ?)", (str(path.parent.parent), time.time()))
    reports = []
    repairer = threading.Thread(target=lambda: reports.append(repair(path)))
    repairer.start()
    deadline = time.monotonic() + 30
    while not waiting_for_the_lock(repairer) and time.monotonic() < deadline:
        assert repairer.is_alive(), "the repair ended without waiting for the write under way"
        time.sleep(0.005)
    holder.execute("COMMIT")
    holder.close()
    repairer.join(30)
    [report] = reports
    assert "zzz/held" in {mark.article for mark in MarkStore(path, []).stored()}
    # The writer's journal, there when the repair began, went aside with the file as found
    # (the pair as it was on disk); none is left beside the new file.
    assert report.aside is not None and not Path(f"{path}-journal").exists()


def waiting_for_the_lock(thread: threading.Thread) -> bool:
    """Whether `thread` is in the repair's taking of SQLite's write lock."""
    frame = sys._current_frames().get(thread.ident or 0)
    while frame is not None:
        if frame.f_code.co_name == "__enter__" and isinstance(frame.f_locals.get("self"), repairing._exclusive_lock):
            return True
        frame = frame.f_back
    return False


def test_state_repair_says_where_the_file_went_and_what_was_salvaged(reader_in_process, isolated_dirs, tmp_path):
    data = isolated_dirs["data"]
    MarkStore(data / "marks.sqlite3", [tmp_path]).put({"a": Mark(read=True), "b": Mark(starred=True)})
    sound = reader_in_process("state", "repair")
    assert sound.stdout == f"nothing to repair: {data / 'marks.sqlite3'} is sound\n"
    whole = (data / "marks.sqlite3").read_bytes()
    (data / "marks.sqlite3").write_bytes(bytes(100) + whole[100:])  # the header zeroed
    said = json.loads(reader_in_process("state", "repair", "--json").stdout)
    assert said["repaired"] and said["salvaged"] == 2 and said["damage"] == "file is not a database"
    assert Path(said["aside"]).read_bytes() == bytes(100) + whole[100:]
    assert {mark.article for mark in MarkStore(data / "marks.sqlite3", []).stored()} == {"a", "b"}
    (data / "marks.sqlite3").write_bytes(b"garbage" * 50)
    lines = reader_in_process("state", "repair").stdout.splitlines()
    assert re.fullmatch(
        re.escape(f"{data / 'marks.sqlite3'} was damaged (file is not a database): kept as {data}/")
        + r"marks\.sqlite3\.damaged-\d{8}T\d{6}Z(-2)?",
        lines[0],
    )
    assert lines[1:] == [f"0 marks salvaged into a new {data / 'marks.sqlite3'}"]


def test_state_repair_leaves_a_foreign_file_with_one_line_and_status_1(reader_in_process, isolated_dirs):
    path = isolated_dirs["data"] / "marks.sqlite3"
    path.parent.mkdir(parents=True)
    before = foreign_database(path, ["CREATE TABLE bookmarks (url TEXT)"])
    result = reader_in_process("state", "repair", check=False)
    assert result.returncode == 1 and result.stdout == ""
    assert "another application's database" in result.stderr and "nothing was repaired" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before and [p.name for p in path.parent.iterdir()] == ["marks.sqlite3"]


def test_the_errors_of_a_damaged_file_name_the_repair(tmp_path, reader_in_process, isolated_dirs):
    path = isolated_dirs["data"] / "marks.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"junk" * 300)
    result = reader_in_process("state", "export", check=False)
    assert result.returncode == 1 and "`reader state repair`" in result.stderr


# Marks come at a person's pace: a loop writing back to back starves any other process of
# SQLite's lock (its busy wait polls), and the repair said "locked for over 10 s" (MarksBusy).
CHILD_WRITER = """
import sys
import time
from pathlib import Path
from reader.state.marks import MarkStore
store = MarkStore(Path(sys.argv[1]), [Path(sys.argv[2])])
stop = Path(sys.argv[3])
number = 0
while not stop.exists() and number < 5000:
    number += 1
    try:
        store.change({f"child/{number:05d}": {"read": True}})
    except OSError as exc:
        print("not saved", number, exc, flush=True)
        continue
    print("saved", number, flush=True)
    time.sleep(0.005)
"""


def test_another_process_writing_all_along_loses_no_mark_it_saved(marks_file, tmp_path):
    """Two processes: one sets marks one by one, as a window does, before, during and after the
    repair; every mark it was told was saved is in the repaired file. (When the repair renamed
    the file, the writer's connections to it played the new file's journal back into the old
    one: marks saved, then gone, and "disk I/O error".)"""
    import os
    import subprocess

    from conftest import cli_env, first_line

    path, _ = marks_file
    damaged_but_lockable(path)
    stop = tmp_path / "stop"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_WRITER, str(path), str(tmp_path), str(stop)],
        stdout=subprocess.PIPE,
        env=cli_env(),
    )
    try:
        deadline = time.monotonic() + 60
        assert first_line(child.stdout, deadline).startswith(b"saved"), "the child writes before the repair"
        report = repair(path)
        after = os.stat(path).st_ino
        lines = b""
        while b"saved" not in lines.split(b"\n", 1)[-1] and time.monotonic() < deadline:
            lines += first_line(child.stdout, deadline)  # writes after the repair, in the new file
        stop.touch()
        rest, _ = child.communicate(timeout=60)
    finally:
        child.kill()
    said = (b"saved 1\n" + lines + rest).decode().splitlines()
    saved = {f"child/{int(line.split()[1]):05d}" for line in said if line.startswith("saved")}
    assert report.repaired and len(saved) >= 2 and os.stat(path).st_ino == after
    now = {mark.article for mark in MarkStore(path, []).stored()}
    assert saved <= now, f"lost: {sorted(saved - now)[:5]}"


# A window's connection: a mark read on the damaged file, read again when told.
STALE_WINDOW = """
import sqlite3
import sys
window = sqlite3.connect(sys.argv[1], isolation_level=None)
MARK = "SELECT starred FROM marks WHERE corpus = ? AND article = 'outlet/article-01999'"
print(window.execute(MARK, (sys.argv[2],)).fetchall()[0][0], flush=True)
sys.stdin.readline()
print(window.execute(MARK, (sys.argv[2],)).fetchall(), flush=True)
"""


def test_a_window_opened_on_the_damaged_file_never_takes_the_repaired_one_for_it(marks_file):
    """A window's connection opened before the repair keeps the damaged file's pages, and uses
    them again while the file's change counter and page count read as they did. The repair
    started the fresh file's counter again at 1: once writes brought it back to the damaged
    file's count, a window read marks of pages gone (and a write would put them back into the
    repaired file). The repaired file's counter goes on from the damaged one's."""
    import subprocess

    from conftest import cli_env, first_line

    def counter_and_pages() -> tuple[int, int]:
        header = path.read_bytes()[:32]
        return int.from_bytes(header[24:28], "big"), int.from_bytes(header[28:32], "big")

    def put(article: str, starred: bool) -> None:
        store.merge([StoredMark(corpus, article, True, starred, time.time())])

    path, stored = marks_file
    store = MarkStore(path, [])
    corpus = next(iter(stored))[0]
    for n in range(300):  # the damaged file's counter well past the fresh file's first writes
        put("outlet/article-01999", n % 2 == 0)
    damaged_but_lockable(path)
    window = subprocess.Popen(  # another process, as a window is
        [sys.executable, "-c", STALE_WINDOW, str(path), corpus],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=cli_env(),
    )
    assert first_line(window.stdout, time.monotonic() + 60) == b"0\n"  # its pages cached
    damaged = counter_and_pages()
    assert repair(path).repaired
    put("outlet/article-01999", True)  # the mark changed since the window read it
    # Other writes, until the file reads as the damaged one did where they can make it so
    extra = 0
    while counter_and_pages()[1] < damaged[1] and counter_and_pages()[0] < damaged[0]:
        put(f"outlet/extra-{extra:05d}", False)
        extra += 1
    while counter_and_pages()[0] < damaged[0]:
        put("outlet/extra-00000", extra % 2 == 0)
        extra += 1
    said, _ = window.communicate(b"read\n", timeout=60)
    assert said == b"[(1,)]\n", f"the window read {said!r} after {extra} writes, the file at {counter_and_pages()}"


def test_a_write_that_waited_while_the_file_was_emptied_makes_its_table(marks_file):
    """The repair empties the file while a window's write waits for the lock (its table made
    when it opened the file): the write makes the table again ("no such table: marks")."""
    import os

    path, _ = marks_file
    window = MarkStore(path, [path.parent.parent])
    real_open = window._open

    def open_then_the_repair_empties_it(write=True):
        connection = real_open(write)
        os.truncate(path, 0)
        return connection

    window._open = open_then_the_repair_empties_it  # type: ignore[method-assign]
    window.change({"zzz/last": {"starred": True}})
    assert [(m.article, m.starred) for m in MarkStore(path, []).stored()] == [("zzz/last", True)]
    assert repair(path).repaired is False, "stamped as ours, sound"


def test_a_file_repaired_since_the_first_look_is_not_repaired_again(marks_file, monkeypatch):
    """Two repairs at once: the second, its look made before the first one's lock, finds under
    its own lock a sound file, and leaves it (no copy of it set aside, nothing emptied)."""
    path, _ = marks_file
    before = path.read_bytes()
    monkeypatch.setattr(repairing, "_damage", lambda path, read_only=False: "database disk image is malformed")
    assert repair(path).repaired is False
    assert path.read_bytes() == before and [p.name for p in path.parent.iterdir()] == ["marks.sqlite3"]
    foreign_database(path, ["DROP TABLE marks", "PRAGMA application_id = 77", "CREATE TABLE bookmarks (url TEXT)"])
    with pytest.raises(MarksForeign):
        repair(path)
    assert [p.name for p in path.parent.iterdir()] == ["marks.sqlite3"]


def crafted_leaf(cells: list[bytes], size: int = PAGE) -> bytes:
    """A table leaf page of `size` bytes holding `cells` (each a cell's bytes), their pointers
    in the page's cell array, the cells packed at its end."""
    page, end, pointers = bytearray(size), size, []
    for cell in cells:
        end -= len(cell)
        page[end : end + len(cell)] = cell
        pointers.append(end)
    page[0:8] = bytes([0x0D, 0, 0]) + len(cells).to_bytes(2, "big") + end.to_bytes(2, "big") + b"\x00"
    for number, pointer in enumerate(pointers):
        page[8 + 2 * number : 10 + 2 * number] = pointer.to_bytes(2, "big")
    return bytes(page)


def varint(value: int) -> bytes:
    """SQLite's varint of a value below 2**56 (big-endian groups of 7 bits)."""
    groups = [value & 0x7F]
    value >>= 7
    while value:
        groups.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(groups))


def test_a_cell_claiming_gigabytes_over_a_looping_overflow_chain_costs_no_memory(tmp_path):
    """A hostile file: its page 2 holds cells whose payload claims 1 GiB, spilling into an
    overflow chain whose page points to itself. Read by the chain, the cell grew by a page at
    each turn of the loop, to the size it claims (the machine's memory, then a MemoryError)."""
    import tracemalloc

    claimed, least, most = 2**30, (PAGE - 12) * 32 // 255 - 23, PAGE - 35  # SQLite's formulas
    local = least + (claimed - least) % (PAGE - 4)
    local = local if local <= most else least  # the bytes of the payload kept in the cell
    cell = varint(claimed) + varint(1) + bytes(local) + (3).to_bytes(4, "big")  # then page 3
    looping_overflow = (3).to_bytes(4, "big") + bytes(PAGE - 4)  # page 3's next page: page 3
    path = tmp_path / "marks.sqlite3"
    path.write_bytes(bytes(PAGE) + crafted_leaf([cell]) + looping_overflow)
    tracemalloc.start()
    try:
        report = repair(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.repaired and report.salvaged == 0
    assert peak < 8 * 2**20, f"{peak / 2**20:.0f} MiB for a file of {3 * PAGE} bytes"


@pytest.mark.timeout(60)
def test_a_torn_write_of_a_leaf_page_ends_and_costs_only_that_pages_marks(marks_file):
    """A write torn halfway through a leaf page (its second half zeros, where its cells are):
    SQLite, asked for the next row after the last good one, answers a row of rowid 0 from the
    zeroed cells; row by row, the salvage went back to the start and read the file for ever
    (its memory too)."""
    path, stored = marks_file
    data = path.read_bytes()
    leaves = table_leaf_pages(data)
    torn_page = leaves[len(leaves) // 2]
    torn = bytearray(data)
    torn[torn_page * PAGE + PAGE // 2 : (torn_page + 1) * PAGE] = bytes(PAGE // 2)
    expected = ids_on(bytes(torn), leaves)
    assert 0 < MARKS - len(expected) < 100
    repaired_as_expected(path, stored, bytes(torn), expected)


def waiting_in(thread: threading.Thread, function: str) -> bool:
    """Whether `thread` is inside `function` (by name)."""
    frame = sys._current_frames().get(thread.ident or 0)
    while frame is not None:
        if frame.f_code.co_name == function:
            return True
        frame = frame.f_back
    return False


def test_two_repairs_at_once_set_the_file_aside_once(marks_file, monkeypatch):
    """A file SQLite cannot lock (not a database), two repairs at once: the second waits for
    the first, then finds the file mended. (Both copied it aside and emptied it: two copies,
    and the marks saved in between by the first, or by a window, emptied by the second.)"""
    path, _ = marks_file
    path.write_bytes(b"not a database\n" * 300)
    real_copy_aside, copies = repairing._copy_aside, []
    first_copied, go_on = threading.Event(), threading.Event()

    def copy_aside_then_wait(path: Path, aside: Path, suffixes: tuple[str, ...], made: list[Path]) -> None:
        real_copy_aside(path, aside, suffixes, made)
        if "" not in suffixes:  # the -shm, copied before the first look
            return
        copies.append(aside)
        if len(copies) == 1:
            first_copied.set()
            assert go_on.wait(30)

    monkeypatch.setattr(repairing, "_copy_aside", copy_aside_then_wait)
    reports: list = []
    first = threading.Thread(target=lambda: reports.append(repair(path)))
    first.start()
    assert first_copied.wait(30)
    second = threading.Thread(target=lambda: reports.append(repair(path)))
    second.start()
    deadline = time.monotonic() + 30
    while second.is_alive() and len(copies) == 1 and not waiting_in(second, "wait_for_flock"):
        assert time.monotonic() < deadline, "the second repair neither waited nor copied"
        time.sleep(0.005)
    go_on.set()
    first.join(30)
    second.join(30)
    assert len(copies) == 1 and sorted(report.repaired for report in reports) == [False, True]
    assert [p.name for p in path.parent.iterdir() if DAMAGED_INFIX in p.name] == [copies[0].name]
    assert MarkStore(path, []).stored() == [] and repair(path).repaired is False


def test_a_full_disk_leaves_the_damaged_file_and_no_copy_cut_short(marks_file, monkeypatch):
    """The copy set aside cannot be written whole (the disk full when it is synced): the
    damaged file stays as it was, with its journal, and no partial copy is left beside it
    (one was, under the name a good copy takes: half the damaged file, looking whole)."""
    import errno
    import os

    path, _ = marks_file
    damaged = b"not a database\n" * 300
    path.write_bytes(damaged)
    Path(f"{path}-journal").write_bytes(b"\x00 its journal")

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(repairing.os, "fsync", disk_full)
    with pytest.raises(repairing.MarksUnreadable, match="could not be copied aside .No space left"):
        repair(path)
    monkeypatch.undo()
    assert path.read_bytes() == damaged
    assert sorted(p.name for p in path.parent.iterdir()) == ["marks.sqlite3", "marks.sqlite3-journal"]


def test_salvaged_marks_that_cannot_be_written_are_said_with_the_copy_that_holds_them(
    monkeypatch, reader_in_process, isolated_dirs
):
    """The salvaged marks cannot be written over the file (the disk full meanwhile): one line
    names the copy set aside that holds them and the way back (a traceback before, and the next
    repair found an empty, sound file: the marks out of sight); the next repair salvages them."""
    import errno

    path = isolated_dirs["data"] / "marks.sqlite3"
    MarkStore(path, [path.parent]).put({"a": Mark(read=True)})
    path.write_bytes(bytes(100) + path.read_bytes()[100:])

    def disk_full(descriptor, data, offset):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(repairing, "_write_all", disk_full)
        result = reader_in_process("state", "repair", check=False)
    [line] = result.stderr.strip().splitlines()
    assert result.returncode == 1 and result.stdout == ""
    [aside] = [p for p in path.parent.iterdir() if DAMAGED_INFIX in p.name]
    assert f"kept as {aside}, but the 1 mark salvaged from it could not be written" in line, line
    assert line.endswith("then run `reader state repair` again (it reads that copy)"), line
    assert reader_in_process("state", "repair").returncode == 0
    assert [(m.article, m.read) for m in MarkStore(path, []).stored()] == [("a", True)]
    assert not Path(f"{path}{repairing.UNDER_WAY}").exists()


def test_a_windows_look_at_the_file_keeps_the_lock_a_repair_holds(marks_file):
    """The app looks at the marks file every few seconds (MarkStore.stamp) while its repair,
    in a worker, holds SQLite's exclusive lock. The look opened and closed the file, and
    closing a descriptor drops every lock of the process (POSIX): another window could write
    while the repair read the file and emptied it, and that mark was lost."""
    import subprocess

    from conftest import cli_env

    path, _ = marks_file
    store = MarkStore(path, [path.parent.parent])
    take_the_lock = (
        "import sqlite3, sys\n"
        "connection = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)\n"
        "try:\n    connection.execute('BEGIN IMMEDIATE')\n    print('locked it')\n"
        "except sqlite3.OperationalError as exc:\n    print(exc)\n"
    )

    def another_window() -> str:
        command = [sys.executable, "-c", take_the_lock, str(path)]
        return subprocess.run(command, capture_output=True, text=True, env=cli_env(), timeout=60).stdout.strip()

    with closing(sqlite3.connect(path, isolation_level=None)) as repairing_connection:
        repairing_connection.execute("BEGIN EXCLUSIVE")
        assert another_window() == "database is locked"
        first, again = store.stamp(), store.stamp()
        assert first is not None and first == again
        assert another_window() == "database is locked", "the look let go of the repair's lock"
        repairing_connection.rollback()
    assert another_window() == "locked it"


def test_a_mark_changed_in_times_to_come_is_salvaged_as_changed_now(marks_file):
    """A damaged time of change, far ahead: salvaged as now (as `state import` takes one), not
    as a mark that would win every merge after it."""
    path, stored = marks_file
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE marks SET changed = 1e12 WHERE article = 'outlet/article-00007'")
    data = path.read_bytes()
    before = time.time()
    path.write_bytes(bytes(100) + data[100:])
    assert repair(path).salvaged == MARKS
    now = {mark.article: mark for mark in MarkStore(path, []).stored()}
    assert before <= now["outlet/article-00007"].changed <= time.time()
    assert now["outlet/article-00008"] == stored[now["outlet/article-00008"].corpus, "outlet/article-00008"]


def test_a_damaged_file_of_many_megabytes_is_never_read_whole_into_memory(marks_file):
    """The file and its companions were read whole, before SQLite opened them and again under
    the lock (a 2 GB file took over 4 GB of memory): they are copied aside a chunk at a time and
    read mapped."""
    import tracemalloc

    path, _ = marks_file
    with open(path, "r+b") as file:
        file.seek(PAGE * table_leaf_pages(path.read_bytes())[3])
        file.write(b"\xff" * PAGE)
        file.seek(0, 2)
        file.write(random.Random(5).randbytes(24 * 2**20))  # garbage pages after the marks
    damaged = path.read_bytes()
    tracemalloc.start()
    try:
        report = repair(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.repaired and report.aside is not None and report.aside.read_bytes() == damaged
    assert 0 < report.salvaged < MARKS
    assert peak < 8 * 2**20, f"{peak / 2**20:.0f} MiB for a file of {len(damaged) / 2**20:.0f} MiB"


def test_a_linked_marks_file_is_set_aside_with_the_log_beside_the_file_it_names(tmp_path):
    """The marks file a link to a file elsewhere (a synced folder): SQLite keeps its -wal and
    -shm beside that file, where the repair did not look. The copy set aside had no log (its
    marks were in no copy), and the log was left beside the emptied file."""
    elsewhere, data = tmp_path / "synced", tmp_path / "data"
    elsewhere.mkdir()
    data.mkdir()
    (data / "marks.sqlite3").symlink_to(elsewhere / "marks.sqlite3")
    path = data / "marks.sqlite3"
    store = MarkStore(path, [tmp_path])
    store.put({f"outlet/{n:03d}": Mark(read=True) for n in range(300)})
    written_to_the_log_and_killed(path, store.keys[0], "outlet/logged")
    with open(path, "r+b") as file:
        file.seek(3 * PAGE)
        file.write(b"\xff" * PAGE)
    found = {suffix: (elsewhere / f"marks.sqlite3{suffix}").read_bytes() for suffix in ("", "-wal", "-shm")}
    report = repair(path)
    assert report.repaired and report.aside is not None and report.aside.parent == elsewhere
    for suffix, data_found in found.items():
        assert Path(f"{report.aside}{suffix}").read_bytes() == data_found, f"{suffix or 'the file'} set aside"
    assert sorted(p.name for p in elsewhere.iterdir()) == sorted(
        ["marks.sqlite3", *(f"{report.aside.name}{suffix}" for suffix in found)]
    )
    assert path.is_symlink() and [p.name for p in data.iterdir()] == ["marks.sqlite3"]
    salvaged = {mark.article for mark in MarkStore(path, []).stored()}
    assert {f"outlet/logged-{n}" for n in range(50)} <= salvaged
    assert repair(path).repaired is False


def test_a_copy_that_cannot_be_made_leaves_the_file_and_its_log_as_they_were(tmp_path, monkeypatch):
    """A file in WAL mode whose copy cannot be written (a full disk, a folder one may not
    write to): the repair's looks had already folded the log into the damaged file and emptied
    or deleted it, so what the user had was gone with no copy of it. Now nothing is changed."""
    import errno
    import os

    path = tmp_path / "marks.sqlite3"
    store = MarkStore(path, [tmp_path])
    store.put({f"outlet/{n:03d}": Mark(read=True) for n in range(300)})
    written_to_the_log_and_killed(path, store.keys[0], "outlet/logged")
    with open(path, "r+b") as file:
        file.seek(3 * PAGE)
        file.write(b"\xff" * PAGE)
    found = {suffix: Path(f"{path}{suffix}").read_bytes() for suffix in ("", "-wal")}

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(repairing.os, "fsync", disk_full)
    with pytest.raises(repairing.MarksUnreadable, match="could not be copied aside .No space left"):
        repair(path)
    monkeypatch.undo()
    for suffix, data in found.items():
        assert Path(f"{path}{suffix}").read_bytes() == data, f"{suffix or 'the file'} as it was"
    assert not [p for p in tmp_path.iterdir() if DAMAGED_INFIX in p.name]


def test_a_disk_filling_up_mid_copy_leaves_the_file_and_its_log_as_they_were(tmp_path):
    """A real small disk: the copy set aside fills it part way. Nothing is changed (the log was
    folded into the damaged file before the copy was tried) and no copy cut short is left."""
    import tmpfs_helpers

    with tmpfs_helpers.small_disk(tmp_path / "disk", "2m") as disk:
        path = disk.path / "marks.sqlite3"
        store = MarkStore(path, [tmp_path])
        store.put({f"outlet/{n:04d}-{'x' * 200}": Mark(read=True) for n in range(2500)})
        written_to_the_log_and_killed(path, store.keys[0], "outlet/logged")
        with open(path, "r+b") as file:
            file.seek(3 * PAGE)
            file.write(b"\xff" * PAGE)
        found = {suffix: Path(f"{path}{suffix}").read_bytes() for suffix in ("", "-wal")}
        assert 0 < disk_free(disk.path) < len(found[""]), "the copy fits part way"
        with pytest.raises(repairing.MarksUnreadable, match="could not be copied aside .No space left"):
            repair(path)
        for suffix, data in found.items():
            assert Path(f"{path}{suffix}").read_bytes() == data, f"{suffix or 'the file'} as it was"
        assert not [p for p in disk.path.iterdir() if DAMAGED_INFIX in p.name]


def disk_free(folder: Path) -> int:
    import os

    status = os.statvfs(folder)
    return status.f_bavail * status.f_frsize


# A window killed in the middle of a write: one mark changed and 3,000 added, none committed, its
# pages spilled from a small cache into the file (its hot journal holds the originals) or the log.
_KILLED_WRITER = """
import os, sqlite3, sys
from reader.state.marks_db import stamp_in
c = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "wal":
    c.execute("PRAGMA journal_mode=WAL")
c.execute("BEGIN"); stamp_in(c); c.execute("COMMIT")
c.execute("BEGIN")
c.execute("INSERT INTO marks VALUES ('/news', 'kept', 1, 0, 1.0)")
for i in range(400):
    c.execute("INSERT INTO marks VALUES ('/news', ?, 1, 0, 2.0)", (f"committed-{i:05d}-" + "y" * 50,))
c.execute("COMMIT")
c.execute("PRAGMA cache_size=2")
c.execute("BEGIN")
c.execute("UPDATE marks SET starred = 1, changed = 5.0 WHERE article = 'kept'")
for i in range(3000):
    c.execute("INSERT INTO marks VALUES ('/news', ?, 1, 1, 9.0)", (f"never-{i:05d}-" + "x" * 50,))
os._exit(0)
"""


def _killed_while_writing(path: Path, mode: str) -> None:
    import subprocess

    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-c", _KILLED_WRITER, str(path), mode], check=True, cwd=Path(__file__).parent.parent
    )


def test_a_repair_salvages_no_write_that_never_committed(tmp_path):
    """SQLite plays a hot journal back: the killed write never happened. The salvage read the
    pages the file was found with, and brought back 2,974 marks never set, and a star never
    saved, the newest copy winning."""
    path = tmp_path / "data" / "marks.sqlite3"
    _killed_while_writing(path, "rollback")
    assert Path(f"{path}-journal").is_file()
    with open(path, "r+b") as file:  # a damaged page of committed marks, which no playback mends
        file.seek(4 * PAGE + 8)
        file.write(b"\xff" * 64)

    assert repair(path).repaired

    rows = sqlite3.connect(path).execute("SELECT article, starred, changed FROM marks").fetchall()
    assert not [row for row in rows if row[0].startswith("never-")]
    assert ("kept", 0, 1.0) in rows and len(rows) > 300  # (the damaged page's marks are lost)


def test_the_log_of_a_killed_write_gives_only_its_committed_frames(tmp_path):
    path = tmp_path / "data" / "marks.sqlite3"
    _killed_while_writing(path, "wal")

    found = repairing._rows_of_log(Path(f"{path}-wal").read_bytes())

    assert {mark.article for mark in found if mark.article.startswith("committed-")} == {
        f"committed-{i:05d}-" + "y" * 50 for i in range(400)
    }
    assert not [mark for mark in found if mark.article.startswith("never-") or mark.changed == 5.0]


# A window's write tried once, without waiting for a lock: it says "saved" or "busy".
WRITE_ONCE = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
try:
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO marks VALUES (?, 'zzz/between', 1, 1, ?)", (sys.argv[2], time.time()))
    connection.execute("COMMIT")
    print("saved")
except sqlite3.OperationalError as exc:
    print("busy" if "locked" in str(exc) else exc)
"""
# A window's mark set while the repair holds the lock: it says "ready" once started, then waits
# for the lock (a read waits for it too) and says "saved".
WRITE_WAITING = """
import sys
from pathlib import Path
from reader.state.marks import MarkStore
store = MarkStore(Path(sys.argv[1]), [Path(sys.argv[2])])
print("ready", flush=True)
store.change({"zzz/waited": {"starred": True}})
print("saved", flush=True)
"""


def test_no_window_writes_between_the_salvage_and_the_writing_and_one_waiting_keeps_its_mark(marks_file, monkeypatch):
    """Between the salvage's reading of the file and its writing, another process's write waits
    for the repair's lock; a mark set then is in the repaired file with every salvaged one.
    (Closing the file's map dropped SQLite's lock: a window's mark written between was lost.)"""
    import subprocess

    from conftest import cli_env, first_line

    path, _ = marks_file
    root = path.parent.parent
    damaged_but_lockable(path)
    real_clear, tried, waiting = repairing._clear_companions, [], []

    def clear_after_two_windows_tried(real: Path, aside: Path) -> None:
        run = subprocess.run(
            [sys.executable, "-c", WRITE_ONCE, str(path), str(root)], capture_output=True, timeout=60, env=cli_env()
        )
        tried.append(run.stdout)
        window = subprocess.Popen(
            [sys.executable, "-c", WRITE_WAITING, str(path), str(root)], stdout=subprocess.PIPE, env=cli_env()
        )
        waiting.append(window)
        assert first_line(window.stdout, time.monotonic() + 60) == b"ready\n"
        real_clear(real, aside)

    monkeypatch.setattr(repairing, "_clear_companions", clear_after_two_windows_tried)
    try:
        report = repair(path)
        said, _ = waiting[0].communicate(timeout=60)
    finally:
        for window in waiting:
            window.kill()
    assert tried == [b"busy\n"], "a write got in while the repair held the file"
    assert said == b"saved\n" and report.repaired
    now = {mark.article: mark for mark in MarkStore(path, []).stored()}
    assert now["zzz/waited"].starred and "zzz/between" not in now
    assert len(now) == report.salvaged + 1


def test_a_second_repair_while_one_holds_the_file_says_so_in_one_line(monkeypatch, reader_in_process, isolated_dirs):
    """Another repair holds the file past the wait: one line says so, nothing is set aside or
    changed (two repairs at once emptied the file twice)."""
    import fcntl

    path = isolated_dirs["data"] / "marks.sqlite3"
    MarkStore(path, [path.parent]).put({"a": Mark(read=True)})
    path.write_bytes(bytes(100) + path.read_bytes()[100:])
    damaged = path.read_bytes()
    monkeypatch.setattr(repairing, "BUSY_SECONDS", 0.2)
    with open(path, "rb") as other_repair:
        fcntl.flock(other_repair, fcntl.LOCK_EX)
        result = reader_in_process("state", "repair", check=False)
    [line] = result.stderr.strip().splitlines()
    assert result.returncode == 1 and "another repair of it took over 0.2 s" in line, line
    assert line.endswith("(nothing was repaired)")
    assert path.read_bytes() == damaged and [p.name for p in path.parent.iterdir()] == ["marks.sqlite3"]


# A repair killed (os._exit: nothing cleaned up, as kill -9 leaves it) at the Nth call that
# writes, syncs, truncates, renames or removes a file.
KILLED_REPAIR = """
import os
import sys
from pathlib import Path
from reader.state.repair import repair
left = int(sys.argv[2])
def counted(call):
    def step(*args, **kwargs):
        global left
        left -= 1
        if left == 0:
            os._exit(9)
        return call(*args, **kwargs)
    return step
for name in ("fsync", "pwrite", "ftruncate", "replace", "rename", "unlink", "link"):
    setattr(os, name, counted(getattr(os, name)))
repair(Path(sys.argv[1]))
"""


def test_a_repair_killed_at_any_step_leaves_every_mark_for_the_next(marks_file, tmp_path):
    """Killed at each step in turn, the repair leaves the damaged file set aside as it was, and
    the next repair gives every mark an uninterrupted one salvages (a repair killed after it
    emptied the file left a sound, empty one: the marks out of sight)."""
    import subprocess

    from conftest import cli_env

    path, _ = marks_file
    damaged_but_lockable(path)
    damaged = path.read_bytes()
    reference = tmp_path / "reference" / "marks.sqlite3"
    reference.parent.mkdir()
    reference.write_bytes(damaged)
    repair(reference)
    expected = {(m.corpus, m.article, m.read, m.starred) for m in MarkStore(reference, []).stored()}
    step = 0
    while True:
        step += 1
        assert step < 100, "the repair never ran to its end"
        folder = tmp_path / f"killed-{step}"
        folder.mkdir()
        target = folder / "marks.sqlite3"
        target.write_bytes(damaged)
        run = subprocess.run(
            [sys.executable, "-c", KILLED_REPAIR, str(target), str(step)],
            capture_output=True,
            timeout=120,
            env=cli_env(),
        )
        if run.returncode == 0:
            break  # the repair ran to its end before that step
        assert run.returncode == 9, run.stderr.decode()
        repair(target)
        now = {(m.corpus, m.article, m.read, m.starred) for m in MarkStore(target, []).stored()}
        assert expected <= now, f"killed at step {step}: lost {sorted(expected - now)[:3]}"
        asides = [p for p in folder.iterdir() if DAMAGED_INFIX in p.name and not p.name.endswith(("wal", "shm", "al"))]
        assert any(aside.read_bytes() == damaged for aside in asides), f"killed at step {step}: no copy as it was"
        assert repair(target).repaired is False
    assert step > 8


def test_no_room_to_build_the_repaired_file_leaves_the_damaged_one_as_it_was(marks_file, monkeypatch):
    """The temporary folder's disk full: one error naming it, the damaged file as it was, no
    copy or note left (a traceback would have left the file half handled)."""
    import errno
    import tempfile

    from reader.state.marks import MarksUnreadable

    path, _ = marks_file
    damaged_but_lockable(path)
    damaged = path.read_bytes()

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", disk_full)
    with pytest.raises(MarksUnreadable, match="no temporary folder to build the repaired file in"):
        repair(path)
    assert path.read_bytes() == damaged and [p.name for p in path.parent.iterdir()] == ["marks.sqlite3"]


def test_the_other_tables_of_the_file_are_carried_across_with_their_rows(marks_file):
    """A table other than the marks (a later layout's: the links of versions) and its index
    come through a repair with every row SQLite reads of it, as a window wrote them."""
    path, stored = marks_file
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "CREATE TABLE version_links (corpus TEXT NOT NULL, article TEXT NOT NULL, older TEXT NOT NULL,"
            " PRIMARY KEY (corpus, article))"
        )
        connection.execute("CREATE INDEX version_links_older ON version_links (older)")
        connection.executemany(
            "INSERT INTO version_links VALUES (?, ?, ?)", [("/c", f"a{n}", f"[bold]b{n}\x1b") for n in range(300)]
        )
    data = bytearray(path.read_bytes())
    leaf = table_leaf_pages(bytes(data))[5]
    assert ids_on(bytes(data), [leaf]), "a page of marks"
    data[leaf * PAGE + 8 : (leaf + 1) * PAGE] = random.Random(3).randbytes(PAGE - 8)
    path.write_bytes(bytes(data))
    report = repair(path)
    assert report.repaired
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT corpus, article, older FROM version_links ORDER BY rowid").fetchall()
        indexes = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")]
    assert rows == [("/c", f"a{n}", f"[bold]b{n}\x1b") for n in range(300)]
    assert "version_links_older" in indexes
    assert repair(path).repaired is False, "the new file is sound"


def test_no_trigger_of_another_table_fires_on_the_copying_of_its_rows(marks_file):
    """A trigger of another table is carried too, made once its rows are in: copying them
    never runs it (here it would have deleted every mark)."""
    path, _ = marks_file
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE notes (n INTEGER PRIMARY KEY)")
        connection.executemany("INSERT INTO notes VALUES (?)", [(n,) for n in range(3)])
        connection.execute("CREATE TRIGGER notes_added AFTER INSERT ON notes BEGIN DELETE FROM marks; END")
    damaged_but_lockable(path)
    report = repair(path)
    assert report.repaired and report.salvaged > MARKS // 2
    assert len(MarkStore(path, []).stored()) == report.salvaged
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT count(*) FROM notes").fetchone() == (3,)
        assert connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall() == [
            ("notes_added",)
        ]


def test_a_disk_filling_up_midway_through_the_writing_loses_no_mark_for_the_next_repair(tmp_path, monkeypatch):
    """The new file written over the damaged one in part (the disk full after a few pages): the
    pages written hold other marks than those they replaced (the damaged file's were written in
    any order, the new one's in order), and the next repair finds them in the copy its note names."""
    import errno

    from reader.state.marks import MarksUnreadable

    path = tmp_path / "data" / "marks.sqlite3"
    store = MarkStore(path, [tmp_path])
    numbers = list(range(MARKS))
    random.Random(5).shuffle(numbers)
    for start in range(0, MARKS, 50):
        store.put({f"outlet/article-{n:05d}": Mark(read=True) for n in numbers[start : start + 50]})
    damaged_but_lockable(path)
    damaged = path.read_bytes()
    reference = tmp_path / "reference" / "marks.sqlite3"
    reference.parent.mkdir()
    reference.write_bytes(damaged)
    repair(reference)
    expected = {mark.article for mark in MarkStore(reference, []).stored()}
    assert len(expected) > MARKS // 2
    written = os.pwrite
    pages_left = [4]

    def filling_up(descriptor, data, offset):
        pages_left[0] -= 1
        if pages_left[0] < 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return written(descriptor, data, offset)

    with monkeypatch.context() as patched:
        patched.setattr(repairing, "COPY_CHUNK", PAGE)
        patched.setattr(repairing.os, "pwrite", filling_up)
        with pytest.raises(MarksUnreadable, match="could not be written"):
            repair(path)
    assert Path(f"{path}{repairing.UNDER_WAY}").exists()
    assert repair(path).repaired
    assert {mark.article for mark in MarkStore(path, []).stored()} >= expected
    assert not Path(f"{path}{repairing.UNDER_WAY}").exists()


def test_a_stopped_repairs_note_whose_copies_were_deleted_is_said_once_and_removed(reader_in_process, isolated_dirs):
    """A repair stopped before the end left its note naming the copy set aside; the user deleted
    that copy. The note stayed for good, each repair reading it again, and nothing said the
    copy's marks were gone. Now the next repair says so in one line and removes the note."""
    path = isolated_dirs["data"] / "marks.sqlite3"
    MarkStore(path, [path.parent]).put({"a": Mark(read=True)})
    repairing._note_under_way(path, [path.with_name("marks.sqlite3.damaged-20261204T140300Z")])
    note = Path(f"{path}{repairing.UNDER_WAY}")
    first = reader_in_process("state", "repair")
    assert first.stdout.splitlines() == [
        f"nothing to repair: {path} is sound",
        "1 copy set aside by a repair stopped before the end is gone (marks.sqlite3.damaged-20261204T140300Z): "
        "the marks only it held could not be salvaged; its note marks.sqlite3.repair-under-way is removed",
    ]
    assert not note.exists()
    again = json.loads(reader_in_process("state", "repair", "--json").stdout)
    assert again["copies_gone"] == [] and again["notice"] == "" and not again["repaired"]
    assert [(m.article, m.read) for m in MarkStore(path, []).stored()] == [("a", True)]


def test_a_stopped_repairs_copies_still_there_are_salvaged_and_those_deleted_said(marks_file):
    """Of the two copies a stopped repair's note names, one is still there: its marks are merged
    into the file, and the one deleted is said."""
    path, _ = marks_file
    kept = path.with_name("marks.sqlite3.damaged-20261204T140300Z")
    with closing(sqlite3.connect(kept)) as copy, copy:
        copy.execute("CREATE TABLE marks (corpus, article, read, starred, changed)")
        copy.execute("INSERT INTO marks VALUES (?, 'outlet/only-in-the-copy', 1, 1, 5.0)", (str(path.parent.parent),))
    gone = path.with_name("marks.sqlite3.damaged-20261204T140301Z")
    repairing._note_under_way(path, [kept, gone])
    report = repair(path)
    assert report.repaired and report.aside == kept and report.copies_gone == (gone,)
    assert report.notice.startswith("1 copy set aside by a repair stopped before the end is gone")
    assert "outlet/only-in-the-copy" in {mark.article for mark in MarkStore(path, []).stored()}
    assert not Path(f"{path}{repairing.UNDER_WAY}").exists()


def test_a_stale_note_beside_the_file_a_link_points_at_is_named_as_it_is(tmp_path):
    """The marks path a link to a file of another name (a synced folder's): the stopped repair's
    note is beside that file, named after it. The line named the link's note, which never was."""
    real = tmp_path / "sync" / "my-marks.db"
    real.parent.mkdir()
    MarkStore(real, [tmp_path]).put({"a": Mark(read=True)})
    link = tmp_path / "data" / "marks.sqlite3"
    link.parent.mkdir()
    os.symlink(real, link)
    repairing._note_under_way(real, [real.with_name("my-marks.db.damaged-20261204T140300Z")])
    report = repair(link)
    assert report.notice.endswith("; its note my-marks.db.repair-under-way is removed"), report.notice
    assert sorted(path.name for path in real.parent.iterdir()) == ["my-marks.db"]
