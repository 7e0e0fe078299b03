"""The search hint in short terminals: it shrinks to one line, and below 14 rows it gives way to
the results while they are listed (the footer names the keys it told); a hint that is all there
is to see (no matches, an error) keeps its line."""

from __future__ import annotations

import pytest

from conftest import drive, press_and_settle, screen_text, settle
from reader.tui.app import ReaderApp
from test_tui_coverage import OUTLETS, wide_library

# Each result takes three rows: outlet · date, title, snippet. The titles' first lines (in a
# 40-column terminal a title wraps after its outlet's first word: its lines hang right of the marks):
TITLES = [f"Summit in Budapest ({outlet.split()[0]}" for outlet in OUTLETS]


def results_in_sight(app) -> int:
    """How many results show their title (its first line)."""
    text = screen_text(app)
    return sum(title in text for title in TITLES)


@pytest.mark.parametrize(
    ("size", "hint_rows", "results"),
    [
        ((80, 12), 0, 2),  # before: the two-line hint left one result and a half
        ((80, 15), 1, 3),  # before: two
        ((40, 15), 1, 3),
        ((80, 24), 2, 5),  # a tall terminal: the whole hint, as before
    ],
)
async def test_the_hint_gives_the_results_room_in_a_short_terminal(size, hint_rows, results):
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, size) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"summit")
        hint = app.screen.query_one("#search-hint")
        assert hint.region.height == hint_rows, (size, hint.region)
        assert results_in_sight(app) >= results, screen_text(app)
        if hint_rows == 1:  # one line, cut between words, with a sign that there is more
            row = screen_text(app).splitlines()[hint.region.y]
            assert row.strip().startswith("12 results.") and row.rstrip().endswith("…"), row


async def test_the_hint_follows_the_terminal_s_height():
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"summit")
        hint = app.screen.query_one("#search-hint")
        assert hint.region.height == 2
        for height, rows in ((15, 1), (12, 0), (30, 2)):
            await pilot.resize_terminal(80, height)
            await settle(pilot)
            assert hint.region.height == rows, (height, hint.region)


@pytest.mark.parametrize("query", ["zzzq", "summit AND"])
async def test_a_hint_that_is_all_there_is_keeps_a_line_in_a_tiny_terminal(query):
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (80, 12)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *query)
        hint = app.screen.query_one("#search-hint")
        assert hint.region.height == 1
        assert screen_text(app).splitlines()[hint.region.y].strip(), screen_text(app)


async def test_the_idle_hint_keeps_a_line_in_a_tiny_terminal():
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (80, 12)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash")
        hint = app.screen.query_one("#search-hint")
        assert hint.region.height == 1
        assert "Type to search" in screen_text(app)


@pytest.mark.parametrize("size", [(100, 30), (40, 10)])
@pytest.mark.parametrize("query", ["budget~abc", "x#y", "date:=2024", '"peace talks"~x', "*"])
async def test_a_malformed_query_s_hint_is_whole_in_a_narrow_search_panel(tmp_path, query, size):
    # In a 100-column terminal the search panel is 39 columns: three rows cut `budget~abc`'s hint
    # before the end of its advice ("(for the words alone, leave out the…"). An error's hint, with
    # nothing listed under it, takes the rows it needs; in a 40x10 terminal it had one line
    # ("~abc: a word's ~ takes the letters it…") above five empty rows of results.
    from conftest import wait_for, write
    from reader.library import Library

    corpus = tmp_path / "corpus"
    write(corpus / "vote.md", "---\ntitle: Budget vote\noutlet: Daily\n---\n\nThe budget vote.\n")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, size) as pilot:
            await settle(pilot)
            await press_and_settle(pilot, "slash", *query)
            panel = app.screen.search_panel
            await wait_for(pilot, lambda: panel.results is not None and panel.shown_query == query)
            await settle(pilot)
            hint = panel.query_one("#search-hint")
            assert hint.content_region.width < 40
            rows = screen_text(app).splitlines()[hint.region.y : hint.region.bottom]
            shown = " ".join(row[hint.content_region.x : hint.content_region.right].strip() for row in rows)
            expected = " ".join(library.search(query).error.split())
            assert shown == expected, rows
    finally:
        library.close()
