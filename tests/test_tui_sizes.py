"""The app at the terminal sizes people use (80x24, 60x20, 40x15, 250x60) and across resizes."""

from __future__ import annotations

from conftest import CompareHost, drive, settle
from comparison_doubles import CompareLibrary
from reader.tui.widgets.footer import ReaderFooter


async def test_compact_footer_palette_key_reaches_the_right_edge():
    """The compare screen's compact footer: the palette key, docked right, covers the last column
    (Textual's compact margin left it to the keys scrolled under it: "^p Open…r")."""
    app = CompareHost(CompareLibrary())
    async with drive(app, (60, 20)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(ReaderFooter)
        assert footer.compact
        palette = footer.query_one(".-command-palette")
        assert palette.region.right == app.size.width
