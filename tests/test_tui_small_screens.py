"""The app at 80x24 and 60x20 as a keyboard-only user meets it: what the status line says the
keys do, where the focus goes, what is cut."""

from __future__ import annotations

from conftest import drive, press_and_settle, settle
from reader.tui.app import ReaderApp


async def test_the_status_line_says_how_to_step_from_where_the_focus_is(seed_library):
    # One pane: "3 matches: n/N to step" stayed on the status line over the search box, where
    # n and N are typed into the box.
    app = ReaderApp(seed_library)
    async with drive(app, (60, 20)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"lavrov", "enter")
        status = app.screen.status
        assert status.line.startswith("3 matches: n/N to step · ")
        await press_and_settle(pilot, "slash")  # the box, over the article
        assert status.line.startswith("3 matches: esc then n/N to step · ")
        await press_and_settle(pilot, "down")  # the results: n steps through the article from there
        assert app.focused is app.screen.search_panel.result_list
        assert status.line.startswith("3 matches: n/N to step · ")


async def test_one_pane_escape_from_a_search_over_the_article_gives_back_its_status_line(library_double):
    # Back on the article, the status line was empty: the search's line was cleared, the
    # article's not said again.
    app = ReaderApp(library_double)
    async with drive(app, (60, 20)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_article("a1")
        await settle(pilot)
        line = screen.status.line
        assert line
        await press_and_settle(pilot, "slash")
        await press_and_settle(pilot, "escape")
        assert app.focused is screen.reader and screen.status.line == line


async def test_one_pane_slash_over_an_article_opened_from_the_results_then_escape_goes_back_to_it(seed_library):
    # / over an article opened from the search's results, then Escape: the source list came, not
    # the article the user was reading (and the results were dropped).
    app = ReaderApp(seed_library)
    async with drive(app, (60, 20)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "slash", *"lavrov", "enter")
        article = screen.reader.article
        assert article is not None and app.focused is screen.reader
        line = screen.status.line
        await press_and_settle(pilot, "slash")
        assert app.focused is screen.search_panel.input
        await press_and_settle(pilot, "escape")
        assert app.focused is screen.reader and screen.reader.article is article
        assert screen.status.line == line
        # The results are still there, one step further back, as before the /.
        await press_and_settle(pilot, "escape")
        assert app.focused is screen.search_panel.result_list
