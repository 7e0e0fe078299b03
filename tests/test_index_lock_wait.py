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


def test_the_default_short_wait_stays_quiet_until_it_gives_up(tmp_path):
    corpus = make_corpus(tmp_path / "corpus")
    held = lock.acquire(tmp_path / "ix", 0)
    with _index(corpus, tmp_path / "ix", "0.2") as proc:
        try:
            _, err = proc.communicate(timeout=120)
        finally:
            lock.release(held)
    assert proc.returncode == 3
    assert err.decode().splitlines() == [
        f"reader: another reader process is updating the index in {tmp_path / 'ix'}; try again when it has finished,"
        f" or wait up to 10 minutes for it: `READER_LOCK_WAIT=600 reader --corpus {corpus} --index {tmp_path / 'ix'} index`"
    ]


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
