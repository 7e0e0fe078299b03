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
    assert code != 3 or holder_said.search(err), err
    return code, out, holder_said.sub("", err)


def test_on_a_terminal_the_wait_is_said_and_its_end_says_how_long_it_waited(isolated_dirs, capsys, monkeypatch):
    from reader.commands import common

    monkeypatch.setattr(common, "progress_enabled", lambda: True)
    monkeypatch.setenv("READER_LOCK_WAIT", "0.3")
    code, out, err = _remove_while_a_fetch_runs(capsys)
    assert code == 3 and out == ""
    assert f"feed remove: {WAITING}" in err  # the progress line, drawn then cleared
    assert err.rstrip("\n").endswith(
        "reader: another reader fetch is still running after 0.3 s of waiting for it (READER_LOCK_WAIT sets how "
        "long); try again when it has finished (nothing was removed)"
    )
    assert [feed.url for feed in load_subscriptions().feeds] == [URL]


def test_no_wait_at_all_says_only_that_a_fetch_is_running(isolated_dirs, capsys, monkeypatch):
    monkeypatch.setenv("READER_LOCK_WAIT", "0")
    code, _out, err = _remove_while_a_fetch_runs(capsys)
    assert code == 3 and WAITING not in err
    assert err == "reader: another reader fetch is running; try again when it has finished (nothing was removed)\n"
