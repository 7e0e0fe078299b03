"""`reader index` waiting for another process's update, its stderr not a terminal (a script, a
cron job): a long wait is said, once, as a line; the default few seconds' wait stays quiet."""

from __future__ import annotations

import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import cli_env, first_line  # noqa: E402
from test_index_helpers import make_corpus  # noqa: E402

from reader.index import lock  # noqa: E402

WAITING = "reader: waiting for another reader process to finish updating the index…"


@contextmanager
def _index(corpus: Path, index_dir: Path, wait: str) -> Iterator[subprocess.Popen]:
    """`reader index` in a subprocess, killed if the test fails while it runs."""
    argv = [sys.executable, "-m", "reader", "--corpus", str(corpus), "--index", str(index_dir), "index", "--no-prepare"]
    env = cli_env(READER_LOCK_WAIT=wait)
    with subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as proc:
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()


def test_a_long_wait_for_the_lock_is_said_off_a_terminal_then_the_update_runs(tmp_path):
    """READER_LOCK_WAIT=300 in a script: ten minutes of an empty log, the process seemingly hung."""
    corpus = make_corpus(tmp_path / "corpus")
    held = lock.acquire(tmp_path / "ix", 0)  # another process's update
    with _index(corpus, tmp_path / "ix", "300") as proc:
        try:
            assert proc.stderr is not None
            said = first_line(proc.stderr, time.monotonic() + 120)
        finally:
            lock.release(held)
        out, err = proc.communicate(timeout=120)
    assert said.decode() == WAITING + "\n"
    assert proc.returncode == 0, err
    assert err == b"" and out.startswith(b"5 indexed, 0 updated, 0 removed, 0 unchanged in ")


@pytest.mark.parametrize(
    ("wait", "advice"),
    [
        # not set: the way to wait longer is named
        (None, "or wait up to 10 minutes for it: `READER_LOCK_WAIT=600 {again}`"),
        # set: told what it was ("set READER_LOCK_WAIT" to a user who had read as if it was ignored)
        ("0.2", "or wait longer than the 0.2 s READER_LOCK_WAIT=0.2 set: `READER_LOCK_WAIT=600 {again}`"),
        ("0", "or wait longer than READER_LOCK_WAIT=0 (no wait): `READER_LOCK_WAIT=600 {again}`"),
    ],
)
def test_giving_up_names_the_holder_and_what_the_wait_was(tmp_path, wait, advice):
    """The default short wait stays quiet until it gives up; then it names the process holding
    the lock (its pid and command: "another process" left the user to hunt for it with ps) and
    how to wait longer than it waited."""
    corpus = make_corpus(tmp_path / "corpus")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(tmp_path / "ix")], stdout=subprocess.PIPE, env=cli_env()
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        argv = [sys.executable, "-m", "reader", "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index"]
        env = cli_env(READER_LOCK_WAIT=wait or "")
        if wait is None:
            del env["READER_LOCK_WAIT"]
        done = subprocess.run(argv + ["--no-prepare"], capture_output=True, text=True, env=env, timeout=120)
    finally:
        holder.kill()
        holder.wait()
    again = f"reader --corpus {corpus} --index {tmp_path / 'ix'} index"
    assert done.returncode == 3
    assert done.stderr.splitlines() == [
        f"reader: another reader process (pid {holder.pid}: python -c {HOLD_THE_LOCK_SHOWN}) is updating the index"
        f" in {tmp_path / 'ix'}; try again when it has finished, " + advice.format(again=again)
    ]


# Another process's update, as `ps` would show it: a command line with a line break in it.
HOLD_THE_LOCK = "import sys, time\nfrom reader.index import lock\nheld = lock.acquire(sys.argv[1], 0); print('held', flush=True); time.sleep(120)"
HOLD_THE_LOCK_SHOWN = "import sys, time\\nfrom reader.index import lock\\n…"  # 60 characters in all


@pytest.mark.parametrize(
    ("wait", "advice"),
    [
        ("700", "or wait longer than the 700 s READER_LOCK_WAIT=700 set: `READER_LOCK_WAIT=2800 reader index`"),
        ("30000", "or wait longer than the 30000 s READER_LOCK_WAIT=30000 set: `READER_LOCK_WAIT=86400 reader index`"),
        ("86400", "is it stuck?"),
    ],
)
def test_a_long_wait_given_up_on_suggests_a_longer_one_or_none(monkeypatch, wait, advice):
    from reader.commands.common import busy_advice

    monkeypatch.setenv("READER_LOCK_WAIT", wait)
    said = busy_advice("another reader process (pid 7) is updating the index in ix", "reader index")
    assert said.endswith(advice)
    if wait == "86400":  # the longest there is: no longer wait to suggest
        assert "READER_LOCK_WAIT=86400, the longest wait there is" in said and "`" not in said


def test_a_lock_holders_command_line_is_shown_escaped_and_short():
    from reader.wording import holder_shown

    assert holder_shown(None) == ""
    assert holder_shown((42, "")) == " (pid 42)"
    assert holder_shown((42, "reader \x1b]0;owned\x07index")) == " (pid 42: reader \\x1b]0;owned\\x07index)"
    assert holder_shown((42, "reader " + "x" * 100)) == " (pid 42: reader " + "x" * 52 + "…)"


@pytest.mark.parametrize("waiting", ["index", "comparisons"])
@pytest.mark.parametrize(("lock_wait", "lines"), [("3", 0), ("300", 1), ("x", 0)])
def test_off_a_terminal_a_wait_is_said_once_only_when_longer_than_the_default(
    capsys, monkeypatch, waiting, lock_wait, lines
):
    """The index's lock and the comparisons' pass: READER_LOCK_WAIT=300 says the wait once, as a
    line; the default 3 s (or a value the command itself refuses) says nothing."""
    from reader.analysis import prepare
    from reader.commands.common import ProgressLine

    message = lock.WAITING if waiting == "index" else prepare.WAITING
    monkeypatch.setenv("READER_LOCK_WAIT", lock_wait)
    progress = ProgressLine()  # stderr captured: not a terminal
    assert not progress.enabled
    for _ in range(3):  # heard again each time the wait goes on
        progress(0, 0, message)
    assert capsys.readouterr() == ("", f"reader: {message}\n" * lines)


@pytest.mark.parametrize(
    ("words", "typed"),
    [
        (["python3", "/home/u/.venv/bin/reader", "--corpus", "news", "index"], "reader --corpus news index"),
        (["/usr/bin/python3.12", "-m", "reader", "index"], "reader index"),
        (["/usr/local/bin/reader", "index"], "reader index"),
        (["python3", "-c", "pass"], "python3 -c pass"),
        ([""], ""),
    ],
)
def test_a_lock_holders_command_is_named_as_the_user_typed_it(words, typed):
    """An installed `reader` runs as "python3 /home/u/.venv/bin/reader index" (its #! line): the
    interpreter and the folder were noise before the words the user would recognise."""
    from reader.file_lock import command_as_typed

    assert command_as_typed(words) == typed
