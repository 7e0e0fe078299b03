"""The app as a daily tool: the palette's ranking, the search box's history, Escape back to the
coverage row, the export's folder."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from conftest import Doc, StoryDouble, double_library, drive, press_and_settle, settle, wait_for
from reader.tui.app import ReaderApp


def _palette_library():
    """Titles where "hil" is inside a word of one and starts a word of the others."""
    lib = double_library()
    lib.add(Doc("w1", "Fox News", "While Blumenthal Retains Washington Support", "2010-02-20", "Text."))
    lib.add(Doc("h1", "HuffPost", "Biden Sells Tax Deal to Hill Democrats", "2010-12-08", "Text."))
    lib.add(Doc("h2", "The Times", "Hillary Clinton Releases Tax Returns", "2014-07-31", "Text."))
    lib.add(Doc("o1", "HuffPost", "Obama Mocks Congress", "2012-08-01", "Text."))
    lib.story_list = [*lib.story_list, *(StoryDouble(f"x{i}", "", [i]) for i in ("w1", "h1", "h2", "o1"))]
    return lib


async def _palette_titles(pilot, query: str) -> list[str]:
    await press_and_settle(pilot, "ctrl+p")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await press_and_settle(pilot, *query)
    palette = pilot.app.screen
    command_list = palette.query_one("CommandList")
    await wait_for(pilot, lambda: command_list.option_count > 0)
    await settle(pilot)
    titles = [str(command_list.get_option_at_index(i).prompt).split("\n")[0] for i in range(command_list.option_count)]
    await press_and_settle(pilot, "escape")
    return titles


@pytest.mark.parametrize(
    ("query", "first", "last"),
    [
        (
            "hil",
            "The Times · Hillary Clinton Releases Tax Returns",
            "Fox News · While Blumenthal Retains Washington Support",
        ),
        (
            "hill",
            "HuffPost · Biden Sells Tax Deal to Hill Democrats",
            "The Times · Hillary Clinton Releases Tax Returns",
        ),
        ("hil cl", "The Times · Hillary Clinton Releases Tax Returns", None),
        ("hc", "The Times · Hillary Clinton Releases Tax Returns", None),
        ("tax re", "The Times · Hillary Clinton Releases Tax Returns", None),
    ],
)
async def test_the_palette_ranks_word_starts_over_letters_inside_words(query, first, last):
    """ "hil" listed "While Blumenthal…" level with (here above) "Hillary Clinton…": rapidfuzz's
    WRatio scores a substring the same wherever it lies. Word starts and whole words win now;
    letters typed as the starts of words ("hc") name the title too."""
    app = ReaderApp(_palette_library())
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        titles = await _palette_titles(pilot, query)
        assert titles[0] == first, titles
        if last is not None:
            assert titles[-1] == last, titles


async def test_escape_back_to_the_coverage_view_keeps_its_sort_filter_and_column(library_double):
    """v, s (by breadth), →→ to an outlet's mark, o, Escape: the view came back sorted by date,
    on the story's title, as if opened afresh. It comes back as the user left it."""
    from reader.tui.screens.coverage import CoverageScreen

    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "v")
        coverage = app.screen
        assert isinstance(coverage, CoverageScreen)
        await wait_for(pilot, lambda: coverage.rows)
        await press_and_settle(pilot, "s")
        assert coverage.sort == "breadth"
        outlet_column = coverage.column_of("The Bugle")
        while coverage.grid.cursor_column < outlet_column:
            await press_and_settle(pilot, "right")
        row, outlet = coverage._cursor()
        assert outlet == "The Bugle" and row.story == "s1"
        await press_and_settle(pilot, "o")
        await wait_for(pilot, lambda: app.screen is screen and screen.reader.article is not None)
        assert screen.reader.article.id == "b1"
        await press_and_settle(pilot, "escape")
        back = app.screen
        assert isinstance(back, CoverageScreen)
        await wait_for(pilot, lambda: back.rows)
        assert back.sort == "breadth"
        assert back._cursor()[0].story == "s1" and back._cursor()[1] == "The Bugle"
