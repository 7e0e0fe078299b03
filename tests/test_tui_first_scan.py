"""A first build's scan has no known total: the app's status bar says the files met (and found)
in words, its bar going to and fro, never full: "Indexing 180/180 scanning the corpus" on a full
bar read as the build almost done as it was about to start."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import drive, settle, wait_for

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import make_corpus  # noqa: E402
from test_index_spill import _articles  # noqa: E402

from reader.index import scan  # noqa: E402
from reader.library import Library  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402


async def test_a_first_builds_scan_never_shows_a_full_bar(tmp_path, monkeypatch):
    from textual.widgets import ProgressBar

    monkeypatch.setattr(scan, "UNCOUNTED_STEP", 5)
    corpus = make_corpus(tmp_path / "corpus", _articles(12))
    library = Library([corpus], tmp_path / "index", auto_update=False)
    shown: list[tuple[str, float | None, str]] = []  # (step, the bar's total, the status line)
    real = ReaderApp.on_index_progress

    def on_index_progress(self, message):
        real(self, message)
        screen = self.main_screen
        if screen is None:  # a step said as the app quits (its screen taken down): nothing shows it
            return
        bar = screen.status.query_one("#status-progress", ProgressBar)
        shown.append((message.current, bar.total, screen.status.line))

    monkeypatch.setattr(ReaderApp, "on_index_progress", on_index_progress)
    app = ReaderApp(library)
    try:
        async with drive(app, (120, 30)) as pilot:
            await settle(pilot)
            app.update_index()
            await wait_for(pilot, lambda: app.index_ready and len(app.articles) == 12)
    finally:
        library.close()
    steps = [step for step, _, _ in shown]
    before_loading = shown[: steps.index("loading articles")]  # (a check after the build knows its total)
    scanning = [(total, line) for step, total, line in before_loading if step.startswith(scan.SCANNING)]
    assert "Indexing: scanning the corpus (12 files found)…" in [line for _, line in scanning], shown
    assert {total for total, _ in scanning} == {None}, shown  # to and fro, no count out of itself
