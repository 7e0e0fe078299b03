"""`feed remove` (and `feed add` of a feed whose old fetch state must go) waiting for a `reader
fetch` that holds the fetch lock: the wait was silent, on a terminal too, and when it ran out it
said only "another reader fetch is running". It says what it waits for, as the index's lock wait
does, and how long it waited when it gives up. No fixed sleeps: lines are polled with deadlines."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest

from conftest import cli_env, first_line, run_main
from reader.fetch.store import WAITING, ArticleStore
from reader.fetch.subscriptions import add_subscription, load_subscriptions

URL = "https://news.example/feed.xml"


def running_fetch() -> ArticleStore:
    """The fetch lock held as a running `reader fetch` holds it, with a fetch state to forget."""
    add_subscription(URL)
    holder = ArticleStore()
    holder.lock()
    holder.save_state()
    return holder


def test_a_long_wait_for_a_running_fetch_is_said_off_a_terminal_then_the_feed_is_removed(isolated_dirs):
    """READER_LOCK_WAIT=300 in a script: minutes of an empty log, `feed remove` seemingly hung."""
    holder = running_fetch()
    argv = [sys.executable, "-m", "reader", "feed", "remove", URL]
    env = cli_env(READER_LOCK_WAIT="300")
    with subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as proc:
        try:
            assert proc.stderr is not None
            said = first_line(proc.stderr, time.monotonic() + 120)
        finally:
            holder.unlock()
        try:
            out, err = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert said.decode() == f"reader: {WAITING}\n"
    assert WAITING == "waiting for another reader process to finish fetching…"
    assert proc.returncode == 0, err
    assert out.decode() == f"unsubscribed from {URL} (its fetched articles stay)\n"
    assert load_subscriptions().feeds == []


def _remove_while_a_fetch_runs(capsys):
    """`reader feed remove URL` run here while another fetch holds the lock: (status, out, err)."""
    holder = running_fetch()
    try:
        code, out, err = run_main(capsys, "feed", "remove", URL)
    finally:
        holder.unlock()
    # Who holds the lock, as it noted itself in the lock file: said, then left out of the words compared.
    holder_said = re.compile(rf" \(pid {os.getpid()}, since \d\d:\d\d\)")
    assert "pid" not in out or holder_said.search(out), out
    return code, holder_said.sub("", out), err


def test_on_a_terminal_the_wait_is_said_then_the_feed_is_removed_all_the_same(isolated_dirs, capsys, monkeypatch):
    from reader.commands import common

    monkeypatch.setattr(common, "progress_enabled", lambda: True)
    monkeypatch.setenv("READER_LOCK_WAIT", "0.3")
    code, out, err = _remove_while_a_fetch_runs(capsys)
    assert f"feed remove: {WAITING}" in err  # the progress line, drawn then cleared
    # Once the wait runs out the feed is unsubscribed all the same, as `feed add` subscribes one
    # during a run (it exited 3, "nothing was removed"); the run fetches it to its end.
    assert code == 0 and "reader:" not in err
    assert (
        out == f"unsubscribed from {URL} (its fetched articles stay); the reader fetch running fetches it to its end\n"
    )
    assert load_subscriptions().feeds == []


def test_no_wait_at_all_removes_it_at_once_and_says_the_fetch_running_fetches_it(isolated_dirs, capsys, monkeypatch):
    monkeypatch.setenv("READER_LOCK_WAIT", "0")
    code, out, err = _remove_while_a_fetch_runs(capsys)
    assert code == 0 and WAITING not in err and err == ""
    assert out.endswith("; the reader fetch running fetches it to its end\n")
    assert load_subscriptions().feeds == []


def test_json_says_whether_a_fetch_still_running_fetches_the_removed_feed(isolated_dirs, capsys, monkeypatch):
    import json

    monkeypatch.setenv("READER_LOCK_WAIT", "0")
    holder = running_fetch()
    try:
        code, out, _err = run_main(capsys, "feed", "remove", URL, "--json")
    finally:
        holder.unlock()
    assert code == 0 and json.loads(out)["url"] == URL and json.loads(out)["fetch_running"] is True
    add_subscription(URL)
    code, out, _err = run_main(capsys, "feed", "remove", URL, "--json")
    assert code == 0 and json.loads(out)["fetch_running"] is False


def test_a_feed_list_looking_as_a_fetch_starts_never_makes_it_fail_as_busy(isolated_dirs, monkeypatch):
    """`feed list` tells whether a run holds the fetch lock by taking a shared lock a moment where
    the system names no holder: a fetch starting then, its process descheduled for longer than the
    0.05 s it gave such a look, failed as "another reader fetch is running". A lock only shared is
    waited out; an exclusive one (a run) is said at once. The clock is the test's: no timing."""
    import fcntl
    import types

    from reader.fetch import store as store_module
    from reader.fetch.store import FetchBusy

    starting = ArticleStore()
    lock = starting.state_path.parent / "fetch.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.touch()
    now = [0.0]
    slept: list[float] = []
    look = open(lock, encoding="utf-8")  # let go by the clock below
    fcntl.flock(look, fcntl.LOCK_SH)

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += 0.5  # the looking process descheduled: seconds pass for each try
        if len(slept) == 3:
            look.close()  # the look ends, 1.5 s on

    clock = types.SimpleNamespace(monotonic=lambda: now[0], sleep=sleep, time=time.time)
    monkeypatch.setattr(store_module, "time", clock)
    try:
        starting.lock()
    finally:
        look.close()
    assert len(slept) == 3
    starting.unlock()

    holder = ArticleStore()
    holder.lock()  # a run: exclusive
    slept.clear()
    try:
        try:
            ArticleStore().lock()
        except FetchBusy as busy:
            assert str(busy).startswith("another reader fetch")
        else:
            raise AssertionError("taken while a run held it")
    finally:
        holder.unlock()
    assert slept == []  # said at once: no look to wait for


def test_ctrl_c_raised_while_a_run_reads_its_state_under_the_lock_lets_the_lock_go(isolated_dirs, monkeypatch):
    """`reader fetch` lets ctrl+c interrupt at once till it has read its state under the lock (a
    read from a hung mount waited for a second): raised there, the lock was kept by the stopped
    run, its note naming it, and the app's next fetch in that process said another was running."""
    import pytest

    from reader.fetch import fetch
    from reader.fetch.store import running_fetch

    add_subscription(URL)
    real = ArticleStore._load_state
    loads = []

    def load(store):
        loads.append(store)
        if len(loads) == 2:  # the read under the lock
            raise KeyboardInterrupt
        return real(store)

    monkeypatch.setattr(ArticleStore, "_load_state", load)
    with pytest.raises(KeyboardInterrupt):
        fetch()
    monkeypatch.setattr(ArticleStore, "_load_state", real)
    folder = loads[0].state_path.parent
    assert running_fetch(folder) is None and (folder / "fetch.lock").read_text(encoding="utf-8") == ""
    ArticleStore().lock()  # not busy


# Another process's `reader fetch`, as `ps` shows it: the fetch lock held until it is killed.
HOLD_THE_FETCH_LOCK = (
    "from reader.fetch.store import ArticleStore\n"
    "import time\nheld = ArticleStore()\nheld.lock(); print('held', flush=True); time.sleep(120)"
)


@contextmanager
def fetch_run_elsewhere():
    """Another process holding the fetch lock, as a running `reader fetch` does: its Popen."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_FETCH_LOCK], stdout=subprocess.PIPE, env=cli_env())
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        yield holder
    finally:
        holder.kill()
        holder.wait()


# The holder's command line as the message shows it: its line breaks escaped, cut at 60 characters.
HOLDER_SHOWN = re.escape("python -c from reader.fetch.store import ArticleStore\\nimpo…")


@pytest.mark.parametrize("wait", [None, "0", "5"])
def test_a_fetch_meeting_a_running_one_names_its_command_and_no_wait_it_would_not_make(isolated_dirs, wait):
    """`reader fetch` named the run holding the lock by pid alone ("another process" left the user
    to hunt for its command with ps). It waits for no run whatever READER_LOCK_WAIT says: no
    longer wait is suggested (the old "(READER_LOCK_WAIT sets how long)" of a waited lock)."""
    add_subscription(URL)
    with fetch_run_elsewhere() as holder:
        env = cli_env(READER_LOCK_WAIT=wait or "")
        if wait is None:
            del env["READER_LOCK_WAIT"]
        argv = [sys.executable, "-m", "reader", "fetch"]
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 3, done.stderr
    (line,) = done.stderr.splitlines()
    assert re.fullmatch(
        rf"reader: another reader fetch \(pid {holder.pid}: {HOLDER_SHOWN}, since \d\d:\d\d\) is running; "
        "try again when it has finished",
        line,
    ), line


@pytest.mark.parametrize(
    ("wait", "advice"),
    [
        (None, "or wait up to 10 minutes for it: `READER_LOCK_WAIT=600 reader feed add URL`"),
        ("0.2", "or wait longer than the 0.2 s READER_LOCK_WAIT=0.2 set: `READER_LOCK_WAIT=600 reader feed add URL`"),
        ("900", "or wait longer than the 900 s READER_LOCK_WAIT=900 set: `READER_LOCK_WAIT=3600 reader feed add URL`"),
    ],
)
def test_a_wait_for_the_fetch_lock_given_up_says_it_as_the_index_lock_does(isolated_dirs, monkeypatch, wait, advice):
    """A wait for the fetch lock that ran out (`feed add`, `feed import`, a conversion) said
    "(READER_LOCK_WAIT sets how long)" to a user who had set it: it is now told what it was and a
    longer one, in the index lock's words (commands.common.busy_advice, one wording)."""
    from reader.commands.feeds import _busy_said
    from reader.fetch.store import FetchBusy

    if wait is None:
        monkeypatch.delenv("READER_LOCK_WAIT", raising=False)
    else:
        monkeypatch.setenv("READER_LOCK_WAIT", wait)
    with fetch_run_elsewhere() as holder:
        with pytest.raises(FetchBusy) as busy:
            ArticleStore().lock(wait=0.2)
    assert busy.value.waited == 0.2
    said = _busy_said(busy.value, "reader feed add URL", " (nothing was added)")
    assert re.fullmatch(
        rf"another reader fetch \(pid {holder.pid}: {HOLDER_SHOWN}, since \d\d:\d\d\) is still running after "
        rf"0\.2 s of waiting for it; try again when it has finished \(nothing was added\), {re.escape(advice)}",
        said,
    ), said
