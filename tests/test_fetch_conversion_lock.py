"""A load that finds the fetch state in an old layout writes it converted under the fetch lock (a
second or so at 66 MB): a `reader fetch` started meanwhile stopped with "another reader fetch is
running" (exit 3), which no fetch was. It waits for the write now, up to READER_LOCK_WAIT, and
names it truly when the wait runs out. No fixed sleeps: the lock is held by the test and let go
when the fetch says it waits."""

from __future__ import annotations

import fcntl
import json
import os
import re
from pathlib import Path

import pytest

from conftest import run_main
from http_fixture import Reply, page, quick_settings, rss
from reader import config, file_lock
from reader.fetch import fetch
from reader.fetch import store as store_module
from reader.fetch.store import WAITING_FOR_CONVERSION, ArticleStore, conversion_marked, converting_noted, entry_key
from reader.fetch.subscriptions import add_subscription
from test_fetch import text_of


def _lock_file() -> Path:
    return config.fetched_corpus_dir().parent / "fetch.lock"


def _held(converting: bool, pid: int | None = None):
    """The fetch lock, taken and noted as a load writing the converted state takes it (or, with
    `pid`, a note another process left)."""
    _lock_file().parent.mkdir(parents=True, exist_ok=True)
    handle = open(_lock_file(), "a+")
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    ArticleStore._note_holder(handle, converting=converting)
    if pid is not None:
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": pid, "since": 0, "converting": True}))
        handle.flush()
    return handle


def _serve_one_article(server) -> None:
    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    server.route("/news/1", Reply(page("Harbour reopens", text_of(1))))
    item = {"title": "Harbour reopens", "link": server.url("/news/1"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
    server.route("/feed.xml", Reply(rss("Harbour News", [item]), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"))


def test_a_fetch_started_while_the_converted_state_is_written_waits_for_it_then_fetches(server):
    _serve_one_article(server)
    holder = _held(converting=True)
    heard: list[str] = []

    def progress(done: int, total: int, current: str = "") -> None:
        heard.append(current)
        if current == WAITING_FOR_CONVERSION and not holder.closed:  # the write ends
            fcntl.flock(holder, fcntl.LOCK_UN)
            holder.close()

    try:
        report = fetch(settings=quick_settings(), progress=progress)
    finally:
        holder.close()

    assert heard.count(WAITING_FOR_CONVERSION) == 1
    assert WAITING_FOR_CONVERSION == "waiting for another reader process to finish converting the fetch state…"
    assert (report.new, report.failures) == (1, [])


def test_when_the_wait_runs_out_the_conversion_is_named_not_another_fetch(server, capsys, monkeypatch):
    _serve_one_article(server)
    monkeypatch.setenv("READER_LOCK_WAIT", "0")
    holder = _held(converting=True)
    try:
        code, out, err = run_main(capsys, "fetch")
    finally:
        holder.close()

    assert (code, out) == (3, "")
    said = re.sub(r" \(pid \d+, since \d\d:\d\d\)", " (pid N)", err)
    assert said == "reader: reader (pid N) is converting the fetch state to its new layout; try again in a moment\n"
    assert f"(pid {os.getpid()}, since " in err
    assert server.hits("/feed.xml") == 0


def test_a_note_a_killed_load_left_is_not_taken_for_the_run_that_holds_the_lock(server, capsys, monkeypatch):
    """The note stays in the lock file when its process is killed: a run holding the lock later
    (an older reader's, which notes nothing) is still a run, not waited for."""
    _serve_one_article(server)
    monkeypatch.setenv("READER_LOCK_WAIT", "5")
    _a_run_said_at_once(capsys, _held(converting=True, pid=2**22 + 12345))  # no process of this one


def _a_run_said_at_once(capsys, holder) -> str:
    """What `reader fetch` says, meeting `holder` (the fetch lock, held): a run, said at once,
    not waited for as a conversion (READER_LOCK_WAIT is long)."""
    try:
        code, _out, err = run_main(capsys, "fetch")
    finally:
        holder.close()
    assert code == 3
    assert err.startswith("reader: another reader fetch") and err.endswith(
        " is running; try again when it has finished\n"
    )
    return err


def test_the_converted_state_is_written_under_a_note_saying_so_and_the_note_goes_with_it(tmp_path, monkeypatch):
    path = tmp_path / "fetch-state.json"
    feed = "https://harbour.example/feed.xml"
    state = {"version": 1, "feeds": {feed: {"entry_ids": {"tag:7": "https://harbour.example/new"}}}}
    path.write_text(json.dumps(state), encoding="utf-8")
    real = store_module.write_atomically
    noted_then: list[bool] = []

    def write_atomically(target, data) -> None:
        noted_then.append(converting_noted((tmp_path / "fetch.lock").read_text(encoding="utf-8")))
        real(target, data)

    monkeypatch.setattr(store_module, "write_atomically", write_atomically)
    ArticleStore(tmp_path / "fetched", path)

    assert noted_then == [True]
    assert (tmp_path / "fetch.lock").read_text(encoding="utf-8") == ""
    saved = json.loads(path.read_text(encoding="utf-8"))["feeds"][feed]
    assert saved["entry_keys"] == {entry_key("tag:7"): entry_key("https://harbour.example/new")}


def _old_layout_state(tmp_path: Path) -> Path:
    path = tmp_path / "fetch-state.json"
    state = {
        "version": 1,
        "feeds": {"https://harbour.example/feed.xml": {"entry_ids": {"tag:7": "https://x.example/"}}},
    }
    path.write_text(json.dumps(state), encoding="utf-8")
    return path


@pytest.mark.parametrize("holder_named", [True, False], ids=["proc-locks", "no-proc-locks"])
def test_a_fetch_meeting_the_lock_before_the_conversions_note_is_written_waits_for_the_conversion(
    tmp_path, monkeypatch, holder_named
):
    """The note goes into the lock file once the lock is held: a `reader fetch` between the two read
    an empty note, a run, and stopped with "another reader fetch is running" rather than wait a
    second. The mark held from before the lock is taken says it from the lock's first moment, on a
    system that names no lock's holder too (no /proc/locks: macOS). The fetch looks at that very
    moment (the note about to be written), as its lock() does: no timing."""
    if not holder_named:
        monkeypatch.setattr(file_lock, "flock_holders", lambda handle: None)
    else:
        from test_fetch_cli import _skip_unless_the_system_names_this_process_s_locks

        _skip_unless_the_system_names_this_process_s_locks(tmp_path / "probe")
    path = _old_layout_state(tmp_path)
    real = ArticleStore._note_holder
    seen: list[tuple] = []

    def note_holder(handle, *, converting: bool = False) -> None:
        with open(tmp_path / "fetch.lock", "a+") as other:  # a `reader fetch` in another process
            seen.append((other.read(), store_module._holder(other)))
        real(handle, converting=converting)

    monkeypatch.setattr(ArticleStore, "_note_holder", staticmethod(note_holder))
    ArticleStore(tmp_path / "fetched", path)

    holder = os.getpid() if holder_named else None
    assert seen == [("", (None, holder, True))]  # nothing noted yet, and read as the conversion
    assert "entry_keys" in json.loads(path.read_text(encoding="utf-8"))["feeds"]["https://harbour.example/feed.xml"]
    assert not conversion_marked(tmp_path)  # let go with the lock


def test_a_conversion_mark_left_behind_is_not_read_as_converting_and_nothing_is_removed(server, capsys, monkeypatch):
    """A load killed while it converted leaves the mark's file, not its hold (the system lets go of
    a dead process's flock), whatever process gets its pid next: a run holding the lock then is a
    run, said at once, not waited for as a conversion (a mark named by pid, once a killed load's,
    read a run given that pid as converting). No file of the folder is removed."""
    _serve_one_article(server)
    monkeypatch.setenv("READER_LOCK_WAIT", "5")
    folder = _lock_file().parent
    folder.mkdir(parents=True, exist_ok=True)
    left = [folder / store_module.CONVERSION_MARK]  # and two of the per-process names an earlier design gave:
    left += [folder / f"fetch.converting.{pid}" for pid in (os.getpid(), 2**22 + 12345)]  # the holder's
    for mark in left:
        mark.touch()
    assert WAITING_FOR_CONVERSION not in _a_run_said_at_once(capsys, _held(converting=False))
    assert run_main(capsys, "fetch")[0] == 0
    assert all(mark.exists() for mark in left)


def _mark_held():
    """The conversion mark, held as a load holds it from just before it tries the fetch lock."""
    folder = _lock_file().parent
    folder.mkdir(parents=True, exist_ok=True)
    mark = open(folder / store_module.CONVERSION_MARK, "a+")
    fcntl.flock(mark, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return mark


def _gives_up_after(looks: int):
    """A cancel() that ends a wait after `looks` polls: a test that would wait for good fails."""
    count = iter(range(looks))
    return lambda: next(count, None) is None


def test_a_run_met_while_a_load_holds_the_mark_but_not_the_lock_is_said_at_once_not_waited_for():
    """A load takes the conversion mark, then tries the lock a run holds, and gives up: a fetch
    meeting the lock in that moment read the mark as a conversion and waited all of
    READER_LOCK_WAIT for the run, then said "converting … still, after 600 s". The wait ends as
    the mark is let go (here as the fetch says it waits: no timing)."""
    run = _held(converting=False)
    mark = _mark_held()
    heard: list[str] = []

    def on_wait(words: str) -> None:
        heard.append(words)
        mark.close()  # the load's lock attempt failed: it lets go of the mark

    try:
        with pytest.raises(store_module.FetchBusy) as busy:
            ArticleStore().lock(on_wait=on_wait, conversion_wait=600, cancel=_gives_up_after(100))
    finally:
        mark.close()
        run.close()

    assert heard == [WAITING_FOR_CONVERSION]
    said = re.sub(r" \(pid \d+, since \d\d:\d\d\)", " (pid N)", str(busy.value))
    assert said == "another reader fetch (pid N) is running; try again when it has finished"


def test_a_conversion_ending_between_the_locks_try_and_the_marks_look_is_not_taken_for_a_run(monkeypatch):
    """The load lets go of the lock, then of the mark, right after the fetch found the lock taken
    and before it looks at the mark: the lock is free, and taken."""
    holder = _held(converting=False)  # its note not written yet: the mark says it converts
    mark = _mark_held()
    real = store_module.conversion_marked
    looks: list[bool] = []

    def conversion_marked(folder) -> bool:
        if len(looks) == 1:  # the second look, in the wait: the conversion ends just before it
            holder.close()
            mark.close()
        looks.append(real(folder))
        return looks[-1]

    monkeypatch.setattr(store_module, "conversion_marked", conversion_marked)
    store = ArticleStore()
    try:
        store.lock(conversion_wait=600, cancel=_gives_up_after(100))
    finally:
        holder.close()
        mark.close()
    try:
        assert looks[:2] == [True, False]
    finally:
        store.unlock()
