"""The comparison's export dialog on hostile names and a full disk (issue 10, item 10): every
OSError is reported in the dialog, the app keeps running, and a failed write leaves no file."""

import asyncio
import os
import stat
import threading
import time

import pytest
from textual.widgets import Input

import tmpfs_helpers
from comparison_doubles import CompareLibrary
from conftest import (
    CompareHost,
    drive,
    notifications,
    press_and_settle,
    screen_text,
    settle,
    wait_for,
)
from reader.safe_write import write_new_file
from reader.tui.screens.compare import CompareScreen
from reader.tui.widgets.compare_dialogs import ExportPrompt
from reader.tui.widgets.compare_view import CompareBody


async def _submit(app, pilot, value: str) -> None:
    app.screen.query_one("#export-path", Input).value = value
    await press_and_settle(pilot, "enter")


async def test_a_300_character_file_name_is_refused_in_the_dialog(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # the export is proposed there (no Documents in it)
    monkeypatch.setattr("reader.tui.screens.compare.render_markdown", lambda c, notes=(), fold_same=False: "# x\n")
    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        await _submit(app, pilot, str(tmp_path / ("n" * 300 + ".md")))
        assert isinstance(app.screen, ExportPrompt)  # still asking, the app alive
        assert "File name too long" in screen_text(app)
        await _submit(app, pilot, str(tmp_path / "short.md"))
        assert isinstance(app.screen, CompareScreen)
    assert (tmp_path / "short.md").read_text() == "# x\n"


@pytest.fixture
def full_disk(tmp_path):
    with tmpfs_helpers.small_disk(tmp_path / "disk", "64k") as disk:
        disk.fill()
        yield disk.path


async def test_export_to_a_full_disk_says_so_and_a_retry_works(full_disk, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # the export is proposed there (no Documents in it)
    monkeypatch.setattr(
        "reader.tui.screens.compare.render_markdown", lambda c, notes=(), fold_same=False: "# report\n" * 2000
    )
    target = full_disk / "report.md"
    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        await _submit(app, pilot, str(target))
        assert isinstance(app.screen, ExportPrompt)  # back in the dialog, with the reason
        assert "No space left on device" in screen_text(app)
        assert app.screen.query_one("#export-path", Input).value == str(target)
        assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]  # no 0-byte file, no temp
        (full_disk / "filler").unlink()
        await press_and_settle(pilot, "enter")  # the same name again
        assert isinstance(app.screen, CompareScreen)
    assert target.read_text() == "# report\n" * 2000


def test_write_new_file_never_overwrites(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "a.md"
    target.write_text("mine")
    with pytest.raises(FileExistsError):
        write_new_file(target, "theirs")
    assert target.read_text() == "mine" and sorted(p.name for p in folder.iterdir()) == ["a.md"]


def test_a_failed_write_names_the_file_asked_for_never_the_temp_file(tmp_path):
    with tmpfs_helpers.small_disk(tmp_path / "disk", "64k") as disk:
        disk.remount("ro")
        with pytest.raises(OSError) as raised:
            write_new_file(disk.path / "report.md", "# x\n")
        assert raised.value.filename == str(disk.path / "report.md")
        assert "Read-only file system" in str(raised.value)
        disk.remount("rw")
        disk.fill()
        with pytest.raises(OSError) as raised:  # the write itself fails: it named no file
            write_new_file(disk.path / "big.md", "# report\n" * 2000)
        assert raised.value.filename == str(disk.path / "big.md")


async def test_export_to_a_read_only_folder_names_the_file_asked_for(tmp_path, monkeypatch):
    """The dialog said 'Could not export: Read-only file system (/…/.x.md.jmp9pajx.tmp)': a temp
    file the user never asked for."""
    monkeypatch.setenv("HOME", str(tmp_path))  # the export is proposed there (no Documents in it)
    monkeypatch.setattr("reader.tui.screens.compare.render_markdown", lambda c, notes=(), fold_same=False: "# x\n")
    with tmpfs_helpers.small_disk(tmp_path / "disk", "64k") as disk:
        disk.remount("ro")
        app = CompareHost(CompareLibrary())
        async with drive(app, (120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("e")
            await pilot.pause()
            await _submit(app, pilot, str(disk.path / "x.md"))
            assert isinstance(app.screen, ExportPrompt)
            error = str(app.screen.query_one("#export-error").render())
            assert error == f"Could not export: Read-only file system ({disk.path / 'x.md'})", error


def test_an_export_gets_the_permissions_of_any_new_file_not_mkstemps_0600(tmp_path):
    # The export was 0600 (mkstemp's mode): a colleague could not read the report it shared.
    old = os.umask(0o022)
    try:
        write_new_file(tmp_path / "report.md", "# x\n")
        os.umask(0o027)
        write_new_file(tmp_path / "private.md", "# x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "private.md").stat().st_mode) == 0o640


async def test_export_pressed_while_the_rows_are_laid_out_exports_the_comparison(tmp_path, monkeypatch):
    """`e` pressed as a comparison came in (its rows still being laid out, as on a long pair)
    said "Nothing to export yet.", the comparison appearing the moment after."""
    monkeypatch.setenv("HOME", str(tmp_path))  # the export is proposed there (no Documents in it)
    monkeypatch.setattr("reader.tui.screens.compare.render_markdown", lambda c, notes=(), fold_same=False: "# x\n")
    laying_out, release = asyncio.Event(), asyncio.Event()
    real_show = CompareBody.show

    async def slow_show(self, model):
        laying_out.set()
        await release.wait()
        await real_show(self, model)

    monkeypatch.setattr(CompareBody, "show", slow_show)
    gate = threading.Event()
    app = CompareHost(CompareLibrary(gate=gate))
    async with drive(app, (120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")  # still comparing: said so, with the key that exports
        await pilot.pause()
        assert "Still comparing: e exports once the comparison shows." in notifications(app)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        gate.set()
        # The screen is busy laying out: no Pilot wait (each waits for the screen to be idle);
        # the key's action runs as the focused row's binding runs it, outside the screen's loop.
        deadline = time.monotonic() + 30
        while not laying_out.is_set():
            assert time.monotonic() < deadline, "the rows were never laid out"
            await asyncio.sleep(0.05)
        screen.action_export()
        while not isinstance(app.screen, ExportPrompt) and not notifications(app)[1:]:
            assert time.monotonic() < deadline, "e was not answered"
            await asyncio.sleep(0.05)
        release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, ExportPrompt))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert not any("Nothing to export" in note for note in notifications(app))
    assert (tmp_path / "compare-left-vs-right.md").read_text() == "# x\n"
