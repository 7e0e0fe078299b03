"""Snapshots of the main screens at a fixed size and theme (pytest-textual-snapshot).

They use the in-memory library double, so a change in the core's titles, quotes or snippets does
not churn them; what they pin is the app's layout and styling. Update with --snapshot-update.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from textual.widgets import Input

from conftest import double_library, settle
from reader.tui.app import ReaderApp

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def paths_of_one_length(monkeypatch):
    """Config and data dirs whose paths have the same length in every run: the help screen shows
    them, and a longer one (pytest-10 after pytest-9, an xdist worker's folder) would add a
    horizontal scrollbar to the snapshot."""
    folder = Path(tempfile.mkdtemp(prefix="reader-snapshot-"))
    monkeypatch.setenv("READER_CONFIG_DIR", str(folder / "config"))
    monkeypatch.setenv("READER_DATA_DIR", str(folder / "data"))
    yield
    shutil.rmtree(folder, ignore_errors=True)


def make_app() -> ReaderApp:
    return ReaderApp(double_library(), theme="textual-dark")


async def steady(pilot) -> None:
    """Workers done, no blinking cursor, no toasts: nothing time-dependent left on screen."""
    await settle(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    pilot.app.clear_notifications()
    await settle(pilot, rounds=1)


def run(*keys: str, open_id: str | None = None):
    async def run_before(pilot) -> None:
        await steady(pilot)
        if open_id:
            pilot.app.screen.open_article(open_id)
            await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot, rounds=1)
        await steady(pilot)

    return run_before


def test_snapshot_source_list(snap_compare):
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run("enter"))


def test_snapshot_article_with_quotes(snap_compare):
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run(open_id="a1"))


def test_snapshot_search_results(snap_compare):
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run("slash", *"budapest"))


def test_snapshot_search_hit_highlighted(snap_compare):
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run("slash", *"budapest", "enter", "n"))


def test_snapshot_help(snap_compare):
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run("question_mark"))


def test_snapshot_grouped_by_story(snap_compare):
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run("g", "enter"))


def test_snapshot_small_terminal(snap_compare):
    assert snap_compare(make_app(), terminal_size=(60, 16), run_before=run(open_id="a1"))


def test_snapshot_compare_seeds(snap_compare, seed_library):
    """The split pane on the real seeds: aligned rows, gutters, shared quotes, the summary bar."""
    from conftest import FOX, MT

    async def run_before(pilot) -> None:
        await steady(pilot)
        pilot.app.open_comparison(MT, FOX)
        await settle(pilot)
        await steady(pilot)

    app = ReaderApp(seed_library, theme="textual-dark")
    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


def test_snapshot_compare_seeds_at_80x24(snap_compare, seed_library):
    """An 80x24 terminal: the compact summary bar (a difference visited) and both panes side by side."""
    from conftest import FOX, MT

    async def run_before(pilot) -> None:
        await steady(pilot)
        pilot.app.open_comparison(MT, FOX)
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await steady(pilot)

    app = ReaderApp(seed_library, theme="textual-dark")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_snapshot_one_pane_list_at_40_columns(snap_compare):
    """Below 90 columns the list has the whole width (one pane): titles, not dates alone."""
    assert snap_compare(make_app(), terminal_size=(40, 20), run_before=run("enter"))
