"""ctrl+c during `reader compare A B`: the encoder stops at its next sentence and keeps those it
encoded, so the next run goes on from there (a KeyboardInterrupt used to throw them away)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from conftest import ROOT

# The child counts each sentence through the encoder (one line each in `log`). With `park` set,
# the first sentence encoded writes `marker` and every one waits for the command's cancel() to
# say stop (or a KeyboardInterrupt, or two minutes): the comparison is under way, for as long as
# the test needs.
CHILD = """
import signal, sys, threading, time
from pathlib import Path
signal.signal(signal.SIGINT, signal.default_int_handler)
from reader.analysis.contextual import Encoder
log, marker, park = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "park"
asked, interrupted = [], threading.Event()
real_run, real_one = Encoder._run, Encoder._encode_one
def run(self, texts, cancel=None):
    asked.append(cancel)
    return real_run(self, texts, cancel)
def encode_one(self, text):
    done = real_one(self, text)
    with log.open("a", encoding="utf-8") as f:
        f.write(text + "\\n")
    if park:
        marker.touch()
        deadline = time.monotonic() + 120
        while not (asked[-1] and asked[-1]()) and not interrupted.is_set() and time.monotonic() < deadline:
            try:
                time.sleep(0.01)
            except KeyboardInterrupt:
                interrupted.set()
                raise
    return done
Encoder._run, Encoder._encode_one = run, encode_one
from reader.cli import main
sys.exit(main(sys.argv[4:]))
"""


def _article(path: Path, outlet: str, n: int) -> Path:
    body = " ".join(f"{outlet} reports that council member {k} voted on budget line {k * 7 + n}." for k in range(40))
    path.write_text(
        f"---\ntitle: 'Budget vote'\noutlet: {outlet}\ndate: '2025-12-01'\n---\n\n{body}\n", encoding="utf-8"
    )
    return path


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_ctrl_c_stops_the_comparison_and_the_next_run_goes_on_from_there(tmp_path, isolated_dirs):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    left, right = _article(corpus / "a.md", "Alpha", 1), _article(corpus / "b.md", "Beta", 2)
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(CHILD), encoding="utf-8")
    marker = tmp_path / "marker"
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))

    def command(log: Path, mode: str) -> list[str]:
        argv = ["--corpus", str(corpus), "compare", str(left), str(right), "--json"]
        return [sys.executable, str(script), str(log), str(marker), mode, *argv]

    # Started with SIGINT ignored (as from a background job): the child sets its own handler.
    proc = subprocess.Popen(
        command(logs[0], "park"), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_ignore_sigint
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:] if proc.stderr else ""
            assert time.monotonic() < deadline
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130
    assert out == b""
    assert err.decode() == (
        "reader: interrupted; the sentences encoded so far are kept, and a new run goes on from there\n"
    )
    first = logs[0].read_text(encoding="utf-8").splitlines()
    assert first  # stopped part-way, with sentences encoded

    done = subprocess.run(command(logs[1], "count"), env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert done.stdout.startswith(b"{") and done.stderr == b""
    second = logs[1].read_text(encoding="utf-8").splitlines()
    # Only the rest: none of the sentences the stopped run encoded went through the encoder again.
    assert second and not set(first) & set(second)
    assert len(set(first) | set(second)) == 80


def test_ctrl_c_stops_compare_markdown_the_same_way(capsys, isolated_dirs, monkeypatch):
    """`--markdown` goes through the same comparison: ctrl+c cancels it (no half export on
    stdout), and the ctrl+c handler is handed back afterwards."""
    from reader.analysis.contextual import Encoder

    from conftest import FOX, MT, SEEDS, run_main

    real = Encoder._encode_one
    pressed = []

    def encode_one(self, text):
        if not pressed:  # one ctrl+c, while the first sentence is encoded (a second stops at once)
            pressed.append(text)
            os.kill(os.getpid(), signal.SIGINT)
        return real(self, text)

    monkeypatch.setattr(Encoder, "_encode_one", encode_one)
    from reader.analysis.contextual import encoder

    encoder()._cache.clear()  # a test before in this process may have encoded the seeds already
    code, out, err = run_main(capsys, "--corpus", str(SEEDS), "compare", FOX, MT, "--markdown")
    assert (code, out) == (130, "")
    assert err == "reader: interrupted; the sentences encoded so far are kept, and a new run goes on from there\n"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_pass_started_with_ctrl_c_ignored_leaves_it_ignored():
    """A shell starts `reader fetch &` with SIGINT ignored, so a ctrl+c meant for the foreground
    job passes it by: the pass's ctrl+c handler must not take that signal back (it did, and
    stopped the background fetch); a pass started normally still catches it."""
    import threading

    from reader.commands.common import ctrl_c_stops

    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with ctrl_c_stops(threading.Event()):
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        signal.signal(signal.SIGINT, signal.default_int_handler)
        with ctrl_c_stops(threading.Event()):
            assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, before)
