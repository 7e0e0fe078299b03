"""The source list after a filter and a resize: its rows are cut to the list's width as it is now
(the list reads its width once a drawing pass: a width kept from before a resize would cut them
wrong, past the list's edge or short of it), also after a theme change."""

from __future__ import annotations

from conftest import Doc, double_library, drive, press_and_settle, settle
from rich.cells import cell_len
from textual.geometry import Region

from reader.tui.app import ReaderApp

LONG = "Talks about the summit 🌍 continue in Budapest as ministers 東京 arrive for the café meeting"


def _library():
    lib = double_library()
    for n in range(40):
        lib.add(Doc(f"long{n}", "Daily Planet", f"{LONG} {n}", "2025-10-2" + str(n % 9), "Text."))
    return lib


def _rows(tree) -> list[str]:
    """The list's lines as drawn now, each its plain text, every one the widget's width in cells."""
    lines = tree.render_lines(Region(0, 0, tree.size.width, tree.size.height))
    for strip in lines:
        assert strip.cell_length == tree.size.width
    return [strip.text for strip in lines]


def _check_cut(tree) -> None:
    room = tree.scrollable_content_region.width - 1
    rows = [row for row in _rows(tree) if "Talks about" in row]
    assert rows
    for row in rows:
        shown = row.rstrip()
        assert "…" in shown, row  # the long title cut with an ellipsis ...
        assert cell_len(shown) <= room, (row, room)  # ... within the list as wide as it is now
        assert cell_len(shown) >= room - 8, (row, room)  # ... not to an older, narrower width


async def test_rows_follow_the_list_s_width_after_a_filter_a_resize_and_a_theme_change():
    app = ReaderApp(_library())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        tree = app.screen.source_list
        await press_and_settle(pilot, "f", *"summit", "enter")
        _check_cut(tree)
        before = tree.scrollable_content_region.width
        for size in [(70, 24), (140, 40), (90, 30)]:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            _check_cut(tree)
        assert tree.scrollable_content_region.width != before
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(pilot)
        _check_cut(tree)
        await press_and_settle(pilot, "f", "end", *["backspace"] * len("summit"), "enter")
        _check_cut(tree)
