"""The app's first launch on a folder, quit at each step of its first index (loading, grouping the
stories, writing the index, saving it): the screen says the index is being built, quitting
cancels the update without a traceback, and the next launch's update completes the index from
what was kept (docs/scale.md). The update parks at the step until it is cancelled: no sleep
decides the moment."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import drive, screen_text, wait_for  # noqa: E402
from test_index_helpers import ARTICLES, make_corpus  # noqa: E402

from reader.library import Library  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402


class ParkedLibrary(Library):
    """A Library whose first update stops at the first progress step starting with `step` until
    it is cancelled (the app quit), then goes on to see the cancel; `ended` once it returned."""

    def __init__(self, *args, step: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.parked = threading.Event()
        self.ended = threading.Event()
        self.outcome: object = None

    def update(self, progress=None, cancel=None, **kwargs):
        def parking(done: int, total: int, message: str = "") -> None:
            if message.startswith(self.step) and not self.parked.is_set():
                self.parked.set()
                deadline = time.monotonic() + 120
                while not (cancel is not None and cancel()):
                    assert time.monotonic() < deadline, "the app never cancelled its update"
                    self.ended.wait(0.02)  # (never set here: a wait that lets the app run)
            if progress is not None:
                progress(done, total, message)

        try:
            self.outcome = super().update(progress=parking, cancel=cancel, **kwargs)
        except BaseException as exc:
            self.outcome = exc
            raise
        finally:
            self.ended.set()
        return self.outcome


@pytest.mark.parametrize("step", ["loading articles", "grouping the stories", "writing the index", "saving the index"])
async def test_quitting_the_app_at_each_step_of_its_first_index_leaves_a_usable_state(tmp_path, step):
    corpus = make_corpus(tmp_path / "news")
    index_dir = tmp_path / "index"
    library = ParkedLibrary([corpus], index_dir, auto_update=False, step=step)
    app = ReaderApp(library)
    async with drive(app, (120, 40)) as pilot:
        await wait_for(pilot, library.parked.is_set, 120)
        await wait_for(pilot, lambda: "Indexing the corpus folder" in " ".join(screen_text(app).split()))
        await pilot.press("q")
    assert app.return_code in (0, None)
    assert library.ended.wait(120), "the cancelled update never ended"
    from reader.analysis.cancel import Cancelled

    outcome = library.outcome
    if step == "saving the index":  # past the commit: the update finishes, whole, cancelled or not
        assert not isinstance(outcome, BaseException) and not outcome.cancelled, outcome
    else:
        assert isinstance(outcome, Cancelled) or getattr(outcome, "cancelled", False), outcome
    library.close()
    again = Library([corpus], index_dir, auto_update=False)
    try:
        report = again.update()
        assert not report.cancelled
        done = (0, len(ARTICLES)) if step == "saving the index" else (len(ARTICLES), 0)
        assert (report.indexed, report.unchanged) == done
        assert sorted(a.id for a in again.articles()) == sorted(ARTICLES)
        assert again.search("inflation")
    finally:
        again.close()
