"""ctrl+c at each step of a first `reader index` (loading, grouping the stories, writing the
index, preparing the comparisons): exit status 130, one line that says what was kept, never a
traceback, and the next `reader index` completes the index (docs/scale.md). The child parks at
the step (a marker file says it is there) and gets SIGINT then: no sleep decides the moment."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import ARTICLES, make_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import os, signal, sys, time
from pathlib import Path
signal.signal(signal.SIGINT, signal.default_int_handler)  # (pytest run in the background ignores it)
corpus, index_dir, marker, step = sys.argv[1:5]

def park(cancel=None):
    Path(marker).write_text(step)
    parent, deadline = os.getppid(), time.monotonic() + 120
    while os.getppid() == parent and time.monotonic() < deadline:
        if cancel is not None and cancel():
            return
        time.sleep(0.02)
    os._exit(3)  # (the test is gone, or never sent the signal)

if step == "loading":
    from reader.index import store
    real_load = store.load_files
    def load_files(*a, **k):
        park()
        return real_load(*a, **k)
    store.load_files = load_files
elif step == "grouping":
    from reader.index import update
    real_group = update.IndexUpdate.group_stories
    def group_stories(self, *a, **k):
        park()
        return real_group(self, *a, **k)
    update.IndexUpdate.group_stories = group_stories
elif step == "writing":
    from whoosh.writing import SegmentWriter
    real_toc = SegmentWriter._commit_toc
    def _commit_toc(self, segments):
        park()
        real_toc(self, segments)
    SegmentWriter._commit_toc = _commit_toc
elif step == "preparing":
    from reader.library import Library
    real_prepare = Library.prepare_stories
    def prepare_stories(self, *a, cancel=None, **k):
        park(cancel)  # ctrl+c asks the pass to stop: it stops at its next article
        return real_prepare(self, *a, cancel=cancel, **k)
    Library.prepare_stories = prepare_stories

from reader.cli import main
sys.exit(main(["--corpus", corpus, "--index", index_dir, "index"]))
"""

KEPT = "reader: interrupted before the first index was complete;"
PREPARING = "reader: interrupted while preparing the comparisons; the index is up to date"


def _env() -> dict:
    return dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))


def _interrupted_at(step: str, corpus: Path, index_dir: Path, tmp_path: Path) -> tuple[int, str]:
    """(exit status, stderr) of a first `reader index` given SIGINT once parked at `step`."""
    marker = tmp_path / f"at-{step}"
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(CHILD), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(corpus), str(index_dir), str(marker), step],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, proc.communicate()[1][-2000:]
            assert time.monotonic() < deadline, f"never reached {step}"
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, err


def _reader(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], env=_env(), capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(
    ("step", "said"),
    [("loading", KEPT), ("grouping", KEPT), ("writing", KEPT), ("preparing", PREPARING)],
)
def test_ctrl_c_at_each_step_of_a_first_build_leaves_a_usable_state_and_says_so(tmp_path, step, said):
    corpus = make_corpus(tmp_path / "news")
    index_dir = tmp_path / "index"
    status, err = _interrupted_at(step, corpus, index_dir, tmp_path)
    assert status == 130, err[-2000:]
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith(said), err[-2000:]
    where = ("--corpus", str(corpus), "--index", str(index_dir))
    again = _reader(*where, "index", "--no-prepare", "--json")
    assert again.returncode == 0, again.stderr[-2000:]
    report = json.loads(again.stdout)
    if step == "preparing":  # the index was done: nothing read again
        assert (report["indexed"], report["unchanged"]) == (0, len(ARTICLES))
    else:  # nothing committed: built now (from what the loading kept, resume.py)
        assert (report["indexed"], report["unchanged"]) == (len(ARTICLES), 0)
    listed = _reader(*where, "list", "--json")
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert sorted(a["id"] for a in json.loads(listed.stdout)) == sorted(ARTICLES)
